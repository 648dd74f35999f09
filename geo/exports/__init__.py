"""Exports fit for a slide: the map drawn on the server from our own geometries, stamped with its title,
legend, source and date, as SVG (written directly) or PNG (Pillow); no tile, no browser, no network.

scene     what a map shows (shapes, markers, place names) and its stamp, in longitude/latitude
layout    the page of a slide: a title band, the map, the legend panel, the source line, in pixels
svg, png  the two writers of one laid-out page
mapview   the Carte's current view and layers turned into a scene

Callers import the module they need (``from geo.exports import mapview``): this package re-exports nothing.
"""

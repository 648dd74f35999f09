"""The Carte's folium maps, drawn offline (local Leaflet), every text from a file escaped once.

prepare   everything the Carte draws, prepared once per data version; filters only pick from it
layers    folium layers: communes, EPCI borders, CPTS perimeters, structures, overlays, backgrounds
popups    the popups and the commune card (texts escaped here)
legend    the legend's HTML
styles    colours by kind and status, choropleth classes
encoded   compact encoded geometry and the Leaflet elements that decode it in the browser
geometry_files  shipped shapes as content-named files under static/, fetched once and kept by the browser
preview   the Données page's small map (an import's features, the CPTS editor's communes)

Callers import the module they need (``from geo.maps import layers``): this package re-exports nothing.
"""

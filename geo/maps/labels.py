"""Place names for the offline map ("Sans fond (hors ligne)"), from our own communes: no tile needed to read it.

Each name has the zooms at which it shows, the way a tiled map shows more names as one zooms in: the
département's name on the whole view, then the largest communes, the EPCI names at the middle zooms,
then smaller communes. A small script adds and removes the names on every zoom; names are written with
textContent, so a name from a file is never read as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import geopandas as gpd
from folium.template import Template

from geo import texts
from geo.maps.encoded import _ScriptOnly, script_literal
from geo.reference import LAMBERT93, WGS84, load_departements

MAX_ZOOM = 20
# (communes ranked by population up to this rank, the zoom from which they show): the département view
# (zoom 8.5-9 for Finistère in the page's map) names ten towns; a commune's own view names them all.
COMMUNE_TIERS = ((10, 8.25), (30, 9.75), (100, 10.75), (None, 12.0))
DEPARTEMENT_ZOOMS = (0.0, 9.0)
EPCI_ZOOMS = (10.0, 10.75)  # between the towns' tier and the villages': names never pile up


@dataclass(frozen=True)
class PlaceName:
    lat: float
    lon: float
    text: str  # raw: the browser writes it as text, the exports escape it
    kind: str  # departement, epci, commune
    min_zoom: float
    max_zoom: float = MAX_ZOOM

    def shows_at(self, zoom: float) -> bool:
        return self.min_zoom <= zoom <= self.max_zoom


def _inside_points(geometries: gpd.GeoSeries) -> gpd.GeoSeries:
    """A point inside each shape (a centroid may fall in the sea of a bay), computed in metres."""
    return geometries.to_crs(LAMBERT93).representative_point().to_crs(WGS84)


def place_names(communes: gpd.GeoDataFrame, departement: str | None = None) -> list[PlaceName]:
    """Names of the département, its EPCI and its communes (columns nom, population, epci_nom, geometry).

    In the order the map keeps them when two would overlap: the largest towns, the département, the EPCI,
    then the other communes by population.
    """
    ranked = communes.sort_values("population", ascending=False, kind="stable")
    towns: list[PlaceName] = []
    for rank, (name, point) in enumerate(zip(ranked["nom"], _inside_points(ranked.geometry), strict=True)):
        min_zoom = next(zoom for limit, zoom in COMMUNE_TIERS if limit is None or rank < limit)
        towns.append(PlaceName(round(point.y, 5), round(point.x, 5), str(name), "commune", min_zoom))
    areas: list[PlaceName] = []
    if departement and not communes.empty:
        whole = gpd.GeoSeries([communes.geometry.union_all()], crs=communes.crs)
        point = _inside_points(whole).iloc[0]
        areas.append(PlaceName(round(point.y, 5), round(point.x, 5), departement, "departement", *DEPARTEMENT_ZOOMS))
    epci = communes[communes["epci_nom"].fillna("") != ""].dissolve(by="epci_nom")
    for name, point in zip(epci.index, _inside_points(epci.geometry), strict=True):
        areas.append(PlaceName(round(point.y, 5), round(point.x, 5), str(name), "epci", *EPCI_ZOOMS))
    first = COMMUNE_TIERS[0][0] or 0
    return towns[:first] + areas + towns[first:]


def departement_name(communes: gpd.GeoDataFrame) -> str | None:
    """The name of the département the communes belong to (column departement), from our reference file."""
    codes = set(communes["departement"]) if "departement" in communes else set()
    if len(codes) != 1:
        return None
    deps = load_departements()
    hit = deps.loc[deps["code"] == codes.pop(), "nom"]
    return str(hit.iloc[0]) if len(hit) else None


def shown_at(names: list[PlaceName], zoom: float) -> list[PlaceName]:
    """The names the map shows at `zoom` (the exports write the same ones)."""
    return [name for name in names if name.shows_at(zoom)]


def label_css(scale: float = 1.0) -> str:
    """The names' style: dark text with a white halo, readable on any fill; larger when presenting."""
    def px(size: float) -> str:
        return f"{round(size * scale)}px"

    halo = "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff"
    return (
        ".carte-place{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;pointer-events:none;"
        f"color:#1a1a1a;{halo};font-family:sans-serif}}"
        f".carte-place-commune{{font-size:{px(12)};font-weight:600}}"
        f".carte-place-epci{{font-size:{px(11)};font-style:italic;color:#333;letter-spacing:.04em}}"
        f".carte-place-departement{{font-size:{px(22)};font-weight:700;text-transform:uppercase;"
        "letter-spacing:.18em;color:#2b2b2b;opacity:.8}"
    )


def presentation_css(scale: float) -> str:
    """Inside the map's frame, for a shared screen: the map fills its frame, whose height the page sets
    (frame.PRESENTATION_CSS); popups, tooltips and borders are larger and darker."""
    def px(size: float) -> str:
        return f"{round(size * scale)}px"

    return (
        "#map_div{height:100vh!important}"
        f".carte-popup h4{{font-size:{px(15)}!important}}"
        f".carte-popup table,.leaflet-tooltip{{font-size:{px(13)}!important;color:#000}}"
        ".leaflet-popup-content{min-width:280px}"
        ".carte-popup th{color:#222!important}"
        "path.carte-commune{stroke:#5c5c5c}"
        f".cpts-label{{font-size:{px(13)}!important}}"
        f".leaflet-control-scale-line{{font-size:{px(11)}}}"
    )


class MapStyle(_ScriptOnly):
    """Extra CSS in the map's frame (once, whatever the layers)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var group = {{ this._parent.get_name() }}, bounds = JSON.parse({{ this.bounds }});
            function apply() {
                // Once per frame: a rerun adds the layer again, and must not undo the presenter's pan and zoom.
                if (document.getElementById("carte-map-style") || !group._map) { return; }
                var css = document.createElement("style");
                css.id = "carte-map-style";
                css.textContent = JSON.parse({{ this.css }});
                document.head.appendChild(css);
                var map = group._map, touched = false;
                map.invalidateSize(false);
                map.fitBounds(bounds, {animate: false});  // fitted at the first height, the view would be cut
                // A presenter who resizes the window (or the page its frame) sees the territory whole again, until
                // they move the map themselves.
                ["mousedown", "wheel", "touchstart", "keydown"].forEach(function(name) {
                    map.getContainer().addEventListener(name, function() { touched = true; }, {passive: true});
                });
                function refit() {
                    if (touched) { return; }
                    map.invalidateSize(false);
                    map.fitBounds(bounds, {animate: false});
                }
                new ResizeObserver(refit).observe(map.getContainer());
            }
            apply();
            group.on("add", apply);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, css: str, bounds: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = script_literal(css)
        minx, miny, maxx, maxy = bounds
        self.bounds = script_literal([[miny, minx], [maxy, maxx]])


def map_style(scale: float, bounds: tuple[float, float, float, float]) -> folium.FeatureGroup:
    """Presentation mode's map style, as a layer streamlit-folium can add to a drawn map; `bounds` (min lon,
    min lat, max lon, max lat) are fitted again once the map has its screen's height."""
    group = folium.FeatureGroup(name="carte-style", control=False)  # never listed: no layer control
    MapStyle(presentation_css(scale), bounds).add_to(group)
    return group


class PlaceLabels(_ScriptOnly):
    """The names as div-icon markers in the parent layer, shown or hidden on every zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var group = {{ this._parent.get_name() }};
            if (!document.getElementById("carte-place-style")) {
                var css = document.createElement("style");
                css.id = "carte-place-style";
                css.textContent = JSON.parse({{ this.css }});
                document.head.appendChild(css);
            }
            var items = JSON.parse({{ this.payload }}).map(function(l) {
                var span = document.createElement("span");
                span.className = "carte-place carte-place-" + l[3];
                span.textContent = l[2];
                var marker = L.marker([l[0], l[1]], {interactive: false, keyboard: false,
                    icon: L.divIcon({className: "carte-label-anchor", iconSize: null, html: span})});
                return {marker: marker, min: l[4], max: l[5]};
            });
            function show() {
                var map = group._map;
                if (!map) { return; }
                var zoom = map.getZoom();
                items.forEach(function(item) {
                    var on = zoom >= item.min && zoom <= item.max;
                    if (on && !group.hasLayer(item.marker)) { group.addLayer(item.marker); }
                    if (!on && group.hasLayer(item.marker)) { group.removeLayer(item.marker); }
                });
                // A name that would cover one kept before it (a larger town) is hidden at this zoom.
                var kept = [];
                items.forEach(function(item) {
                    var icon = group.hasLayer(item.marker) && item.marker.getElement();
                    if (!icon) { return; }
                    var span = icon.firstChild, box;
                    span.style.visibility = "";
                    box = span.getBoundingClientRect();
                    if (kept.some(function(k) {
                        return box.left < k.right && box.right > k.left && box.top < k.bottom && box.bottom > k.top;
                    })) { span.style.visibility = "hidden"; } else { kept.push(box); }
                });
            }
            function attach() { group._map.on("zoomend", show); show(); }
            if (group._map) { attach(); }
            group.on("add", attach);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, names: list[PlaceName], scale: float = 1.0) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.payload = script_literal([[n.lat, n.lon, n.text, n.kind, n.min_zoom, n.max_zoom] for n in names])
        self.css = script_literal(label_css(scale))


def labels_layer(names: list[PlaceName], scale: float = 1.0) -> folium.FeatureGroup:
    """The place names as one layer, for the offline background (tiles carry their own names)."""
    group = folium.FeatureGroup(name=texts.LAYER_PLACES)
    PlaceLabels(names, scale).add_to(group)
    return group

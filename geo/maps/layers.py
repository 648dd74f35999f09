"""Folium map builders: offline Leaflet layers (popups: geo.maps.popups, styles: geo.maps.styles, legend: geo.maps.legend).

Why it is built this way:
- Leaflet is served by the app (`/app/static/vendor/leaflet/`), never by a
  CDN, and only Leaflet is used: GeoJson layers with circle markers need
  nothing else (folium's Popup/Icon would pull jQuery and awesome-markers).
- Every text in a popup or tooltip is escaped in Python (texts.esc) and the
  features carry only that escaped text and style numbers: no raw property
  from a file reaches the page, not even inside the embedded JSON.
- Geometry is simplified once with the commune coverage kept (no gaps or
  slivers between neighbours) and rounded to 5 decimals, to keep the map
  payload small; callers cache the result.
- Shipped shapes (communes, EPCI borders) may leave the map's HTML
  (`share=`): the browser fetches them once from a content-named static file
  and keeps them (geo.maps.geometry_files); the store's properties stay in the map.
"""

from __future__ import annotations

import json
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.template import Template

from geo import texts
from geo.maps import popups
from geo.maps.encoded import Decoder, EncodedGeoJson, Labels, Share, encoded_features
from geo.maps.styles import (
    COMMUNE_LINE,
    CPTS_DEFAULT_STYLE,
    CPTS_STYLES,
    EPCI_LINE,
    KIND_COLORS,
    LAND,
    SEA,
    STATUS_STYLES,
)
from geo.reference import LAMBERT93, WGS84

LEAFLET_JS = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]

SIMPLIFY_M = 120  # metres; sub-pixel at the département view (about 200 m per pixel)
PRECISION = 1e-5  # degrees, about 1 m

BIND_POPUP = folium.JsCode(
    "function(feature, layer) {"
    " if (feature.properties.popup) { layer.bindPopup(feature.properties.popup, {maxWidth: 360}); }"
    " if (feature.properties.tip) { layer.bindTooltip(feature.properties.tip, {sticky: true}); }"
    "}"
)
def simplify(frame: gpd.GeoDataFrame, tolerance_m: float = SIMPLIFY_M) -> gpd.GeoDataFrame:
    """Simplify a coverage of polygons (communes) once, keeping shared borders shared."""
    projected = frame.geometry.to_crs(LAMBERT93).values
    simplified = gpd.GeoSeries(shapely.coverage_simplify(projected, tolerance_m), crs=LAMBERT93).to_crs(WGS84)
    out = frame.copy()
    out["geometry"] = shapely.make_valid(shapely.set_precision(simplified.values, PRECISION))
    return out


def structure_features(structures: gpd.GeoDataFrame, spread_m: float = 250.0) -> list[dict[str, Any]]:
    """Point features with escaped popup/tooltip and style numbers.

    Structures placed at the same point (several in one commune, no address
    position) are drawn on a small ring around it so each stays clickable;
    their popups say the position is approximate.
    """
    if structures.empty:
        return []
    pts = structures.geometry.to_crs(LAMBERT93)
    key = pts.x.round(0).astype(str) + ":" + pts.y.round(0).astype(str)
    rank = key.groupby(key).cumcount()
    size = key.map(key.value_counts())
    angle = 2 * np.pi * rank / size
    dx = np.where(size > 1, spread_m * np.cos(angle), 0.0)
    dy = np.where(size > 1, spread_m * np.sin(angle), 0.0)
    shown = gpd.GeoSeries(shapely.points(pts.x + dx, pts.y + dy), crs=LAMBERT93).to_crs(WGS84)
    shown = shapely.set_precision(shown.values, PRECISION)
    # k and t are what the map's filters read in the browser (geo/maps/controls.js), the status read as
    # geo.structures.selected reads it, so the map counts what every other count counts.
    props = [
        {"popup": popups.structure_popup(row), "tip": f"{texts.esc(row['name'])} — {texts.KIND_SHORT.get(row['kind'], '')}",
         "s": marker_style(row["kind"], row["status"]), "k": str(row["kind"]), "t": str(row["status"]).strip().lower()}
        for _, row in structures.iterrows()
    ]
    return encoded_features(shown, props)


def marker_style(kind: str, status: str) -> dict[str, Any]:
    """Colour by kind, outline and fill by status (readable in greyscale too)."""
    color = KIND_COLORS.get(kind, KIND_COLORS["autre"])
    style = STATUS_STYLES.get(status, STATUS_STYLES["ouvert"])
    return {"color": color, "fillColor": color, **style}


def structures_layer(features: list[dict[str, Any]], name: str = texts.LAYER_STRUCTURES) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    EncodedGeoJson(
        features,
        base_style={"opacity": 1, "fill": True},
        on_each_feature=BIND_POPUP,
        class_name="carte-structure",
    ).add_to(group)
    return group


# The commune popup is built in the browser from plain values with textContent
# (never parsed as HTML): 277 popups as values weigh a third of them as HTML.
BIND_COMMUNE = folium.JsCode(
    "function(feature, layer) {"
    " var p = feature.properties, labels = " + json.dumps([label for _, label in popups.COMMUNE_FIELDS]) + ";"
    " layer.bindTooltip(p.tip, {sticky: true});"
    " layer.bindPopup(function() {"
    "  var div = document.createElement('div'), h = document.createElement('h4'), t = document.createElement('table');"
    "  div.className = 'carte-popup'; h.textContent = p.nom; div.appendChild(h); div.appendChild(t);"
    "  labels.forEach(function(label, i) {"
    "   var tr = t.insertRow(), th = document.createElement('th');"
    "   th.textContent = label; tr.appendChild(th); tr.insertCell().textContent = p.v[i];"
    "  });"
    # The fiche of the commune in a new tab: the map's sandboxed iframe may open popups, not navigate the page.
    # p.v[0] is the INSEE code.
    "  var a = document.createElement('a'); a.className = 'carte-fiche-link'; a.target = '_blank'; a.rel = 'noopener';"
    "  a.href = '/fiche?commune=' + encodeURIComponent(p.v[0]); a.textContent = " + json.dumps(texts.FICHE_OPEN) + ";"
    "  div.appendChild(a);"
    "  return div;"
    " }, {maxWidth: 360});"
    "}"
)


def commune_features(communes: gpd.GeoDataFrame, cards: pd.DataFrame,
                     shades: list[list[int]] | None = None) -> list[dict[str, Any]]:
    """Encoded commune polygons with their card values and, per colouring, the class of each commune.

    The map recolours communes in the browser from these class numbers: a change of colouring sends nothing.
    """
    classes = shades if shades is not None else [None] * len(communes)
    props = [
        {"nom": nom, "tip": texts.esc(nom), "v": popups.card_values(card), **({"c": shade} if shade else {})}
        for nom, card, shade in zip(communes["nom"], cards.to_dict("records"), classes, strict=True)
    ]
    return encoded_features(communes.geometry.values, props)


def communes_layer(features: list[dict[str, Any]], name: str = texts.LAYER_COMMUNES, fill_opacity: float = 0.85,
                   share: Share = "none") -> folium.FeatureGroup:
    """`share`: "geometry" when the shapes are the shipped communes (a file the browser keeps, geometry_files)."""
    group = folium.FeatureGroup(name=name)
    EncodedGeoJson(
        features,
        base_style={"color": COMMUNE_LINE, "weight": 0.6, "fillColor": LAND, "fillOpacity": fill_opacity},
        on_each_feature=BIND_COMMUNE,
        hover_style={"weight": 2.5, "color": "#000000"},
        class_name="carte-commune",
        share=share,
    ).add_to(group)
    return group


def inner_borders(communes: gpd.GeoDataFrame, group_column: str, label: str) -> list[dict[str, Any]]:
    """The borders between groups of communes (EPCI), as lines, each drawn once.

    The coast and the département's edge are left out: the communes already
    draw them, and lines are lighter than polygons and never catch a click.
    """
    groups = communes[communes[group_column] != ""].dissolve(by=group_column)
    lines = shapely.union_all(shapely.boundary(groups.geometry.values))
    outer = shapely.boundary(shapely.union_all(groups.geometry.values))
    inner = shapely.set_precision(lines.difference(outer.buffer(PRECISION)), PRECISION)
    # The overlay leaves one piece per segment: merged lines encode far smaller.
    inner = shapely.line_merge(inner)
    return encoded_features([inner], [{"tip": texts.esc(label)}])


def outline_layer(features: list[dict[str, Any]], name: str, color: str = EPCI_LINE, weight: float = 2.2,
                  share: Share = "none") -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    EncodedGeoJson(
        features,
        base_style={"color": color, "weight": weight, "opacity": 0.9, "fill": False},
        on_each_feature=BIND_POPUP,
        class_name="carte-border",
        share=share,
    ).add_to(group)
    return group


def cpts_features(perimeters: gpd.GeoDataFrame) -> dict[str, Any]:
    """{"areas": encoded perimeters with popups, "labels": a point inside each, for its name}."""
    if perimeters.empty:
        return {"areas": [], "labels": []}
    perimeters = perimeters.fillna("")
    tips = perimeters["name"].map(texts.esc)
    props = [
        {"popup": popups.cpts_popup(row), "tip": tip, "s": CPTS_STYLES.get(row["status"], CPTS_DEFAULT_STYLE)}
        for (_, row), tip in zip(perimeters.iterrows(), tips, strict=True)
    ]
    areas = encoded_features(shapely.set_precision(perimeters.geometry.values, PRECISION), props)
    inside = perimeters.geometry.to_crs(LAMBERT93).representative_point().to_crs(WGS84)
    labels = [(round(p.y, 5), round(p.x, 5), tip) for p, tip in zip(inside, tips, strict=True)]
    return {"areas": areas, "labels": labels}


def cpts_layer(features: dict[str, Any], name: str = texts.LAYER_CPTS) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    EncodedGeoJson(
        features["areas"],
        base_style={"weight": 3, "fillOpacity": 0.22, "opacity": 1},
        on_each_feature=BIND_POPUP,
        class_name="carte-cpts",
    ).add_to(group)
    Labels(features["labels"], "cpts-label").add_to(group)
    return group


def overlay_features(frame: gpd.GeoDataFrame, max_fields: int = 12) -> list[dict[str, Any]]:
    """Any imported layer as features with an escaped popup of its first properties."""
    frame = frame.to_crs(WGS84)
    fields = [c for c in frame.columns if c != frame.geometry.name][:max_fields]
    label = next((c for c in fields if c.lower() in ("nom", "name", "libelle", "label")), fields[0] if fields else None)
    values = frame[fields].astype(str).replace({"nan": "", "None": ""})
    props = [
        {"popup": popups.overlay_popup(row),
         "tip": texts.esc(row[label]) if label else ""}
        for row in values.to_dict("records")
    ]
    return encoded_features(shapely.set_precision(frame.geometry.values, PRECISION), props)


def overlay_layer(features: list[dict[str, Any]], name: str, color: str = "#6c3483") -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    EncodedGeoJson(
        features,
        base_style={"color": color, "weight": 2, "fillOpacity": 0.15, "fillColor": color, "radius": 6},
        on_each_feature=BIND_POPUP,
        class_name="carte-overlay",
    ).add_to(group)
    return group


def highlight_layer(geometry: shapely.Geometry, label: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=texts.LAYER_SEARCHED)
    EncodedGeoJson(
        encoded_features([shapely.set_precision(geometry, PRECISION)], [{"tip": texts.esc(label)}]),
        base_style={"color": "#e4007c", "weight": 5, "fillOpacity": 0.0},
        on_each_feature=BIND_POPUP,
        class_name="carte-highlight",
    ).add_to(group)
    return group


class _Frame(folium.MacroElement):
    """Map chrome that Leaflet alone provides: background colour, metric scale, label style, popup style."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            map.getContainer().style.background = "{{ this.background }}";
            L.control.scale({imperial: false}).addTo(map);  // metres only: folium's control_scale adds miles
            var css = document.createElement("style");
            css.textContent = ".carte-label-anchor{width:0;height:0}"
                + ".cpts-label{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;"
                + "background:rgba(255,255,255,.88);border:1px solid #1e8449;border-radius:3px;"
                + "font:600 13px/1.2 sans-serif;color:#14532d;padding:2px 6px}"
                + ".carte-popup h4{margin:0 0 6px;font:600 15px sans-serif}"
                + ".carte-popup table{border-collapse:collapse;font:13px/1.35 sans-serif}"
                + ".carte-popup th{text-align:left;vertical-align:top;padding:1px 8px 1px 0;color:#555;font-weight:500}"
                + ".carte-popup td{padding:1px 0}";
            document.head.appendChild(css);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, background: str) -> None:
        super().__init__()
        self.background = background


BACKGROUNDS = {
    texts.BACKGROUND_NONE: None,
    texts.BACKGROUND_OSM: ("OpenStreetMap", "© contributeurs OpenStreetMap"),
    texts.BACKGROUND_LIGHT: ("CartoDB positron", "© OpenStreetMap, © CARTO"),
}


def base_map(bounds: tuple[float, float, float, float], background: str = texts.BACKGROUND_NONE,
             view: tuple[float, float, float] | None = None) -> folium.Map:
    """An empty map fitted to `bounds` (minx, miny, maxx, maxy), or opened at `view` (lat, lon, zoom) from a link.

    Leaflet is served locally; with no background the map draws fully offline on a sea-coloured ground.
    """
    minx, miny, maxx, maxy = bounds
    m = folium.Map(
        location=[view[0], view[1]] if view else [(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=view[2] if view else 9,  # type: ignore[arg-type]  # Leaflet zooms by quarters here (zoom_snap)
        tiles=None,
        control_scale=False,  # _Frame adds a metric-only scale
        prefer_canvas=False,
        zoom_snap=0.25,  # fit the département to the frame, not to the nearest whole zoom
    )
    m.default_js = LEAFLET_JS
    m.default_css = LEAFLET_CSS
    Decoder().add_to(m)  # before any layer: the layers' scripts call it
    tile = BACKGROUNDS.get(background)
    if tile is not None:
        folium.TileLayer(tile[0], attr=tile[1], name=background, control=False).add_to(m)
    if view is None:
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    _Frame(SEA if tile is None else "#ffffff").add_to(m)
    return m



"""The fiche's small map: communes coloured by distance to the nearest MSP, the territory outlined, structures,
and — in a scenario — the hypothetical MSP with a « Scénario — non officiel » banner on the map itself.

Built from the Carte's offline pieces (local Leaflet, encoded geometry, escaped texts).
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium.template import Template

from geo import texts
from geo.maps import layers as maps
from geo.maps.encoded import EncodedGeoJson, encoded_features

DISTANCE_BOUNDS_KM = (5, 10, 15, 20)
DISTANCE_COLORS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
NO_TARGET_COLOR = "#bdbdbd"


def distance_color(metres: float) -> str:
    """The class colour of a distance; grey when there is no mapped MSP at all.

    >>> distance_color(4000), distance_color(25000), distance_color(float("nan"))
    ('#fef0d9', '#b30000', '#bdbdbd')
    """
    if np.isnan(metres):
        return NO_TARGET_COLOR
    for bound, color in zip(DISTANCE_BOUNDS_KM, DISTANCE_COLORS, strict=False):
        if metres < bound * 1000:
            return color
    return DISTANCE_COLORS[-1]


def legend_html() -> str:
    """The distance classes, in our own words (escaped)."""
    swatch = ('<div style="display:flex;align-items:center;gap:8px;margin:2px 0"><span style="display:inline-block;'
              'width:20px;height:14px;background:{};border:1px solid #999;flex:none"></span><span>{}</span></div>')
    rows = [swatch.format(c, texts.esc(label))
            for c, label in zip((*DISTANCE_COLORS, NO_TARGET_COLOR), texts.FICHE_DISTANCE_CLASSES, strict=False)]
    return f'<div style="font-size:14px"><b>{texts.esc(texts.FICHE_LEGEND_TITLE)}</b>{"".join(rows)}</div>'


class Banner(folium.MacroElement):
    """A fixed label in the map's corner (our own text, escaped, passed as a JSON string)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var box = L.control({position: "topright"});
            box.onAdd = function() {
                var div = L.DomUtil.create("div", "carte-scenario-banner");
                div.style.cssText = "background:#e4007c;color:#fff;font:700 15px sans-serif;"
                    + "padding:6px 10px;border-radius:4px";
                div.textContent = {{ this.text }};
                return div;
            };
            box.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = json.dumps(text)


def distance_features(communes: gpd.GeoDataFrame, access: pd.DataFrame) -> list[dict[str, object]]:
    """Commune polygons (already simplified) with a fill by distance class and a tooltip."""
    dist = access.set_index("code")["msp_m"]
    props = []
    for code, nom in zip(communes["code"], communes["nom"], strict=False):
        metres = float(dist.get(code, np.nan))
        shown = texts.FICHE_NO_TARGET if np.isnan(metres) else texts.fmt_km(metres)
        props.append({"tip": texts.esc(texts.FICHE_TIP.format(nom=nom, code=code, dist=shown)),
                      "s": {"fillColor": distance_color(metres)}})
    return encoded_features(communes.geometry.values, props)


def view_bounds(frame: gpd.GeoDataFrame, min_span: float = 0.5) -> tuple[float, float, float, float]:
    """The frame's bounds widened to at least `min_span` degrees: a commune is shown among its neighbours."""
    minx, miny, maxx, maxy = frame.total_bounds
    pad_x, pad_y = max(0.0, min_span - (maxx - minx)) / 2, max(0.0, min_span * 0.66 - (maxy - miny)) / 2
    return (minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y)


def fiche_map(communes: gpd.GeoDataFrame, access: pd.DataFrame, territory_codes: set[str],
              structures: gpd.GeoDataFrame, scenario: bool = False) -> folium.Map:
    """`communes` simplified (geo.maps.layers.simplify); fitted to the territory; `scenario` adds the banner."""
    chosen = communes[communes["code"].isin(territory_codes)]
    m = maps.base_map(view_bounds(chosen if len(chosen) else communes))
    EncodedGeoJson(distance_features(communes, access),
                   base_style={"color": "#8a8a8a", "weight": 0.5, "fillOpacity": 0.8},
                   on_each_feature=maps.BIND_POPUP, class_name="fiche-commune").add_to(m)
    if len(chosen):
        maps.highlight_layer(chosen.union_all(), ", ".join(chosen["nom"].head(3))).add_to(m)
    if len(structures):
        maps.structures_layer(maps.structure_features(structures)).add_to(m)
    if scenario:
        Banner(texts.SCENARIO_MAP_BANNER).add_to(m)
    return m

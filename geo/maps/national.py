"""The France and région maps: light first views, communes only where the user goes.

- France: the 101 départements (overseas in insets, as on the Couverture page) coloured by a
  baromètre indicator (the MSP rate by default). No commune is sent: a click on a département
  selects it, and the Carte page then loads that département's communes (its own file, data/).
- Région: the communes of its départements, simplified as one coverage (neighbours across a
  départemental border still share theirs) with a tolerance grown with the région's size, so that
  the largest région stays under REGION_BUDGET_BYTES; every commune stays drawable
  (geo.maps.coverage). A click on a commune selects its département.

What is built here depends on shipped files only: kept with lru_cache (see caching.py); the France map's
colours also on the baromètre's version, so a new download recolours it.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo import barometer, reference, texts, zones
from geo.access.nearest import crs_of_departement
from geo.charts.national_map import departements_geojson, map_table
from geo.maps import geometry_files
from geo.maps import layers as maps
from geo.maps.coverage import drawable_simplify, rounded
from geo.maps.encoded import EncodedGeoJson, encoded_features
from geo.maps.styles import CHOROPLETH_COLORS, COMMUNE_LINE, EPCI_LINE, LAND, Classes

FRANCE_METRIC = "rate:IND-311"  # the baromètre's MSP progress rate, in %
RATE_CLASSES = Classes((20.0, 40.0, 60.0, 80.0, 100.0, math.inf), tuple(CHOROPLETH_COLORS))
NO_VALUE = "#d9d9d9"
# Simplification of a région's communes: metres per square root of km² of the région, within bounds.
# Measured with scripts/bench_map.py: Grand Est (5 100 communes) then stays under 1.5 MB.
REGION_TOLERANCE_PER_KM = 2.2
REGION_TOLERANCE_MIN_M, REGION_TOLERANCE_MAX_M = 150.0, 900.0
CLICK_SELECTS = folium.JsCode(
    "function(feature, layer) { if (feature.properties.tip) { layer.bindTooltip(feature.properties.tip, {sticky: true}); } }"
)
METROPOLE_BOUNDS = (-9.9, 41.3, 9.6, 51.1)  # with the overseas insets west of the Bay of Biscay


# --- France --------------------------------------------------------------------------


def france_features(metric: str = FRANCE_METRIC) -> list[dict[str, Any]]:
    """The départements, each with its code (what a click selects), a tooltip and a fill by `metric`."""
    return _france_features(metric, barometer.series_version())


@lru_cache(maxsize=4)
def _france_features(metric: str, version: str) -> list[dict[str, Any]]:
    """france_features for one baromètre version (`version` keys the cache only)."""
    shapes = gpd.read_file(departements_geojson())
    table = map_table(metric).set_index("code")
    props = []
    for code in shapes["code"]:
        row = table.loc[code] if code in table.index else None
        value = None if row is None or pd.isna(row["value"]) else float(row["value"])
        tip = row["hover"] if row is not None else texts.esc(str(code))
        props.append({"code": str(code), "tip": tip,
                      "s": {"fillColor": NO_VALUE if value is None else RATE_CLASSES.color(value)}})
    return encoded_features(shapes.geometry.values, props)


def france_map(features: list[dict[str, Any]]) -> folium.Map:
    m = maps.base_map(METROPOLE_BOUNDS)
    EncodedGeoJson(
        features,
        base_style={"color": EPCI_LINE, "weight": 0.8, "fillOpacity": 0.9},
        on_each_feature=CLICK_SELECTS,
        hover_style={"weight": 3, "color": "#000000"},
        class_name="carte-departement",
        share="geometry",  # the shapes are shipped; tooltips and colours follow the baromètre, in the map
    ).add_to(m)
    return m


def legend_rows() -> list[tuple[str, str]]:
    """(colour, label) of each class of the France map, from the lowest."""
    rows, lower = [], 0.0
    for bound, color in zip(RATE_CLASSES.bounds, RATE_CLASSES.colors, strict=True):
        label = texts.FRANCE_LEGEND_ABOVE.format(low=texts.fmt_int(lower)) if math.isinf(bound) else \
            texts.FRANCE_LEGEND_CLASS.format(low=texts.fmt_int(lower), high=texts.fmt_int(bound))
        rows.append((color, label))
        lower = bound
    return [*rows, (NO_VALUE, texts.FRANCE_LEGEND_NONE)]


def legend_html() -> str:
    """The France map's classes, as HTML beside the map (plain CSS swatches: st.html drops inline SVG)."""
    row = ('<div style="display:flex;align-items:center;gap:8px;margin:2px 0"><span style="display:inline-block;'
           'width:20px;height:20px;border-radius:2px;border:1px solid #999;background:{}"></span><span>{}</span></div>')
    body = "".join(row.format(color, texts.esc(label)) for color, label in legend_rows())
    return f'<div style="font-size:15px;line-height:1.3">{body}</div>'


# --- Région --------------------------------------------------------------------------


def region_name(region_code: str) -> str:
    regions = reference.load_regions()
    names = regions.loc[regions["code"] == region_code, "nom"]
    return str(names.iloc[0]) if not names.empty else region_code


def region_departements(region_code: str) -> list[str]:
    deps = reference.load_departements()
    return sorted(deps.loc[deps["region"] == region_code, "code"])


def region_tolerance_m(area_km2: float) -> float:
    """Coarser for a larger région: the same screen shows it, so a pixel covers more ground.

    >>> region_tolerance_m(27_000), region_tolerance_m(57_000), region_tolerance_m(400)
    (361.5, 525.2, 150.0)
    """
    tolerance = REGION_TOLERANCE_PER_KM * math.sqrt(area_km2)
    return round(min(REGION_TOLERANCE_MAX_M, max(REGION_TOLERANCE_MIN_M, tolerance)), 1)


@lru_cache(maxsize=4)
def region_communes(region_code: str) -> gpd.GeoDataFrame:
    """The communes of a région (code, nom, departement), simplified for the région's view."""
    deps = region_departements(region_code)
    communes = pd.concat([reference.load_communes(dep)[["code", "nom", "departement", "surface_km2", "geometry"]]
                          for dep in deps], ignore_index=True)
    communes = gpd.GeoDataFrame(communes, geometry="geometry", crs=reference.WGS84)
    projected = communes.geometry.to_crs(crs_of_departement(deps[0]))  # a région never mixes overseas and metropole
    tolerance = region_tolerance_m(float(communes["surface_km2"].sum()))
    simplified = gpd.GeoSeries(drawable_simplify(projected.values, tolerance), crs=projected.crs).to_crs(reference.WGS84)
    communes["geometry"] = rounded(simplified.values)
    return communes


@lru_cache(maxsize=4)
def region_features(region_code: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(communes with their département code and a tooltip, the borders between départements)."""
    communes = region_communes(region_code)
    props = [{"code": dep, "tip": texts.esc(texts.REGION_COMMUNE_TIP.format(nom=nom, dep=dep))}
             for nom, dep in zip(communes["nom"], communes["departement"], strict=True)]
    borders = maps.inner_borders(communes.assign(dep=communes["departement"]), "dep", texts.REGION_BORDERS)
    return encoded_features(communes.geometry.values, props), borders


def region_map(region_code: str) -> folium.Map:
    communes, borders = region_features(region_code)
    m = maps.base_map(tuple(region_communes(region_code).total_bounds))
    EncodedGeoJson(
        communes,
        base_style={"color": COMMUNE_LINE, "weight": 0.4, "fillColor": LAND, "fillOpacity": 0.9},
        on_each_feature=CLICK_SELECTS,
        hover_style={"weight": 2, "color": "#000000"},
        class_name="carte-commune",
        share="features",  # shapes, names and codes are all shipped data: one file per région
    ).add_to(m)
    if borders:
        maps.outline_layer(borders, texts.REGION_BORDERS, share="features").add_to(m)
    return m


# --- Both ----------------------------------------------------------------------------


def clicked_departement(state: Any) -> str | None:
    """The département zone ('D29') of the feature last clicked, from st_folium's returned state."""
    drawing = state.get("last_active_drawing") if isinstance(state, dict) else None
    props = drawing.get("properties") if isinstance(drawing, dict) else None
    code = props.get("code") if isinstance(props, dict) else None
    if not isinstance(code, str) or zones.level_of(zones.departement_id(code)) != "departement":
        return None
    return zones.departement_id(code)


def payload_bytes(m: folium.Map) -> int:
    """Bytes of a first view of the map: its HTML (what st_folium sends) and the shared files it fetches."""
    html = m.get_root().render()
    return len(html.encode()) + sum(geometry_files.file_bytes(url) for url in geometry_files.urls_in(html))

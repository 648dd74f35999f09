"""The small preview map of the Données page: an import's features, or the communes a CPTS editor clicks.

Same pieces as the Carte (local Leaflet, encoded geometry, every text escaped);
the editor reads a click back from the commune's tooltip (reference.commune_labels: 'Nom (code)').
"""

from __future__ import annotations

import re

import folium
import geopandas as gpd
import numpy as np
import shapely

from geo import texts, zones
from geo.maps import layers as maps
from geo.maps.encoded import EncodedGeoJson, encoded_features
from geo.maps.styles import LAND
from geo.reference import commune_labels

PREVIEW_COLOR = "#c0392b"
_TOOLTIP_CODE = re.compile(r"\(([^()]*)\)\s*$")  # what the last brackets hold


def commune_code_from_tooltip(text: str | None) -> str | None:
    """'Quimper (29232)' -> '29232': the editor map's click, read back from the tooltip.

    >>> commune_code_from_tooltip("Ajaccio (2A004)"), commune_code_from_tooltip(None)
    ('2A004', None)
    """
    match = _TOOLTIP_CODE.search(str(text or ""))
    return match.group(1) if match and zones.level_of(match.group(1)) == "commune" else None


def preview_map(features: gpd.GeoDataFrame | None, tips: list[str], outline: gpd.GeoDataFrame,
                communes: gpd.GeoDataFrame | None = None, commune_tips: list[str] | None = None,
                selected: set[str] | None = None, max_features: int = 5000) -> folium.Map:
    """A small offline map: the département outline, optional clickable communes, the features in red."""
    bounds = outline.total_bounds
    shown = features.iloc[:max_features] if features is not None and len(features) else None
    if shown is not None and np.isfinite(shown.total_bounds).all():
        fb = shown.total_bounds
        bounds = [min(bounds[0], fb[0]), min(bounds[1], fb[1]), max(bounds[2], fb[2]), max(bounds[3], fb[3])]
    m = maps.base_map(tuple(bounds))
    EncodedGeoJson(encoded_features(outline.geometry.values, [{}] * len(outline)), interactive=False,
                   base_style={"color": "#555555", "weight": 1.5, "fillColor": LAND, "fillOpacity": 1},
                   on_each_feature=maps.BIND_POPUP).add_to(m)
    if communes is not None:
        chosen = selected or set()
        labels = commune_tips or list(commune_labels(communes).values())
        props = [{"tip": texts.esc(label), "s": {"fillColor": PREVIEW_COLOR if code in chosen else "#ffffff"}}
                 for label, code in zip(labels, communes["code"], strict=True)]
        EncodedGeoJson(encoded_features(communes.geometry.values, props),
                       base_style={"color": "#888888", "weight": 0.6, "fillOpacity": 0.55},
                       hover_style={"weight": 2, "color": "#222222"}, on_each_feature=maps.BIND_POPUP,
                       class_name="carte-commune").add_to(m)
    if shown is not None:
        point = {"radius": 6, "color": "#ffffff", "weight": 1.5, "fillOpacity": 0.9}
        props = [{"tip": texts.esc(tip), **({"s": point} if g is not None and g.geom_type == "Point" else {})}
                 for tip, g in zip(tips[:max_features], shown.geometry.values, strict=True)]
        geoms = shapely.set_precision(np.asarray(shown.geometry.values), maps.PRECISION)
        EncodedGeoJson(encoded_features(geoms, props),
                       base_style={"color": PREVIEW_COLOR, "weight": 2, "fillColor": PREVIEW_COLOR, "fillOpacity": 0.25},
                       on_each_feature=maps.BIND_POPUP, class_name="carte-apercu").add_to(m)
    return m

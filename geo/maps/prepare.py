"""Everything the Carte page draws, prepared once per set of layers.

The heavy work (simplifying communes, escaping every popup, dissolving
perimeters, nearest-MSP distances) happens here once; a filter change only
picks features from what is prepared, which keeps a rerun cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.maps import layers as maps, styles
from geo.cards import commune_cards
from geo.territories import build_perimeters

CHOROPLETHS = {
    texts.CHOROPLETH_NONE: None,
    texts.CHOROPLETH_POPULATION: "population",
    texts.CHOROPLETH_DENSITY: "densite",
}


@dataclass(frozen=True)
class MapData:
    bounds: tuple[float, float, float, float]
    communes: gpd.GeoDataFrame  # simplified, for drawing and highlighting
    cards: pd.DataFrame
    epci: dict
    cpts: dict
    structures: list[dict]
    structure_kinds: tuple[str, ...]  # kind of each structure feature, in order
    structure_statuses: tuple[str, ...]


def prepare(
    communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, cpts_table: pd.DataFrame, members: pd.DataFrame
) -> MapData:
    simplified = maps.simplify(communes)
    perimeters = build_perimeters(cpts_table, members, simplified)
    return MapData(
        bounds=tuple(communes.total_bounds),
        communes=simplified,
        cards=commune_cards(communes, structures, cpts_table, members),
        epci=maps.inner_borders(simplified, "epci_nom", texts.LAYER_EPCI),
        cpts=maps.cpts_features(perimeters),
        structures=maps.structure_features(structures),
        structure_kinds=tuple(structures["kind"]),
        structure_statuses=tuple(structures["status"]),
    )


def commune_fill(communes: pd.DataFrame, choropleth: str | None) -> tuple[pd.Series | None, styles.Classes | None]:
    """Fill colour per commune for a choropleth column (None: plain land colour)."""
    if choropleth is None:
        return None, None
    classes = styles.quantile_classes(communes[choropleth])
    return communes[choropleth].map(classes.color), classes


def pick_structures(data: MapData, kinds: set[str], statuses: set[str]) -> list[dict]:
    """The structure features whose kind and status are both selected."""
    return [
        feature
        for feature, kind, status in zip(data.structures, data.structure_kinds, data.structure_statuses)
        if kind in kinds and status in statuses
    ]

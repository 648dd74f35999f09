"""Everything the Carte page draws, prepared once per set of layers.

The heavy work (simplifying communes, escaping every popup, dissolving
perimeters, nearest-MSP distances) happens here once; a filter change only
picks features from what is prepared, which keeps a rerun cheap.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.cards import commune_cards
from geo.maps import labels, styles
from geo.maps import layers as maps
from geo.structures import KINDS, Count, count_structures, selected
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
    epci: list[dict[str, Any]]
    cpts: dict[str, Any]
    structures: list[dict[str, Any]]
    structure_rows: pd.DataFrame  # kind, status, name of each structure feature, in order: what filters and counts read
    perimeters: gpd.GeoDataFrame  # the CPTS perimeters as shapes: what the exports draw
    places: list[labels.PlaceName]  # the offline background's place names (geo.maps.labels)
    colourings: dict[str, styles.Classes]  # choropleth column -> its classes
    shades: list[list[int]]  # per commune, its class number in each colouring (in the order of `colourings`)


def prepare(
    communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, cpts_table: pd.DataFrame, members: pd.DataFrame
) -> MapData:
    simplified = maps.simplify(communes)
    perimeters = build_perimeters(cpts_table, members, simplified)
    colourings, shades = commune_shades(simplified)
    return MapData(
        bounds=tuple(communes.total_bounds),
        communes=simplified,
        cards=commune_cards(communes, structures, cpts_table, members),
        epci=maps.inner_borders(simplified, "epci_nom", texts.LAYER_EPCI),
        cpts=maps.cpts_features(perimeters),
        structures=maps.structure_features(structures),
        structure_rows=pd.DataFrame(structures[["kind", "status", "name"]]).reset_index(drop=True),
        perimeters=perimeters,
        places=labels.place_names(simplified, labels.departement_name(communes)),
        colourings=colourings,
        shades=shades,
    )


def commune_shades(communes: pd.DataFrame) -> tuple[dict[str, styles.Classes], list[list[int]]]:
    """The classes of every colouring, and each commune's class number in each: the browser recolours from these."""
    columns = [column for column in CHOROPLETHS.values() if column is not None]
    colourings = {column: styles.quantile_classes(communes[column]) for column in columns}
    numbers = [communes[column].map(lambda value, c=colourings[column]: c.colors.index(c.color(value)))
               for column in columns]
    return colourings, [list(row) for row in zip(*(n.astype(int).tolist() for n in numbers), strict=True)]


def commune_fill(communes: pd.DataFrame, choropleth: str | None) -> tuple[pd.Series | None, styles.Classes | None]:
    """Fill colour per commune for a choropleth column (None: plain land colour)."""
    if choropleth is None:
        return None, None
    classes = styles.quantile_classes(communes[choropleth])
    return communes[choropleth].map(classes.color), classes


def pick_structures(data: MapData, kinds: Collection[str], statuses: Collection[str]) -> list[dict[str, Any]]:
    """The structure features whose kind and status are both selected."""
    keep = selected(data.structure_rows, kinds, statuses)
    return [feature for feature, kept in zip(data.structures, keep, strict=True) if kept]


def shown_count(data: MapData, kinds: Collection[str], statuses: Collection[str]) -> Count:
    """What the filters leave on the map, counted by the rule every count follows (geo.structures)."""
    return count_structures(data.structure_rows, kinds, statuses)


def present_kinds(data: MapData) -> list[str]:
    """The kinds present in the layers, in the usual order: the filter offers no empty choice."""
    present = set(data.structure_rows["kind"])
    return [kind for kind in KINDS if kind in present]


@dataclass(frozen=True)
class Note:
    text: str
    alert: bool  # nothing left on the map: said louder than a caption


def filter_note(data: MapData, kinds: Collection[str], statuses: Collection[str]) -> Note | None:
    """What the filters hide, said under the map (None when they hide nothing)."""
    shown, total = shown_count(data, kinds, statuses).sites, len(data.structure_rows)
    if total and not shown:
        return Note(texts.FILTER_NOTHING, alert=True)
    if shown < total:
        return Note(texts.STRUCTURES_SHOWN.format(shown=shown, total=total), alert=False)
    return None

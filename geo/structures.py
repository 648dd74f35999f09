"""Coordinated-care structures (MSP, maisons de santé, centres de santé, ESP, CPTS seats).

One canonical table for every source (the shipped sourced CSV, FINESS
exports, uploaded files): the columns below, points in WGS84.
`position_source` always says where a point comes from (see texts.POSITION_LABELS).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.reference import DEFAULT_DEPARTEMENT, WGS84, departement_file

STRUCTURE_COLUMNS = [
    "id", "name", "kind", "label_as_written", "commune_code", "commune", "address",
    "status", "status_date", "members", "position_source", "finess",
    "source", "source_url", "source_date", "confidence", "notes",
]
KINDS = ["msp", "maison_de_sante", "cds_polyvalent", "cds_medical", "cds_infirmier",
         "cds_dentaire", "cds_ophtalmo", "cds", "esp", "cpts_siege", "autre"]
STATUSES = ["ouvert", "projet", "annonce", "ferme"]
# Kinds that the baromètre counts as MSP (IND-311) and as pluriprofessional centres (IND-318).
MSP_KINDS = {"msp"}
CDS_KINDS = {"cds_polyvalent", "cds_medical", "cds_infirmier", "cds_dentaire", "cds_ophtalmo", "cds"}
# The centres the baromètre counts in IND-318 (pluriprofessional centres de santé).
POLYVALENT_KINDS = {"cds_polyvalent"}
# What the baromètre counts: structures that work today.
OPEN_STATUSES = {"ouvert"}
# What the map shows as existing or coming: everything but the closed ones.
LIVE_STATUSES = set(STATUSES) - {"ferme"}
_SITE_SUFFIX = re.compile(r"\s*\((?:site|antenne)\b[^)]*\)\s*$", re.IGNORECASE)


def empty_structures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in STRUCTURE_COLUMNS}, geometry=[], crs=WGS84).astype(
        {c: "object" for c in STRUCTURE_COLUMNS}
    )


def conform(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Same columns, order and types for structures from any source."""
    out = frame.to_crs(WGS84) if frame.crs is not None else frame.set_crs(WGS84)
    for column in STRUCTURE_COLUMNS:
        if column not in out:
            out[column] = ""
    out = out[STRUCTURE_COLUMNS + ["geometry"]].copy()
    out[STRUCTURE_COLUMNS] = out[STRUCTURE_COLUMNS].fillna("").astype(str)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=WGS84)


def load_structures(dep: str = DEFAULT_DEPARTEMENT, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """The shipped structures of a département (empty when none are shipped)."""
    path = departement_file(dep, data_dir)
    if "structures" not in {name for name, _ in pyogrio.list_layers(path)}:
        return empty_structures()
    return conform(gpd.read_file(path, layer="structures"))


def structure_count(names: pd.Series) -> int:
    """Structures counted once whatever their sites: 'MSP X (site de A)' and 'MSP X (site de B)' are one MSP.

    >>> structure_count(pd.Series(["MSP X (site de A)", "MSP X (site de B)", "MSP Y"]))
    2
    """
    return int(names.astype(str).map(lambda n: _SITE_SUFFIX.sub("", n).strip().lower()).nunique())


@dataclass(frozen=True)
class Count:
    structures: int  # the sites of one structure counted once, as the official counts do
    sites: int  # points on the map


def selected(structures: pd.DataFrame, kinds: Collection[str], statuses: Collection[str]) -> pd.Series:
    """The rows whose kind and status are both among those given (statuses read case- and space-blind).

    The one selection rule behind every count: the map's filters, the completeness
    panel and Couverture's computed figures all go through it.
    """
    status = structures["status"].astype(str).str.strip().str.lower()
    return structures["kind"].isin(set(kinds)) & status.isin(set(statuses))


def count_structures(structures: pd.DataFrame, kinds: Collection[str], statuses: Collection[str]) -> Count:
    """How many structures (sites merged) and sites of these kinds and statuses.

    >>> frame = pd.DataFrame({"kind": ["msp", "msp", "msp", "cds"], "status": ["ouvert", "Ouvert ", "projet", "ouvert"],
    ...                       "name": ["MSP X (site de A)", "MSP X (site de B)", "MSP Y", "CDS Z"]})
    >>> count_structures(frame, MSP_KINDS, OPEN_STATUSES)
    Count(structures=1, sites=2)
    >>> count_structures(frame, MSP_KINDS, LIVE_STATUSES)
    Count(structures=2, sites=3)
    """
    rows = structures[selected(structures, kinds, statuses)]
    return Count(structure_count(rows["name"]), len(rows))

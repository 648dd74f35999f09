"""Coordinated-care structures (MSP, maisons de santé, centres de santé, ESP, CPTS seats).

One canonical table for every source (the shipped sourced CSV, FINESS
exports, uploaded files): the columns below, points in WGS84.
`position_source` always says where a point comes from (see texts.POSITION_LABELS).
"""

from __future__ import annotations

import re
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
    """Structures counted once whatever their sites: 'MSP X (site de A)' and 'MSP X (site de B)' are one MSP."""
    return int(names.astype(str).map(lambda n: _SITE_SUFFIX.sub("", n).strip().lower()).nunique())

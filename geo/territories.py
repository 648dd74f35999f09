"""CPTS perimeters: commune memberships -> dissolved polygons, overlaps, gaps.

A CPTS territory is a set of whole communes. We keep it as memberships
(one row per CPTS x commune) and dissolve polygons only for drawing, so
coverage is always computed on communes (each counted once).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.reference import DATA_DIR, DEFAULT_DEPARTEMENT, normalize

CPTS_COLUMNS = [
    "id", "name", "status", "status_date", "date_creation", "date_aci", "date_fin",
    "territory_rule", "communes_stated", "population_stated",
    "source", "source_url", "source_date", "confidence", "notes",
]
# Statuses that count as covered in the strict sense (signed ACI / functioning).
STRICT_STATUSES = {"en fonctionnement", "aci"}


def cpts_id(name: str) -> str:
    """Derived from the normalised name, so a re-import of the same CPTS keeps its id."""
    return "C-" + hashlib.sha1(normalize(name).encode()).hexdigest()[:10]


def load_cpts(dep: str = DEFAULT_DEPARTEMENT, data_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shipped CPTS table and memberships (cpts_id, commune_code); empty when none."""
    folder = (data_dir or DATA_DIR) / "departements"
    table_path, members_path = folder / f"cpts_{dep}.csv", folder / f"cpts_communes_{dep}.csv"
    if not table_path.exists():
        return pd.DataFrame(columns=CPTS_COLUMNS), pd.DataFrame(columns=["cpts_id", "commune_code"])
    table = pd.read_csv(table_path, dtype=str).fillna("")
    members = pd.read_csv(members_path, dtype=str)
    return table, members


def build_perimeters(table: pd.DataFrame, members: pd.DataFrame, communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One dissolved polygon per CPTS, with its population and commune count.

    Memberships naming a commune absent from `communes` are ignored here
    (imports report them); a CPTS with no known commune gets no polygon.
    """
    joined = members.merge(communes[["code", "population", "geometry"]], left_on="commune_code", right_on="code")
    if joined.empty:
        return gpd.GeoDataFrame(table.assign(population=0, nb_communes=0).iloc[0:0], geometry=[], crs=communes.crs)
    joined = gpd.GeoDataFrame(joined, geometry="geometry", crs=communes.crs)
    dissolved = joined.dissolve(by="cpts_id", aggfunc={"population": "sum", "code": "count"})
    dissolved = dissolved.rename(columns={"code": "nb_communes"}).reset_index()
    out = table.merge(dissolved, left_on="id", right_on="cpts_id").drop(columns="cpts_id")
    return gpd.GeoDataFrame(out, geometry="geometry", crs=communes.crs)


def overlapping_communes(members: pd.DataFrame) -> pd.DataFrame:
    """Communes claimed by two CPTS or more: commune_code, cpts_ids (sorted list)."""
    grouped = members.drop_duplicates().groupby("commune_code")["cpts_id"].agg(sorted)
    return grouped[grouped.map(len) > 1].rename("cpts_ids").reset_index()


def communes_without_cpts(members: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """Communes of `communes` that belong to no CPTS in `members`."""
    return communes[~communes["code"].isin(set(members["commune_code"]))]


def cpts_of_commune(code: str, table: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    ids = set(members.loc[members["commune_code"] == code, "cpts_id"])
    return table[table["id"].isin(ids)]

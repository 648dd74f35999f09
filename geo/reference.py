"""Reference geography: communes, EPCI, départements, régions.

Loaders read the shipped GeoPackages in data/ (built by
scripts/build_data.py). Geometries are kept in WGS84 for the maps; every
distance or area is computed in Lambert-93 (EPSG:2154), in metres.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

WGS84 = "EPSG:4326"
LAMBERT93 = "EPSG:2154"
DEFAULT_DEPARTEMENT = "29"

DATA_DIR = Path(os.environ.get("CARTE_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))


def departement_file(dep: str, data_dir: Path | None = None) -> Path:
    return (data_dir or DATA_DIR) / "departements" / f"{dep}.gpkg"


def available_departements(data_dir: Path | None = None) -> list[str]:
    """Départements whose communes are shipped in data/."""
    folder = (data_dir or DATA_DIR) / "departements"
    return sorted(p.stem for p in folder.glob("*.gpkg"))


@lru_cache(maxsize=16)  # a région's map reads up to 13 départements (Occitanie)
def load_communes(dep: str = DEFAULT_DEPARTEMENT, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """Communes of a département (code, nom, population, epci, surface, geometry in WGS84).

    >>> load_communes("29").shape[0]
    277
    """
    communes = gpd.read_file(departement_file(dep, data_dir), layer="communes")
    communes["densite"] = communes["population"] / communes["surface_km2"]
    communes["search_key"] = communes["nom"].map(normalize)
    return communes


@lru_cache(maxsize=8)
def load_epci(dep: str = DEFAULT_DEPARTEMENT, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    return gpd.read_file(departement_file(dep, data_dir), layer="epci")


@lru_cache(maxsize=8)
def load_departement_outline(dep: str = DEFAULT_DEPARTEMENT, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    return gpd.read_file(departement_file(dep, data_dir), layer="departement")


@lru_cache(maxsize=2)
def load_departements(data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """All 101 départements (96 metropolitan, simplified; 5 overseas dissolved from communes)."""
    return gpd.read_file((data_dir or DATA_DIR) / "france.gpkg", layer="departements")


@lru_cache(maxsize=2)
def load_regions(data_dir: Path | None = None) -> pd.DataFrame:
    return pd.read_csv((data_dir or DATA_DIR) / "regions.csv", dtype=str)


def normalize(text: str) -> str:
    """Lower-case, accent-free, hyphen-free key for searching commune names.

    >>> normalize("Plourin-lès-Morlaix")
    'plourin les morlaix'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for sep in "-'’_":
        plain = plain.replace(sep, " ")
    return " ".join(plain.lower().split())


def search_communes(communes: pd.DataFrame, query: str, limit: int = 10) -> pd.DataFrame:
    """Communes whose name matches `query`, accent- and case-insensitively.

    Exact name first, then names starting with the query, then the rest;
    a 5-digit query is read as an INSEE code or a postal code.
    """
    key = normalize(query)
    if not key:
        return communes.iloc[0:0]
    rank = pd.Series(3, index=communes.index)
    if key.isdigit():
        # An INSEE code first, then communes sharing the postal code.
        rank[communes["codes_postaux"].str.contains(key, regex=False)] = 1
        rank[communes["code"] == key] = 0
        return communes.assign(_rank=rank)[rank < 3].sort_values(["_rank", "nom"]).drop(columns="_rank").head(limit)
    names = communes["search_key"]
    rank[names.str.contains(key, regex=False)] = 2
    rank[names.str.startswith(key)] = 1
    rank[names == key] = 0
    hits = communes.assign(_rank=rank)[rank < 3].sort_values(["_rank", "nom"])
    return hits.drop(columns="_rank").head(limit)


def commune_labels(communes: pd.DataFrame) -> dict[str, str]:
    """Code -> 'Quimper (29232)': how a commune is named in a list or a tooltip.

    >>> commune_labels(pd.DataFrame({"code": ["29232"], "nom": ["Quimper"]}))
    {'29232': 'Quimper (29232)'}
    """
    return {code: f"{name} ({code})" for code, name in zip(communes["code"], communes["nom"], strict=True)}

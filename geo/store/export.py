"""Exports of a stored version: GeoJSON, GeoPackage, CSV (cells neutralised for spreadsheets)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import shapely

from geo.excel_csv import neutralize_table
from geo.store.core import LayerData, StoreError

EXPORT_FORMATS = {"geojson": ("GeoJSON", "application/geo+json", ".geojson"),
                  "gpkg": ("GeoPackage", "application/geopackage+sqlite3", ".gpkg"),
                  "csv": ("CSV", "text/csv", ".csv")}


def export_version(data: LayerData, fmt: str) -> bytes:
    """A version as GeoJSON, GeoPackage or CSV bytes (CSV: cells neutralised; points as latitude/longitude;
    CPTS: one row per CPTS × commune, the table the importer reads back)."""
    features = data.features
    if fmt == "geojson":
        text: str = features.to_json(drop_id=True, ensure_ascii=False)
        return text.encode()
    if fmt == "gpkg":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.gpkg"
            features.to_file(path, layer=_safe_layer_name(data.version.layer), driver="GPKG", engine="pyogrio")
            if data.members is not None:
                import pyogrio

                pyogrio.write_dataframe(data.members, path, layer="memberships", driver="GPKG")
            return path.read_bytes()
    if fmt != "csv":
        raise StoreError(f"format d'export inconnu : {fmt}")
    table = pd.DataFrame(features.drop(columns=features.geometry.name))
    geoms = features.geometry
    if data.version.kind == "cpts" and data.members is not None:
        table = data.members.rename(columns={"commune_code": "code_insee"}).merge(
            table.rename(columns={"id": "cpts_id"}), on="cpts_id", how="left")
        table = table.rename(columns={"name": "cpts"})
    elif len(geoms) and geoms.geom_type.isin(["Point"]).all():
        table["latitude"], table["longitude"] = geoms.y.round(6).values, geoms.x.round(6).values
    else:
        table["geometry_wkt"] = shapely.to_wkt(geoms.values, rounding_precision=6)
    csv: str = neutralize_table(table).to_csv(index=False, sep=";")
    return csv.encode("utf-8-sig")


def _safe_layer_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in name).strip("_")
    return cleaned[:60] or "couche"


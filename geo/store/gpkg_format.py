"""What a GeoPackage file holds, apart from the store's logic: geometries as GeoPackage binaries and the tables.

The file stays a valid GeoPackage QGIS opens (`geo.store.gpkg` explains why a GeoPackage).
"""

from __future__ import annotations

import struct

import numpy as np
import shapely

from geo.store.core import FEATURES_TABLE, MEMBERS_TABLE, VERSIONS_TABLE

GPKG_SRS = {
    4326: ("WGS 84 geodetic", "EPSG", 4326,
           'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
           'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'),
}
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blob(geometry: shapely.Geometry | None) -> bytes | None:
    """Shapely geometry -> GeoPackage binary (header 'GP', no envelope, SRS 4326, little-endian WKB)."""
    if geometry is None or geometry.is_empty:
        return None
    wkb: bytes = shapely.to_wkb(geometry, byte_order=1)
    return b"GP\x00\x01" + struct.pack("<i", 4326) + wkb


def gpkg_geometries(blobs: list[bytes | None]) -> np.ndarray:
    """GeoPackage binaries -> shapely geometries (None stays None)."""
    wkbs: list[bytes | None] = []
    for blob in blobs:
        if blob is None:
            wkbs.append(None)
            continue
        flags = blob[3]
        wkbs.append(bytes(blob[8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0):]))
    geometries: np.ndarray = shapely.from_wkb(np.array(wkbs, dtype=object))
    return geometries


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
CREATE TABLE IF NOT EXISTS {VERSIONS_TABLE} (version INTEGER PRIMARY KEY AUTOINCREMENT, layer TEXT NOT NULL,
  kind TEXT NOT NULL, departement TEXT NOT NULL, created_at TEXT NOT NULL, author TEXT NOT NULL,
  action TEXT NOT NULL, filename TEXT NOT NULL, checksum TEXT NOT NULL, comment TEXT NOT NULL,
  feature_count INTEGER NOT NULL, restored_from INTEGER);
CREATE TABLE IF NOT EXISTS {FEATURES_TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
  properties TEXT NOT NULL, geom GEOMETRY);
CREATE INDEX IF NOT EXISTS {VERSIONS_TABLE}_stamp ON {VERSIONS_TABLE}(departement, kind, version);
CREATE INDEX IF NOT EXISTS {FEATURES_TABLE}_version ON {FEATURES_TABLE}(version_id);
CREATE TABLE IF NOT EXISTS {MEMBERS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
  cpts_id TEXT NOT NULL, commune_code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS {MEMBERS_TABLE}_version ON {MEMBERS_TABLE}(version_id);
"""

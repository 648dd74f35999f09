"""The GeoPackage backend of the layer store (the default): one SQLite file, one transaction per version.

Why SQLite transactions rather than rewriting files: a GeoPackage *is* a
SQLite database, and a version is written inside one ``BEGIN IMMEDIATE``
transaction. SQLite's journal makes it atomic (a process killed mid-save
leaves the previous versions exactly as they were) and its file lock
serialises writers (two sessions saving at once both get their version,
one after the other). The file stays a valid GeoPackage that QGIS opens:
``store_features`` (every version's features, a ``version_id`` column and
the properties as JSON), ``store_memberships`` (CPTS ↔ commune rows) and
``store_versions`` (who, when, file, checksum, comment).
"""

from __future__ import annotations

import sqlite3
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import texts
from geo.store import core
from geo.store.core import (BUSY_TIMEOUT_S, BATCH, FEATURES_TABLE, MEMBERS_TABLE, VERSIONS_TABLE, Backend, LayerData,
                            StoreError, Version, _now, build_features, copy_version_statements, prepare_features,
                            require_writer, versions_filter)

STORE_FILE = "layers.gpkg"

# --- GeoPackage encoding ------------------------------------------------------------------

_GPKG_SRS = {
    4326: ("WGS 84 geodetic", "EPSG", 4326,
           'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
           'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'),
}
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blob(geometry) -> bytes | None:
    """Shapely geometry -> GeoPackage binary (header 'GP', no envelope, SRS 4326, little-endian WKB)."""
    if geometry is None or geometry.is_empty:
        return None
    return b"GP\x00\x01" + struct.pack("<i", 4326) + shapely.to_wkb(geometry, byte_order=1)


def gpkg_geometries(blobs: list) -> np.ndarray:
    """GeoPackage binaries -> shapely geometries (None stays None)."""
    wkbs = []
    for blob in blobs:
        if blob is None:
            wkbs.append(None)
            continue
        flags = blob[3]
        wkbs.append(bytes(blob[8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0):]))
    return shapely.from_wkb(np.array(wkbs, dtype=object))


_SCHEMA = f"""
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
CREATE INDEX IF NOT EXISTS {FEATURES_TABLE}_version ON {FEATURES_TABLE}(version_id);
CREATE TABLE IF NOT EXISTS {MEMBERS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
  cpts_id TEXT NOT NULL, commune_code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS {MEMBERS_TABLE}_version ON {MEMBERS_TABLE}(version_id);
"""


@contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` transaction: committed at the end, rolled back on anything (even a kill signal)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


class GeoPackageStore(Backend):
    """The GeoPackage backend (see the module docstring)."""

    def __init__(self, path: Path, password_hash: str | None = None):
        self.path = Path(path)
        self._password_hash = password_hash
        self._ready = False

    @property
    def location(self) -> str:
        """Where versions are kept, for the page (the file's path)."""
        return str(self.path)

    # connection and schema
    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(texts.STORE_UNAVAILABLE.format(path=self.path, detail=exc)) from exc
        if not self._ready:
            self._init_schema(con)
        return con

    def _init_schema(self, con: sqlite3.Connection) -> None:
        with _immediate(con):
            con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
            con.execute("PRAGMA user_version = 10400")
            for statement in filter(str.strip, _SCHEMA.split(";")):
                con.execute(statement)
            for srs_id, (name, org, code, definition) in _GPKG_SRS.items():
                con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                            (name, srs_id, org, code, definition, ""))
            con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS',-1,'NONE',-1,'undefined','')")
            con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS',0,'NONE',0,'undefined','')")
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                        "VALUES (?, 'features', ?, ?, 4326)",
                        (FEATURES_TABLE, FEATURES_TABLE, "Toutes les versions de toutes les couches (colonne version_id)"))
            con.execute("INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', 4326, 0, 0)",
                        (FEATURES_TABLE,))
            for table in (VERSIONS_TABLE, MEMBERS_TABLE):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
                            "VALUES (?, 'attributes', ?)", (table, table))
        self._ready = True

    # reading
    def token(self) -> str:
        """Changes after every save or rollback (a version is never removed)."""
        if not self.path.exists():
            return "0"
        con = self._connect()
        try:
            return str(con.execute(f"SELECT coalesce(max(version), 0) FROM {VERSIONS_TABLE}").fetchone()[0])
        finally:
            con.close()

    def versions(self, departement: str | None = None, layer: str | None = None) -> list[Version]:
        if not self.path.exists():
            return []
        condition, args = versions_filter(departement, layer, "?")
        con = self._connect()
        try:
            rows = con.execute(f"SELECT * FROM {VERSIONS_TABLE} WHERE {condition} ORDER BY version DESC", args).fetchall()
        finally:
            con.close()
        return [Version(*row) for row in rows]

    def get_version(self, version: int) -> Version:
        con = self._connect()
        try:
            row = con.execute(f"SELECT * FROM {VERSIONS_TABLE} WHERE version = ?", (int(version),)).fetchone()
        finally:
            con.close()
        if row is None:
            raise StoreError(texts.STORE_UNKNOWN_VERSION.format(version=version))
        return Version(*row)

    def load(self, version: int) -> LayerData:
        meta = self.get_version(version)
        con = self._connect()
        try:
            rows = con.execute(f"SELECT properties, geom FROM {FEATURES_TABLE} WHERE version_id = ? ORDER BY fid",
                               (meta.version,)).fetchall()
            members = None
            if meta.kind == "cpts":
                members = pd.DataFrame(
                    con.execute(f"SELECT cpts_id, commune_code FROM {MEMBERS_TABLE} WHERE version_id = ? ORDER BY id",
                                (meta.version,)).fetchall(),
                    columns=["cpts_id", "commune_code"], dtype=str)
        finally:
            con.close()
        features = build_features([p for p, _ in rows], gpkg_geometries([g for _, g in rows]))
        return LayerData(meta, features, members)

    # writing
    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction; a locked file becomes the page's 'busy' message."""
        con = self._connect()
        try:
            with _immediate(con):
                yield con
        except sqlite3.OperationalError as exc:
            raise StoreError(texts.STORE_BUSY if "locked" in str(exc) else str(exc)) from exc
        finally:
            con.close()

    def _require_writer(self, password: str | None) -> None:
        require_writer(self._password_hash, password)

    def save(self, *, layer: str, kind: str, departement: str, features: gpd.GeoDataFrame,
             members: pd.DataFrame | None = None, author: str, filename: str, checksum: str, comment: str = "",
             password: str | None, action: str = "import") -> Version:
        """Write a new version of `layer` in one transaction; returns it."""
        self._require_writer(password)
        self._check_target(layer, kind)
        features, props = prepare_features(features, kind)
        blobs = [gpkg_blob(g) for g in features.geometry.values]
        with self._writing() as con:
            cur = con.execute(
                f"INSERT INTO {VERSIONS_TABLE} (layer, kind, departement, created_at, author, action, filename, "
                "checksum, comment, feature_count, restored_from) VALUES (?,?,?,?,?,?,?,?,?,?,NULL)",
                (layer, kind, departement, _now(), author, action, filename, checksum, comment, len(features)))
            version = cur.lastrowid
            for start in range(0, len(props), BATCH):
                con.executemany(
                    f"INSERT INTO {FEATURES_TABLE} (version_id, properties, geom) VALUES (?,?,?)",
                    [(version, prop, blob)
                     for prop, blob in zip(props[start:start + BATCH], blobs[start:start + BATCH])])
                core._checkpoint()
            if members is not None:
                con.executemany(f"INSERT INTO {MEMBERS_TABLE} (version_id, cpts_id, commune_code) VALUES (?,?,?)",
                                [(version, str(a), str(b)) for a, b in
                                 members[["cpts_id", "commune_code"]].itertuples(index=False)])
            self._touch_contents(con, features)
        return self.get_version(version)

    def rollback(self, version: int, *, author: str, password: str | None, comment: str = "") -> Version:
        """Make an old version current again by copying it as a new version (history is kept)."""
        self._require_writer(password)
        old = self.get_version(version)
        with self._writing() as con:
            cur = con.execute(
                f"INSERT INTO {VERSIONS_TABLE} (layer, kind, departement, created_at, author, action, filename, "
                "checksum, comment, feature_count, restored_from) VALUES (?,?,?,?,?,'rollback',?,?,?,?,?)",
                (old.layer, old.kind, old.departement, _now(), author, old.filename, old.checksum,
                 comment or f"Retour à la version {old.version}", old.feature_count, old.version))
            new = cur.lastrowid
            for statement in copy_version_statements("?"):
                con.execute(statement, (new, old.version))
        return self.get_version(new)

    @staticmethod
    def _touch_contents(con: sqlite3.Connection, features: gpd.GeoDataFrame) -> None:
        bounds = features.total_bounds if len(features) and not features.geometry.is_empty.all() else None
        if bounds is None or not np.isfinite(bounds).all():
            con.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                        "WHERE table_name = ?", (FEATURES_TABLE,))
            return
        con.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'), "
            "min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, ?), ?), "
            "max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?) WHERE table_name = ?",
            (bounds[0], bounds[0], bounds[1], bounds[1], bounds[2], bounds[2], bounds[3], bounds[3], FEATURES_TABLE))


def wait_unlocked(path: Path, timeout: float = 10.0) -> None:
    """Test helper: wait until no writer holds the store (a reserved lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            con = sqlite3.connect(path, timeout=0.1, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            con.close()
            return
        except sqlite3.OperationalError:
            time.sleep(0.05)

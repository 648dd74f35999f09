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

import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import texts
from geo.store import core
from geo.store.core import (
    BATCH,
    BUSY_TIMEOUT_S,
    FEATURES_TABLE,
    MEMBERS_TABLE,
    VERSIONS_TABLE,
    Backend,
    LayerData,
    StoreError,
    Version,
    _now,
    build_features,
    copy_version_statements,
    expect,
    os_cause,
    prepare_features,
    require_writer,
    versions_filter,
)
from geo.store.gpkg_format import GPKG_SRS, SCHEMA, gpkg_blob, gpkg_geometries

STORE_FILE = "layers.gpkg"


@contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` transaction: committed at the end, rolled back on anything (even a kill signal).

    SQLite rolls back by itself after a failed write (a full disk, an I/O error): ROLLBACK is then
    skipped, so the error the caller sees is the real one, not "cannot rollback".
    """
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


# SQLite's error names -> key of texts.STORE_CAUSES (a busy file is STORE_BUSY, not a cause)
_SQLITE_CAUSES = {"SQLITE_READONLY": "readonly", "SQLITE_CANTOPEN": "readonly", "SQLITE_PERM": "readonly",
                  "SQLITE_FULL": "full", "SQLITE_IOERR": "io"}


def _sqlite_cause(exc: sqlite3.Error) -> str | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    key = next((cause for prefix, cause in _SQLITE_CAUSES.items() if name.startswith(prefix)), None)
    return texts.STORE_CAUSES[key] if key else None


class GeoPackageStore(Backend):
    """The GeoPackage backend (see the module docstring)."""

    PROBE_BYTES = 64 * 1024  # what `write_problem` writes beside the store: a save needs at least that

    def __init__(self, path: Path, password_hash: str | None = None):
        self.path = Path(path)
        self._password_hash = password_hash
        self._ready = False
        self._kept: sqlite3.Connection | None = None  # small reads (token, stamps): see _query
        self._kept_file: tuple[int, int] = (0, 0)  # (device, inode) it was opened on
        self._kept_ready = False
        self._kept_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where versions are kept, for the page (the file's path)."""
        return str(self.path)

    # connections: reading never writes (no schema creation, no lock beyond SQLite's shared one)
    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """A read-only connection, or None when no store file exists yet (nothing saved).

        After a writer was killed mid-save, SQLite must roll its journal back before anyone reads, which a
        read-only connection cannot do: then (only then) the file is opened read-write, never creating anything.
        """
        if not self.path.exists():
            yield None
            return
        for mode in ("ro", "rw"):
            con = None
            try:
                con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S,
                                      isolation_level=None)
                found = con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (VERSIONS_TABLE,)).fetchone()
                break
            except sqlite3.Error as exc:
                if con is not None:
                    con.close()
                if mode == "ro" and getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
                    continue
                raise StoreError(texts.STORE_UNAVAILABLE.format(path=self.path, detail=_sqlite_cause(exc) or exc)) from exc
        opened = expect(con, self.location)  # each mode either breaks out of the loop connected or raises
        try:
            yield opened if found else None  # a file created empty: nothing saved yet
        except sqlite3.OperationalError as exc:
            raise StoreError(texts.STORE_UNAVAILABLE.format(path=self.path, detail=exc)) from exc
        finally:
            opened.close()

    def _connect(self) -> sqlite3.Connection:
        """A read-write connection, for writers only; creates the folder and the schema on first use.

        Raises what the system or SQLite raised: `_writing` turns it into a French message.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            if not self._ready:
                self._init_schema(con)
        except BaseException:
            con.close()
            raise
        return con

    def write_problem(self) -> str | None:
        """Why nothing can be saved (read-only folder or file, full disk), found by trying to write beside it."""
        cause = self._probe()
        return None if cause is None else texts.STORE_CANNOT_SAVE.format(path=self.path, cause=cause)

    def _probe(self) -> str | None:
        """Write a little beside the store and open it for writing: the system's refusal, in French, or None."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.path.parent, prefix=".probe-") as probe:
                probe.write(b"\0" * self.PROBE_BYTES)
                probe.flush()
                os.fsync(probe.fileno())
            if self.path.exists():
                with open(self.path, "r+b"):
                    pass
        except OSError as exc:
            return os_cause(exc)
        return None

    def _init_schema(self, con: sqlite3.Connection) -> None:
        with _immediate(con):
            con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
            con.execute("PRAGMA user_version = 10400")
            for statement in filter(str.strip, SCHEMA.split(";")):
                con.execute(statement)
            for srs_id, (name, org, code, definition) in GPKG_SRS.items():
                con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                            (name, srs_id, org, code, definition, ""))
            con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS',-1,'NONE',-1,'undefined','')")
            con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS',0,'NONE',0,'undefined','')")
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                        "VALUES (?, 'features', ?, ?, 4326)",
                        (FEATURES_TABLE, FEATURES_TABLE, texts.STORE_FEATURES_DESCRIPTION))
            con.execute("INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', 4326, 0, 0)",
                        (FEATURES_TABLE,))
            for table in (VERSIONS_TABLE, MEMBERS_TABLE):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
                            "VALUES (?, 'attributes', ?)", (table, table))
        self._ready = True

    # reading (token() and stamps(): geo.store.core.Backend, on the kept connection)
    def _query(self, query: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """A small read's rows on one read-only connection kept open (0.01 ms, against 0.1 ms opening one).

        Anything unusual — no file yet, a file replaced, a journal a killed writer left to roll back — closes it
        and reads the careful way (`_reading`) once.
        """
        with self._kept_lock:
            try:
                kept = self._kept_connection()
                if kept is not None:
                    return kept.execute(query, args).fetchall()
            except sqlite3.Error:
                self.close()
        with self._reading() as con:
            return [] if con is None else con.execute(query, args).fetchall()

    def _kept_connection(self) -> sqlite3.Connection | None:
        """The kept connection to the file now at `path` (None while it has no table: nothing saved yet)."""
        try:
            identity = os.stat(self.path)
        except FileNotFoundError:
            self.close()
            return None
        if self._kept is not None and self._kept_file != (identity.st_dev, identity.st_ino):
            self.close()
        if self._kept is None:
            # Used under `_kept_lock` only, from whichever session's thread holds it.
            self._kept = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                         isolation_level=None, check_same_thread=False)
            self._kept_file = (identity.st_dev, identity.st_ino)
        if not self._kept_ready:
            self._kept_ready = self._kept.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                                  (VERSIONS_TABLE,)).fetchone() is not None
        return self._kept if self._kept_ready else None

    def close(self) -> None:
        """Close the connection kept for small reads (the others are closed after each call)."""
        kept, self._kept, self._kept_ready = getattr(self, "_kept", None), None, False
        if kept is not None:
            kept.close()

    def __del__(self) -> None:
        self.close()

    def versions(self, departement: str | None = None, layer: str | None = None) -> list[Version]:
        condition, args = versions_filter(departement, layer, "?")
        with self._reading() as con:
            if con is None:
                return []
            rows = con.execute(f"SELECT * FROM {VERSIONS_TABLE} WHERE {condition} ORDER BY version DESC", args).fetchall()
        return [Version(*row) for row in rows]

    def get_version(self, version: int) -> Version:
        with self._reading() as con:
            row = None if con is None else con.execute(f"SELECT * FROM {VERSIONS_TABLE} WHERE version = ?",
                                                       (int(version),)).fetchone()
        if row is None:
            raise StoreError(texts.STORE_UNKNOWN_VERSION.format(version=version))
        return Version(*row)

    def load(self, version: int) -> LayerData:
        meta = self.get_version(version)
        with self._reading() as con:
            assert con is not None  # get_version found the version
            rows = con.execute(f"SELECT properties, geom FROM {FEATURES_TABLE} WHERE version_id = ? ORDER BY fid",
                               (meta.version,)).fetchall()
            members = None
            if meta.kind == "cpts":
                members = pd.DataFrame(
                    con.execute(f"SELECT cpts_id, commune_code FROM {MEMBERS_TABLE} WHERE version_id = ? ORDER BY id",
                                (meta.version,)).fetchall(),
                    columns=["cpts_id", "commune_code"], dtype=str)
        features = build_features([p for p, _ in rows], gpkg_geometries([g for _, g in rows]))
        return LayerData(meta, features, members)

    # writing
    @contextmanager
    def _writing(self, layer: str, departement: str) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction for a version of `layer`.

        A locked file becomes the page's 'busy' message; a refused write (read-only, full disk)
        says its cause and what the store still holds for the layer.
        """
        try:
            con = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise self._write_error(exc, layer, departement) from exc
        try:
            with _immediate(con):
                yield con
        except (OSError, sqlite3.Error) as exc:
            raise self._write_error(exc, layer, departement) from exc
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
        with self._writing(layer, departement) as con:
            cur = con.execute(
                f"INSERT INTO {VERSIONS_TABLE} (layer, kind, departement, created_at, author, action, filename, "
                "checksum, comment, feature_count, restored_from) VALUES (?,?,?,?,?,?,?,?,?,?,NULL)",
                (layer, kind, departement, _now(), author, action, filename, checksum, comment, len(features)))
            version = expect(cur.lastrowid, self.location)
            for start in range(0, len(props), BATCH):
                con.executemany(
                    f"INSERT INTO {FEATURES_TABLE} (version_id, properties, geom) VALUES (?,?,?)",
                    [(version, prop, blob)
                     for prop, blob in zip(props[start:start + BATCH], blobs[start:start + BATCH], strict=True)])
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
        with self._writing(old.layer, old.departement) as con:
            cur = con.execute(
                f"INSERT INTO {VERSIONS_TABLE} (layer, kind, departement, created_at, author, action, filename, "
                "checksum, comment, feature_count, restored_from) VALUES (?,?,?,?,?,'rollback',?,?,?,?,?)",
                (old.layer, old.kind, old.departement, _now(), author, old.filename, old.checksum,
                 comment or texts.STORE_ROLLBACK_COMMENT.format(version=old.version), old.feature_count, old.version))
            new = expect(cur.lastrowid, self.location)
            for statement in copy_version_statements("?"):
                con.execute(statement, (new, old.version))
        return self.get_version(new)

    def _write_error(self, exc: OSError | sqlite3.Error, layer: str, departement: str) -> StoreError:
        """A write that failed -> 'busy', or its cause in French and what the store still holds for `layer`."""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return StoreError(texts.STORE_BUSY)
        cause = os_cause(exc) if isinstance(exc, OSError) else _sqlite_cause(exc)
        if cause in (None, texts.STORE_CAUSES["io"]):  # SQLite names no cause for an I/O error: ask the system
            cause = self._probe() or texts.STORE_CAUSES["io"]
        return self._save_failed(cause, layer, departement)

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

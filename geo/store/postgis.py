"""The PostGIS backend of the layer store, selected by ``DATABASE_URL`` (``postgresql://…``).

Same tables as the GeoPackage file, so a GIS user finds the same thing in
QGIS: ``store_versions`` (who, when, file, checksum, comment),
``store_features`` (a ``geometry(Geometry, 4326)`` column, a ``version_id``
column, the properties as json), ``store_memberships`` (CPTS ↔ commune) and
the view ``store_current_features`` (the current version of every layer).

Why these choices:

- a version is written in one transaction: a client killed mid-save leaves
  nothing behind (the server rolls back when the connection drops);
- writers take a transaction-level advisory lock, then number the version
  max + 1: two saves at once both get their version, one after the other; a
  sequence would leave a gap for every aborted save, and the lock goes away
  with the transaction even when the client dies;
- features go in by ``COPY`` (geometry as hex EWKB), far faster than INSERTs;
- properties are ``json``, not ``jsonb``: json keeps the imported file's
  column order, which the page shows back;
- values are always bound parameters; table names are the module's constants.

The database needs the ``postgis`` extension (created here when the user
may, else the store says so in French).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict

from geo import texts
from geo.store import core
from geo.store.core import (
    BATCH,
    BUSY_TIMEOUT_S,
    FEATURES_TABLE,
    LAYER_KINDS,
    MEMBERS_TABLE,
    VERSIONS_TABLE,
    Backend,
    LayerData,
    StoreError,
    Version,
    build_features,
    copy_version_statements,
    expect,
    prepare_features,
    require_writer,
    versions_filter,
)

CURRENT_VIEW = "store_current_features"
CONNECT_TIMEOUT_S = 10
LOCK_KEY = 0x636172746500  # b"carte\0": the writers' advisory lock (per database)
_KINDS_SQL = ", ".join(f"'{kind}'" for kind in LAYER_KINDS)

_SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS {VERSIONS_TABLE} (
      version integer PRIMARY KEY, layer text NOT NULL, kind text NOT NULL CHECK (kind IN ({_KINDS_SQL})),
      departement text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), author text NOT NULL,
      action text NOT NULL, filename text NOT NULL, checksum text NOT NULL, comment text NOT NULL,
      feature_count integer NOT NULL, restored_from integer REFERENCES {VERSIONS_TABLE} (version))""",
    f"""CREATE TABLE IF NOT EXISTS {FEATURES_TABLE} (
      fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES {VERSIONS_TABLE} (version),
      properties json NOT NULL, geom geometry(Geometry, 4326))""",
    f"CREATE INDEX IF NOT EXISTS {VERSIONS_TABLE}_stamp ON {VERSIONS_TABLE} (departement, kind, version)",
    f"CREATE INDEX IF NOT EXISTS {FEATURES_TABLE}_version ON {FEATURES_TABLE} (version_id)",
    f"CREATE INDEX IF NOT EXISTS {FEATURES_TABLE}_geom ON {FEATURES_TABLE} USING gist (geom)",
    f"""CREATE TABLE IF NOT EXISTS {MEMBERS_TABLE} (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES {VERSIONS_TABLE} (version),
      cpts_id text NOT NULL, commune_code text NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {MEMBERS_TABLE}_version ON {MEMBERS_TABLE} (version_id)",
    f"""CREATE OR REPLACE VIEW {CURRENT_VIEW} AS
      SELECT f.fid, v.layer, v.kind, v.departement, v.version, f.properties, f.geom
      FROM {FEATURES_TABLE} f JOIN {VERSIONS_TABLE} v ON v.version = f.version_id
      WHERE v.version = (SELECT max(w.version) FROM {VERSIONS_TABLE} w
                         WHERE w.layer = v.layer AND w.departement = v.departement)""",
    f"COMMENT ON TABLE {FEATURES_TABLE} IS '{texts.STORE_FEATURES_DESCRIPTION}'",
    f"COMMENT ON VIEW {CURRENT_VIEW} IS '{texts.STORE_CURRENT_DESCRIPTION}'",
]

# Same columns, same order as `Version`; the date as the GeoPackage backend writes it (UTC).
_VERSION_COLUMNS = ("version, layer, kind, departement, "
                    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), author, action, filename, "
                    "checksum, comment, feature_count, restored_from")


def ewkb_hex(geometries: np.ndarray) -> np.ndarray:
    """Shapely geometries -> hex EWKB with SRID 4326 (what COPY reads into a geometry); empty or None -> None."""
    geometries = np.asarray(geometries, dtype=object)
    # None as a 0-d object array: numpy's stubs take no bare None, np.where broadcasts both the same way
    geometries = np.where(shapely.is_empty(geometries), np.array(None, dtype=object), geometries)
    hexes: np.ndarray = shapely.to_wkb(shapely.set_srid(geometries, 4326), hex=True, include_srid=True)
    return hexes


# Errors of a refused write -> key of texts.STORE_CAUSES (the server's own words are English)
_WRITE_CAUSES = ((errors.InsufficientPrivilege, "rights"), (errors.ReadOnlySqlTransaction, "readonly"),
                 (errors.DiskFull, "full"))


def _detail(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class PostGISStore(Backend):
    """The PostGIS backend (see the module docstring)."""

    MARK = "%s"

    def __init__(self, url: str, password_hash: str | None = None):
        self.url = url
        self._password_hash = password_hash
        self._ready = False
        self._kept: psycopg.Connection | None = None  # small reads (token, versions): see _query
        self._kept_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where versions are kept, for the page: database, host and port (never the password)."""
        try:
            info = conninfo_to_dict(self.url)
        except psycopg.Error:
            info = {}
        return texts.STORE_DB_LOCATION.format(dbname=info.get("dbname", "?"), host=info.get("host", "localhost"),
                                              port=info.get("port", 5432))

    # connection and schema
    def _connect(self, create: bool = True) -> psycopg.Connection:
        """A connection; writers (`create`) make the tables on first use, readers never write:
        without tables, `_ready` stays False and a read finds nothing saved."""
        try:
            con = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                  application_name="carte-exercice-coordonne")
        except psycopg.Error as exc:
            raise StoreError(texts.STORE_UNAVAILABLE.format(path=self.location, detail=_detail(exc))) from exc
        if not self._ready:
            try:
                if create:
                    self._init_schema(con)
                else:
                    self._ready = self._schema_present(con)
            except psycopg.Error as exc:
                con.close()
                raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
            except BaseException:
                con.close()
                raise
        return con

    def _value(self, con: psycopg.Connection, query: str, args: Sequence[object] = ()) -> Any:
        """The one value of a query that always returns one row (a test, an aggregate); psycopg types it Any."""
        return expect(con.execute(query, args).fetchone(), self.location)[0]

    def _schema_present(self, con: psycopg.Connection) -> bool:
        return bool(self._value(con, "SELECT to_regclass(%s) IS NOT NULL", (CURRENT_VIEW,)))

    def _init_schema(self, con: psycopg.Connection) -> None:
        """Create the tables once; the advisory lock keeps two first sessions from racing."""
        if not self._schema_present(con):
            try:
                with con.transaction():
                    con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                    if not self._value(con, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'"):
                        con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    for statement in _SCHEMA:
                        con.execute(statement)
            except psycopg.Error as exc:
                message = texts.STORE_POSTGIS_MISSING if "postgis" in str(exc).lower() else texts.STORE_DB_ERROR
                raise StoreError(message.format(detail=_detail(exc))) from exc
        self._ready = True

    def _query(self, query: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """A small read's rows ([] while no table exists: nothing saved yet), on one connection kept open.

        Every run of every page of every instance reads the version stamps (stamps(), token()) and the sidebar's
        versions(): a new connection costs a password exchange (about 5 ms on loopback), a query on an open one
        a fraction of a millisecond (scripts/bench_store.py). A dropped connection (server restart, idle proxy)
        is opened again. Layers themselves (load) take a connection of their own: they are not serialised.
        """
        with self._kept_lock:
            try:
                return self._kept_rows(query, args)
            except psycopg.OperationalError:
                self.close()  # dropped while idle: once more, on a new connection
            except psycopg.Error as exc:
                raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
            try:
                return self._kept_rows(query, args)
            except psycopg.Error as exc:
                self.close()
                raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc

    def _kept_rows(self, query: str, args: Sequence[object]) -> list[tuple[Any, ...]]:
        if self._kept is None or self._kept.closed:
            self._kept = self._connect(create=False)
        if not self._ready:  # the first save, perhaps by another instance, creates the tables
            self._ready = self._schema_present(self._kept)
        return self._kept.execute(query, args).fetchall() if self._ready else []

    # reading (token() and stamps(): geo.store.core.Backend, on the kept connection)
    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection kept for small reads (the others are closed after each call)."""
        con, self._kept = getattr(self, "_kept", None), None
        if con is not None:
            con.close()

    def versions(self, departement: str | None = None, layer: str | None = None) -> list[Version]:
        condition, args = versions_filter(departement, layer, "%s")
        rows = self._query(f"SELECT {_VERSION_COLUMNS} FROM {VERSIONS_TABLE} WHERE {condition} ORDER BY version DESC",
                           args)
        return [Version(*row) for row in rows]

    def get_version(self, version: int) -> Version:
        con = self._connect(create=False)
        try:
            return self._get_version(con, version)
        except psycopg.Error as exc:
            raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
        finally:
            con.close()

    def _get_version(self, con: psycopg.Connection, version: int) -> Version:
        row = con.execute(f"SELECT {_VERSION_COLUMNS} FROM {VERSIONS_TABLE} WHERE version = %s",
                          (int(version),)).fetchone() if self._ready else None
        if row is None:
            raise StoreError(texts.STORE_UNKNOWN_VERSION.format(version=version))
        return Version(*row)

    def load(self, version: int) -> LayerData:
        con = self._connect(create=False)  # one connection per call: each connect costs a password exchange
        try:
            meta = self._get_version(con, version)
            # binary results: the WKB comes as raw bytes rather than hex text (2.5x faster on 10 000 points)
            rows = con.cursor(binary=True).execute(
                f"SELECT properties::text, ST_AsBinary(geom) FROM {FEATURES_TABLE} WHERE version_id = %s "
                "ORDER BY fid", (meta.version,)).fetchall()
            members = None
            if meta.kind == "cpts":
                members = pd.DataFrame(
                    con.execute(f"SELECT cpts_id, commune_code FROM {MEMBERS_TABLE} WHERE version_id = %s "
                                "ORDER BY id", (meta.version,)).fetchall(),
                    columns=["cpts_id", "commune_code"], dtype=str)
        except psycopg.Error as exc:
            raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
        finally:
            con.close()
        wkbs = np.array([None if g is None else bytes(g) for _, g in rows], dtype=object)
        return LayerData(meta, build_features([p for p, _ in rows], shapely.from_wkb(wkbs)), members)

    # writing
    def save(self, *, layer: str, kind: str, departement: str, features: gpd.GeoDataFrame, members: pd.DataFrame | None = None,
             author: str, filename: str, checksum: str, comment: str = "", password: str | None,
             action: str = "import") -> Version:
        """Write a new version of `layer` in one transaction; returns it."""
        require_writer(self._password_hash, password)
        self._check_target(layer, kind)
        features, props = prepare_features(features, kind)
        geoms = ewkb_hex(features.geometry.values)
        member_rows = [] if members is None else [
            (str(a), str(b)) for a, b in members[["cpts_id", "commune_code"]].itertuples(index=False)]

        def write(con: psycopg.Connection, version: int) -> None:
            con.execute(f"INSERT INTO {VERSIONS_TABLE} (version, layer, kind, departement, author, action, filename, "
                        "checksum, comment, feature_count) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        (version, layer, kind, departement, author, action, filename, checksum, comment,
                         len(props)))
            with con.cursor() as cur:
                for start in range(0, len(props), BATCH):
                    with cur.copy(f"COPY {FEATURES_TABLE} (version_id, properties, geom) FROM STDIN") as copy:
                        for prop, geom in zip(props[start:start + BATCH], geoms[start:start + BATCH], strict=True):
                            copy.write_row((version, prop, geom))
                    core._checkpoint()
                if member_rows:
                    with cur.copy(f"COPY {MEMBERS_TABLE} (version_id, cpts_id, commune_code) FROM STDIN") as copy:
                        for row in member_rows:
                            copy.write_row((version, *row))

        return self._write(write, layer, departement)

    def rollback(self, version: int, *, author: str, password: str | None, comment: str = "") -> Version:
        """Make an old version current again by copying it as a new version (history is kept)."""
        require_writer(self._password_hash, password)
        target = self.get_version(version)

        def write(con: psycopg.Connection, new: int) -> None:
            old = self._get_version(con, version)
            con.execute(f"INSERT INTO {VERSIONS_TABLE} (version, layer, kind, departement, author, action, filename, "
                        "checksum, comment, feature_count, restored_from) "
                        "VALUES (%s, %s, %s, %s, %s, 'rollback', %s, %s, %s, %s, %s)",
                        (new, old.layer, old.kind, old.departement, author, old.filename, old.checksum,
                         comment or texts.STORE_ROLLBACK_COMMENT.format(version=old.version), old.feature_count, old.version))
            for statement in copy_version_statements("%s"):
                con.execute(statement, (new, old.version))

        return self._write(write, target.layer, target.departement)

    def write_problem(self) -> str | None:
        """Why nothing can be saved: a role without INSERT on the store's tables (read-only access)."""
        checks = " AND ".join(f"has_table_privilege(current_user, '{table}', 'INSERT')"
                              for table in (VERSIONS_TABLE, FEATURES_TABLE, MEMBERS_TABLE))
        con = self._connect(create=False)
        try:  # no tables yet: the first save creates them, which needs CREATE on the schema
            allowed = self._value(con, f"SELECT {checks}" if self._ready else
                                  "SELECT has_schema_privilege('public', 'CREATE')")
        except psycopg.Error as exc:
            raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
        finally:
            con.close()
        if allowed:
            return None
        return texts.STORE_CANNOT_SAVE.format(path=self.location, cause=texts.STORE_CAUSES["rights"])

    def _write(self, write: Callable[[psycopg.Connection, int], None], layer: str, departement: str) -> Version:
        """Run `write(con, version)` in one transaction holding the writers' lock; returns the new version of `layer`.

        A refused write says its cause and what the store still holds for `layer`.
        """
        con = self._connect()
        try:
            with con.transaction():
                con.execute("SELECT set_config('lock_timeout', %s, true)", (f"{int(BUSY_TIMEOUT_S * 1000)}ms",))
                con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                version = self._value(con, f"SELECT coalesce(max(version), 0) + 1 FROM {VERSIONS_TABLE}")
                write(con, version)
            return self._get_version(con, version)
        except errors.LockNotAvailable as exc:
            raise StoreError(texts.STORE_BUSY) from exc
        except psycopg.Error as exc:
            cause = next((key for kind, key in _WRITE_CAUSES if isinstance(exc, kind)), None)
            if cause is None:
                raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
            raise self._save_failed(texts.STORE_CAUSES[cause], layer, departement) from exc
        finally:
            con.close()

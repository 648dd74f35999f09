"""Stories kept with the layers: one table beside the versions, in the GeoPackage file or the PostGIS database.

Versioned like the layers: saving a story (a step added) writes a new row with the next version of that name;
none is ever overwritten, so the story a presenter opened yesterday can still be read. Writes need the analyst
password and run in one transaction (a failed save leaves the previous versions as they were).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from geo import stories, texts
from geo.store import core
from geo.store.core import LayerStore, StoreError, require_writer
from geo.store.gpkg import GeoPackageStore, _immediate, _sqlite_cause

STORIES_TABLE = "store_stories"
_COLUMNS = "name, version, created_at, author, steps"
_CREATE = (f"CREATE TABLE IF NOT EXISTS {STORIES_TABLE} (name TEXT NOT NULL, version INTEGER NOT NULL, "
           "created_at TEXT NOT NULL, author TEXT NOT NULL, steps TEXT NOT NULL, PRIMARY KEY (name, version))")
# The newest version of each story (or of one, when the name is given).
_LATEST = (f"SELECT {_COLUMNS} FROM {STORIES_TABLE} s WHERE version = "
           f"(SELECT max(version) FROM {STORIES_TABLE} WHERE name = s.name)")

Row = tuple[Any, ...]


def save_story(store: LayerStore, story: stories.Story, *, author: str, password: str | None) -> stories.Story:
    """Write `story` as the next version of its name; returns it as saved (with its version)."""
    require_writer(getattr(store, "_password_hash", None), password)
    row = [story.name, core._now(), author, stories.to_json(story.steps)]
    version = _gpkg_save(store, row) if isinstance(store, GeoPackageStore) else _postgis_save(store, row)
    return stories.Story(story.name, story.steps, version, author, row[1])


def load_story(store: LayerStore, name: str, version: int | None = None) -> stories.Story | None:
    """The newest version of the story `name` (or the given version); None when there is none."""
    if version is None:
        rows = _read(store, _LATEST + " AND name = {mark}", [name])
    else:
        rows = _read(store, f"SELECT {_COLUMNS} FROM {STORIES_TABLE} WHERE name = {{mark}} AND version = {{mark}}",
                     [name, version])
    return _story(rows[0]) if rows else None


def list_stories(store: LayerStore) -> list[stories.Story]:
    """The newest version of every story, by name."""
    return [_story(row) for row in _read(store, _LATEST + " ORDER BY name", [])]


def story_versions(store: LayerStore, name: str) -> list[int]:
    rows = _read(store, f"SELECT version FROM {STORIES_TABLE} WHERE name = {{mark}} ORDER BY version", [name])
    return [int(v) for (v,) in rows]


def _story(row: Row) -> stories.Story:
    name, version, created_at, author, steps = row
    return stories.Story(str(name), stories.from_json(str(name), str(steps)), int(version), str(author),
                         str(created_at))


def _read(store: LayerStore, query: str, args: list[Any]) -> list[Row]:
    if isinstance(store, GeoPackageStore):
        return _gpkg_read(store, query.format(mark="?"), args)
    return _postgis_read(store, query.format(mark="%s"), args)


# --- GeoPackage ------------------------------------------------------------------------


def _gpkg_read(store: GeoPackageStore, query: str, args: list[Any]) -> list[Row]:
    with store._reading() as con:
        if con is None or not con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (STORIES_TABLE,)).fetchone():
            return []
        try:
            return list(con.execute(query, args).fetchall())
        except sqlite3.Error as exc:
            raise StoreError(texts.STORE_UNAVAILABLE.format(path=store.path, detail=exc)) from exc


def _gpkg_save(store: GeoPackageStore, row: list[Any]) -> int:
    try:
        with closing(store._connect()) as con, _immediate(con):
            con.execute(_CREATE)
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
                        "VALUES (?, 'attributes', ?)", (STORIES_TABLE, STORIES_TABLE))
            version = con.execute(f"SELECT coalesce(max(version), 0) + 1 FROM {STORIES_TABLE} WHERE name = ?",
                                  (row[0],)).fetchone()[0]
            con.execute(f"INSERT INTO {STORIES_TABLE} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)", (row[0], version, *row[1:]))
            return int(version)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(texts.STORE_BUSY) from exc
        raise _cannot_save(store.location, _sqlite_cause(exc) or str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        cause = core.os_cause(exc) if isinstance(exc, OSError) else _sqlite_cause(exc) or str(exc)
        raise _cannot_save(store.location, cause) from exc


def _cannot_save(location: str, cause: str) -> StoreError:
    return StoreError(texts.STORE_CANNOT_SAVE.format(path=location, cause=cause))


# --- PostGIS ---------------------------------------------------------------------------


def _postgis_read(store: Any, query: str, args: list[Any]) -> list[Row]:
    present = store._query("SELECT to_regclass(%s) IS NOT NULL", (STORIES_TABLE,))
    return list(store._query(query, args)) if present and present[0][0] else []


def _postgis_save(store: Any, row: list[Any]) -> int:
    import psycopg

    from geo.store.postgis import LOCK_KEY, _detail

    con = store._connect()
    try:
        with con.transaction():  # the writers' lock: two analysts adding a step at once get two versions
            con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            con.execute(_CREATE)
            version = con.execute(f"SELECT coalesce(max(version), 0) + 1 FROM {STORIES_TABLE} WHERE name = %s",
                                  (row[0],)).fetchone()[0]
            con.execute(f"INSERT INTO {STORIES_TABLE} ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
                        (row[0], version, *row[1:]))
        return int(version)
    except psycopg.Error as exc:
        raise StoreError(texts.STORE_DB_ERROR.format(detail=_detail(exc))) from exc
    finally:
        con.close()

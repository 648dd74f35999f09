"""A GeoPackage is data, not code: its schema is read (never its views) before GDAL opens it.

SQLite runs SQL stored in the file when a view is read or a trigger fires, and GDAL reads views listed
in gpkg_contents: a recursive view took gigabytes. So the file is opened read-only and immutable, with
`trusted_schema` off, a time limit (progress handler) and a cap on any value SQLite may build, and only
the schema is read. Refused: any view, any trigger other than the GeoPackage's own (spatial index,
feature counts), any virtual table other than the R*Tree index, any generated column, any SQL naming
remote data. What is left is tables of rows, which GDAL reads as data.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from geo import texts
from geo.importing import limits
from geo.importing.report import ImportRefused, Report

# Triggers GDAL, QGIS and the GeoPackage standard create; they fire on writes only, and we never write.
_STANDARD_TRIGGER = re.compile(
    r"(rtree_.+_(insert\d?|update\d?|delete)|gpkg_.+|trigger_(insert|delete)_feature_count_.+)", re.IGNORECASE)
_RTREE = re.compile(r"\s*create\s+virtual\s+table\s+.+?\s+using\s+rtree\s*\(", re.IGNORECASE | re.DOTALL)
_REMOTE = ("/vsi", "http://", "https://", "virtualogr", "load_extension")


def inspect_geopackage(path: Path, layer: str | None, report: Report) -> str:
    """The feature table to read (a real table listed in gpkg_contents), or a French refusal."""
    try:
        con = _open(path)
        try:
            objects = con.execute("SELECT type, name, sql FROM sqlite_master LIMIT ?",
                                  (limits.GPKG_MAX_SCHEMA_OBJECTS + 1,)).fetchall()
            if len(objects) > limits.GPKG_MAX_SCHEMA_OBJECTS:
                raise ImportRefused(texts.REFUSE_GPKG_TOO_MANY.format(max=limits.GPKG_MAX_SCHEMA_OBJECTS))
            tables = {name for kind, name, _ in objects if kind == "table"}
            if "gpkg_contents" not in tables:
                raise ImportRefused(texts.REFUSE_GPKG)
            _refuse_code(objects)
            layers = [r[0] for r in con.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name")
                      if r[0] in tables]
            for name in layers:
                # hidden 2 and 3: a column computed from an expression each time the row is read
                if any(row[6] in (2, 3) for row in con.execute("SELECT * FROM pragma_table_xinfo(?)", (name,))):
                    raise ImportRefused(texts.REFUSE_GPKG_CODE.format(what=texts.GPKG_GENERATED.format(name=name)))
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            seconds = texts.fmt_dec(limits.GPKG_TIME_LIMIT_S, 1)
            raise ImportRefused(texts.REFUSE_GPKG_SLOW.format(seconds=seconds)) from exc
        raise ImportRefused(texts.REFUSE_GPKG) from exc
    except sqlite3.DatabaseError as exc:
        raise ImportRefused(texts.REFUSE_GPKG) from exc
    if not layers:
        raise ImportRefused(texts.REFUSE_GPKG_NO_LAYER)
    report.layers_available = layers
    chosen = layers[0] if layer is None else layer
    if chosen not in layers:
        raise ImportRefused(texts.REFUSE_GPKG_UNKNOWN_LAYER.format(layer=chosen[:80], names=", ".join(layers)))
    report.layer_read = chosen
    return chosen


def _open(path: Path) -> sqlite3.Connection:
    # immutable: no lock, no journal, no WAL file looked for beside it (the file is our private copy)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    deadline = time.monotonic() + limits.GPKG_TIME_LIMIT_S
    con.set_progress_handler(lambda: int(time.monotonic() > deadline), 100)  # every 100 SQLite instructions
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits.GPKG_MAX_VALUE_MB * limits.MB)
    for pragma in ("query_only = 1", "trusted_schema = 0", "cell_size_check = 1", "mmap_size = 0",
                   "cache_size = -2000"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _refuse_code(objects: list[tuple[str, str, str | None]]) -> None:
    sql = " ".join(s or "" for _, _, s in objects).lower()
    for needle in _REMOTE:  # said first: the most useful thing to tell the analyst
        if needle in sql:
            raise ImportRefused(texts.REFUSE_REMOTE.format(what=needle))
    for kind, name, statement in objects:
        if kind == "view":
            raise ImportRefused(texts.REFUSE_GPKG_CODE.format(what=texts.GPKG_VIEW.format(name=name[:80])))
        if kind == "trigger" and not _STANDARD_TRIGGER.fullmatch(name):
            raise ImportRefused(texts.REFUSE_GPKG_CODE.format(what=texts.GPKG_TRIGGER.format(name=name[:80])))
        if kind == "table" and re.match(r"\s*create\s+virtual", statement or "", re.IGNORECASE) \
                and not _RTREE.match(statement or ""):
            raise ImportRefused(texts.REFUSE_GPKG_CODE.format(what=texts.GPKG_VIRTUAL.format(name=name[:80])))

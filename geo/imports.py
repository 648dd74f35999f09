"""Uploaded files -> validated layer + a report, before anything is saved.

One code path for the page and the command line::

    python -m geo.imports FILE [--kind structures|cpts|layer] [--departement 29] [--layer NAME]

prints the report and exits 0 when the file is usable, 2 when it is refused.

This module is the entry point; the steps live in `geo.importing`: the gate
(bytes -> a vetted file), the readers (vetted file -> frame), geometry, one
module per kind, report, diff. Every refusal is an `ImportRefused` with a
French message that says what to fix.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import finess, texts
from geo.importing import limits
from geo.importing.columns import (
    CODE_NAMES,
    CPTS_NAME_NAMES,
    LAT_NAMES,
    LON_NAMES,
    NAME_NAMES,
    WKT_NAMES,
    X_NAMES,
    Y_NAMES,
    find_column,
)
from geo.importing.cpts import CptsContext, cpts_from_polygons, cpts_from_table, memberships_from_polygons
from geo.importing.diff import Diff, diff
from geo.importing.gate import VettedFile, vet
from geo.importing.geometry import clean_geometries, drop_duplicates, resolve_crs
from geo.importing.layer import free_layer
from geo.importing.limits import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_MB, MAX_UPLOAD_MB, MAX_ZIP_MEMBERS, MB
from geo.importing.readers import csv_positions, decode_text, read, read_csv_text
from geo.importing.report import (
    LIST_LIMIT,
    ImportRefused,
    ImportResult,
    Report,
    fmt_size,
    short_error,
    short_list,
    too_big,
)
from geo.importing.safety import SHAPEFILE_PARTS, check_zip_members, sniff
from geo.importing.structures import STATUS_WORDS, finess_structures, shape_structures
from geo.reference import DEFAULT_DEPARTEMENT, WGS84, available_departements, load_communes
from geo.territories import cpts_id

# The names pages, tests and scripts import from here; the steps themselves live in geo.importing.
# The limits are copies: to change one at run time (tests), patch it in geo.importing.limits.
__all__ = [
    "validate", "main", "diff", "Diff", "ImportRefused", "ImportResult", "Report", "Progress", "LAYER_KINDS",
    "MB", "MAX_UPLOAD_MB", "MAX_UNCOMPRESSED_MB", "MAX_ZIP_MEMBERS", "MAX_COMPRESSION_RATIO", "SHAPEFILE_PARTS",
    "LIST_LIMIT", "fmt_size", "short_list", "sniff", "decode_text", "check_zip_members", "vet", "VettedFile",
    "LAT_NAMES", "LON_NAMES", "X_NAMES", "Y_NAMES",
    "WKT_NAMES", "CODE_NAMES", "NAME_NAMES", "CPTS_NAME_NAMES", "read_csv_text", "csv_positions", "resolve_crs",
    "clean_geometries", "drop_duplicates", "STATUS_WORDS", "cpts_id",
    "memberships_from_polygons",
]

LAYER_KINDS = ("structures", "cpts", "layer")

Progress = Callable[[float, str], None]


def validate(filename: str, data: bytes, kind: str = "structures", departement: str = DEFAULT_DEPARTEMENT,
             layer: str | None = None, progress: Progress | None = None, context_cpts: CptsContext | None = None,
             max_upload_mb: int | None = None) -> ImportResult:
    """Read, check and repair an uploaded file; never raises (a refusal is in report.refused).

    `context_cpts` = (table, members) of the CPTS the import will sit beside
    (overlaps and gaps are computed on the combination). `max_upload_mb` defaults to limits.MAX_UPLOAD_MB.
    Connectors pass downloaded files here too: the bytes cross the same gate as an upload.
    """
    report = Report(filename=Path(filename).name, size=len(data), kind=kind, departement=departement)
    step = progress or (lambda fraction, message: None)
    try:
        report.checksum = hashlib.sha256(data).hexdigest()
        available = available_departements()
        if departement not in available:  # also keeps a CLI argument out of data/ paths
            raise ImportRefused(texts.REFUSE_UNKNOWN_DEPARTEMENT.format(dep=str(departement)[:10],
                                                                        available=", ".join(available)))
        step(0.05, texts.DONNEES_READING)
        with vet(data, report, layer, max_upload_mb) as vetted:
            frame = read(vetted, report, departement)
        step(0.5, texts.DONNEES_CHECKING)
        result = _shape(frame, report, kind, departement, context_cpts)
        step(1.0, texts.DONNEES_READING)
        return result
    except ImportRefused as exc:
        report.refused = str(exc)
    except MemoryError:
        report.refused = str(too_big(len(data), limits.MAX_UPLOAD_MB if max_upload_mb is None else max_upload_mb))
    except Exception as exc:  # never a traceback in the page: say what happened, in French
        report.refused = texts.REFUSE_INTERNAL.format(detail=short_error(exc))
    return ImportResult(report)


def _shape(source: finess.FinessParse | pd.DataFrame, report: Report, kind: str, departement: str,
           context_cpts: CptsContext | None) -> ImportResult:
    """What was read -> the validated layer of the kind asked for."""
    communes = load_communes(departement)
    if isinstance(source, finess.FinessParse):  # FINESS lists establishments, whatever kind was asked
        if kind != "structures":
            kind = report.kind = "structures"
        return finess_structures(source, report, departement, communes)
    if isinstance(source, gpd.GeoDataFrame):
        report.features_read = len(source)
        if not len(source):
            raise ImportRefused(texts.REFUSE_NO_FEATURE)
        frame = resolve_crs(source, report)
    else:  # a CSV table
        report.features_read = len(source)
        frame = csv_positions(source, report)
        if kind == "cpts" and frame is None:
            return cpts_from_table(source, report, departement, communes, context_cpts)
        if frame is None:  # no coordinates: commune codes can still place the rows
            if find_column(list(source.columns), CODE_NAMES) is None:
                raise ImportRefused(texts.REFUSE_CSV_NO_POSITION.format(columns=short_list(list(source.columns), 12)))
            frame = gpd.GeoDataFrame(source, geometry=[None] * len(source), crs=WGS84)
        elif frame.geometry.notna().any():
            frame = resolve_crs(frame, report)
        else:
            frame = frame.set_crs(WGS84)
    if kind == "structures":
        return shape_structures(frame, report, departement, communes)
    if kind == "cpts":
        return cpts_from_polygons(frame, report, departement, communes, context_cpts)
    return free_layer(frame, report, departement, communes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.imports", description=texts.IMPORTS_CLI_DESCRIPTION)
    parser.add_argument("file")
    parser.add_argument("--kind", choices=LAYER_KINDS, default="structures")
    parser.add_argument("--departement", default=DEFAULT_DEPARTEMENT)
    parser.add_argument("--layer", default=None, help=texts.IMPORTS_CLI_LAYER_HELP)
    args = parser.parse_args(argv)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(texts.IMPORTS_CLI_UNREADABLE.format(path=path, reason=exc.strerror))
        return 2
    result = validate(path.name, data, kind=args.kind, departement=args.departement, layer=args.layer)
    # Names from the file reach a terminal: no control character (ANSI escapes could rewrite what it shows).
    print(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", result.report.text()))
    return 0 if result.report.ok else 2


if __name__ == "__main__":
    sys.exit(main())

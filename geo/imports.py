"""Uploaded files -> validated layer + a report, before anything is saved.

One code path for the page and the command line::

    python -m geo.imports FILE [--kind structures|cpts|layer] [--departement 29] [--layer NAME]

prints the report and exits 0 when the file is usable, 2 when it is refused.

Safety first, GDAL second: the format is decided from the file's *content*
(magic bytes), never from its name; zip members are checked (paths, count,
uncompressed size, compression ratio, extensions) and extracted by us before
GDAL sees them; only GeoJSON, Shapefile, GeoPackage and KML contents reach
GDAL; remote references (KML NetworkLink, /vsi paths, URLs in a GeoPackage's
SQL) are refused, and GDAL is told to open no URL at all. Every refusal is
an `ImportRefused` with a French message that says what to fix.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo import finess, texts
from geo.reference import DEFAULT_DEPARTEMENT, LAMBERT93, WGS84, load_communes, load_departement_outline, normalize
from geo.structures import KINDS, STATUSES, conform
from geo.territories import CPTS_COLUMNS, build_perimeters, communes_without_cpts, overlapping_communes

LAYER_KINDS = ("structures", "cpts", "layer")
MB = 1024 * 1024
MAX_UPLOAD_MB = int(os.environ.get("CARTE_MAX_UPLOAD_MB", "200"))
MAX_UNCOMPRESSED_MB = int(os.environ.get("CARTE_MAX_UNCOMPRESSED_MB", "600"))
MAX_ZIP_MEMBERS = 100
MAX_COMPRESSION_RATIO = 200
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd", ".xml", ".txt",
                   ".html", ".pdf", ".md", ".qml", ".sld", ".lyr", ".lyrx"}
LIST_LIMIT = 15

# GDAL must never fetch anything: no URL is a known file.
pyogrio.set_gdal_config_options({
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".carte-no-remote",
    "GDAL_HTTP_TIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0", "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "OGR_GEOJSON_MAX_OBJ_SIZE": "0",
})

Progress = Callable[[float, str], None]


class ImportRefused(Exception):
    """The file cannot be used; the message (French) says what to fix."""


# --- Report --------------------------------------------------------------------------------


@dataclass
class Report:
    filename: str
    size: int
    kind: str
    departement: str
    format: str = ""
    checksum: str = ""
    encoding: str = ""
    separator: str = ""
    layers_available: list[str] = field(default_factory=list)
    layer_read: str = ""
    features_read: int = 0
    features_kept: int = 0
    crs_found: str = ""
    crs_assumed: str = ""  # "l93" | "wgs84" when no CRS was declared
    reprojected: bool = False
    repaired: int = 0
    dropped_empty: int = 0
    dropped_duplicates: int = 0
    dropped_duplicate_ids: int = 0
    dropped_wrong_geometry: int = 0
    wrong_geometry_found: str = ""
    points_from_shapes: int = 0
    unmatched_codes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    outside_dropped: bool = False
    no_position: int = 0
    at_commune: int = 0
    unknown_kinds: dict[str, int] = field(default_factory=dict)
    unknown_status: dict[str, int] = field(default_factory=dict)
    finess: dict | None = None
    cpts_count: int = 0
    cpts_communes: int = 0
    cpts_without_commune: list[str] = field(default_factory=list)
    cpts_unnamed: int = 0
    overlaps: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    mojibake: bool = False
    refused: str = ""

    @property
    def ok(self) -> bool:
        return not self.refused

    def lines(self) -> list[tuple[str, str]]:
        """(level, French sentence): level is 'info', 'fix' (something was repaired/dropped) or 'warn'."""
        out: list[tuple[str, str]] = []
        add = lambda level, text: out.append((level, text))  # noqa: E731
        add("info", texts.REPORT_FILE.format(name=self.filename, size=fmt_size(self.size),
                                             format=texts.FORMAT_LABELS.get(self.format, self.format or "?")))
        if self.encoding:
            add("info", texts.REPORT_ENCODING.format(encoding=self.encoding, sep=self.separator or "–"))
        if self.mojibake:
            add("warn", texts.REPORT_MOJIBAKE)
        if self.layers_available:
            add("info", texts.REPORT_LAYERS.format(names=", ".join(self.layers_available), layer=self.layer_read))
        if self.finess:
            add("info", texts.REPORT_FINESS.format(**self.finess))
        if self.features_read:
            add("info", texts.REPORT_READ.format(n=texts.fmt_int(self.features_read)))
        if self.crs_assumed == "l93":
            add("warn", texts.REPORT_CRS_ASSUMED_L93)
        elif self.crs_assumed == "wgs84":
            add("warn", texts.REPORT_CRS_ASSUMED_WGS84)
        elif self.crs_found:
            add("info", texts.REPORT_CRS.format(crs=self.crs_found))
            if self.reprojected:
                add("fix", texts.REPORT_CRS_REPROJECTED.format(crs=self.crs_found))
        for count, template in ((self.repaired, texts.REPORT_REPAIRED), (self.dropped_empty, texts.REPORT_EMPTY),
                                (self.dropped_duplicates, texts.REPORT_DUPLICATES),
                                (self.dropped_duplicate_ids, texts.REPORT_DUPLICATE_IDS),
                                (self.points_from_shapes, texts.REPORT_POINTS_FROM_SHAPES),
                                (self.no_position, texts.REPORT_NO_POSITION)):
            if count:
                add("fix", template.format(n=texts.fmt_int(count)))
        if self.dropped_wrong_geometry:
            add("fix", texts.REPORT_WRONG_GEOMETRY.format(
                n=self.dropped_wrong_geometry, found=self.wrong_geometry_found,
                expected="points" if self.kind == "structures" else "polygones"))
        if self.at_commune:
            add("warn", (texts.REPORT_FINESS_NO_POSITION if self.finess else texts.REPORT_AT_COMMUNE)
                .format(n=self.at_commune))
        if self.unmatched_codes:
            add("warn", texts.REPORT_UNMATCHED.format(n=len(self.unmatched_codes), codes=short_list(self.unmatched_codes)))
        if self.outside:
            template = texts.REPORT_OUTSIDE_DROPPED if self.outside_dropped else texts.REPORT_OUTSIDE
            add("fix" if self.outside_dropped else "warn",
                template.format(n=len(self.outside), dep=self.departement, names=short_list(self.outside)))
        if self.unknown_kinds:
            add("warn", texts.REPORT_UNKNOWN_KINDS.format(n=sum(self.unknown_kinds.values()),
                                                         values=short_list(list(self.unknown_kinds))))
        if self.unknown_status:
            add("warn", texts.REPORT_UNKNOWN_STATUS.format(n=sum(self.unknown_status.values()),
                                                          default=self._default_status(),
                                                          values=short_list(list(self.unknown_status))))
        if self.kind == "cpts" and self.cpts_count:
            add("info", texts.REPORT_CPTS.format(n=self.cpts_count, communes=self.cpts_communes))
            if self.format != "csv":
                add("info", texts.REPORT_CPTS_POLYGON_RULE)
            if self.cpts_unnamed:
                add("warn", texts.REPORT_CPTS_NO_NAME.format(n=self.cpts_unnamed))
            if self.cpts_without_commune:
                add("warn", texts.REPORT_CPTS_WITHOUT_COMMUNE.format(n=len(self.cpts_without_commune),
                                                                     names=short_list(self.cpts_without_commune)))
            if self.overlaps:
                add("warn", texts.REPORT_OVERLAPS.format(n=len(self.overlaps), names=short_list(self.overlaps)))
            else:
                add("info", texts.REPORT_NO_OVERLAP)
            if self.gaps:
                add("warn", texts.REPORT_GAPS.format(n=len(self.gaps), names=short_list(self.gaps)))
        if self.features_kept and not self.refused:
            add("info", texts.REPORT_KEPT.format(n=texts.fmt_int(self.features_kept)))
        add("error" if self.refused else "info",
            texts.REPORT_REFUSED.format(reason=self.refused) if self.refused else texts.REPORT_USABLE)
        return out

    def _default_status(self) -> str:
        return "inconnu" if self.kind == "cpts" else "ouvert"

    def text(self) -> str:
        marks = {"info": "  ", "fix": "✔ ", "warn": "⚠ ", "error": "✖ "}
        return "\n".join(marks[level] + line for level, line in self.lines())


@dataclass
class ImportResult:
    report: Report
    features: gpd.GeoDataFrame | None = None  # structures (conform), CPTS rows (CPTS_COLUMNS + perimeter), layer
    members: pd.DataFrame | None = None  # CPTS only: cpts_id, commune_code


def fmt_size(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    if size < MB:
        return f"{texts.fmt_dec(size / 1024, 1)} Ko"
    return f"{texts.fmt_dec(size / MB, 1)} Mo"


def short_list(values: list[str], limit: int = LIST_LIMIT) -> str:
    values = [str(v) for v in values]
    if len(values) <= limit:
        return ", ".join(values)
    return texts.REPORT_TRUNCATED_LIST.format(shown=", ".join(values[:limit]), more=len(values) - limit)


# --- Entry point ---------------------------------------------------------------------------


def validate(filename: str, data: bytes, kind: str = "structures", departement: str = DEFAULT_DEPARTEMENT,
             layer: str | None = None, progress: Progress | None = None, context_cpts=None,
             max_upload_mb: int = MAX_UPLOAD_MB) -> ImportResult:
    """Read, check and repair an uploaded file; never raises (a refusal is in report.refused).

    `context_cpts` = (table, members) of the CPTS the import will sit beside
    (overlaps and gaps are computed on the combination).
    """
    report = Report(filename=Path(filename).name, size=len(data), kind=kind, departement=departement)
    step = progress or (lambda fraction, message: None)
    try:
        report.checksum = hashlib.sha256(data).hexdigest()
        step(0.05, texts.DONNEES_READING)
        frame = _read(data, report, layer, max_upload_mb, departement)
        step(0.5, texts.DONNEES_READING)
        result = _shape(frame, report, kind, departement, context_cpts)
        step(1.0, texts.DONNEES_READING)
        return result
    except ImportRefused as exc:
        report.refused = str(exc)
    except MemoryError:
        report.refused = texts.REFUSE_TOO_BIG.format(size=fmt_size(len(data)), max_mb=max_upload_mb)
    except Exception as exc:  # never a traceback in the page: say what happened, in French
        report.refused = texts.REFUSE_INTERNAL.format(detail=_short(exc))
    return ImportResult(report)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:180] + "…") if len(text) > 180 else (text or type(exc).__name__)


# --- Reading: content sniffing, safety checks, decoders ------------------------------------


def sniff(data: bytes) -> str:
    """Format from the content: gzip, zip, gpkg, json, kml, csv (FINESS legacy decided later)."""
    if not data:
        raise ImportRefused(texts.REFUSE_EMPTY)
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 2:
        raise ImportRefused(texts.REFUSE_ENCODING)
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if not text:
        raise ImportRefused(texts.REFUSE_EMPTY)
    if text.startswith(("{", "[")):
        return "json"
    if text.startswith("<"):
        if "<html" in text or "<!doctype html" in text or "<body" in text:
            raise ImportRefused(texts.REFUSE_HTML)
        if "<kml" in text:
            return "kml"
        raise ImportRefused(texts.REFUSE_XML)
    if "<html" in text[:500] or "<!doctype" in text[:200]:
        raise ImportRefused(texts.REFUSE_HTML)
    if sum(1 for b in head if b < 9 or 13 < b < 32) > 4:
        raise ImportRefused(texts.REFUSE_BINARY)
    return "csv"


def _read(data: bytes, report: Report, layer: str | None, max_upload_mb: int, departement: str):
    """Bytes -> a GeoDataFrame (geo formats), a DataFrame (CSV) or finess.FinessParse."""
    if len(data) > max_upload_mb * MB:
        raise ImportRefused(texts.REFUSE_TOO_BIG.format(size=fmt_size(len(data)), max_mb=max_upload_mb))
    kind = sniff(data)
    if kind == "gzip":
        data = gunzip_bounded(data)
        kind = sniff(data)
        if kind not in {"json", "csv", "kml"}:
            raise ImportRefused(texts.REFUSE_BINARY)
    if kind == "json":
        return _read_json(data, report, departement)
    if kind == "csv":
        text = decode_text(data, report)
        if finess.is_legacy(text[:5000]):
            report.format = "finess_legacy"
            report.separator = ";"
            return finess.parse_legacy(text, departement)
        report.format = "csv"
        return read_csv_text(text, report)
    with tempfile.TemporaryDirectory(prefix="carte-import-") as tmp:
        folder = Path(tmp)
        if kind == "zip":
            report.format = "shapefile"
            path = extract_shapefile(data, folder, layer, report)
            return _gdal_read(path, report, None, "ESRI Shapefile")
        if kind == "gpkg":
            report.format = "gpkg"
            path = folder / "upload.gpkg"
            path.write_bytes(data)
            layer = check_geopackage(path, layer, report)
            return _gdal_read(path, report, layer, "GPKG")
        report.format = "kml"
        check_kml(data)
        path = folder / "upload.kml"
        path.write_bytes(data)
        return _read_kml(path, report)


def gunzip_bounded(data: bytes, limit_mb: int = MAX_UNCOMPRESSED_MB) -> bytes:
    """Decompress a .gz without ever holding more than the limit (gzip bombs)."""
    limit = limit_mb * MB
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(4 * MB):
                out.write(chunk)
                if out.tell() > limit:
                    raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=limit_mb))
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportRefused(texts.REFUSE_GZIP) from exc
    return out.getvalue()


def decode_text(data: bytes, report: Report) -> str:
    """UTF-8 (with or without BOM), else Latin-1 (Windows-1252 where it differs); anything else refused."""
    try:
        text = data.decode("utf-8-sig")
        report.encoding = "UTF-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        report.encoding = "Latin-1 (ISO-8859-1 / Windows-1252)"
    if "\x00" in text[:10000]:
        raise ImportRefused(texts.REFUSE_ENCODING)
    report.mojibake = bool(re.search("Ã[©¨ª«§´®¯¢ ]", text[:200000]))
    return text


def _read_json(data: bytes, report: Report, departement: str):
    head = data[:20000]
    if b'"pmej"' in head or b'"schemaVersion"' in head or b'"gcc"' in head:
        return _read_finess_plus(data, report, departement)
    if b'"$ref"' in head:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="$ref"))
    report.format = "geojson"
    with tempfile.TemporaryDirectory(prefix="carte-import-") as tmp:
        path = Path(tmp) / "upload.geojson"
        path.write_bytes(data)
        try:
            return _gdal_read(path, report, None, "GeoJSON", raise_json=True)
        except ImportRefused:
            if b'"pmej"' in data:
                return _read_finess_plus(data, report, departement)
            raise


def _json_error(data: bytes) -> str:
    """Where a JSON text breaks (line, column), for the refusal message."""
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        return f"ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}"
    return "" if isinstance(obj, dict) and obj.get("type") in {"FeatureCollection", "Feature"} else "non-geo"


def _read_finess_plus(data: bytes, report: Report, departement: str):
    report.format = "finess_plus"
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        detail = f"ligne {exc.lineno}, colonne {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "encodage"
        raise ImportRefused(texts.REFUSE_JSON.format(detail=detail)) from exc
    if not finess.is_finess_plus(obj):
        raise ImportRefused(texts.REFUSE_JSON_NOT_GEO)
    return finess.parse_plus(obj, departement)


def check_zip_members(archive: zipfile.ZipFile, limit_mb: int = MAX_UNCOMPRESSED_MB) -> list[zipfile.ZipInfo]:
    """Refuse zip-slip paths, too many members, encrypted members and bombs (declared sizes and ratio)."""
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(archive.infolist()) > MAX_ZIP_MEMBERS:
        raise ImportRefused(texts.REFUSE_ZIP_MEMBERS.format(n=len(archive.infolist()), max=MAX_ZIP_MEMBERS))
    total = 0
    for member in archive.infolist():
        name = member.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts or "\x00" in name:
            raise ImportRefused(texts.REFUSE_ZIP_PATH.format(member=texts.esc(member.filename[:80])))
        if member.flag_bits & 0x1:
            raise ImportRefused(texts.REFUSE_ZIP_ENCRYPTED)
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > limit_mb * MB or (member.file_size > 10 * MB and ratio > MAX_COMPRESSION_RATIO):
            raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=limit_mb))
    return members


def extract_shapefile(data: bytes, folder: Path, layer: str | None, report: Report) -> Path:
    """Check the archive, extract the one Shapefile's parts ourselves (bounded), return the .shp path."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = check_zip_members(archive)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(texts.REFUSE_ZIP_BAD) from exc
    for member in members:
        suffix = PurePosixPath(member.filename).suffix.lower()
        base = PurePosixPath(member.filename).name
        if base.startswith(".") or member.filename.startswith("__MACOSX/"):
            continue
        if suffix not in SHAPEFILE_PARTS:
            raise ImportRefused(texts.REFUSE_ZIP_FORBIDDEN.format(member=texts.esc(member.filename[:80])))
    shapes = [m for m in members if m.filename.lower().endswith(".shp") and not m.filename.startswith("__MACOSX/")]
    if not shapes:
        raise ImportRefused(texts.REFUSE_ZIP_NO_SHP)
    stems = [PurePosixPath(m.filename).stem for m in shapes]
    report.layers_available = stems if len(stems) > 1 else []
    if len(shapes) > 1 and layer not in stems:
        if layer is None:
            layer = stems[0]
        else:
            raise ImportRefused(texts.REFUSE_ZIP_SEVERAL.format(names=", ".join(stems)))
    chosen = shapes[stems.index(layer)] if layer in stems else shapes[0]
    report.layer_read = PurePosixPath(chosen.filename).stem if len(shapes) > 1 else ""
    prefix = chosen.filename[:-4]
    parts = {PurePosixPath(m.filename).suffix.lower(): m for m in members
             if m.filename[:-len(PurePosixPath(m.filename).suffix)] == prefix}
    missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
    if missing:
        raise ImportRefused(texts.REFUSE_ZIP_MISSING.format(name=PurePosixPath(prefix).name, missing=", ".join(missing)))
    limit, written = MAX_UNCOMPRESSED_MB * MB, 0
    for suffix, member in parts.items():
        if suffix not in {".shp", ".shx", ".dbf", ".prj", ".cpg"}:
            continue
        target = folder / f"upload{suffix}"
        with archive.open(member) as source, open(target, "wb") as sink:
            while chunk := source.read(MB):
                written += len(chunk)
                if written > limit:  # declared sizes can lie
                    raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=MAX_UNCOMPRESSED_MB))
                sink.write(chunk)
    return folder / "upload.shp"


def check_geopackage(path: Path, layer: str | None, report: Report) -> str:
    """A real GeoPackage, no SQL that names remote data; returns the feature layer to read."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "gpkg_contents" not in tables:
                raise ImportRefused(texts.REFUSE_GPKG)
            sql = " ".join(r[0] or "" for r in con.execute("SELECT sql FROM sqlite_master")).lower()
            layers = [r[0] for r in con.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ImportRefused(texts.REFUSE_GPKG) from exc
    for needle in ("/vsi", "http://", "https://", "virtualogr", "load_extension"):
        if needle in sql:
            raise ImportRefused(texts.REFUSE_REMOTE.format(what=needle))
    if not layers:
        raise ImportRefused(texts.REFUSE_GPKG_NO_LAYER)
    report.layers_available = layers
    if layer is None:
        layer = layers[0]
    if layer not in layers:
        raise ImportRefused(texts.REFUSE_GPKG_UNKNOWN_LAYER.format(layer=texts.esc(layer), names=", ".join(layers)))
    report.layer_read = layer
    return layer


def check_kml(data: bytes) -> None:
    lowered = data.lower()
    if b"<networklink" in lowered:
        raise ImportRefused(texts.REFUSE_KML_NETWORK)
    if b"/vsi" in lowered:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="/vsi…"))


def _read_kml(path: Path, report: Report) -> gpd.GeoDataFrame:
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format="KML", detail=_short(exc))) from exc
    frames = [_gdal_read(path, report, name, "KML") for name in layers]
    frames = [f for f in frames if len(f)]
    if len(layers) > 1:
        report.layers_available = []
        report.layer_read = ""
    if not frames:
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=frames[0].crs)


def _gdal_read(path: Path, report: Report, layer: str | None, label: str, raise_json: bool = False):
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, use_arrow=True, on_invalid="ignore")
    except Exception as exc:
        if raise_json:
            detail = _json_error(path.read_bytes())
            if detail == "non-geo":
                raise ImportRefused(texts.REFUSE_JSON_NOT_GEO) from exc
            raise ImportRefused(texts.REFUSE_JSON.format(detail=detail or _short(exc))) from exc
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format=label, detail=_short(exc))) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    return frame


# --- CSV ----------------------------------------------------------------------------------

LAT_NAMES = ["latitude", "lat", "lat_wgs84", "latitude_wgs84", "directionlatitude", "y_wgs84", "wgs84_lat"]
LON_NAMES = ["longitude", "lon", "lng", "long", "lon_wgs84", "longitude_wgs84", "directionlongitude", "x_wgs84",
             "wgs84_lon"]
X_NAMES = ["x", "coordxet", "x_l93", "x_lambert93", "coord_x", "xl93"]
Y_NAMES = ["y", "coordyet", "y_l93", "y_lambert93", "coord_y", "yl93"]
WKT_NAMES = ["geometry_wkt", "wkt", "geometry", "geom"]
CODE_NAMES = ["code_insee", "insee", "code_commune", "commune_code", "codgeo", "cog", "depcom", "com", "codecommune",
              "code_commune_insee", "cogcommune", "citycode"]
NAME_NAMES = ["name", "nom", "raison_sociale", "rs", "rslongue", "libelle", "denomination", "nom_structure", "title",
              "nomegelong", "nom_ege"]
CPTS_NAME_NAMES = ["cpts", "nom_cpts", "cpts_nom", "name", "nom", "libelle", "cpts_name", "nom_de_la_cpts"]


def _column(columns: list[str], names: list[str]) -> str | None:
    keyed = {normalize(c).replace(" ", "_"): c for c in columns}
    for name in names:
        if name in keyed:
            return keyed[name]
    return None


def read_csv_text(text: str, report: Report) -> pd.DataFrame:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t", "|")}
    sep = max(counts, key=counts.get)
    if counts[sep] == 0:
        sep = ";"
    report.separator = {"\t": "tabulation"}.get(sep, sep)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True,
                            engine="c")
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise ImportRefused(texts.REFUSE_CSV_BAD.format(detail=_short(exc))) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    return frame


def _numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.str.strip().str.replace(",", ".", regex=False), errors="coerce")


def csv_positions(frame: pd.DataFrame, report: Report) -> gpd.GeoDataFrame | None:
    """Points from latitude/longitude (or Lambert-93 x/y, or WKT) columns; None when there are none."""
    cols = list(frame.columns)
    lat, lon = _column(cols, LAT_NAMES), _column(cols, LON_NAMES)
    x, y = _column(cols, X_NAMES), _column(cols, Y_NAMES)
    wkt = _column(cols, WKT_NAMES)
    if lat and lon:
        xs, ys, crs = _numbers(frame[lon]), _numbers(frame[lat]), None
    elif x and y:
        xs, ys, crs = _numbers(frame[x]), _numbers(frame[y]), None
    elif wkt:
        geoms = shapely.from_wkt(frame[wkt].replace("", None).to_numpy(), on_invalid="ignore")
        return gpd.GeoDataFrame(frame.drop(columns=[wkt]), geometry=geoms, crs=None)
    else:
        return None
    geoms = shapely.points(xs.to_numpy(), ys.to_numpy())
    geoms[xs.isna().to_numpy() | ys.isna().to_numpy()] = None
    used = [c for c in (lat, lon, x, y) if c]
    return gpd.GeoDataFrame(frame.drop(columns=[c for c in used if c in frame]), geometry=geoms, crs=crs)


# --- CRS ----------------------------------------------------------------------------------


def resolve_crs(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """Declared CRS -> reprojected to WGS84; none declared (or degrees that are not) -> recognised or refused."""
    geoms = frame.geometry
    valid = geoms[~(geoms.isna() | geoms.is_empty)]
    if valid.empty:
        return frame.set_crs(WGS84, allow_override=True)
    minx, miny, maxx, maxy = valid.total_bounds
    looks_degrees = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    looks_l93 = -400_000 <= minx and maxx <= 1_500_000 and 5_900_000 <= miny and maxy <= 7_300_000
    declared = frame.crs
    if declared is not None and not (declared.is_geographic and not looks_degrees):
        report.crs_found = _crs_label(declared)
        if declared.to_epsg() == 4326:
            return frame
        try:
            out = frame.to_crs(WGS84)
        except Exception as exc:
            raise ImportRefused(texts.REFUSE_CRS_BAD.format(crs=report.crs_found)) from exc
        report.reprojected = True
        return out
    if looks_l93:
        report.crs_assumed = "l93"
        return frame.set_crs(LAMBERT93, allow_override=True).to_crs(WGS84)
    if looks_degrees:
        report.crs_assumed = "wgs84"
        return frame.set_crs(WGS84, allow_override=True)
    raise ImportRefused(texts.REFUSE_CRS_UNKNOWN)


def _crs_label(crs) -> str:
    epsg = crs.to_epsg()
    return f"{crs.name} (EPSG:{epsg})" if epsg else crs.name


# --- Geometry cleaning ---------------------------------------------------------------------


def clean_geometries(frame: gpd.GeoDataFrame, report: Report, want: str | None) -> gpd.GeoDataFrame:
    """Drop empty, repair invalid (counted), keep the wanted family ('point', 'polygon' or None), drop exact duplicates."""
    geoms = frame.geometry.values
    empty = geoms.isna() | geoms.is_empty
    report.dropped_empty += int(empty.sum())
    frame = frame[~empty]
    if frame.empty:
        return frame
    geoms = frame.geometry.values
    invalid = ~shapely.is_valid(np.asarray(geoms))
    if invalid.any():
        repaired = shapely.make_valid(np.asarray(geoms)[invalid])
        if want == "polygon":
            repaired = np.array([_polygonal(g) for g in repaired], dtype=object)
        values = np.asarray(geoms).copy()
        values[invalid] = repaired
        frame = frame.set_geometry(gpd.array.from_shapely(values, crs=frame.crs))
        report.repaired += int(invalid.sum())
    types = frame.geometry.geom_type
    if want == "point":
        shapes = ~types.isin(["Point"])
        if shapes.any():
            points = frame.geometry[shapes].representative_point()
            frame = frame.copy()
            frame.loc[shapes, frame.geometry.name] = points
            report.points_from_shapes += int(shapes.sum())
    elif want == "polygon":
        wrong = ~types.isin(["Polygon", "MultiPolygon"])
        if wrong.all():
            raise ImportRefused(texts.REFUSE_CPTS_GEOMETRY)
        if wrong.any():
            report.dropped_wrong_geometry += int(wrong.sum())
            report.wrong_geometry_found = ", ".join(sorted(set(types[wrong])))
            frame = frame[~wrong]
    empty = frame.geometry.isna() | frame.geometry.is_empty
    report.dropped_empty += int(empty.sum())
    frame = frame[~empty]
    return drop_duplicates(frame, report)


def _polygonal(geom):
    if geom is None or geom.geom_type in {"Polygon", "MultiPolygon"}:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in {"Polygon", "MultiPolygon"}]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def drop_duplicates(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """Drop exact duplicates (same geometry, same attributes); hashed, so it stays fast on big files."""
    attrs = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    attr_key = (pd.util.hash_pandas_object(attrs.astype(str), index=False).to_numpy() if len(attrs.columns)
                else np.zeros(len(frame), dtype=np.uint64))
    wkb = shapely.to_wkb(np.asarray(frame.geometry.array, dtype=object))
    geom_key = np.fromiter((hash(b) for b in wkb), dtype=np.int64, count=len(wkb))
    duplicated = pd.DataFrame({"a": attr_key, "g": geom_key}).duplicated().to_numpy().copy()
    if duplicated.any():  # confirm on the bytes themselves (a hash collision must not drop a feature)
        seen: dict[tuple, bytes] = {}
        for i, (a, g) in enumerate(zip(attr_key, geom_key)):
            if duplicated[i]:
                duplicated[i] = seen.get((a, g)) == wkb[i]
            else:
                seen[(a, g)] = wkb[i]
    report.dropped_duplicates += int(duplicated.sum())
    return frame[~duplicated]


# --- Shaping per kind ----------------------------------------------------------------------


def _shape(source, report: Report, kind: str, departement: str, context_cpts) -> ImportResult:
    communes = load_communes(departement)
    if isinstance(source, finess.FinessParse):
        if kind != "structures":
            kind = report.kind = "structures"
        return _finess_structures(source, report, departement, communes)
    if isinstance(source, gpd.GeoDataFrame):
        report.features_read = len(source)
        if not len(source):
            raise ImportRefused(texts.REFUSE_NO_FEATURE)
        frame = resolve_crs(source, report)
    else:  # a CSV table
        report.features_read = len(source)
        frame = csv_positions(source, report)
        if kind == "cpts" and frame is None:
            return _cpts_from_table(source, report, departement, communes, context_cpts)
        if frame is None:
            code = _column(list(source.columns), CODE_NAMES)
            if code is None:
                raise ImportRefused(texts.REFUSE_CSV_NO_POSITION.format(columns=short_list(list(source.columns), 12)))
            frame = gpd.GeoDataFrame(source, geometry=[None] * len(source), crs=WGS84)
        elif frame.geometry.notna().any():
            frame = resolve_crs(frame, report)
        else:
            frame = frame.set_crs(WGS84)
    if kind == "structures":
        return _structures(frame, report, departement, communes)
    if kind == "cpts":
        return _cpts_from_polygons(frame, report, departement, communes, context_cpts)
    return _free_layer(frame, report, departement, communes)


def _commune_points(codes: pd.Series, communes: gpd.GeoDataFrame) -> gpd.GeoSeries:
    points = communes.set_index("code").geometry.representative_point()
    return gpd.GeoSeries(codes.map(points), crs=WGS84)


def _code_values(series: pd.Series) -> pd.Series:
    """INSEE codes as text, zero-padded (Excel drops the leading zero: 1053 -> 01053)."""
    values = series.astype(str).str.strip().str.upper().str.replace(r"\.0$", "", regex=True)
    return values.where(~values.str.fullmatch(r"\d{4}"), "0" + values)


def _outside_mask(points: gpd.GeoSeries, departement: str) -> np.ndarray:
    outline = load_departement_outline(departement).to_crs(LAMBERT93).geometry.union_all().buffer(1000)
    projected = points.to_crs(LAMBERT93).values
    shapely.prepare(outline)
    return ~shapely.contains(outline, np.asarray(projected))


def _join_communes(points: gpd.GeoSeries, communes: gpd.GeoDataFrame) -> pd.Series:
    """Commune code containing each point ('' when none)."""
    joined = gpd.sjoin(gpd.GeoDataFrame(geometry=points.values, index=points.index, crs=WGS84),
                       communes[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    return joined["code"].reindex(points.index).fillna("").astype(str)


KIND_WORDS = [("pluriprofession", "msp"), ("msp", "msp"), ("maison de sante", "maison_de_sante"),
              ("centre de sante", "cds"), ("cds", "cds"), ("equipe de soins primaires", "esp"), ("esp", "esp"),
              ("cpts", "cpts_siege")]
STATUS_WORDS = {"ouvert": "ouvert", "ouverte": "ouvert", "actif": "ouvert", "active": "ouvert", "a": "ouvert",
                "en fonctionnement": "ouvert", "projet": "projet", "en projet": "projet", "annonce": "annonce",
                "annoncee": "annonce", "ferme": "ferme", "fermee": "ferme", "i": "ferme"}


def kind_value(raw: str, name: str) -> str | None:
    text = normalize(raw)
    key = text.replace(" ", "_")
    if key in KINDS:
        return key
    if text in finess.CATEGORIES:
        return finess.kind_of(text, name)
    for word, kind in KIND_WORDS:
        if re.search(rf"\b{word}\b", text):
            return finess.cds_kind(text + " " + normalize(name)) if kind == "cds" else kind
    return None


def _structures(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                position_source: str = "fichier") -> ImportResult:
    cols = list(frame.columns)
    col = lambda names: _column(cols, names)  # noqa: E731
    out = pd.DataFrame(index=frame.index)
    name_col = col(NAME_NAMES)
    out["name"] = frame[name_col].astype(str).str.strip() if name_col else ""
    kind_col = col(["kind", "type", "categorie", "categetab", "category", "type_structure", "categorie_finess"])
    raw_kinds = frame[kind_col].astype(str).fillna("") if kind_col else pd.Series("", index=frame.index)
    kinds = [kind_value(k, n) for k, n in zip(raw_kinds, out["name"])]
    unknown = pd.Series([k for k, v in zip(raw_kinds, kinds) if v is None and k]).value_counts()
    report.unknown_kinds = {str(k): int(v) for k, v in unknown.items()}
    if not kind_col:
        report.unknown_kinds = {"(colonne type absente)": len(frame)}
    out["kind"] = [k or "autre" for k in kinds]
    out["label_as_written"] = raw_kinds.values
    for target, names in (("finess", ["finess", "nofinesset", "numfinessege", "n_finess", "num_finess", "no_finess"]),
                          ("address", ["address", "adresse", "adresse_complete"]),
                          ("status_date", ["status_date", "date_ouverture", "dateouv", "date", "date_statut"]),
                          ("members", ["members", "membres", "professionnels"]),
                          ("source_url", ["source_url", "url", "site", "lien"]),
                          ("notes", ["notes", "commentaire", "remarques"]),
                          ("confidence", ["confidence", "fiabilite"])):
        found = col(names)
        out[target] = frame[found].astype(str).str.strip() if found else ""
    status_col = col(["status", "statut", "etat", "etatobjet"])
    raw_status = frame[status_col].astype(str).str.strip() if status_col else pd.Series("", index=frame.index)
    mapped = raw_status.map(lambda s: s if s in STATUSES else STATUS_WORDS.get(normalize(s)) if s else "ouvert")
    unknown_status = raw_status[mapped.isna()].value_counts()
    report.unknown_status = {str(k): int(v) for k, v in unknown_status.items()}
    out["status"] = mapped.fillna("ouvert")
    code_col = col(CODE_NAMES)
    codes = _code_values(frame[code_col]) if code_col else pd.Series("", index=frame.index)
    known = set(communes["code"])
    geoms = frame.geometry
    missing = geoms.isna() | geoms.is_empty
    given = codes != ""
    report.unmatched_codes = sorted(set(codes[given & ~codes.isin(known)]))
    placed = missing & codes.isin(known)
    out["position_source"] = np.where(placed, "commune", position_source)
    geoms = gpd.GeoSeries(geoms.values, index=frame.index, crs=WGS84)
    if placed.any():
        geoms[placed] = _commune_points(codes[placed], communes).values
        report.at_commune += int(placed.sum())
    no_position = missing & ~placed
    report.no_position += int(no_position.sum())
    if report.features_read and frame.geometry.isna().all() and not placed.any() and code_col is None:
        raise ImportRefused(texts.REFUSE_CSV_NO_POSITION.format(columns=short_list(cols, 12)))
    frame_out = gpd.GeoDataFrame(out, geometry=geoms.values, crs=WGS84)[~no_position.to_numpy()]
    frame_out = clean_geometries(frame_out, report, "point")
    if frame_out.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    outside = _outside_mask(frame_out.geometry, departement)
    if outside.any():
        names = frame_out["name"].where(frame_out["name"] != "", "(sans nom)")[outside]
        report.outside, report.outside_dropped = list(names), True
        frame_out = frame_out[~outside]
    if frame_out.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    joined = _join_communes(frame_out.geometry, communes)
    frame_out["commune_code"] = joined.where(joined != "", codes.reindex(frame_out.index).fillna(""))
    frame_out["commune"] = frame_out["commune_code"].map(communes.set_index("code")["nom"]).fillna("")
    frame_out = _drop_duplicate_ids(frame_out, report)
    frame_out["source"] = report.filename
    frame_out["source_date"] = frame_out.get("source_date", "")
    frame_out["id"] = [f"F{f}" if f else f"I{i + 1}" for i, f in enumerate(frame_out["finess"])]
    result = conform(frame_out)
    report.features_kept = len(result)
    return ImportResult(report, result)


def _drop_duplicate_ids(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    ids = frame["finess"].astype(str)
    duplicated = (ids != "") & ids.duplicated()
    report.dropped_duplicate_ids += int(duplicated.sum())
    return frame[~duplicated.to_numpy()]


def _finess_structures(parse: finess.FinessParse, report: Report, departement: str,
                       communes: gpd.GeoDataFrame) -> ImportResult:
    report.finess = {"source": parse.source_label, "read": texts.fmt_int(parse.establishments_read),
                     "dep": departement, "other_cat": texts.fmt_int(parse.other_categories),
                     "other_dep": texts.fmt_int(parse.other_departements), "closed": texts.fmt_int(parse.closed)}
    records = parse.records
    report.features_read = len(records)
    if records.empty:
        raise ImportRefused(texts.REFUSE_FINESS_NONE.format(dep=departement))
    xs, ys = _numbers(records["x"]), _numbers(records["y"])
    l93 = (records["crs"] == "EPSG:2154").to_numpy()
    swap = l93 & (xs > ys).to_numpy()  # FINESS+ coordonneeX/Y are sometimes swapped
    xs_values, ys_values = xs.to_numpy().copy(), ys.to_numpy().copy()
    xs_values[swap], ys_values[swap] = ys.to_numpy()[swap], xs.to_numpy()[swap]
    points = gpd.GeoSeries(shapely.points(xs_values, ys_values), index=records.index)
    points[xs.isna() | ys.isna()] = None
    geoms = gpd.GeoSeries([None] * len(records), index=records.index, crs=WGS84)
    if l93.any():
        geoms[l93] = points[l93].set_crs(LAMBERT93, allow_override=True).to_crs(WGS84).values
    if (~l93).any():
        geoms[~l93] = points[~l93].values
    if l93.any() and not report.crs_found:
        report.crs_found = "RGF93 v1 / Lambert-93 (EPSG:2154)" if l93.all() else "WGS84 et Lambert-93"
        report.reprojected = True
    frame = gpd.GeoDataFrame(records.drop(columns=["x", "y", "crs"]).rename(columns={"commune_code": "code_insee"}),
                             geometry=geoms.values, crs=WGS84)
    frame["type"] = records["kind"]
    frame = frame.drop(columns=["kind"])
    frame["source"] = parse.source_label
    frame["source_date"] = parse.source_date
    frame["label_as_written"] = records["label_as_written"]
    result = _structures(frame, report, departement, communes, position_source="finess")
    result.features["label_as_written"] = records["label_as_written"].reindex(result.features.index).fillna("").values
    result.features["source"] = parse.source_label
    result.features["source_date"] = parse.source_date
    report.unknown_kinds = {}
    return result


def _cpts_status(value: str) -> str:
    text = normalize(value)
    if not text:
        return "inconnu"
    for key in texts.CPTS_STATUS_LABELS:
        if text == normalize(key):
            return key
    if "fonction" in text or "signe" in text:
        return "en fonctionnement"
    if "aci" in text:
        return "aci"
    if "pre" in text:
        return "pre-projet"
    if "projet" in text or "constitution" in text:
        return "projet"
    return "inconnu"


def cpts_id(name: str) -> str:
    return "C-" + hashlib.sha1(normalize(name).encode()).hexdigest()[:10]


def _cpts_table(names: pd.Series, props: pd.DataFrame, report: Report, rule: str) -> pd.DataFrame:
    cols = list(props.columns)
    table = pd.DataFrame({"name": names.values}, index=props.index)
    table["id"] = table["name"].map(cpts_id)
    status_col = _column(cols, ["status", "statut", "etat"])
    raw = props[status_col].astype(str) if status_col else pd.Series("", index=props.index)
    table["status"] = raw.map(_cpts_status).values
    bad = raw[(table["status"] == "inconnu").to_numpy() & (raw.str.strip() != "").to_numpy()].value_counts()
    report.unknown_status = {str(k): int(v) for k, v in bad.items()}
    for target, names_ in (("date_creation", ["date_creation", "creation", "date_de_creation"]),
                           ("date_aci", ["date_aci", "aci", "date_signature_aci", "signature_aci"]),
                           ("date_fin", ["date_fin", "fin", "date_de_fin"]),
                           ("status_date", ["status_date", "date_statut"]),
                           ("source_url", ["source_url", "url", "site"]),
                           ("notes", ["notes", "commentaire"])):
        found = _column(cols, names_)
        table[target] = props[found].astype(str).str.strip().values if found else ""
    for date_col in ("date_creation", "date_aci", "date_fin", "status_date"):
        table[date_col] = table[date_col].map(lambda v: v if texts.parse_date(v) else "")
    table["territory_rule"] = rule
    table["source"] = report.filename
    table["source_date"] = ""
    table["confidence"] = ""
    for column in CPTS_COLUMNS:
        if column not in table:
            table[column] = ""
    return table[CPTS_COLUMNS].astype(str)


def _cpts_from_table(frame: pd.DataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                     context_cpts) -> ImportResult:
    cols = list(frame.columns)
    code_col = _column(cols, CODE_NAMES + ["communes", "codes_communes", "territory_codes"])
    name_col = _column(cols, CPTS_NAME_NAMES)
    if code_col is None or name_col is None:
        raise ImportRefused(texts.REFUSE_CSV_NO_CPTS.format(columns=short_list(cols, 12)))
    rows = frame.assign(_codes=frame[code_col].astype(str).str.split(r"[\s|;,/]+", regex=True)).explode("_codes")
    rows["_codes"] = _code_values(rows["_codes"].fillna(""))
    rows = rows[rows["_codes"] != ""]
    names = frame[name_col].astype(str).str.strip()
    report.cpts_unnamed = int((names == "").sum())
    known = set(communes["code"])
    report.unmatched_codes = sorted(set(rows.loc[~rows["_codes"].isin(known), "_codes"]))
    rows = rows[rows["_codes"].isin(known)]
    firsts = frame.assign(_name=names).groupby("_name", sort=False).head(1)
    firsts = firsts[firsts["_name"] != ""]
    table = _cpts_table(firsts["_name"], firsts, report, "communes")
    members = pd.DataFrame({"cpts_id": rows[name_col].astype(str).str.strip().map(cpts_id).values,
                            "commune_code": rows["_codes"].values}).drop_duplicates()
    report.features_read = len(frame)
    return _cpts_result(table, members, report, departement, communes, context_cpts)


def _cpts_from_polygons(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                        context_cpts) -> ImportResult:
    frame = clean_geometries(frame, report, "polygon")
    if frame.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    name_col = _column(list(frame.columns), CPTS_NAME_NAMES)
    names = frame[name_col].astype(str).str.strip() if name_col else pd.Series("", index=frame.index)
    unnamed = names == ""
    report.cpts_unnamed = int(unnamed.sum())
    names[unnamed] = [f"CPTS sans nom {i + 1}" for i in range(int(unnamed.sum()))]
    # Several polygons of one CPTS become one perimeter.
    frame = frame.assign(_name=names.values)
    table = _cpts_table(frame.drop_duplicates("_name")["_name"], frame.drop_duplicates("_name"), report, "fichier:polygones")
    members = memberships_from_polygons(frame, communes)
    return _cpts_result(table, members, report, departement, communes, context_cpts)


def memberships_from_polygons(frame: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """A commune belongs to a perimeter holding at least half of its area (Lambert-93)."""
    polys = frame.to_crs(LAMBERT93)
    comms = communes.to_crs(LAMBERT93)
    comm_idx, poly_idx = polys.sindex.query(comms.geometry, predicate="intersects")
    if not len(comm_idx):
        return pd.DataFrame(columns=["cpts_id", "commune_code"])
    inter = shapely.intersection(comms.geometry.values[comm_idx], polys.geometry.values[poly_idx])
    share = shapely.area(inter) / shapely.area(np.asarray(comms.geometry.values[comm_idx]))
    pairs = pd.DataFrame({"cpts_id": polys["_name"].values[poly_idx], "commune_code": comms["code"].values[comm_idx],
                          "share": share})
    pairs = pairs.groupby(["cpts_id", "commune_code"], as_index=False)["share"].sum()
    pairs = pairs[pairs["share"] >= 0.5]
    pairs["cpts_id"] = pairs["cpts_id"].map(cpts_id)
    return pairs[["cpts_id", "commune_code"]].reset_index(drop=True)


def _cpts_result(table: pd.DataFrame, members: pd.DataFrame, report: Report, departement: str,
                 communes: gpd.GeoDataFrame, context_cpts) -> ImportResult:
    report.cpts_count = len(table)
    report.cpts_communes = int(members["commune_code"].nunique())
    report.cpts_without_commune = list(table.loc[~table["id"].isin(set(members["cpts_id"])), "name"])
    table = table.assign(communes_stated=table["id"].map(members.groupby("cpts_id").size()).fillna(0).astype(int).astype(str))
    if table.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    all_table, all_members = table, members
    if context_cpts is not None:
        from geo.layers import merge_cpts

        all_table, all_members = merge_cpts(context_cpts[0], context_cpts[1], table, members)
    names = dict(zip(communes["code"], communes["nom"]))
    cpts_names = dict(zip(all_table["id"], all_table["name"]))
    overlaps = overlapping_communes(all_members[all_members["cpts_id"].isin(set(all_table["id"]))])
    report.overlaps = [f"{names.get(r.commune_code, r.commune_code)} ({' / '.join(cpts_names.get(i, i) for i in r.cpts_ids)})"
                       for r in overlaps.itertuples()]
    gaps = communes_without_cpts(all_members[all_members["cpts_id"].isin(set(all_table["id"]))], communes)
    report.gaps = sorted(gaps["nom"].tolist())
    perimeters = build_perimeters(table, members, communes)
    features = table.merge(perimeters[["id", "population", "geometry"]], on="id", how="left")
    features["population"] = features["population"].fillna(0).astype(int).astype(str)
    features = gpd.GeoDataFrame(features, geometry="geometry", crs=WGS84)
    report.features_kept = len(features)
    return ImportResult(report, features, members.reset_index(drop=True))


def _free_layer(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame) -> ImportResult:
    if frame.geometry.isna().all():  # a table of commune codes: draw the communes
        code_col = _column(list(frame.columns), CODE_NAMES)
        codes = _code_values(frame[code_col])
        report.unmatched_codes = sorted(set(codes[~codes.isin(set(communes["code"]))]))
        polygons = codes.map(communes.set_index("code").geometry)
        frame = gpd.GeoDataFrame(pd.DataFrame(frame.drop(columns=frame.geometry.name)), geometry=polygons.values,
                                 crs=WGS84)
    frame = clean_geometries(frame, report, None)
    if frame.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    points = frame.geometry.geom_type == "Point"
    if points.any():
        outside = _outside_mask(frame.geometry[points], departement)
        names_col = _column(list(frame.columns), NAME_NAMES)
        labels = frame.loc[points, names_col].astype(str) if names_col else pd.Series("(sans nom)", index=frame.index[points])
        report.outside = list(labels[outside])
    props = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    for column in props.columns:  # GDAL types (dates, bytes…) -> JSON-safe values
        if props[column].dtype.kind in "mM" or props[column].dtype == object:
            props[column] = props[column].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                              else v if isinstance(v, (int, float, str, bool)) else str(v))
    out = gpd.GeoDataFrame(props, geometry=frame.geometry.values, crs=WGS84)
    report.features_kept = len(out)
    return ImportResult(report, out)


# --- Differences with the current version ------------------------------------------------------


@dataclass
class Diff:
    added: list[str]
    removed: list[str]
    changed: list[str]
    same: int


def _structure_keys(frame: pd.DataFrame) -> pd.Series:
    by_name = frame["kind"].astype(str) + "|" + frame["commune_code"].astype(str) + "|" + frame["name"].map(normalize)
    return frame["finess"].astype(str).where(frame["finess"].astype(str) != "", by_name)


def diff(kind: str, current: gpd.GeoDataFrame | None, new: gpd.GeoDataFrame,
         current_members: pd.DataFrame | None = None, new_members: pd.DataFrame | None = None) -> Diff:
    """Added / removed / changed entities between the current version of a layer and an import."""
    if current is None or not len(current):
        return Diff(added=_labels(kind, new), removed=[], changed=[], same=0)

    def keyed(frame, members):
        if kind == "structures":
            keys = _structure_keys(frame)
            values = frame[["name", "kind", "status", "status_date", "address", "commune_code"]].astype(str).agg("|".join, axis=1)
            values = values + "|" + pd.Series(shapely.to_wkt(frame.geometry.values, rounding_precision=5), index=frame.index)
            labels = frame["name"].astype(str)
        elif kind == "cpts":
            keys = frame["name"].map(normalize)
            sets = members.groupby("cpts_id")["commune_code"].agg(lambda s: ",".join(sorted(set(s)))) if members is not None else {}
            values = (frame[["status", "date_creation", "date_aci", "date_fin"]].astype(str).agg("|".join, axis=1)
                      + "|" + frame["id"].map(sets).fillna(""))
            labels = frame["name"].astype(str)
        else:
            props = pd.DataFrame(frame.drop(columns=frame.geometry.name)).astype(str)
            wkt = pd.Series(shapely.to_wkt(frame.geometry.values, rounding_precision=6), index=frame.index)
            name_col = _column(list(props.columns), ["id"] + NAME_NAMES)
            keys = props[name_col] if name_col and props[name_col].is_unique else wkt
            values = props.agg("|".join, axis=1) + "|" + wkt if len(props.columns) else wkt
            labels = props[name_col] if name_col else pd.Series([f"entité {i + 1}" for i in range(len(frame))], index=frame.index)
        return dict(zip(keys, zip(values, labels)))

    old, fresh = keyed(current, current_members), keyed(new, new_members)
    added = [fresh[k][1] for k in fresh if k not in old]
    removed = [old[k][1] for k in old if k not in fresh]
    changed = [fresh[k][1] for k in fresh if k in old and old[k][0] != fresh[k][0]]
    return Diff(added, removed, changed, same=len(fresh) - len(added) - len(changed))


def _labels(kind: str, frame: gpd.GeoDataFrame) -> list[str]:
    col = _column(list(frame.columns), NAME_NAMES)
    return frame[col].astype(str).tolist() if col else [f"entité {i + 1}" for i in range(len(frame))]


# --- Command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.imports", description="Vérifie un fichier à importer.")
    parser.add_argument("file")
    parser.add_argument("--kind", choices=LAYER_KINDS, default="structures")
    parser.add_argument("--departement", default=DEFAULT_DEPARTEMENT)
    parser.add_argument("--layer", default=None, help="couche à lire dans un GeoPackage ou un zip à plusieurs Shapefiles")
    args = parser.parse_args(argv)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"✖ Fichier introuvable ou illisible : {path} ({exc.strerror})")
        return 2
    result = validate(path.name, data, kind=args.kind, departement=args.departement, layer=args.layer)
    print(result.report.text())
    return 0 if result.report.ok else 2


if __name__ == "__main__":
    sys.exit(main())

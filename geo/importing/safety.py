"""What must be true of a file before GDAL opens it.

Safety first, GDAL second: the format is decided from the file's *content*
(magic bytes), never from its name; zip members are checked (paths, count,
uncompressed size, compression ratio, extensions) and extracted by us before
GDAL sees them; only GeoJSON, Shapefile, GeoPackage and KML contents reach
GDAL; remote references (KML NetworkLink, /vsi paths, URLs in a GeoPackage's
SQL) are refused, and GDAL is told to open no URL at all.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sqlite3
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import pyogrio

from geo import texts
from geo.importing.report import MB, ImportRefused, Report

MAX_UPLOAD_MB = int(os.environ.get("CARTE_MAX_UPLOAD_MB", "200"))
MAX_UNCOMPRESSED_MB = int(os.environ.get("CARTE_MAX_UNCOMPRESSED_MB", "600"))
MAX_ZIP_MEMBERS = 100
MAX_COMPRESSION_RATIO = 200
# Sidecar files a Shapefile archive legitimately carries; anything else (.vrt, .gpkg, scripts…) is refused
# because GDAL would follow it.
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd", ".xml", ".txt",
                   ".html", ".pdf", ".md", ".qml", ".sld", ".lyr", ".lyrx"}
SHAPEFILE_READ = {".shp", ".shx", ".dbf", ".prj", ".cpg"}  # the only parts GDAL needs: nothing else is written

# GDAL must never fetch anything: no URL is a known file.
pyogrio.set_gdal_config_options({
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".carte-no-remote",
    "GDAL_HTTP_TIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0", "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "OGR_GEOJSON_MAX_OBJ_SIZE": "0",
    # A GeoJSON "crs" of type "link" makes GDAL fetch its href with plain HTTP (not /vsicurl/): the content
    # check below refuses such files, and any HTTP request GDAL still tried would go to a closed local port.
    "GDAL_HTTP_PROXY": "127.0.0.1:9", "GDAL_HTTPS_PROXY": "127.0.0.1:9",
})
# Old GeoJSON (2008) let "crs" point at a URL; GDAL follows it. Matched on the raw bytes, wherever it sits.
_LINK_CRS = re.compile(rb'"crs"\s*:\s*\{(?:[^{}]|\{[^{}]*\})*?"type"\s*:\s*"link"', re.IGNORECASE)
_XML_DOCTYPE = re.compile(rb"<!(doctype|entity)", re.IGNORECASE)
# Office documents are zips too: say what they are rather than "no .shp in the archive".
_OFFICE_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml", "content.xml", "mimetype")


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
    # An expired session often hands back a login page instead of the export.
    if "<html" in text[:500] or "<!doctype" in text[:200]:
        raise ImportRefused(texts.REFUSE_HTML)
    if sum(1 for b in head if b < 9 or 13 < b < 32) > 4:
        raise ImportRefused(texts.REFUSE_BINARY)
    return "csv"


def copy_bounded(source: BinaryIO, sink: BinaryIO, limit_mb: int, written: int = 0, chunk: int = MB) -> int:
    """Copy until the stream ends, refusing past `limit_mb` in total; returns the bytes written so far.

    Counts real bytes because a compressed stream's declared size can lie.
    """
    limit = limit_mb * MB
    while block := source.read(chunk):
        written += len(block)
        if written > limit:
            raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=limit_mb))
        sink.write(block)
    return written


def gunzip_bounded(data: bytes, limit_mb: int = MAX_UNCOMPRESSED_MB) -> bytes:
    """Decompress a .gz without ever holding more than the limit (gzip bombs)."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            copy_bounded(stream, out, limit_mb, chunk=4 * MB)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportRefused(texts.REFUSE_GZIP) from exc
    return out.getvalue()


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
            raise ImportRefused(texts.REFUSE_ZIP_PATH.format(member=member.filename[:80]))
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
    names = set(archive.namelist())
    if any(name in names for name in _OFFICE_MEMBERS) and not any(n.lower().endswith(".shp") for n in names):
        raise ImportRefused(texts.REFUSE_OFFICE)
    for member in members:
        suffix = PurePosixPath(member.filename).suffix.lower()
        base = PurePosixPath(member.filename).name
        if base.startswith(".") or member.filename.startswith("__MACOSX/"):  # macOS resource forks: never read
            continue
        if suffix not in SHAPEFILE_PARTS:
            raise ImportRefused(texts.REFUSE_ZIP_FORBIDDEN.format(member=member.filename[:80]))
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
    written = 0
    for suffix, member in parts.items():
        if suffix not in SHAPEFILE_READ:
            continue
        # Fixed names: a member's own path never decides where anything is written.
        with archive.open(member) as source, open(folder / f"upload{suffix}", "wb") as sink:
            written = copy_bounded(source, sink, MAX_UNCOMPRESSED_MB, written)
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
    # Views and triggers are SQL that GDAL would run: none may reach outside the file.
    for needle in ("/vsi", "http://", "https://", "virtualogr", "load_extension"):
        if needle in sql:
            raise ImportRefused(texts.REFUSE_REMOTE.format(what=needle))
    if not layers:
        raise ImportRefused(texts.REFUSE_GPKG_NO_LAYER)
    report.layers_available = layers
    if layer is None:
        layer = layers[0]
    if layer not in layers:
        raise ImportRefused(texts.REFUSE_GPKG_UNKNOWN_LAYER.format(layer=layer[:80], names=", ".join(layers)))
    report.layer_read = layer
    return layer


def check_geojson(data: bytes) -> None:
    """A "crs" of type "link" would make GDAL fetch its URL: refused (GeoJSON since 2016 is WGS84 anyway)."""
    if _LINK_CRS.search(data):
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="« crs » de type « link »"))


def check_kml(data: bytes) -> None:
    """A NetworkLink or a /vsi path would make GDAL fetch something the analyst never uploaded;
    a DOCTYPE may declare entities (external files, billion laughs): KML exports never need one."""
    if _XML_DOCTYPE.search(data[:65536]):
        raise ImportRefused(texts.REFUSE_XML_DOCTYPE)
    lowered = data.lower()
    if b"<networklink" in lowered:
        raise ImportRefused(texts.REFUSE_KML_NETWORK)
    if b"/vsi" in lowered:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="/vsi…"))

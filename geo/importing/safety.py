"""Content checks the gate (`gate.vet`) runs; nothing else calls them.

The format is decided from the file's *content* (magic bytes), never from its name; zip members are
checked (paths, links, count, declared sizes, encryption) before we extract them; each Shapefile part
must *be* what its name says; GeoJSON and KML may not point at anything remote; text formats are
turned into UTF-8 with the encoding found said in the report.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from geo import texts
from geo.importing import limits
from geo.importing.report import ImportRefused, Report

# Sidecar files a Shapefile archive legitimately carries; anything else (.vrt, .gpkg, scripts…) is refused.
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd", ".xml", ".txt",
                   ".html", ".pdf", ".md", ".qml", ".sld", ".lyr", ".lyrx"}
SHAPEFILE_READ = {".shp", ".shx", ".dbf", ".prj", ".cpg"}  # the only parts GDAL needs: nothing else is written
# Office documents are zips too: say what they are rather than "no .shp in the archive".
OFFICE_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml", "content.xml", "mimetype")

_SHAPE_MAGIC = b"\x00\x00\x27\x0a"  # file code 9994, big-endian, at the start of every .shp and .shx
_DBF_VERSIONS = {0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0x8E, 0xCB, 0xE5, 0xF5, 0xFB}
_WKT = re.compile(r"\s*(PROJCS|GEOGCS|GEOCCS|COMPD_CS|LOCAL_CS|VERT_CS|PROJCRS|GEOGCRS|GEODCRS|BOUNDCRS|"
                  r"COMPOUNDCRS|VERTCRS|ENGCRS)\s*\[")
_CODEPAGE = re.compile(r"\s*[\w .-]{1,40}\s*")
# Old GeoJSON (2008) let "crs" point at a URL; GDAL follows it. Matched on the text, wherever it sits.
_LINK_CRS = re.compile(r'"crs"\s*:\s*\{(?:[^{}]|\{[^{}]*\})*?"type"\s*:\s*"link"', re.IGNORECASE)
_XML_DOCTYPE = re.compile(r"<!(doctype|entity)", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", re.IGNORECASE)
_FINESS_PLUS_MARKERS = ('"pmej"', '"schemaVersion"', '"gcc"')


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


def check_zip_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Refuse zip-slip paths, links, too many members, encrypted members and declared bombs."""
    infos = archive.infolist()
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise ImportRefused(texts.REFUSE_ZIP_MEMBERS.format(n=len(infos), max=limits.MAX_ZIP_MEMBERS))
    total = 0
    for member in infos:
        name = member.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts or "\x00" in name:
            raise ImportRefused(texts.REFUSE_ZIP_PATH.format(member=member.filename[:80]))
        if stat.S_ISLNK(member.external_attr >> 16):  # a link would make a part stand for a server file
            raise ImportRefused(texts.REFUSE_ZIP_LINK.format(member=member.filename[:80]))
        if member.flag_bits & 0x1:
            raise ImportRefused(texts.REFUSE_ZIP_ENCRYPTED)
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > limits.MAX_UNCOMPRESSED_MB * limits.MB or (
                member.file_size > limits.RATIO_FLOOR_MB * limits.MB and ratio > limits.MAX_COMPRESSION_RATIO):
            raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=limits.MAX_UNCOMPRESSED_MB))
    return [m for m in infos if not m.is_dir()]


def check_shapefile_part(path: Path, suffix: str, member: str) -> None:
    """A part must be what its name says: a VRT or a GDALG pipeline renamed .shp or .dbf is refused."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(4096)
    if suffix in {".shp", ".shx"}:
        ok = size >= 100 and head.startswith(_SHAPE_MAGIC)
    elif suffix == ".dbf":
        ok = size >= 32 and head[0] in _DBF_VERSIONS and not head.lstrip().startswith((b"<", b"{"))
    else:
        text = head.decode("latin-1")
        pattern = _WKT if suffix == ".prj" else _CODEPAGE
        ok = (size <= limits.MAX_SIDECAR_BYTES and bool(pattern.match(text))
              and not any(needle in text.lower() for needle in ("/vsi", "://")))
        ok = ok and (suffix == ".prj" or bool(pattern.fullmatch(text)))
    if not ok:
        raise ImportRefused(texts.REFUSE_SHP_PART.format(member=member[:80], expected=texts.SHP_PART_LABELS[suffix],
                                                         found=describe(head)))


def describe(head: bytes) -> str:
    """What a wrongly named part looks like, in words (for the refusal)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        return texts.CONTENT_EMPTY
    if text.startswith(b"<"):
        return texts.CONTENT_XML
    if text.startswith((b"{", b"[")):
        return texts.CONTENT_JSON
    if all(b >= 32 or b in b"\t\r\n" for b in text[:512]):
        return texts.CONTENT_TEXT
    return texts.CONTENT_OTHER


def decoded(data: bytes) -> tuple[str, bool]:
    """(the text, whether it was not UTF-8): UTF-8 with or without BOM, else Windows-1252, else Latin-1.

    >>> decoded("é".encode("utf-8")), decoded("é".encode("latin-1"))
    (('é', False), ('é', True))
    """
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), True
        except UnicodeDecodeError:
            return data.decode("latin-1"), True


def utf8_text(data: bytes, report: Report, fmt: str) -> str:
    """GeoJSON and KML as UTF-8 text; Latin-1 / Windows-1252 converted, and the report names what was found."""
    text, latin = decoded(data)
    report.encoding = texts.ENCODING_CONVERTED if latin else texts.ENCODING_UTF8
    if latin and fmt == "kml":  # the declaration must now say what the bytes are
        text = _XML_ENCODING.sub(r"\1\2UTF-8\2", text, count=1)
    report.mojibake = bool(re.search("Ã[©¨ª«§´®¯¢ ]", text[:200000]))
    return text


def is_finess_plus_head(head: str) -> bool:
    return any(marker in head for marker in _FINESS_PLUS_MARKERS)


def check_geojson(text: str) -> None:
    """A "crs" of type "link" or a "$ref" would make a reader fetch a URL: refused."""
    if _LINK_CRS.search(text):
        raise ImportRefused(texts.REFUSE_REMOTE.format(what=texts.REMOTE_LINK_CRS))
    if '"$ref"' in text[:20000]:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="$ref"))


def check_kml(text: str) -> str:
    """A NetworkLink or a /vsi path would make GDAL fetch something the analyst never uploaded;
    a DOCTYPE may declare entities (external files, billion laughs): KML exports never need one."""
    if _XML_DOCTYPE.search(text[:65536]):
        raise ImportRefused(texts.REFUSE_XML_DOCTYPE)
    lowered = text.lower()
    if "<networklink" in lowered:
        raise ImportRefused(texts.REFUSE_KML_NETWORK)
    if "/vsi" in lowered:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="/vsi…"))
    return text

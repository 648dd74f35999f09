"""The one gate: uploaded bytes (+ name) -> a VettedFile in a private folder, or a French refusal.

Everything an upload must satisfy is decided here, once, before any reader runs:
the format from the *content* (never the name), containers (zip, gzip, a gzip inside a zip) opened
by us within the limits of `limits`, every decompressed byte counted, each file written under a fixed
name in a 0700 folder that disappears after the read, and the one GDAL driver allowed to open it.
Readers (`readers.read`) accept a VettedFile and nothing else.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from geo import texts
from geo.importing import limits, lockdown, safety
from geo.importing.geopackage import inspect_geopackage
from geo.importing.report import ImportRefused, Report, fmt_size, too_big

# The GDAL driver each GDAL-read format must be opened by (checked again with read_info before reading).
GDAL_DRIVERS = {"geojson": "GeoJSON", "kml": "KML", "gpkg": "GPKG", "shapefile": "ESRI Shapefile"}
# What a zip or a gzip may hold once opened: a gzip of an archive or a database is not something we ship.
INSIDE_GZIP = {"json", "csv", "kml"}
# Data files a zip without a Shapefile may carry (one of them), each checked by content once extracted.
ZIPPED_DATA = {".geojson", ".json", ".csv", ".kml", ".gpkg", ".gz"}


@dataclass(frozen=True)
class VettedFile:
    """A file that passed the gate: its content is `format`, GDAL opens it with `driver` (None: read by Python)."""

    path: Path
    format: str  # geojson | finess_plus | csv | kml | gpkg | shapefile
    driver: str | None
    layer: str | None = None


class Budget:
    """Bytes produced by every decompression of one upload, against the absolute and the ratio limits."""

    def __init__(self, upload_size: int) -> None:
        self.upload_size = upload_size
        self.produced = 0

    def spend(self, n: int) -> None:
        self.produced += n
        if self.produced > limits.MAX_UNCOMPRESSED_MB * limits.MB:
            raise ImportRefused(texts.REFUSE_ZIP_BOMB.format(max_mb=limits.MAX_UNCOMPRESSED_MB))
        if self.produced > max(limits.RATIO_FLOOR_MB * limits.MB, limits.MAX_COMPRESSION_RATIO * self.upload_size):
            raise ImportRefused(texts.REFUSE_BOMB_RATIO.format(
                size=fmt_size(self.upload_size), produced=fmt_size(self.produced),
                ratio=limits.MAX_COMPRESSION_RATIO, floor_mb=limits.RATIO_FLOOR_MB))


@contextmanager
def vet(data: bytes, report: Report, layer: str | None = None,
        max_upload_mb: int | None = None) -> Iterator[VettedFile]:
    """The gate. The folder and everything in it are removed when the `with` block ends."""
    max_mb = limits.MAX_UPLOAD_MB if max_upload_mb is None else max_upload_mb
    if len(data) > max_mb * limits.MB:
        raise too_big(len(data), max_mb)
    if lockdown.unsafe_drivers():  # pyogrio was imported before geo: GDAL would open anything, so nothing is read
        raise ImportRefused(texts.REFUSE_GDAL_UNSAFE)
    folder = Path(tempfile.mkdtemp(prefix="carte-import-"))  # mode 0700: no other user reads an upload
    try:
        budget = Budget(len(data))
        vetted = _vet(data, folder, report, layer, budget, depth=0)
        if budget.produced:
            report.decompressed = budget.produced
        yield vetted
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _vet(data: bytes, folder: Path, report: Report, layer: str | None, budget: Budget, depth: int) -> VettedFile:
    kind = safety.sniff(data)
    # A zip only at the top, a gzip at the top or right inside it: nothing else nests, whatever a member is named.
    if (kind == "zip" and depth > 0) or (kind == "gzip" and depth >= limits.MAX_NESTING):
        raise ImportRefused(texts.REFUSE_NESTED)
    if kind == "gzip":
        inner = _gunzip(data, folder / f"inflated{depth}", budget)
        if safety.sniff(inner) not in INSIDE_GZIP:
            raise ImportRefused(texts.REFUSE_BINARY)
        return _vet(inner, folder, report, layer, budget, depth + 1)
    if kind == "zip":
        return _open_zip(data, folder, report, layer, budget, depth)
    if kind == "gpkg":
        report.format = "gpkg"
        path = write_private(folder / "upload.gpkg", data)
        return VettedFile(path, "gpkg", "GPKG", inspect_geopackage(path, layer, report))
    if kind == "json":
        text = safety.utf8_text(data, report, "json")
        if safety.is_finess_plus_head(text[:20000]):
            report.format = "finess_plus"
            return VettedFile(write_private(folder / "upload.json", text.encode()), "finess_plus", None)
        report.format = "geojson"
        safety.check_geojson(text)
        return VettedFile(write_private(folder / "upload.geojson", text.encode()), "geojson", "GeoJSON")
    if kind == "kml":
        report.format = "kml"
        text = safety.check_kml(safety.utf8_text(data, report, "kml"))
        return VettedFile(write_private(folder / "upload.kml", text.encode()), "kml", "KML")
    report.format = "csv"  # FINESS's legacy extraction is a CSV too: the reader tells them apart
    return VettedFile(write_private(folder / "upload.csv", data), "csv", None)


def write_private(path: Path, data: bytes) -> Path:
    """A new file only we can read; never follows a link, never overwrites."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as sink:
        sink.write(data)
    return path


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def copy_bounded(source: _Readable, sink: IO[bytes], budget: Budget, chunk: int = limits.MB) -> None:
    """Copy until the stream ends, every byte counted as it is produced (declared sizes can lie)."""
    while block := source.read(chunk):
        budget.spend(len(block))
        sink.write(block)


def _gunzip(data: bytes, path: Path, budget: Budget) -> bytes:
    """Decompress to disk (a bomb never fills memory), then hand back what was within the limits."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as sink, gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            copy_bounded(stream, sink, budget)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportRefused(texts.REFUSE_GZIP) from exc
    inner = path.read_bytes()
    path.unlink()
    return inner


def _open_zip(data: bytes, folder: Path, report: Report, layer: str | None, budget: Budget,
              depth: int) -> VettedFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = safety.check_zip_members(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportRefused(texts.REFUSE_ZIP_BAD) from exc
    names = {m.filename for m in members}
    members = [m for m in members if not _ignored(m.filename)]
    if any(name in names for name in safety.OFFICE_MEMBERS) and not any(_suffix(m) == ".shp" for m in members):
        raise ImportRefused(texts.REFUSE_OFFICE)
    if any(_suffix(m) == ".shp" for m in members):
        return _vet_shapefile(archive, members, folder, report, layer, budget)
    data_members = [m for m in members if _suffix(m) not in safety.SHAPEFILE_PARTS]
    for member in data_members:
        if _suffix(member) not in ZIPPED_DATA:
            raise ImportRefused(texts.REFUSE_ZIP_FORBIDDEN.format(member=member.filename[:80]))
    if not data_members:
        raise ImportRefused(texts.REFUSE_ZIP_NO_SHP)
    if len(data_members) > 1:
        listed = ", ".join(m.filename[:80] for m in data_members)
        raise ImportRefused(texts.REFUSE_ZIP_SEVERAL_FILES.format(names=listed))
    inner = io.BytesIO()
    try:
        with archive.open(data_members[0]) as source:
            copy_bounded(source, inner, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportRefused(texts.REFUSE_ZIP_BAD) from exc
    return _vet(inner.getvalue(), folder, report, layer, budget, depth + 1)


def _ignored(name: str) -> bool:
    """macOS resource forks and hidden files ride along in zips made on a Mac: never read."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith(".")


def _suffix(member: zipfile.ZipInfo) -> str:
    return PurePosixPath(member.filename).suffix.lower()


def _vet_shapefile(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], folder: Path, report: Report,
                   layer: str | None, budget: Budget) -> VettedFile:
    report.format = "shapefile"
    for member in members:
        if _suffix(member) not in safety.SHAPEFILE_PARTS:
            raise ImportRefused(texts.REFUSE_ZIP_FORBIDDEN.format(member=member.filename[:80]))
    shapes = [m for m in members if _suffix(m) == ".shp"]
    stems = [PurePosixPath(m.filename).stem for m in shapes]
    report.layers_available = stems if len(stems) > 1 else []
    if layer is not None and len(shapes) > 1 and layer not in stems:
        raise ImportRefused(texts.REFUSE_ZIP_SEVERAL.format(names=", ".join(stems)))
    chosen = shapes[stems.index(layer)] if layer in stems else shapes[0]
    report.layer_read = PurePosixPath(chosen.filename).stem if len(shapes) > 1 else ""
    prefix = chosen.filename[:-4]
    parts = {_suffix(m): m for m in members if m.filename[:-len(_suffix(m)) or None] == prefix}
    missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
    if missing:
        raise ImportRefused(texts.REFUSE_ZIP_MISSING.format(name=PurePosixPath(prefix).name,
                                                            missing=", ".join(missing)))
    for suffix, member in parts.items():
        if suffix not in safety.SHAPEFILE_READ:  # metadata rides along but is never written where GDAL looks
            continue
        # Fixed names: a member's own path never decides where anything is written.
        fd = os.open(folder / f"upload{suffix}", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with archive.open(member) as source, os.fdopen(fd, "wb") as sink:
                copy_bounded(source, sink, budget)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ImportRefused(texts.REFUSE_ZIP_BAD) from exc
    for suffix, member in parts.items():
        if suffix in safety.SHAPEFILE_READ:
            safety.check_shapefile_part(folder / f"upload{suffix}", suffix, PurePosixPath(member.filename).name)
    return VettedFile(folder / "upload.shp", "shapefile", "ESRI Shapefile")

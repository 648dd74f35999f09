"""FINESS connector: FINESS+ "Structures" (gzip JSON, streamed) or the legacy Etalab CSV -> a structures CSV.

The national file is ~50 MB gzipped and ~750 MB inflated: it is read as a
stream (ijson, one legal entity at a time), inflation is bounded, and only
the rows of categories 603/124/604 in the chosen département are kept. The
kept rows are written as a plain structures CSV (kind, status, WGS84
position, commune code) and handed to `geo.imports.validate`, the same gate
as an upload.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import ijson
import pandas as pd
from pyproj import Transformer

from geo import finess as finess_parsers
from geo import texts
from geo.sources.http import MB, SourceError, looks_like_html

DEFAULT_URL = "https://www.data.gouv.fr/api/1/datasets/finess-structures-1/"
URL_ENV = "CARTE_FINESS_URL"
# FINESS+ daily file first; the legacy dataset's catalogue holds the Etalab extraction (with positions first).
CATALOGUE_WORDS = ("journalier", "cs1100507", "cs1100502")
FORMATS = ("json.gz", "json", "csv")
# "finess" must not open the header: the gate would take the CSV for the legacy extraction.
CSV_COLUMNS = ["name", "finess", "type", "categorie", "statut", "status_date", "code_insee", "adresse",
               "latitude", "longitude"]
GENERATED_AT = re.compile(rb'"generatedAt"\s*:\s*"([0-9-]{10})')


def configured_url() -> str:
    return os.environ.get(URL_ENV, "").strip() or DEFAULT_URL


@dataclass
class Extract:
    """The kept rows (CSV_COLUMNS) and what was left out, counted."""

    rows: list[dict[str, str]] = field(default_factory=list)
    read: int = 0
    other_categories: int = 0
    other_departements: int = 0
    closed: int = 0
    source_date: str = ""
    label: str = "FINESS+"

    def csv_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue().encode("utf-8")


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class _Reader(io.RawIOBase):
    """A read-only stream over `read` (ijson reads with readinto)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Bounded(_Reader):
    """A read-only stream that refuses to give more than `limit` bytes (a gzip bomb stops here)."""

    def __init__(self, stream: _Readable, limit: int) -> None:
        self.stream, self.limit, self.count = stream, limit, 0

    def close(self) -> None:
        self.stream.close()
        super().close()

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        chunk = self.stream.read(size if size > 0 else MB)
        self.count += len(chunk)
        if self.count > self.limit:
            raise SourceError(texts.SOURCES_INFLATED_TOO_BIG.format(max=texts.fmt_int(self.limit // MB)))
        return chunk


def _open(path: Path, inflated_limit: int) -> _Bounded:
    """The file's bytes, inflated when it is gzip whatever its name or headers said."""
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return _Bounded(gzip.GzipFile(fileobj=raw), inflated_limit)
    raw.seek(0)
    return _Bounded(raw, inflated_limit)


def read(path: Path, departement: str, inflated_mb: float) -> Extract:
    """A downloaded FINESS file (FINESS+ JSON, gzipped or not, or the legacy CSV) -> the kept rows."""
    limit = int(inflated_mb * MB)
    try:
        with _open(path, limit) as stream:
            head = stream.read(4096)
            if looks_like_html(head):
                raise SourceError(texts.SOURCES_HTML_PAGE)
            if head.lstrip()[:1] == b"{":
                return _read_plus(head, stream, departement)
            return _read_legacy(head + stream.read(), departement)
    except SourceError:
        raise
    except (EOFError, zlib.error, gzip.BadGzipFile, ijson.JSONError) as exc:
        raise SourceError(texts.SOURCES_TRUNCATED) from exc
    except OSError as exc:
        raise SourceError(texts.SOURCES_TRUNCATED) from exc


class _Prefixed(_Reader):
    """The head already read, then the rest of the stream (ijson reads from the start)."""

    def __init__(self, head: bytes, stream: _Readable) -> None:
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if self.head:
            chunk, self.head = self.head, b""
            return chunk
        return self.stream.read(size)


def _establishments(head: bytes, stream: _Readable) -> Iterator[dict[str, Any]]:
    for entity in ijson.items(_Prefixed(head, stream), "pmej.item", use_float=True):
        if isinstance(entity, dict):
            yield from (e for e in entity.get("ege") or [] if isinstance(e, dict))


def _read_plus(head: bytes, stream: _Readable, departement: str) -> Extract:
    found = GENERATED_AT.search(head)
    parse = finess_parsers.FinessParse(records=pd.DataFrame(), source_label=texts.FINESS_PLUS_LABEL,
                                       source_date=found.group(1).decode() if found else "")
    rows = []
    for ege in _establishments(head, stream):
        record = parse.count(*finess_parsers.plus_record(ege, departement))
        if record is not None:
            rows.append(_csv_row(record))
    if not parse.establishments_read:
        raise SourceError(texts.SOURCES_FINESS_EMPTY)
    if parse.without_category == parse.establishments_read:
        raise SourceError(texts.SOURCES_FINESS_KEY.format(key="categorieentiteGeographiqueExercice"))
    in_categories = parse.establishments_read - parse.other_categories
    if in_categories and parse.without_commune == in_categories:
        raise SourceError(texts.SOURCES_FINESS_KEY.format(key="adresse.cogCommune"))
    return _extract(parse, rows, "FINESS+")


def _read_legacy(data: bytes, departement: str) -> Extract:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not finess_parsers.is_legacy(text[:5000]):
        raise SourceError(texts.SOURCES_FINESS_UNKNOWN)
    parse = finess_parsers.parse_legacy(text, departement)
    return _extract(parse, [_csv_row(record) for record in parse.records.to_dict("records")], parse.source_label)


def _extract(parse: finess_parsers.FinessParse, rows: list[dict[str, str]], label: str) -> Extract:
    return Extract(rows=rows, read=parse.establishments_read, other_categories=parse.other_categories,
                   other_departements=parse.other_departements, closed=parse.closed, source_date=parse.source_date,
                   label=label)


def _csv_row(record: dict[str, str]) -> dict[str, str]:
    """A geo.finess record (its kind and status already decided there) -> a row of the structures CSV, in WGS84."""
    if record["crs"] == "EPSG:4326":
        lon, lat = record["x"], record["y"]
    elif record["crs"] == "EPSG:2154":  # FINESS+ fallback: northing and easting possibly swapped
        lon, lat = _l93_to_wgs84(record["x"], record["y"])
    else:
        lon, lat = _project(record["x"], record["y"], record["crs"])
    return {"finess": record["finess"], "name": record["name"], "type": record["kind"],
            "categorie": record["label_as_written"], "statut": record["status"], "status_date": record["status_date"],
            "code_insee": record["commune_code"], "adresse": record["address"], "latitude": lat, "longitude": lon}


_TRANSFORMERS: dict[str, Transformer] = {}


def _project(x: str, y: str, crs: str) -> tuple[str, str]:
    """Projected coordinates -> (longitude, latitude) as text, '' when there are none."""
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return "", ""
    if crs not in _TRANSFORMERS:
        _TRANSFORMERS[crs] = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lon, lat = _TRANSFORMERS[crs].transform(fx, fy)
    return f"{lon:.6f}", f"{lat:.6f}"


def _l93_to_wgs84(x: str, y: str) -> tuple[str, str]:
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return "", ""
    easting, northing = (fy, fx) if fx > fy else (fx, fy)  # FINESS+ swaps them (northing is the larger)
    return _project(str(easting), str(northing), "EPSG:2154")

"""Bytes -> a GeoDataFrame (geo formats), a DataFrame (CSV) or a finess.FinessParse, with the report filled in."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo import finess, texts
from geo.importing.columns import LAT_NAMES, LON_NAMES, WKT_NAMES, X_NAMES, Y_NAMES, find_column, numbers
from geo.importing.report import MB, ImportRefused, Report, short_error, too_big
from geo.importing.safety import (check_geojson, check_geopackage, check_kml, extract_shapefile, gunzip_bounded,
                                 sniff)


def read(data: bytes, report: Report, layer: str | None, max_upload_mb: int, departement: str):
    """Bytes -> a GeoDataFrame (geo formats), a DataFrame (CSV) or finess.FinessParse."""
    if len(data) > max_upload_mb * MB:
        raise too_big(len(data), max_upload_mb)
    kind = sniff(data)
    if kind == "gzip":
        data = gunzip_bounded(data)
        kind = sniff(data)
        if kind not in {"json", "csv", "kml"}:  # a gzip of an archive or a database is not something we ship
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
    # GDAL reads files, not bytes: give it a private folder that disappears with the read.
    with tempfile.TemporaryDirectory(prefix="carte-import-") as tmp:
        folder = Path(tmp)
        if kind == "zip":
            report.format = "shapefile"
            path = extract_shapefile(data, folder, layer, report)
            return _gdal_read(path, report, None, "ESRI Shapefile")
        if kind == "gpkg":
            report.format = "gpkg"
            path = _write(folder, "upload.gpkg", data)
            layer = check_geopackage(path, layer, report)
            return _gdal_read(path, report, layer, "GPKG")
        report.format = "kml"
        check_kml(data)
        return _read_kml(_write(folder, "upload.kml", data), report)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


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
    # UTF-8 read once as Latin-1 and saved again: the file is usable but the analyst should know.
    report.mojibake = bool(re.search("Ã[©¨ª«§´®¯¢ ]", text[:200000]))
    return text


def _read_json(data: bytes, report: Report, departement: str):
    head = data[:20000]
    if b'"pmej"' in head or b'"schemaVersion"' in head or b'"gcc"' in head:
        return _read_finess_plus(data, report, departement)
    if b'"$ref"' in head:
        raise ImportRefused(texts.REFUSE_REMOTE.format(what="$ref"))
    report.format = "geojson"
    check_geojson(data)
    with tempfile.TemporaryDirectory(prefix="carte-import-") as tmp:
        path = _write(Path(tmp), "upload.geojson", data)
        try:
            return _gdal_read(path, report, None, "GeoJSON", raise_json=True)
        except ImportRefused:
            if b'"pmej"' in data:  # a FINESS+ export whose marker is past the sniffed head
                return _read_finess_plus(data, report, departement)
            raise


def _json_error(data: bytes) -> str:
    """Where a JSON text breaks (line, column), for the refusal message."""
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        return f"ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}"
    except RecursionError:  # thousands of nested brackets: no real export looks like that
        return texts.JSON_TOO_DEEP
    return "" if isinstance(obj, dict) and obj.get("type") in {"FeatureCollection", "Feature"} else "non-geo"


def _read_finess_plus(data: bytes, report: Report, departement: str):
    report.format = "finess_plus"
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        detail = (f"ligne {exc.lineno}, colonne {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                  else texts.JSON_TOO_DEEP if isinstance(exc, RecursionError) else "encodage")
        raise ImportRefused(texts.REFUSE_JSON.format(detail=detail)) from exc
    if not finess.is_finess_plus(obj):
        raise ImportRefused(texts.REFUSE_JSON_NOT_GEO)
    return finess.parse_plus(obj, departement)


def _read_kml(path: Path, report: Report) -> gpd.GeoDataFrame:
    """Every folder of a KML is a GDAL layer; an analyst means them all."""
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format="KML", detail=short_error(exc))) from exc
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
        if raise_json:  # GDAL's GeoJSON errors do not say where the text breaks; json does
            detail = _json_error(path.read_bytes())
            if detail == "non-geo":
                raise ImportRefused(texts.REFUSE_JSON_NOT_GEO) from exc
            raise ImportRefused(texts.REFUSE_JSON.format(detail=detail or short_error(exc))) from exc
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format=label, detail=short_error(exc))) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    return frame


def read_csv_text(text: str, report: Report) -> pd.DataFrame:
    """Every cell as text: codes keep their leading zeros and nothing is guessed before the checks."""
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
        raise ImportRefused(texts.REFUSE_CSV_BAD.format(detail=_csv_error(exc))) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    return frame


def _csv_error(exc: BaseException) -> str:
    """pandas' parser errors, said in French where we recognise them."""
    text = short_error(exc)
    if match := re.search(r"EOF inside string starting at row (\d+)", text):
        return texts.CSV_OPEN_QUOTE.format(line=int(match.group(1)) + 1)
    if match := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text):
        expected, line, seen = match.groups()
        return texts.CSV_FIELD_COUNT.format(line=line, seen=seen, expected=expected)
    return text


def csv_positions(frame: pd.DataFrame, report: Report) -> gpd.GeoDataFrame | None:
    """Points from latitude/longitude (or Lambert-93 x/y, or WKT) columns; None when there are none."""
    cols = list(frame.columns)
    lat, lon = find_column(cols, LAT_NAMES), find_column(cols, LON_NAMES)
    x, y = find_column(cols, X_NAMES), find_column(cols, Y_NAMES)
    wkt = find_column(cols, WKT_NAMES)
    if lat and lon:
        xs, ys = numbers(frame[lon]), numbers(frame[lat])
    elif x and y:
        xs, ys = numbers(frame[x]), numbers(frame[y])
    elif wkt:
        geoms = shapely.from_wkt(frame[wkt].replace("", None).to_numpy(), on_invalid="ignore")
        _require_readable(frame, [wkt], pd.isna(geoms))
        return gpd.GeoDataFrame(frame.drop(columns=[wkt]), geometry=geoms, crs=None)
    else:
        return None
    _require_readable(frame, [c for c in ((lat, lon) if lat and lon else (x, y))], (xs.isna() | ys.isna()).to_numpy())
    geoms = shapely.points(xs.to_numpy(), ys.to_numpy())
    geoms[xs.isna().to_numpy() | ys.isna().to_numpy()] = None
    used = [c for c in (lat, lon, x, y) if c]
    # No CRS yet: resolve_crs decides from the coordinates whether they are degrees or Lambert-93.
    return gpd.GeoDataFrame(frame.drop(columns=[c for c in used if c in frame]), geometry=geoms, crs=None)


def _require_readable(frame: pd.DataFrame, columns: list[str], unreadable) -> None:
    """Position columns that are there but hold no readable value: say so, rather than "no position column"."""
    filled = (frame[columns].apply(lambda c: c.str.strip()) != "").any(axis=1).to_numpy()
    if filled.any() and (unreadable | ~filled).all():
        sample = next(v for v in frame.loc[filled, columns].to_numpy().ravel() if str(v).strip())
        raise ImportRefused(texts.REFUSE_CSV_COORDS.format(columns=", ".join(columns), sample=str(sample)[:40]))

"""A VettedFile (see `gate`) -> a GeoDataFrame (geo formats), a DataFrame (CSV) or a finess.FinessParse.

Readers run no safety check of their own: the gate decided the format, the container, the folder and
the driver; a reader only confirms GDAL agrees on the driver before reading a single feature.
"""

from __future__ import annotations

import csv
import io
import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import shapely

from geo import finess, texts
from geo.importing.columns import LAT_NAMES, LON_NAMES, WKT_NAMES, X_NAMES, Y_NAMES, find_column, numbers
from geo.importing.gate import VettedFile
from geo.importing.report import ImportRefused, Report, row_labels, short_error
from geo.importing.safety import decoded

# Floats stay Arrow-backed for a moment: pandas would turn NaN into "missing" and hide it from the report.
_ARROW_FLOATS = {pa.float64(): pd.ArrowDtype(pa.float64()), pa.float32(): pd.ArrowDtype(pa.float32())}


def read(vetted: VettedFile, report: Report, departement: str) -> pd.DataFrame | finess.FinessParse:
    """A vetted file -> a GeoDataFrame (geo formats), a DataFrame (CSV) or finess.FinessParse."""
    if not isinstance(vetted, VettedFile):
        raise TypeError("readers accept only a file vetted by geo.importing.gate.vet")
    if vetted.format == "csv":
        text = decode_text(vetted.path.read_bytes(), report)
        if finess.is_legacy(text[:5000]):
            report.format = "finess_legacy"
            report.separator = ";"
            return finess.parse_legacy(text, departement)
        return read_csv_text(text, report)
    if vetted.format == "finess_plus":
        return _read_finess_plus(vetted.path.read_bytes(), report, departement)
    if vetted.format == "geojson":
        try:
            return _gdal_read(vetted, report, None, raise_json=True)
        except ImportRefused:
            data = vetted.path.read_bytes()
            if b'"pmej"' in data:  # a FINESS+ export whose marker is past the sniffed head
                return _read_finess_plus(data, report, departement)
            raise
    if vetted.format == "kml":
        return _read_kml(vetted, report)
    return _gdal_read(vetted, report, vetted.layer)


def decode_text(data: bytes, report: Report) -> str:
    """UTF-8 (with or without BOM), else Latin-1 (Windows-1252 where it differs); anything else refused."""
    text, latin = decoded(data)
    report.encoding = texts.ENCODING_LATIN1 if latin else texts.ENCODING_UTF8
    if "\x00" in text[:10000]:
        raise ImportRefused(texts.REFUSE_ENCODING)
    # UTF-8 read once as Latin-1 and saved again: the file is usable but the analyst should know.
    report.mojibake = bool(re.search("Ã[©¨ª«§´®¯¢ ]", text[:200000]))
    return text


def _json_error(data: bytes) -> str:
    """Where a JSON text breaks (line, column), for the refusal message."""
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        what = _french(exc.msg, texts.JSON_ERRORS, texts.JSON_ERROR_OTHER)
        return texts.JSON_ERROR_AT.format(line=exc.lineno, column=exc.colno, what=what)
    except RecursionError:  # thousands of nested brackets: no real export looks like that
        return texts.JSON_TOO_DEEP
    return "" if isinstance(obj, dict) and obj.get("type") in {"FeatureCollection", "Feature"} else "non-geo"


def _read_finess_plus(data: bytes, report: Report, departement: str) -> finess.FinessParse:
    report.format = "finess_plus"
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        detail = (texts.JSON_POSITION.format(line=exc.lineno, column=exc.colno) if isinstance(exc, json.JSONDecodeError)
                  else texts.JSON_TOO_DEEP if isinstance(exc, RecursionError) else texts.JSON_ENCODING)
        raise ImportRefused(texts.REFUSE_JSON.format(detail=detail)) from exc
    if not finess.is_finess_plus(obj):
        raise ImportRefused(texts.REFUSE_JSON_NOT_GEO)
    return finess.parse_plus(obj, departement)


def _read_kml(vetted: VettedFile, report: Report) -> gpd.GeoDataFrame:
    """Every folder of a KML is a GDAL layer; an analyst means them all."""
    try:
        _check_driver(vetted, layer=None)  # before GDAL even lists the layers
        layers = [name for name, _ in pyogrio.list_layers(vetted.path)]
    except ImportRefused:
        raise
    except Exception as exc:
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format="KML", detail=_gdal_error(exc))) from exc
    frames = [_gdal_read(vetted, report, name) for name in layers]
    frames = [f for f in frames if len(f)]
    if len(layers) > 1:
        report.layers_available = []
        report.layer_read = ""
    if not frames:
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=frames[0].crs)


def _gdal_read(vetted: VettedFile, report: Report, layer: str | None, raise_json: bool = False) -> gpd.GeoDataFrame:
    label = texts.FORMAT_LABELS.get(vetted.format, vetted.format)
    try:
        _check_driver(vetted, layer)
        frame, unreadable = _read_features(vetted, layer)
    except ImportRefused:
        raise
    except Exception as exc:
        if raise_json:  # GDAL's GeoJSON errors do not say where the text breaks; json does
            detail = _json_error(vetted.path.read_bytes())
            if detail == "non-geo":
                raise ImportRefused(texts.REFUSE_JSON_NOT_GEO) from exc
            raise ImportRefused(texts.REFUSE_JSON.format(detail=detail or _gdal_error(exc))) from exc
        raise ImportRefused(texts.REFUSE_UNREADABLE.format(format=label, detail=_gdal_error(exc))) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ImportRefused(texts.REFUSE_NO_FEATURE)
    if unreadable.any():  # said by row and dropped: never "no geometry", which could be placed at a commune
        report.unrepairable += row_labels(report, frame.index[unreadable])
        frame = frame[~unreadable]
    return _finite_numbers(frame, report)


def _check_driver(vetted: VettedFile, layer: str | None) -> None:
    """The driver GDAL picks, checked before anything else is read from the file.

    pyogrio's readers take no driver argument, so GDAL chooses from the content: with the lock-down only
    our four drivers exist, and a file whose content is another format than the one sniffed stops here.
    """
    driver = pyogrio.read_info(vetted.path, layer=layer)["driver"]
    if driver != vetted.driver:
        label = texts.FORMAT_LABELS.get(vetted.format, vetted.format)
        raise ImportRefused(texts.REFUSE_DRIVER_MISMATCH.format(
            expected=texts.GDAL_FORMAT_LABELS.get(vetted.driver or "", label),
            found=texts.GDAL_FORMAT_LABELS.get(driver, str(driver)[:40])))


def _read_features(vetted: VettedFile, layer: str | None) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """The features, and which of them carry a geometry that cannot be parsed (rare: read twice only then)."""
    read = dict(layer=layer, use_arrow=True, arrow_to_pandas_kwargs={"types_mapper": _ARROW_FLOATS.get})
    try:
        frame = pyogrio.read_dataframe(vetted.path, on_invalid="raise", **read)
        return frame, np.zeros(len(frame), dtype=bool)
    except shapely.errors.GEOSException:
        frame = pyogrio.read_dataframe(vetted.path, on_invalid="ignore", **read)
    meta, table = pyogrio.read_arrow(vetted.path, layer=layer, columns=[])
    wkb = table.column(meta["geometry_name"] or "wkb_geometry").to_numpy(zero_copy_only=False)
    present = np.array([value is not None for value in wkb], dtype=bool)
    return frame, present & pd.isna(np.asarray(frame.geometry.values, dtype=object))


def _finite_numbers(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """±inf and NaN in numeric columns are counted by column and become empty (a database refuses them)."""
    for column in frame.columns:
        if not isinstance(frame[column].dtype, pd.ArrowDtype):
            continue
        values = frame[column].array._pa_array  # noqa: SLF001 — the Arrow array keeps NaN apart from null
        bad = pc.fill_null(pc.invert(pc.is_finite(values)), False)
        count = int(pc.sum(bad).as_py() or 0)
        if count:
            report.non_finite[str(column)] = report.non_finite.get(str(column), 0) + count
        numbers_ = np.array(frame[column].to_numpy(dtype=float, na_value=np.nan), dtype=float)  # a writable copy
        numbers_[~np.isfinite(numbers_)] = np.nan
        frame[column] = numbers_
    return frame


def read_csv_text(text: str, report: Report) -> pd.DataFrame:
    """Every cell as text: codes keep their leading zeros and nothing is guessed before the checks."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t", "|")}
    sep = max(counts, key=lambda candidate: counts[candidate])
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
    return texts.CSV_ERROR_OTHER


def _french(message: str, wordings: dict[str, str], other: str) -> str:
    """A library's English error said in French: the first known pattern it contains, else a plain wording."""
    lowered = message.lower()
    return next((french for pattern, french in wordings.items() if pattern.lower() in lowered), other)


def _gdal_error(exc: BaseException) -> str:
    return _french(short_error(exc), texts.GDAL_ERRORS, texts.GDAL_ERROR_OTHER)


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
    _require_readable(frame, [c for c in ((lat, lon) if lat and lon else (x, y)) if c], (xs.isna() | ys.isna()).to_numpy())
    infinite = (np.isinf(xs) | np.isinf(ys)).to_numpy()
    if infinite.any():  # "inf" is a number to pandas, not a place: said by line, never placed anywhere else
        report.unrepairable += row_labels(report, frame.index[infinite])
        frame, xs, ys = frame[~infinite], xs[~infinite], ys[~infinite]
    geoms = shapely.points(xs.to_numpy(), ys.to_numpy())
    geoms[xs.isna().to_numpy() | ys.isna().to_numpy()] = None
    used = [c for c in (lat, lon, x, y) if c]
    # No CRS yet: resolve_crs decides from the coordinates whether they are degrees or Lambert-93.
    return gpd.GeoDataFrame(frame.drop(columns=[c for c in used if c in frame]), geometry=geoms, crs=None)


def _require_readable(frame: pd.DataFrame, columns: list[str], unreadable: np.ndarray) -> None:
    """Position columns that are there but hold no readable value: say so, rather than "no position column"."""
    filled = (frame[columns].apply(lambda c: c.str.strip()) != "").any(axis=1).to_numpy()
    if filled.any() and (unreadable | ~filled).all():
        sample = next(v for v in frame.loc[filled, columns].to_numpy().ravel() if str(v).strip())
        raise ImportRefused(texts.REFUSE_CSV_COORDS.format(columns=", ".join(columns), sample=str(sample)[:40]))

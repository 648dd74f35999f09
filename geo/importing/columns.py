"""The column names analysts' files use, and tolerant parsing of the values in them.

Exports from FINESS, data.gouv.fr, QGIS or Excel name the same thing many ways;
each list is ordered by preference, compared after `normalize` (case, accents, spaces).
"""

from __future__ import annotations

import math

import pandas as pd

from geo.reference import normalize

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


def find_column(columns: list[str], names: list[str]) -> str | None:
    """The file's column for the first of `names` it has, None when it has none."""
    keyed = {normalize(c).replace(" ", "_"): c for c in columns}
    for name in names:
        if name in keyed:
            return keyed[name]
    return None


def copy_text_columns(source: pd.DataFrame, target: pd.DataFrame, aliases: tuple[tuple[str, list[str]], ...]) -> None:
    """target[name] = source's column for that name as stripped text, '' when the file has none."""
    columns = list(source.columns)
    for name, names in aliases:
        found = find_column(columns, names)
        target[name] = text_values(source[found]).values if found else ""


def text_values(series: pd.Series) -> pd.Series:
    """Cells as stripped text, '' where missing: a missing value never becomes the text "nan" or "None"
    (which would then be a name, an identifier, a key two rows share)."""
    missing = series.isna().to_numpy()
    if pd.api.types.infer_dtype(series, skipna=True) in {"string", "empty"}:  # CSV cells: text already
        out = series.astype(object).where(~missing, "").str.strip()
    elif series.dtype.kind == "f":
        out = series.map(_number_text)
    else:
        out = series.astype(object).map(lambda v: v if isinstance(v, str) else _number_text(v) if isinstance(
            v, float) else str(v)).str.strip()
    out = out.astype(object)
    out[missing] = ""
    return out


def _number_text(value: float) -> str:
    """290000101.0 read from a numeric column is the identifier 290000101; inf and NaN are no value."""
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else str(value)


def code_values(series: pd.Series) -> pd.Series:
    """INSEE codes as text, zero-padded (Excel drops the leading zero: 1053 -> 01053)."""
    values = text_values(series).str.upper().str.replace(r"\.0$", "", regex=True)
    return values.where(~values.str.fullmatch(r"\d{4}"), "0" + values)


def numbers(series: pd.Series) -> pd.Series:
    """Numbers written either way (48,1 or 48.1); NaN where a cell is not one."""
    return pd.to_numeric(series.str.strip().str.replace(",", ".", regex=False), errors="coerce")

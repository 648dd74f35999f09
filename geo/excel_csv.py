"""Tables as CSV files that French Excel opens right (the pages' CSV exports)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd


def to_excel_csv(frame: pd.DataFrame) -> bytes:
    """CSV that French Excel opens right: `;` separator, decimal comma, UTF-8 with BOM.

    Dates become dd/mm/yyyy; whole-number float columns are written without ',0'.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%d/%m/%Y")
        elif series.dtype == object and series.map(lambda v: isinstance(v, dt.date)).any():
            out[column] = series.map(lambda v: v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
        elif pd.api.types.is_float_dtype(series):
            finite = series.dropna()
            if len(finite) and (finite == finite.round()).all():
                out[column] = series.round().astype("Int64")
            else:
                out[column] = series.round(2)
    buffer = io.StringIO()
    out.to_csv(buffer, sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

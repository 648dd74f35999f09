"""Tables as CSV files that French Excel opens right (the pages' CSV exports)."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd

# A cell Excel or LibreOffice would read as a formula (CSV injection): = + - @, and tab / carriage return.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_cell(value: object) -> object:
    """A text cell that would start a formula gets a leading apostrophe: spreadsheets then show, never run, it.

    >>> neutralize_cell("=HYPERLINK(\\"http://x\\")"), neutralize_cell("-1"), neutralize_cell(-1.5), neutralize_cell("Brest")
    ('\\'=HYPERLINK("http://x")', "'-1", -1.5, 'Brest')
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def neutralize_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names are neutralised: for CSV files, and for tables shown with
    st.dataframe, whose built-in download button writes cells as they are."""
    out = table.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralize_cell)
    out.columns = [neutralize_cell(str(c)) for c in out.columns]
    return out


def _cell(value: object) -> object:
    """One cell of a mixed column: a date as dd/mm/yyyy, a number with a decimal comma (no ',0'), text neutralised."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else f"{round(value, 2)}".replace(".", ",")
    return neutralize_cell(value)


def to_excel_csv(frame: pd.DataFrame) -> bytes:
    """CSV that French Excel opens right: `;` separator, decimal comma, UTF-8 with BOM.

    Dates become dd/mm/yyyy; whole-number float columns are written without ',0'.
    Text that Excel would run as a formula (a name imported from a file: '=…', '+…', '-…', '@…')
    is written with a leading apostrophe, so it stays text; numbers, negative ones included, stay numbers.
    """
    out = frame.copy()
    out.columns = [neutralize_cell(str(c)) for c in out.columns]
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%d/%m/%Y")
        elif series.dtype == object:  # mixed cells: each written as its type asks
            out[column] = series.map(_cell)
        elif pd.api.types.is_float_dtype(series):
            finite = series.dropna()
            if len(finite) and (finite == finite.round()).all():
                out[column] = series.round().astype("Int64")
            else:
                out[column] = series.round(2)
        elif not pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[column] = series.map(neutralize_cell)
    buffer = io.StringIO()
    out.to_csv(buffer, sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

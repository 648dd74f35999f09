"""Tables as CSV files that French Excel opens right (the pages' CSV exports)."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass

import pandas as pd

from geo import texts

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


@dataclass(frozen=True)
class Provenance:
    """Where a table comes from, when it was exported and what was filtered: the lines above the CSV's table."""

    source: str
    date: dt.date
    filters: tuple[tuple[str, str], ...] = ()  # (name, value) as the page shows them

    def lines(self) -> list[tuple[str, str]]:
        """The header block: (label, value) rows; one blank row then separates it from the table.

        >>> Provenance("Baromètre", dt.date(2026, 12, 3), (("Territoire", "France"),)).lines()
        [('Source', 'Baromètre'), ('Exporté le', '03/12/2026'), ('Filtres', 'Territoire : France')]
        """
        # " · " rather than " ; ": the separator of French Excel would put the line in quotes.
        filters = " · ".join(texts.CSV_FILTER_ITEM.format(name=n, value=v) for n, v in self.filters)
        return [(texts.CSV_SOURCE, self.source), (texts.CSV_DATE, texts.fmt_date(self.date)),
                (texts.CSV_FILTERS, filters or texts.CSV_NO_FILTER)]


def _header_block(about: Provenance) -> str:
    block = pd.DataFrame([[label, neutralize_cell(value)] for label, value in about.lines()])
    buffer = io.StringIO()
    block.to_csv(buffer, sep=";", index=False, header=False, lineterminator="\r\n")
    return buffer.getvalue() + "\r\n"


def to_excel_csv(frame: pd.DataFrame, about: Provenance | None = None) -> bytes:
    """CSV that French Excel opens right: `;` separator, decimal comma, UTF-8 with BOM.

    Dates become dd/mm/yyyy; whole-number float columns are written without ',0'.
    Text that Excel would run as a formula (a name imported from a file: '=…', '+…', '-…', '@…')
    is written with a leading apostrophe, so it stays text; numbers, negative ones included, stay numbers.
    `about`: a header block (source, export date, filters) and a blank line above the table.
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
    head = _header_block(about) if about is not None else ""
    return ("\ufeff" + head + buffer.getvalue()).encode("utf-8")

"""French number and date formats: 933 455 ; 80,0 % ; 30/06/2024 ; janv. 2024.

Numbers follow French typography: a no-break space between thousands, a decimal comma,
a no-break space before %; halves round up, as a reader expects.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_LONG = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def _half_up(value: float | int, digits: int) -> Decimal:
    """Round as a reader does (7,25 -> 7,3), not half to even as Python's round and format do."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_int(value: float | int | None) -> str:
    """933455 -> '933 455' (no-break space)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{_half_up(value, 0):,}".replace(",", NBSP)


def fmt_dec(value: float | None, digits: int = 1) -> str:
    """86.1 -> '86,1'; thousands separated like fmt_int."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{_half_up(value, digits):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", NBSP)


def fmt_pct(value: float | None, digits: int = 1) -> str:
    """80 -> '80,0 %'."""
    text = fmt_dec(value, digits)
    return text if text == "–" else f"{text}{NBSP}%"


def fmt_km(metres: float | None) -> str:
    """Distance in metres -> '3,2 km' (or '850 m' below one kilometre)."""
    if metres is None or (isinstance(metres, float) and math.isnan(metres)):
        return "–"
    if metres < 1000:
        return f"{fmt_int(metres)}{NBSP}m"
    return f"{fmt_dec(metres / 1000, 1)}{NBSP}km"


def parse_date(value: object) -> dt.date | None:
    """Dates as found in the sources: '2024-06-30', '2024-06', '2023', or a date."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()[:10]
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def fmt_date(value: object) -> str:
    """A date as precise as its source: '30/06/2024', 'juin 2024' or '2023'."""
    text = "" if value is None else str(value).strip()
    parsed = parse_date(value)
    if parsed is None:
        return "date inconnue"
    if isinstance(value, (dt.date, dt.datetime)) or len(text) >= 10:
        return parsed.strftime("%d/%m/%Y")
    if len(text) >= 7:
        return f"{MONTHS_LONG[parsed.month - 1]} {parsed.year}"
    return str(parsed.year)


def fmt_month(value: object) -> str:
    """'2023-12-01' -> 'déc. 2023' (the baromètre's monthly points)."""
    parsed = parse_date(value)
    return "–" if parsed is None else f"{MONTHS_SHORT[parsed.month - 1]} {parsed.year}"

"""Indicators computed from the layers: coverage, counts vs targets, distances.

Pages never compute an indicator themselves; they call these functions.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.reference import LAMBERT93


@dataclass(frozen=True)
class Coverage:
    population_covered: int
    population_total: int
    communes_covered: int
    communes_total: int

    @property
    def pct(self) -> float:
        return 100.0 * self.population_covered / self.population_total if self.population_total else float("nan")


def coverage(members: pd.DataFrame, communes: pd.DataFrame, cpts_ids: set[str] | None = None) -> Coverage:
    """Population and communes covered by the CPTS in `members` (all, or only `cpts_ids`).

    A commune in two CPTS is counted once: coverage is a set of communes.
    """
    if cpts_ids is not None:
        members = members[members["cpts_id"].isin(cpts_ids)]
    covered = communes["code"].isin(set(members["commune_code"]))
    return Coverage(
        population_covered=int(communes.loc[covered, "population"].sum()),
        population_total=int(communes["population"].sum()),
        communes_covered=int(covered.sum()),
        communes_total=len(communes),
    )


def nearest_distance(origins: gpd.GeoSeries, targets: gpd.GeoSeries) -> pd.DataFrame:
    """For each origin geometry, the distance in metres to the nearest target and its index.

    Computed in Lambert-93 (metres); polygons are measured from their
    representative point (inside the polygon). NaN where there is no target.
    """
    if len(targets) == 0:
        return pd.DataFrame({"distance_m": np.nan, "target": None}, index=origins.index)
    points = origins.to_crs(LAMBERT93).representative_point()
    target_points = targets.to_crs(LAMBERT93)
    idx = target_points.sindex.nearest(points, return_all=False, return_distance=True)
    (origin_pos, target_pos), distances = idx
    out = pd.DataFrame({"distance_m": np.nan, "target": None}, index=origins.index)
    out.iloc[origin_pos, 0] = distances
    out.iloc[origin_pos, 1] = targets.index[target_pos].to_numpy()
    return out


# --- Pace and projection toward a target ------------------------------------------
# Times are in years of 365.25 days between the baromètre's month stamps.

YEAR_DAYS = 365.25
OBSERVED_WINDOW_YEARS = 2.0
HORIZON_YEAR = 2030


@dataclass(frozen=True)
class Pace:
    """Change per year between two observations."""

    start_date: dt.date
    start_value: float
    end_date: dt.date
    end_value: float

    @property
    def years(self) -> float:
        return years_between(self.start_date, self.end_date)

    @property
    def per_year(self) -> float:
        return (self.end_value - self.start_value) / self.years if self.years > 0 else float("nan")


def years_between(start: dt.date, end: dt.date) -> float:
    """(end - start) in years, counted in calendar months (the baromètre's points are month stamps).

    >>> years_between(dt.date(2023, 12, 1), dt.date(2026, 12, 1))
    3.0
    >>> years_between(dt.date(2022, 9, 1), dt.date(2024, 5, 1))
    1.6666666666666667
    """
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months / 12 + (end.day - start.day) / YEAR_DAYS


def add_years(start: dt.date, years: float) -> dt.date:
    """`start` moved by `years`, to the nearest whole month (first of the month).

    >>> add_years(dt.date(2023, 12, 1), 9.67)
    datetime.date(2033, 8, 1)
    """
    months = start.year * 12 + start.month - 1 + round(years * 12)
    return dt.date(months // 12, months % 12 + 1, 1)


def required_pace(last_value: float, last_date: dt.date, target_value: float, target_date: dt.date) -> float:
    """Change per year needed from the last value to reach the target on its date.

    0 when the target is already reached; NaN when the target date is past.

    >>> round(required_pace(2501, dt.date(2023, 12, 1), 4000, dt.date(2026, 12, 1)), 1)
    499.7
    """
    if last_value >= target_value:
        return 0.0
    years = years_between(last_date, target_date)
    return (target_value - last_value) / years if years > 0 else float("nan")


def observed_pace(dates: list[dt.date], values: list[float], window_years: float = OBSERVED_WINDOW_YEARS) -> Pace | None:
    """The pace over the last `window_years`: from the first observation on or after
    (last date - window) to the last one. None with fewer than two observations.

    Where no observation falls exactly `window_years` before the last one, the
    window starts at the next observation, so the pace is still per year.

    >>> d = [dt.date(2021, 12, 1), dt.date(2022, 12, 1), dt.date(2023, 12, 1)]
    >>> observed_pace(d, [2018, 2251, 2501]).per_year
    241.5
    """
    points = sorted((d, float(v)) for d, v in zip(dates, values, strict=True) if v is not None and not math.isnan(float(v)))
    if len(points) < 2:
        return None
    end_date, end_value = points[-1]
    in_window = [p for p in points[:-1] if years_between(p[0], end_date) <= window_years + 1e-9]
    start_date, start_value = in_window[0] if in_window else points[-2]
    return Pace(start_date, start_value, end_date, end_value)


def projected_date(last_value: float, last_date: dt.date, per_year: float, target_value: float) -> dt.date | None:
    """When the target is reached if the pace goes on; the last date when already reached;
    None when the pace is nil, negative or unknown.

    >>> projected_date(39, dt.date(2023, 12, 1), 3.0, 68)
    datetime.date(2033, 8, 1)
    """
    if last_value >= target_value:
        return last_date
    if per_year is None or math.isnan(per_year) or per_year <= 0:
        return None
    years = (target_value - last_value) / per_year
    if years > 1000:
        return None
    return add_years(last_date, years)


def reached_within(projected: dt.date | None, horizon_year: int = HORIZON_YEAR) -> int | None:
    """The year of `projected` if it is no later than `horizon_year`, else None ("non atteint")."""
    return projected.year if projected is not None and projected.year <= horizon_year else None


def progress_rate(initial: float, current: float, target: float) -> float:
    """The baromètre's progress rate (%): the way done from the initial value to the target, clipped to 0–100.

    When the target equals the initial value the baromètre says 100 if it
    is held, else 0.

    >>> progress_rate(2251, 2501, 4000)
    14.29
    """
    if any(v is None or math.isnan(v) for v in (initial, current, target)):
        return float("nan")
    if target == initial:
        return 100.0 if current >= target else 0.0
    return round(min(100.0, max(0.0, 100.0 * (current - initial) / (target - initial))), 2)


def expected_rate(initial_date: dt.date, on: dt.date, target_date: dt.date) -> float:
    """The progress rate (%) a straight line from the initial value to the target would give on `on`."""
    total = years_between(initial_date, target_date)
    if total <= 0:
        return float("nan")
    return min(100.0, max(0.0, 100.0 * years_between(initial_date, on) / total))

"""Where a zone stands on an indicator, and how fast it moves: standings, trajectories, rankings.

Read from the rows of geo.barometer.series. We never recompute what the file
states: the figures shown are the file's, and the computed ones (pace,
projection) say so.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from geo import indicators
from geo.barometer.series import (
    DEFAULT_SCHEDULE,
    SCHEDULES,
    Schedule,
    indicator_version,
    load_indicator,
    region_of_departement,
    zone_name,
    zone_rows,
)


def _points(ind_id: str, zone: str, data_dir: Path | None = None) -> list[tuple[dt.date, float, str]]:
    """(date, value, kind) of the measured points, plus the initial value on a date with no measure."""
    rows = zone_rows(ind_id, zone, data_dir)
    measured = [(r.date, r.value, "mesure") for r in rows if not math.isnan(r.value)]
    dates = {d for d, _, _ in measured}
    initial = [(r.date, r.initial, "initiale") for r in rows if not math.isnan(r.initial) and r.date not in dates]
    return sorted(measured + initial)


# --- One zone -------------------------------------------------------------------


def observations(ind_id: str, zone: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The measured points of a zone: date (datetime64), value, kind ('mesure' or 'initiale').

    The initial value counts as a point on its date when no value is measured
    that day (IND-589 D29: 55 % at 2022-12 is only given as initial value).
    """
    points = _points(ind_id, zone, data_dir)
    return pd.DataFrame({
        "date": pd.to_datetime([d for d, _, _ in points]),
        "value": [v for _, v, _ in points],
        "kind": [k for _, _, k in points],
    })


def change_since(ind_id: str, zone: str, data_dir: Path | None = None) -> tuple[float, dt.date] | None:
    """(last measured value minus the last one at least 12 months earlier, that earlier date); None without one.

    The earlier point may be more than a year back (IND-589 France: sept. 2022 -> mai 2024), so the
    date goes with the change: the page says "depuis sept. 2022", never "en un an" for 20 months.
    """
    measured = [(d, v) for d, v, k in _points(ind_id, zone, data_dir) if k == "mesure"]
    if len(measured) < 2:
        return None
    last_date, last_value = measured[-1]
    earlier = [(d, v) for d, v in measured if indicators.years_between(d, last_date) >= 1 - 1e-9]
    return None if not earlier else (last_value - earlier[-1][1], earlier[-1][0])


@dataclass(frozen=True)
class Standing:
    """Where a zone stands on an indicator, from the file (dates as datetime.date)."""

    indicator: str
    zone: str
    initial_value: float
    initial_date: dt.date | None
    last_value: float
    last_date: dt.date | None
    target_value: float
    target_date: dt.date | None
    rate: float  # official progress rate (%), NaN when the file gives none

    @property
    def has_data(self) -> bool:
        return self.last_date is not None and not math.isnan(self.last_value)

    @property
    def has_target(self) -> bool:
        return self.target_date is not None and not math.isnan(self.target_value)

    @property
    def reached(self) -> bool:
        return self.has_data and self.has_target and self.last_value >= self.target_value

    @property
    def share_of_target(self) -> float:
        """Last value as a share of the target value (%)."""
        if not (self.has_data and self.has_target) or self.target_value == 0:
            return float("nan")
        return 100.0 * self.last_value / self.target_value


def standing(ind_id: str, zone: str, data_dir: Path | None = None) -> Standing:
    return _standing(ind_id, zone, data_dir, indicator_version(ind_id, data_dir))


# The cached functions below take the indicator file's version (indicator_version) as their last argument, unused
# in the body: it keys the cache, so a new baromètre download is never answered with the old file's figures.


@lru_cache(maxsize=2048)
def _standing(ind_id: str, zone: str, data_dir: Path | None, version: tuple[Path, int, int]) -> Standing:
    rows = zone_rows(ind_id, zone, data_dir)
    nan = float("nan")
    measured = [r for r in rows if not math.isnan(r.value)]
    initial = [r for r in rows if not math.isnan(r.initial)]
    target = [r for r in rows if not math.isnan(r.target)]
    rate = [r for r in rows if not math.isnan(r.rate)]
    return Standing(
        indicator=ind_id,
        zone=zone,
        initial_value=initial[0].initial if initial else nan,
        initial_date=initial[0].date if initial else None,
        last_value=measured[-1].value if measured else nan,
        last_date=measured[-1].date if measured else None,
        target_value=target[-1].target if target else nan,
        target_date=target[-1].date if target else None,
        rate=rate[-1].rate if rate else nan,
    )


def target_date(s: Standing, schedule: Schedule) -> dt.date | None:
    """The target's date under a schedule (the file's unless the schedule replaces it)."""
    return schedule.date if schedule.applies(s.indicator) else s.target_date


@dataclass(frozen=True)
class Trajectory:
    """A standing with its paces and projections, under one schedule."""

    standing: Standing
    schedule: Schedule
    target_date: dt.date | None
    required: float  # per year, from the last value to the target
    observed: indicators.Pace | None
    projected: dt.date | None  # when the observed pace reaches the target (None: never)
    expected_rate: float  # progress rate a straight line from initial to target would give today

    @property
    def reached_year(self) -> int | None:
        """Year the target is reached at the observed pace, None if not by the horizon."""
        return indicators.reached_within(self.projected, indicators.HORIZON_YEAR)


def trajectory(ind_id: str, zone: str, schedule: Schedule | str = DEFAULT_SCHEDULE,
               window_years: float = indicators.OBSERVED_WINDOW_YEARS, data_dir: Path | None = None) -> Trajectory:
    return _trajectory(ind_id, zone, schedule, window_years, data_dir, indicator_version(ind_id, data_dir))


@lru_cache(maxsize=4096)
def _trajectory(ind_id: str, zone: str, schedule: Schedule | str, window_years: float, data_dir: Path | None,
                version: tuple[Path, int, int]) -> Trajectory:
    if isinstance(schedule, str):
        schedule = SCHEDULES[schedule]
    s = standing(ind_id, zone, data_dir)
    due = target_date(s, schedule)
    points = _points(ind_id, zone, data_dir)
    observed = indicators.observed_pace([d for d, _, _ in points], [v for _, v, _ in points], window_years)
    required, projected = float("nan"), None
    if s.has_data and s.has_target and due is not None and s.last_date is not None:
        required = indicators.required_pace(s.last_value, s.last_date, s.target_value, due)
        projected = indicators.projected_date(
            s.last_value, s.last_date, observed.per_year if observed else float("nan"), s.target_value
        )
    expected = (
        indicators.expected_rate(s.initial_date, s.last_date, due)
        if s.initial_date and s.last_date and due else float("nan")
    )
    return Trajectory(s, schedule, due, required, observed, projected, expected)


# --- All zones ------------------------------------------------------------------


def standings(ind_id: str, maille: str = "DEPT", data_dir: Path | None = None) -> pd.DataFrame:
    """One row per zone of a level: zone, name, last/initial/target values and dates, rate.

    At the DEPT level, all 101 départements, even one the file leaves out.

    Read-only (cached): copy before changing it.
    """
    return _standings(ind_id, maille, data_dir, indicator_version(ind_id, data_dir))


@lru_cache(maxsize=32)
def _standings(ind_id: str, maille: str, data_dir: Path | None, version: tuple[Path, int, int]) -> pd.DataFrame:
    rows = load_indicator(ind_id, data_dir)
    present = set(rows.loc[rows["maille"] == maille, "zone"])
    if maille == "DEPT":  # every département, with or without figures (IND-587 has none for Mayotte)
        present |= set(region_of_departement(data_dir))
    records = [standing(ind_id, zone, data_dir).__dict__ for zone in sorted(present)]
    frame = pd.DataFrame.from_records(records, columns=list(Standing.__dataclass_fields__))
    frame["name"] = frame["zone"].map(zone_name)
    frame["share_of_target"] = np.where(
        frame["target_value"] > 0, 100.0 * frame["last_value"] / frame["target_value"], np.nan
    )
    return frame


def ranking(ind_id: str, schedule: Schedule | str = DEFAULT_SCHEDULE, data_dir: Path | None = None) -> pd.DataFrame:
    """Départements sorted by official progress rate (then by share of target): rank 1 = furthest ahead.

    Adds the région's name and the year the target is reached at the observed pace.
    Read-only (cached): copy before changing it.
    """
    return _ranking(ind_id, schedule, data_dir, indicator_version(ind_id, data_dir))


@lru_cache(maxsize=32)
def _ranking(ind_id: str, schedule: Schedule | str, data_dir: Path | None,
             version: tuple[Path, int, int]) -> pd.DataFrame:
    if isinstance(schedule, str):
        schedule = SCHEDULES[schedule]
    frame = standings(ind_id, "DEPT", data_dir).copy()
    regions = region_of_departement(data_dir)
    frame["region"] = frame["zone"].map(lambda z: zone_name(regions.get(z, "")))
    trajs = [trajectory(ind_id, zone, schedule, data_dir=data_dir) for zone in frame["zone"]]
    frame["reached_year"] = pd.array([t.reached_year for t in trajs], dtype="Int64")
    frame["projected"] = [t.projected for t in trajs]
    frame["target_date"] = [t.target_date for t in trajs]
    frame = frame.sort_values(["rate", "share_of_target", "name"], ascending=[False, False, True], na_position="last")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)

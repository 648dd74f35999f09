"""The official series and targets: the Baromètre des résultats de l'action publique.

One CSV per indicator in data/barometre (snapshot of the DITP open
repository), columns ``indic_id, enforce_zone_id, metric_enforce_date, maille,
indic_vi, indic_va, indic_vc, indic_ta``:

- ``indic_va`` is a measured value at ``metric_enforce_date``;
- ``indic_vi`` the initial value (the reference the target was set from);
- ``indic_vc`` the target value, on the target's date;
- ``indic_ta`` the official progress rate (%), on the last measured date.

Zones are the baromètre's ids: "FRANCE", "R53" (région), "D29" (département).
We never recompute what the file states: the figures shown are the file's,
and the computed ones (pace, projection) say so.

>>> s = standing("IND-311", "D29")
>>> (s.last_value, s.target_value, s.rate)
(39.0, 68.0, 3.33)
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from geo import indicators, reference, texts

NATIONAL = "FRANCE"


@dataclass(frozen=True)
class Indicator:
    """An indicator of the baromètre that the app follows."""

    id: str
    key: str
    percent: bool
    primary: bool

    @property
    def label(self) -> str:
        return texts.COUV_INDICATOR_LABELS[self.id]

    @property
    def short(self) -> str:
        return texts.COUV_INDICATOR_SHORT[self.id]

    @property
    def file(self) -> str:
        return f"{self.id.lower()}.csv"

    def fmt(self, value: float | None) -> str:
        """A value in this indicator's unit: '2 501' or '86,1 %'."""
        return texts.fmt_pct(value) if self.percent else texts.fmt_int(value)


INDICATORS: dict[str, Indicator] = {
    ind.id: ind
    for ind in [
        Indicator("IND-311", "msp", percent=False, primary=True),
        Indicator("IND-318", "cds", percent=False, primary=True),
        Indicator("IND-589", "cpts", percent=True, primary=True),
        Indicator("IND-312", "ald", percent=True, primary=False),
        Indicator("IND-587", "sas", percent=True, primary=False),
    ]
}
PRIMARY = [ind for ind in INDICATORS.values() if ind.primary]
SECONDARY = [ind for ind in INDICATORS.values() if not ind.primary]


# --- Target schedules -----------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """A source for the targets' dates.

    ``date`` None means the date stated in the baromètre file; otherwise the
    date replaces it for the indicators in ``applies_to`` only (the target
    values stay the baromètre's).
    """

    key: str
    date: dt.date | None
    applies_to: frozenset[str]

    @property
    def label(self) -> str:
        return texts.COUV_SCHEDULE_LABELS[self.key]

    @property
    def source(self) -> str:
        return texts.COUV_SCHEDULE_SOURCES[self.key]

    def applies(self, ind_id: str) -> bool:
        return self.date is not None and ind_id in self.applies_to


SCHEDULES: dict[str, Schedule] = {
    "barometre": Schedule("barometre", None, frozenset()),
    # The June 2023 government plan: 4 000 MSP "d'ici fin 2027" (the baromètre says 2026-12).
    "plan_2023": Schedule("plan_2023", dt.date(2027, 12, 1), frozenset({"IND-311"})),
}
DEFAULT_SCHEDULE = "barometre"


# --- Loading --------------------------------------------------------------------


def barometre_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or reference.DATA_DIR) / "barometre"


@lru_cache(maxsize=16)
def load_indicator(ind_id: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One indicator's rows: zone, date, maille, initial, value, target, rate.

    Rows without a date (a few empty regional rows) are dropped; dates are
    the baromètre's month stamps (datetime64, first of the month).
    """
    raw = pd.read_csv(barometre_dir(data_dir) / INDICATORS[ind_id].file, dtype={"enforce_zone_id": str})
    frame = pd.DataFrame({
        "zone": raw["enforce_zone_id"].str.strip(),
        "date": pd.to_datetime(raw["metric_enforce_date"], errors="coerce"),
        "maille": raw["maille"],
        "initial": pd.to_numeric(raw["indic_vi"], errors="coerce"),
        "value": pd.to_numeric(raw["indic_va"], errors="coerce"),
        "target": pd.to_numeric(raw["indic_vc"], errors="coerce"),
        "rate": pd.to_numeric(raw["indic_ta"], errors="coerce"),
    })
    frame = frame.dropna(subset=["date"]).sort_values(["zone", "date"]).reset_index(drop=True)
    return frame


class Row(NamedTuple):
    date: dt.date
    initial: float
    value: float
    target: float
    rate: float


@lru_cache(maxsize=16)
def _by_zone(ind_id: str, data_dir: Path | None = None) -> dict[str, tuple[Row, ...]]:
    """Zone -> its rows in date order, as plain tuples (pandas is slow on 101 tiny frames)."""
    frame = load_indicator(ind_id, data_dir)
    out: dict[str, list[Row]] = {}
    for zone, date, initial, value, target, rate in zip(
        frame["zone"], frame["date"], frame["initial"], frame["value"], frame["target"], frame["rate"]
    ):
        out.setdefault(zone, []).append(Row(date.date(), float(initial), float(value), float(target), float(rate)))
    return {zone: tuple(rows) for zone, rows in out.items()}


def zone_rows(ind_id: str, zone: str, data_dir: Path | None = None) -> tuple[Row, ...]:
    """The rows of one zone in date order (empty when the zone is absent)."""
    return _by_zone(ind_id, data_dir).get(zone, ())


def _points(ind_id: str, zone: str, data_dir: Path | None = None) -> list[tuple[dt.date, float, str]]:
    """(date, value, kind) of the measured points, plus the initial value on a date with no measure."""
    rows = zone_rows(ind_id, zone, data_dir)
    measured = [(r.date, r.value, "mesure") for r in rows if not math.isnan(r.value)]
    dates = {d for d, _, _ in measured}
    initial = [(r.date, r.initial, "initiale") for r in rows if not math.isnan(r.initial) and r.date not in dates]
    return sorted(measured + initial)


@lru_cache(maxsize=1)
def load_units(data_dir: Path | None = None) -> dict[str, str]:
    """Indicator id -> unit as worded by the baromètre (config-viz.yml)."""
    with open(barometre_dir(data_dir) / "config-viz.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    return {item["id"]: item.get("unite", "") for item in config.get("indicateurs", []) if item.get("id") in INDICATORS}


@lru_cache(maxsize=2)
def load_declared_counts(data_dir: Path | None = None) -> pd.DataFrame:
    """Dated counts declared by the ARS, the baromètre and the federations (one source a row)."""
    frame = pd.read_csv((data_dir or reference.DATA_DIR) / "declared_counts.csv", dtype=str)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def declared(zone: str, indicator: str, data_dir: Path | None = None) -> pd.Series | None:
    """The latest declared count of `indicator` for `zone` (row with value, as_of, source), or None."""
    counts = load_declared_counts(data_dir)
    rows = counts[(counts["zone"] == zone) & (counts["indicator"] == indicator)].sort_values("as_of")
    return None if rows.empty else rows.iloc[-1]


# --- Zones ----------------------------------------------------------------------


@lru_cache(maxsize=2)
def zone_names(data_dir: Path | None = None) -> dict[str, str]:
    """Zone id -> name: 'France', 'Bretagne', 'Finistère'."""
    names = {NATIONAL: texts.COUV_FRANCE}
    for row in reference.load_regions(data_dir).itertuples():
        names[f"R{row.code}"] = row.nom
    for row in reference.load_departements(data_dir).itertuples():
        names[f"D{row.code}"] = row.nom
    return names


def zone_name(zone: str) -> str:
    return zone_names().get(zone, zone)


def zone_title(zone: str) -> str:
    """'Finistère (29)', 'Région Bretagne', 'France'."""
    if zone.startswith("D"):
        return f"{zone_name(zone)} ({zone[1:]})"
    if zone.startswith("R"):
        return f"{texts.COUV_REGION} {zone_name(zone)}"
    return zone_name(zone)


@lru_cache(maxsize=2)
def region_of_departement(data_dir: Path | None = None) -> dict[str, str]:
    """'D29' -> 'R53'."""
    deps = reference.load_departements(data_dir)
    return {f"D{row.code}": f"R{row.region}" for row in deps.itertuples()}


def comparison_zones(zone: str) -> list[str]:
    """The zone, then its région (for a département), then France — each once."""
    zones = [zone]
    if zone.startswith("D") and zone in region_of_departement():
        zones.append(region_of_departement()[zone])
    if zone != NATIONAL:
        zones.append(NATIONAL)
    return zones


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


def change_over_year(ind_id: str, zone: str, data_dir: Path | None = None) -> float | None:
    """Last measured value minus the last one at least 12 months earlier; None without such a point."""
    measured = [(d, v) for d, v, k in _points(ind_id, zone, data_dir) if k == "mesure"]
    if len(measured) < 2:
        return None
    last_date, last_value = measured[-1]
    earlier = [v for d, v in measured if indicators.years_between(d, last_date) >= 1 - 1e-9]
    return None if not earlier else last_value - earlier[-1]


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


@lru_cache(maxsize=2048)
def standing(ind_id: str, zone: str, data_dir: Path | None = None) -> Standing:
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


@lru_cache(maxsize=4096)
def trajectory(ind_id: str, zone: str, schedule: Schedule | str = DEFAULT_SCHEDULE,
               window_years: float = indicators.OBSERVED_WINDOW_YEARS, data_dir: Path | None = None) -> Trajectory:
    if isinstance(schedule, str):
        schedule = SCHEDULES[schedule]
    s = standing(ind_id, zone, data_dir)
    due = target_date(s, schedule)
    points = _points(ind_id, zone, data_dir)
    observed = indicators.observed_pace([d for d, _, _ in points], [v for _, v, _ in points], window_years)
    required, projected = float("nan"), None
    if s.has_data and s.has_target and due is not None:
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


@lru_cache(maxsize=32)
def standings(ind_id: str, maille: str = "DEPT", data_dir: Path | None = None) -> pd.DataFrame:
    """One row per zone of a level: zone, name, last/initial/target values and dates, rate.

    At the DEPT level, all 101 départements, even one the file leaves out.

    Read-only (cached): copy before changing it.
    """
    rows = load_indicator(ind_id, data_dir)
    zones = set(rows.loc[rows["maille"] == maille, "zone"])
    if maille == "DEPT":  # every département, with or without figures (IND-587 has none for Mayotte)
        zones |= set(region_of_departement(data_dir))
    zones = sorted(zones)
    records = [standing(ind_id, zone, data_dir).__dict__ for zone in zones]
    frame = pd.DataFrame.from_records(records, columns=list(Standing.__dataclass_fields__))
    frame["name"] = frame["zone"].map(zone_name)
    frame["share_of_target"] = np.where(
        frame["target_value"] > 0, 100.0 * frame["last_value"] / frame["target_value"], np.nan
    )
    return frame


@lru_cache(maxsize=32)
def ranking(ind_id: str, schedule: Schedule | str = DEFAULT_SCHEDULE, data_dir: Path | None = None) -> pd.DataFrame:
    """Départements sorted by official progress rate (then by share of target): rank 1 = furthest ahead.

    Adds the région's name and the year the target is reached at the observed pace.
    Read-only (cached): copy before changing it.
    """
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


# --- Exports --------------------------------------------------------------------


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


# --- Computed from the layers vs official -----------------------------------------

_SITE_SUFFIX = re.compile(r"\s*\((?:site|antenne)\b[^)]*\)\s*$", re.IGNORECASE)


def structure_count(names: pd.Series) -> int:
    """Structures counted once whatever their sites: 'MSP X (site de A)' and 'MSP X (site de B)' are one MSP."""
    return int(names.astype(str).map(lambda n: _SITE_SUFFIX.sub("", n).strip().lower()).nunique())


@dataclass(frozen=True)
class LayerCheck:
    """Figures computed from the loaded layers of a département, beside the official ones."""

    zone: str
    strict: indicators.Coverage  # CPTS with a signed ACI / functioning
    broad: indicators.Coverage  # + projects
    cpts_mapped: int  # CPTS with at least one commune in the loaded perimeters
    cpts_declared: float  # CPTS declared (ACI + being formed), NaN if unknown
    cpts_declared_row: pd.Series | None
    msp_mapped: int  # open MSP (sites of one MSP counted once)
    msp_sites: int
    cds_mapped: int  # open polyvalent centres de santé
    cpts_official: Standing  # IND-589
    msp_official: Standing  # IND-311
    cds_official: Standing  # IND-318


def layer_check(zone: str, communes: pd.DataFrame, structures: pd.DataFrame,
                cpts_table: pd.DataFrame, members: pd.DataFrame, data_dir: Path | None = None) -> LayerCheck:
    """Coverage and counts from the layers (as loaded in the app, imports included) vs the baromètre."""
    from geo.structures import MSP_KINDS
    from geo.territories import STRICT_STATUSES

    status = cpts_table["status"].astype(str).str.strip().str.lower()
    strict_ids = set(cpts_table.loc[status.isin(STRICT_STATUSES), "id"])
    all_ids = set(cpts_table["id"])
    known = set(communes["code"])
    mapped_ids = set(members.loc[members["commune_code"].isin(known), "cpts_id"]) & all_ids
    open_ = structures["status"].astype(str).str.lower().eq("ouvert")
    msp = structures[structures["kind"].isin(MSP_KINDS) & open_]
    cds = structures[structures["kind"].eq("cds_polyvalent") & open_]
    aci, forming = declared(zone, "cpts_aci", data_dir), declared(zone, "cpts_en_constitution", data_dir)
    cpts_declared = float(aci["value"]) + (float(forming["value"]) if forming is not None else 0.0) if aci is not None else float("nan")
    return LayerCheck(
        zone=zone,
        strict=indicators.coverage(members, communes, strict_ids),
        broad=indicators.coverage(members, communes, all_ids),
        cpts_mapped=len(mapped_ids),
        cpts_declared=cpts_declared,
        cpts_declared_row=aci,
        msp_mapped=structure_count(msp["name"]),
        msp_sites=len(msp),
        cds_mapped=structure_count(cds["name"]),
        cpts_official=standing("IND-589", zone, data_dir),
        msp_official=standing("IND-311", zone, data_dir),
        cds_official=standing("IND-318", zone, data_dir),
    )

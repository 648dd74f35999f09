"""The baromètre's files: which indicators we follow, their target schedules, the rows, and the zones.

One CSV per indicator in data/barometre (snapshot of the DITP open
repository) — or, when geo.sources has downloaded a newer copy beside the
layer store, that copy (`current_copy`) — columns ``indic_id, enforce_zone_id, metric_enforce_date, maille,
indic_vi, indic_va, indic_vc, indic_ta``:

- ``indic_va`` is a measured value at ``metric_enforce_date``;
- ``indic_vi`` the initial value (the reference the target was set from);
- ``indic_vc`` the target value, on the target's date;
- ``indic_ta`` the official progress rate (%), on the last measured date.

Zones are the baromètre's ids: "FRANCE", "R53" (région), "D29" (département).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import yaml

from geo import reference, texts, zones
from geo.store import default_store_dir

NATIONAL = zones.NATIONAL
# The date of the snapshot shipped in data/barometre (data/SOURCES.md).
SHIPPED_DATE = dt.date(2024, 10, 17)


def _worded(table: dict[str, str], key: str) -> property:
    """A property that reads the object's wording from a table of geo.texts (UI strings live there), by `key`."""
    return property(lambda self: table[getattr(self, key)])


@dataclass(frozen=True)
class Indicator:
    """An indicator of the baromètre that the app follows."""

    id: str
    key: str
    percent: bool
    primary: bool

    label = _worded(texts.COUV_INDICATOR_LABELS, "id")
    short = _worded(texts.COUV_INDICATOR_SHORT, "id")

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

    label = _worded(texts.COUV_SCHEDULE_LABELS, "key")
    source = _worded(texts.COUV_SCHEDULE_SOURCES, "key")

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
    """The shipped snapshot."""
    return (data_dir or reference.DATA_DIR) / "barometre"


def saved_dir() -> Path:
    """Where geo.sources saves the downloaded baromètre: beside the layer store (CARTE_STORE_DIR)."""
    return default_store_dir() / "barometre"


def current_copy(name: str, data_dir: Path | None = None) -> Path:
    """The file the app's series come from: the last saved download, else the shipped snapshot.

    An explicit `data_dir` names the data to read (tests, scripts): no download is looked for.
    """
    if data_dir is None and (saved := saved_dir() / name).is_file():
        return saved
    return barometre_dir(data_dir) / name


def _version(path: Path) -> tuple[Path, int, int]:
    """A cache key that changes when the file is replaced (a new download is written in one step, os.replace)."""
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


def indicator_version(ind_id: str, data_dir: Path | None = None) -> tuple[Path, int, int]:
    """The version of an indicator's current file: what is computed from it is cached on it, so a new download
    is seen at the next run, in every session."""
    return _version(current_copy(INDICATORS[ind_id].file, data_dir))


def series_version(data_dir: Path | None = None) -> str:
    """One key for every indicator's current file (cross-session caches of figures built from several)."""
    return "|".join(f"{path.name}:{mtime}:{size}" for path, mtime, size in
                    (indicator_version(ind_id, data_dir) for ind_id in INDICATORS))


def source_date(data_dir: Path | None = None) -> dt.date:
    """The date of the series the app shows: the newest downloaded file's, else the shipped snapshot's."""
    copies = [current_copy(ind.file, data_dir) for ind in INDICATORS.values()]
    downloaded = [path.stat().st_mtime for path in copies if path.parent != barometre_dir(data_dir)]
    return dt.date.fromtimestamp(max(downloaded)) if downloaded else SHIPPED_DATE


def source_caption(data_dir: Path | None = None) -> str:
    """'Source : Baromètre … extraction du 17/10/2024, Licence Ouverte', dated by `source_date`."""
    return texts.COUV_SOURCE_DATED.format(date=texts.fmt_date(source_date(data_dir)))


def load_indicator(ind_id: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One indicator's rows: zone, date, maille, initial, value, target, rate.

    Rows without a date (a few empty regional rows) are dropped; dates are
    the baromètre's month stamps (datetime64, first of the month). Read from
    `current_copy`, cached until that file changes.
    """
    return _read_indicator(*indicator_version(ind_id, data_dir))


@lru_cache(maxsize=16)
def _read_indicator(path: Path, mtime_ns: int, size: int) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype={"enforce_zone_id": str})
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
def _by_zone(path: Path, mtime_ns: int, size: int) -> dict[str, tuple[Row, ...]]:
    """Zone -> its rows in date order, as plain tuples (pandas is slow on 101 tiny frames)."""
    frame = _read_indicator(path, mtime_ns, size)
    out: dict[str, list[Row]] = {}
    for zone, date, initial, value, target, rate in zip(
        frame["zone"], frame["date"], frame["initial"], frame["value"], frame["target"], frame["rate"], strict=True
    ):
        out.setdefault(zone, []).append(Row(date.date(), float(initial), float(value), float(target), float(rate)))
    return {zone: tuple(rows) for zone, rows in out.items()}


def zone_rows(ind_id: str, zone: str, data_dir: Path | None = None) -> tuple[Row, ...]:
    """The rows of one zone in date order (empty when the zone is absent)."""
    return _by_zone(*indicator_version(ind_id, data_dir)).get(zone, ())


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
        names[zones.region_id(row.code)] = row.nom
    for row in reference.load_departements(data_dir).itertuples():
        names[zones.departement_id(row.code)] = row.nom
    return names


def zone_name(zone: str) -> str:
    return zone_names().get(zone, zone)


def zone_title(zone: str) -> str:
    """'Finistère (29)', 'Région Bretagne', 'France'."""
    level = zones.level_of(zone)
    if level == "departement":
        return f"{zone_name(zone)} ({zones.departement_code(zone)})"
    if level == "region":
        return f"{texts.COUV_REGION} {zone_name(zone)}"
    return zone_name(zone)


@lru_cache(maxsize=2)
def region_of_departement(data_dir: Path | None = None) -> dict[str, str]:
    """'D29' -> 'R53'."""
    deps = reference.load_departements(data_dir)
    return {zones.departement_id(row.code): zones.region_id(row.region) for row in deps.itertuples()}


def comparison_zones(zone: str) -> list[str]:
    """The zone, then its région (for a département), then France — each once."""
    out = [zone]
    if zone in region_of_departement():
        out.append(region_of_departement()[zone])
    if zone != NATIONAL:
        out.append(NATIONAL)
    return out

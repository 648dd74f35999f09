"""The fiche territoire: a commune, an EPCI or a CPTS beside its département, its région and France.

Two kinds of figures, never mixed in one row: those the app computes from the
loaded layers (population, area, mapped structures, distances) and the
official ones (Baromètre des résultats). A figure that does not exist at a
level says why (texts.FICHE_NA_*), it is never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo import barometer, reference, texts
from geo.access.nearest import THRESHOLDS_KM, Access, crs_of_departement, summarize, used_count
from geo.completeness import Completeness
from geo.excel_csv import Provenance
from geo.indicators import coverage

KINDS = ("commune", "epci", "cpts")
LEVELS = ("territory", "departement", "region", "france")


@dataclass(frozen=True)
class Territory:
    kind: str  # one of KINDS
    code: str
    name: str
    dep: str
    communes: tuple[str, ...]  # INSEE codes of its communes (in the département's data)


@dataclass(frozen=True)
class Layers:
    """What one département's figures are computed from (one data version)."""

    dep: str
    communes: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    cpts_table: pd.DataFrame
    members: pd.DataFrame
    access: pd.DataFrame  # geo.access.nearest.access_table

    def used(self, topic: str) -> int:
        return used_count(self.structures, topic)


def departement_of_commune(code: str) -> str:
    """'29232' -> '29', '97411' -> '974', '2A004' -> '2A'."""
    return code[:3] if code.startswith("97") else code[:2]


def locate(kind: str, code: str, deps: Sequence[str], layers_of: Callable[[str], Layers]) -> Territory | None:
    """The territory a link names (?commune=29232, ?epci=SIREN, ?cpts=ID), or None when unknown."""
    code = code.strip()
    if kind == "commune":
        dep = departement_of_commune(code)
        candidates = [dep] if dep in deps else []
    else:
        candidates = list(deps)
    for dep in candidates:
        data = layers_of(dep)
        if kind == "commune":
            rows = data.communes[data.communes["code"] == code]
            name = rows["nom"].iloc[0] if len(rows) else ""
        elif kind == "epci":
            rows = data.communes[data.communes["epci_code"] == code]
            name = rows["epci_nom"].iloc[0] if len(rows) else ""
        elif kind == "cpts":
            found = data.cpts_table[data.cpts_table["id"] == code]
            rows = data.communes[data.communes["code"].isin(set(data.members.loc[data.members["cpts_id"] == code,
                                                                                    "commune_code"]))]
            name = found["name"].iloc[0] if len(found) else ""
        else:
            return None
        if name:
            return Territory(kind, code, str(name), dep, tuple(rows["code"]))
    return None


@dataclass(frozen=True)
class Level:
    """One column of the comparison: a set of communes (None when not loaded) and its baromètre zone."""

    key: str
    title: str
    zone: str | None
    communes: pd.DataFrame | None = None
    access: pd.DataFrame | None = None
    used: dict[str, int] = field(default_factory=dict)
    cpts: tuple[pd.DataFrame, pd.DataFrame] | None = None
    na_reason: str = ""  # why the computed figures are missing


def levels(territory: Territory, layers_of: Callable[[str], Layers], region: str, region_deps: Sequence[str],
           deps: Sequence[str]) -> list[Level]:
    """The territory, its département, its région (computed only when every département of it is loaded
    with structures and CPTS) and France (official figures only: its communes are not loaded)."""
    own = layers_of(territory.dep)
    inside = own.communes["code"].isin(set(territory.communes))
    used = {t: own.used(t) for t in ("msp", "cds")}
    cpts = (own.cpts_table, own.members)
    out = [
        Level("territory", territory.name, None, own.communes[inside], own.access[inside.to_numpy()], used, cpts),
        Level("departement", barometer.zone_title(f"D{territory.dep}"), f"D{territory.dep}", own.communes,
              own.access, used, cpts),
    ]
    title = barometer.zone_title(f"R{region}")
    if not set(region_deps) <= set(deps):
        out.append(Level("region", title, f"R{region}", na_reason=texts.FICHE_NA_REGION_COMMUNES))
    else:
        parts = [layers_of(d) for d in region_deps]
        if not all(p.used("msp") and len(p.cpts_table) for p in parts):
            out.append(Level("region", title, f"R{region}",
                             communes=pd.concat([p.communes for p in parts], ignore_index=True),
                             na_reason=texts.FICHE_NA_REGION_LAYERS))
        else:
            out.append(Level("region", title, f"R{region}",
                             pd.concat([p.communes for p in parts], ignore_index=True),
                             pd.concat([p.access for p in parts], ignore_index=True),
                             {t: sum(p.used(t) for p in parts) for t in ("msp", "cds")},
                             (pd.concat([p.cpts_table for p in parts]), pd.concat([p.members for p in parts]))))
    out.append(Level("france", texts.FICHE_FRANCE, barometer.NATIONAL, na_reason=texts.FICHE_NA_FRANCE))
    return out


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[str, ...]  # one per level, texts.FICHE_NA when missing
    source: str


def _population_rows(lv: list[Level]) -> list[Row]:
    def per(fn: Callable[[pd.DataFrame], str]) -> tuple[str, ...]:
        return tuple(fn(level.communes) if level.communes is not None else texts.FICHE_NA for level in lv)

    return [
        Row(texts.FICHE_ROW_POPULATION, per(lambda c: texts.fmt_int(c["population"].sum())),
            texts.FICHE_SRC_POPULATION),
        Row(texts.FICHE_ROW_AREA, per(lambda c: texts.fmt_dec(c["surface_km2"].sum(), 0) + texts.FICHE_KM2),
            texts.FICHE_SRC_AREA),
        Row(texts.FICHE_ROW_DENSITY,
            per(lambda c: texts.fmt_dec(c["population"].sum() / c["surface_km2"].sum(), 0) + texts.FICHE_DENSITY_UNIT),
            texts.FICHE_SRC_AREA),
    ]


def _computed(lv: list[Level], fn: Callable[[Level], str]) -> tuple[str, ...]:
    return tuple(fn(level) if level.access is not None else texts.FICHE_NA for level in lv)


def _official(lv: list[Level], ind_id: str) -> tuple[tuple[str, ...], str]:
    """The baromètre's last value per level (territory: not published) and the source with its dates."""
    values: list[str] = []
    dates: set[dt.date] = set()
    for level in lv:
        s = barometer.standing(ind_id, level.zone) if level.zone else None
        if s is None or not s.has_data or s.last_date is None:
            values.append(texts.FICHE_NA)
            continue
        values.append(barometer.INDICATORS[ind_id].fmt(s.last_value))
        dates.add(s.last_date)
    when = ", ".join(texts.fmt_month(d) for d in sorted(dates))
    return tuple(values), texts.FICHE_SRC_BAROMETRE.format(ind=ind_id, dates=when)


def _access_rows(lv: list[Level], topic: str, caveat: str) -> list[Row]:
    def access(level: Level) -> Access:
        assert level.access is not None
        return summarize(level.access, topic, level.used.get(topic, 0))

    def mean(level: Level) -> str:
        a = access(level)
        return texts.fmt_km(a.mean_m) if a.computable else texts.FICHE_NO_TARGET

    def beyond(km: int) -> Callable[[Level], str]:
        def text(level: Level) -> str:
            a = access(level)
            if not a.computable:
                return texts.FICHE_NO_TARGET
            return f"{texts.fmt_int(a.beyond[km])} ({texts.fmt_pct(a.beyond_pct(km))})"
        return text

    labels = texts.FICHE_ACCESS_LABELS[topic]
    source = f"{texts.FICHE_SRC_ACCESS} {caveat}".strip()
    rows = [Row(labels["mean"], _computed(lv, mean), source)]
    rows += [Row(labels["beyond"].format(km=km), _computed(lv, beyond(km)), source) for km in THRESHOLDS_KM]
    return rows


def _share_in_cpts(level: Level) -> str:
    assert level.cpts is not None and level.communes is not None
    return texts.fmt_pct(coverage(level.cpts[1], level.communes).pct)


def comparison_rows(lv: list[Level], territory_layers: Layers, caveats: dict[str, str]) -> list[Row]:
    """Every row of the comparison table, computed and official apart, each with its source."""
    from geo.access.nearest import open_targets
    from geo.structures import structure_count

    inside = set(lv[0].communes["code"]) if lv[0].communes is not None else set()

    def mapped(topic: str) -> Callable[[Level], str]:
        def count(level: Level) -> str:
            if level.key == "territory":
                targets = open_targets(territory_layers.structures, topic)
                return texts.fmt_int(structure_count(targets[targets["commune_code"].isin(inside)]["name"]))
            return texts.fmt_int(level.used.get(topic, 0))
        return count

    rows = _population_rows(lv)
    def sourced(text: str, topic: str) -> str:
        return f"{text} {caveats[topic]}".strip()

    rows.append(Row(texts.FICHE_ROW_CPTS_MAPPED, _computed(lv, _share_in_cpts), sourced(texts.FICHE_SRC_CPTS, "cpts")))
    values, source = _official(lv, "IND-589")
    rows.append(Row(texts.FICHE_ROW_CPTS_OFFICIAL, values, source))
    rows.append(Row(texts.FICHE_ROW_MSP_MAPPED, _computed(lv, mapped("msp")), sourced(texts.FICHE_SRC_MAPPED, "msp")))
    values, source = _official(lv, "IND-311")
    rows.append(Row(texts.FICHE_ROW_MSP_OFFICIAL, values, source))
    rows.append(Row(texts.FICHE_ROW_CDS_MAPPED, _computed(lv, mapped("cds")), sourced(texts.FICHE_SRC_MAPPED, "cds")))
    values, source = _official(lv, "IND-318")
    rows.append(Row(texts.FICHE_ROW_CDS_OFFICIAL, values, source))
    rows += _access_rows(lv, "msp", caveats["msp"]) + _access_rows(lv, "cds", caveats["cds"])
    return rows


def comparison_table(lv: list[Level], rows: list[Row]) -> pd.DataFrame:
    """The rows as a table: indicator, one column per level, source and date."""
    data = {texts.FICHE_COL_INDICATOR: [r.label for r in rows]}
    for i, level in enumerate(lv):
        data[level.title] = [r.values[i] for r in rows]
    data[texts.FICHE_COL_SOURCE] = [r.source for r in rows]
    return pd.DataFrame(data)


def na_notes(lv: list[Level]) -> list[str]:
    """Why a level has no computed figures, once per level."""
    return [texts.FICHE_NA_NOTE.format(level=level.title, reason=level.na_reason) for level in lv if level.na_reason]


def caveats_of(completeness_rows: list[Completeness], layers: Layers) -> dict[str, str]:
    """'calculé sur 4 MSP cartographiées sur 39' per topic, where fewer are mapped than declared; '' otherwise."""
    out = {"msp": "", "cds": "", "cpts": ""}
    for row in completeness_rows:
        used = layers.used(row.topic) if row.topic in ("msp", "cds") else row.mapped
        if row.declared and used < row.declared:
            out[row.topic] = texts.FICHE_CAVEAT[row.topic].format(used=texts.fmt_int(used),
                                                                  declared=texts.fmt_int(row.declared))
    return out


def structures_around(territory: Territory, layers: Layers, radius_km: int = 10) -> pd.DataFrame:
    """Structures by kind and status: inside the territory, and within `radius_km` of its border."""
    crs = crs_of_departement(territory.dep)
    shape = layers.communes[layers.communes["code"].isin(set(territory.communes))].to_crs(crs).union_all()
    points = layers.structures.to_crs(crs)
    inside = layers.structures["commune_code"].isin(set(territory.communes)).to_numpy()
    near = (~inside) & (points.distance(shape).to_numpy() <= radius_km * 1000)
    kinds, statuses = layers.structures["kind"], layers.structures["status"]
    frame = pd.DataFrame({
        texts.FICHE_COL_KIND: kinds.map(texts.KIND_LABELS).fillna(kinds),
        texts.FICHE_COL_STATUS: statuses.map(texts.STATUS_LABELS).fillna(statuses),
        texts.FICHE_COL_INSIDE: inside.astype(int),
        texts.FICHE_COL_NEAR.format(km=radius_km): near.astype(int),
    })
    frame = frame[inside | near]
    if frame.empty:
        return frame
    keys = [texts.FICHE_COL_KIND, texts.FICHE_COL_STATUS]
    return frame.groupby(keys, as_index=False).sum().sort_values(keys).reset_index(drop=True)


def cpts_membership(territory: Territory, layers: Layers) -> pd.DataFrame:
    """The CPTS touching the territory: name, status, share of the territory's population inside it."""
    communes = layers.communes[layers.communes["code"].isin(set(territory.communes))]
    total = float(communes["population"].sum())
    joined = layers.members[layers.members["commune_code"].isin(set(territory.communes))].merge(
        communes[["code", "population"]], left_on="commune_code", right_on="code")
    if joined.empty:
        return pd.DataFrame(columns=[texts.FICHE_COL_CPTS, texts.FICHE_COL_STATUS, texts.FICHE_COL_SHARE])
    pop = joined.groupby("cpts_id")["population"].sum()
    table = layers.cpts_table.set_index("id").loc[pop.index]
    return pd.DataFrame({
        texts.FICHE_COL_CPTS: table["name"].to_numpy(),
        texts.FICHE_COL_STATUS: [texts.CPTS_STATUS_LABELS.get(s, s or texts.CPTS_STATUS_LABELS["inconnu"])
                                 + (f" ({texts.fmt_date(d)})" if d else "")
                                 for s, d in zip(table["status"], table["status_date"], strict=False)],
        texts.FICHE_COL_SHARE: [texts.fmt_pct(100 * p / total) if total else texts.FICHE_NA for p in pop.to_numpy()],
    })



def access_overview(parts: list[tuple[str, pd.DataFrame]], used: dict[str, int]) -> pd.DataFrame:
    """One row per (title, access table): for MSP then centres de santé, the population-weighted mean distance
    and the population beyond each threshold (with its share)."""
    rows = []
    for title, table in parts:
        row = {texts.ACCESS_COL_TERRITORY: title}
        for topic in ("msp", "cds"):
            a = summarize(table, topic, used.get(topic, 0))
            row[texts.ACCESS_COLUMNS[topic]["mean"]] = texts.fmt_km(a.mean_m) if a.computable else texts.FICHE_NO_TARGET
            for km in THRESHOLDS_KM:
                row[texts.ACCESS_COLUMNS[topic]["beyond"].format(km=km)] = (
                    f"{texts.fmt_int(a.beyond[km])} ({texts.fmt_pct(a.beyond_pct(km))})" if a.computable
                    else texts.FICHE_NO_TARGET)
        rows.append(row)
    return pd.DataFrame(rows)


def region_of(dep: str) -> tuple[str, list[str]]:
    """The région of a département and all its départements."""
    deps = reference.load_departements()
    region = deps.loc[deps["code"] == dep, "region"].iloc[0]
    return str(region), sorted(deps.loc[deps["region"] == region, "code"])


def provenance(territory: str, criterion: str = "", scenario: str = "") -> Provenance:
    """A CSV's source, date and filters, written above its table."""
    filters = [(texts.CSV_FILTER_TERRITORY, territory)]
    filters += [(texts.CSV_FILTER_CRITERION, texts.GAPS_CRITERIA[criterion])] if criterion else []
    filters += [(texts.CSV_FILTER_SCENARIO, scenario)] if scenario else []
    return Provenance(texts.CSV_FICHE_SOURCE, dt.date.today(), tuple(filters))


def commune_names(data: Layers) -> dict[str, str]:
    """Code -> 'Nom (code)', for the choosers (two communes may share a name)."""
    return dict(zip(data.communes["code"], data.communes["nom"] + " (" + data.communes["code"] + ")", strict=True))

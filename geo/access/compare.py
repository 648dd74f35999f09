"""Current state and scenario side by side: access, CPTS coverage, progress toward 4 000 MSP / 100 % CPTS.

The MSP counts toward the targets are the baromètre's official ones plus the
scenario's hypothetical MSP; the coverage is computed on the mapped CPTS
perimeters (the official rate cannot be recomputed commune by commune).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from geo import barometer, texts
from geo.access.nearest import Access, access_table, summarize, used_count
from geo.access.scenario import Scenario, with_cpts_changes, with_hypothetical_msp
from geo.indicators import coverage


@dataclass(frozen=True)
class State:
    access: Access  # MSP access over the département's communes
    coverage_pct: float  # population in a mapped CPTS (%)
    msp_dep: float  # official count + hypothetical MSP
    msp_fr: float


@dataclass(frozen=True)
class Targets:
    dep: str
    msp_dep: float
    msp_dep_target: float
    msp_fr: float
    msp_fr_target: float
    as_of: str  # date of the official counts

    @classmethod
    def of(cls, dep: str) -> Targets:
        local, national = barometer.standing("IND-311", f"D{dep}"), barometer.standing("IND-311", barometer.NATIONAL)
        return cls(dep, local.last_value, local.target_value, national.last_value, national.target_value,
                   texts.fmt_month(national.last_date))


def state(communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, members: pd.DataFrame, dep: str,
          targets: Targets, added: int = 0, access: pd.DataFrame | None = None) -> State:
    table = access if access is not None else access_table(communes, structures, dep)
    return State(summarize(table, "msp", used_count(structures, "msp")), coverage(members, communes).pct,
                 targets.msp_dep + added, targets.msp_fr + added)


def current_and_scenario(communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, cpts_table: pd.DataFrame,
                         members: pd.DataFrame, dep: str, scenario: Scenario,
                         access: pd.DataFrame | None = None) -> tuple[State, State]:
    """Both states; `access` (the cached current access table) spares recomputing the current one."""
    targets = Targets.of(dep)
    now = state(communes, structures, members, dep, targets, 0, access)
    _, new_members = with_cpts_changes(cpts_table, members, scenario)
    hypothetical = with_hypothetical_msp(structures, communes, scenario)
    added = len(set(scenario.msp) & set(communes["code"]))
    return now, state(communes, hypothetical, new_members, dep, targets, added)


def _values(s: State) -> dict[str, str]:
    def beyond(km: int) -> str:
        if not s.access.computable:
            return texts.FICHE_NO_TARGET
        return f"{texts.fmt_int(s.access.beyond[km])} ({texts.fmt_pct(s.access.beyond_pct(km))})"

    return {
        "msp_mean": texts.fmt_km(s.access.mean_m) if s.access.computable else texts.FICHE_NO_TARGET,
        "msp_10": beyond(10), "msp_20": beyond(20), "cpts_cov": texts.fmt_pct(s.coverage_pct),
        "msp_dep": texts.fmt_int(s.msp_dep), "msp_fr": texts.fmt_int(s.msp_fr),
    }


def comparison_table(now: State, then: State, dep_title: str) -> pd.DataFrame:
    """Indicator, current, scenario — the scenario's column named « Scénario — non officiel »."""
    a, b = _values(now), _values(then)
    return pd.DataFrame({
        texts.SCENARIO_COL_FIGURE.format(dep=dep_title): list(texts.SCENARIO_ROWS.values()),
        texts.SCENARIO_COL_CURRENT: [a[k] for k in texts.SCENARIO_ROWS],
        texts.SCENARIO_COL_SCENARIO: [b[k] for k in texts.SCENARIO_ROWS],
    })


def export_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison for a CSV file: every line says it is a scenario, so a copied line still does."""
    return table.assign(**{texts.SCENARIO_EXPORT_COLUMN: texts.SCENARIO_LABEL})


def _share(value: float, target: float) -> float:
    return 100.0 * value / target if target and not math.isnan(target) else float("nan")


def progress_shares(s: State, targets: Targets) -> list[float]:
    """Share of each target reached (%): MSP of the département, MSP of France, CPTS coverage."""
    return [_share(s.msp_dep, targets.msp_dep_target), _share(s.msp_fr, targets.msp_fr_target), s.coverage_pct]


def progress_figure(now: State, then: State, dep: str, dep_title: str) -> go.Figure:
    """Grouped bars, current and scenario, toward each target; the title and the bars name the scenario."""
    targets = Targets.of(dep)
    bars = texts.SCENARIO_CHART_BARS
    labels = [bars["msp_dep"].format(dep=dep_title, target=texts.fmt_int(targets.msp_dep_target)),
              bars["msp_fr"].format(target=texts.fmt_int(targets.msp_fr_target)),
              bars["cpts_dep"].format(dep=dep_title)]
    fig = go.Figure()
    for name, s, color in ((texts.SCENARIO_COL_CURRENT, now, "#000091"),
                           (texts.SCENARIO_COL_SCENARIO, then, "#e4007c")):
        shares = progress_shares(s, targets)
        fig.add_trace(go.Bar(y=labels, x=shares, name=name, orientation="h", marker_color=color,
                             text=[texts.fmt_pct(v) for v in shares], textposition="outside"))
    fig.update_layout(
        title=dict(text=texts.SCENARIO_CHART_TITLE, font=dict(size=16)), barmode="group", height=380,
        xaxis=dict(title=texts.SCENARIO_CHART_AXIS, range=[0, 115], ticksuffix=" %"),
        yaxis=dict(autorange="reversed"), legend=dict(orientation="h", y=-0.22), margin=dict(l=20, r=20, t=60, b=110),
        separators=", ",
        annotations=[dict(text=texts.SCENARIO_CHART_SOURCE.format(date=targets.as_of), showarrow=False,
                          xref="paper", yref="paper", x=0, y=-0.5, xanchor="left", font=dict(size=11))],
    )
    return fig

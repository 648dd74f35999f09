"""The trajectory chart: a zone's series, its target, the pace it needs and the pace it keeps, projected.

Every chart has a table (``*_table``) with the same figures, for the CSV export.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go

from geo import barometer, indicators, texts
from geo.barometer import Trajectory
from geo.charts.style import (
    BLUE,
    GREY,
    HORIZON,
    ORANGE,
    RED,
    base_layout,
    pace_text,
    schedule_note,
    size,
    source_text,
    with_source,
)


def projection_end(traj: Trajectory) -> tuple[dt.date, float] | None:
    """Where the drawn projection stops: at the target when reached by the horizon, else at the horizon."""
    s, pace = traj.standing, traj.observed
    if pace is None or not s.has_data or s.last_date is None or math.isnan(pace.per_year) or s.reached:
        return None
    end = traj.projected if traj.projected is not None and traj.projected <= HORIZON else HORIZON
    value = s.last_value + pace.per_year * indicators.years_between(s.last_date, end)
    return end, value


def outcome_text(traj: Trajectory) -> str:
    """'À ce rythme, objectif atteint en 2030' / 'non atteint en 2030' / 'déjà atteint'."""
    s = traj.standing
    if s.reached:
        return texts.COUV_PROJ_DONE.format(date=texts.fmt_month(s.last_date))
    if traj.reached_year is not None:
        return texts.COUV_PROJ_REACHED.format(year=traj.reached_year)
    return texts.COUV_PROJ_NOT_REACHED.format(year=indicators.HORIZON_YEAR)


def trajectory_table(traj: Trajectory, territory: str) -> pd.DataFrame:
    """The figures of a trajectory chart, one row a point (for the CSV export)."""
    ind = barometer.INDICATORS[traj.standing.indicator]
    s = traj.standing
    obs = barometer.observations(s.indicator, s.zone)
    rows = [(d.date(), v, k, texts.COUV_TRACE_OBSERVED) for d, v, k in zip(obs["date"], obs["value"], obs["kind"], strict=True)]
    if s.has_target and traj.target_date:
        rows.append((traj.target_date, s.target_value, "objectif", texts.COUV_TRACE_TARGET))
        if s.has_data and not s.reached:
            rows.append((s.last_date, s.last_value, "rythme_necessaire", texts.COUV_TRACE_REQUIRED))
            rows.append((traj.target_date, s.target_value, "rythme_necessaire", texts.COUV_TRACE_REQUIRED))
    end = projection_end(traj)
    if end is not None:
        rows.append((s.last_date, s.last_value, "rythme_observe", texts.COUV_TRACE_PROJECTION))
        rows.append((end[0], round(end[1], 2), "rythme_observe", texts.COUV_TRACE_PROJECTION))
    cols = texts.COUV_CSV_COLUMNS
    return pd.DataFrame({
        cols["territory"]: territory,
        cols["zone"]: s.zone,
        cols["indicator"]: f"{ind.id} {ind.label}",
        cols["date"]: [r[0] for r in rows],
        cols["value"]: [float(r[1]) for r in rows],
        cols["kind"]: [texts.COUV_KIND_LABELS[r[2]] for r in rows],
    })


def trajectory_figure(traj: Trajectory, territory: str, height: int = 440, presenting: bool = False) -> go.Figure:
    """The series with its target, the required pace (straight line) and the observed pace projected.

    `presenting`: larger fonts, markers and margins for a shared screen (presentation mode).
    """
    def z(px: float) -> int:
        return size(px, presenting)

    s = traj.standing
    ind = barometer.INDICATORS[s.indicator]
    obs = barometer.observations(s.indicator, s.zone)
    fig = go.Figure()
    hover = [texts.COUV_HOVER_POINT.format(territory=territory, date=texts.fmt_month(d), value=ind.fmt(v))
             + ("<br>" + texts.COUV_TRACE_INITIAL if k == "initiale" else "")
             for d, v, k in zip(obs["date"], obs["value"], obs["kind"], strict=True)]
    fig.add_trace(go.Scatter(
        x=obs["date"], y=obs["value"], mode="lines+markers", name=texts.COUV_TRACE_OBSERVED,
        line=dict(color=BLUE, width=3), marker=dict(size=z(7), color=BLUE),
        hovertext=hover, hoverinfo="text",
    ))
    if s.has_target and traj.target_date:
        due = pd.Timestamp(traj.target_date)
        fig.add_trace(go.Scatter(
            x=[due], y=[s.target_value], mode="markers+text", name=texts.COUV_TRACE_TARGET,
            marker=dict(symbol="diamond", size=z(13), color=RED), text=[f"{ind.fmt(s.target_value)}"],
            textposition="top center", textfont=dict(color=RED, size=z(13)),
            hovertext=[texts.COUV_HOVER_TARGET.format(date=texts.fmt_month(traj.target_date), value=ind.fmt(s.target_value))],
            hoverinfo="text",
        ))
        if s.has_data and not s.reached:
            fig.add_trace(go.Scatter(
                x=[pd.Timestamp(s.last_date), due], y=[s.last_value, s.target_value], mode="lines",
                name=texts.COUV_TRACE_REQUIRED, line=dict(color=RED, width=2, dash="dash"),
                hovertext=[texts.COUV_HOVER_REQUIRED.format(pace=pace_text(ind, traj.required))] * 2, hoverinfo="text",
            ))
    end, observed = projection_end(traj), traj.observed
    if end is not None and observed is not None:  # projection_end is None without an observed pace
        label = outcome_text(traj).replace("**", "")
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(s.last_date), pd.Timestamp(end[0])], y=[s.last_value, end[1]], mode="lines",
            name=texts.COUV_TRACE_PROJECTION,
            line=dict(color=ORANGE, width=2.5, dash="dot"),
            hovertext=[texts.COUV_HOVER_PROJECTION.format(pace=pace_text(ind, observed.per_year)) + "<br>" + label] * 2,
            hoverinfo="text",
        ))
    start_year = int(obs["date"].min().year) if len(obs) else 2017
    base_layout(fig, texts.COUV_TRAJ_TITLE.format(label=ind.label), height, presenting)
    top = max([v for v in [obs["value"].max() if len(obs) else 0, s.target_value, end[1] if end else 0] if not pd.isna(v)])
    fig.update_xaxes(
        tickformat="%Y", dtick="M24" if presenting else "M12", tickangle=0, tickfont=dict(size=z(12)), showgrid=True, gridcolor="#eeeeee",
        range=[pd.Timestamp(start_year, 1, 1) - pd.Timedelta(days=60), pd.Timestamp(indicators.HORIZON_YEAR, 12, 31)],
    )
    percent_ticks = [0, 20, 40, 60, 80, 100]
    fig.update_yaxes(
        rangemode="tozero", showgrid=True, gridcolor="#eeeeee", tickfont=dict(size=z(12)),
        range=[0, 112] if ind.percent else [0, top * 1.18 if top else 1],
        tickvals=percent_ticks if ind.percent else None,
        ticktext=[texts.fmt_pct(t, 0) for t in percent_ticks] if ind.percent else None,
        tickformat=None if ind.percent else ",~g",  # '4 000' with the figure's French separators
    )
    # Two entries a row, each half the plot wide: a PNG export draws the legend in Arial, wider than the
    # page's Source Sans, and an entry sized for the page's font was cut in the image.
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, font=dict(size=z(12)),
                                  entrywidth=0.5, entrywidthmode="fraction"),
                      hovermode="closest", margin=dict(l=z(55), r=z(15), t=z(120), b=z(80)))
    # The outcome goes under the title: a label on the plot collided with the target or the dashed line.
    outcome = outcome_text(traj).replace("**", "") if s.reached or traj.observed is not None else ""
    subtitle = texts.COUV_TRAJ_SUBTITLE.format(territory=texts.esc(territory), outcome=f"<b>{outcome}</b>")
    fig.update_layout(title=dict(y=0.97, yanchor="top", subtitle=dict(
        text=subtitle if outcome else texts.esc(territory), font=dict(size=z(13), color=ORANGE if outcome else GREY))))
    last = texts.fmt_month(s.last_date) if s.has_data else "–"
    notes = [texts.COUV_SOURCE_LAST.format(date=last), schedule_note(traj.schedule, [ind.id])]
    return with_source(fig, source_text([ind.id], *notes), axis=30, presenting=presenting)

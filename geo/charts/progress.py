"""Progress charts: one bullet per indicator for a zone, and the zone beside its région and France.

Every chart has a table (``*_table``) with the same figures, for the CSV export.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from geo import barometer, texts
from geo.barometer import Trajectory
from geo.charts.style import BLUE, GREY, ZONE_COLORS, base_layout, schedule_note, size, source_text, with_source


def bullet_table(trajs: list[Trajectory], territory: str) -> pd.DataFrame:
    cols = texts.COUV_BULLET_COLUMNS
    return pd.DataFrame([{
        cols["territory"]: territory,
        cols["indicator"]: f"{t.standing.indicator} {barometer.INDICATORS[t.standing.indicator].label}",
        cols["last_value"]: t.standing.last_value,
        cols["last_date"]: t.standing.last_date,
        cols["initial_value"]: t.standing.initial_value,
        cols["target_value"]: t.standing.target_value,
        cols["target_date"]: t.target_date,
        cols["rate"]: t.standing.rate,
        cols["expected_rate"]: round(t.expected_rate, 2) if not math.isnan(t.expected_rate) else float("nan"),
    } for t in trajs])


def bullet_figure(trajs: list[Trajectory], territory: str, presenting: bool = False) -> go.Figure:
    """One bullet per indicator: the official progress rate, and a tick where a straight line would be.

    `presenting`: larger fonts and rows for a shared screen (presentation mode).
    """
    def z(px: float) -> int:
        return size(px, presenting)

    fig = go.Figure()
    n = len(trajs)
    for i, t in enumerate(trajs):
        ind = barometer.INDICATORS[t.standing.indicator]
        top = 1 - i / n
        rate = t.standing.rate
        fig.add_trace(go.Indicator(
            mode="number+gauge", value=None if math.isnan(rate) else rate,
            number=dict(suffix=texts.NBSP + "%", valueformat=".1f", font=dict(size=28 if presenting else 22, color=BLUE)),
            title=dict(text=f"<b>{ind.short}</b><br><span style='font-size:{z(11)}px;color:{GREY}'>"
                            f"{ind.fmt(t.standing.last_value)} → {ind.fmt(t.standing.target_value)}</span>",
                       font=dict(size=z(13))),
            # the title sits left of the domain, the number in its right quarter: larger fonts need both wider
            domain=dict(x=[0.32, 1.0] if presenting else [0.25, 0.9], y=[top - 1 / n + 0.08, top - 0.08]),
            gauge=dict(
                shape="bullet", axis=dict(range=[0, 100], ticksuffix=" %", dtick=25, tickfont=dict(size=z(12))),
                bar=dict(color=BLUE, thickness=0.5),
                steps=[dict(range=[0, 100], color="#ececfe")],
                threshold=dict(line=dict(color="#161616", width=3), thickness=0.9,
                               value=0 if math.isnan(t.expected_rate) else t.expected_rate),
            ),
        ))
    base_layout(fig, texts.COUV_BULLET_TITLE.format(territory=territory), 90 * n + 130, presenting)
    fig.update_layout(margin=dict(l=z(20), r=z(20), t=z(60), b=z(80)))
    ids = [t.standing.indicator for t in trajs]
    notes = [texts.COUV_BULLET_NOTE_SHORT, schedule_note(trajs[0].schedule, ids) if trajs else ""]
    return with_source(fig, source_text(ids, *notes), bottom=80, presenting=presenting)


# --- Comparison -------------------------------------------------------------------


def comparison_table(zones: list[str], ind_ids: list[str]) -> pd.DataFrame:
    cols = texts.COUV_BULLET_COLUMNS
    rows = []
    for ind_id in ind_ids:
        ind = barometer.INDICATORS[ind_id]
        for zone in zones:
            s = barometer.standing(ind_id, zone)
            rows.append({
                cols["territory"]: barometer.zone_title(zone),
                cols["indicator"]: f"{ind.id} {ind.label}",
                cols["last_value"]: s.last_value,
                cols["last_date"]: s.last_date,
                cols["initial_value"]: s.initial_value,
                cols["target_value"]: s.target_value,
                cols["target_date"]: s.target_date,
                cols["rate"]: s.rate,
            })
    return pd.DataFrame(rows)


def comparison_figure(zones: list[str], ind_ids: list[str], territory: str, presenting: bool = False) -> go.Figure:
    """Progress rates of the zone, its région and France, side by side for each indicator.

    `presenting`: larger fonts and bars for a shared screen (presentation mode).
    """
    def z(px: float) -> int:
        return size(px, presenting)

    fig = go.Figure()
    labels = [barometer.INDICATORS[i].short for i in ind_ids]
    for k, zone in enumerate(zones):
        standings = [barometer.standing(i, zone) for i in ind_ids]
        rates = [s.rate for s in standings]
        hover = [
            f"<b>{texts.esc(barometer.zone_title(zone))}</b><br>{barometer.INDICATORS[s.indicator].short} : "
            f"{barometer.INDICATORS[s.indicator].fmt(s.last_value)} ({texts.fmt_month(s.last_date)})<br>"
            f"Objectif : {barometer.INDICATORS[s.indicator].fmt(s.target_value)}<br>Taux d'avancement : {texts.fmt_pct(s.rate)}"
            for s in standings
        ]
        fig.add_trace(go.Bar(
            y=labels, x=rates, orientation="h", name=barometer.zone_title(zone),
            marker_color=ZONE_COLORS[k % len(ZONE_COLORS)],
            text=[texts.fmt_pct(r) for r in rates], textposition="outside", cliponaxis=False,
            textfont=dict(size=z(13)), constraintext="none",
            hovertext=hover, hoverinfo="text",
        ))
    title = texts.COUV_COMPARE_TITLES[min(len(zones), 3) - 1].format(territory=territory)
    base_layout(fig, title, 170 + 95 * len(ind_ids), presenting)
    fig.update_layout(barmode="group", bargap=0.25, margin=dict(l=z(10), r=z(20), t=z(110), b=z(95)),
                      title=dict(y=0.99, yanchor="top"),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left", font=dict(size=z(13))))
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, 118], tickvals=ticks, ticktext=[texts.fmt_pct(t, 0) for t in ticks], gridcolor="#eeeeee",
                     tickfont=dict(size=z(12)))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=dict(size=z(13)))
    return with_source(fig, source_text(ind_ids, texts.COUV_COMPARE_NOTE), axis=40, presenting=presenting,
                       wrap=46 if presenting else None)  # the indicators' labels take the left of the figure

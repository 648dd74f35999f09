"""Plotly figures for the Couverture page, and the tables behind them.

Every figure carries its source and date as an annotation, so a PNG taken
from the modebar is self-explanatory in a slide. Every figure has a table
(``*_table``) with the same figures, for the CSV export. Hover texts are
formatted here in French (plotly's own number/date formats are English).
Offline: the national map is a MapLibre ``Choroplethmap`` on a blank style
(no tiles, no topojson from a CDN; plotly.js ships inside Streamlit).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely import affinity

from geo import barometer, indicators, reference, texts
from geo.barometer import Indicator, Trajectory

# Couleurs de l'État (DSFR): bleu France, rouge Marianne, and neutral greys.
BLUE = "#000091"
BLUE_LIGHT = "#6a6af4"
RED = "#c9191e"
ORANGE = "#b34000"
GREY = "#666666"
GREEN = "#18753c"
ZONE_COLORS = [BLUE, "#6a6af4", "#a5a5a5"]
FONT = dict(family="'Source Sans', 'Source Sans Pro', Arial, sans-serif", size=13, color="#161616")  # Streamlit's font
SEPARATORS = "," + texts.NBSP  # decimal comma, no-break space between thousands
HORIZON = dt.date(indicators.HORIZON_YEAR, 12, 1)


def config(filename: str) -> dict:
    """st.plotly_chart config: a PNG download named after the chart, in French, no plotly logo."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def slug(*parts: str) -> str:
    """'couverture', 'IND-311', 'D29' -> 'couverture_ind-311_d29' (file names)."""
    text = "_".join(p for p in parts if p)
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text.lower())


def with_source(fig: go.Figure, source: str, bottom: int = 70) -> go.Figure:
    """Write the source under the plot (kept in PNG exports)."""
    fig.add_annotation(
        text=source, xref="paper", yref="paper", x=0, y=0, yshift=-bottom + 8, xanchor="left", yanchor="bottom",
        showarrow=False, align="left", font=dict(size=11, color=GREY),
    )
    margin = fig.layout.margin
    fig.update_layout(margin=dict(l=margin.l if margin.l is not None else 60, r=margin.r if margin.r is not None else 20,
                                  t=margin.t if margin.t is not None else 60, b=bottom))
    return fig


def source_text(ind_ids: list[str], extra: str = "") -> str:
    """Two short lines: the source with the indicators, then the date or a note."""
    lines = [texts.COUV_CHART_SOURCE, ", ".join(ind_ids) + (f". {extra}" if extra else "")]
    if len(ind_ids) > 2 and extra:  # long list of indicators: the note on a line of its own
        lines[1:] = [", ".join(ind_ids), extra]
    return "<br>".join(lines)


def _base_layout(fig: go.Figure, title: str, height: int) -> None:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)),
        font=FONT, separators=SEPARATORS, height=height, paper_bgcolor="white", plot_bgcolor="white",
        margin=dict(l=60, r=20, t=60, b=70), hoverlabel=dict(font=dict(family=FONT["family"])),
    )


def _pace_text(ind: Indicator, per_year: float) -> str:
    if per_year is None or math.isnan(per_year):
        return "–"
    if ind.percent:
        return f"{texts.fmt_dec(per_year, 1)}{texts.NBSP}pt"
    return texts.fmt_dec(per_year, 1) if abs(per_year) < 10 else texts.fmt_int(per_year)


def pace_text(ind: Indicator, per_year: float) -> str:
    """'500' MSP a year, '7,7 pt' a year for a percentage."""
    return _pace_text(ind, per_year)


# --- Trajectory -------------------------------------------------------------------


def projection_end(traj: Trajectory) -> tuple[dt.date, float] | None:
    """Where the drawn projection stops: at the target when reached by the horizon, else at the horizon."""
    s, pace = traj.standing, traj.observed
    if pace is None or not s.has_data or math.isnan(pace.per_year) or s.reached:
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
    rows = [(d.date(), v, k, texts.COUV_TRACE_OBSERVED) for d, v, k in zip(obs["date"], obs["value"], obs["kind"])]
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


def trajectory_figure(traj: Trajectory, territory: str, height: int = 380) -> go.Figure:
    """The series with its target, the required pace (straight line) and the observed pace projected."""
    s = traj.standing
    ind = barometer.INDICATORS[s.indicator]
    obs = barometer.observations(s.indicator, s.zone)
    fig = go.Figure()
    hover = [texts.COUV_HOVER_POINT.format(territory=territory, date=texts.fmt_month(d), value=ind.fmt(v))
             + ("<br>" + texts.COUV_TRACE_INITIAL if k == "initiale" else "")
             for d, v, k in zip(obs["date"], obs["value"], obs["kind"])]
    fig.add_trace(go.Scatter(
        x=obs["date"], y=obs["value"], mode="lines+markers", name=texts.COUV_TRACE_OBSERVED,
        line=dict(color=BLUE, width=3), marker=dict(size=7, color=BLUE),
        hovertext=hover, hoverinfo="text",
    ))
    if s.has_target and traj.target_date:
        due = pd.Timestamp(traj.target_date)
        fig.add_trace(go.Scatter(
            x=[due], y=[s.target_value], mode="markers+text", name=texts.COUV_TRACE_TARGET,
            marker=dict(symbol="diamond", size=13, color=RED), text=[f"{ind.fmt(s.target_value)}"],
            textposition="top center", textfont=dict(color=RED, size=13),
            hovertext=[texts.COUV_HOVER_TARGET.format(date=texts.fmt_month(traj.target_date), value=ind.fmt(s.target_value))],
            hoverinfo="text",
        ))
        if s.has_data and not s.reached:
            fig.add_trace(go.Scatter(
                x=[pd.Timestamp(s.last_date), due], y=[s.last_value, s.target_value], mode="lines",
                name=texts.COUV_TRACE_REQUIRED, line=dict(color=RED, width=2, dash="dash"),
                hovertext=[texts.COUV_HOVER_REQUIRED.format(pace=_pace_text(ind, traj.required))] * 2, hoverinfo="text",
            ))
    end = projection_end(traj)
    if end is not None:
        label = outcome_text(traj).replace("**", "")
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(s.last_date), pd.Timestamp(end[0])], y=[s.last_value, end[1]], mode="lines",
            name=texts.COUV_TRACE_PROJECTION, line=dict(color=ORANGE, width=2, dash="dot"),
            hovertext=[texts.COUV_HOVER_PROJECTION.format(pace=_pace_text(ind, traj.observed.per_year)) + "<br>" + label] * 2,
            hoverinfo="text",
        ))
        fig.add_annotation(
            x=pd.Timestamp(end[0]), y=end[1], text=label, showarrow=False, yshift=14,
            font=dict(size=12, color=ORANGE), bgcolor="rgba(255,255,255,0.85)", xanchor="right",
        )
    start_year = int(obs["date"].min().year) if len(obs) else 2017
    _base_layout(fig, texts.COUV_TRAJ_TITLE.format(label=ind.label, territory=territory), height)
    top = max([v for v in [obs["value"].max() if len(obs) else 0, s.target_value, end[1] if end else 0] if not pd.isna(v)])
    fig.update_xaxes(
        tickformat="%Y", dtick="M12", tickangle=0, tickfont=dict(size=11), showgrid=True, gridcolor="#eeeeee",
        range=[pd.Timestamp(start_year, 1, 1) - pd.Timedelta(days=60), pd.Timestamp(indicators.HORIZON_YEAR, 12, 31)],
    )
    percent_ticks = [0, 20, 40, 60, 80, 100]
    fig.update_yaxes(
        rangemode="tozero", showgrid=True, gridcolor="#eeeeee",
        range=[0, 112] if ind.percent else [0, top * 1.18 if top else 1],
        tickvals=percent_ticks if ind.percent else None,
        ticktext=[texts.fmt_pct(t, 0) for t in percent_ticks] if ind.percent else None,
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=11)),
                      hovermode="closest", margin=dict(l=50, r=15, t=80, b=80))
    fig.update_layout(title=dict(y=0.97, yanchor="top"))
    last = texts.fmt_month(s.last_date) if s.has_data else "–"
    return with_source(fig, source_text([ind.id], texts.COUV_SOURCE_LAST.format(date=last)), bottom=80)


# --- Progress bullets -------------------------------------------------------------


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


def bullet_figure(trajs: list[Trajectory], territory: str) -> go.Figure:
    """One bullet per indicator: the official progress rate, and a tick where a straight line would be."""
    fig = go.Figure()
    n = len(trajs)
    for i, t in enumerate(trajs):
        ind = barometer.INDICATORS[t.standing.indicator]
        top = 1 - i / n
        rate = t.standing.rate
        fig.add_trace(go.Indicator(
            mode="number+gauge", value=None if math.isnan(rate) else rate,
            number=dict(suffix=texts.NBSP + "%", valueformat=".1f", font=dict(size=22, color=BLUE)),
            title=dict(text=f"<b>{ind.short}</b><br><span style='font-size:11px;color:{GREY}'>"
                            f"{ind.fmt(t.standing.last_value)} → {ind.fmt(t.standing.target_value)}</span>",
                       font=dict(size=13)),
            domain=dict(x=[0.25, 0.9], y=[top - 1 / n + 0.08, top - 0.08]),
            gauge=dict(
                shape="bullet", axis=dict(range=[0, 100], ticksuffix=" %", dtick=25),
                bar=dict(color=BLUE, thickness=0.5),
                steps=[dict(range=[0, 100], color="#ececfe")],
                threshold=dict(line=dict(color="#161616", width=3), thickness=0.9,
                               value=0 if math.isnan(t.expected_rate) else t.expected_rate),
            ),
        ))
    _base_layout(fig, texts.COUV_BULLET_TITLE.format(territory=territory), 90 * n + 130)
    fig.update_layout(margin=dict(l=20, r=20, t=60, b=80))
    ids = [t.standing.indicator for t in trajs]
    return with_source(fig, source_text(ids, texts.COUV_BULLET_NOTE_SHORT), bottom=80)


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


def comparison_figure(zones: list[str], ind_ids: list[str], territory: str) -> go.Figure:
    """Progress rates of the zone, its région and France, side by side for each indicator."""
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
            hovertext=hover, hoverinfo="text",
        ))
    title = texts.COUV_COMPARE_TITLES[min(len(zones), 3) - 1].format(territory=territory)
    _base_layout(fig, title, 170 + 95 * len(ind_ids))
    fig.update_layout(barmode="group", bargap=0.25, margin=dict(l=10, r=20, t=110, b=95),
                      title=dict(y=0.99, yanchor="top"),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, 118], tickvals=ticks, ticktext=[texts.fmt_pct(t, 0) for t in ticks], gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return with_source(fig, source_text(ind_ids, texts.COUV_COMPARE_NOTE), bottom=95)


# --- National map -----------------------------------------------------------------

# Overseas départements are drawn in boxes west of the Bay of Biscay (the usual
# French inset), each scaled to fit its box: (code, box centre lon, lat).
OVERSEAS = ["971", "972", "973", "974", "976"]
INSET_WIDTH, INSET_HEIGHT, INSET_GAP = 2.3, 1.45, 0.25
INSET_LEFT, INSET_TOP = -9.6, 50.4
MAP_CENTER = dict(lon=0.6, lat=46.1)
MAP_ZOOM = 4.5
MAP_TOLERANCE = 0.01  # degrees (~1 km)


def inset_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Code -> (minx, miny, maxx, maxy) of its inset box."""
    boxes = {}
    for i, code in enumerate(OVERSEAS):
        maxy = INSET_TOP - i * (INSET_HEIGHT + INSET_GAP)
        boxes[code] = (INSET_LEFT, maxy - INSET_HEIGHT, INSET_LEFT + INSET_WIDTH, maxy)
    return boxes


def _fit(geometry, box: tuple[float, float, float, float]):
    """Scale and move `geometry` into `box`, keeping its shape (corrected for latitude)."""
    minx, miny, maxx, maxy = geometry.bounds
    bx0, by0, bx1, by1 = box
    src_lat, dst_lat = (miny + maxy) / 2, (by0 + by1) / 2
    stretch = math.cos(math.radians(src_lat)) / math.cos(math.radians(dst_lat))  # lon degrees shrink with latitude
    width, height = (maxx - minx) * stretch, maxy - miny
    scale = 0.86 * min((bx1 - bx0) / width, (by1 - by0) / height)
    moved = affinity.scale(geometry, xfact=scale * stretch, yfact=scale, origin=((minx + maxx) / 2, (miny + maxy) / 2))
    return affinity.translate(moved, (bx0 + bx1) / 2 - (minx + maxx) / 2, (by0 + by1) / 2 - (miny + maxy) / 2)


@lru_cache(maxsize=1)
def departements_geojson() -> str:
    """The 101 départements as GeoJSON text, simplified for a national map, overseas ones moved into insets."""
    deps = reference.load_departements()[["code", "nom", "geometry"]].copy()
    boxes = inset_boxes()
    deps["geometry"] = [
        _fit(geom, boxes[code]) if code in boxes else geom for code, geom in zip(deps["code"], deps["geometry"])
    ]
    # National scale: ~1 km of detail is plenty, and every rerun copies this GeoJSON (plotly validation
    # and serialisation), so simplify as a coverage (shared borders stay shared) and round to 3 decimals.
    simplified = shapely.coverage_simplify(deps.geometry.values, MAP_TOLERANCE)
    on_grid = shapely.set_precision(simplified, 1e-3)  # snaps and keeps polygons valid
    deps["geometry"] = shapely.transform(on_grid, lambda xy: np.round(xy, 3))  # short decimals in the JSON
    return deps.to_json(drop_id=True)


@lru_cache(maxsize=1)
def _geojson_dict() -> dict:
    return json.loads(departements_geojson())


def inset_outlines() -> tuple[list[float | None], list[float | None]]:
    lons, lats = [], []
    for x0, y0, x1, y1 in inset_boxes().values():
        lons += [x0, x1, x1, x0, x0, None]
        lats += [y0, y0, y1, y1, y0, None]
    return lons, lats


def map_table(metric: str, schedule: barometer.Schedule | str = barometer.DEFAULT_SCHEDULE) -> pd.DataFrame:
    """One row per département for the map: code, name, value to colour, hover text, and the figures."""
    kind, ind_id = metric.split(":")
    ind = barometer.INDICATORS[ind_id]
    frame = barometer.ranking(ind_id, schedule)
    out = pd.DataFrame({
        "code": frame["zone"].str[1:],
        "name": frame["name"],
        "region": frame["region"],
        "value": frame["rate"] if kind == "rate" else frame["last_value"],
        "last_value": frame["last_value"],
        "last_date": frame["last_date"],
        "target_value": frame["target_value"],
        "target_date": frame["target_date"],
        "rate": frame["rate"],
        "rank": frame["rank"],
    })
    out["hover"] = [
        texts.COUV_MAP_HOVER.format(
            name=texts.esc(r.name), code=r.code, label=ind.short, last=ind.fmt(r.last_value),
            date=texts.fmt_month(r.last_date), target=ind.fmt(r.target_value), rate=texts.fmt_pct(r.rate),
            rank=r.rank, total=len(out),
        )
        for r in out.itertuples()
    ]
    return out.sort_values("code").reset_index(drop=True)


def departements_map(table: pd.DataFrame, metric: str, selected: str | None, height: int = 680) -> go.Figure:
    """Choropleth of the départements (click = select). `selected` is a département code ('29') or None."""
    label = texts.COUV_MAP_METRICS[metric]
    widths = np.where(table["code"] == selected, 3.5, 0.6)
    colors = np.where(table["code"] == selected, RED, "#ffffff")
    fig = go.Figure(go.Choroplethmap(
        geojson=_geojson_dict(), featureidkey="properties.code", locations=table["code"], z=table["value"],
        zmin=0, zmax=100, colorscale=[[0, "#f5f5fe"], [0.5, "#8585f6"], [1, BLUE]],
        marker=dict(line=dict(width=widths, color=colors), opacity=0.95),
        hovertext=table["hover"], hoverinfo="text", customdata=table["code"],
        colorbar=dict(title=dict(text="%", side="top"), ticksuffix=" %", len=0.55, thickness=14, x=1.0, xanchor="right"),
        name="",
    ))
    lons, lats = inset_outlines()
    fig.add_trace(go.Scattermap(lon=lons, lat=lats, mode="lines", line=dict(color="#929292", width=1),
                                hoverinfo="skip", showlegend=False))
    _base_layout(fig, texts.COUV_MAP_TITLE.format(metric=label), height)
    fig.update_layout(
        map=dict(style="white-bg", center=MAP_CENTER, zoom=MAP_ZOOM),
        margin=dict(l=0, r=0, t=50, b=60), clickmode="event+select", dragmode=False,
    )
    kind, ind_id = metric.split(":")
    return with_source(fig, source_text([ind_id], texts.COUV_MAP_SOURCE_EXTRA), bottom=60)


def zone_from_selection(selection) -> str | None:
    """The département zone ('D29') clicked on the map, from st.plotly_chart's selection state."""
    if not selection:
        return None
    points = selection.get("points") if hasattr(selection, "get") else None
    for point in points or []:
        location = point.get("location") if hasattr(point, "get") else None
        if location:
            return f"D{location}"
    return None


# --- Ranking ----------------------------------------------------------------------


def _reached_text(row) -> str:
    if not pd.isna(row.last_value) and not pd.isna(row.target_value) and row.last_value >= row.target_value:
        return texts.COUV_RANK_DONE
    if pd.isna(row.reached_year):
        return texts.COUV_RANK_NOT_REACHED.format(year=indicators.HORIZON_YEAR)
    return str(int(row.reached_year))


def ranking_table(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The ranking with raw numbers (for the CSV export)."""
    cols = texts.COUV_RANK_COLUMNS
    return pd.DataFrame({
        cols["rank"]: frame["rank"],
        cols["code"]: frame["zone"].str[1:],
        cols["name"]: frame["name"],
        cols["region"]: frame["region"],
        cols["last_value"]: frame["last_value"],
        cols["last_date"]: frame["last_date"],
        cols["target_value"]: frame["target_value"],
        cols["target_date"]: frame["target_date"],
        cols["rate"]: frame["rate"],
        cols["share_of_target"]: frame["share_of_target"].round(1),
        cols["reached_year"]: [_reached_text(r) for r in frame.itertuples()],
    })


def ranking_display(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The ranking for the screen: French-formatted text, except the rate (a progress bar)."""
    cols = texts.COUV_RANK_COLUMNS
    table = ranking_table(frame, ind)
    table[cols["last_value"]] = frame["last_value"].map(ind.fmt)
    table[cols["target_value"]] = frame["target_value"].map(ind.fmt)
    table[cols["last_date"]] = frame["last_date"].map(texts.fmt_month)
    table[cols["target_date"]] = frame["target_date"].map(texts.fmt_month)
    table[cols["share_of_target"]] = frame["share_of_target"].map(texts.fmt_pct)
    return table


# --- Computed vs official -----------------------------------------------------------


def check_table(check: barometer.LayerCheck) -> pd.DataFrame:
    """Computed from the layers | official, one row per figure."""
    c = texts.COUV_CHECK_COLUMNS

    def coverage(cov: indicators.Coverage) -> str:
        return texts.COUV_CHECK_COVERAGE.format(
            pct=texts.fmt_pct(cov.pct), population=texts.fmt_int(cov.population_covered),
            communes=texts.fmt_int(cov.communes_covered), total=texts.fmt_int(cov.communes_total))

    def official(s: barometer.Standing) -> str:
        return texts.COUV_CHECK_ROW_SOURCE.format(date=texts.fmt_month(s.last_date), source=f"baromètre {s.indicator}")

    cpts, msp, cds = check.cpts_official, check.msp_official, check.cds_official
    declared = check.cpts_declared_row
    rows = [
        (texts.COUV_CHECK_CPTS_STRICT, coverage(check.strict), texts.fmt_pct(cpts.last_value), official(cpts)),
        (texts.COUV_CHECK_CPTS_BROAD, coverage(check.broad), texts.fmt_pct(cpts.last_value), official(cpts)),
        (texts.COUV_CHECK_CPTS_COUNT, texts.fmt_int(check.cpts_mapped), texts.fmt_int(check.cpts_declared),
         texts.COUV_CHECK_ROW_SOURCE.format(date=texts.fmt_date(declared["as_of"]), source=texts.COUV_CHECK_SOURCE_ARS)
         if declared is not None else "–"),
        (texts.COUV_CHECK_MSP, texts.COUV_CHECK_MSP_VALUE.format(msp=check.msp_mapped, sites=check.msp_sites),
         texts.fmt_int(msp.last_value), official(msp)),
        (texts.COUV_CHECK_CDS, texts.fmt_int(check.cds_mapped), texts.fmt_int(cds.last_value), official(cds)),
    ]
    return pd.DataFrame(rows, columns=c)


def check_gap_text(check: barometer.LayerCheck) -> str:
    """One sentence: why the computed figures fall short of the official ones."""
    return texts.COUV_CHECK_GAP.format(
        strict=texts.fmt_pct(check.strict.pct), official=texts.fmt_pct(check.cpts_official.last_value),
        date=texts.fmt_month(check.cpts_official.last_date),
        cpts_mapped=texts.fmt_int(check.cpts_mapped), cpts_declared=texts.fmt_int(check.cpts_declared),
        msp_mapped=texts.fmt_int(check.msp_mapped), msp_declared=texts.fmt_int(check.msp_official.last_value),
    )


def map_panel_text(row, metric: str, total: int) -> str:
    """Markdown beside the map: the selected département's figures for the coloured indicator."""
    kind, ind_id = metric.split(":")
    ind = barometer.INDICATORS[ind_id]
    return texts.COUV_MAP_PANEL.format(
        name=texts.esc(row["name"]), code=row["code"], label=ind.label, last=ind.fmt(row["last_value"]),
        date=texts.fmt_month(row["last_date"]), target=ind.fmt(row["target_value"]),
        target_date=texts.fmt_month(row["target_date"]), rate=texts.fmt_pct(row["rate"]), rank=int(row["rank"]), total=total,
    )

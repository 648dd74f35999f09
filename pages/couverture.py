"""Couverture et objectifs: where the selected territory stands on the national targets.

A thin view: the figures come from geo.barometer (the official series), the
paces from geo.indicators, the figures' drawings from geo.charts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import NamedTuple

import pandas as pd
import streamlit as st

import frame
from caching import per_territory, per_version
from geo import barometer, charts, links, reference, texts, zones
from geo.excel_csv import Provenance, to_excel_csv

LOG = logging.getLogger(__name__)
MAP_KEY = "couv_map"
SCHEDULE_KEY = "couv_schedule"  # both in the link (frame.url_choice): the view can be shared
TAB_KEY = "couv_tab"
RANK_KEY = "couv_rank"
METRIC_KEY = "couv_map_metric"
HIGHLIGHT = "background-color: #e3e3fd; font-weight: bold"
# Ranking column widths (px) that fit the main column at a 1400 px viewport with the sidebar open.
RANK_WIDTHS = {"rank": 55, "name": 205, "region": 185, "last_value": 70, "target_value": 75, "rate": 100,
               "share_of_target": 100, "reached_year": 140}
RANK_HEIGHT_PRESENTING = 360  # px: what a 720 px screen leaves under the tabs (the grid scrolls within)
PRESENTING_TEXT = 19 / 16  # presentation mode's root font size (frame.presentation_style) over the normal one


def guarded(render):
    """Run one section; a failure shows a short message there instead of a traceback."""

    def run(*args, **kwargs):
        try:
            render(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — never a traceback in the page
            LOG.exception("couverture: %s failed", render.__name__)
            st.warning(texts.COUV_ERROR.format(detail=texts.esc(type(exc).__name__)))

    return run


def download(table, name: str, key: str, source: str) -> None:
    schedule_ = barometer.SCHEDULES[st.session_state.get(SCHEDULE_KEY) or barometer.DEFAULT_SCHEDULE]
    about = Provenance(source, dt.date.today(), ((texts.CSV_FILTER_TERRITORY, barometer.zone_title(frame.territory())),
                                                 (texts.CSV_FILTER_SCHEDULE, schedule_.label)))
    st.download_button(
        texts.COUV_DOWNLOAD_CSV, data=to_excel_csv(table, about), file_name=f"{name}.csv",
        mime="text/csv", key=key, icon=":material/download:", help=texts.COUV_DOWNLOAD_HELP,
        on_click="ignore",
    )


def chart(fig, name: str, key: str) -> None:
    """On a shared screen the chart fills its frame.screen_fill container."""
    st.plotly_chart(fig, config=charts.config(name), key=key, theme=None,
                    height="stretch" if frame.presenting() else "content")


class Notes:
    """A tab's sources and CSV exports: under each chart, or on a shared screen together in one expander under the
    slide (frame.folded), with what else the tab folds there (`flush`)."""

    def __init__(self, presenting: bool) -> None:
        self.presenting, self.later = presenting, []

    def footer(self, caption: str, table, name: str) -> None:
        if self.presenting:
            self.later.append((caption, table, name))
        else:
            footer(caption, table, name)

    def flush(self, *more) -> None:
        """The folded footers, then `more` (callables drawing the tab's secondary parts), inline or folded."""
        with frame.folded(texts.PRESENT_NOTES):
            if self.presenting:
                st.caption(f"{texts.COUV_SCHEDULE_SOURCE_PREFIX} {schedule.source}")
            for args in self.later:
                footer(*args)
            for draw in more:
                draw()


def footer(caption: str, table, name: str) -> None:
    """Under each chart: its source, then the CSV of its table (its source, date and filters above the table)."""
    st.caption(caption)
    download(table, name, key=f"csv_{name}", source=caption)


@guarded
def standing_card(traj: barometer.Trajectory, compact: bool = False, presenting: bool = False) -> None:
    """`presenting`: a card for a shared screen, its name and date as the metric's label, its target and official
    rate only (the paces are the Trajectoires tab's charts)."""
    s = traj.standing
    ind = barometer.INDICATORS[s.indicator]
    with st.container(border=True):
        if not presenting:
            st.markdown(f"**{ind.label}**")
        if not s.has_data:
            st.caption(f"{ind.label} : {texts.COUV_NO_DATA}" if presenting else texts.COUV_NO_DATA)
            return
        obs = barometer.observations(ind.id, s.zone)
        date = texts.fmt_month(s.last_date)
        st.metric(
            texts.PRESENT_METRIC.format(label=ind.short, date=date) if presenting else
            texts.COUV_METRIC_LAST.format(date=date), ind.fmt(s.last_value),
            help=texts.COUV_METRIC_HELP, chart_data=None if compact or presenting else obs["value"].tolist(),
            chart_type="line", **charts.delta_args(ind, s.zone),
        )
        if not s.has_target:
            st.caption(texts.COUV_NO_TARGET)
            return
        lines = charts.standing_lines(traj)
        st.markdown("  \n".join(lines[:2] if presenting else lines))
        if not presenting and (note := charts.sas_note(ind.id, s.zone)):
            st.caption(note)


@guarded
def trajectories_tab(zone: str, territory: str, schedule: barometer.Schedule, presenting: bool = False) -> None:
    inds = list(barometer.INDICATORS.values())
    if presenting:  # one trajectory at a time, as large as the screen allows
        picked = st.segmented_control(texts.PRESENT_TRAJ_PICK, [ind.id for ind in inds], default=inds[0].id,
                                      format_func=lambda i: barometer.INDICATORS[i].short, key="couv_traj_pick",
                                      required=True, label_visibility="collapsed") or inds[0].id
        notes = Notes(presenting)
        with frame.screen_fill("trajectory"):
            trajectory_chart(barometer.INDICATORS[picked], zone, territory, schedule, presenting, notes)
        notes.flush(lambda: st.caption(texts.COUV_TRAJ_CAPTION))
        return
    st.caption(texts.COUV_TRAJ_CAPTION)
    for pair in (inds[i:i + 2] for i in range(0, len(inds), 2)):
        for ind, column in zip(pair, st.columns(2), strict=False):  # a last row of one leaves its second column empty
            with column:
                trajectory_chart(ind, zone, territory, schedule, presenting)


@per_territory
def trajectory_view(ind_id: str, zone: str, territory: str, schedule: barometer.Schedule, presenting: bool,
                    version: str):
    """(figure, caption, table) of one trajectory, or None without data: built once per territory and baromètre
    version for every session (the figures were ~1 s of each change of territory). Never mutated: st.plotly_chart
    sends a copy."""
    traj = barometer.trajectory(ind_id, zone, schedule)
    if not traj.standing.has_data:
        return None
    return (charts.trajectory_figure(traj, territory, presenting=presenting), charts.trajectory_caption(traj, schedule),
            charts.trajectory_table(traj, territory))


@guarded
def trajectory_chart(ind: barometer.Indicator, zone: str, territory: str, schedule: barometer.Schedule,
                     presenting: bool = False, notes: Notes | None = None) -> None:
    view = trajectory_view(ind.id, zone, territory, schedule, presenting, barometer.series_version())
    if view is None:
        st.info(f"{ind.label} : {texts.COUV_NO_DATA}")
        return
    figure, caption, table = view
    name = charts.slug("trajectoire", ind.id, zone)
    chart(figure, name, key=f"traj_{ind.id}")
    (notes or Notes(False)).footer(caption, table, name)


class ProgressView(NamedTuple):
    bullets: tuple | None  # (figure, caption, table), None without a primary indicator's figures
    comparison: tuple  # (figure, table for the CSV, table for the screen)


@per_territory
def progress_view(zone: str, territory: str, schedule: barometer.Schedule, presenting: bool,
                  version: str) -> ProgressView:
    """The progress tab's figures and tables, built once per territory and baromètre version (the series they
    read, barometer.series_version) for every session: a layer's save changes none of them."""
    trajectories = [barometer.trajectory(ind.id, zone, schedule) for ind in barometer.PRIMARY]
    primary = [traj for traj in trajectories if traj.standing.has_data]
    bullets = (charts.bullet_figure(primary, territory, presenting=presenting), charts.bullet_caption(primary),
               charts.bullet_table(primary, territory)) if primary else None
    zones_, ids = barometer.comparison_zones(zone), list(barometer.INDICATORS)
    table = charts.comparison_table(zones_, ids)
    return ProgressView(bullets, (charts.comparison_figure(zones_, ids, territory, presenting=presenting), table,
                                  charts.comparison_display(table)))


@guarded
def progress_tab(zone: str, territory: str, schedule: barometer.Schedule,
                 trajectories: dict[str, barometer.Trajectory], presenting: bool = False) -> None:
    built = progress_view(zone, territory, schedule, presenting, barometer.series_version())
    notes = Notes(presenting)
    # On a shared screen, one thing at a time: the standing cards (they carry the bullets' rates) or the comparison.
    view = st.segmented_control(texts.PRESENT_PROGRESS_PICK, list(texts.PRESENT_PROGRESS_VIEWS), default="cards",
                                format_func=texts.PRESENT_PROGRESS_VIEWS.get, key="couv_progress_pick", required=True,
                                label_visibility="collapsed") if presenting else None
    if view == "cards":
        standing_cards()
    left, right = (contextlib.nullcontext(), contextlib.nullcontext()) if presenting else st.columns(2)
    with left:
        if built.bullets:
            name = charts.slug("avancement", zone)
            figure, caption, table = built.bullets
            if not presenting:
                chart(figure, name, key="bullets")
            notes.footer(caption, table, name)
    with right:
        name = charts.slug("comparaison", zone)
        figure, table, display = built.comparison
        if view != "cards":
            with frame.screen_fill("compare"):
                chart(figure, name, key="compare")
        notes.footer(f"{barometer.source_caption()}. {texts.COUV_COMPARE_CAPTION}", table, name)

    def comparison() -> None:  # in the notes' expander on a shared screen (an expander holds no other)
        if presenting:
            st.markdown(f"**{texts.COUV_COMPARE_TABLE}**")
        with contextlib.nullcontext() if presenting else st.expander(texts.COUV_COMPARE_TABLE):
            st.dataframe(display, hide_index=True, width="stretch")

    def secondary() -> None:
        st.markdown(f"**{texts.COUV_SECONDARY_HEADER}**")
        columns = st.columns(len(barometer.SECONDARY))
        for ind, column in zip(barometer.SECONDARY, columns, strict=True):
            with column:
                standing_card(trajectories[ind.id], compact=True)

    notes.flush(comparison, secondary)


def on_map_click(key: str) -> None:
    state = st.session_state.get(key)
    zone = charts.zone_from_selection(state.get("selection") if state else None)
    if zone:
        frame.set_territory(zone)


class MapView(NamedTuple):
    figure: charts.FrozenFigure
    panel: str | None  # the selected département's figures beside the map
    export: pd.DataFrame  # the table of the CSV


@per_territory
def map_view(zone: str, metric: str, schedule: barometer.Schedule, presenting: bool, version: str) -> MapView:
    """The national map with `zone` selected, built once per territory and baromètre version for every session
    (the figure was most of the tab's time)."""
    table = charts.map_table(metric, schedule)
    figure = charts.departements_map(table, metric, zones.departement_code(zone), presenting=presenting)
    return MapView(charts.FrozenFigure(figure), charts.map_selected_text(table, metric, zone), charts.map_export(table))


@guarded
def map_tab(zone: str, schedule: barometer.Schedule, presenting: bool = False) -> None:
    metric = st.segmented_control(
        texts.COUV_MAP_METRIC, options=list(texts.COUV_MAP_METRICS), format_func=texts.COUV_MAP_METRIC_BUTTONS.get,
        default="rate:IND-589", key=METRIC_KEY, required=True, label_visibility="collapsed" if presenting else "visible",
    ) or "rate:IND-589"
    view = map_view(zone, metric, schedule, presenting, barometer.series_version())
    # One widget per selected territory: a new selection starts from a clean state.
    key = f"{MAP_KEY}_{zone}"
    left, right = st.columns([3, 1])
    with left, frame.screen_fill("map"):
        st.plotly_chart(
            view.figure, config=charts.config(charts.slug("carte", metric.replace(":", "_")), fixed_view=True), key=key, theme=None,
            on_select=lambda: on_map_click(key), selection_mode="points", height="stretch" if presenting else "content",
        )
    with right:
        if not presenting:  # on a shared screen the help folds under the map (the presenter knows it)
            st.info(texts.COUV_MAP_HELP, icon=":material/touch_app:")
        if view.panel:
            st.markdown(view.panel)
    notes = Notes(presenting)
    notes.footer(charts.map_caption(metric, schedule), view.export, charts.slug("carte", metric.replace(":", "_")))
    notes.flush(lambda: st.caption(texts.COUV_MAP_HELP) if presenting else None)


@guarded
def ranking_tab(zone: str, schedule: barometer.Schedule, presenting: bool = False) -> None:
    ind_id = st.segmented_control(
        texts.COUV_RANK_INDICATOR, options=list(barometer.INDICATORS),
        format_func=lambda i: barometer.INDICATORS[i].short, default="IND-311", key=RANK_KEY, required=True,
        label_visibility="collapsed" if presenting else "visible",  # the position's line names the indicator
    ) or "IND-311"
    ind = barometer.INDICATORS[ind_id]
    frame_ = barometer.ranking(ind_id, schedule)
    if position := charts.ranking_position_text(frame_, zone, ind):
        st.markdown(position)
    display = charts.ranking_display(frame_, ind)
    selected = (frame_["zone"] == zone).to_numpy()
    styled = display.style.apply(  # the selected département stands out when the list is scrolled
        lambda row: [HIGHLIGHT if selected[row.name] else ""] * len(row), axis=1)
    st.dataframe(styled, hide_index=True, width="stretch", height=RANK_HEIGHT_PRESENTING if presenting else 460,
                 column_config=ranking_columns(presenting))
    notes = Notes(presenting)
    notes.footer(charts.ranking_caption(ind_id, schedule, charts.ranking_dates_text(frame_)),
                 charts.ranking_table(frame_, ind), charts.slug("classement", ind_id))
    notes.flush()


def ranking_columns(presenting: bool) -> dict:
    """Short labels with their explanation on hover, widths that fit the page (larger text when presenting)."""
    scale = PRESENTING_TEXT if presenting else 1
    return {
        label: st.column_config.Column(label, width=round(RANK_WIDTHS[key] * scale), help=texts.COUV_RANK_SCREEN_HELP.get(key))
        for key, label in texts.COUV_RANK_SCREEN_COLUMNS.items()
    }


@per_version
def layer_check(zone: str, dep: str, token: str) -> barometer.LayerCheck:
    """The layers' figures beside the official ones, once per data version."""
    cpts_table, members = frame.cpts(dep)
    return barometer.layer_check(zone, frame.communes(dep), frame.structures(dep), cpts_table, members)


@guarded
def check_tab(zone: str, presenting: bool = False) -> None:
    dep = zones.departement_code(zone) or ""
    available = reference.available_departements()
    if dep not in available:
        st.info(charts.check_unavailable_text(available))
        return
    st.header(texts.COUV_CHECK_HEADER.format(territory=barometer.zone_title(zone)), anchor=False)  # h2 under the h1
    check = layer_check(zone, dep, frame.data_token(dep, ["structures", "cpts"]))
    table = charts.check_table(check)
    st.table(table.set_index(table.columns[0]))  # five rows, wrapped: every word readable on a shared screen
    st.markdown(charts.check_gap_text(check))
    try:
        st.page_link("pages/donnees.py", label=texts.COUV_CHECK_LINK, icon=":material/upload_file:")
    except Exception:  # noqa: BLE001 — the Données page may not be in this app's navigation
        st.caption(texts.COUV_CHECK_LINK_FALLBACK)
    notes = Notes(presenting)
    notes.footer(texts.COUV_CHECK_NOTE, charts.check_export(check), charts.slug("calcule_officiel", zone))
    notes.flush()


# --- Page -------------------------------------------------------------------------

frame.ensure_navigation()
zone = frame.territory()
presenting = frame.presenting()  # larger figures for a shared screen (the HTML text grows in frame.presentation_style)
territory = barometer.zone_title(zone)
st.title(texts.COUV_TITLE.format(territory=territory))
if not presenting:  # a shared screen keeps the title, the cards and the tab: the intro and sources fold (Notes)
    st.caption(texts.COUV_INTRO)

schedules = {key: key for key in barometer.SCHEDULES}
schedule_key = frame.url_choice(links.SCHEDULE_PARAM, schedules, SCHEDULE_KEY, default=barometer.DEFAULT_SCHEDULE)
st.radio(
    texts.COUV_SCHEDULE_LABEL, options=list(barometer.SCHEDULES), format_func=lambda k: barometer.SCHEDULES[k].label,
    horizontal=True, key=SCHEDULE_KEY, help=texts.COUV_SCHEDULE_HELP,
    on_change=frame.url_writer(links.SCHEDULE_PARAM, schedules, SCHEDULE_KEY),
    label_visibility="collapsed" if presenting else "visible",
)
schedule = barometer.SCHEDULES[schedule_key]
if not presenting:
    st.caption(f"{texts.COUV_SCHEDULE_SOURCE_PREFIX} {schedule.source}")

trajectories = {ind.id: barometer.trajectory(ind.id, zone, schedule) for ind in barometer.INDICATORS.values()}


def standing_cards() -> None:
    for ind, column in zip(barometer.PRIMARY, st.columns(len(barometer.PRIMARY)), strict=True):
        with column:
            standing_card(trajectories[ind.id], presenting=presenting)


if not presenting:  # on a shared screen they are the Avancement tab's, so the other tabs give their chart the height
    standing_cards()

TABS = [texts.COUV_TAB_PROGRESS, texts.COUV_TAB_TRAJ, texts.COUV_TAB_MAP, texts.COUV_TAB_RANK, texts.COUV_TAB_CHECK]
tab_choices = dict(zip(links.COUVERTURE_TABS, TABS, strict=True))
frame.url_choice(links.TAB_PARAM, tab_choices, TAB_KEY)
tabs = st.tabs(TABS, key=TAB_KEY, on_change=frame.url_writer(links.TAB_PARAM, tab_choices, TAB_KEY))
# Only the open tab runs (lazy tabs); `open` is None where tabs do not track state.
with tabs[0]:
    if tabs[0].open is not False:
        progress_tab(zone, territory, schedule, trajectories, presenting)
with tabs[1]:
    if tabs[1].open is not False:
        trajectories_tab(zone, territory, schedule, presenting)
with tabs[2]:
    if tabs[2].open is not False:
        map_tab(zone, schedule, presenting)
with tabs[3]:
    if tabs[3].open is not False:
        ranking_tab(zone, schedule, presenting)
with tabs[4]:
    if tabs[4].open is not False:
        check_tab(zone, presenting)

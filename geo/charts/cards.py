"""What the Couverture page writes around its figures: the standing cards' lines and the captions under charts.

Plain strings (Markdown) built from the baromètre's figures, so the page only places them.
"""

from __future__ import annotations

from typing import Any

from geo import barometer, texts
from geo.barometer import Indicator, Schedule, Trajectory
from geo.charts.style import pace_text, schedule_note
from geo.charts.trajectory import outcome_text

# The SAS indicator is published nationally only: its local values need a warning.
SAS_INDICATOR = "IND-587"


def sas_note(ind_id: str, zone: str | None = None) -> str:
    """The SAS warning for a local SAS figure (zone None: a table of départements), else ''."""
    return texts.COUV_SAS_NOTE if ind_id == SAS_INDICATOR and zone != barometer.NATIONAL else ""


def with_schedule(schedule: Schedule, ind_ids: list[str]) -> str:
    """' Échéance des MSP : plan … ' when the schedule moves one of these targets' dates, else ''."""
    note = schedule_note(schedule, ind_ids)
    return f" {note}" if note else ""


def delta_args(ind: Indicator, zone: str) -> dict[str, Any]:
    """st.metric delta since the last measure at least a year older ('+6', '+18,1 pt'), with that measure's date."""
    since = barometer.change_since(ind.id, zone)
    if since is None:
        return {}
    change, date = since
    description = texts.COUV_DELTA_SINCE.format(date=texts.fmt_month(date))
    if change == 0:
        return {"delta": texts.COUV_DELTA_STABLE, "delta_color": "off", "delta_arrow": "off",
                "delta_description": description}
    text = texts.fmt_dec(abs(change), 1) + texts.NBSP + "pt" if ind.percent else texts.fmt_int(abs(change))
    return {"delta": f"{'-' if change < 0 else '+'}{text}", "delta_description": description}


def standing_lines(traj: Trajectory) -> list[str]:
    """Target, official rate, required and observed paces, outcome: the lines of a standing card."""
    s, ind = traj.standing, barometer.INDICATORS[traj.standing.indicator]
    lines = [
        texts.COUV_TARGET_LINE.format(target=ind.fmt(s.target_value), date=texts.fmt_month(traj.target_date)),
        texts.COUV_RATE_LINE.format(rate=texts.fmt_pct(s.rate)),
    ]
    if not s.reached:
        lines.append(texts.COUV_PACE_REQUIRED.format(
            pace=pace_text(ind, traj.required), date=texts.fmt_month(traj.target_date)))
    if traj.observed is not None:
        lines.append(texts.COUV_PACE_OBSERVED.format(
            pace=pace_text(ind, traj.observed.per_year),
            start=texts.fmt_month(traj.observed.start_date), end=texts.fmt_month(traj.observed.end_date)))
    else:
        lines.append(texts.COUV_PACE_NONE)
    lines.append(outcome_text(traj))
    return lines


def trajectory_caption(traj: Trajectory, schedule: Schedule) -> str:
    ind_id, zone = traj.standing.indicator, traj.standing.zone
    last = texts.COUV_SOURCE_LAST.format(date=texts.fmt_month(traj.standing.last_date))
    note = sas_note(ind_id, zone)
    return f"{barometer.source_caption()} — {ind_id}, {last}{with_schedule(schedule, [ind_id])}{f' {note}' if note else ''}"


def bullet_caption(primary: list[Trajectory]) -> str:
    ids = [t.standing.indicator for t in primary]
    return f"{barometer.source_caption()}. {texts.COUV_BULLET_NOTE}{with_schedule(primary[0].schedule, ids)}"


def map_caption(metric: str, schedule: Schedule) -> str:
    ind_id = metric.split(":")[1]
    return f"{barometer.source_caption()}. {texts.COUV_MAP_SOURCE_EXTRA}{with_schedule(schedule, [ind_id])}"


def ranking_caption(ind_id: str, schedule: Schedule, dates: str) -> str:
    note = sas_note(ind_id)
    return (f"{texts.COUV_RANK_CAPTION} {dates} {barometer.source_caption()} — {ind_id}.{with_schedule(schedule, [ind_id])}"
            f"{f' {note}' if note else ''}")

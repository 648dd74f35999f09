"""Couverture's trajectory charts are built once for every session: a second viewer of a territory (another
browser, same server process) gets the same charts without building one (they were ~1 s per change of territory)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import charts

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "couverture.py")


def trajectories(zone: str, presenting: bool = False) -> list[dict]:
    at = AppTest.from_file(PAGE, default_timeout=60)  # a new session each time
    at.query_params.update({"territoire": zone, "onglet": "trajectoires"} | ({"presentation": "1"} if presenting else {}))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.fixture()
def built(monkeypatch) -> list[str]:
    """The zones of the trajectory figures built (charts.trajectory_figure calls)."""
    calls: list[str] = []
    original = charts.trajectory_figure

    def counting(traj, territory, **kwargs):
        calls.append(traj.standing.zone)
        return original(traj, territory, **kwargs)

    monkeypatch.setattr(charts, "trajectory_figure", counting)
    return calls


def test_a_second_session_gets_the_trajectories_without_building_them(built):
    first = trajectories("D29")
    assert len(first) == 5 and built == ["D29"] * 5
    second = trajectories("D29")
    assert second == first and len(built) == 5  # same charts, none built again


def test_another_territory_or_the_presentation_mode_builds_its_own(built):
    trajectories("D29")
    trajectories("D33")
    assert built == ["D29"] * 5 + ["D33"] * 5
    big = trajectories("D29", presenting=True)
    # a shared screen shows one trajectory at a time (the first indicator unless another is picked): one built
    assert len(built) == 11 and big[0]["layout"]["font"]["size"] > trajectories("D29")[0]["layout"]["font"]["size"]

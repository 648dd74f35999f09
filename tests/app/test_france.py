"""The territory selector offers France, the 18 régions and the 101 départements; each level has its view."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import frame
from geo import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_labels_list_france_then_regions_then_departements():
    labels = frame.territory_labels()
    assert list(labels)[0] == "FRANCE" and labels["FRANCE"] == texts.TERRITORY_FRANCE
    assert sum(z.startswith("R") for z in labels) == 18
    assert sum(z.startswith("D") for z in labels) == 101
    assert labels["D29"] == "29 – Finistère" and labels["R53"] == "Région Bretagne"
    assert labels["D2A"] == "2A – Corse-du-Sud" and labels["D976"] == "976 – Mayotte"


@pytest.mark.parametrize(("zone", "title"), [
    ("FRANCE", texts.FRANCE_TITLE),
    ("R94", texts.REGION_TITLE.format(name="Corse")),
    ("D2B", texts.CARTE_TITLE),
])
def test_each_level_opens_its_view_from_the_link(tmp_path, monkeypatch, zone, title):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["territoire"] = zone
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == [title]
    assert at.sidebar.selectbox(key=frame.WIDGET_KEY).value == zone

"""The Données page's records: the CPTS editor's checks and edited layer, the history table, tooltips."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo import editing, texts
from geo.reference import WGS84

TODAY = dt.date(2026, 12, 3)


def communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": ["29001", "29002", "29003"], "nom": ["A", "B", "C"], "population": [1, 2, 3]},
                            geometry=[box(-4 + i * 0.1, 48, -3.9 + i * 0.1, 48.1) for i in range(3)], crs=WGS84)


def edit(**changes: object) -> editing.CptsEdit:
    values: dict[str, object] = dict(row={}, name="CPTS du Nord", communes=["29001", "29002"], status="projet",
                                     created=dt.date(2024, 1, 1), aci=None, end=None, author="Léa")
    return editing.CptsEdit(**(values | changes))  # type: ignore[arg-type]


def test_problems_name_each_missing_piece_in_french():
    assert edit().problems() == []
    assert edit(name="", communes=[], author="").problems() == [
        texts.DONNEES_EDITOR_NAME_MISSING, texts.DONNEES_EDITOR_NO_COMMUNE, texts.DONNEES_AUTHOR_MISSING]
    assert edit(end=dt.date(2023, 1, 1)).problems() == [texts.DONNEES_EDITOR_DATES_ORDER]


def test_a_new_cpts_gets_its_perimeter_source_and_dates():
    empty_table, empty_members = pd.DataFrame(columns=["id", "name"]), pd.DataFrame(columns=["cpts_id", "commune_code"])
    layer = editing.edited_layer(edit(), empty_table, empty_members, communes(), today=TODAY)
    row = layer.features.iloc[0]
    assert row["name"] == "CPTS du Nord" and row["date_creation"] == "2024-01-01" and row["date_aci"] == ""
    assert row["source"] == texts.DONNEES_EDITOR_SOURCE.format(author="Léa") and row["source_date"] == "2026-12-03"
    assert sorted(layer.members["commune_code"]) == ["29001", "29002"]
    assert row.geometry.area == pytest.approx(0.02)  # the two squares dissolved
    assert len(layer.checksum) == 64


def test_the_same_name_replaces_the_cpts_and_keeps_its_id():
    first = editing.edited_layer(edit(), pd.DataFrame(columns=["id", "name"]),
                                 pd.DataFrame(columns=["cpts_id", "commune_code"]), communes(), today=TODAY)
    table = pd.DataFrame(first.features.drop(columns="geometry"))
    again = editing.edited_layer(edit(name="cpts du  nord", communes=["29003"]), table, first.members, communes(),
                                 today=TODAY)
    assert len(again.features) == 1 and again.features.iloc[0]["id"] == table.iloc[0]["id"]
    assert list(again.members["commune_code"]) == ["29003"]
    assert again.checksum != first.checksum


def test_toggle_and_tooltips_keep_missing_values_missing():
    assert editing.toggled([], "29001") == ["29001"] and editing.toggled(["29001"], "29001") == []
    free = gpd.GeoDataFrame({"nom": ["X", None]}, geometry=[Point(0, 0), Point(1, 1)], crs=WGS84)
    assert editing.feature_tips("layer", free) == ["X", ""]
    assert editing.date_or_none("") is None and editing.date_or_none("2024-06-30") == dt.date(2024, 6, 30)

"""Figures and their tables for the Couverture page (geo.charts)."""

import datetime as dt
import json

import shapely
from shapely.geometry import shape

from geo import barometer as b
from geo import charts, texts


def test_trajectory_figure_and_table():
    t = b.trajectory("IND-311", "D29")
    fig = charts.trajectory_figure(t, "Finistère (29)")
    names = [trace.name for trace in fig.data]
    # the outcome is under the title (a label on the plot collided with the target)
    assert names == [texts.COUV_TRACE_OBSERVED, texts.COUV_TRACE_TARGET, texts.COUV_TRACE_REQUIRED, texts.COUV_TRACE_PROJECTION]
    assert not [a for a in fig.layout.annotations if "atteint" in a.text]
    assert fig.layout.title.text == texts.COUV_INDICATOR_LABELS["IND-311"]
    assert fig.layout.title.subtitle.text == "Finistère (29) · <b>À ce rythme : non atteint en 2030</b>"
    assert fig.layout.yaxis.tickformat == ",~g" and fig.layout.separators == f",{texts.NBSP}"  # 4 000 on the axis
    assert list(fig.data[0].y) == [16, 18, 20, 21, 23, 27, 29, 31, 33, 33, 38, 39, 39]
    assert list(fig.data[2].y) == [39, 68]
    assert any("Baromètre" in a.text and "IND-311" in a.text for a in fig.layout.annotations)
    table = charts.trajectory_table(t, "Finistère (29)")
    target = table[table["Nature"] == "Objectif"].iloc[0]
    assert (target["Date"], target["Valeur"]) == (dt.date(2026, 12, 1), 68)
    projected = table[table["Nature"] == texts.COUV_KIND_LABELS["rythme_observe"]]
    assert projected["Date"].tolist() == [dt.date(2023, 12, 1), dt.date(2030, 12, 1)]
    assert projected["Valeur"].tolist() == [39, 60]  # 3 a year for 7 years


def test_projection_stops_at_the_target_when_reached_first():
    t = b.trajectory("IND-589", "D29")
    fig = charts.trajectory_figure(t, "Finistère (29)")
    assert fig.layout.title.subtitle.text.endswith("<b>À ce rythme, objectif atteint en 2025</b>")
    assert fig.layout.yaxis.ticktext[-1] == f"100{texts.NBSP}%"
    assert charts.projection_end(t) == (dt.date(2025, 7, 1), charts.projection_end(t)[1])
    assert abs(charts.projection_end(t)[1] - 100) < 1.5


def test_sources_sit_on_short_lines_and_name_the_schedule():
    for fig in (charts.trajectory_figure(b.trajectory("IND-311", "D29", "plan_2023"), "Finistère (29)"),
                charts.bullet_figure([b.trajectory("IND-311", "D29", "plan_2023")], "Finistère (29)")):
        source = fig.layout.annotations[-1].text.split("<br>")
        assert source[:2] == list(texts.COUV_CHART_SOURCE_LINES[:1]) + [f"{texts.COUV_CHART_SOURCE_LINES[1]} — IND-311"]
        assert source[-1] == texts.COUV_SCHEDULE_NOTES["plan_2023"]
        assert max(len(line) for line in source) <= 90  # fits a half-width chart
        assert fig.layout.margin.b >= 14 * len(source)
    ids = list(b.INDICATORS)
    fig = charts.comparison_figure(["D29", "R53", "FRANCE"], ids, "Finistère (29)")
    assert fig.layout.annotations[-1].text.split("<br>")[1:3] == [texts.COUV_CHART_SOURCE_LINES[1], ", ".join(ids)]
    fig = charts.trajectory_figure(b.trajectory("IND-589", "D29", "plan_2023"), "Finistère (29)")
    assert texts.COUV_SCHEDULE_NOTES["plan_2023"] not in fig.layout.annotations[-1].text  # CPTS keep the baromètre's date


def test_pace_text():
    msp, cpts = b.INDICATORS["IND-311"], b.INDICATORS["IND-589"]
    assert charts.pace_text(msp, 499.67) == "500"
    assert charts.pace_text(msp, 9.667) == "9,7"
    assert charts.pace_text(cpts, 7.74) == f"7,7{texts.NBSP}pt"


def test_bullet_and_comparison():
    trajs = [b.trajectory(i, "FRANCE") for i in ("IND-311", "IND-318", "IND-589")]
    fig = charts.bullet_figure(trajs, "France")
    assert [d.value for d in fig.data] == [14.29, 47.46, 56.56]
    table = charts.comparison_table(["D29", "R53", "FRANCE"], ["IND-311"])
    assert table[texts.COUV_BULLET_COLUMNS["last_value"]].tolist() == [39, 172, 2501]
    fig = charts.comparison_figure(["D29", "R53", "FRANCE"], ["IND-311", "IND-589"], "Finistère (29)")
    assert [trace.name for trace in fig.data] == ["Finistère (29)", "Région Bretagne", "France"]


def test_departements_geojson_has_101_features_and_insets_overseas():
    features = json.loads(charts.departements_geojson())["features"]
    assert len(features) == 101
    boxes = charts.inset_boxes()
    for feature in features:
        code = feature["properties"]["code"]
        if code in boxes:
            box = shapely.box(*boxes[code]).buffer(1e-4)
            assert box.contains(shape(feature["geometry"])), code


def test_map_table_and_figure():
    table = charts.map_table("value:IND-589")
    assert len(table) == 101
    d29 = table[table["code"] == "29"].iloc[0]
    assert d29["value"] == 80 and "Finistère" in d29["hover"] and f"80,0{texts.NBSP}%" in d29["hover"]
    fig = charts.departements_map(table, "value:IND-589", "29")
    assert len(fig.data[0].locations) == 101
    widths = list(fig.data[0].marker.line.width)
    assert widths[list(table["code"]).index("29")] > max(w for c, w in zip(table["code"], widths) if c != "29")


def test_hover_escapes_names():
    table = charts.map_table("rate:IND-311")
    assert all("<script" not in h for h in table["hover"])


def test_zone_from_selection():
    selection = {"points": [{"curve_number": 0, "location": "22", "z": 20}], "point_indices": [20]}
    assert charts.zone_from_selection(selection) == "D22"
    assert charts.zone_from_selection({"points": [{"curve_number": 1, "lon": 0}]}) is None
    assert charts.zone_from_selection({"points": []}) is None
    assert charts.zone_from_selection(None) is None


def test_ranking_display_is_french():
    frame = b.ranking("IND-311")
    shown = charts.ranking_display(frame, b.INDICATORS["IND-311"])
    row = shown[shown["Code"] == "59"].iloc[0]
    assert row["Dernière valeur"] == "104" and row["Date"] == "déc. 2023"
    export = charts.ranking_table(frame, b.INDICATORS["IND-311"])
    assert export[export["Code"] == "29"].iloc[0]["Atteint en (rythme observé)"] == "non atteint en 2030"

"""Figures and their tables for the Couverture page (geo.charts)."""

import datetime as dt
import json

import pytest
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
    dated = texts.COUV_CHART_SOURCE_LINES[1].format(date="17/10/2024")  # no download: the shipped snapshot's date
    for fig in (charts.trajectory_figure(b.trajectory("IND-311", "D29", "plan_2023"), "Finistère (29)"),
                charts.bullet_figure([b.trajectory("IND-311", "D29", "plan_2023")], "Finistère (29)")):
        source = fig.layout.annotations[-1].text.split("<br>")
        assert source[:2] == list(texts.COUV_CHART_SOURCE_LINES[:1]) + [f"{dated} — IND-311"]
        assert source[-1] == texts.COUV_SCHEDULE_NOTES["plan_2023"]
        assert max(len(line) for line in source) <= 90  # fits a half-width chart
        assert fig.layout.margin.b >= 14 * len(source)
    ids = list(b.INDICATORS)
    fig = charts.comparison_figure(["D29", "R53", "FRANCE"], ids, "Finistère (29)")
    assert fig.layout.annotations[-1].text.split("<br>")[1:3] == [dated, ", ".join(ids)]
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
    assert sorted(boxes) == ["971", "972", "973", "974", "976"]  # the loop below checks each of them
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
    assert widths[list(table["code"]).index("29")] > max(w for c, w in zip(table["code"], widths, strict=True) if c != "29")


def test_hover_escapes_names():
    table = charts.map_table("rate:IND-311")
    assert all("<script" not in h for h in table["hover"])


def test_zone_from_selection():
    selection = {"points": [{"curve_number": 0, "location": "22", "z": 20}], "point_indices": [20]}
    assert charts.zone_from_selection(selection) == "D22"
    assert charts.zone_from_selection({"points": [{"curve_number": 1, "lon": 0}]}) is None
    assert charts.zone_from_selection({"points": []}) is None
    assert charts.zone_from_selection(None) is None


def test_ranking_display_is_french_and_short():
    frame = b.ranking("IND-311")
    shown = charts.ranking_display(frame, b.INDICATORS["IND-311"])
    # fits the page: short labels, the code beside the name, dates under the table
    assert list(shown.columns) == list(texts.COUV_RANK_SCREEN_COLUMNS.values())
    assert "Date" not in shown.columns and "Code" not in shown.columns
    assert max(len(c) for c in shown.columns) <= 13
    assert list(shown.index) == list(range(101))  # the page highlights a row by position
    row = shown[shown["Département"] == "Nord (59)"].iloc[0]
    assert (row["Valeur"], row["Objectif"], row["Avancement"]) == ("104", "160", f"29,1{texts.NBSP}%")
    assert charts.ranking_dates_text(frame) == texts.COUV_RANK_DATES.format(last="déc. 2023", target="déc. 2026")
    assert "mai 2024" in charts.ranking_dates_text(b.ranking("IND-589"))  # several dates are all named
    # the CSV keeps every column
    export = charts.ranking_table(frame, b.INDICATORS["IND-311"])
    assert sorted(export.columns) == sorted(texts.COUV_RANK_COLUMNS.values())
    assert export[export["Code"] == "29"].iloc[0]["Atteint en (rythme observé)"] == "non atteint en 2030"


def figures(presenting: bool) -> dict:
    trajs = [b.trajectory(i, "D29") for i in ("IND-311", "IND-318", "IND-589")]
    zones, ids = ["D29", "R53", "FRANCE"], list(b.INDICATORS)
    return {
        "trajectory": charts.trajectory_figure(trajs[0], "Finistère (29)", presenting=presenting),
        "bullets": charts.bullet_figure(trajs, "Finistère (29)", presenting=presenting),
        "comparison": charts.comparison_figure(zones, ids, "Finistère (29)", presenting=presenting),
        "map": charts.departements_map(charts.map_table("rate:IND-589"), "rate:IND-589", "29", presenting=presenting),
    }


def test_presentation_mode_enlarges_every_font_of_every_figure():
    normal, big = figures(False), figures(True)
    for name in normal:
        n, p = normal[name].layout, big[name].layout
        assert p.font.size >= n.font.size + 4, name
        assert p.title.font.size > n.title.font.size, name
        assert p.hoverlabel.font.size > n.hoverlabel.font.size, name
        assert p.annotations[-1].font.size > n.annotations[-1].font.size, name  # the source
        assert p.height > n.height and p.margin.t > n.margin.t and p.margin.b > n.margin.b, name
        # the source's lines (at the larger line height) fit in the bottom margin
        assert p.margin.b >= 20 * (p.annotations[-1].text.count("<br>") + 1), name
    traj = big["trajectory"].layout
    assert traj.xaxis.tickfont.size == traj.yaxis.tickfont.size == charts.size(12, True) > 12
    assert traj.legend.font.size > normal["trajectory"].layout.legend.font.size
    assert traj.title.subtitle.font.size > normal["trajectory"].layout.title.subtitle.font.size
    assert big["trajectory"].data[1].textfont.size > normal["trajectory"].data[1].textfont.size  # the target's value
    bullet, small_bullet = big["bullets"].data[0], normal["bullets"].data[0]
    assert bullet.number.font.size > small_bullet.number.font.size
    assert bullet.gauge.axis.tickfont.size > small_bullet.gauge.axis.tickfont.size
    assert bullet.domain.x[1] - bullet.domain.x[0] >= small_bullet.domain.x[1] - small_bullet.domain.x[0]
    compare = big["comparison"]
    assert compare.layout.yaxis.tickfont.size > 13 and compare.data[0].textfont.size > 13
    assert max(len(line) for line in compare.layout.annotations[-1].text.split("<br>")) <= 46  # wide axis labels
    assert big["map"].data[0].colorbar.tickfont.size > normal["map"].data[0].colorbar.tickfont.size
    # on a shared screen the map is stretched to a 720 px screen's free height: one zoom step out keeps France whole,
    # and the overseas names go left of their (smaller) boxes, right-aligned, instead of under them
    assert big["map"].layout.height - normal["map"].layout.height <= 60
    assert big["map"].layout.map.zoom == normal["map"].layout.map.zoom - 1
    insets = [a for a in big["map"].layout.annotations if a.text in texts.COUV_MAP_OVERSEAS_LABELS.values()]
    assert len(insets) == 5 and all(a.xanchor == "right" and a.xshift < 0 for a in insets)


def test_normal_figures_keep_their_sizes():
    fig = figures(False)["trajectory"]
    assert (fig.layout.font.size, fig.layout.title.font.size, fig.layout.height) == (13, 16, 440)
    assert fig.layout.annotations[-1].font.size == 11
    # two legend entries a row, half the plot each: a PNG export (in Arial, wider) no longer cuts the last one
    assert (fig.layout.legend.entrywidth, fig.layout.legend.entrywidthmode) == (0.5, "fraction")


def test_overseas_insets_are_named_under_their_boxes():
    fig = charts.departements_map(charts.map_table("rate:IND-589"), "rate:IND-589", None)
    labels = {a.text: a for a in fig.layout.annotations if a.text in texts.COUV_MAP_OVERSEAS_LABELS.values()}
    assert list(labels) == ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]
    boxes = charts.inset_boxes()
    for code, name in texts.COUV_MAP_OVERSEAS_LABELS.items():
        x0, y0, x1, y1 = boxes[code]
        label = labels[name]
        assert (label.xref, label.x, label.y, label.yanchor) == ("paper", 0.5, 0.5, "top")  # from the map's centre
        assert (label.xshift, label.yshift + 1) == pytest.approx(charts.inset_shift((x0 + x1) / 2, y0))
    # the label sits in the gap under its box (a 12 px text in the gap's pixels)
    top, bottom = charts.inset_shift(0, boxes["971"][1])[1], charts.inset_shift(0, boxes["972"][3])[1]
    assert top - bottom >= 16 + 2
    assert charts.inset_shift(charts.MAP_CENTER["lon"], charts.MAP_CENTER["lat"]) == (0, 0)
    # the map's view is fixed (labels stay on their boxes): the wheel scrolls the page
    assert charts.config("carte", fixed_view=True)["scrollZoom"] is False
    assert "scrollZoom" not in charts.config("trajectoire")

"""AppTest of the Couverture et objectifs page: texts and figures for France and Finistère."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import barometer, charts, links, texts

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "couverture.py")
NBSP = texts.NBSP
# Tab label -> its name in the link (?onglet=…)
TAB = dict(zip([texts.COUV_TAB_PROGRESS, texts.COUV_TAB_TRAJ, texts.COUV_TAB_MAP, texts.COUV_TAB_RANK,
                texts.COUV_TAB_CHECK], links.COUVERTURE_TABS, strict=True))


def run(zone: str | None = None, vue: str | None = None, query_zone: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if zone:
        at.session_state["territory"] = zone
    if query_zone:
        at.query_params["territoire"] = query_zone
    if vue:
        at.query_params["onglet"] = TAB[vue]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_france():
    at = run("FRANCE")
    assert at.title[0].value == texts.COUV_TITLE.format(territory="France")
    values = [m.value for m in at.metric]
    assert values[:3] == [f"2{NBSP}501", "638", f"86,1{NBSP}%"]
    assert at.metric[0].label == texts.COUV_METRIC_LAST.format(date="déc. 2023")
    assert at.metric[2].label == texts.COUV_METRIC_LAST.format(date="mai 2024")
    # each delta says since when: the CPTS change runs over 20 months, not "in a year"
    assert [m.proto.delta for m in at.metric[:3]] == ["+250", "+56", f"+18,1{NBSP}pt"]
    assert [m.proto.delta_description for m in at.metric[:3]] == [
        texts.COUV_DELTA_SINCE.format(date=d) for d in ("déc. 2022", "déc. 2022", "sept. 2022")]
    text = markdown(at)
    assert texts.COUV_TARGET_LINE.format(target=f"4{NBSP}000", date="déc. 2026") in text
    assert texts.COUV_TARGET_LINE.format(target="700", date="déc. 2026") in text
    assert texts.COUV_RATE_LINE.format(rate=f"14,3{NBSP}%") in text
    assert texts.COUV_PACE_REQUIRED.format(pace="500", date="déc. 2026") in text
    assert texts.COUV_PACE_OBSERVED.format(pace="242", start="déc. 2021", end="déc. 2023") in text
    assert texts.COUV_PROJ_REACHED.format(year=2030) in text


def test_finistere():
    at = run("D29")
    assert at.title[0].value == "Couverture et objectifs — Finistère (29)"
    values = [m.value for m in at.metric]
    assert values[:3] == ["39", "6", f"80,0{NBSP}%"]
    assert at.metric[0].delta == "+1"
    text = markdown(at)
    assert texts.COUV_TARGET_LINE.format(target="68", date="déc. 2026") in text
    assert texts.COUV_RATE_LINE.format(rate=f"3,3{NBSP}%") in text
    assert texts.COUV_RATE_LINE.format(rate=f"55,6{NBSP}%") in text
    assert texts.COUV_PACE_REQUIRED.format(pace="9,7", date="déc. 2026") in text
    assert texts.COUV_PROJ_NOT_REACHED.format(year=2030) in text
    assert texts.COUV_PROJ_REACHED.format(year=2025) in text  # CPTS at the pace of Dec. 2022 -> May 2024
    # the source of the targets' date is shown
    assert any(texts.COUV_SCHEDULE_SOURCES["barometre"] in c.value for c in at.caption)


def test_territory_from_the_url():
    at = run(query_zone="D29")
    assert "Finistère (29)" in at.title[0].value


def test_schedule_choice_moves_the_msp_target_date():
    at = run("FRANCE")
    at.radio(key="couv_schedule").set_value("plan_2023").run()
    assert not at.exception
    text = markdown(at)
    assert texts.COUV_TARGET_LINE.format(target=f"4{NBSP}000", date="déc. 2027") in text
    assert texts.COUV_PACE_REQUIRED.format(pace="375", date="déc. 2027") in text
    assert texts.COUV_TARGET_LINE.format(target="700", date="déc. 2026") in text  # other targets keep their date
    assert any(texts.COUV_SCHEDULE_SOURCES["plan_2023"] in c.value for c in at.caption)


def test_schedule_from_the_url():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["territoire"] = "D29"
    at.query_params["echeance"] = "plan_2023"
    at.run()
    assert not at.exception
    assert at.radio(key="couv_schedule").value == "plan_2023"
    assert texts.COUV_TARGET_LINE.format(target="68", date="déc. 2027") in markdown(at)
    assert texts.COUV_PACE_REQUIRED.format(pace=charts.pace_text(barometer.INDICATORS["IND-311"], 29 / 4),
                                           date="déc. 2027") in markdown(at)  # 29 MSP in 4 years


def test_progress_tab_has_charts_and_exports():
    at = run("D29")
    figures = at.get("plotly_chart")
    assert len(figures) == 2  # bullets + comparison (other tabs are lazy)
    downloads = at.get("download_button")
    assert len(downloads) == 2
    assert any(barometer.source_caption() in c.value for c in at.caption)


def test_trajectories_tab():
    at = run("D29", vue=texts.COUV_TAB_TRAJ)
    assert len(at.get("plotly_chart")) == 5
    assert len(at.get("download_button")) == 5
    captions = [c.value for c in at.caption]
    assert sum(barometer.source_caption() in c for c in captions) == 5
    assert any("IND-311" in c and "déc. 2023" in c for c in captions)


def test_ranking_tab_finistere():
    at = run("D29", vue=texts.COUV_TAB_RANK)
    assert texts.COUV_RANK_POSITION.format(
        territory="Finistère (29)", rank=74, total=101, label=texts.COUV_INDICATOR_LABELS["IND-311"]) in markdown(at)
    table = at.dataframe[0].value
    assert len(table) == 101
    # short labels (the table fits the page at 1400 px): code beside the name, dates under the table
    assert list(table.columns) == list(texts.COUV_RANK_SCREEN_COLUMNS.values())
    row = table[table["Département"] == "Finistère (29)"].iloc[0]
    assert (row["Valeur"], row["Objectif"], row["Atteint en"]) == ("39", "68", "non atteint en 2030")
    assert (row["Rang"], row["Avancement"], row["Part atteinte"]) == (
        74, f"3,3{NBSP}%", f"57,4{NBSP}%")  # French decimals, not a progress bar's '3.3'
    # the caption names the source and the dates left out of the table; the CSV under it is the same ranking
    assert any(texts.COUV_RANK_CAPTION in c.value and "IND-311" in c.value and "déc. 2026" in c.value for c in at.caption)


def test_ranking_tab_highlights_the_selected_departement_and_sets_widths():
    at = run("D29", vue=texts.COUV_TAB_RANK)
    proto = at.dataframe[0].proto
    # the Styler's highlight reaches the frontend, on every cell of the selected row only (rank 74, row 73)
    styles = proto.arrow_data.styler.styles
    highlighted = {rule.split("_")[-2] for rule in styles.split("{")[0].split(", ")}
    assert "e3e3fd" in styles and highlighted == {"row73"}
    assert styles.split("{")[0].count("row73_col") == len(texts.COUV_RANK_SCREEN_COLUMNS)
    config = json.loads(proto.columns)
    widths = {name: col.get("width") for name, col in config.items() if name != "_index"}  # hidden
    assert all(isinstance(w, int) for w in widths.values()), widths
    assert sum(widths.values()) <= 940  # the main column at a 1400 px viewport, sidebar open
    assert config["Avancement"]["help"] == texts.COUV_RANK_SCREEN_HELP["rate"]


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("vue", [texts.COUV_TAB_PROGRESS, texts.COUV_TAB_TRAJ, texts.COUV_TAB_MAP])
def test_presentation_mode_enlarges_the_charts(vue):
    normal = chart_specs(run("D29", vue=vue))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["territoire"] = "D29"
    at.query_params["onglet"] = TAB[vue]
    at.query_params["presentation"] = "1"
    at.run()
    if vue == texts.COUV_TAB_PROGRESS:  # a shared screen shows the cards first, the comparison on demand
        assert chart_specs(at) == [] and at.metric
        at.segmented_control(key="couv_progress_pick").set_value("compare").run()
    assert not at.exception
    big = chart_specs(at)
    assert len(big) == 1 and normal  # one chart at a time, sized to the screen (height="stretch")
    same = {spec["layout"]["title"]["text"]: spec for spec in normal}
    for p in big:
        n = same[p["layout"]["title"]["text"]]
        assert p["layout"]["font"]["size"] > n["layout"]["font"]["size"]
        assert p["layout"]["title"]["font"]["size"] > n["layout"]["title"]["font"]["size"]
        assert p["layout"]["hoverlabel"]["font"]["size"] > n["layout"]["hoverlabel"]["font"]["size"]
        assert p["layout"]["height"] > n["layout"]["height"]


def test_ranking_of_sas_says_the_barometre_publishes_it_nationally_only():
    at = run("D29", vue=texts.COUV_TAB_RANK)
    at.segmented_control(key="couv_rank").set_value("IND-587").run()
    assert not at.exception
    assert any(texts.COUV_SAS_NOTE in c.value and "IND-587" in c.value for c in at.caption)


def test_map_tab():
    at = run("D29", vue=texts.COUV_TAB_MAP)
    assert len(at.get("plotly_chart")) == 1
    assert any(texts.COUV_MAP_HELP in i.value for i in at.info)
    panel = markdown(at)
    assert "**Finistère (29)**" in panel and f"**80,0{NBSP}%** (mai 2024)" in panel  # CPTS by default
    assert "Rang :" in panel


def test_check_tab_finistere():
    at = run("D29", vue=texts.COUV_TAB_CHECK)
    table = at.table[0].value.reset_index()
    official = dict(zip(table["Indicateur"], table["Officiel"], strict=True))
    assert official[texts.COUV_CHECK_CPTS_STRICT] == f"80,0{NBSP}%"
    assert official[texts.COUV_CHECK_MSP] == "39"
    computed = dict(zip(table["Indicateur"], table["Calculé (couches chargées)"], strict=True))
    assert computed[texts.COUV_CHECK_CPTS_STRICT].startswith(f"7,9{NBSP}%")
    assert computed[texts.COUV_CHECK_MSP].startswith("4 ")
    text = markdown(at)
    assert "2 CPTS sur 12" in text and "4 MSP sur 39" in text and "page Données" in text


def test_check_tab_links_to_the_donnees_page_inside_the_app():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["territoire"] = "D29"
    at.run()
    at.switch_page("pages/couverture.py")
    at.query_params["onglet"] = "verification"
    at.run()
    assert not at.exception and at.title[0].value == "Couverture et objectifs — Finistère (29)"
    links = [(e.proto.label, e.proto.page) for e in at.get("page_link")]
    assert (texts.COUV_CHECK_LINK, "donnees") in links


def test_check_tab_france_points_to_a_departement():
    at = run("FRANCE", vue=texts.COUV_TAB_CHECK)
    assert any("Finistère (29)" in i.value for i in at.info)


@pytest.mark.parametrize("zone", ["R53", "D976", "D2A"])
def test_other_territories_render(zone):
    at = run(zone)
    assert at.title[0].value.startswith("Couverture et objectifs — ")

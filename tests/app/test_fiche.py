"""AppTest of the Fiche territoire page: links, the four-level comparison and its caveat, gaps, scenarios."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NBSP = texts.NBSP


def open_fiche(tmp_path, monkeypatch, **params: str) -> AppTest:
    """The Fiche page on an empty store, opened from a link (?commune=…, ?scenario=…)."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page("pages/fiche.py")
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def frames(at) -> list:
    return [d.value for d in at.dataframe]


def test_quimper_opens_with_four_levels_and_the_caveat(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="29232")
    assert [h.value for h in at.header][0] == texts.FICHE_HEADER.format(kind="Commune", name="Quimper")
    assert any("Calculé sur 4 MSP cartographiées sur 39." in w.value for w in at.warning)
    table = at.table[0].value.set_index(texts.FICHE_COL_INDICATOR)
    assert list(table.columns) == ["Quimper", "Finistère (29)", "Région Bretagne", "France", texts.FICHE_COL_SOURCE]
    assert table.loc[texts.FICHE_ROW_MSP_OFFICIAL, "France"] == f"2{NBSP}501"
    captions = [c.value for c in at.caption]
    assert texts.FICHE_NA_NOTE.format(level="France", reason=texts.FICHE_NA_FRANCE) in captions


def test_epci_and_cpts_links_open_their_fiche(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, epci="242900694")
    assert at.header[0].value == texts.FICHE_HEADER.format(kind="EPCI", name="CA Quimperlé Communauté")
    at = open_fiche(tmp_path, monkeypatch, cpts="T01")
    assert at.header[0].value == texts.FICHE_HEADER.format(kind="CPTS", name="CPTS du Pays de Quimperlé")
    assert frames(at)[0][texts.FICHE_COL_CPTS].tolist() == ["CPTS du Pays de Quimperlé"]


def only_the_gap_list(at) -> bool:
    """No territory's fiche: the page's one h2 is the département's gap list."""
    return [h.value for h in at.header] == [texts.GAPS_HEADER.format(dep="Finistère (29)")]


def test_an_unknown_link_says_so_in_french(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="99999")
    assert at.error[0].value == texts.FICHE_UNKNOWN.format(code="99999", kind="Commune")
    assert only_the_gap_list(at)


def test_picking_a_commune_puts_it_in_the_url(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch)
    assert only_the_gap_list(at)  # nothing chosen yet: the gap list of the département is shown
    at.selectbox(key="fiche_pick_commune").set_value("29026").run()
    assert at.query_params["commune"] == "29026"
    assert at.header[0].value == texts.FICHE_HEADER.format(kind="Commune", name="Châteaulin")


def test_gap_list_follows_the_criterion(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="29232")
    cols = texts.GAPS_COLUMNS

    def communes() -> list[str]:
        return next(f for f in frames(at) if cols["msp_km"] in f.columns)[cols["code"]].tolist()

    assert communes()[0] == "29019"  # Brest, beyond 10 km of every mapped MSP
    at.radio(key="gaps_criterion").set_value("no_cpts").run()
    assert "29004" not in communes()  # Bannalec is in the CPTS du Pays de Quimperlé
    assert {b.proto.label for b in at.get("download_button")} >= {texts.GAPS_EXPORT, texts.GAPS_EXPORT_EPCI}


def scenario_table(at):
    return next(t.value for t in at.table if texts.SCENARIO_COL_SCENARIO in t.value.columns)


def test_a_hypothetical_msp_at_chateaulin_is_compared_and_labelled(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="29026")
    assert texts.SCENARIO_LABEL not in [h.value for h in at.header]
    at.multiselect(key="sc_msp_29").set_value(["29026"]).run()
    assert not at.exception
    assert texts.SCENARIO_LABEL in [h.value for h in at.header]
    table = scenario_table(at).set_index(texts.SCENARIO_COL_FIGURE.format(dep="Finistère (29)"))
    row = table.loc[texts.SCENARIO_ROWS["msp_dep"]]
    assert (row[texts.SCENARIO_COL_CURRENT], row[texts.SCENARIO_COL_SCENARIO]) == ("39", "40")
    mean = table.loc[texts.SCENARIO_ROWS["msp_mean"]]
    assert mean[texts.SCENARIO_COL_CURRENT] != mean[texts.SCENARIO_COL_SCENARIO]
    assert json.loads(at.query_params["scenario"]) == {"m": ["29026"]}


def test_a_shared_scenario_url_reopens_it_and_a_bad_one_is_refused(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="29232", scenario='{"m":["29026"]}')
    assert at.multiselect(key="sc_msp_29").value == ["29026"]
    assert scenario_table(at) is not None
    at = open_fiche(tmp_path, monkeypatch, commune="29232", scenario='{"m":["00000"]}')
    reason = texts.md_escape(texts.SCENARIO_ERRORS["commune"].format(code="00000"))
    message = texts.SCENARIO_BAD_URL.format(reason=reason)
    assert message in [e.value for e in at.error]


def test_a_scenario_is_saved_by_name_in_the_store_folder(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, commune="29232", scenario='{"m":["29026"]}')
    at.text_input(key="sc_name_29").input("Châteaulin 2027").run()
    at.button(key="sc_save_29").click().run()
    assert texts.SCENARIO_SAVED.format(name="Châteaulin 2027") in [s.value for s in at.success]
    saved = json.loads((tmp_path / "store" / "scenarios" / "Châteaulin 2027.json").read_text(encoding="utf-8"))
    assert saved["scenario"] == '{"m":["29026"]}'
    assert not list((tmp_path / "store").glob("*.gpkg"))  # never mixed with the stored layers


def test_a_saved_scenario_is_opened_by_name(tmp_path, monkeypatch):
    from geo.access import scenario

    scenario.save(tmp_path / "store" / "scenarios", "Aulne", "29", scenario.Scenario(msp=("29026",)))
    at = open_fiche(tmp_path, monkeypatch, commune="29232")
    assert at.multiselect(key="sc_msp_29").value == []
    assert at.selectbox(key="sc_saved_29").value == "Aulne"
    at.button(key="sc_load_29").click().run()
    assert at.multiselect(key="sc_msp_29").value == ["29026"]
    assert json.loads(at.query_params["scenario"]) == {"m": ["29026"]}


def test_access_tab_compares_the_territory_with_its_departement(tmp_path, monkeypatch):
    at = open_fiche(tmp_path, monkeypatch, epci="242900694")
    overview = next(t.value for t in at.table if texts.ACCESS_COL_TERRITORY in t.value.columns)
    assert overview[texts.ACCESS_COL_TERRITORY].tolist() == ["CA Quimperlé Communauté", "Finistère (29)"]
    means = overview[texts.ACCESS_COLUMNS["msp"]["mean"]].tolist()
    assert all(m.endswith("km") for m in means) and means[0] != means[1]

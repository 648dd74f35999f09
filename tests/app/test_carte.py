"""AppTest of the Carte page: wording, completeness figures, filters and commune search.

AppTest does not draw st_folium (a custom component); what the map shows is
tested on the generated HTML (tests/unit/test_maps.py) and in Chromium (tests/e2e).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts
from geo.structures import load_structures

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(tmp_path, monkeypatch, territory: str | None = None) -> AppTest:
    """The app on an empty store, optionally opened from a shared URL (?territoire=…)."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    app = AppTest.from_file(APP, default_timeout=90)
    if territory:
        app.query_params["territoire"] = territory
    app.run()
    assert not app.exception
    return app


@pytest.fixture()
def at(tmp_path, monkeypatch):
    return open_app(tmp_path, monkeypatch)


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_carte_is_the_default_page_with_title_and_warning(at):
    assert at.title[0].value == texts.CARTE_TITLE
    banner = at.warning[0].value
    assert texts.COMPLETENESS_WARNING in banner
    assert "MSP : 4 sur 39 ; centres de santé : 6 sur 44 ; CPTS : 2 sur 12" in banner
    assert at.sidebar.selectbox[0].value == "D29"


def test_completeness_panel_states_mapped_vs_declared_with_sources(at):
    text = markdown(at)
    assert texts.COMPLETENESS_LINE.format(mapped="4", declared="39") in text
    assert texts.COMPLETENESS_SITES.format(sites=5) in text
    assert texts.COMPLETENESS_LINE.format(mapped="6", declared="44") in text
    assert texts.COMPLETENESS_LINE.format(mapped="2", declared="12") in text
    assert texts.COMPLETENESS_SOURCE.format(source=texts.DECLARED_SOURCES["msp"], date="01/12/2023") in text
    assert texts.COMPLETENESS_SOURCE.format(source=texts.DECLARED_SOURCES["cds"], date="30/06/2024") in text
    assert texts.COMPLETENESS_UNLABELLED.format(n=7) in text


def test_commune_search_shows_the_card(at):
    at.sidebar.text_input(key="carte_search").input("plourin les morlaix").run()
    assert not at.exception
    assert f"{texts.CARD_HEADER} : Plourin-lès-Morlaix" in [h.value for h in at.subheader]


def test_commune_search_without_match_says_so(at):
    at.sidebar.text_input(key="carte_search").input("Atlantis").run()
    assert texts.SEARCH_NONE.format(query="Atlantis") in [i.value for i in at.sidebar.info]


def test_filters_and_choropleth_rerun_without_error(at):
    at.sidebar.pills(key="carte_kinds").set_value(["msp"]).run()
    shipped = load_structures("29")
    shown = texts.STRUCTURES_SHOWN.format(shown=int((shipped["kind"] == "msp").sum()), total=len(shipped))
    assert shown in [c.value for c in at.caption]
    at.sidebar.radio(key="carte_choropleth").set_value(texts.CHOROPLETH_DENSITY).run()
    assert not at.exception
    assert any(texts.LEGEND_CHOROPLETH.format(label=texts.CHOROPLETH_DENSITY) in h.body for h in at.get("html"))


def test_every_departement_is_shipped_paris_included(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch, "D75")
    assert not at.info  # no fallback to Finistère: all 101 départements ship their communes
    assert texts.CARTE_CAPTION.format(dep="75 – Paris") in [c.value for c in at.caption]
    assert any(texts.NO_MAPPED_DATA in w.value for w in at.warning)


def test_another_breton_departement_is_drawn_and_says_what_it_lacks(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch, "D56")
    assert not at.info
    assert texts.CARTE_CAPTION.format(dep="56 – Morbihan") in [c.value for c in at.caption]
    text = markdown(at)
    # MSP and centres declared from the baromètre (IND-311: 43, IND-318: 3 at 2023-12); nothing mapped yet
    assert texts.COMPLETENESS_LINE.format(mapped="0", declared="43") in text
    assert texts.COMPLETENESS_LINE.format(mapped="0", declared="3") in text
    assert texts.COMPLETENESS_NO_DECLARED.format(mapped="0") in text  # CPTS: no official count per département


def test_presentation_mode_from_the_url_and_the_toggle(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch)
    assert at.sidebar.toggle(key="presentation_toggle").value is False
    at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    assert at.query_params["presentation"] == "1"
    assert any("font-size: 19px" in h.body for h in at.get("html"))
    at.sidebar.toggle(key="presentation_toggle").set_value(False).run()
    assert "presentation" not in at.query_params
    shared = open_app(tmp_path, monkeypatch, "D29")
    assert not any("font-size: 19px" in h.body for h in shared.get("html"))

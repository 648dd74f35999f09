"""AppTest of the Carte page: wording, completeness figures, filters and commune search.

AppTest does not draw st_folium (a custom component); what the map shows is
tested on the generated HTML (tests/unit/test_maps.py) and in Chromium (tests/e2e).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts
from geo.structures import load_structures

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(tmp_path, monkeypatch, territory: str | None = None, **params: str) -> AppTest:
    """The app on an empty store, optionally opened from a shared URL (?territoire=…&filtres=…)."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    app = AppTest.from_file(APP, default_timeout=90)
    if territory:
        app.query_params["territoire"] = territory
    for name, value in params.items():
        app.query_params[name] = value
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


def map_args(at) -> dict:
    """The arguments the page gave the map component (AppTest does not draw it)."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def controls_config(at) -> dict:
    """The state and choices handed to the map's own controls (geo/maps/controls.js)."""
    script = map_args(at)["script"]
    literal = re.search(r'window\.carteMapControls\(map_div, \{[^}]*\}, JSON\.parse\(("(?:[^"\\]|\\.)*")\)', script)
    return json.loads(json.loads(literal.group(1)))


def test_commune_search_selects_the_commune_in_the_link_and_shows_the_card(at):
    at.text_input(key="carte_search").input("plourin les morlaix").run()
    assert not at.exception
    assert f"{texts.CARD_HEADER} : Plourin-lès-Morlaix" in [h.value for h in at.subheader]
    assert at.query_params["commune"] == "29207"
    assert map_args(at)["zoom"] == 12 and map_args(at)["feature_group"]  # flown to, outlined
    at.text_input(key="carte_search").input("").run()
    assert "commune" not in at.query_params


def test_commune_search_without_match_says_so(at):
    at.text_input(key="carte_search").input("Atlantis").run()
    assert texts.SEARCH_NONE.format(query="Atlantis") in [i.value for i in at.info]


def test_the_sidebar_keeps_territory_and_presentation_only(at):
    assert [w.key for w in at.sidebar.selectbox] == ["territory_select"]
    assert [w.key for w in at.sidebar.toggle] == ["presentation_toggle"]
    assert not at.sidebar.checkbox and not at.sidebar.radio and not at.sidebar.text_input
    assert not at.sidebar.get("button_group")  # pills
    shipped = load_structures("29")
    config = controls_config(at)
    assert config["state"] == {"layers": ["communes", "epci", "cpts", "structures"], "background": None,
                               "kinds": sorted(set(shipped["kind"]), key=[k for k, *_ in config["kinds"]].index),
                               "statuses": ["ouvert", "projet", "annonce", "ferme"], "colour": None}
    assert config["total"] == len(shipped) and config["text"]["shown"] == texts.STRUCTURES_SHOWN


def test_a_link_sets_the_maps_initial_view(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch, "D29", couches="communes,cpts,plan-clair", filtres="msp,ouvert,projet",
                  couleur="densite", centre="48.39,-4.49", zoom="11.25", commune="29019")
    assert not at.info
    state = controls_config(at)["state"]
    assert state == {"layers": ["communes", "cpts"], "background": "plan-clair", "kinds": ["msp"],
                     "statuses": ["ouvert", "projet"], "colour": "densite"}
    script = map_args(at)["script"]
    assert re.search(r'center:\s*\[\s*48\.39,\s*-4\.49\s*\]', script)
    assert '"zoom": 11.25' in script and "fitBounds" not in script  # the link's view, not the département's
    assert f"{texts.CARD_HEADER} : Brest" in [h.value for h in at.subheader]
    assert map_args(at)["feature_group"] and map_args(at)["zoom"] is None  # outlined, the link's view kept
    alone = open_app(tmp_path, monkeypatch, "D29", commune="29019")
    assert map_args(alone)["zoom"] == 12  # a commune and no centre: the map opens on the commune


def test_a_link_with_unknown_values_says_so_and_keeps_the_defaults(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch, "D29", couches="communes,satellite", couleur="revenu", centre="200,1",
                  zoom="abc", commune="75056")
    notices = [i.value for i in at.info]
    for name, value in (("couches", "satellite"), ("couleur", "revenu"), ("centre", "200,1"), ("zoom", "abc")):
        assert texts.LINK_BAD_VALUE.format(name=name, value=value) in notices
    assert texts.LINK_BAD_COMMUNE.format(value="75056") in notices
    state = controls_config(at)["state"]
    assert state["layers"] == ["communes"] and state["colour"] is None
    assert "fitBounds" in map_args(at)["script"]
    assert not any(h.value.startswith(texts.CARD_HEADER) for h in at.subheader)


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
    assert any("font-size: max(19px, 2.3vh)" in h.body for h in at.get("html"))
    at.sidebar.toggle(key="presentation_toggle").set_value(False).run()
    assert "presentation" not in at.query_params
    shared = open_app(tmp_path, monkeypatch, "D29")
    assert not any("font-size: max(19px" in h.body for h in shared.get("html"))

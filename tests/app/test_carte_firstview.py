"""AppTest of the Carte's first view (ready.py): the map first, the rest in the run the browser asks once it is drawn.

Only a browser can say the map is drawn, so the deferral needs one on the other end (st.context.url): these tests
give the run a URL, as Streamlit's page does; tests/app/test_carte.py runs with none and sees the whole page at once.
"""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

import ready
from geo import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
BROWSER_URL = "http://127.0.0.1:8501/"


def open_in_browser(tmp_path, monkeypatch, **params: str) -> AppTest:
    """A session's first run as a browser opens it: a page URL in st.context, the link's parameters."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.context["url"] = BROWSER_URL
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def map_drawn(at: AppTest) -> None:
    """The run static/ready.js asks once the map is drawn: the component's state `ready` set, as the page sends it.
    AppTest has no public way to set a components.v2 state, so the widget states are built as the page builds them."""
    (signal,) = [element for element in at.get("bidi_component") if element.key == ready.SIGNAL_KEY]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = signal.proto.id
    state.json_value = json.dumps({"ready": True})
    at._run(states)
    assert not at.exception


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def map_arguments(at: AppTest) -> str:
    (component,) = at.get("component_instance")
    return component.proto.json_args


def components(at: AppTest) -> list[str | None]:
    return [element.key for element in at.get("bidi_component")]


def test_a_sessions_first_run_sends_the_head_and_the_map_and_asks_for_the_rest(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch)
    assert at.title[0].value == texts.CARTE_TITLE
    assert texts.COMPLETENESS_WARNING in at.warning[0].value  # the map never looks complete, even alone
    assert map_arguments(at)
    assert at.query_params["territoire"] == "D29"  # the map reads its territory from the link
    assert not at.sidebar.selectbox and not at.sidebar.toggle and not at.sidebar.expander
    assert not at.text_input and headers(at) == []
    assert components(at) == [ready.SIGNAL_KEY]  # no table, no exports yet: the component that asks for them


def test_the_signal_adds_the_panels_and_the_sidebar_and_keeps_the_map(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch)
    drawn = map_arguments(at)
    map_drawn(at)
    assert at.sidebar.selectbox(key="territory_select").value == "D29"
    assert at.sidebar.toggle(key="presentation_toggle").value is False
    assert [e.label for e in at.sidebar.expander] == [texts.SIDEBAR_FRESHNESS, texts.STORY_PANEL]
    assert headers(at) == [texts.SEARCH_LABEL, texts.LEGEND_TITLE, texts.COMPLETENESS_HEADER]
    assert at.text_input(key="carte_search")
    assert components(at) == ["carte_table", "carte_export", "carte_export_file"]
    assert map_arguments(at) == drawn  # the same map: the browser keeps the one it drew
    assert len(at.warning) == 1


def test_every_later_run_of_the_session_is_complete(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch)
    map_drawn(at)
    at.text_input(key="carte_search").input("plourin les morlaix").run()
    assert f"{texts.CARD_HEADER} : Plourin-lès-Morlaix" in [h.value for h in at.subheader]
    assert texts.LEGEND_TITLE in headers(at) and at.sidebar.selectbox
    at.sidebar.selectbox(key="territory_select").set_value("D22").run()  # another territory: no second deferral
    assert texts.CARTE_CAPTION.format(dep="22 – Côtes-d'Armor") in [c.value for c in at.caption]
    assert texts.LEGEND_TITLE in headers(at) and ready.SIGNAL_KEY not in components(at)


def test_a_session_opened_on_another_page_shows_the_carte_whole(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch, territoire="FRANCE")  # France's map: its own light view
    assert at.sidebar.selectbox and ready.SIGNAL_KEY not in components(at)
    at.sidebar.selectbox(key="territory_select").set_value("D29").run()
    assert texts.LEGEND_TITLE in headers(at) and ready.SIGNAL_KEY not in components(at)


def test_a_link_with_a_commune_shows_its_card_after_the_map(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch, territoire="D29", commune="29019")
    assert json.loads(map_arguments(at))["feature_group"]  # the commune is outlined in the first map
    assert not at.subheader
    map_drawn(at)
    assert f"{texts.CARD_HEADER} : Brest" in [h.value for h in at.subheader]


def test_presentation_mode_keeps_its_slide_and_adds_the_legend_after_the_map(tmp_path, monkeypatch):
    at = open_in_browser(tmp_path, monkeypatch, presentation="1")
    assert any("font-size: max(19px, 2.3vh)" in h.body for h in at.get("html"))
    assert headers(at) == []
    map_drawn(at)
    assert headers(at) == [texts.LEGEND_TITLE, texts.COMPLETENESS_HEADER]
    assert texts.PRESENT_MORE in [e.label for e in at.main.expander]
    assert at.query_params["presentation"] == "1"

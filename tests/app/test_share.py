"""The link is the view, and story mode, in AppTest: an unknown value of a page's parameter is named in French,
an analyst adds the current view to a story, a presenter's link opens its step's page and view."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import stories, texts
from geo.store import configured_password_hash, open_store
from geo.store.stories import load_story, save_story

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PASSWORD = "analyste-test"


@pytest.fixture()
def store_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", PASSWORD)
    return tmp_path / "store"


def open_app(page: str | None = None, signed_in: bool = False, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if signed_in:
        at.session_state["donnees_analyst_password"] = PASSWORD
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page, param, value", [
    ("pages/couverture.py", "onglet", "inconnu"),
    ("pages/couverture.py", "echeance", "2099"),
])
def test_an_unknown_value_is_named_and_dropped(store_dir, page, param, value):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["territoire"] = "D29"
    at.run()
    at.switch_page(page)
    at.query_params[param] = value
    at.run()
    assert texts.LINK_BAD_VALUE.format(value=value, name=param) in [i.value for i in at.info]
    assert param not in at.query_params


def test_the_couverture_view_comes_from_the_link(store_dir):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/couverture.py")
    for name, value in {"territoire": "D22", "onglet": "classement", "echeance": "plan_2023"}.items():
        at.query_params[name] = value
    at.run()
    assert at.title[0].value == texts.COUV_TITLE.format(territory="Côtes-d'Armor (22)")
    assert at.session_state["couv_tab"] == texts.COUV_TAB_RANK and at.radio(key="couv_schedule").value == "plan_2023"
    at.radio(key="couv_schedule").set_value("barometre").run()
    assert at.query_params["echeance"] == "barometre"  # a change is written back into the link


def test_an_analyst_adds_the_current_view_to_a_story(store_dir):
    at = open_app(signed_in=True, territoire="D22", zoom="9")  # the map's page: after at.switch_page, AppTest drops a form's click
    at.sidebar.text_input(key="story_name").input("Tour")
    at.sidebar.text_input(key="story_title").input("Les Côtes-d'Armor")
    at.sidebar.text_area(key="story_caption").input("Couverture par CPTS")
    at.sidebar.text_input(key="story_author").input("Alice")
    at.sidebar.button[0].click().run()
    assert not at.exception
    assert texts.STORY_SAVED.format(step=1, name="Tour", version=1) in [s.value for s in at.sidebar.success]
    story = load_story(open_store(), "Tour")
    assert story.steps == (stories.Step("", {"territoire": "D22", "zoom": "9"}, "Les Côtes-d'Armor",
                                        "Couverture par CPTS"),)


def test_a_viewer_is_told_to_sign_in(store_dir):
    at = open_app()
    assert texts.STORY_SIGN_IN_FIRST in [c.value for c in at.sidebar.caption]
    assert not [t for t in at.sidebar.text_input if t.key == "story_name"]


def saved_story() -> stories.Story:
    steps = (stories.make_step("", {"territoire": "D29"}, "La carte", "Le Finistère"),
             stories.make_step("couverture", {"territoire": "D22", "onglet": "classement"}, "Le classement", "22"),
             stories.make_step("couverture", {"territoire": "D56", "onglet": "carte"}, "Le Morbihan", "56"))
    return save_story(open_store(configured_password_hash()), stories.Story("Tour", steps), author="Alice", password=PASSWORD)


def test_a_story_link_opens_its_step_and_steps_on(store_dir):
    saved_story()
    at = open_app(histoire="Tour", etape="2")
    assert at.title[0].value == texts.COUV_TITLE.format(territory="Côtes-d'Armor (22)")
    assert at.session_state["couv_tab"] == texts.COUV_TAB_RANK
    assert [h.value for h in at.subheader][:1] == ["Le classement"]
    # the step before is on another page: a link with its view (one entry in the browser's history)
    previous = next(link.proto for link in at.get("page_link") if link.proto.label == texts.STORY_PREVIOUS)
    assert previous.page == "" and "territoire=D29" in previous.query_string and "etape=1" in previous.query_string
    at.button(key="story_next_button").click().run()  # the next one is on this page: a button
    assert not at.exception
    assert at.query_params["etape"] == "3" and at.query_params["territoire"] == "D56"
    assert at.title[0].value == texts.COUV_TITLE.format(territory="Morbihan (56)")
    assert at.session_state["couv_tab"] == texts.COUV_TAB_MAP and at.button(key="story_next_button").disabled


@pytest.mark.parametrize("params, notice", [
    ({"histoire": "Absente"}, texts.STORY_UNKNOWN.format(name="Absente")),
    ({"histoire": "Tour", "etape": "7"}, texts.STORY_BAD_STEP.format(value="7", name="Tour", count=3)),
])
def test_a_story_link_the_app_cannot_follow_says_why(store_dir, params, notice):
    saved_story()
    at = open_app(**params)
    assert notice in [i.value for i in at.info]


def test_the_sidebar_lists_stories_with_a_link_to_their_first_step(store_dir):
    saved_story()
    at = open_app()
    link = texts.STORY_LIST_ITEM.format(name="Tour", link="./?territoire=D29&histoire=Tour&etape=1", count=3, version=1)
    assert link in [m.value for m in at.sidebar.markdown]

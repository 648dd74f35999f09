"""geo.links: which parameters make a view, which the app knows, and what a page's parameter may hold."""

from __future__ import annotations

import doctest

import pytest

from geo import links, texts


def test_the_module_examples_hold():
    assert doctest.testmod(links).failed == 0


def test_every_parameter_named_for_sharing_is_known():
    shared = {"territoire", "couches", "filtres", "couleur", "centre", "zoom", "commune", "onglet", "scenario",
              "histoire", "etape", "presentation"}
    assert shared <= set(links.KNOWN_PARAMS)
    assert links.unknown_params({name: "x" for name in shared} | {"vue": "x", "dep": "1"}) == ["vue", "dep"]


def test_a_view_keeps_what_is_shown_and_drops_where_the_presenter_is():
    params = {"territoire": "D29", "onglet": "carte", "centre": "48.1,-4.2", "zoom": "9", "scenario": "{}",
              "histoire": "Tour", "etape": "2", "presentation": "1", "inconnu": "x"}
    assert links.view_of(params) == {"territoire": "D29", "onglet": "carte", "centre": "48.1,-4.2", "zoom": "9",
                                     "scenario": "{}"}


@pytest.mark.parametrize("value, expected", [("classement", ("classement", None)), (None, (None, None))])
def test_an_allowed_or_absent_value_has_no_notice(value, expected):
    params = {} if value is None else {"onglet": value}
    assert links.choice(params, "onglet", links.COUVERTURE_TABS) == expected


def test_an_unknown_value_is_dropped_with_a_french_notice_quoting_it_safely():
    value, notice = links.choice({"onglet": "[x](javascript:1)"}, "onglet", links.FICHE_TABS)
    assert value is None
    assert notice == texts.LINK_BAD_VALUE.format(value=texts.md_escape("[x](javascript:1)"), name="onglet")
    assert "[x](" not in notice


def test_tab_names_are_unique_per_page():
    for tabs in (links.COUVERTURE_TABS, links.FICHE_TABS):
        assert len(set(tabs)) == len(tabs)


def test_a_browser_s_query_string_reads_as_streamlit_reads_the_link():
    params = links.parse_search("?territoire=D29&centre=48.2%2C-4.5&filtres=msp,ouvert&zoom=9&zoom=10&couches=")
    assert params == {"territoire": "D29", "centre": "48.2,-4.5", "filtres": "msp,ouvert", "zoom": "10", "couches": ""}
    assert links.parse_search("territoire=D29") == {"territoire": "D29"}  # with or without its "?"
    assert links.parse_search("?") == {} and links.parse_search("") == {}
    assert links.parse_search("?nom=Pont+Croix%20x") == {"nom": "Pont Croix x"}


@pytest.mark.parametrize("value", [None, "x", [1, 2, 3], [-4.3, 48.2, -4.6, 48.5], [-4.6, 48.5, -4.3, 48.2],
                                   [-4.6, 48.2, float("nan"), 48.5], [-200, 48.2, -4.3, 48.5], ["a", 1, 2, 3],
                                   [-4.6, 48.2, -4.3, 91]])
def test_a_box_that_is_not_one_is_refused(value):
    assert links.parse_bounds(value) is None


def test_what_the_page_sent_on_an_action_is_read_or_refused():
    seen = links.seen_view({"action": "png", "search": "?territoire=D29&zoom=11&couches=communes",
                            "bounds": ["-4.6", "48.2", "-4.3", "48.5"]})
    assert seen == links.SeenView({"territoire": "D29", "zoom": "11", "couches": "communes"},
                                  (-4.6, 48.2, -4.3, 48.5), "png")
    no_box = links.seen_view({"action": "svg", "search": "", "bounds": None})
    assert no_box == links.SeenView({}, None, "svg")  # the link's centre and zoom, if any, then decide
    for payload in (None, "?zoom=3", {"action": "svg"}, {"search": ["?zoom=3"]}):
        assert links.seen_view(payload) is None
    assert links.seen_view({"search": "?zoom=3", "action": 7}).action == ""

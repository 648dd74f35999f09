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

"""The map's own choices carried to the next map, in Chromium: layers, filters and colouring chosen in the Carte's
map (written into the link with no run, so the server never saw them) stay when the viewer changes the territory in
the sidebar, while centre and zoom do not; a link opened, or a view reached with Back, shows exactly what its link
says."""

from __future__ import annotations

import pytest

from geo import texts
from tests.e2e.conftest import MAP_IFRAME, screenshot, wait_for_app

pytestmark = pytest.mark.e2e
LAYER_LABELS = {key: getattr(texts, f"LAYER_{key.upper()}") for key in ("communes", "epci", "cpts", "structures")}


def link(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")


def current_map(page):
    """The map's frame element now on the page, to tell the next map from it."""
    return page.locator(MAP_IFRAME).element_handle()


def map_of(page, territory: str, before=None):
    """The controls of the map drawn for `territory` (after the map `before` has left the page), its panel open, once
    its communes are on it."""
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('territoire') === {territory!r}",
                           timeout=30_000)
    wait_for_app(page)
    page.wait_for_function(
        f"""(before) => {{ const all = document.querySelectorAll({MAP_IFRAME!r});
                          const w = all.length === 1 && all[0] !== before && all[0].contentWindow;
                          return w && w.map && w.carteView && w.document.querySelector('path.carte-commune') !== null; }}""",
        arg=before, timeout=60_000)
    controls = page.frame_locator(MAP_IFRAME)
    controls.locator(".carte-controls summary").click()
    return controls


def shown(controls, labels) -> dict[str, bool]:
    return {key: controls.get_by_label(label, exact=True).is_checked() for key, label in labels.items()}


def choose_territory(page, typed: str, option: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option).click()


def test_layers_filters_and_colouring_follow_the_viewer_to_another_territory(page, app_url):
    page.goto(app_url + "/?territoire=D29")
    controls = map_of(page, "D29")
    controls.get_by_label(LAYER_LABELS["epci"], exact=True).uncheck()
    controls.get_by_label(texts.KIND_SHORT["msp"], exact=True).uncheck()
    controls.get_by_label(texts.STATUS_LABELS["projet"], exact=True).uncheck()
    controls.get_by_label(texts.CHOROPLETH_DENSITY, exact=True).check()
    page.locator(MAP_IFRAME).hover()
    page.mouse.wheel(0, -400)  # a zoom of the viewer's: it stays with Finistère
    page.wait_for_function("() => new URLSearchParams(location.search).has('zoom')", timeout=10_000)

    before = current_map(page)
    choose_territory(page, "Côtes-d", "22 – Côtes-d'Armor")
    controls = map_of(page, "D22", before)
    params = link(page)
    assert params["couches"] == "communes,cpts,structures" and params["couleur"] == "densite"
    assert params["filtres"].split(",") == ["ouvert", "annonce", "ferme"]  # no kind: Côtes-d'Armor has none yet
    assert "centre" not in params and "zoom" not in params  # the new territory's map fits its own bounds
    assert shown(controls, LAYER_LABELS) == {"communes": True, "epci": False, "cpts": True, "structures": True}
    assert not controls.get_by_label(texts.STATUS_LABELS["projet"], exact=True).is_checked()
    assert controls.get_by_label(texts.CHOROPLETH_DENSITY, exact=True).is_checked()
    screenshot(page, "carry_d22")

    before = current_map(page)
    choose_territory(page, "Finist", "29 – Finistère")  # through a territory with no MSP: the MSP stay hidden
    controls = map_of(page, "D29", before)
    params = link(page)
    kept = params["filtres"].split(",")
    assert "msp" not in kept and "cds_medical" in kept and "projet" not in kept and "ouvert" in kept
    assert params["couches"] == "communes,cpts,structures" and "zoom" not in params
    assert not controls.get_by_label(texts.KIND_SHORT["msp"], exact=True).is_checked()
    assert page.frame_locator(MAP_IFRAME).locator("path.carte-border").count() == 0  # EPCI borders not drawn
    page.get_by_text(texts.MAP_TABLE_TITLE).click()  # the table alternative follows the carried filters too
    rows = page.locator('[data-testid="stExpander"] tbody tr:not([hidden])')
    rows.first.wait_for()
    shown_rows = page.locator('[data-testid="stExpander"] tbody').inner_text()
    assert texts.KIND_LABELS["msp"] not in shown_rows and texts.KIND_LABELS["cds_medical"] in shown_rows


def test_a_link_opened_shows_what_it_says_whatever_the_tab_chose_before(page, app_url):
    page.goto(app_url + "/?territoire=D29")
    controls = map_of(page, "D29")
    controls.get_by_label(LAYER_LABELS["epci"], exact=True).uncheck()
    page.wait_for_function("() => new URLSearchParams(location.search).has('couches')", timeout=10_000)

    page.goto(app_url + "/?territoire=D22&couches=communes,structures&couleur=population")
    controls = map_of(page, "D22")
    assert shown(controls, LAYER_LABELS) == {"communes": True, "epci": False, "cpts": False, "structures": True}
    assert controls.get_by_label(texts.CHOROPLETH_POPULATION, exact=True).is_checked()
    params = link(page)
    assert (params["couches"], params["couleur"], "filtres" in params) == ("communes,structures", "population", False)

    page.goto(app_url + "/?territoire=D29")  # no choice in the link: the defaults, not the tab's last choices
    controls = map_of(page, "D29")
    assert all(shown(controls, LAYER_LABELS).values())
    assert not {"couches", "filtres", "couleur"} & set(link(page))


def test_back_returns_to_the_view_as_it_was_not_to_the_later_choices(page, app_url):
    page.goto(app_url + "/?territoire=D29")
    map_of(page, "D29")
    before = current_map(page)
    choose_territory(page, "Côtes-d", "22 – Côtes-d'Armor")
    controls = map_of(page, "D22", before)
    controls.get_by_label(LAYER_LABELS["cpts"], exact=True).uncheck()
    page.wait_for_function("() => new URLSearchParams(location.search).get('couches') === 'communes,epci,structures'",
                           timeout=10_000)

    before = current_map(page)
    page.go_back()  # the Finistère as it was shown: every layer
    controls = map_of(page, "D29", before)
    assert all(shown(controls, LAYER_LABELS).values())
    assert "couches" not in link(page)

    before = current_map(page)
    page.go_forward()  # and the Côtes-d'Armor as the viewer left it
    controls = map_of(page, "D22", before)
    assert shown(controls, LAYER_LABELS)["cpts"] is False
    assert link(page)["couches"] == "communes,epci,structures"


def test_presentation_mode_keeps_the_layers_chosen_in_the_map(page, app_url):
    page.goto(app_url + "/?territoire=D29")
    controls = map_of(page, "D29")
    controls.get_by_label(LAYER_LABELS["cpts"], exact=True).uncheck()
    controls.get_by_label(texts.CHOROPLETH_POPULATION, exact=True).check()
    page.wait_for_function("() => new URLSearchParams(location.search).has('couleur')", timeout=10_000)

    before = current_map(page)
    page.locator('[data-testid="stSidebar"]').get_by_text(texts.PRESENTATION_TOGGLE, exact=True).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('presentation') === '1'", timeout=30_000)
    controls = map_of(page, "D29", before)  # a new map: larger names and legend
    assert shown(controls, LAYER_LABELS) == {"communes": True, "epci": True, "cpts": False, "structures": True}
    assert controls.get_by_label(texts.CHOROPLETH_POPULATION, exact=True).is_checked()
    params = link(page)
    assert (params["couches"], params["couleur"]) == ("communes,epci,structures", "population")
    screenshot(page, "carry_presentation")

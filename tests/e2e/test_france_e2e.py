"""France, a région, an overseas département and Corsica in real Chromium: reachable by URL and by the
selector, drawn offline, and a click on a département of the France map opens it."""

from __future__ import annotations

import pytest

from geo import texts
from geo.maps import national
from geo.reference import load_communes
from tests.e2e.conftest import (
    FRAME_QUERY,
    MAP_IFRAME,
    outside_requests,
    screenshot,
    start_streamlit,
    stop_streamlit,
    wait_for_app,
)

pytestmark = pytest.mark.e2e
MAP = MAP_IFRAME


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("france_store"))})
    yield url
    stop_streamlit(proc)


def drawn(page, css: str, count: int):
    """The map's frame once Leaflet has drawn `count` paths of class `css`."""
    page.wait_for_selector(MAP, timeout=60_000)
    page.wait_for_function(
        """([css, n]) => { const f = FRAME_QUERY;
                           return f && f.contentDocument && f.contentDocument.querySelectorAll(css).length === n; }""".replace("FRAME_QUERY", FRAME_QUERY),
        arg=[f"path.{css}", count], timeout=90_000,
    )
    return page.frame_locator(MAP)


def offline(page, app_url: str) -> None:
    outside = outside_requests(page, app_url)
    assert outside == [], f"requests left localhost: {outside[:5]}"
    assert page.console_errors == []


def test_france_draws_101_departements_and_a_click_opens_one(app_url, page):
    page.goto(app_url + "/?territoire=FRANCE")
    wait_for_app(page)
    frame = drawn(page, "carte-departement", 101)
    assert page.get_by_role("heading", name=texts.FRANCE_TITLE).is_visible()
    offline(page, app_url)
    screenshot(page, "france")
    # The overseas insets sit west of the Bay of Biscay: La Réunion is the fourth; click Finistère instead,
    # found by its tooltip, which names it.
    page.locator(MAP).scroll_into_view_if_needed()
    target = None
    for index in range(101):
        path = frame.locator("path.carte-departement").nth(index)
        path.hover()
        if frame.locator(".leaflet-tooltip").filter(has_text="Finistère (29)").count():
            target = path
            break
    assert target is not None, "no département of the France map is Finistère"
    target.click()
    page.wait_for_url("**territoire=D29**", timeout=60_000)
    wait_for_app(page)
    drawn(page, "carte-commune", 277)
    assert page.get_by_role("heading", name=texts.CARTE_TITLE).is_visible()


def test_region_draws_every_commune_of_its_departements(app_url, page):
    page.goto(app_url + "/?territoire=R53")
    wait_for_app(page)
    expected = len(national.region_communes("53"))
    assert expected == sum(len(load_communes(dep)) for dep in ("22", "29", "35", "56"))
    drawn(page, "carte-commune", expected)
    assert page.get_by_role("heading", name=texts.REGION_TITLE.format(name="Bretagne")).is_visible()
    offline(page, app_url)


@pytest.mark.parametrize("dep", ["974", "2A"])
def test_overseas_and_corsica_draw_with_the_no_data_notice(app_url, page, dep):
    page.goto(app_url + f"/?territoire=D{dep}")
    wait_for_app(page)
    drawn(page, "carte-commune", len(load_communes(dep)))
    assert page.get_by_text(texts.NO_MAPPED_DATA).first.is_visible()
    offline(page, app_url)
    screenshot(page, f"departement_{dep}")


def test_the_selector_finds_a_departement_by_typing(app_url, page):
    page.goto(app_url + "/?territoire=FRANCE")
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.keyboard.type("Corse-du")
    option = page.get_by_role("option", name=texts.TERRITORY_DEPARTEMENT.format(code="2A", nom="Corse-du-Sud"))
    option.click()
    page.wait_for_url("**territoire=D2A**", timeout=60_000)
    wait_for_app(page)
    drawn(page, "carte-commune", len(load_communes("2A")))

"""The Carte's first view in Chromium (ready.py): the map is drawn first, then the panels and the sidebar come by
themselves, and the map stays the one first drawn."""

from __future__ import annotations

import pytest

from geo import texts
from tests.e2e.conftest import MAP_IFRAME, screenshot, start_streamlit, stop_streamlit

pytestmark = pytest.mark.e2e

# Watches the page from its first moment: what the page holds when the map's communes are first drawn, and how many
# Leaflet maps its frame ever made (a map made again would be drawn twice).
WATCH = """
if (window === window.top) {
  window.carteMaps = new Set();
  const watch = () => {
    const frame = document.querySelector(MAP_IFRAME), map = frame && frame.contentWindow && frame.contentWindow.map;
    if (map) { window.carteMaps.add(map); }
    if (!window.carteFirstDraw && frame && frame.contentDocument
        && frame.contentDocument.querySelector("path.carte-commune")) {
      window.carteFirstDraw = {
        legend: !!document.querySelector(".st-key-carte_side h2"),
        sidebar: !!document.querySelector('[data-testid="stSidebar"] [data-testid="stSelectbox"]'),
      };
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}
""".replace("MAP_IFRAME", repr(MAP_IFRAME))


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("firstview_store"))})
    yield url
    stop_streamlit(proc)


def test_the_panels_and_the_sidebar_come_after_the_map_without_a_click(app_url, page):
    page.context.add_init_script(WATCH)
    page.goto(app_url + "/")
    page.wait_for_function("() => !!window.carteFirstDraw", timeout=60_000)
    assert page.evaluate("() => window.carteFirstDraw") == {"legend": False, "sidebar": False}
    # no click, no key: the page asks for the rest itself
    page.get_by_role("heading", name=texts.LEGEND_TITLE).wait_for(timeout=30_000)
    page.get_by_placeholder(texts.SEARCH_PLACEHOLDER).wait_for()
    page.get_by_role("button", name=texts.EXPORT_MAP_LABELS["png"]).wait_for()
    page.get_by_role("heading", name=texts.COMPLETENESS_HEADER).wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    territory = sidebar.get_by_role("combobox", name=texts.SIDEBAR_TERRITORY)
    territory.wait_for()
    assert territory.input_value() == "29 – Finistère"  # the territory the link names
    assert sidebar.get_by_text(texts.PRESENTATION_TOGGLE).is_visible()
    assert page.evaluate("() => window.carteMaps.size") == 1  # the map was kept, not made again
    assert page.frame_locator(MAP_IFRAME).locator("path.carte-commune").count() == 277
    assert page.console_errors == []
    screenshot(page, "carte_firstview")

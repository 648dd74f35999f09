"""The Fiche territoire page in Chromium: Quimper's profile and caveat, the gap export, a scenario at Châteaulin."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo import texts
from tests.e2e.conftest import MAP_IFRAME, outside_requests, screenshot, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e
FOLIUM = MAP_IFRAME


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A server of its own with an empty store."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("fiche_store"))})
    yield url
    stop_streamlit(proc)


def open_fiche(page, app_url: str, query: str) -> None:
    page.goto(app_url)  # the first visit runs the navigation once (see frame.ensure_navigation)
    wait_for_app(page)
    page.goto(f"{app_url}/fiche?{query}")
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.locator('[role="tabpanel"]:visible').first.wait_for(timeout=10_000)


def test_quimper_profile_shows_four_levels_the_caveat_and_a_map_offline(app_url, page):
    open_fiche(page, app_url, "commune=29232")
    assert page.get_by_role("heading", name=texts.FICHE_HEADER.format(kind="Commune", name="Quimper")).is_visible()
    caveat = page.locator('[data-testid="stAlert"]').filter(has_text="Calculé sur 4 MSP cartographiées sur 39.")
    assert caveat.first.is_visible()
    assert page.get_by_text(texts.FICHE_NA_FRANCE, exact=False).first.is_visible()
    page.locator(FOLIUM).first.scroll_into_view_if_needed()
    frame = page.frame_locator(FOLIUM).first
    frame.locator("path.fiche-commune").first.wait_for(timeout=60_000)
    assert frame.locator("path.fiche-commune").count() == 277
    assert frame.locator("path.carte-highlight").count() == 1
    outside = outside_requests(page, app_url)
    assert outside == [], f"requests left localhost: {outside[:5]}"
    assert page.console_errors == []
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "fiche_quimper")


def test_gap_list_of_finistere_is_exported_for_excel(app_url, page):
    open_fiche(page, app_url, "commune=29232")
    open_tab(page, texts.FICHE_TABS[2])
    page.locator('[role="tabpanel"]:visible').get_by_text(texts.GAPS_CRITERIA["msp_10"]).click()
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    button = page.locator('[role="tabpanel"]:visible').get_by_role("button", name=texts.GAPS_EXPORT)
    button.wait_for(timeout=30_000)
    screenshot(page, "fiche_gaps")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "ecarts_29_msp_10.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    about, table = data.decode("utf-8-sig").split("\r\n\r\n", 1)  # the header block, a blank line, the table
    assert about.splitlines()[2] == (f"{texts.CSV_FILTERS};{texts.CSV_FILTER_TERRITORY} : Finistère (29) · "
                                     f"{texts.CSV_FILTER_CRITERION} : {texts.GAPS_CRITERIA['msp_10']}")
    lines = table.splitlines()
    assert lines[0].split(";")[:3] == ["Code INSEE", "Commune", "Population"]
    assert lines[1].startswith("29019;Brest;142346;")  # the most populated commune far from every mapped MSP


def test_a_hypothetical_msp_at_chateaulin_is_shown_as_a_scenario(app_url, page):
    open_fiche(page, app_url, "commune=29026")
    open_tab(page, texts.FICHE_TABS[3])
    panel = page.locator('[role="tabpanel"]:visible')
    chooser = panel.locator('[data-testid="stMultiSelect"]').filter(has_text=texts.SCENARIO_ADD_MSP)
    chooser.locator("input").click()
    page.keyboard.type("Châteaulin")
    page.get_by_role("option", name="Châteaulin (29026)").click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    page.wait_for_function("location.search.includes('scenario=')", timeout=30_000)
    assert json.loads(parse_qs(urlparse(page.url).query)["scenario"][0]) == {"m": ["29026"]}
    panel.get_by_role("heading", name=texts.SCENARIO_LABEL).wait_for(timeout=30_000)
    chart = panel.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    assert texts.SCENARIO_LABEL in chart.locator(".gtitle").text_content()
    assert texts.SCENARIO_LABEL in chart.locator(".legend").text_content()
    # the bar labels: Finistère 39 -> 40 MSP of 68 (57,4 % -> 58,8 %)
    labels = chart.locator("text.bartext").all_text_contents()
    assert "57,4\u00a0%" in labels and "58,8\u00a0%" in labels, labels
    scenario_map = page.frame_locator(f"{FOLIUM} >> nth=1")
    scenario_map.locator(".carte-scenario-banner").wait_for(timeout=60_000)
    assert scenario_map.locator(".carte-scenario-banner").inner_text() == texts.SCENARIO_MAP_BANNER
    panel.get_by_role("heading", name=texts.SCENARIO_LABEL).scroll_into_view_if_needed()
    screenshot(page, "fiche_scenario_chateaulin")
    chart.scroll_into_view_if_needed()
    screenshot(page, "fiche_scenario_chart")


def test_carte_search_links_to_the_fiche(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    box = page.get_by_placeholder(texts.SEARCH_PLACEHOLDER)
    box.fill("Quimper")
    box.press("Enter")
    wait_for_app(page)
    page.get_by_role("link", name=texts.FICHE_OPEN).click()
    page.wait_for_function("location.pathname.endsWith('/fiche') && location.search.includes('commune=29232')",
                           timeout=30_000)
    wait_for_app(page)
    page.get_by_role("heading", name=texts.FICHE_HEADER.format(kind="Commune", name="Quimper")).wait_for(timeout=30_000)


def test_quimper_clicked_on_the_carte_opens_its_fiche(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    element = page.locator(FOLIUM).first
    element.scroll_into_view_if_needed()
    frame = page.frame_locator(FOLIUM).first
    frame.locator("path.carte-commune").first.wait_for(timeout=60_000)
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    iframe.wait_for_function("() => window.map && !document.querySelector('.leaflet-zoom-anim')", timeout=20_000)
    popup = frame.locator(".leaflet-popup-content")
    # A point of Quimper 3 km from where its structures are drawn (its inner point), so the commune gets the click.
    # The component may still be laying itself out on the first click: click again until the popup shows.
    for _ in range(3):
        point = iframe.evaluate("() => window.map.latLngToContainerPoint([48.02, -4.08])")
        box = element.bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        try:
            popup.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    popup.wait_for(timeout=1_000)
    name = popup.locator("h4").inner_text()
    assert name == "Quimper"
    with page.context.expect_page() as opened:
        popup.get_by_role("link", name=texts.FICHE_OPEN).click()
    fiche = opened.value
    fiche.wait_for_load_state()
    assert "/fiche?commune=29232" in fiche.url
    wait_for_app(fiche)
    heading = fiche.get_by_role("heading", name=texts.FICHE_HEADER.format(kind="Commune", name=name))
    heading.wait_for(timeout=60_000)
    screenshot(fiche, "fiche_from_carte_click")


def test_a_shared_scenario_link_opens_on_the_scenario(app_url, page):
    open_fiche(page, app_url, 'commune=29232&scenario={"m":["29026"]}')
    assert page.get_by_role("tab", name=texts.FICHE_TABS[3]).get_attribute("aria-selected") == "true"
    panel = page.locator('[role="tabpanel"]:visible')
    panel.get_by_role("heading", name=texts.SCENARIO_LABEL).wait_for(timeout=30_000)

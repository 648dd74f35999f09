"""The Données page in real Chromium: upload, report, preview map; no script from a file ever runs; analyst save."""

from __future__ import annotations

import re

import pytest

from geo import texts
from tests.e2e.conftest import MAP_IFRAME, outside_requests, screenshot, start_streamlit, stop_streamlit, wait_for_app
from tests.fixtures.builders import build_all

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture()
def own_url(tmp_path):
    """A server with an empty store of its own, for a test that saves: its version numbers and what other tests'
    pages count must not depend on which test ran before."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path / "store"), "CARTE_ANALYST_PASSWORD": "analyste-e2e"})
    yield url
    stop_streamlit(proc)


def upload(page, path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    page.get_by_text(texts.DONNEES_REPORT).wait_for(timeout=60_000)
    wait_for_app(page)


def map_frame(page, index: int = 0):
    iframe = page.locator(MAP_IFRAME + ":visible").nth(index)
    iframe.wait_for(timeout=30_000)
    frame = iframe.content_frame
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    return frame


def test_hostile_properties_never_run(page, app_url, files):
    page.add_init_script("window.__xss = 0; window.alert = () => { window.__xss += 1; };")
    page.goto(app_url + "/donnees")
    wait_for_app(page)
    upload(page, files["structures.geojson"])
    frame = map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() >= 5
    # hover each marker: tooltips show the escaped text, no element from the file is created
    markers = frame.locator("path.leaflet-interactive")
    tips = []
    for i in range(markers.count()):
        markers.nth(i).hover(force=True)
        tips += frame.locator(".leaflet-tooltip").all_text_contents()
    assert frame.locator("img[src='x']").count() == 0 and frame.locator(".leaflet-tooltip script").count() == 0
    inner = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    assert inner.evaluate("window.__xss") == 0  # init scripts run in every frame
    assert any("<script>" in t for t in tips), tips  # shown as text, literally
    assert page.dialogs == []
    assert page.evaluate("window.__xss") == 0
    assert outside_requests(page, app_url) == []
    screenshot(page, "donnees_report")


def open_as_analyst(page, app_url, check_viewer_cannot_save: bool = False) -> None:
    """Open Données and log in with the analyst password the test server was given."""
    page.goto(app_url + "/donnees")
    wait_for_app(page)
    if check_viewer_cannot_save:
        assert page.get_by_role("button", name=texts.DONNEES_SAVE).count() == 0
    page.get_by_text(texts.DONNEES_LOGIN_HEADER, exact=True).click()
    page.get_by_label(texts.DONNEES_PASSWORD).fill("analyste-e2e")
    page.get_by_role("button", name=texts.DONNEES_LOGIN).click()
    page.get_by_text(texts.DONNEES_LOGGED_IN).wait_for(timeout=30_000)


def test_refused_file_message_in_page(page, app_url, files):
    page.goto(app_url + "/donnees")
    wait_for_app(page)
    upload(page, files["zipslip.zip"])
    assert page.get_by_text("chemin dangereux").count() >= 1
    assert page.locator("text=Traceback").count() == 0
    screenshot(page, "donnees_refused")


def test_analyst_saves_then_history(page, own_url, files):
    open_as_analyst(page, own_url, check_viewer_cannot_save=True)
    upload(page, files["finess_etalab.csv"])
    page.get_by_label(texts.DONNEES_AUTHOR).first.fill("Alice")
    page.get_by_role("button", name=texts.DONNEES_SAVE).click()
    page.get_by_text("Version 1 enregistrée").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text(texts.DONNEES_TAB_HISTORY, exact=True).click()
    page.get_by_text(texts.DONNEES_EXPORT.format(version=1)).wait_for(timeout=30_000)
    screenshot(page, "donnees_history")
    page.get_by_text(texts.DONNEES_TAB_EDITOR, exact=True).click()
    editor = map_frame(page, 0)
    assert editor.locator("path.leaflet-interactive").count() >= 277  # one per commune, clickable
    page.mouse.wheel(0, 500)
    screenshot(page, "donnees_editor")


def test_editor_click_on_a_commune_adds_it_to_the_perimeter(page, app_url):
    open_as_analyst(page, app_url)
    page.get_by_text(texts.DONNEES_TAB_EDITOR, exact=True).click()
    wait_for_app(page)
    map_frame(page, 0)
    summary = texts.DONNEES_EDITOR_SUMMARY.split("{n}")[1].split("{pop}")[0]
    before = page.get_by_text(summary).first.inner_text()
    element = page.locator(MAP_IFRAME + ":visible").first
    element.scroll_into_view_if_needed()
    inner = element.element_handle().content_frame()
    inner.wait_for_function("() => window.map && window.map.getSize().x > 0")
    point = inner.evaluate("() => window.map.latLngToContainerPoint([48.39, -4.49])")  # inside Brest
    box = element.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_text("Brest (29019)").first.wait_for(timeout=30_000)
    wait_for_app(page)
    after = page.get_by_text(summary).first.inner_text()
    assert before != after
    n_before, n_after = (int(text.split(" ")[0]) for text in (before, after))
    assert n_after == n_before + 1


def test_saved_import_reaches_the_carte_of_another_viewer_as_text(page, browser, own_url, files):
    """Analyst uploads a file full of markup and saves it; a viewer's Carte shows the new MSP, and no script runs."""
    from tests.fixtures.builders import SCRIPT

    open_as_analyst(page, own_url)
    upload(page, files["structures.geojson"])
    page.get_by_label(texts.DONNEES_AUTHOR).first.fill("Alice")
    page.get_by_role("button", name=texts.DONNEES_SAVE).click()
    page.get_by_text(re.compile(r"^Version \d+ enregistrée")).first.wait_for(timeout=60_000)

    viewer = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR").new_page()
    dialogs = []
    viewer.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    viewer.add_init_script("window.__xss = 0; window.alert = () => { window.__xss += 1; };")
    try:
        viewer.goto(own_url + "/")
        wait_for_app(viewer)
        element = viewer.locator(MAP_IFRAME).first
        element.wait_for(timeout=60_000)
        frame = element.content_frame
        frame.locator("path.carte-structure").first.wait_for(timeout=60_000)
        element.scroll_into_view_if_needed()
        inner = element.element_handle().content_frame()
        inner.wait_for_function("() => window.map && window.map.getSize().x > 0")
        inner.evaluate("() => window.map.setView([47.996, -4.103], 14)")  # the hostile MSP, Quimper
        inner.wait_for_function("() => window.map.getZoom() === 14 && !document.querySelector('.leaflet-zoom-anim')")
        point = inner.evaluate("() => window.map.latLngToContainerPoint([47.996, -4.103])")
        box = element.bounding_box()
        viewer.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=15_000)
        assert SCRIPT in popup.inner_text()  # shown literally, as text
        assert popup.locator("script").count() == 0 and frame.locator("img[src='x']").count() == 0
        wait_for_app(viewer)
        assert inner.evaluate("window.__xss") == 0 and viewer.evaluate("window.__xss") == 0 and dialogs == []
        screenshot(viewer, "donnees_import_on_carte")
    finally:
        viewer.context.close()

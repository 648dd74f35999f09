"""The view the viewer sees, in Chromium: the Carte's map changes its view with no run (pan, zoom, a layer hidden, a
kind filtered in its own panel); a story step saved then, and the SVG exported then, hold that view, not the one the
server last saw; Back and Forward still move between views."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from geo import texts
from geo.exports import layout
from geo.maps.styles import COMMUNE_LINE, EPCI_LINE
from geo.store import GeoPackageStore, hash_password
from geo.store.stories import load_story
from geo.structures import load_structures
from tests.e2e.conftest import MAP_IFRAME, screenshot, start_streamlit, stop_streamlit, wait_for_app, watch_runs

pytestmark = pytest.mark.e2e
PASSWORD = "analyste-mapstate"
OTHER_KIND = sorted(set(load_structures("29")["kind"]) - {"msp"})[0]  # a kind the filter keeps


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of its own (its store holds what these tests save), with an analyst password."""
    store = tmp_path_factory.mktemp("mapstate_store")
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(store), "CARTE_ANALYST_PASSWORD": PASSWORD})
    yield url, store
    stop_streamlit(proc)


def leaflet(page):
    """The map's own frame, once Leaflet has drawn the communes (found by the tests' one selector)."""
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    page.frame_locator(MAP_IFRAME).locator("path.carte-commune").first.wait_for(timeout=60_000)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.map && !document.querySelector('.leaflet-zoom-anim')", timeout=20_000)
    return frame


def link(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")


def move_the_map(page, frame) -> dict:
    """Zoom in, drag the map, hide the EPCI layer and the MSP in the map's own panel: no run. The view it shows."""
    watch_runs(page)
    controls = page.frame_locator(MAP_IFRAME)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    controls.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("() => window.map.getZoom() === 10 && !document.querySelector('.leaflet-zoom-anim')",
                            timeout=10_000)
    box = page.locator(MAP_IFRAME).bounding_box()
    x, y = box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y - 90, steps=8)
    page.mouse.up()
    controls.locator(".carte-controls summary").click()
    controls.get_by_label(texts.LAYER_EPCI, exact=True).uncheck()
    controls.get_by_label(texts.KIND_SHORT["msp"], exact=True).uncheck()
    # the drag glides on a little (Leaflet's inertia): the view is the one written once it has stopped
    frame.wait_for_function(
        """() => { const p = new URLSearchParams(parent.location.search), c = window.map.getCenter();
                   return p.get('centre') === c.lat.toFixed(4) + ',' + c.lng.toFixed(4)
                       && p.get('couches') === 'communes,cpts,structures' && p.has('filtres'); }""", timeout=10_000)
    seen = frame.evaluate("() => ({centre: window.map.getCenter(), zoom: window.map.getZoom(),"
                          " bounds: window.map.getBounds().toBBoxString().split(',').map(Number)})")
    assert page.evaluate("() => window.carteRuns") == 0  # the server never heard of it
    return seen


def test_a_story_step_saved_after_a_pan_holds_the_view_on_screen(page, server):
    url, store_dir = server
    page.goto(url + "/donnees")
    wait_for_app(page)
    page.get_by_text(texts.DONNEES_LOGIN_HEADER, exact=True).click()
    page.get_by_label(texts.DONNEES_PASSWORD).fill(PASSWORD)
    page.get_by_role("button", name=texts.DONNEES_LOGIN).click()
    page.get_by_text(texts.DONNEES_LOGGED_IN).wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=texts.PAGE_CARTE).click()  # the Carte, in the same session
    wait_for_app(page)
    seen = move_the_map(page, leaflet(page))

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(texts.STORY_PANEL, exact=True).click()
    sidebar.get_by_role("textbox", name=texts.STORY_NAME).fill("Vue déplacée")
    sidebar.get_by_role("textbox", name=texts.STORY_TITLE).fill("Le nord du Finistère")
    sidebar.get_by_role("textbox", name=texts.STORY_AUTHOR).fill("Alice")
    sidebar.get_by_role("button", name=texts.STORY_SAVE).click()
    sidebar.get_by_text(texts.STORY_SAVED.format(step=1, name="Vue déplacée", version=1)).wait_for(timeout=30_000)

    store = GeoPackageStore(store_dir / "layers.gpkg", password_hash=hash_password(PASSWORD))
    step = load_story(store, "Vue déplacée").steps[0]
    lat, lon = (float(v) for v in step.params["centre"].split(","))
    assert abs(lat - seen["centre"]["lat"]) < 1e-3 and abs(lon - seen["centre"]["lng"]) < 1e-3
    assert float(step.params["zoom"]) == seen["zoom"] == 10
    assert step.params["couches"] == "communes,cpts,structures"
    kept = step.params["filtres"].split(",")
    assert "msp" not in kept and "ouvert" in kept and OTHER_KIND in kept
    screenshot(page, "mapstate_story_saved")


def test_the_svg_export_draws_the_box_on_screen_without_the_hidden_layer(page, server):
    url, _ = server
    page.goto(url + "/?territoire=D29")
    wait_for_app(page)
    seen = move_the_map(page, leaflet(page))
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=texts.EXPORT_MAP_LABELS["svg"]).click()
    svg = download.value.path().read_text(encoding="utf-8")
    assert download.value.suggested_filename == texts.EXPORT_MAP_FILE.format(dep="29", ext="svg")

    west, south, east, north = (float(v) for v in re.search(r'data-view="([^"]+)"', svg).group(1).split())
    want = seen["bounds"]
    assert max(abs(a - b) for a, b in zip((west, south, east, north), want, strict=True)) < 1e-3
    map_part = svg.split('clip-path="url(#map)"', 1)[1]
    assert f'stroke="{COMMUNE_LINE}"' in map_part  # the communes are drawn
    assert f'stroke="{EPCI_LINE}"' not in map_part and texts.LEGEND_EPCI not in svg  # the hidden layer is not
    assert texts.KIND_LABELS["msp"] not in svg and texts.KIND_LABELS[OTHER_KIND] in svg  # the filtered kind
    assert f'width="{layout.WIDTH}"' in svg
    page.get_by_text(texts.EXPORT_AGAIN.format(name="carte_29.svg")).wait_for()
    screenshot(page, "mapstate_exported")


def test_back_and_forward_move_between_views_after_a_pan(page, server):
    url, _ = server
    page.goto(url + "/?territoire=D29")
    wait_for_app(page)
    seen = move_the_map(page, leaflet(page))
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type("Côtes-d")
    page.get_by_role("option", name="22 – Côtes-d'Armor").click()
    page.wait_for_function("() => location.search.includes('territoire=D22')", timeout=30_000)
    wait_for_app(page)
    page.get_by_text("Côtes-d'Armor").first.wait_for(timeout=30_000)
    assert "centre" not in link(page)  # the other territory opens on its own whole view

    page.go_back()
    page.wait_for_function("() => location.search.includes('territoire=D29')", timeout=30_000)
    wait_for_app(page)
    params = parse_qs(urlsplit(page.url).query)
    assert params["zoom"] == ["10"] and params["couches"] == ["communes,cpts,structures"]
    frame = leaflet(page)
    back = frame.evaluate("() => ({centre: window.map.getCenter(), zoom: window.map.getZoom()})")
    assert back["zoom"] == 10
    assert abs(back["centre"]["lat"] - seen["centre"]["lat"]) < 1e-3
    assert abs(back["centre"]["lng"] - seen["centre"]["lng"]) < 1e-3

    page.go_forward()
    page.wait_for_function("() => location.search.includes('territoire=D22')", timeout=30_000)
    wait_for_app(page)
    assert "centre" not in link(page)


def test_the_table_alternative_follows_the_map_s_filters_with_no_run(page, server):
    url, _ = server
    page.goto(url + "/?territoire=D29")
    wait_for_app(page)
    leaflet(page)
    markers = page.frame_locator(MAP_IFRAME).locator("path.carte-structure")
    page.get_by_text(texts.MAP_TABLE_TITLE).click()
    rows = page.locator('[data-testid="stExpander"] tbody tr:not([hidden])')
    rows.first.wait_for()
    every = markers.count()
    assert rows.count() == every == len(load_structures("29"))
    rows.first.scroll_into_view_if_needed()
    screenshot(page, "mapstate_table")
    watch_runs(page)
    controls = page.frame_locator(MAP_IFRAME)
    controls.locator(".carte-controls summary").click()
    controls.get_by_label(texts.KIND_SHORT["msp"], exact=True).uncheck()
    markers.nth(every - 1).wait_for(state="detached", timeout=10_000)
    assert rows.count() == markers.count() < every
    assert texts.KIND_LABELS["msp"] not in page.locator('[data-testid="stExpander"] tbody').inner_text()
    controls.get_by_label(texts.LAYER_STRUCTURES, exact=True).uncheck()
    page.get_by_text(texts.MAP_TABLE_EMPTY).wait_for()
    assert rows.count() == 0 and page.evaluate("() => window.carteRuns") == 0

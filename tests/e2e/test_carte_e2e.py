"""The Carte page in real Chromium: drawn offline, markers clickable, commune search."""

from __future__ import annotations

import pytest

from geo import texts
from geo.structures import load_structures
from tests.e2e.conftest import (
    MAP_IFRAME,
    outside_requests,
    screenshot,
    start_streamlit,
    stop_streamlit,
    wait_for_app,
    watch_runs,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A server of its own with an empty store: the shipped layers only, whatever other tests save."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("carte_store"))})
    yield url
    stop_streamlit(proc)


def map_frame(page):
    """The streamlit-folium iframe, once Leaflet has drawn the communes."""
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("path.carte-commune").first.wait_for(timeout=60_000)
    return frame


def test_map_draws_every_commune_and_structure_offline(app_url, page):
    page.goto(app_url + "/")  # the default page (Carte) lives at the root URL
    wait_for_app(page)
    frame = map_frame(page)
    assert frame.locator("path.carte-commune").count() == 277
    assert frame.locator("path.carte-structure").count() == len(load_structures("29"))
    assert frame.locator("path.carte-cpts").count() == 2
    assert frame.locator(".cpts-label").count() == 2
    # one metric scale line (a French audience reads no miles or feet)
    assert frame.locator(".leaflet-control-scale-line").count() == 1
    assert frame.locator(".leaflet-control-scale-line").inner_text().endswith(("km", "m"))
    # what the map lacks is said inside it, in sight whatever the page around it shows
    assert frame.locator(".carte-controls-gaps").inner_text() == \
        "Cartographiés / déclarés — MSP : 4 sur 39 ; centres de santé : 6 sur 44 ; CPTS : 2 sur 12."
    outside = outside_requests(page, app_url)
    assert outside == [], f"requests left localhost: {outside[:5]}"
    assert page.console_errors == []
    # the panels come in the run the page asks once the map is drawn (ready.py)
    page.get_by_text(texts.COMPLETENESS_LINE.format(mapped=4, declared=39)).wait_for(timeout=30_000)
    screenshot(page, "carte")


def test_clicking_a_marker_opens_its_popup_with_source(app_url, page):
    page.goto(app_url + "/")  # the default page (Carte) lives at the root URL
    wait_for_app(page)
    frame = map_frame(page)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    box = frame.locator("path.carte-structure").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    content = popup.inner_text()
    assert "Source" in content
    assert "Position" in content
    assert popup.locator("a[target=_blank]").count() == 1
    assert popup.locator("h4").inner_text() in set(load_structures("29")["name"])


def test_commune_search_zooms_and_shows_the_card(app_url, page):
    page.goto(app_url + "/")  # the default page (Carte) lives at the root URL
    wait_for_app(page)
    map_frame(page)
    box = page.get_by_placeholder(texts.SEARCH_PLACEHOLDER)
    box.fill("plourin les morlaix")
    box.press("Enter")
    wait_for_app(page)
    card = page.get_by_text(f"{texts.CARD_HEADER} : Plourin-lès-Morlaix")
    card.wait_for(timeout=20_000)
    page.get_by_text("MSP des Rives du Jarlot (site de Plourin-lès-Morlaix) (MSP)").first.wait_for(timeout=20_000)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("path[stroke='#e4007c']").wait_for(timeout=20_000)
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    # zoom 12 is set when the animation starts: wait for its end, then the commune is in view
    iframe.wait_for_function("() => window.map && window.map.getZoom() === 12"
                             " && !document.querySelector('.leaflet-zoom-anim')", timeout=20_000)
    assert iframe.evaluate("() => window.map.getBounds().contains([48.55, -3.79])")  # Plourin-lès-Morlaix
    screenshot(page, "carte_recherche")


def test_clicking_a_commune_opens_its_card(app_url, page):
    page.goto(app_url + "/")
    wait_for_app(page)
    frame = map_frame(page)
    element = page.locator(MAP_IFRAME)
    element.scroll_into_view_if_needed()
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    point = iframe.evaluate("() => window.map.latLngToContainerPoint([48.39, -4.49])")  # inside Brest
    box = element.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert text.startswith("Brest")
    assert "142\u00a0346" in text and "Brest Métropole" in text
    assert texts.CARD_NO_CPTS in text


HOSTILE = "<img src=x onerror=alert('carte')>{{ 7*7 }}${alert(2)}</script><script>alert(3)</script>"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """A server whose store holds a structures layer full of markup and template syntax."""
    import geopandas as gpd
    from shapely.geometry import Point

    from geo.store import hash_password, open_store

    folder = tmp_path_factory.mktemp("hostile_store")
    store = open_store(password_hash=hash_password("secret"), directory=folder)
    layer = gpd.GeoDataFrame(
        {"id": ["X1"], "name": [HOSTILE], "kind": ["msp"], "commune_code": ["29019"], "commune": [HOSTILE],
         "address": [HOSTILE], "status": ["ouvert"], "position_source": ["fichier"], "source": [HOSTILE],
         "source_url": ["javascript:alert(4)"], "notes": [HOSTILE]},
        geometry=[Point(-4.486, 48.39)], crs="EPSG:4326")
    store.save(layer="hostile", kind="structures", departement="29", features=layer, author="test",
               filename="hostile.geojson", checksum="0" * 64, comment=HOSTILE, password="secret")
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(folder)})
    yield url
    stop_streamlit(proc)


def test_hostile_text_in_a_saved_layer_shows_as_text_and_never_runs(hostile_url, page):
    page.goto(hostile_url + "/")
    wait_for_app(page)
    frame = map_frame(page)
    assert frame.locator("path.carte-structure").count() == len(load_structures("29")) + 1
    # the panels come in the run the page asks once the map is drawn (ready.py)
    page.get_by_text(texts.COMPLETENESS_LINE.format(mapped=5, declared=39)).wait_for(timeout=30_000)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    point = iframe.evaluate("() => window.map.latLngToContainerPoint([48.39, -4.486])")
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "<img src=x onerror=alert('carte')>{{ 7*7 }}" in popup.locator("h4").inner_text()
    assert popup.locator("img").count() == 0 and popup.locator("a").count() == 0
    wait_for_app(page)
    assert page.dialogs == [] and page.console_errors == []


def open_controls(frame):
    """Unfold the map's own panel (folded at first, so the map stays whole)."""
    frame.locator(".carte-controls summary").click()
    frame.locator(".carte-controls-body").wait_for()
    return frame


def test_toggling_a_kind_filters_in_the_map_without_a_rerun_and_the_link_keeps_it(app_url, page):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    page.goto(app_url + "/")
    wait_for_app(page)
    frame = map_frame(page)
    shipped = load_structures("29")
    msp = int((shipped["kind"] == "msp").sum())
    count = frame.locator(".carte-controls-count")
    assert count.inner_text() == texts.STRUCTURES_SHOWN.format(shown=len(shipped), total=len(shipped))
    watch_runs(page)
    before = len(sent)
    open_controls(frame).get_by_label(texts.KIND_SHORT["msp"], exact=True).uncheck()
    left = len(shipped) - msp
    frame.locator("path.carte-structure").nth(left).wait_for(state="detached", timeout=10_000)
    assert frame.locator("path.carte-structure").count() == left
    assert count.inner_text() == texts.STRUCTURES_SHOWN.format(shown=left, total=len(shipped))
    page.wait_for_function("() => new URLSearchParams(location.search).has('filtres')", timeout=10_000)
    assert page.evaluate("() => window.carteRuns") == 0 and len(sent) == before  # nothing asked of the server
    kept = page.evaluate("() => new URLSearchParams(location.search).get('filtres')").split(",")
    assert "msp" not in kept and set(shipped["kind"]) - {"msp"} <= set(kept) and "ouvert" in kept

    page.reload()
    wait_for_app(page)
    frame = map_frame(page)
    assert open_controls(frame).get_by_label(texts.KIND_SHORT["msp"], exact=True).is_checked() is False
    assert frame.locator("path.carte-structure").count() == left
    assert frame.locator(".carte-controls-count").inner_text() == texts.STRUCTURES_SHOWN.format(
        shown=left, total=len(shipped))
    assert page.console_errors == []


def test_colouring_and_layers_are_set_in_the_map_and_written_into_the_link(app_url, page):
    page.goto(app_url + "/")
    wait_for_app(page)
    frame = map_frame(page)
    watch_runs(page)
    open_controls(frame).get_by_label(texts.LAYER_EPCI, exact=True).uncheck()
    frame.get_by_label(texts.CHOROPLETH_DENSITY, exact=True).check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('couleur') === 'densite'", timeout=10_000)
    params = page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")
    assert params["couches"] == "communes,cpts,structures"
    assert frame.locator(".carte-controls-class").count() >= 2  # the colouring's classes, in the map
    fills = frame.locator("path.carte-commune").evaluate_all("ps => new Set(ps.map(p => p.getAttribute('fill'))).size")
    assert fills >= 4
    assert page.evaluate("() => window.carteRuns") == 0


def test_pan_and_zoom_write_centre_and_zoom_into_the_link_and_a_reload_keeps_the_view(app_url, page):
    page.goto(app_url + "/")
    wait_for_app(page)
    frame = map_frame(page)
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    watch_runs(page)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    frame.locator(".leaflet-control-zoom-in").click()
    iframe.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')", timeout=10_000)
    zoom = iframe.evaluate("() => window.map.getZoom()")
    page.wait_for_function("z => new URLSearchParams(location.search).get('zoom') === String(z)", arg=zoom,
                           timeout=10_000)
    lat, lon = (float(x) for x in page.evaluate("() => new URLSearchParams(location.search).get('centre')").split(","))
    centre = iframe.evaluate("() => window.map.getCenter()")
    assert abs(lat - centre["lat"]) < 1e-3 and abs(lon - centre["lng"]) < 1e-3
    assert page.evaluate("() => window.carteRuns") == 0

    page.reload()
    wait_for_app(page)
    map_frame(page)
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    iframe.wait_for_function("() => window.map && !document.querySelector('.leaflet-zoom-anim')", timeout=20_000)
    assert iframe.evaluate("() => window.map.getZoom()") == zoom
    again = iframe.evaluate("() => window.map.getCenter()")
    assert abs(again["lat"] - lat) < 1e-3 and abs(again["lng"] - lon) < 1e-3

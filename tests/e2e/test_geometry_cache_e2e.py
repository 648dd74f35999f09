"""Back on a territory already seen, the browser fetches none of its shapes again (geo/maps/geometry_files.py):
Finistère, then Côtes-d'Armor, then Finistère, through the territory selector, in Debian Chromium."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo import texts
from geo.maps import geometry_files
from geo.maps import layers as maps
from geo.reference import load_communes
from tests.e2e.conftest import FRAME_QUERY, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("geometry_store"))})
    yield url
    stop_streamlit(proc)


class GeometryTraffic:
    """Every response for a shared geometry file (Playwright's response events), with what Chromium says of its
    origin (DevTools: served from the memory or disk cache, or not)."""

    def __init__(self, page) -> None:
        self.responses: list[tuple[str, int]] = []
        self.cached: set[str] = set()
        self.ids: dict[str, str] = {}
        page.on("response", lambda r: self.responses.append((r.url, r.status)) if self.ours(r.url) else None)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self.on_cdp_response)

    @staticmethod
    def ours(url: str) -> bool:
        return geometry_files.URL_PREFIX in url

    def on_cdp_response(self, event: dict) -> None:
        response = event["response"]
        if self.ours(response["url"]) and (response.get("fromDiskCache") or response.get("fromPrefetchCache")):
            self.cached.add(event["requestId"])
        self.ids.setdefault(response["url"], event["requestId"])

    def bodies_sent(self) -> list[str]:
        """Geometry bodies the server sent since the last call (200 and not from the browser's cache)."""
        sent = [url for url, status in self.responses if status == 200 and self.ids.get(url) not in self.cached]
        self.responses, self.ids = [], {}
        return sent


def drawn(page, communes: int) -> None:
    page.wait_for_function(
        """([n]) => { const f = FRAME_QUERY; const d = f && f.contentDocument;
                      return d && d.querySelectorAll('path.carte-commune').length === n
                             && d.querySelectorAll('path.carte-border').length > 0; }""".replace("FRAME_QUERY", FRAME_QUERY),
        arg=[communes], timeout=90_000,
    )


def choose(page, typed: str, code: str, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=texts.TERRITORY_DEPARTEMENT.format(code=code, nom=name)).click()
    page.wait_for_url(f"**territoire=D{code}**", timeout=60_000)
    wait_for_app(page)


def decoded_communes(page) -> list[list]:
    """The commune shapes as Leaflet holds them, after decoding in the browser: [[[lng, lat], …] per ring, …]."""
    frame = next(f for f in page.frames if "st_folium" in f.url)
    return frame.evaluate(
        """() => { const layer = window.carteLayers.find(l => l.options.className === 'carte-commune' && l._map);
                   return layer.getLayers().map(l => { const g = l.feature.geometry;
                       return g.type === 'Polygon' ? g.coordinates : [].concat(...g.coordinates); }); }"""
    )


def test_back_on_finistere_no_geometry_is_fetched_again_and_the_map_is_whole(app_url, page):
    traffic = GeometryTraffic(page)
    page.goto(app_url + "/?territoire=D29&couleur=population")
    wait_for_app(page)
    drawn(page, 277)
    first = traffic.bodies_sent()
    assert len(first) == 2, first  # the communes' shapes and the EPCI borders, each a file

    # The shapes Leaflet draws are the page's simplified communes, to the 1e-5 degree the encoding keeps.
    source = maps.simplify(load_communes("29")).geometry.values
    browser_rings = decoded_communes(page)
    assert len(browser_rings) == len(source)
    for rings, shape in zip(browser_rings, source, strict=True):
        expected = shapely.get_coordinates(shape)
        got = np.array([point for ring in rings for point in ring])
        assert got.shape == expected.shape
        assert np.abs(got - expected).max() <= 0.5e-5 + 1e-9

    choose(page, "Côtes-d", "22", "Côtes-d'Armor")
    drawn(page, len(load_communes("22")))
    second = traffic.bodies_sent()
    assert len(second) == 2 and not set(second) & set(first)

    choose(page, "Finis", "29", "Finistère")
    drawn(page, 277)
    assert traffic.bodies_sent() == []
    # Still coloured by population once its shapes came from the page's copy (controls.js recolours them).
    frame = next(f for f in page.frames if "st_folium" in f.url)
    fills = frame.evaluate("() => new Set([...document.querySelectorAll('path.carte-commune')].map(p => p.getAttribute('fill'))).size")
    assert fills >= 5
    assert page.console_errors == []


def test_with_no_folder_to_write_the_map_embeds_its_geometry_and_draws_whole(tmp_path_factory, page):
    """The read-only install's path (geometry_files.publish gives no URL): the same map, its shapes in its HTML."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("embed_store")),
                                 geometry_files.MODE_ENV: "embed"})
    try:
        traffic = GeometryTraffic(page)
        page.goto(url + "/?territoire=D29&couleur=population")
        wait_for_app(page)
        drawn(page, 277)
        assert traffic.responses == []
        frame = next(f for f in page.frames if "st_folium" in f.url)
        fills = frame.evaluate("() => new Set([...document.querySelectorAll('path.carte-commune')].map(p => p.getAttribute('fill'))).size")
        assert fills >= 5
        assert page.console_errors == []
    finally:
        stop_streamlit(proc)

"""Bytes a viewer receives, over Streamlit's websocket and over HTTP, along a visit (called by scripts/bench_map.py).

A visit in one browser context: Finistère's first view, a layer hidden in the map's own panel, Côtes-d'Armor
chosen in the selector, Finistère again, then three other départements, Finistère once more and the page reloaded
(a new Streamlit session); then France and Bretagne, each opened in a fresh context. For each step: websocket bytes,
HTTP bytes on the wire (DevTools' encodedDataLength, headers included, gzip as sent), the shared geometry files
among them (fetched: status 200 from the server; cached: answered by the browser's cache, no body sent), and the
time to the map drawn. Run once with the geometry in static files (geo/maps/geometry_files.py) and once with
CARTE_GEOMETRY_FILES=embed (every map carries its geometry, as before), on servers started in the same run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from geo import texts
from geo.maps import geometry_files
from geo.reference import load_communes, load_departements
from tests.e2e.conftest import FRAME_QUERY, MAP_IFRAME

DRAWN = """([css, n]) => { const f = FRAME_QUERY; const d = f && f.contentDocument;
                         return d && d.querySelectorAll(css).length === n; }""".replace("FRAME_QUERY", FRAME_QUERY)
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@dataclass
class Step:
    name: str
    seconds: float = 0.0
    ws_bytes: int = 0
    http_bytes: int = 0
    geometry_bytes: int = 0
    fetched: int = 0  # geometry files whose body the server sent
    cached: int = 0  # geometry responses the browser answered from its cache


@dataclass
class Traffic:
    """Counts websocket frames and HTTP responses as they come; `take` closes a step."""

    ws: int = 0
    http: int = 0
    geometry: int = 0
    fetched: int = 0
    cached: int = 0
    urls: dict[str, str] = field(default_factory=dict)
    from_cache: set[str] = field(default_factory=set)

    def watch(self, page) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", self.on_frame))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.responseReceived", self.on_response)
        cdp.on("Network.requestServedFromCache", lambda e: self.from_cache.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self.on_finished)

    def on_frame(self, payload) -> None:
        self.ws += len(payload)

    def on_response(self, event: dict) -> None:
        response = event["response"]
        self.urls[event["requestId"]] = response["url"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self.from_cache.add(event["requestId"])

    def on_finished(self, event: dict) -> None:
        request_id, size = event["requestId"], int(event.get("encodedDataLength", 0))
        self.http += size
        if geometry_files.URL_PREFIX in self.urls.get(request_id, ""):
            if request_id in self.from_cache:
                self.cached += 1
            else:
                self.fetched += 1
                self.geometry += size

    def take(self, step: Step) -> Step:
        step.ws_bytes, step.http_bytes, step.geometry_bytes = self.ws, self.http, self.geometry
        step.fetched, step.cached = self.fetched, self.cached
        self.ws = self.http = self.geometry = self.fetched = self.cached = 0
        return step


def choose(page, code: str) -> None:
    name = str(load_departements().set_index("code").loc[code, "nom"])
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.keyboard.type(name[:6])
    page.get_by_role("option", name=texts.TERRITORY_DEPARTEMENT.format(code=code, nom=name)).click()
    page.wait_for_url(f"**territoire=D{code}**", timeout=60_000)


def settle(page, css: str, count: int) -> None:
    page.wait_for_function(DRAWN, arg=[css, count], timeout=120_000, polling=20)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_timeout(400)  # late frames of the run (the map's own messages) belong to this step


def visit(browser, url: str) -> list[Step]:
    """The steps of one viewer's visit (see the module's docstring)."""
    steps = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    traffic = Traffic()
    traffic.watch(page)
    for name, action, code in (("D29 first view", lambda: page.goto(url + "/?territoire=D29"), "29"),
                               ("layer hidden", None, "29"),
                               ("D29 -> D22", lambda: choose(page, "22"), "22"),
                               ("D22 -> D29", lambda: choose(page, "29"), "29"),
                               # Streamlit itself re-sends an unchanged element by reference, but only for two
                               # runs (global.maxCachedMessageAge): three territories later it sends it whole.
                               ("D29 -> D35", lambda: choose(page, "35"), "35"),
                               ("D35 -> D56", lambda: choose(page, "56"), "56"),
                               ("D56 -> D22", lambda: choose(page, "22"), "22"),
                               ("D22 -> D29 again", lambda: choose(page, "29"), "29"),
                               # A new Streamlit session in the same browser: only the browser's own copies help.
                               ("D29 reloaded", lambda: page.reload(), "29")):
        start = time.perf_counter()
        if action is None:
            panel = page.frame_locator(MAP_IFRAME)
            panel.locator(".carte-controls summary").click()
            panel.get_by_label(texts.LAYER_EPCI, exact=True).uncheck()
            page.wait_for_timeout(400)
        else:
            action()
            settle(page, "path.carte-commune", len(load_communes(code)))
        steps.append(traffic.take(Step(name, time.perf_counter() - start)))
    context.close()
    for name, query, css, count in (("FRANCE first view", "?territoire=FRANCE", "path.carte-departement", 101),
                                    ("R53 first view", "?territoire=R53", "path.carte-commune",
                                     sum(len(load_communes(d)) for d in ("22", "29", "35", "56")))):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
        page = context.new_page()
        traffic = Traffic()
        traffic.watch(page)
        start = time.perf_counter()
        page.goto(url + "/" + query)
        settle(page, css, count)
        steps.append(traffic.take(Step(name, time.perf_counter() - start)))
        context.close()
    return steps


def print_visits(visits: dict[str, list[Step]], floor_s: float | None) -> None:
    print("\nbytes along a visit (one browser context; France and R53 each in a fresh one)")
    print(f"{'mode':<7} {'step':<18} {'time':>6} {'x floor':>7} {'websocket':>10} {'HTTP':>9} "
          f"{'geometry':>9} {'fetched':>7} {'cached':>6}")
    for mode, steps in visits.items():
        for s in steps:
            ratio = f"{s.seconds / floor_s:7.2f}" if floor_s and "first view" in s.name else f"{'':>7}"
            print(f"{mode:<7} {s.name:<18} {s.seconds:5.2f}s {ratio} {s.ws_bytes / 1e3:8.0f}KB {s.http_bytes / 1e3:7.0f}KB "
                  f"{s.geometry_bytes / 1e3:7.0f}KB {s.fetched:>7d} {s.cached:>6d}")
    print("targets: France first view <= 1 MB, any région <= 1.5 MB, no geometry resent on a revisit "
          "(D22 -> D29: 0 fetched)")


def print_region_split() -> None:
    """Each région's map: the HTML sent over the websocket, and the shared files fetched once per browser."""
    from geo.maps import national
    from geo.reference import load_regions

    print("\nrégion maps: HTML (every view) + shared geometry files (first view only), uncompressed")
    for code in sorted(load_regions()["code"]):
        html = national.region_map(code).get_root().render()
        files = sum(geometry_files.file_bytes(u) for u in geometry_files.urls_in(html))
        print(f"R{code} {national.region_name(code):<28} HTML {len(html.encode()) / 1e6:5.2f} MB  files {files / 1e6:5.2f} MB")

"""Benchmark of the Finistère map, against the plain streamlit-folium pattern and the stack's floor.

Prints, for each variant, in one run on this machine:
- payload: bytes the browser receives over Streamlit's websocket for the first view;
- Python time per rerun (AppTest, warm caches, median); for the Carte page, the time from a filter ticked in the
  map to its markers updated, and the script runs it caused (none expected: the map filters in the browser);
- first view -> map drawn in Debian Chromium (median of N fresh browser contexts);
- script reruns caused by panning and zooming the map.

Variants: "carte" (the app's page), "plain" (st_folium(m) with default
returned_objects and raw folium.GeoJson of the same layers), "floor" (a page
holding only a one-polygon st_folium map). All serve Leaflet locally.
National scenarios, side by side with them: "france" (the app at ?territoire=FRANCE:
101 départements coloured, no commune), "plain-fr" (the plain pattern on the same
101 départements, unsimplified), "region" (the app at ?territoire=R53); then the
bytes of every région's map (all 18, without a browser).

Then the bytes along a visit (scripts/bench_traffic.py): D29, a layer hidden, D22, D29 again, France, R53, with the
geometry in shared static files and embedded, side by side.

    python scripts/bench_map.py [--runs 5] [--regions-only] [--no-visit]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import bench_traffic
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_IFRAME, start_streamlit

# The map's frame in any variant: the app's maps name theirs (MAP_IFRAME); the floor's and the plain pattern's keep
# streamlit-folium's own title.
ANY_MAP_IFRAME = f'{MAP_IFRAME}, iframe[title="streamlit_folium.st_folium"]'
ANY_FRAME_QUERY = f"document.querySelector({ANY_MAP_IFRAME!r})"

PLAIN_APP = """
import sys
sys.path.insert(0, {root!r})
import folium
import streamlit as st
from streamlit_folium import st_folium
from geo.maps import layers as maps
from geo.reference import load_communes, load_epci
from geo.structures import load_structures
from geo.territories import build_perimeters, load_cpts

st.set_page_config(layout="wide")
communes = load_communes("29")
table, members = load_cpts("29")
m = folium.Map(location=[48.25, -4.1], zoom_start=9, tiles=None)
m.default_js, m.default_css = maps.LEAFLET_JS, maps.LEAFLET_CSS
folium.GeoJson(communes[["nom", "population", "geometry"]].to_json(), name="communes",
               tooltip=folium.GeoJsonTooltip(["nom", "population"])).add_to(m)
folium.GeoJson(load_epci("29")[["nom", "geometry"]].to_json(), name="epci").add_to(m)
folium.GeoJson(build_perimeters(table, members, communes)[["name", "geometry"]].to_json(), name="cpts").add_to(m)
folium.GeoJson(load_structures("29")[["name", "kind", "geometry"]].to_json(), name="structures",
               marker=folium.CircleMarker(radius=8, fill=True),
               popup=folium.GeoJsonPopup(["name", "kind"])).add_to(m)
st_folium(m, width=900, height=720)
"""

FLOOR_APP = """
import sys
sys.path.insert(0, {root!r})
import folium
import streamlit as st
from streamlit_folium import st_folium
from geo.maps import layers as maps

m = folium.Map(location=[48.25, -4.1], zoom_start=9, tiles=None)
m.default_js, m.default_css = maps.LEAFLET_JS, maps.LEAFLET_CSS
folium.GeoJson({{"type": "Polygon", "coordinates": [[[-4.5, 48.0], [-4.0, 48.0], [-4.0, 48.4], [-4.5, 48.0]]]}}).add_to(m)
st_folium(m, width=900, height=720, returned_objects=[])
"""

PLAIN_FRANCE_APP = """
import sys
sys.path.insert(0, {root!r})
import folium
import streamlit as st
from streamlit_folium import st_folium
from geo.maps import layers as maps
from geo.reference import load_departements

st.set_page_config(layout="wide")
m = folium.Map(location=[46.5, 2.5], zoom_start=6, tiles=None)
m.default_js, m.default_css = maps.LEAFLET_JS, maps.LEAFLET_CSS
folium.GeoJson(load_departements()[["code", "nom", "geometry"]].to_json(), name="departements",
               tooltip=folium.GeoJsonTooltip(["code", "nom"])).add_to(m)
st_folium(m, width=900, height=720)
"""

# path counts that mean "the map is drawn" for each variant (a région: its communes, at least)
EXPECTED_PATHS = {"carte": 277, "plain": 277, "floor": 1, "france": 101, "plain-fr": 101, "region": 1202}
QUERIES = {"france": "?territoire=FRANCE", "region": "?territoire=R53"}


def region_bytes() -> dict[str, tuple[int, float]]:
    """Région code -> (bytes of its map's HTML, seconds to build it cold), all 18."""
    from geo.maps import national
    from geo.reference import load_regions

    out = {}
    for code in sorted(load_regions()["code"]):
        start = time.perf_counter()
        size = national.payload_bytes(national.region_map(code))
        out[code] = (size, time.perf_counter() - start)
    return out


def print_regions() -> None:
    from geo.maps import national

    sizes = region_bytes()
    for code, (size, seconds) in sizes.items():
        print(f"région R{code} {national.region_name(code):<28} {size / 1e6:6.2f} MB  built cold in {seconds:5.2f} s")
    worst = max(sizes.items(), key=lambda item: item[1][0])
    print(f"largest région map: R{worst[0]} {worst[1][0] / 1e6:.2f} MB (target <= 1.5 MB)")


def write_variant(folder: Path, name: str, source: str) -> Path:
    """A variant app beside a link to static/, so Streamlit serves the same local Leaflet."""
    (folder / "static").exists() or (folder / "static").symlink_to(ROOT / "static")
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source.format(root=str(ROOT))))
    return path


def first_view(browser, url: str, expected_paths: int) -> tuple[float, int, int]:
    """(seconds to the map drawn, websocket bytes received, number of reruns on pan/zoom)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    received, sent = [], []

    def on_ws(ws):
        ws.on("framereceived", lambda payload: received.append(len(payload)))
        ws.on("framesent", lambda payload: sent.append(len(payload)))

    page.on("websocket", on_ws)
    start = time.perf_counter()
    page.goto(url)
    iframe = page.frame_locator(ANY_MAP_IFRAME)
    page.wait_for_function(
        """n => { const f = FRAME_QUERY;
                 return f && f.contentDocument && f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n; }""".replace("FRAME_QUERY", ANY_FRAME_QUERY),
        arg=expected_paths, timeout=120_000, polling=20,
    )
    drawn = time.perf_counter() - start
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(500)
    payload = sum(received)
    sent_before = len(sent)
    box = page.locator(ANY_MAP_IFRAME).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 60, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -400)
    iframe.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(2500)
    reruns = len(sent) - sent_before
    context.close()
    return drawn, payload, reruns


def python_rerun_times(script: Path, runs: int, query: str = "") -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
    if query:  # "?territoire=R53"
        name, value = query.lstrip("?").split("=")
        at.query_params[name] = value
    at.run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def browser_filter_change(browser, url: str, runs: int) -> tuple[float, int]:
    """(median seconds from ticking a kind in the map's own panel to its markers shown or hidden, script runs seen)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(".carte-controls summary").click()
    # A run shorter than one polling interval shows "running" too briefly for
    # wait_for_selector to see it: record the state changes as they happen.
    page.evaluate(
        """() => { const app = document.querySelector('[data-testid="stApp"]'); window.benchRuns = 0;
                   new MutationObserver(() => {
                       if (app.getAttribute('data-test-script-state') === 'running') { window.benchRuns += 1; }
                   }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
    )
    iframe = next(f for f in page.frames if "st_folium" in f.url)
    box = frame.get_by_label("MSP", exact=True)
    times = []
    for _ in range(runs):
        before = iframe.evaluate("() => document.querySelectorAll('path.carte-structure').length")
        start = time.perf_counter()
        box.click()
        iframe.wait_for_function("n => document.querySelectorAll('path.carte-structure').length !== n", arg=before,
                                 timeout=10_000, polling="raf")
        times.append(time.perf_counter() - start)
    runs_seen = page.evaluate("() => window.benchRuns")
    page.close()
    return statistics.median(times), runs_seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regions-only", action="store_true", help="only the bytes of the 18 région maps")
    parser.add_argument("--variants", nargs="+", help="a subset, e.g. floor france region (floor is always run)")
    parser.add_argument("--no-visit", action="store_true", help="skip the bytes along a visit (scripts/bench_traffic.py)")
    args = parser.parse_args()
    if args.regions_only:
        print_regions()
        return
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scripts = {
            "carte": ROOT / "app.py",
            "plain": write_variant(folder, "plain", PLAIN_APP),
            "floor": write_variant(folder, "floor", FLOOR_APP),
            "france": ROOT / "app.py",
            "plain-fr": write_variant(folder, "plain_fr", PLAIN_FRANCE_APP),
            "region": ROOT / "app.py",
        }
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            wanted = set(args.variants or scripts) | {"floor"}
            for name, script in ((n, s) for n, s in scripts.items() if n in wanted):
                print(f"variant {name}…", file=sys.stderr, flush=True)
                proc, url = start_streamlit({"CARTE_STORE_DIR": str(folder / "store")}, app=str(script))
                url += QUERIES.get(name, "")
                try:
                    first_view(browser, url, EXPECTED_PATHS[name])  # warm the server's caches
                    views = [first_view(browser, url, EXPECTED_PATHS[name]) for _ in range(args.runs)]
                    results[name] = {
                        "first_view_s": statistics.median(v[0] for v in views),
                        "payload_kb": statistics.median(v[1] for v in views) / 1000,
                        "pan_zoom_messages": max(v[2] for v in views),
                        "python_rerun_s": python_rerun_times(script, args.runs, QUERIES.get(name, "")),
                    }
                    if name == "carte":
                        results[name]["filter_s"], results[name]["filter_runs"] = browser_filter_change(
                            browser, url, args.runs)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
            visits = {} if args.no_visit else geometry_visits(browser, folder)
            browser.close()

    floor = results["floor"]["first_view_s"]
    print(f"{'variant':<8} {'first view':>11} {'x floor':>8} {'payload':>10} {'py rerun':>9} {'pan/zoom msgs':>14}")
    for name, r in results.items():
        print(f"{name:<8} {r['first_view_s']:>10.2f}s {r['first_view_s'] / floor:>8.2f} {r['payload_kb']:>8.0f}KB "
              f"{r['python_rerun_s']:>8.3f}s {r['pan_zoom_messages']:>14d}")
    if "carte" in results:
        print(f"carte filter change (in the map, in Chromium): click -> markers updated {results['carte']['filter_s']:.3f} s, "
              f"script runs {results['carte']['filter_runs']}")
    print("targets: first view <= 1.2 x floor, 0 reruns from pan/zoom or filters, payload <= 400 KB")
    print("national targets: france first view <= 2 x floor and <= 1 MB sent; any région <= 1.5 MB")
    print_regions()
    if visits:
        bench_traffic.print_visits(visits, floor)
        bench_traffic.print_region_split()


def geometry_visits(browser, folder: Path) -> dict[str, list]:
    """One visit on a server sharing the geometry as static files, one on a server embedding it (same run)."""
    visits = {}
    for mode, env in (("files", {}), ("embed", {"CARTE_GEOMETRY_FILES": "embed"})):
        print(f"visit, geometry {mode}…", file=sys.stderr, flush=True)
        proc, url = start_streamlit({"CARTE_STORE_DIR": str(folder / "store")} | env)
        try:
            bench_traffic.visit(browser, url)  # warm the server's caches
            visits[mode] = bench_traffic.visit(browser, url)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return visits


if __name__ == "__main__":
    main()

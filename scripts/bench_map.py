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

    python scripts/bench_map.py [--runs 5]
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

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit

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

# path counts that mean "the map is drawn" for each variant
EXPECTED_PATHS = {"carte": 277, "plain": 277, "floor": 1}


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
    iframe = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    page.wait_for_function(
        """n => { const f = document.querySelector("iframe[title='streamlit_folium.st_folium']");
                 return f && f.contentDocument && f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n; }""",
        arg=expected_paths, timeout=120_000, polling=20,
    )
    drawn = time.perf_counter() - start
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(500)
    payload = sum(received)
    sent_before = len(sent)
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
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


def python_rerun_times(script: Path, runs: int) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
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
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
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
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scripts = {
            "carte": ROOT / "app.py",
            "plain": write_variant(folder, "plain", PLAIN_APP),
            "floor": write_variant(folder, "floor", FLOOR_APP),
        }
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, script in scripts.items():
                proc, url = start_streamlit({"CARTE_STORE_DIR": str(folder / "store")}, app=str(script))
                try:
                    first_view(browser, url, EXPECTED_PATHS[name])  # warm the server's caches
                    views = [first_view(browser, url, EXPECTED_PATHS[name]) for _ in range(args.runs)]
                    results[name] = {
                        "first_view_s": statistics.median(v[0] for v in views),
                        "payload_kb": statistics.median(v[1] for v in views) / 1000,
                        "pan_zoom_messages": max(v[2] for v in views),
                        "python_rerun_s": python_rerun_times(script, args.runs),
                    }
                    if name == "carte":
                        results[name]["filter_s"], results[name]["filter_runs"] = browser_filter_change(
                            browser, url, args.runs)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
            browser.close()

    floor = results["floor"]["first_view_s"]
    print(f"{'variant':<8} {'first view':>11} {'x floor':>8} {'payload':>10} {'py rerun':>9} {'pan/zoom msgs':>14}")
    for name, r in results.items():
        print(f"{name:<8} {r['first_view_s']:>10.2f}s {r['first_view_s'] / floor:>8.2f} {r['payload_kb']:>8.0f}KB "
              f"{r['python_rerun_s']:>8.3f}s {r['pan_zoom_messages']:>14d}")
    print(f"carte filter change (in the map, in Chromium): click -> markers updated {results['carte']['filter_s']:.3f} s, "
          f"script runs {results['carte']['filter_runs']}")
    print("targets: first view <= 1.2 x floor, 0 reruns from pan/zoom or filters, payload <= 400 KB")


if __name__ == "__main__":
    main()

"""Where the Carte's first view goes: copies of the app, each without one part, measured in one run.

Each variant is a copy of app.py and pages/ in a temporary folder with a few lines replaced (the rest of the app —
frame, geo, static — is the real one). All variants' servers run at once and the fresh-context first views are
taken round-robin in a new random order each round, so a busy moment of the shared machine falls on every variant alike. Prints the median seconds
from `goto` to the map's communes drawn (scripts/bench_map.first_view), and its ratio to the floor (a page holding
only a one-polygon st_folium map) and to the Carte as it is.

    python scripts/bench_firstview.py [--runs 7] [--variants carte no-sidebar ...]

Last run (2026-12-03, 9 rounds, machine shared with other work, load 4 to 7), first view and Chromium's main-thread
seconds: floor 1.37 s (0.60); carte, its panels and sidebar deferred to the run the map asks once drawn (ready.py),
1.72 s = 1.26 x floor (1.00); the same page built whole in its first run ("undeferred", the Carte before) 2.45 s =
1.79 x (1.53); the map alone under st.navigation 1.75 s = 1.28 x (0.94); plain pattern 2.18 s = 1.59 x (0.70).
The deferred Carte is as fast as the map alone: what is left over the floor is the map itself.
Earlier run (7 rounds, before the deferral): carte 1.51 x floor; without the panels beside and under the map 1.33 x;
without the shared frame (sidebar, French chrome, story panel) 1.41 x; map alone 1.15 x. On the deferred Carte
(7 rounds): without the French chrome 0.99 x carte (no gain), without the title and the warning 0.93 x (they stay:
the warning says the map is incomplete). Canvas renderer instead of SVG: 1.01 x carte (no gain; SVG kept, the
markers stay focusable).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_map import ANY_FRAME_QUERY, EXPECTED_PATHS, FLOOR_APP, PLAIN_APP, write_variant

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop_streamlit

APP, PAGE = "app.py", "pages/carte.py"
# A copy imports frame, storymode… from the real app; Streamlit puts the copy's own folder first on sys.path.
PATH_LINE = f"import sys\nsys.path.insert(1, {str(ROOT)!r})\n"
RIGHT = 'with right, st.container(key="carte_side"):\n'
HEAD = ("st.title(texts.CARTE_TITLE)\nst.caption(texts.CARTE_CAPTION.format(dep=dep_name))\n",
        "    st.warning(completeness.banner_text(gaps), icon=\"⚠️\")\n")
BELOW = ("    if not later:\n        with frame.folded(texts.PRESENT_NOTES):  # a shared screen gives the map the height\n"
         "            st.caption(texts.MAP_SOURCE)\n            st.caption(texts.MAP_KEYBOARD_HELP)\n"
         "        map_table(dep, ctl)\n")

SIDEBAR = "frame.sidebar(widgets=not later)\n"
STORY = "if not later:\n    storymode.panel(navigation.url_path)\n"
FRAME = [(APP, SIDEBAR, ""), (APP, "frame.french_chrome()\n", ""), (APP, STORY, "")]

# variant -> [(file, text, replacement)]; a text that is no longer in the file stops the run (the page changed).
# "carte" defers the sidebar's widgets and the panels to the run the browser asks once the map is drawn (ready.py);
# "undeferred" builds them all in the first run, as the Carte did before.
VARIANTS: dict[str, list[tuple[str, str, str]]] = {
    "carte": [],
    "undeferred": [(APP, "ready.deferred(navigation", "ready.deferred(False and navigation")],
    "no-sidebar": [(APP, SIDEBAR, "")],
    "no-chrome": [(APP, "frame.french_chrome()\n", "")],
    "no-story": [(APP, STORY, "")],
    "no-head": [(PAGE, HEAD[0], ""), (PAGE, HEAD[1], "    pass\n")],
    "no-below": [(PAGE, BELOW, "")],
    "no-right": [(PAGE, RIGHT, RIGHT + "    st.stop()\n")],
    "no-frame": FRAME,  # the page as it is, in no shared frame
    "map-first": [(PAGE, BELOW, ""), (PAGE, RIGHT, RIGHT + "    st.stop()\n")],  # the panels never built
    "no-search": [(PAGE, "    commune_search(dep)\n", "")],
    "no-legend": [(PAGE, "    legend(data)\n", "")],
    "no-export": [(PAGE, "    export_buttons(dep, dep_name, data)\n", "")],
    "no-completeness": [(PAGE, "    completeness_panel(gaps)\n", "")],
    # Leaflet's canvas renderer for every vector layer (markers too, which then leave the keyboard's reach).
    "canvas": [(PAGE, "    base = maps.base_map(data.bounds, view=start)\n",
                "    base = maps.base_map(data.bounds, view=start)\n    base.options['prefer_canvas'] = True\n")],
    "map-only": [*FRAME, (PAGE, HEAD[0], ""), (PAGE, HEAD[1], "    pass\n"), (PAGE, BELOW, ""),
                 (PAGE, RIGHT, RIGHT + "    st.stop()\n")],
}


def copy_app(folder: Path, name: str, edits: list[tuple[str, str, str]]) -> Path:
    """The app copied to folder/name with `edits` applied; returns its entry point."""
    target = folder / name
    (target / "pages").mkdir(parents=True)
    (target / "static").symlink_to(ROOT / "static")
    for source in [ROOT / APP, *sorted((ROOT / "pages").glob("*.py"))]:
        shutil.copy(source, target / source.relative_to(ROOT))
    for file, text, replacement in edits:
        path = target / file
        source = path.read_text(encoding="utf-8")
        if text not in source:
            raise SystemExit(f"{name}: {file} no longer holds {text!r}")
        path.write_text(source.replace(text, replacement, 1), encoding="utf-8")
    entry = target / APP
    entry.write_text(PATH_LINE + entry.read_text(encoding="utf-8"), encoding="utf-8")
    return entry


DRAWN = """n => { const f = FRAME_QUERY;
    return !!(f && f.contentDocument && f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n); }
""".replace("FRAME_QUERY", ANY_FRAME_QUERY)


# On a canvas there is no path to count: drawn once the map holds the features and a canvas is laid out.
CANVAS_DRAWN = """n => { const f = FRAME_QUERY, w = f && f.contentWindow;
    return !!(w && w.map && f.contentDocument.querySelector('canvas.leaflet-zoom-animated')
              && Object.values(w.map._layers).filter(l => l.feature).length >= n); }
""".replace("FRAME_QUERY", ANY_FRAME_QUERY)
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "Nodes")


def first_view(browser, url: str, paths: int, drawn_when: str = DRAWN) -> dict[str, float]:
    """Seconds from `goto` in a fresh context to `paths` Leaflet paths drawn (bench_map's measure, without its
    pan and zoom afterwards), and Chromium's own counters at that moment for the page's renderer (same-origin
    frames included): main-thread busy seconds (Task), of which JavaScript, layout and style; DOM nodes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(drawn_when, arg=paths, timeout=120_000, polling=20)
    drawn = time.perf_counter() - start
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return {"wall": drawn} | {name: metrics.get(name, float("nan")) for name in METRICS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--variants", nargs="+", choices=[*VARIANTS, "plain"], help="floor is always run")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chosen = args.variants or [*VARIANTS, "plain"]
    servers, times = {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-firstview-") as tmp:
        folder = Path(tmp)
        entries = {"floor": write_variant(folder, "floor", FLOOR_APP)}
        for name in chosen:
            entries[name] = (write_variant(folder, "plain", PLAIN_APP) if name == "plain"
                             else copy_app(folder, name, VARIANTS[name]))
        try:
            for name, entry in entries.items():
                servers[name] = start_streamlit({"CARTE_STORE_DIR": str(folder / "store")}, app=str(entry))
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                paths = {name: EXPECTED_PATHS["floor" if name == "floor" else "carte"] for name in servers}
                for name, (_, url) in servers.items():  # warm every server's caches and the browser's disk cache
                    first_view(browser, url, paths[name], CANVAS_DRAWN if name == "canvas" else DRAWN)
                for run in range(args.runs):
                    print(f"run {run + 1}/{args.runs}", file=sys.stderr, flush=True)
                    order = list(servers.items())
                    random.shuffle(order)  # no variant always right after a heavy one
                    for name, (_, url) in order:
                        times.setdefault(name, []).append(
                            first_view(browser, url, paths[name], CANVAS_DRAWN if name == "canvas" else DRAWN))
                browser.close()
        finally:
            for proc, _ in servers.values():
                stop_streamlit(proc)
    def median(name: str, metric: str = "wall") -> float:
        return statistics.median(v[metric] for v in times[name]) if name in times else float("nan")

    floor, carte = median("floor"), median("carte")
    print(f"{'variant':<16} {'first view':>10} {'x floor':>8} {'x carte':>8} {'main thread':>11} {'JS':>6} "
          f"{'layout':>6} {'style':>6} {'nodes':>6}   (medians of {args.runs}, shared machine)")
    for name in sorted(times, key=[*VARIANTS, "plain", "floor"].index):
        wall = median(name)
        print(f"{name:<16} {wall:>9.2f}s {wall / floor:>8.2f} {wall / carte:>8.2f} {median(name, 'TaskDuration'):>10.2f}s"
              f" {median(name, 'ScriptDuration'):>6.2f} {median(name, 'LayoutDuration'):>6.2f}"
              f" {median(name, 'RecalcStyleDuration'):>6.2f} {median(name, 'Nodes'):>6.0f}")


if __name__ == "__main__":
    main()

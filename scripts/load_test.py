"""Load test: N headless Chromium sessions at once against a local `streamlit run` of the app.

For each N (1 5 10 20 by default) a fresh server is started on a free 127.0.0.1 port and warmed as `make run`
does (its script health check builds Finistère's map once); then N browser sessions, all at once, each:
open the map (Finistère), change a filter (the EPCI layer), change the territory (Côtes-d'Armor).
Prints p50/p95 of the seconds to the map drawn, to the filter applied (in the map itself, no run) and to the
new territory's map drawn, and the server process's CPU seconds, mean CPU use and peak resident memory over the
round (from /proc, sampled every 0.25 s). Browsers and server share this machine: on a busy machine the
figures say more about the machine than about the app.

Bounded: N <= 50 sessions, every wait <= 180 s; loopback only (any request elsewhere is aborted and counted).

    .venv/bin/python scripts/load_test.py [N ...] [--development] [--pages floor plain carte]   e.g. 1 5

--development runs the server as `make dev` does (file watcher, garbage collection after each run), to compare
with the production settings of .streamlit/config.toml.

--pages floor plain carte runs, for each N, the same N sessions on the stack's floor (a page holding a one-polygon
st_folium map) and on the plain streamlit-folium pattern (scripts/bench_map.py's variants) before the app, so the
app's figures read against what the stack alone gives on this machine: those pages have no filter nor territory,
their sessions only open the map, as the app's do with `carte-map` (the same steps as the floor's). Each round also prints the CPU seconds per session of the browsers (Chromium and
Playwright's driver, which drives them) next to the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import reference, texts
from scripts.bench_map import FLOOR_APP, PLAIN_APP, write_variant
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, FRAME_QUERY, MAP_IFRAME, start_streamlit, stop_streamlit

MAX_SESSIONS = 50
WAIT_MS = 180_000
FIRST_TERRITORY, NEXT_TERRITORY = "D29", "D22"
TICK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# True once the map's iframe has drawn exactly n communes: the territory's own map, not the previous one.
MAP_DRAWN = """n => { const f = FRAME_QUERY;
    return !!(f && f.contentDocument && f.contentDocument.querySelectorAll('path.carte-commune').length === n); }""".replace("FRAME_QUERY", FRAME_QUERY)
# A run shorter than one polling interval shows "running" too briefly to be seen by polling: record the changes.
WATCH_RUNS = """() => { const app = document.querySelector('[data-testid="stApp"]');
    window.loadRunSeen = false; window.loadRunDone = false;
    new MutationObserver(() => {
        const state = app.getAttribute('data-test-script-state');
        if (state === 'running') { window.loadRunSeen = true; }
        if (state === 'notRunning' && window.loadRunSeen) { window.loadRunDone = true; }
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
# The floor and the plain pattern have no commune class: their map is drawn once it holds at least n Leaflet paths.
PATHS_DRAWN = """n => { const f = FRAME_QUERY; return !!(f && f.contentDocument
    && f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n); }""".replace("FRAME_QUERY", FRAME_QUERY)
MAP_ONLY = "carte-map"  # the app's sessions doing what the floor's do: open the map, nothing else
STACK_PAGES = {"floor": (FLOOR_APP, 1), "plain": (PLAIN_APP, 277)}  # page -> (its script, paths when drawn)
RESET_RUNS = "() => { window.loadRunSeen = false; window.loadRunDone = false; }"
RUN_DONE = "() => window.loadRunDone === true"


@dataclass
class Round:
    n: int
    page: str = "carte"
    first_map: list[float] = field(default_factory=list)
    filter_applied: list[float] = field(default_factory=list)
    territory_map: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    blocked: int = 0
    cpu_s: float = 0.0
    browser_cpu_s: float = 0.0
    wall_s: float = 0.0
    peak_rss_mb: float = 0.0


@dataclass(frozen=True)
class Target:
    """What the sessions wait for: the communes each map draws, and the name typed to change territory."""

    first_communes: int
    next_communes: int
    next_name: str

    @classmethod
    def make(cls) -> Target:
        deps = reference.load_departements()
        name = str(deps.loc[deps["code"] == NEXT_TERRITORY[1:], "nom"].iloc[0])
        return cls(len(reference.load_communes(FIRST_TERRITORY[1:])), len(reference.load_communes(NEXT_TERRITORY[1:])),
                   name)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def rss_mb(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE / 2**20


async def sample_memory(pid: int, result: Round, stop: asyncio.Event) -> None:
    while not stop.is_set():
        result.peak_rss_mb = max(result.peak_rss_mb, rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.25)


async def session(browser, url: str, target: Target, result: Round) -> None:
    """One visitor: the map, a filter, a territory (the app); the map alone on the floor and plain pages."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")

    async def loopback_only(route) -> None:
        if route.request.url.startswith(url):
            await route.continue_()
        else:
            result.blocked += 1
            await route.abort()

    await context.route("**/*", loopback_only)
    page = await context.new_page()
    try:
        start = time.perf_counter()
        if result.page in STACK_PAGES:
            await page.goto(url, timeout=WAIT_MS)
            await page.wait_for_function(PATHS_DRAWN, arg=STACK_PAGES[result.page][1], timeout=WAIT_MS, polling=50)
            result.first_map.append(time.perf_counter() - start)
            return
        await page.goto(f"{url}/?territoire={FIRST_TERRITORY}", timeout=WAIT_MS)
        await page.wait_for_function(MAP_DRAWN, arg=target.first_communes, timeout=WAIT_MS, polling=50)
        result.first_map.append(time.perf_counter() - start)
        if result.page == MAP_ONLY:
            return
        await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=WAIT_MS)
        await page.evaluate(WATCH_RUNS)

        # The filter is the map's own control (geo/maps/controls.js): applied in the browser, no script run.
        panel = page.frame_locator(MAP_IFRAME)
        await panel.locator(".carte-controls summary").click(timeout=WAIT_MS)
        await panel.locator(".carte-controls-body").wait_for(timeout=WAIT_MS)
        start = time.perf_counter()
        await panel.get_by_label(texts.LAYER_EPCI, exact=True).uncheck(timeout=WAIT_MS)
        result.filter_applied.append(time.perf_counter() - start)

        await page.evaluate(RESET_RUNS)
        start = time.perf_counter()
        await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click(timeout=WAIT_MS)
        await page.keyboard.type(target.next_name, delay=20)
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**territoire={NEXT_TERRITORY}*", timeout=WAIT_MS)
        await page.wait_for_function(RUN_DONE, timeout=WAIT_MS, polling=50)
        await page.wait_for_function(MAP_DRAWN, arg=target.next_communes, timeout=WAIT_MS, polling=50)
        result.territory_map.append(time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 — one failed session is counted, the round goes on
        result.failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


# `make dev`'s settings, as environment variables (they override .streamlit/config.toml).
DEVELOPMENT = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "auto", "STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}


def children_cpu_seconds() -> float:
    """CPU seconds of this process's children that have ended and been waited for (Playwright's driver, and
    through it every Chromium process it launched and waited for)."""
    times = os.times()
    return times.children_user + times.children_system


async def run_round(n: int, development: bool, page: str = "carte") -> Round:
    from playwright.async_api import async_playwright

    result = Round(n, page)
    target = Target.make()
    with tempfile.TemporaryDirectory(prefix="carte-load-") as store:
        app = str(write_variant(Path(store), page, STACK_PAGES[page][0])) if page in STACK_PAGES else "app.py"
        env = {"CARTE_STORE_DIR": store} | (DEVELOPMENT if development else {})
        proc, url = start_streamlit(env, app=app)  # warmed: Finistère's map already built once
        browsers_before = children_cpu_seconds()
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                stop = asyncio.Event()
                sampler = asyncio.create_task(sample_memory(proc.pid, result, stop))
                cpu_before, start = cpu_seconds(proc.pid), time.perf_counter()
                await asyncio.gather(*(session(browser, url, target, result) for _ in range(n)))
                result.cpu_s, result.wall_s = cpu_seconds(proc.pid) - cpu_before, time.perf_counter() - start
                stop.set()
                await sampler
                await browser.close()
            # The driver has ended and waited for Chromium: their CPU is in our children's (the server still runs).
            result.browser_cpu_s = children_cpu_seconds() - browsers_before
        finally:
            stop_streamlit(proc)
    return result


def quantiles(values: list[float]) -> str:
    if not values:
        return f"{'—':>7}{'—':>7}"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return f"{statistics.median(ordered):>7.2f}{p95:>7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1, 5, 10, 20], metavar="N")
    parser.add_argument("--development", action="store_true", help="the server as make dev runs it")
    parser.add_argument("--pages", nargs="+", choices=[*STACK_PAGES, MAP_ONLY, "carte"], default=["carte"],
                        help="pages to load, in this order for each N (e.g. floor plain carte-map carte)")
    args = parser.parse_args()
    if any(not 1 <= n <= MAX_SESSIONS for n in args.counts):
        raise SystemExit(f"N between 1 and {MAX_SESSIONS}")
    print(f"Load test on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          "(browsers and server share the machine); server settings: "
          f"{'development (make dev)' if args.development else 'production (.streamlit/config.toml)'}")
    print(f"{'page':<9} {'N':>3}  {'first map p50/p95 (s)':>21}  {'filter p50/p95 (s)':>18}"
          f"  {'territory p50/p95 (s)':>21}  {'server CPU s':>12}  {'CPU %':>6}  {'CPU s/session server':>20}"
          f"  {'browser':>7}  {'peak RSS MB':>11}  failed")
    for n, page in ((n, page) for n in args.counts for page in args.pages):
        r = asyncio.run(run_round(n, args.development, page))
        print(f"{page:<9} {n:>3}  {quantiles(r.first_map):>21}  {quantiles(r.filter_applied):>18}  "
              f"{quantiles(r.territory_map):>21}  {r.cpu_s:>12.1f}  {100 * r.cpu_s / max(r.wall_s, 1e-9):>6.0f}  "
              f"{r.cpu_s / n:>20.2f}  {r.browser_cpu_s / n:>7.2f}  {r.peak_rss_mb:>11.0f}  {len(r.failures)}",
              flush=True)
        for failure in sorted(set(r.failures)):
            print(f"     failed: {failure}")
        if r.blocked:
            print(f"     {r.blocked} request(s) outside the local server aborted")


if __name__ == "__main__":
    main()

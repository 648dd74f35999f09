"""Real-browser fixtures: `streamlit run` on a free localhost port, Debian Chromium via Playwright.

We wait for /_stcore/health, then for the app's "script finished" state
(data-test-script-state), as Streamlit's own e2e suite does, never on sleeps.
Every request the browser makes is recorded so tests can assert that none
leaves localhost.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from deploy import warm as warm_py

ROOT = Path(__file__).resolve().parents[2]
# The app's folium maps, wherever they are: one selector for every test and script (JS snippets get it spliced in
# with `frame_query`, since a page's own JS cannot import it).
MAP_IFRAME = "iframe[data-carte-map]"  # set by the map itself (geo/maps/keyboard.py FrameName), with its French title
FRAME_QUERY = f"document.querySelector({MAP_IFRAME!r})"


def outside_requests(page, app_url: str) -> list[str]:
    """The page's requests that left the app: anything but its own origin, data: URLs, and blob: URLs of its own
    origin (the code of the page's components, viewlink.py, made in the browser)."""
    return [url for url in page.requests_seen if not url.startswith((app_url, "blob:" + app_url, "data:", "about:"))]


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]
SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(env_extra: dict[str, str] | None = None, app: str = "app.py",
                    warm: bool = True) -> tuple[subprocess.Popen, str]:
    """A server on a free port, healthy; `warm`: warmed by deploy/warm.py, as `make run` does (app.py runs
    before any visitor, so a fresh server's first unknown path gets the French notice)."""
    port = free_port()
    # The developer's own DATABASE_URL must not point the test app at a real store.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | (env_extra or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    if not warm_py.wait_healthy(url, 60, alive=lambda: proc.poll() is None):
        if proc.poll() is not None:
            raise RuntimeError(proc.stdout.read().decode(errors="replace"))
        proc.kill()
        raise RuntimeError("streamlit did not become healthy within 60 s")
    if warm and not warm_py.warm(url, 180):
        proc.kill()
        raise RuntimeError("deploy/warm.py: the script health check failed (app.py raised?)")
    return proc, url


def stop_streamlit(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
def app_url(store_dir):
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(store_dir), "CARTE_ANALYST_PASSWORD": "analyste-e2e"})
    yield url
    stop_streamlit(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda req: page.requests_seen.append(req.url))
    page.console_errors = []
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script, and on a Carte's first view the run its map asks once
    drawn (ready.py: its component is in the page until that run has replaced it)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    if page.locator(".st-key-carte_ready").count():
        page.wait_for_selector(".st-key-carte_ready", state="detached", timeout=timeout)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def watch_runs(page) -> None:
    """Count the page's script runs from now on (a run may be too short for a polling wait to see).

    A Carte on its first view asks one run by itself once its map is drawn (ready.py): that run is waited for
    first, it is not one of the runs a test counts."""
    page.wait_for_selector(".st-key-carte_ready", state="detached", timeout=60_000)
    wait_for_app(page)
    page.evaluate(
        """() => { const app = document.querySelector('[data-testid="stApp"]'); window.carteRuns = 0;
                   new MutationObserver(() => {
                       if (app.getAttribute('data-test-script-state') === 'running') { window.carteRuns += 1; }
                   }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
    )

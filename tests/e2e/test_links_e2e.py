"""Shared links in Chromium: a mistyped page or parameter opens the app with a French notice, never Streamlit's
English "Page not found" dialog; a page named in the link works on a fresh server's very first request."""

from __future__ import annotations

import pytest

from geo import texts
from tests.e2e.conftest import start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e
NOTICE = '[data-testid="stAlert"]'


@pytest.fixture()
def fresh_url(tmp_path):
    """A server no browser has visited yet and not warmed (Streamlit's legacy pages mode is still on)."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path / "store")}, warm=False)
    yield url
    stop_streamlit(proc)


def open_link(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.wait_for(timeout=60_000)
    wait_for_app(page)


def assert_no_english_dialog(page) -> None:
    assert page.get_by_text("Page not found").count() == 0 and page.locator('[role="dialog"]').count() == 0
    assert page.get_by_text("Traceback").count() == 0


@pytest.mark.parametrize("path, title", [
    ("/carte?territoire=D29", texts.CARTE_TITLE),
    ("/couverture?territoire=D29", "Couverture et objectifs — Finistère (29)"),
])
def test_a_page_named_in_the_first_request_runs_with_the_shared_sidebar(page, fresh_url, path, title):
    open_link(page, fresh_url + path)
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    assert_no_english_dialog(page)
    assert page.get_by_text(texts.SIDEBAR_TERRITORY).first.is_visible()


def test_an_unknown_page_lands_on_the_map_with_a_french_notice(page, fresh_url):
    open_link(page, fresh_url + "/couverture")  # not the server's first request: that one is tested above
    open_link(page, fresh_url + "/inconnu?territoire=D22")
    notice = texts.LINK_UNKNOWN_PAGE.format(path="inconnu", page=texts.PAGE_CARTE)
    page.locator(NOTICE).filter(has_text=notice).wait_for(timeout=30_000)
    assert_no_english_dialog(page)
    assert page.url.endswith("/?territoire=D22")  # the link's parameters are kept


def test_unknown_parameters_and_territories_are_named(page, fresh_url):
    open_link(page, fresh_url + "/couverture?territoire=D999&dep=999")
    for notice in (texts.LINK_UNKNOWN_PARAM.format(name="dep"),
                   texts.LINK_UNKNOWN_TERRITORY.format(zone="D999", label="29 – Finistère")):
        page.locator(NOTICE).filter(has_text=notice).wait_for(timeout=30_000)
    assert_no_english_dialog(page)
    assert "dep=" not in page.url and "territoire=D29" in page.url


def test_the_map_s_own_name_opens_the_map_without_notice(page, fresh_url):
    open_link(page, fresh_url + "/couverture")  # not the server's first request: that one is tested above
    open_link(page, fresh_url + "/carte?territoire=D22")
    page.get_by_role("heading", name=texts.CARTE_TITLE).first.wait_for(timeout=60_000)
    page.wait_for_url("**/?territoire=D22")
    assert_no_english_dialog(page)
    assert page.locator(NOTICE).filter(has_text="lien").count() == 0


def test_a_server_started_as_make_run_does_answers_an_unknown_first_link_in_french(page, tmp_path):
    """Streamlit's legacy pages mode answers a fresh server's very first unknown path with its English dialog,
    before any app code runs. The supported way out, in .streamlit/config.toml and `make run`:
    `server.scriptHealthCheckEnabled` and one GET of /_stcore/script-health-check at start, which runs app.py."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path / "store")})  # warmed, as `make run` does
    try:
        open_link(page, url + "/inconnu")
        notice = texts.LINK_UNKNOWN_PAGE.format(path="inconnu", page=texts.PAGE_CARTE)
        page.locator(NOTICE).filter(has_text=notice).wait_for(timeout=30_000)
        assert_no_english_dialog(page)
    finally:
        stop_streamlit(proc)


def test_without_the_warm_up_the_unknown_first_link_meets_streamlit_s_dialog(page, fresh_url):
    """Why the warm-up exists. If this fails (Streamlit no longer shows its dialog), `make run` can drop it."""
    page.goto(fresh_url + "/inconnu")
    page.get_by_text("Page not found").first.wait_for(timeout=60_000)

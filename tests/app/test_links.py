"""Links with what the app does not know (?territoire=D999, ?dep=999) open the app with a French notice.

Unknown page paths are tested in Chromium (tests/e2e/test_links_e2e.py): AppTest sends no URL path.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture()
def open_app(tmp_path, monkeypatch):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception
        return at

    return run


def test_an_unknown_territory_says_which_one_is_shown(open_app):
    at = open_app(territoire="D999")
    assert texts.LINK_UNKNOWN_TERRITORY.format(zone="D999", label="29 – Finistère") in [i.value for i in at.info]
    assert at.query_params["territoire"] == "D29" and at.sidebar.selectbox[0].value == "D29"


def test_an_unknown_parameter_is_named_and_dropped(open_app):
    at = open_app(territoire="D29", dep="999")
    assert [i.value for i in at.info] == [texts.LINK_UNKNOWN_PARAM.format(name="dep")]
    assert "dep" not in at.query_params
    at.run()  # said once
    assert not at.info


def test_a_known_link_has_no_notice(open_app):
    at = open_app(territoire="D22", presentation="1")
    assert not at.info and at.sidebar.selectbox[0].value == "D22"


def test_a_value_from_the_link_is_escaped_in_the_notice(open_app):
    at = open_app(territoire="[x](javascript:alert(1))")
    notice = at.info[0].value
    assert "\\[x\\]" in notice and "[x](" not in notice


def test_the_legacy_pages_mode_is_what_frame_ensure_navigation_expects():
    """frame.ensure_navigation flips Streamlit's private PagesManager.uses_pages_directory: fail if it changes.

    Upstream: https://github.com/streamlit/streamlit/pull/10255 (make st.navigation the only mode, not merged).
    When this fails, check whether a `pages/` folder beside app.py still starts the legacy mode; if not,
    delete frame.ensure_navigation and its calls.
    """
    from streamlit.commands import navigation
    from streamlit.runtime import pages_manager
    from streamlit.runtime.scriptrunner import script_runner

    assert "uses_pages_directory" in vars(pages_manager.PagesManager)
    assert 'self.main_script_parent / "pages"' in inspect.getsource(pages_manager.PagesManager.__init__)
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation.navigation)
    assert "if PagesManager.uses_pages_directory:\n" in inspect.getsource(script_runner)
    assert "_mpa_v1(self._main_script_path)" in inspect.getsource(script_runner)

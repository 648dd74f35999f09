"""AppTest of the shared sidebar: the data's freshness is built on demand, when its panel is opened."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import frame
from geo import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def sidebar_text(tmp_path, monkeypatch, opened: bool | None) -> str:
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    app = AppTest.from_file(APP, default_timeout=90)
    if opened is not None:  # what the browser sends when the viewer opens or closes the panel
        app.session_state[frame.FRESHNESS_KEY] = opened
    app.run()
    assert not app.exception
    assert texts.SIDEBAR_FRESHNESS in [block.label for block in app.sidebar.expander]
    return "\n".join([m.value for m in app.sidebar.markdown] + [c.value for c in app.sidebar.caption])


def test_freshness_is_not_built_while_its_panel_is_closed(tmp_path, monkeypatch):
    text = sidebar_text(tmp_path, monkeypatch, None)
    assert texts.FRESHNESS_NO_STORE not in text
    assert texts.FRESHNESS_LINES[0] not in text


def test_opened_freshness_panel_shows_sources_and_the_store(tmp_path, monkeypatch):
    text = sidebar_text(tmp_path, monkeypatch, True)
    assert texts.FRESHNESS_NO_STORE in text
    assert all(line in text for line in texts.FRESHNESS_LINES)

"""The Carte's first view: the map first, the rest of the page once the browser has drawn it.

The map's frame shares the page's main thread: every Streamlit element the browser builds before the map is drawn
delays it (scripts/bench_firstview.py). So the first run of a session that opens on a département's Carte in a
browser sends the page's head (title, territory, the completeness warning: the map never looks complete) and the
map; the shared sidebar's widgets, the panels beside the map and the table under it wait. A small component in the
page (static/ready.js) hears the map say it is up (its `carte:view` event, geo/maps/controls.js) and asks for the
run that adds them; from then on every run of the session is complete, so nothing flickers later.

If the map never speaks (it failed, or the component did), the component asks anyway after TIMEOUT_MS. Only a
browser can say the map is drawn: a run with no browser on the other end (st.context.url empty, as in AppTest's
bare runs, or a health check) is complete at once.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

COMPLETE_KEY = "page_complete"  # set once per session: every later run builds the whole page
SIGNAL_KEY = "carte_ready"
TIMEOUT_MS = 10_000  # the map is drawn in 1 to 3 s here (a busy machine: more); a failed one gets its panels late

_COMPONENT = st.components.v2.component(
    "carte_ready", js=(Path(__file__).with_name("static") / "ready.js").read_text(encoding="utf-8"))


def deferred(first_view: bool) -> bool:
    """Whether this run leaves out what can wait for the map: `first_view` says the run draws a département's
    Carte; it is deferred while the session has had no complete run and a browser is there to say the map is drawn.
    Any other run marks the session complete (a session that opened on another page shows its sidebar already)."""
    if st.session_state.get(COMPLETE_KEY):
        return False
    if first_view and st.context.url:
        return True
    st.session_state[COMPLETE_KEY] = True
    return False


def pending() -> bool:
    """This run was deferred (app.py asked deferred() before the page ran)."""
    return not st.session_state.get(COMPLETE_KEY)


def _complete() -> None:
    st.session_state[COMPLETE_KEY] = True


def signal() -> None:
    """The component that asks for the complete run once the map is drawn (or after TIMEOUT_MS)."""
    _COMPONENT(key=SIGNAL_KEY, data={"timeout": TIMEOUT_MS}, default={"ready": False}, on_ready_change=_complete)

"""The view the viewer sees at the moment of an action, for actions that depend on it.

Why not st.query_params: the Carte's map writes its view (centre, zoom, couches, filtres, couleur) into the page's
link in the browser with history.replaceState, with no run (geo/maps/controls.js). Streamlit's page keeps its own
copy of the link, set when it loads and when the server writes a parameter, and sends that copy with every run
(Streamlit 1.67: the rerun message's query string is the page's copy, location.search only when the copy is
empty); st.query_params is filled from it. After a pan, the server's link is the view before the pan.

So each action reads the link from the browser when it happens, through one component that runs in the page
itself (st.components.v2, static/viewlink.js), with no run per pan:
- in a form (a story's step): the component's value is the link, refreshed before the form is submitted;
- on a button (the map's exports): the click's run receives the link and the map's box on screen, prepares
  the file and hands it back to the page, which saves it (one click; a link saves it again);
- the table alternative of the map needs no action: its rows follow the map's filters in the page itself.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import links

_STATIC = Path(__file__).with_name("static")
# Inside its own shadow root: Streamlit's button look, and the app's focus ring (static/focus.css does not reach).
_CSS = """
.viewlink-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.viewlink-actions button { font: inherit; color: inherit; background: #fff; border: 1px solid rgba(49, 51, 63, 0.2);
  border-radius: 0.5rem; padding: 0.25rem 0.75rem; min-height: 2.5rem; cursor: pointer; }
.viewlink-actions button:hover { border-color: #ff4b4b; color: #ff4b4b; }
.viewlink-actions button:focus-visible, .viewlink-again:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
.viewlink-again { display: inline-block; margin-top: 0.25rem; color: #1f5fa8; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
th { text-align: left; font-weight: 600; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid rgba(49, 51, 63, 0.1); vertical-align: top; }
[hidden] { display: none; }
"""
_COMPONENT = st.components.v2.component(
    "carte_viewlink", js=(_STATIC / "viewlink.js").read_text(encoding="utf-8"), css=_CSS)


def _keep() -> None:
    """A value is read from the mount's result; nothing to do when it changes."""


def link_in_form(key: str) -> dict[str, str]:
    """Inside an st.form: the link's parameters as the browser shows them when the form is submitted (the server's
    copy when the component has not spoken, e.g. outside a browser)."""
    result = _COMPONENT(key=key, data={"mode": "form"}, default={"link": None}, on_link_change=_keep)
    search = result.get("link")
    return links.parse_search(search) if isinstance(search, str) else st.query_params.to_dict()


def action_buttons(key: str, buttons: Sequence[tuple[str, str, str]]) -> links.SeenView | None:
    """Buttons (name, label, help); the run of a click gets the view seen at the click, and which button it was."""
    result = _COMPONENT(key=key, data={"mode": "actions", "buttons": [list(b) for b in buttons]},
                        on_action_change=_keep)
    seen = links.seen_view(result.get("action"))
    return seen if seen is not None and seen.action in {name for name, _, _ in buttons} else None


def deliver(key: str, file: tuple[str, str, bytes] | None, again: str) -> None:
    """Hand a prepared file (name, MIME type, bytes) to the page, which saves it once; `again` labels the link that
    saves it again (with {name}). A run with no file clears the link: the bytes travel once."""
    data: dict[str, object] = {"mode": "deliver"}
    if file is not None:
        name, mime, content = file
        data |= {"file": base64.b64encode(content).decode("ascii"), "name": name, "mime": mime,
                 "again": again.format(name=name), "nonce": secrets.token_hex(8)}  # each file saved once
    _COMPONENT(key=key, data=data)


def live_table(key: str, table: pd.DataFrame, tags: Sequence[tuple[str, str]], state: Mapping[str, object],
               empty: str) -> None:
    """A table whose rows follow the map's layers and filters in the browser, with no run: each row is shown when
    the map shows its (kind, status); `state` (layers, kinds, statuses) is the view until the map speaks."""
    rows = [[[str(v) for v in values], kind, status] for values, (kind, status) in
            zip(table.itertuples(index=False), tags, strict=True)]
    _COMPONENT(key=key, data={"mode": "table", "columns": [str(c) for c in table.columns], "rows": rows,
                              "state": dict(state), "empty": empty})

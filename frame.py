"""The shared frame of every page: cached data access and the selected territory.

Streamlit-side glue only; the domain logic lives in geo/. The territory is
a baromètre zone id ("FRANCE", "R53", "D29"), kept in session state and in
the URL (?territoire=D29) so a view can be shared.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import streamlit as st

import caching
from geo import links, reference, texts, zones

TERRITORY_KEY = "territory"
WIDGET_KEY = "territory_select"
QUERY_KEY = links.TERRITORY_PARAM
PRESENTATION_KEY = links.PRESENTATION_PARAM  # ?presentation=1: a view for a shared screen
DEFAULT_TERRITORY = "D" + reference.DEFAULT_DEPARTEMENT
REDIRECT_NOTICE_KEY = "link_redirect_notice"
FRESHNESS_KEY = "sidebar_freshness"  # the freshness panel is open


@caching.process
def territory_labels() -> dict[str, str]:
    """Zone id -> label, France first, then régions, then départements."""
    labels = {zones.NATIONAL: texts.TERRITORY_FRANCE}
    regions = reference.load_regions()
    for row in regions.sort_values("nom").itertuples():
        labels[zones.region_id(row.code)] = texts.TERRITORY_REGION.format(nom=row.nom)
    deps = reference.load_departements()
    for row in deps.sort_values("code").itertuples():
        labels[zones.departement_id(row.code)] = texts.TERRITORY_DEPARTEMENT.format(code=row.code, nom=row.nom)
    return labels


def ensure_navigation() -> None:
    """Run every page through app.py's navigation, even on a fresh server's first visit.

    Streamlit has no supported way to keep a top-level `pages/` folder beside an entry point that
    calls st.navigation: a new process starts in the legacy multipage mode (the folder alone makes
    the menu) and leaves it only once st.navigation has run. Until then a first request naming a
    page (/carte) runs that file alone — no shared sidebar, file names as the menu. So we leave the
    mode here and run again. (The legacy mode also answers a fresh server's very first request for an
    unknown path with its English dialog, before any of our code runs; a server started with
    ``server.scriptHealthCheckEnabled`` and warmed by one GET of /_stcore/script-health-check runs
    app.py first and never shows it: tests/e2e/test_links_e2e.py.) This is the app's one use of a
    private Streamlit name; the legacy mode's
    removal was proposed upstream and not merged (https://github.com/streamlit/streamlit/pull/10255);
    tests/app/test_links.py fails if the name or its meaning changes.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def routed(pages: list, default, aliases: dict) -> list:
    """`pages`, plus a hidden page at the path of the link when no page has it.

    Streamlit answers a path it does not know with an English "Page not found" dialog — even the
    default page's own name (/carte), since the default page lives at the root. A hidden page at that
    very path avoids the dialog: it sends the visitor on, keeping the link's parameters, to the page
    `aliases` names for that path (no notice), else to `default`, and the next run says in French
    which page did not exist.
    """
    path = unquote(urlsplit(st.context.url or "").path)
    if not path.strip("/"):  # the root, or no browser at all (AppTest, bare mode)
        return pages
    name = links.unknown_path(path, st.get_option("server.baseUrlPath") or "", [page.url_path for page in pages])
    if name is None or "/" in name:  # a page's path is one segment: Streamlit refuses others before any page runs
        return pages
    target = aliases.get(name, default)
    notice = None if name in aliases else texts.LINK_UNKNOWN_PAGE.format(
        path=links.shown(name), page=target.title)

    def redirect() -> None:
        if notice:
            st.session_state[REDIRECT_NOTICE_KEY] = notice
        st.switch_page(target, query_params=st.query_params.to_dict())

    return [*pages, st.Page(redirect, title=target.title, url_path=name, visibility="hidden")]


def link_notices() -> list[str]:
    """What the link asked that the app ignores, in French; unknown parameters leave the URL (said once)."""
    labels = territory_labels()
    params = st.query_params.to_dict()
    notices = links.link_notices(params, labels, labels[DEFAULT_TERRITORY])
    if unknown := links.unknown_params(params):  # one write: one entry in the browser's history
        st.query_params.from_dict({name: value for name, value in params.items() if name not in unknown})
    if redirected := st.session_state.pop(REDIRECT_NOTICE_KEY, None):
        notices.insert(0, redirected)
    return notices


def territory() -> str:
    """The selected zone id: the link's (so Back and Forward bring their territory back), else the one this
    session chose last (a page opened from the menu has no parameters), else the default one."""
    labels = territory_labels()
    return next((zone for zone in (st.query_params.get(QUERY_KEY), st.session_state.get(TERRITORY_KEY))
                 if zone in labels), DEFAULT_TERRITORY)


def set_territory(zone: str) -> None:
    """Select a territory for every page (e.g. from a click on a map)."""
    if zone in territory_labels():
        st.session_state[TERRITORY_KEY] = zone
        st.query_params[QUERY_KEY] = zone


def map_departement() -> tuple[str, bool]:
    """The département whose communes the maps draw, and whether it is the selected territory.

    Only départements shipped in data/ can be drawn; otherwise the default one is.
    """
    dep = zones.departement_code(territory()) or ""
    if dep in reference.available_departements():
        return dep, True
    return reference.DEFAULT_DEPARTEMENT, False


def presenting() -> bool:
    """Presentation mode, read from the URL so a presenter can open it directly."""
    return st.query_params.get(PRESENTATION_KEY) == "1"


def _toggle_presentation() -> None:
    if st.session_state["presentation_toggle"]:
        st.query_params[PRESENTATION_KEY] = "1"
    elif PRESENTATION_KEY in st.query_params:
        del st.query_params[PRESENTATION_KEY]


# Presentation mode: a slide per page on a 1280 × 720 or 1920 × 1080 shared screen. Streamlit's chrome
# (toolbar, decoration, status) is hidden, text is larger and darker, paddings are small, and the Carte's map
# takes the height the screen leaves (its iframe from here, the map inside from geo.maps.labels.map_style).
PRESENTATION_CSS = (Path(__file__).with_name("static") / "presentation.css").read_text(encoding="utf-8")


def screen_fill(name: str) -> AbstractContextManager:
    """Presentation mode: a container that takes the height the screen leaves (static/french_chrome.js sizes every
    `screen_fill_*` container; a chart or table inside it is drawn with height="stretch"). Else: the page itself."""
    return st.container(key=f"screen_fill_{name}") if presenting() else contextlib.nullcontext()


def folded(label: str) -> AbstractContextManager:
    """Presentation mode: what follows (sources, notes, exports, secondary tables) folds into one expander under
    the slide, so the page never scrolls. Else it shows where it is."""
    return st.expander(label) if presenting() else contextlib.nullcontext()


def presentation_style() -> None:
    """Presentation mode's page style (PRESENTATION_CSS); the sidebar starts folded (see app.py)."""
    if presenting():
        st.html(f"<style>{PRESENTATION_CSS}</style>")


def sidebar(widgets: bool = True) -> None:
    """The territory selector, once for all pages; with no `widgets` (the Carte's first view, ready.py), the
    territory is only kept in the session and the link.

    The widget has its own key: pages may change the territory (set_territory)
    after the widget is drawn, which Streamlit forbids on a widget's key.
    """
    labels = territory_labels()
    current = territory()
    st.session_state[TERRITORY_KEY] = current
    st.session_state[WIDGET_KEY] = current
    if st.query_params.get(QUERY_KEY) != current:  # the map reads its territory from the link (controls.js)
        st.query_params[QUERY_KEY] = current
    if not widgets:
        return
    st.sidebar.selectbox(
        texts.SIDEBAR_TERRITORY,
        options=list(labels),
        format_func=labels.get,
        help=texts.TERRITORY_HELP,  # a selectbox filters its options as one types
        key=WIDGET_KEY,
        on_change=lambda: set_territory(st.session_state[WIDGET_KEY]),
    )
    st.sidebar.toggle(texts.PRESENTATION_TOGGLE, value=presenting(), key="presentation_toggle",
                      help=texts.PRESENTATION_HELP, on_change=_toggle_presentation)
    # On demand: a closed panel sends nothing and reads no store (issue 13: a light sidebar draws the map sooner).
    with st.sidebar.expander(texts.SIDEBAR_FRESHNESS, key=FRESHNESS_KEY, on_change="rerun") as panel:
        if panel.open:
            st.markdown("\n".join(f"- {line}" for line in texts.FRESHNESS_LINES))
            st.caption(freshness_of_store())


def freshness_of_store() -> str:
    """The newest saved version, so a viewer knows whether analysts changed the picture: one small query (the store's
    stamp), the version itself read once per stamp for every viewer."""
    return _freshness(_token(None))


@caching.per_version
def _freshness(token: str) -> str:
    try:
        newest = store().get_version(int(token))
    except Exception:  # nothing saved ("0") or an unreachable store ("shipped"): the shipped data is what is shown
        return texts.FRESHNESS_NO_STORE
    return texts.FRESHNESS_STORE.format(version=newest.version, date=texts.fmt_date(newest.created_at[:10]),
                                        layer=texts.md_escape(newest.layer))


# --- A page's state in the link ---------------------------------------------------
# The URL is the truth: a widget is set from its parameter on every run, and a change writes the parameter from
# the server, which Streamlit's page adds to the browser's history (pushState; its own widget binding,
# bind="query-params", replaces the entry instead, so Back would skip the change).


def url_choice(param: str, choices: Mapping[str, object], key: str, default: str | None = None) -> str:
    """The link's value of `param` among `choices` (URL value -> the widget's value), else `default` (the first
    choice), with a French notice for a value it does not know; widget `key` is set to match."""
    default = default or next(iter(choices))
    value, notice = links.choice(st.query_params.to_dict(), param, list(choices))
    if notice:
        st.info(notice, icon=":material/link_off:")
        del st.query_params[param]
    value = value or default
    if st.session_state.get(key) != choices[value]:
        st.session_state[key] = choices[value]
    return value


def url_writer(param: str, choices: Mapping[str, object], key: str) -> Callable[[], None]:
    """The widget's on_change: its new value goes into the link (a new entry of the browser's history)."""

    def write() -> None:
        st.query_params[param] = next(name for name, state in choices.items() if state == st.session_state[key])

    return write


# --- Data access --------------------------------------------------------------
# Shipped files are cached by geo's loaders (lru_cache); what the store's layers change is cached per data
# version (caching.per_version). These hand back the object itself: callers must never mutate it.


def communes(dep: str):
    return reference.load_communes(dep)


def data_token(dep: str, kinds: Iterable[str] | None = None) -> str:
    """The data version of `dep`'s layers of `kinds` (all: None): changes when a save or a rollback touches them, in
    any instance, and only then (a save in D29 leaves D22's caches; a France-wide layer changes every département's).
    One small query on a kept connection per call (about 0.02 ms, scripts/bench_store.py), so several app processes
    on one store show a save made in any of them at the next interaction (tests/e2e/test_instances_e2e.py)."""
    return _token([dep], kinds)


def zone_token(zone: str) -> str:
    """data_token of a territory of the selector: a département's, its départements' for a région, the whole store's
    for France."""
    parsed = zones.parse(zone)
    if parsed.level == "region":
        deps = reference.load_departements()
        return _token(deps.loc[deps["region"] == parsed.code, "code"].tolist())
    return _token(None if parsed.level == "france" else [parsed.code])


def _token(deps: list[str] | None, kinds: Iterable[str] | None = None) -> str:
    try:
        from geo.store import stamp

        return str(store().token()) if deps is None else stamp(store().stamps(deps), kinds)
    except Exception:  # an unreachable store must not break the map: shipped data only
        return "shipped"


@caching.process
def store():
    """The versioned layer store (geo.store), with the analyst password hash from st.secrets or the environment."""
    from geo.store import configured_password_hash, open_store

    return open_store(password_hash=configured_password_hash(st.secrets))


def structures(dep: str):
    """Structures to show and count for a département: shipped data + the store's current layers."""
    return _structures(dep, data_token(dep, ["structures"]))


@caching.per_version
def _structures(dep: str, token: str):
    from geo.layers import effective_structures
    from geo.structures import load_structures

    shipped = load_structures(dep)
    if token == "shipped":
        return shipped
    try:
        return effective_structures(dep, store(), shipped)
    except Exception:  # a damaged store falls back to the shipped layers rather than breaking every page
        return shipped


def cpts(dep: str):
    """(CPTS table, memberships) to show and count: shipped data + the store's current CPTS layers."""
    return _cpts(dep, data_token(dep, ["cpts"]))


@caching.per_version
def _cpts(dep: str, token: str):
    from geo.layers import effective_cpts
    from geo.territories import load_cpts

    table, members = load_cpts(dep)
    if token == "shipped":
        return table, members
    try:
        return effective_cpts(dep, store(), table, members)
    except Exception:
        return table, members


def overlays(dep: str):
    """[(name, GeoDataFrame)] of the store's current free layers (drawn over the map, never counted)."""
    return _overlays(dep, data_token(dep, ["layer"]))


@caching.per_version
def _overlays(dep: str, token: str):
    from geo.layers import overlay_layers

    if token == "shipped":
        return []
    try:
        return overlay_layers(dep, store())
    except Exception:
        return []


# --- French chrome ----------------------------------------------------------------------------

# What the script rewrites and why: its header (a few kB, read at each run).
_CHROME_JS = Path(__file__).with_name("static") / "french_chrome.js"


def french_chrome() -> None:
    """Streamlit's own widget words in French, and a focus ring every control shows (once, from app.py)."""
    script = (_CHROME_JS.read_text(encoding="utf-8").replace("__WHOLE__", json.dumps(texts.STREAMLIT_CHROME))
              .replace("__PARTS__", json.dumps(texts.STREAMLIT_CHROME_PARTS))
              .replace("__DAYS__", json.dumps(texts.STREAMLIT_SCOPED_WHOLE))
              .replace("__PREFIXES__", json.dumps(texts.STREAMLIT_CHROME_PREFIXES))
              .replace("__LABELS__", json.dumps({"sparkline": texts.A11Y_SPARKLINE})))
    st.html(f"{_FOCUS_STYLE}<script>{script}</script>", unsafe_allow_javascript=True)


# Streamlit leaves some controls without a visible focus (the toggle, radio and pill buttons draw
# none): one ring for every keyboard focus, in the DSFR's focus blue. Its captions are grey at 3.9:1
# on white (colour at 60 % opacity); WCAG asks 4.5:1 for text this size.
_FOCUS_STYLE = "<style>" + (Path(__file__).with_name("static") / "focus.css").read_text(encoding="utf-8") + "</style>"

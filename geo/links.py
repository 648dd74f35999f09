"""Shared links (URL path and parameters): the view a link names, and what it asked that the app does not know.

The link is the view: every page keeps its state in the URL's parameters (French names, below), written on every
change and read on every run, so a copied address, a story's step and the browser's Back button all give the same
view. The app still opens a link it does not fully understand — on the page asked for, else the default page —
and says in French what it ignored.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from geo import texts

TERRITORY_PARAM = "territoire"
# The Carte's view, written by the map itself in the browser (geo/maps/controls.js) and read back on load.
LAYERS_PARAM, FILTERS_PARAM, COLOUR_PARAM = "couches", "filtres", "couleur"
CENTRE_PARAM, ZOOM_PARAM, COMMUNE_PARAM = "centre", "zoom", "commune"
MAP_PARAMS = (LAYERS_PARAM, FILTERS_PARAM, COLOUR_PARAM, CENTRE_PARAM, ZOOM_PARAM, COMMUNE_PARAM)
MAX_ZOOM = 19
TAB_PARAM = "onglet"
SCHEDULE_PARAM = "echeance"
SCENARIO_PARAM = "scenario"
STORY_PARAM = "histoire"
STEP_PARAM = "etape"
PRESENTATION_PARAM = "presentation"
# What a view is made of: the frame's territory, the Carte's map (centre=lat,lon…), the Fiche's territory
# (commune, epci or cpts), each page's tab, the Couverture's schedule, the Fiche's scenario.
VIEW_PARAMS = (TERRITORY_PARAM, *MAP_PARAMS, "epci", "cpts", TAB_PARAM, SCHEDULE_PARAM, SCENARIO_PARAM)
# Every parameter a page reads or writes; a story's own two say where a presenter is, not what is shown.
KNOWN_PARAMS = (*VIEW_PARAMS, STORY_PARAM, STEP_PARAM, PRESENTATION_PARAM)
# Tabs as the link names them (the labels live in geo.texts), per page, the first one open by default.
COUVERTURE_TABS = ("avancement", "trajectoires", "carte", "classement", "verification")
FICHE_TABS = ("profil", "acces", "ecarts", "scenario")
MAX_SHOWN = 40  # characters of a link's value quoted back (the visitor's own text)


def unknown_path(path: str, base: str, known: Collection[str]) -> str | None:
    """The page a URL path names when the app has no such page (None: a known page or the root).

    >>> unknown_path("/carte", "", ["carte", "couverture"]) is None
    True
    >>> unknown_path("/app/inconnu/", "app", ["carte"])
    'inconnu'
    """
    path, base = path.strip("/"), base.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path if path and path not in known else None


def unknown_params(params: Mapping[str, object]) -> list[str]:
    """Parameters of the link no page reads, in the link's order.

    >>> unknown_params({"territoire": "D29", "dep": "999"})
    ['dep']
    """
    return [name for name in params if name not in KNOWN_PARAMS]


def shown(value: str) -> str:
    """A value from the link, cut short and escaped for a Markdown notice.

    >>> print(shown("[x](y)"))
    \\[x\\]\\(y\\)
    """
    value = str(value)
    return texts.md_escape(value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…")


def link_notices(params: Mapping[str, str], zones: Collection[str], default_label: str) -> list[str]:
    """French notices for what the link asked and the app ignores: unknown parameters, an unknown territory.

    >>> link_notices({"territoire": "D999"}, ["D29"], "29 – Finistère")
    ["Le territoire « D999 » du lien n'existe pas : affichage de 29 – Finistère."]
    """
    notices = [texts.LINK_UNKNOWN_PARAM.format(name=shown(name)) for name in unknown_params(params)]
    zone = params.get(TERRITORY_PARAM)
    if zone is not None and zone not in zones:
        notices.append(texts.LINK_UNKNOWN_TERRITORY.format(zone=shown(zone), label=default_label))
    return notices


def choice(params: Mapping[str, str], name: str, allowed: Collection[str]) -> tuple[str | None, str | None]:
    """(the link's value of `name` when allowed, else None; a French notice when the link gave another value).

    >>> choice({"onglet": "carte"}, "onglet", COUVERTURE_TABS)
    ('carte', None)
    >>> choice({}, "onglet", COUVERTURE_TABS)
    (None, None)
    >>> choice({"onglet": "x"}, "onglet", COUVERTURE_TABS)[1]
    "La valeur « x » du paramètre « onglet » du lien n'est pas reconnue : elle est ignorée."
    """
    value = params.get(name)
    if value is None or value in allowed:
        return value, None
    return None, texts.LINK_BAD_VALUE.format(value=shown(value), name=name)


def view_of(params: Mapping[str, str]) -> dict[str, str]:
    """The parameters that make the view (a story's step keeps these, not where the presenter is).

    >>> view_of({"territoire": "D29", "histoire": "x", "etape": "2", "presentation": "1"})
    {'territoire': 'D29'}
    """
    return {name: str(value) for name, value in params.items() if name in VIEW_PARAMS}


def split_list(value: str, allowed: Collection[str]) -> tuple[list[str], list[str]]:
    """(known values in the link's order, unknown ones) of a comma-separated parameter; blanks are dropped.

    >>> split_list("msp, ouvert,,x", ["msp", "ouvert"])
    (['msp', 'ouvert'], ['x'])
    """
    items = [item.strip() for item in str(value).split(",") if item.strip()]
    return [i for i in items if i in allowed], [i for i in items if i not in allowed]


def parse_centre(value: str) -> tuple[float, float] | None:
    """`lat,lon` in degrees, or None when it is not one.

    >>> parse_centre("48.25,-4.1")
    (48.25, -4.1)
    >>> parse_centre("48.25") is None, parse_centre("nan,1") is None, parse_centre("91,0") is None
    (True, True, True)
    """
    parts = str(value).split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None  # NaN fails both comparisons


def parse_zoom(value: str) -> float | None:
    """A Leaflet zoom level (0 to MAX_ZOOM, quarter steps allowed), or None.

    >>> parse_zoom("9.25"), parse_zoom("40"), parse_zoom("x")
    (9.25, None, None)
    """
    try:
        zoom = float(value)
    except ValueError:
        return None
    return zoom if 0 <= zoom <= MAX_ZOOM else None


def parse_search(search: str) -> dict[str, str]:
    """The parameters of a link's query string (the browser's ``location.search``), as st.query_params reads
    them: a repeated name keeps its last value, a name with no value is kept empty.

    >>> parse_search("?territoire=D29&centre=48.1,-4.2&zoom=10&zoom=11&couches=")
    {'territoire': 'D29', 'centre': '48.1,-4.2', 'zoom': '11', 'couches': ''}
    >>> parse_search("")
    {}
    """
    parsed = parse_qs(str(search).removeprefix("?"), keep_blank_values=True)
    return {name: values[-1] for name, values in parsed.items()}


def parse_bounds(value: object) -> tuple[float, float, float, float] | None:
    """[west, south, east, north] in degrees, as the map reports what it shows, or None when it is not a box.

    >>> parse_bounds([-4.6, 48.2, -4.3, 48.5])
    (-4.6, 48.2, -4.3, 48.5)
    >>> parse_bounds([-4.3, 48.2, -4.6, 48.5]) is None, parse_bounds("x") is None, parse_bounds([0, 0, 1]) is None
    (True, True, True)
    """
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    try:
        west, south, east, north = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return None
    return west, south, east, north


@dataclass(frozen=True)
class SeenView:
    """The view as the browser showed it when the viewer acted: the link's parameters (which the map writes
    without a run, so the server's copy lags behind) and, on the Carte, the box the map showed."""

    params: dict[str, str] = field(default_factory=dict)
    bounds: tuple[float, float, float, float] | None = None
    action: str = ""


def seen_view(payload: object) -> SeenView | None:
    """What the page's component sent on an action (``{"action", "search", "bounds"}``, viewlink.js), or None
    when it sent nothing usable; a box that is not one is dropped (the link's centre and zoom remain).

    >>> seen_view({"action": "svg", "search": "?zoom=11", "bounds": [-4.6, 48.2, -4.3, 48.5]})
    SeenView(params={'zoom': '11'}, bounds=(-4.6, 48.2, -4.3, 48.5), action='svg')
    >>> seen_view({"action": "svg", "search": "?zoom=11", "bounds": "nan"}).bounds is None
    True
    >>> seen_view(None) is None, seen_view({"search": 3}) is None
    (True, True)
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("search"), str):
        return None
    action = payload.get("action")
    return SeenView(parse_search(payload["search"]), parse_bounds(payload.get("bounds")),
                    action if isinstance(action, str) else "")

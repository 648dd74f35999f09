"""The Carte's own controls, drawn inside the map: layers, kinds, statuses, colouring and background.

Why in the map rather than in Streamlit widgets:
- a toggle filters on the client (geo/maps/controls.js): no rerun of the page,
  no geometry sent again, the answer is instant;
- the page has no widget to build before the map is up (about half a second of
  first view, measured in scripts/bench_map.py);
- the map writes its state into the page's link (`couches`, `filtres`,
  `couleur`, `centre`, `zoom`) with history.replaceState on the parent page:
  the component's iframe is served from the app's origin and sandboxed with
  allow-same-origin, so it may. The page reads the link back (read_view) when
  it builds the map, so a shared link opens the same view. The server's
  st.query_params does not see these changes until the page loads again (Streamlit
  sends its own copy of the link with each run): actions on the view read it from
  the browser (viewlink.py), helped by the map, which also tells its page what it
  shows (window.carteMapNow, the "carte:view" event).
- for the same reason a run that draws a new map (another territory, presentation
  mode) gets the choices the server last saw: the page keeps the viewer's last
  layers, filters and colouring, and the new map takes them unless its link is
  new to the page (a link opened, Back or Forward, a story's step, another view
  named by the app; see controls.js, "carried to the next map").

Every label reaches the browser as JSON data (script_literal) and is put in the
page with textContent only, never parsed as HTML.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
from folium.template import Template

from geo import links, texts
from geo.maps.encoded import _ScriptOnly, script_literal
from geo.maps.styles import KIND_COLORS, LAND, SEA, Classes
from geo.structures import STATUSES

LAYERS = {
    "communes": texts.LAYER_COMMUNES,
    "epci": texts.LAYER_EPCI,
    "cpts": texts.LAYER_CPTS,
    "structures": texts.LAYER_STRUCTURES,
}
# Background id in the link -> (label, tile URL, attribution); no id: no background, drawn offline.
BACKGROUNDS = {
    "osm": (texts.BACKGROUND_OSM, "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© contributeurs OpenStreetMap"),
    "plan-clair": (texts.BACKGROUND_LIGHT, "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
                   "© OpenStreetMap, © CARTO"),
}
# Colouring id in the link (the commune column) -> label.
COLOURINGS = {"population": texts.CHOROPLETH_POPULATION, "densite": texts.CHOROPLETH_DENSITY}
# The viewer's choices a new map of the same page takes from the last one (not centre and zoom: a new territory's map
# fits its own bounds).
CARRIED = (links.LAYERS_PARAM, links.FILTERS_PARAM, links.COLOUR_PARAM)
JS = (Path(__file__).with_name("controls.js")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class MapView:
    """What the map shows, as the link says it (defaults: every layer, every kind and status, no colouring)."""

    layers: tuple[str, ...] = tuple(LAYERS)
    background: str | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = tuple(STATUSES)
    colour: str | None = None
    centre: tuple[float, float] | None = None
    zoom: float | None = None
    commune: str | None = None
    # How the link spelled the choices the viewer makes in the map, and whether they may come from the viewer's last
    # map instead (controls.js carries them to a new map; a story's step shows what it saved). Not what the map
    # shows: two links that show the same view are the same view.
    linked: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    carry: bool = field(default=True, compare=False)


def read_view(params: Mapping[str, str], kinds: Collection[str], communes: Collection[str]) -> tuple[MapView, list[str]]:
    """The view a link asks for, and a French notice for each value ignored.

    `kinds` are the kinds present on the map, `communes` the codes it can select.
    """
    notices: list[str] = []

    def ignored(name: str, values: Collection[str]) -> None:
        notices.extend(texts.LINK_BAD_VALUE.format(name=name, value=links.shown(v)) for v in values)

    view: dict[str, Any] = {"kinds": tuple(kinds), "carry": links.STORY_PARAM not in params,
                            "linked": tuple((name, str(params[name])) for name in CARRIED if name in params)}
    if links.LAYERS_PARAM in params:
        named, bad = links.split_list(params[links.LAYERS_PARAM], [*LAYERS, *BACKGROUNDS])
        ignored(links.LAYERS_PARAM, bad)
        view["layers"] = tuple(name for name in named if name in LAYERS)
        view["background"] = next((name for name in named if name in BACKGROUNDS), None)
    if links.FILTERS_PARAM in params:
        # The link lists what is kept; a link naming filters keeps nothing it does not name.
        named, bad = links.split_list(params[links.FILTERS_PARAM], [*kinds, *STATUSES])
        ignored(links.FILTERS_PARAM, bad)
        view["kinds"] = tuple(k for k in kinds if k in named)
        view["statuses"] = tuple(s for s in STATUSES if s in named)
    colour = params.get(links.COLOUR_PARAM)
    if colour is not None:
        if colour in COLOURINGS:
            view["colour"] = colour
        else:
            ignored(links.COLOUR_PARAM, [colour])
    for name, parse, key in ((links.CENTRE_PARAM, links.parse_centre, "centre"),
                             (links.ZOOM_PARAM, links.parse_zoom, "zoom")):
        if name in params:
            view[key] = parse(params[name])
            if view[key] is None:
                ignored(name, [params[name]])
    commune = params.get(links.COMMUNE_PARAM)
    if commune is not None:
        if commune in communes:
            view["commune"] = commune
        else:
            notices.append(texts.LINK_BAD_COMMUNE.format(value=links.shown(commune)))
    return MapView(**view), notices


def class_labels(classes: Classes) -> list[list[str]]:
    """[colour, "low – high"] for each class of a colouring, for the map's legend."""
    rows, lower = [], 0.0
    for bound, color in zip(classes.bounds, classes.colors, strict=True):
        rows.append([color, f"{texts.fmt_int(lower)} – {texts.fmt_int(bound)}"])
        lower = bound
    return rows


def config(view: MapView, kinds: Collection[str], total: int, classes: Mapping[str, Classes],
           gaps: str = "") -> dict[str, Any]:
    """Everything controls.js needs: the initial state, the choices with their French labels, the figures, and the
    line saying what the map lacks (`gaps`, geo.completeness.headline), always in sight under the count."""
    return {
        "state": {"layers": list(view.layers), "background": view.background, "kinds": list(view.kinds),
                  "statuses": list(view.statuses), "colour": view.colour},
        "layers": [[key, label] for key, label in LAYERS.items()],
        "kinds": [[kind, texts.KIND_SHORT.get(kind, kind), KIND_COLORS.get(kind, KIND_COLORS["autre"])] for kind in kinds],
        "statuses": [[status, texts.STATUS_LABELS[status]] for status in STATUSES],
        "colourings": [["", texts.CHOROPLETH_NONE, []]]
        + [[key, label, class_labels(classes[key])] for key, label in COLOURINGS.items()],
        "backgrounds": [["", texts.BACKGROUND_NONE, None, None]]
        + [[key, label, url, attribution] for key, (label, url, attribution) in BACKGROUNDS.items()],
        "total": total,
        "ground": {"offline": SEA, "tiles": "#ffffff", "land": LAND},
        "text": {"title": texts.CONTROLS_TITLE, "layers": texts.LAYERS_HEADER, "kinds": texts.FILTER_KINDS,
                 "statuses": texts.FILTER_STATUS, "colour": texts.CHOROPLETH_LABEL,
                 "background": texts.BACKGROUND_LABEL, "shown": texts.STRUCTURES_SHOWN,
                 "nothing": texts.FILTER_NOTHING, "noKind": texts.FILTER_NO_KIND,
                 "hidden": texts.STRUCTURES_HIDDEN, "gaps": gaps},
        "params": {"layers": links.LAYERS_PARAM, "filters": links.FILTERS_PARAM, "colour": links.COLOUR_PARAM,
                   "centre": links.CENTRE_PARAM, "zoom": links.ZOOM_PARAM, "territory": links.TERRITORY_PARAM},
        "defaults": {"layers": list(LAYERS), "statuses": list(STATUSES)},
        "carry": {"linked": dict(view.linked), "allowed": view.carry},
    }


class MapControls(_ScriptOnly):
    """The control panel and the shown-count, added last to a map whose layer groups are given by id."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        window.carteMapControls({{ this._parent.get_name() }}, {
        {%- for key, group in this.groups.items() %}{{ key|tojson }}: {{ group.get_name() }},{% endfor -%}
        }, JSON.parse({{ this.payload }}));
        {% endmacro %}
        """
    )

    def __init__(self, groups: Mapping[str, folium.FeatureGroup], settings: dict[str, Any]) -> None:
        super().__init__()
        self._name = "MapControls"
        self.groups = dict(groups)
        self.js = JS
        self.payload = script_literal(settings)

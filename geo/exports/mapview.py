"""The Carte's current view and layers as a stamped scene, then as SVG or PNG bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.exports import layout
from geo.exports.png import write_png
from geo.exports.scene import Box, LegendEntry, Marker, Place, Scene, Shape, Stamp, view_of, zoom_of
from geo.exports.svg import write_svg
from geo.maps import labels
from geo.maps.prepare import MapData, commune_fill
from geo.maps.styles import (
    COMMUNE_LINE,
    CPTS_DEFAULT_STYLE,
    CPTS_STYLES,
    EPCI_LINE,
    KIND_COLORS,
    LAND,
    SEA,
    STATUS_STYLES,
    Classes,
)
from geo.structures import selected

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}  # format -> MIME type
FOCUS_ZOOM = 12  # the Carte's zoom on a searched commune
PLACE_SIZES = {"departement": 24.0, "epci": 15.0, "commune": 14.0}


@dataclass(frozen=True)
class MapLayers:
    """What the Carte shows: its layers as data, the filters and colouring as chosen on screen."""

    communes: gpd.GeoDataFrame  # nom, population, epci_nom, geometry (WGS84)
    structures: gpd.GeoDataFrame  # kind, status, geometry
    perimeters: gpd.GeoDataFrame  # status, geometry
    show: dict[str, bool]
    kinds: Collection[str]
    statuses: Collection[str]
    fill: pd.Series | None = None  # a colour per commune (choropleth)
    classes: Classes | None = None
    choropleth_label: str | None = None
    highlight: str | None = None  # a commune code
    places: list[labels.PlaceName] = field(default_factory=list)


def layers_of(data: MapData, structures: gpd.GeoDataFrame, controls: Mapping[str, Any]) -> MapLayers:
    """The Carte's prepared data with its controls.

    `controls`: the page's keys show, kinds, statuses, choropleth, choropleth_label and commune.
    """
    fill, classes = commune_fill(data.communes, controls["choropleth"])
    return MapLayers(data.communes, structures, data.perimeters, dict(controls["show"]), set(controls["kinds"]),
                     set(controls["statuses"]), fill, classes, controls["choropleth_label"], controls["commune"],
                     data.places)


def view_for(data: MapLayers, bounds: Box, centre: str | None, zoom: str | None,
             size: tuple[int, int]) -> Box:
    """The view on screen: the link's centre and zoom, else the searched commune, else the whole département."""
    view = current_view(bounds, centre, zoom, size)
    if view == bounds and data.highlight:
        hit = data.communes.loc[data.communes["code"] == data.highlight]
        if len(hit):
            point = hit.geometry.iloc[0].representative_point()
            return view_of((point.y, point.x), FOCUS_ZOOM, *size)
    return view


def current_view(bounds: Box, centre: str | None, zoom: str | None,
                 size: tuple[int, int]) -> Box:
    """The view the link describes (centre=lat,lon and zoom, as a map of `size` pixels shows it), else `bounds`.

    >>> current_view((-5.0, 47.7, -3.4, 48.8), "48.39,-4.49", "x", (1000, 700))
    (-5.0, 47.7, -3.4, 48.8)
    >>> [round(v, 2) for v in current_view((-5.0, 47.7, -3.4, 48.8), "48.39,-4.49", "12", (1000, 700))]
    [-4.66, 48.31, -4.32, 48.47]
    """
    try:
        lat, lon = (float(part) for part in (centre or "").split(","))
        level = float(zoom or "")
    except ValueError:
        return bounds
    if not (-85 < lat < 85 and -180 <= lon <= 180 and 0 <= level <= 20):
        return bounds
    return view_of((lat, lon), level, *size)


def map_scene(data: MapLayers, view: Box, territory: str, today: dt.date) -> Scene:
    shapes: list[Shape] = []
    if data.show.get("communes"):
        fills = data.fill.tolist() if data.fill is not None else [LAND] * len(data.communes)
        shapes += [Shape(geometry, COMMUNE_LINE, 0.6, fill, 0.9)
                   for geometry, fill in zip(data.communes.geometry, fills, strict=True)]
    if data.show.get("epci"):
        groups = data.communes[data.communes["epci_nom"].fillna("") != ""].dissolve(by="epci_nom")
        shapes += [Shape(g.boundary, EPCI_LINE, 2.2) for g in groups.geometry]
    if data.show.get("cpts"):
        for status, geometry in zip(data.perimeters["status"], data.perimeters.geometry, strict=True):
            style = CPTS_STYLES.get(status, CPTS_DEFAULT_STYLE)
            shapes.append(Shape(geometry, style["color"], 3, style["fillColor"], 0.22, dashed=bool(style["dashArray"])))
    if data.highlight:
        hit = data.communes.loc[data.communes["code"] == data.highlight]
        shapes += [Shape(g, "#e4007c", 5) for g in hit.geometry]
    markers: list[Marker] = []
    if data.show.get("structures") and not data.structures.empty:
        kept = data.structures[selected(data.structures, data.kinds, data.statuses).to_numpy()]
        for kind, status, point in zip(kept["kind"], kept["status"], kept.geometry, strict=True):
            style = STATUS_STYLES.get(status, STATUS_STYLES["ouvert"])
            markers.append(Marker(point.x, point.y, KIND_COLORS.get(kind, KIND_COLORS["autre"]), style["radius"],
                                  style["fillOpacity"], style["weight"]))
    places = [Place(n.lon, n.lat, n.text, PLACE_SIZES[n.kind], bold=n.kind != "epci")
              for n in labels.shown_at(data.places, zoom_of(view, *layout.MAP_SIZE))]
    stamp = Stamp(
        title=texts.EXPORT_MAP_TITLE.format(title=texts.CARTE_TITLE, territory=territory),
        source=texts.MAP_SOURCE,
        date_line=texts.EXPORT_DATE_LINE.format(date=texts.fmt_date(today), layers=_layers_line(data)),
        legend=legend_entries(data),
    )
    return Scene(view, stamp, SEA, tuple(shapes), tuple(markers), tuple(places))


def _layers_line(data: MapLayers) -> str:
    names = {"communes": texts.LAYER_COMMUNES, "epci": texts.LAYER_EPCI, "cpts": texts.LAYER_CPTS,
             "structures": texts.LAYER_STRUCTURES}
    shown = [label for key, label in names.items() if data.show.get(key)]
    return ", ".join(shown) if shown else texts.EXPORT_LAYERS_NONE


def legend_entries(data: MapLayers) -> tuple[LegendEntry, ...]:
    """The on-screen legend's entries, for the layers shown (geo.maps.legend draws the same on the page)."""
    out: list[LegendEntry] = []
    if data.show.get("structures") and data.kinds:
        out.append(LegendEntry(texts.LEGEND_KINDS, "", heading=True))
        out += [LegendEntry(texts.KIND_LABELS[k], KIND_COLORS[k]) for k in KIND_COLORS if k in data.kinds]
        out.append(LegendEntry(texts.LEGEND_STATUS, "", heading=True))
        out += [LegendEntry(texts.STATUS_LABELS[s], "#444444", fill_opacity=STATUS_STYLES[s]["fillOpacity"])
                for s in ("ouvert", "projet", "annonce") if s in data.statuses]
    if data.show.get("cpts"):
        out.append(LegendEntry(texts.LEGEND_CPTS, "", heading=True))
        out += [LegendEntry(texts.CPTS_STATUS_LABELS[s], CPTS_STYLES[s]["fillColor"], "square")
                for s in ("en fonctionnement", "projet")]
    if data.show.get("epci"):
        out.append(LegendEntry(texts.LEGEND_EPCI, EPCI_LINE, "line"))
    if data.show.get("communes") and data.classes is not None and data.choropleth_label:
        out.append(LegendEntry(texts.LEGEND_CHOROPLETH.format(label=data.choropleth_label), "", heading=True))
        lower = 0.0
        for bound, color in zip(data.classes.bounds, data.classes.colors, strict=True):
            out.append(LegendEntry(f"{texts.fmt_int(lower)} – {texts.fmt_int(bound)}", color, "square"))
            lower = bound
    if data.highlight:
        hit = data.communes.loc[data.communes["code"] == data.highlight, "nom"]
        if len(hit):
            out.append(LegendEntry(texts.EXPORT_LEGEND_SEARCHED.format(name=hit.iloc[0]), "#e4007c", "line"))
    return tuple(out)


def export(data: MapLayers, view: Box, territory: str, today: dt.date, fmt: str) -> bytes:
    """The map as a slide file: what a download button asks for when clicked."""
    return render(map_scene(data, view, territory, today), fmt)


def render(scene: Scene, fmt: str) -> bytes:
    """The scene as `fmt` ("png" or "svg") bytes, on a 1600 × 900 slide."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    page = layout.lay_out(scene)
    return write_png(page) if fmt == "png" else write_svg(page)

"""What an exported map shows, in longitude/latitude, and the stamp that makes it readable on a slide."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import shapely

Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
WORLD_PX = 256  # Leaflet's tile size: a zoom level z spans 256 * 2**z pixels around the world


@dataclass(frozen=True)
class Shape:
    """A polygon or a line, drawn with a Leaflet-like style (no fill for a line)."""

    geometry: shapely.Geometry
    stroke: str | None = None
    width: float = 1.0
    fill: str | None = None
    fill_opacity: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    lon: float
    lat: float
    color: str
    radius: float = 8.0
    fill_opacity: float = 0.95
    width: float = 2.0


@dataclass(frozen=True)
class Place:
    """A place name written on the map (raw text: each writer escapes it its own way)."""

    lon: float
    lat: float
    text: str
    size: float = 14.0
    bold: bool = False


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    kind: str = "circle"  # circle, square or line
    fill_opacity: float = 0.95
    heading: bool = False  # a group title: label only


@dataclass(frozen=True)
class Stamp:
    """Title, legend, source and date: what a slide needs to stand alone."""

    title: str
    source: str
    date_line: str
    legend: tuple[LegendEntry, ...] = ()


@dataclass(frozen=True)
class Scene:
    view: Box
    stamp: Stamp
    background: str = "#d4e6f1"
    shapes: tuple[Shape, ...] = ()
    markers: tuple[Marker, ...] = ()
    places: tuple[Place, ...] = field(default=())


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator on a unit world (x, y in 0..1, y down), as the browser's map draws it."""
    lat = max(min(lat, 85.0511), -85.0511)
    sin = math.sin(math.radians(lat))
    return lon / 360 + 0.5, 0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)


def unmercator(x: float, y: float) -> tuple[float, float]:
    lon = (x - 0.5) * 360
    lat = math.degrees(math.atan(math.sinh((0.5 - y) * 2 * math.pi)))
    return lon, lat


def view_of(center: tuple[float, float], zoom: float, width_px: int, height_px: int) -> Box:
    """The lon/lat box a browser map of this size shows around `center` (lat, lon) at `zoom`.

    >>> box = view_of((48.2, -4.1), 9, 1024, 512)
    >>> round(box[2] - box[0], 3)  # 1024 px at zoom 9 span 1024 / (256 * 512) of the world
    2.812
    """
    world = WORLD_PX * 2 ** zoom
    x, y = mercator(center[1], center[0])
    half_w, half_h = width_px / 2 / world, height_px / 2 / world
    west, north = unmercator(x - half_w, y - half_h)
    east, south = unmercator(x + half_w, y + half_h)
    return west, south, east, north


def zoom_of(view: Box, width_px: int, height_px: int) -> float:
    """The zoom at which `view` fills a map of this size (for the place names shown at that zoom)."""
    x0, y1 = mercator(view[0], view[1])
    x1, y0 = mercator(view[2], view[3])
    spans = [(x1 - x0) * WORLD_PX / width_px, (y1 - y0) * WORLD_PX / height_px]
    return -math.log2(max(max(spans), 1e-12))


"""A scene laid out as a slide: title band on top, map on the left, legend on the right, source at the bottom.

Both writers (svg, png) draw the same primitives in pixels, so the two files show the same thing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import shapely

from geo.exports.scene import Box, LegendEntry, Scene, mercator

WIDTH, HEIGHT = 1600, 900  # a 16:9 slide
MARGIN = 24
TITLE_SIZE, DATE_SIZE, LEGEND_SIZE, SOURCE_SIZE = 34, 18, 18, 15
HEADER = 96
LEGEND_WIDTH = 360
CHAR_WIDTH = 0.58  # a DejaVu Sans character's mean advance, in font sizes: enough to wrap the source line
INK, GREY = "#161616", "#4d4d4d"
# The map box of a slide with a two-line source: the zoom its place names are picked for.
MAP_SIZE = (WIDTH - LEGEND_WIDTH - 3 * MARGIN, HEIGHT - HEADER - 2 * (SOURCE_SIZE + 6) - MARGIN - 8)


@dataclass(frozen=True)
class Path:
    """Rings (polygon: closed; line: open) in pixels."""

    rings: tuple[tuple[tuple[float, float], ...], ...]
    closed: bool
    stroke: str | None
    width: float
    fill: str | None
    fill_opacity: float
    dashed: bool = False


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    stroke: str | None
    width: float
    fill: str | None
    fill_opacity: float


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    color: str = INK
    bold: bool = False
    anchor: str = "start"  # start or middle
    halo: bool = False  # a white outline, so a name reads over any fill


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


Primitive = Path | Circle | Text | Rect


@dataclass(frozen=True)
class Page:
    width: int
    height: int
    map_box: tuple[float, float, float, float]  # x, y, w, h: the map is clipped to it
    map_items: tuple[Primitive, ...]
    chrome: tuple[Primitive, ...]
    title: str
    view: Box | None = None  # the lon/lat box the map is fitted to


class _Projection:
    """Lon/lat -> pixels of the map box, the view centred and fitted (Mercator keeps the map's shapes)."""

    def __init__(self, view: Box, box: tuple[float, float, float, float]) -> None:
        x0, y1 = mercator(view[0], view[1])
        x1, y0 = mercator(view[2], view[3])
        bx, by, bw, bh = box
        self.scale = min(bw / max(x1 - x0, 1e-12), bh / max(y1 - y0, 1e-12))
        self.dx = bx + (bw - (x1 - x0) * self.scale) / 2 - x0 * self.scale
        self.dy = by + (bh - (y1 - y0) * self.scale) / 2 - y0 * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return round(x * self.scale + self.dx, 1), round(y * self.scale + self.dy, 1)

    def ring(self, coords: object) -> tuple[tuple[float, float], ...]:
        return tuple(self(lon, lat) for lon, lat, *_ in coords)  # type: ignore[attr-defined]


def _rings(geom: shapely.Geometry, project: _Projection) -> tuple[list[tuple[tuple[float, float], ...]], bool]:
    """(rings in pixels, closed) of a polygon or line geometry, multi-parts flattened."""
    rings: list[tuple[tuple[float, float], ...]] = []
    closed = False
    for part in getattr(geom, "geoms", [geom]):
        if part.is_empty:
            continue
        if part.geom_type == "Polygon":
            closed = True
            rings += [project.ring(part.exterior.coords), *(project.ring(r.coords) for r in part.interiors)]
        elif part.geom_type == "LineString":
            rings.append(project.ring(part.coords))
        elif part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
            sub, sub_closed = _rings(part, project)
            rings += sub
            closed = closed or sub_closed
    return rings, closed


def wrap(text: str, width_px: float, size: float) -> list[str]:
    """Lines of `text` that fit `width_px` at font `size` (an estimate both writers honour)."""
    return textwrap.wrap(text, max(10, int(width_px / (size * CHAR_WIDTH)))) or [""]


def lay_out(scene: Scene, width: int = WIDTH, height: int = HEIGHT) -> Page:
    stamp = scene.stamp
    map_width = width - LEGEND_WIDTH - 3 * MARGIN
    source_lines = wrap(stamp.source, map_width, SOURCE_SIZE)  # under the map: the legend keeps its column
    footer = len(source_lines) * (SOURCE_SIZE + 6) + MARGIN
    box = (MARGIN, HEADER, map_width, height - HEADER - footer - 8)
    project = _Projection(scene.view, box)
    items: list[Primitive] = [Rect(*box, fill=scene.background)]
    for shape in scene.shapes:
        rings, closed = _rings(shape.geometry, project)
        if rings:
            items.append(Path(tuple(rings), closed, shape.stroke, shape.width, shape.fill if closed else None,
                              shape.fill_opacity, shape.dashed))
    for m in scene.markers:
        x, y = project(m.lon, m.lat)
        items.append(Circle(x, y, m.radius, m.color, m.width, m.color, m.fill_opacity))
    for place in scene.places:
        x, y = project(place.lon, place.lat)
        items.append(Text(x, y + place.size / 3, place.text, place.size, bold=place.bold, anchor="middle", halo=True))
    chrome: list[Primitive] = [
        Rect(0, 0, width, height, fill="#ffffff"),
        Text(MARGIN, MARGIN + TITLE_SIZE, stamp.title, TITLE_SIZE, bold=True),
        Text(MARGIN, HEADER - 18, stamp.date_line, DATE_SIZE, color=GREY),
    ]
    chrome += _legend(stamp.legend, width - LEGEND_WIDTH - MARGIN, HEADER - 12, height - HEADER - MARGIN)
    baseline = height - footer + MARGIN / 2 + SOURCE_SIZE
    chrome += [Text(MARGIN, baseline + i * (SOURCE_SIZE + 6), line, SOURCE_SIZE, color=GREY)
               for i, line in enumerate(source_lines)]
    return Page(width, height, box, tuple(items), tuple(chrome), stamp.title, scene.view)


def _legend_height(entries: tuple[LegendEntry, ...], size: float) -> float:
    lines = sum(1 if e.heading else len(wrap(e.label, LEGEND_WIDTH - 40, size)) for e in entries)
    return len(entries) * size * 1.6 + (lines - len(entries)) * (size + 2)


def _legend(entries: tuple[LegendEntry, ...], x: float, y: float, room: float) -> list[Primitive]:
    """The legend, its text smaller when it has many entries, so it always fits beside the map."""
    size = LEGEND_SIZE
    while size > 10 and _legend_height(entries, size) > room:
        size -= 1
    out: list[Primitive] = []
    for entry in entries:
        lines = wrap(entry.label, LEGEND_WIDTH - 40, size)
        y += size * 1.6
        if entry.heading:
            out.append(Text(x, y, entry.label, size, bold=True))
            continue
        mid = y - size / 3
        if entry.kind == "line":
            out.append(Path((((x, mid), (x + 26, mid)),), False, entry.color, 3, None, 0))
        elif entry.kind == "square":
            out.append(Rect(x + 2, mid - size / 2, 22, size, fill=entry.color, stroke=GREY))
        else:
            out.append(Circle(x + 13, mid, size / 2, entry.color, 2, entry.color, entry.fill_opacity))
        out += [Text(x + 36, y + i * (size + 2), line, size) for i, line in enumerate(lines)]
        y += (len(lines) - 1) * (size + 2)
    return out

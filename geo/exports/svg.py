"""A laid-out page as SVG, written directly (no drawing library): text stays text, selectable in a slide."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from geo.exports.layout import Circle, Page, Path, Primitive, Rect

FONT = "DejaVu Sans, Arial, sans-serif"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _paint(stroke: str | None, width: float, fill: str | None, fill_opacity: float) -> str:
    parts = [f'fill="{fill}" fill-opacity="{_num(fill_opacity)}"' if fill else 'fill="none"']
    line = f'stroke="{stroke}" stroke-width="{_num(width)}" stroke-linejoin="round"'
    parts.append(line if stroke else 'stroke="none"')
    return " ".join(parts)


def _element(item: Primitive) -> str:
    if isinstance(item, Rect):
        stroke = f' stroke="{item.stroke}"' if item.stroke else ""
        return (f'<rect x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.w)}" height="{_num(item.h)}" '
                f'fill="{item.fill}"{stroke}/>')
    if isinstance(item, Circle):
        return (f'<circle cx="{_num(item.x)}" cy="{_num(item.y)}" r="{_num(item.r)}" '
                f'{_paint(item.stroke, item.width, item.fill, item.fill_opacity)}/>')
    if isinstance(item, Path):
        end = "Z" if item.closed else ""
        d = "".join("M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in ring) + end for ring in item.rings)
        dash = ' stroke-dasharray="8 6"' if item.dashed else ""
        paint = _paint(item.stroke, item.width, item.fill, item.fill_opacity)
        return f'<path d="{d}" fill-rule="evenodd" {paint}{dash}/>'
    weight = ' font-weight="bold"' if item.bold else ""
    halo = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' if item.halo else ""
    return (f'<text x="{_num(item.x)}" y="{_num(item.y)}" font-size="{_num(item.size)}" fill="{item.color}" '
            f'text-anchor="{item.anchor}"{weight}{halo}>{escape(item.text)}</text>')


def _view_attribute(page: Page) -> str:
    """The map's box in degrees (west south east north), kept in the file: what a slide shows can be checked."""
    return "" if page.view is None else ' data-view="' + " ".join(f"{v:.5f}" for v in page.view) + '"'


def write_svg(page: Page) -> bytes:
    x, y, w, h = page.map_box
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{page.width}" height="{page.height}" '
        f'viewBox="0 0 {page.width} {page.height}" font-family={quoteattr(FONT)}>',
        f"<title>{escape(page.title)}</title>",
        f'<defs><clipPath id="map"><rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}"/>'
        "</clipPath></defs>",
        *(_element(item) for item in page.chrome),
        f'<g clip-path="url(#map)"{_view_attribute(page)}>',
        *(_element(item) for item in page.map_items),
        "</g>",
        "</svg>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")

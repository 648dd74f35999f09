"""A laid-out page as PNG with Pillow (already a Streamlit dependency): drawn at twice the size, then reduced,
which smooths the edges Pillow draws without antialiasing."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path as FilePath

from PIL import Image, ImageChops, ImageDraw, ImageFont

from geo.exports.layout import Circle, Page, Path, Primitive, Rect, Text

SUPERSAMPLE = 2
# Debian's fonts-dejavu-core; Pillow's own font (no accents missing, but plainer) when it is absent.
FONT_DIR = FilePath("/usr/share/fonts/truetype/dejavu")
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> Font:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _rgba(color: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16), round(255 * opacity)


class _Painter:
    def __init__(self, image: Image.Image, offset: tuple[float, float] = (0, 0)) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image, "RGBA")  # RGBA colours blend into the RGB image
        self.offset = offset

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.offset[0]) * SUPERSAMPLE, (y - self.offset[1]) * SUPERSAMPLE

    def paint(self, item: Primitive) -> None:
        s = SUPERSAMPLE
        if isinstance(item, Rect):
            x, y = self.xy(item.x, item.y)
            self.draw.rectangle([x, y, x + item.w * s, y + item.h * s], fill=_rgba(item.fill),
                                outline=_rgba(item.stroke) if item.stroke else None, width=s)
        elif isinstance(item, Circle):
            x, y = self.xy(item.x, item.y)
            r = item.r * s
            fill = _rgba(item.fill, item.fill_opacity) if item.fill else None
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=fill,
                              outline=_rgba(item.stroke) if item.stroke else None, width=round(item.width * s))
        elif isinstance(item, Path):
            self._path(item)
        else:
            self._text(item)

    def _path(self, item: Path) -> None:
        rings = [[self.xy(x, y) for x, y in ring] for ring in item.rings]
        if item.closed and item.fill and item.fill_opacity > 0:
            self._fill(rings, _rgba(item.fill, item.fill_opacity))
        if item.stroke and item.width > 0:
            width = max(1, round(item.width * SUPERSAMPLE))
            for ring in rings:
                points = [*ring, ring[0]] if item.closed else ring
                if len(points) > 1:
                    self.draw.line(points, fill=_rgba(item.stroke), width=width, joint="curve")

    def _fill(self, rings: list[list[tuple[float, float]]], color: tuple[int, int, int, int]) -> None:
        """Fill with holes: Pillow's polygon has none, so a ring inside an earlier one is cut out through a mask."""
        if len(rings) == 1:
            if len(rings[0]) > 2:
                self.draw.polygon(rings[0], fill=color)
            return
        mask = Image.new("L", self.image.size, 0)
        for ring in rings:  # even-odd, as the SVG's fill-rule: each ring flips what it covers
            if len(ring) > 2:
                ring_mask = Image.new("L", self.image.size, 0)
                ImageDraw.Draw(ring_mask).polygon(ring, fill=255)
                mask = ImageChops.difference(mask, ring_mask)
        layer = Image.new("RGBA", self.image.size, color)
        self.image.paste(layer, (0, 0), Image.eval(mask, lambda v: v * color[3] // 255))

    def _text(self, item: Text) -> None:
        face = font(round(item.size * SUPERSAMPLE), item.bold)
        x, y = self.xy(item.x, item.y)
        anchor = "ms" if item.anchor == "middle" else "ls"  # baseline anchors, as SVG's text
        self.draw.text((x, y), item.text, font=face, fill=_rgba(item.color), anchor=anchor,
                       stroke_width=2 * SUPERSAMPLE if item.halo else 0, stroke_fill="#ffffff")


def write_png(page: Page) -> bytes:
    s = SUPERSAMPLE
    canvas = Image.new("RGB", (page.width * s, page.height * s), "#ffffff")
    chrome = _Painter(canvas)
    for item in page.chrome:
        chrome.paint(item)
    x, y, w, h = page.map_box
    map_image = Image.new("RGB", (round(w * s), round(h * s)), "#ffffff")
    painter = _Painter(map_image, offset=(x, y))  # drawn on its own image: whatever leaves the view is cut
    for item in page.map_items:
        painter.paint(item)
    canvas.paste(map_image, (round(x * s), round(y * s)))
    out = io.BytesIO()
    canvas.resize((page.width, page.height), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()

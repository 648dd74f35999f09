"""Map colours against what they sit on: WCAG contrast (1.4.11, non-text: 3:1) and colour-blind separation.

The maths is written here from the WCAG 2.2 definitions and Machado et al. (2009) rather than imported
from the code under test, so a wrong palette cannot pass through a wrong formula.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from geo.maps.styles import (
    CHOROPLETH_COLORS,
    COMMUNE_LINE,
    CPTS_DEFAULT_STYLE,
    CPTS_STYLES,
    EPCI_LINE,
    KIND_COLORS,
    LAND,
    SEA,
)

# Machado, Oliveira & Fernandes 2009, severity 1.0, applied to linear RGB.
CVD = {
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
    "normal": np.eye(3),
}
CPTS_FILL_OPACITY = 0.22  # geo/maps/layers.py cpts_layer
MIN_CONTRAST = 3.0
MIN_DELTA_E = 15.0  # CIE76: well above "just noticeable" (~2.3) for small round markers


def srgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def linear(color: str) -> np.ndarray:
    c = srgb(color)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(color: str) -> float:
    return float(linear(color) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: str, b: str) -> float:
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def over(color: str, alpha: float, below: str) -> str:
    """`color` painted at `alpha` over `below` (the browser blends sRGB values)."""
    mixed = alpha * srgb(color) + (1 - alpha) * srgb(below)
    return "#" + "".join(f"{round(v * 255):02x}" for v in mixed)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(rgb_linear, 0, 1)
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    return float(np.linalg.norm(lab(CVD[vision] @ linear(a)) - lab(CVD[vision] @ linear(b))))


def grounds() -> dict[str, str]:
    """Everything a marker can sit on: land, sea, each choropleth class, each CPTS fill over those."""
    plain = {"terre": LAND, "mer": SEA} | {f"classe {i + 1}": c for i, c in enumerate(CHOROPLETH_COLORS)}
    fills = [style["fillColor"] for style in [*CPTS_STYLES.values(), CPTS_DEFAULT_STYLE]]
    return plain | {f"CPTS {fill} sur {name}": over(fill, CPTS_FILL_OPACITY, color)
                    for fill in fills for name, color in plain.items()}


def test_formulas_match_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    # The measure of the old orange marker on the land (2.2–2.5 on land and sea).
    assert contrast("#e67e22", "#f7f4ec") == pytest.approx(2.55, abs=0.05)
    assert delta_e("#ff0000", "#00ff00", "normal") > 50
    assert delta_e("#ff0000", "#00ff00", "deutan") < delta_e("#ff0000", "#00ff00", "normal")


@pytest.mark.parametrize("kind", sorted(KIND_COLORS))
def test_every_marker_colour_stands_out_on_whatever_it_sits(kind: str) -> None:
    weak = {name: round(contrast(KIND_COLORS[kind], ground), 2) for name, ground in grounds().items()
            if contrast(KIND_COLORS[kind], ground) < MIN_CONTRAST}
    assert not weak, f"{kind} {KIND_COLORS[kind]} below {MIN_CONTRAST}:1 on {weak}"


@pytest.mark.parametrize("line", sorted({s["color"] for s in [*CPTS_STYLES.values(), CPTS_DEFAULT_STYLE]} | {EPCI_LINE}))
def test_perimeter_and_border_lines_stand_out_on_whatever_they_cross(line: str) -> None:
    weak = {name: round(contrast(line, ground), 2) for name, ground in grounds().items()
            if contrast(line, ground) < MIN_CONTRAST}
    assert not weak, f"{line} below {MIN_CONTRAST}:1 on {weak}"


def test_commune_edges_show_on_sea_land_and_every_class() -> None:
    for ground in [LAND, SEA, *CHOROPLETH_COLORS]:
        assert contrast(COMMUNE_LINE, ground) >= MIN_CONTRAST, ground


def test_choropleth_is_not_the_sea() -> None:
    """No class may pass for the sea: each stays apart from it for every vision."""
    for color, vision in itertools.product(CHOROPLETH_COLORS, CVD):
        assert delta_e(color, SEA, vision) >= 8, (color, vision)  # ~4 just-noticeable steps


def test_choropleth_classes_are_ordered_light_to_dark() -> None:
    values = [luminance(c) for c in CHOROPLETH_COLORS]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("vision", sorted(CVD))
def test_marker_colours_stay_apart_for_colour_blind_vision(vision: str) -> None:
    close = [(a, b, round(delta_e(KIND_COLORS[a], KIND_COLORS[b], vision), 1))
             for a, b in itertools.combinations(sorted(KIND_COLORS), 2)
             if delta_e(KIND_COLORS[a], KIND_COLORS[b], vision) < MIN_DELTA_E]
    assert not close, close

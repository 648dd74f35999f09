"""Map styles: colours by kind and status, choropleth classes — shared by the map and its legend."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# A Leaflet path style (colour, opacity, dash, weight…).
Style = dict[str, Any]

SEA = "#d4e6f1"
LAND = "#f7f4ec"
# Darker than the classic light grey: a commune's edge must show at 3:1 on the sea and on every choropleth class.
COMMUNE_LINE = "#5e5e5e"
EPCI_LINE = "#4d4d4d"

# Dark colours, so that a marker stands at 3:1 or more on the land, the sea and every choropleth class
# (all light), and chosen so that any two stay apart for protan, deutan and tritan vision
# (tests/unit/test_styles.py measures both).
KIND_COLORS = {
    "msp": "#aa2200",
    "maison_de_sante": "#884433",
    "cds_polyvalent": "#2233dd",
    "cds_medical": "#003355",
    "cds_infirmier": "#9900aa",
    "cds_dentaire": "#330066",
    "cds_ophtalmo": "#aa0088",
    "cds": "#442233",
    "esp": "#552211",
    "cpts_siege": "#000000",
    "autre": "#665555",
}
# Status drawn by the marker's fill and outline, so it reads in greyscale too.
STATUS_STYLES: dict[str, Style] = {
    "ouvert": {"fillOpacity": 0.95, "dashArray": None, "weight": 2, "radius": 9},
    "projet": {"fillOpacity": 0.15, "dashArray": "4 3", "weight": 3, "radius": 9},
    "annonce": {"fillOpacity": 0.0, "dashArray": "1 4", "weight": 3, "radius": 9},
    "ferme": {"fillOpacity": 0.3, "dashArray": None, "weight": 1, "radius": 6},
}
# Perimeter outlines dark enough for 3:1 on every ground a marker may sit on (tests/unit/test_styles.py).
CPTS_STYLES: dict[str, Style] = {
    "en fonctionnement": {"color": "#14532d", "fillColor": "#52be80", "dashArray": None},
    "aci": {"color": "#14532d", "fillColor": "#52be80", "dashArray": None},
    "projet": {"color": "#7a4a00", "fillColor": "#f5b041", "dashArray": "8 6"},
    "pre-projet": {"color": "#7a4a00", "fillColor": "#f8c471", "dashArray": "2 6"},
}
CPTS_DEFAULT_STYLE: Style = {"color": "#475360", "fillColor": "#aab7b8", "dashArray": "2 6"}
# A light yellow-green scale (ColorBrewer YlGn, its darkest classes left out): light enough for every
# marker to read on it, and unlike the sea's blue.
CHOROPLETH_COLORS = ["#ffffe5", "#f7fcb9", "#d9f0a3", "#addd8e", "#93d284", "#78c679"]


@dataclass(frozen=True)
class Classes:
    """Choropleth classes: upper bounds and colours, for the map and its legend."""

    bounds: tuple[float, ...]
    colors: tuple[str, ...]

    def color(self, value: float) -> str:
        for bound, color in zip(self.bounds, self.colors, strict=True):
            if value <= bound:
                return color
        return self.colors[-1]


def quantile_classes(values: pd.Series, n: int = len(CHOROPLETH_COLORS)) -> Classes:
    """Quantile classes with rounded, strictly increasing bounds."""
    qs = np.nanquantile(values.to_numpy(dtype=float), np.linspace(0, 1, n + 1)[1:])
    bounds: list[float] = []
    for q in qs:
        digits = max(0, 2 - int(math.floor(math.log10(q)))) if q > 0 else 0
        rounded = float(round(q, -digits + 2)) if q >= 100 else round(q, 1)
        if not bounds or rounded > bounds[-1]:
            bounds.append(rounded)
    bounds[-1] = max(bounds[-1], float(np.nanmax(values)))
    return Classes(tuple(bounds), tuple(CHOROPLETH_COLORS[-len(bounds):]))

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
COMMUNE_LINE = "#9a9a9a"
EPCI_LINE = "#4d4d4d"

KIND_COLORS = {
    "msp": "#c0392b",
    "maison_de_sante": "#e67e22",
    "cds_polyvalent": "#1f5fa8",
    "cds_medical": "#17a589",
    "cds_infirmier": "#8e44ad",
    "cds_dentaire": "#2e4053",
    "cds_ophtalmo": "#b7950b",
    "cds": "#5dade2",
    "esp": "#27ae60",
    "cpts_siege": "#000000",
    "autre": "#7f8c8d",
}
# Status drawn by the marker's fill and outline, so it reads in greyscale too.
STATUS_STYLES: dict[str, Style] = {
    "ouvert": {"fillOpacity": 0.95, "dashArray": None, "weight": 2, "radius": 9},
    "projet": {"fillOpacity": 0.15, "dashArray": "4 3", "weight": 3, "radius": 9},
    "annonce": {"fillOpacity": 0.0, "dashArray": "1 4", "weight": 3, "radius": 9},
    "ferme": {"fillOpacity": 0.3, "dashArray": None, "weight": 1, "radius": 6},
}
CPTS_STYLES: dict[str, Style] = {
    "en fonctionnement": {"color": "#1e8449", "fillColor": "#52be80", "dashArray": None},
    "aci": {"color": "#1e8449", "fillColor": "#52be80", "dashArray": None},
    "projet": {"color": "#b9770e", "fillColor": "#f5b041", "dashArray": "8 6"},
    "pre-projet": {"color": "#b9770e", "fillColor": "#f8c471", "dashArray": "2 6"},
}
CPTS_DEFAULT_STYLE: Style = {"color": "#566573", "fillColor": "#aab7b8", "dashArray": "2 6"}
CHOROPLETH_COLORS = ["#f7fbff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


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

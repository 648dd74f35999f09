"""A figure built once and shown many times (a cached one, which nobody changes): its dict is computed once.

On every call st.plotly_chart turns a figure into a dict (plotly's ``to_dict``, a deep copy) before writing its JSON:
for the national map of the départements, GeoJSON included, that copy was 50–130 ms of each run of Couverture's map
tab against 15–25 ms for the whole call on a frozen figure (measured on a shared 2-core machine). Should Streamlit stop
calling ``to_dict``, a frozen figure is still a whole figure: it shows the same, only without the saving.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class FrozenFigure(go.Figure):  # type: ignore[misc]  # plotly is untyped: go.Figure is Any to mypy
    """`figure` to cache: its dict is computed once rather than at every display."""

    def __init__(self, figure: go.Figure) -> None:
        super().__init__(figure)
        self._frozen: dict[str, Any] = super().to_dict()

    def to_dict(self) -> dict[str, Any]:
        """The dict computed once: callers read it and never change it (caching.py's rule)."""
        return self._frozen


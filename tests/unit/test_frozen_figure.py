"""A cached figure is turned into a dict once, not at each display, and shows exactly what the figure shows."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools

from geo.charts import FrozenFigure


def figure() -> go.Figure:
    return go.Figure(go.Bar(x=["MSP", "CPTS"], y=[4, 39]), layout={"title": {"text": "Finistère"}})


def shown(fig: go.Figure) -> dict:
    """The JSON st.plotly_chart sends for a figure (its own two steps)."""
    return json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True),
                                  validate=False))


def test_a_frozen_figure_shows_the_same_as_the_figure():
    assert shown(FrozenFigure(figure())) == shown(figure())


def test_a_frozen_figure_is_turned_into_a_dict_once():
    frozen, plain = FrozenFigure(figure()), figure()
    assert frozen.to_dict() is frozen.to_dict()  # no copy per display
    assert plain.to_dict() is not plain.to_dict()  # what a plain figure costs at each display

"""Plotly figures for the Couverture page, the tables behind them and the words around them.

The door the page and the tests go through (it re-exports only what they use); one module per family:

- geo.charts.style: colours, fonts, the source under every figure, PNG file names;
- geo.charts.trajectory: a zone's series with its target and paces;
- geo.charts.progress: progress bullets, and the zone beside its région and France;
- geo.charts.national_map: the national map of the départements and its panel;
- geo.charts.tables: the ranking, the comparison and computed vs official, for screen and CSV;
- geo.charts.cards: the standing cards' lines and the captions under the charts;
- geo.charts.frozen: a cached figure whose dict is computed once (st.plotly_chart copies it at every display).

Every figure carries its source and date as an annotation, so a PNG taken
from the modebar is self-explanatory in a slide. Every figure has a table
(``*_table``) with the same figures, for the CSV export.
"""

from __future__ import annotations

from geo.charts.cards import (
    bullet_caption,
    delta_args,
    map_caption,
    ranking_caption,
    sas_note,
    standing_lines,
    trajectory_caption,
)
from geo.charts.frozen import FrozenFigure
from geo.charts.national_map import (
    MAP_CENTER,
    departements_geojson,
    departements_map,
    inset_boxes,
    inset_shift,
    map_export,
    map_selected_text,
    map_table,
    zone_from_selection,
)
from geo.charts.progress import bullet_figure, bullet_table, comparison_figure, comparison_table
from geo.charts.style import config, pace_text, size, slug
from geo.charts.tables import (
    check_export,
    check_gap_text,
    check_table,
    check_unavailable_text,
    comparison_display,
    ranking_dates_text,
    ranking_display,
    ranking_position_text,
    ranking_table,
)
from geo.charts.trajectory import outcome_text, projection_end, trajectory_figure, trajectory_table

__all__ = [
    "MAP_CENTER", "FrozenFigure", "bullet_caption", "bullet_figure", "bullet_table", "check_export", "check_gap_text", "check_table",
    "check_unavailable_text", "comparison_display", "comparison_figure", "comparison_table", "config", "delta_args",
    "departements_geojson", "departements_map", "inset_boxes", "inset_shift", "map_caption", "map_export",
    "map_selected_text", "map_table", "outcome_text", "pace_text", "projection_end", "ranking_caption",
    "ranking_dates_text", "ranking_display", "ranking_position_text", "ranking_table", "sas_note", "size", "slug",
    "standing_lines", "trajectory_caption", "trajectory_figure", "trajectory_table", "zone_from_selection",
]

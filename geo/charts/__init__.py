"""Plotly figures for the Couverture page, and the tables behind them.

The one door the page and the tests go through; one module per chart family:

- geo.charts.style: colours, fonts, the source under every figure, PNG file names;
- geo.charts.trajectory: a zone's series with its target and paces;
- geo.charts.progress: progress bullets, and the zone beside its région and France;
- geo.charts.national_map: the national map of the départements and its panel;
- geo.charts.tables: the ranking, and computed vs official.

Every figure carries its source and date as an annotation, so a PNG taken
from the modebar is self-explanatory in a slide. Every figure has a table
(``*_table``) with the same figures, for the CSV export.
"""

from __future__ import annotations

from geo.charts.national_map import (INSET_GAP, INSET_HEIGHT, INSET_LEFT, INSET_TOP, INSET_WIDTH, MAP_CENTER, MAP_TOLERANCE,
                            MAP_ZOOM, OVERSEAS, departements_geojson, departements_map, inset_boxes, inset_outlines,
                            inset_shift, map_panel_text, map_table, zone_from_selection)
from geo.charts.progress import bullet_figure, bullet_table, comparison_figure, comparison_table
from geo.charts.style import (BLUE, BLUE_LIGHT, FONT, GREEN, GREY, HORIZON, ORANGE, PRESENTING_SCALE, RED, SEPARATORS,
                              ZONE_COLORS, config, pace_text, schedule_note, size, slug, source_text, with_source)
from geo.charts.tables import (check_export, check_gap_text, check_table, ranking_dates_text, ranking_display,
                               ranking_table)
from geo.charts.trajectory import outcome_text, projection_end, trajectory_figure, trajectory_table

__all__ = [
    "BLUE", "BLUE_LIGHT", "FONT", "GREEN", "GREY", "HORIZON", "INSET_GAP", "INSET_HEIGHT", "INSET_LEFT",
    "INSET_TOP", "INSET_WIDTH", "MAP_CENTER", "MAP_TOLERANCE", "MAP_ZOOM", "ORANGE", "OVERSEAS", "PRESENTING_SCALE",
    "RED", "SEPARATORS", "ZONE_COLORS", "bullet_figure", "bullet_table", "check_export", "check_gap_text",
    "check_table", "comparison_figure", "comparison_table", "config", "departements_geojson", "departements_map",
    "inset_boxes", "inset_outlines", "inset_shift", "map_panel_text", "map_table", "outcome_text", "pace_text",
    "projection_end", "ranking_dates_text", "ranking_display", "ranking_table", "schedule_note", "slug", "size",
    "source_text", "trajectory_figure", "trajectory_table", "with_source", "zone_from_selection",
]

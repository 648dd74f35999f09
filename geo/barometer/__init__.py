"""The official series and targets: the Baromètre des résultats de l'action publique.

The door the pages, the charts and the tests go through (it re-exports only what they use); the work is done in

- geo.barometer.series: the indicators followed, target schedules, the files' rows, the zones;
- geo.barometer.progress: where a zone stands, its paces and projections, the rankings;
- geo.barometer.check: the loaded layers' figures beside the official ones.

We never recompute what the file states: the figures shown are the file's,
and the computed ones (pace, projection) say so.

>>> s = standing("IND-311", "D29")
>>> (s.last_value, s.target_value, s.rate)
(39.0, 68.0, 3.33)
"""

from __future__ import annotations

from geo.barometer.check import LayerCheck, layer_check
from geo.barometer.progress import (
    Standing,
    Trajectory,
    change_since,
    observations,
    ranking,
    standing,
    standings,
    trajectory,
)
from geo.barometer.series import (
    DEFAULT_SCHEDULE,
    INDICATORS,
    NATIONAL,
    PRIMARY,
    SCHEDULES,
    SECONDARY,
    Indicator,
    Schedule,
    comparison_zones,
    declared,
    load_declared_counts,
    series_version,
    source_caption,
    source_date,
    zone_title,
)

__all__ = [
    "DEFAULT_SCHEDULE", "INDICATORS", "NATIONAL", "PRIMARY", "SCHEDULES", "SECONDARY", "Indicator", "LayerCheck",
    "Schedule", "Standing", "Trajectory", "change_since", "comparison_zones", "declared", "layer_check",
    "load_declared_counts", "observations", "ranking", "series_version", "source_caption", "source_date", "standing", "standings",
    "trajectory", "zone_title",
]

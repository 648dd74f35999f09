"""The official series and targets: the Baromètre des résultats de l'action publique.

The one door the pages, the charts and the tests go through; the work is done in

- geo.barometer.series: the indicators followed, target schedules, the files' rows, the zones;
- geo.barometer.progress: where a zone stands, its paces and projections, the rankings;
- geo.barometer.check: the loaded layers' figures beside the official ones;
- geo.excel_csv: the CSV exports.

We never recompute what the file states: the figures shown are the file's,
and the computed ones (pace, projection) say so.

>>> s = standing("IND-311", "D29")
>>> (s.last_value, s.target_value, s.rate)
(39.0, 68.0, 3.33)
"""

from __future__ import annotations

from geo.barometer.check import LayerCheck, layer_check
from geo.barometer.progress import (Standing, Trajectory, change_since, observations, ranking, standing, standings,
                                    target_date, trajectory)
from geo.barometer.series import (DEFAULT_SCHEDULE, INDICATORS, NATIONAL, PRIMARY, SCHEDULES, SECONDARY, Indicator, Row,
                                  Schedule, barometre_dir, comparison_zones, declared, load_declared_counts,
                                  load_indicator, load_units, region_of_departement, zone_name, zone_names, zone_rows,
                                  zone_title)
from geo.excel_csv import to_excel_csv
from geo.structures import structure_count  # its home is the structures; still importable here

__all__ = [
    "DEFAULT_SCHEDULE", "INDICATORS", "NATIONAL", "PRIMARY", "SCHEDULES", "SECONDARY", "Indicator", "LayerCheck", "Row",
    "Schedule", "Standing", "Trajectory", "barometre_dir", "change_since", "comparison_zones", "declared",
    "layer_check", "load_declared_counts", "load_indicator", "load_units", "observations", "ranking",
    "region_of_departement", "standing", "standings", "structure_count", "target_date", "to_excel_csv", "trajectory",
    "zone_name", "zone_names", "zone_rows", "zone_title",
]

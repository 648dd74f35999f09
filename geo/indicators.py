"""Indicators computed from the layers: coverage, counts vs targets, distances.

Pages never compute an indicator themselves; they call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.reference import LAMBERT93


@dataclass(frozen=True)
class Coverage:
    population_covered: int
    population_total: int
    communes_covered: int
    communes_total: int

    @property
    def pct(self) -> float:
        return 100.0 * self.population_covered / self.population_total if self.population_total else float("nan")


def coverage(members: pd.DataFrame, communes: pd.DataFrame, cpts_ids: set[str] | None = None) -> Coverage:
    """Population and communes covered by the CPTS in `members` (all, or only `cpts_ids`).

    A commune in two CPTS is counted once: coverage is a set of communes.
    """
    if cpts_ids is not None:
        members = members[members["cpts_id"].isin(cpts_ids)]
    covered = communes["code"].isin(set(members["commune_code"]))
    return Coverage(
        population_covered=int(communes.loc[covered, "population"].sum()),
        population_total=int(communes["population"].sum()),
        communes_covered=int(covered.sum()),
        communes_total=len(communes),
    )


def nearest_distance(origins: gpd.GeoSeries, targets: gpd.GeoSeries) -> pd.DataFrame:
    """For each origin geometry, the distance in metres to the nearest target and its index.

    Computed in Lambert-93 (metres); polygons are measured from their
    representative point (inside the polygon). NaN where there is no target.
    """
    if len(targets) == 0:
        return pd.DataFrame({"distance_m": np.nan, "target": None}, index=origins.index)
    points = origins.to_crs(LAMBERT93).representative_point()
    target_points = targets.to_crs(LAMBERT93)
    idx = target_points.sindex.nearest(points, return_all=False, return_distance=True)
    (origin_pos, target_pos), distances = idx
    out = pd.DataFrame({"distance_m": np.nan, "target": None}, index=origins.index)
    out.iloc[origin_pos, 0] = distances
    out.iloc[origin_pos, 1] = targets.index[target_pos].to_numpy()
    return out

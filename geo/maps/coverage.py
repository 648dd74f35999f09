"""Simplify a coverage of communes so that every commune stays drawable.

Coverage simplification (Visvalingam-Whyatt on shared edges, shapely.coverage_simplify) keeps
neighbours' borders shared, but at a regional tolerance it may shrink a small commune to a sliver
triangle (Le Wast, 62880, fell to under 1 % of its area at 1 km) that rounding to 1e-5 degrees then
wipes out. Such communes get their own shape back, simplified alone with a tolerance scaled to their
size: a border overlap of a few pixels is better than a hole where a commune should be.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray

KEEP_AREA_RATIO = 0.5  # below half its area, a simplified commune no longer looks like itself
PRECISION = 1e-5  # degrees, about 1 m: what the maps round to


def drawable_simplify(projected: NDArray[np.object_], tolerance_m: float) -> NDArray[np.object_]:
    """Coverage-simplify polygons given in a metric projection; none comes back empty or collapsed.

    At a tolerance far above their size, two squares become triangles, never nothing:

    >>> squares = np.array([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)])
    >>> [round(g.area) for g in drawable_simplify(squares, 1000)]
    [50, 50]
    """
    geoms = shapely.make_valid(projected)
    polygonal = np.array([_polygonal(g) for g in geoms], dtype=object)
    simplified: NDArray[np.object_] = np.asarray(shapely.coverage_simplify(polygonal, tolerance_m), dtype=object)
    original = shapely.area(polygonal)
    shrunk = shapely.is_empty(simplified) | (shapely.area(simplified) < KEEP_AREA_RATIO * original)
    if shrunk.any():
        # Alone, a commune may keep detail down to a tenth of its own width.
        own = np.minimum(tolerance_m, np.sqrt(original[shrunk]) / 10)
        simplified[shrunk] = shapely.simplify(polygonal[shrunk], own, preserve_topology=True)
    return simplified


def rounded(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Round WGS84 shapes to PRECISION; a shape that rounding would erase keeps its unrounded form."""
    on_grid = shapely.make_valid(shapely.set_precision(geoms, PRECISION))
    on_grid = np.array([_polygonal(g) for g in on_grid], dtype=object)
    lost = shapely.is_empty(on_grid)
    on_grid[lost] = geoms[lost]
    return on_grid


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a shape (make_valid may add stray lines or points, which coverage tools refuse)."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in getattr(geom, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()

"""Geometry checks shared by every kind: CRS, repair, duplicates, département and commune tests."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo import texts
from geo.importing.report import ImportRefused, Report, row_labels
from geo.reference import LAMBERT93, WGS84, load_departement_outline

POLYGONAL = {"Polygon", "MultiPolygon"}


def resolve_crs(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """Declared CRS -> reprojected to WGS84; none declared (or degrees that are not) -> recognised or refused."""
    geoms = frame.geometry
    valid = geoms[~(geoms.isna() | geoms.is_empty)]
    if valid.empty:
        return frame.set_crs(WGS84, allow_override=True)
    minx, miny, maxx, maxy = valid.total_bounds
    looks_degrees = minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90
    # Metropolitan France in Lambert-93, with margin: the one projected CRS French files omit to declare.
    looks_l93 = minx >= -400_000 and maxx <= 1_500_000 and miny >= 5_900_000 and maxy <= 7_300_000
    declared = frame.crs
    # A "geographic" CRS on metre coordinates is a wrong .prj, not a fact: fall through to recognition.
    if declared is not None and not (declared.is_geographic and not looks_degrees):
        report.crs_found = _crs_label(declared)
        if declared.to_epsg() == 4326:
            return frame
        try:
            out = frame.to_crs(WGS84)
        except Exception as exc:
            raise ImportRefused(texts.REFUSE_CRS_BAD.format(crs=report.crs_found)) from exc
        report.reprojected = True
        return out
    if looks_l93:
        report.crs_assumed = "l93"
        return frame.set_crs(LAMBERT93, allow_override=True).to_crs(WGS84)
    if looks_degrees:
        report.crs_assumed = "wgs84"
        return frame.set_crs(WGS84, allow_override=True)
    raise ImportRefused(texts.REFUSE_CRS_UNKNOWN)


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"{crs.name} (EPSG:{epsg})" if epsg else str(crs.name)


def clean_geometries(frame: gpd.GeoDataFrame, report: Report, want: str | None) -> gpd.GeoDataFrame:
    """Drop empty, repair invalid (counted), keep the wanted family ('point', 'polygon' or None), drop exact duplicates.

    A geometry that cannot be repaired (infinite coordinates, nothing left after make_valid) is reported by
    its row and dropped: never replaced by anything else.
    """
    frame = _drop_empty(frame, report)
    if frame.empty:
        return frame
    values = np.asarray(frame.geometry.values, dtype=object).copy()
    broken = ~_finite(values)
    invalid = ~broken & ~shapely.is_valid(values)
    if invalid.any():
        repaired = shapely.make_valid(values[invalid])
        if want == "polygon":  # make_valid may split a bow-tie into polygons and lines: keep the area
            repaired = np.array([_polygonal(g) for g in repaired], dtype=object)
        values[invalid] = repaired
        lost = np.zeros(len(values), dtype=bool)
        lost[invalid] = shapely.is_empty(repaired) | pd.isna(repaired)
        broken |= lost
        report.repaired += int((invalid & ~lost).sum())
    if broken.any():
        report.unrepairable += row_labels(report, frame.index[broken])
        values[broken] = None
    frame = frame.set_geometry(gpd.array.from_shapely(values, crs=frame.crs))[~broken]
    if frame.empty:
        return frame
    types = frame.geometry.geom_type
    if want == "point":  # a structure drawn as its building's outline still has one place
        shapes = ~types.isin(["Point"])
        if shapes.any():
            points = frame.geometry[shapes].representative_point()
            frame = frame.copy()
            frame.loc[shapes, frame.geometry.name] = points
            report.points_from_shapes += int(shapes.sum())
    elif want == "polygon":
        wrong = ~types.isin(list(POLYGONAL))
        if wrong.all():
            raise ImportRefused(texts.REFUSE_CPTS_GEOMETRY)
        if wrong.any():
            report.dropped_wrong_geometry += int(wrong.sum())
            report.wrong_geometry_found = ", ".join(sorted(set(types[wrong])))
            frame = frame[~wrong]
    return drop_duplicates(_drop_empty(frame, report), report)


def _finite(values: np.ndarray) -> np.ndarray:
    """True where every coordinate of the geometry is a finite number."""
    coords, index = shapely.get_coordinates(values, return_index=True)
    ok = np.ones(len(values), dtype=bool)
    ok[index[~np.isfinite(coords).all(axis=1)]] = False
    return ok


def _drop_empty(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    geoms = frame.geometry.values
    empty = geoms.isna() | geoms.is_empty
    report.dropped_empty += int(empty.sum())
    return frame[~empty]


def _polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    if geom is None or geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def drop_duplicates(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """Drop exact duplicates (same geometry, same attributes); hashed, so it stays fast on big files."""
    attrs = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    attr_key = (pd.util.hash_pandas_object(attrs.astype(str), index=False).to_numpy() if len(attrs.columns)
                else np.zeros(len(frame), dtype=np.uint64))
    wkb = shapely.to_wkb(np.asarray(frame.geometry.array, dtype=object))
    geom_key = np.fromiter((hash(b) for b in wkb), dtype=np.int64, count=len(wkb))
    duplicated = pd.DataFrame({"a": attr_key, "g": geom_key}).duplicated().to_numpy().copy()
    if duplicated.any():  # confirm on the bytes themselves (a hash collision must not drop a feature)
        seen: dict[tuple[int, int], bytes] = {}
        for i, (a, g) in enumerate(zip(attr_key, geom_key, strict=True)):
            if duplicated[i]:
                duplicated[i] = seen.get((a, g)) == wkb[i]
            else:
                seen[(a, g)] = wkb[i]
    report.dropped_duplicates += int(duplicated.sum())
    return frame[~duplicated]


def outside_mask(points: gpd.GeoSeries, departement: str) -> np.ndarray:
    """True where a point lies outside the département (1 km of slack for coastal and border points)."""
    outline = load_departement_outline(departement).to_crs(LAMBERT93).geometry.union_all().buffer(1000)
    projected = points.to_crs(LAMBERT93).values
    shapely.prepare(outline)
    inside: np.ndarray = shapely.contains(outline, np.asarray(projected))
    return ~inside


def join_communes(points: gpd.GeoSeries, communes: gpd.GeoDataFrame) -> pd.Series:
    """Commune code containing each point ('' when none)."""
    joined = gpd.sjoin(gpd.GeoDataFrame(geometry=points.values, index=points.index, crs=WGS84),
                       communes[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]  # a point on a shared border: the first commune is as true
    return joined["code"].reindex(points.index).fillna("").astype(str)


def commune_points(codes: pd.Series, communes: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point inside each commune, for records that give only a commune code."""
    points = communes.set_index("code").geometry.representative_point()
    return gpd.GeoSeries(codes.map(points), crs=WGS84)

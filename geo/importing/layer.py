"""A read frame -> a free layer: any geometry, properties kept as written, drawn but never counted."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import texts
from geo.importing.columns import CODE_NAMES, NAME_NAMES, code_values, find_column, text_values
from geo.importing.geometry import clean_geometries, outside_mask
from geo.importing.report import ImportRefused, ImportResult, Report, kept, require_rows
from geo.reference import WGS84


def free_layer(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame) -> ImportResult:
    if frame.geometry.isna().all():  # a table of commune codes: draw the communes
        code_col = find_column(list(frame.columns), CODE_NAMES)
        if code_col is None:
            raise ImportRefused(texts.REFUSE_NO_GEOMETRY)
        codes = code_values(frame[code_col])
        report.unmatched_codes = sorted(set(codes[~codes.isin(set(communes["code"]))]))
        polygons = codes.map(communes.set_index("code").geometry)
        frame = gpd.GeoDataFrame(pd.DataFrame(frame.drop(columns=frame.geometry.name)), geometry=polygons.values,
                                 crs=WGS84)
    frame = require_rows(clean_geometries(frame, report, None))
    points = frame.geometry.geom_type == "Point"
    if points.any():  # said, not dropped: a free layer may show neighbours on purpose
        outside = outside_mask(frame.geometry[points], departement)
        names_col = find_column(list(frame.columns), NAME_NAMES)
        labels = (text_values(frame.loc[points, names_col]) if names_col
                  else pd.Series(texts.UNNAMED, index=frame.index[points]))
        report.outside = list(labels[outside])
    props = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    for column in props.columns:  # GDAL types (dates, bytes…) -> JSON-safe values
        if props[column].dtype.kind in "mM" or props[column].dtype == object:
            props[column] = props[column].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                              else v if isinstance(v, (int, float, str, bool)) else str(v))
    return kept(report, gpd.GeoDataFrame(props, geometry=frame.geometry.values, crs=WGS84))

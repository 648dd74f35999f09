"""A read frame (or a FINESS extraction) -> validated structures: points in the département, conform columns."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import finess, texts
from geo.classify import label_kind
from geo.importing.columns import (
    CODE_NAMES,
    NAME_NAMES,
    code_values,
    copy_text_columns,
    find_column,
    numbers,
    text_values,
)
from geo.importing.geometry import clean_geometries, commune_points, join_communes, outside_mask
from geo.importing.report import ImportRefused, ImportResult, Report, kept, require_rows, short_list, tally
from geo.reference import WGS84, normalize
from geo.structures import STATUSES, conform

STATUS_WORDS = {"ouvert": "ouvert", "ouverte": "ouvert", "actif": "ouvert", "active": "ouvert", "a": "ouvert",
                "en fonctionnement": "ouvert", "projet": "projet", "en projet": "projet", "annonce": "annonce",
                "annoncee": "annonce", "ferme": "ferme", "fermee": "ferme", "i": "ferme"}
KIND_COLUMNS = ["kind", "type", "categorie", "categetab", "category", "type_structure", "categorie_finess"]
STATUS_COLUMNS = ["status", "statut", "etat", "etatobjet"]
TEXT_COLUMNS = (("finess", ["finess", "nofinesset", "numfinessege", "n_finess", "num_finess", "no_finess"]),
                ("address", ["address", "adresse", "adresse_complete"]),
                ("status_date", ["status_date", "date_ouverture", "dateouv", "date", "date_statut"]),
                ("members", ["members", "membres", "professionnels"]),
                ("source_url", ["source_url", "url", "site", "lien"]),
                ("notes", ["notes", "commentaire", "remarques"]),
                ("confidence", ["confidence", "fiabilite"]))


def shape_structures(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                     position_source: str = "fichier") -> ImportResult:
    return kept(report, _shaped(frame, report, departement, communes, position_source))


def _shaped(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
            position_source: str) -> gpd.GeoDataFrame:
    cols = list(frame.columns)

    def col(names: list[str]) -> str | None:
        return find_column(cols, names)

    out = pd.DataFrame(index=frame.index)
    name_col = col(NAME_NAMES)
    out["name"] = text_values(frame[name_col]) if name_col else ""
    kind_col = col(KIND_COLUMNS)
    raw_kinds = text_values(frame[kind_col]) if kind_col else pd.Series("", index=frame.index)
    kinds = [label_kind(k, n) for k, n in zip(raw_kinds, out["name"], strict=True)]
    report.unknown_kinds = tally(pd.Series([k for k, v in zip(raw_kinds, kinds, strict=True) if v is None and k]))
    if not kind_col:
        report.unknown_kinds = {texts.KIND_COLUMN_MISSING: len(frame)}
    out["kind"] = [k or "autre" for k in kinds]
    out["label_as_written"] = raw_kinds.values
    copy_text_columns(frame, out, TEXT_COLUMNS)
    status_col = col(STATUS_COLUMNS)
    raw_status = text_values(frame[status_col]) if status_col else pd.Series("", index=frame.index)
    mapped = raw_status.map(lambda s: s if s in STATUSES else STATUS_WORDS.get(normalize(s)) if s else "ouvert")
    report.unknown_status = tally(raw_status[mapped.isna()])
    out["status"] = mapped.fillna("ouvert")
    code_col = col(CODE_NAMES)
    codes = code_values(frame[code_col]) if code_col else pd.Series("", index=frame.index)
    known = set(communes["code"])
    geoms = frame.geometry
    missing = geoms.isna() | geoms.is_empty
    given = codes != ""
    report.unmatched_codes = sorted(set(codes[given & ~codes.isin(known)]))
    # No position but a known commune: placed in the commune, and the record says so.
    placed = missing & codes.isin(known)
    out["position_source"] = np.where(placed, "commune", position_source)
    geoms = gpd.GeoSeries(geoms.values, index=frame.index, crs=WGS84)
    if placed.any():
        geoms[placed] = commune_points(codes[placed], communes).values
        report.at_commune += int(placed.sum())
    no_position = missing & ~placed
    report.no_position += int(no_position.sum())
    if report.features_read and frame.geometry.isna().all() and not placed.any() and code_col is None:
        if report.format != "csv":
            raise ImportRefused(texts.REFUSE_NO_GEOMETRY)
        raise ImportRefused(texts.REFUSE_CSV_NO_POSITION.format(columns=short_list(cols, 12)))
    frame_out = gpd.GeoDataFrame(out, geometry=geoms.values, crs=WGS84)[~no_position.to_numpy()]
    frame_out = require_rows(clean_geometries(frame_out, report, "point"))
    outside = outside_mask(frame_out.geometry, departement)
    if outside.any():  # counted against the wrong département otherwise
        names = frame_out["name"].where(frame_out["name"] != "", texts.UNNAMED)[outside]
        report.outside, report.outside_dropped = list(names), True
        frame_out = require_rows(frame_out[~outside])
    joined = join_communes(frame_out.geometry, communes)
    frame_out["commune_code"] = joined.where(joined != "", codes.reindex(frame_out.index).fillna(""))
    frame_out["commune"] = frame_out["commune_code"].map(communes.set_index("code")["nom"]).fillna("")
    frame_out = _drop_duplicate_ids(frame_out, report)
    frame_out["source"] = report.filename
    frame_out["source_date"] = frame_out.get("source_date", "")
    frame_out["id"] = [f"F{f}" if f else f"I{i + 1}" for i, f in enumerate(frame_out["finess"])]
    return conform(frame_out)


def _drop_duplicate_ids(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """One row per FINESS number: the same establishment twice would be counted twice."""
    ids = text_values(frame["finess"])
    duplicated = (ids != "") & ids.duplicated()
    report.dropped_duplicate_ids += int(duplicated.sum())
    return frame[~duplicated.to_numpy()]


def finess_structures(parse: finess.FinessParse, report: Report, departement: str,
                      communes: gpd.GeoDataFrame) -> ImportResult:
    report.finess = {"source": parse.source_label, "read": texts.fmt_int(parse.establishments_read),
                     "dep": departement, "other_cat": texts.fmt_int(parse.other_categories),
                     "other_dep": texts.fmt_int(parse.other_departements), "closed": texts.fmt_int(parse.closed)}
    records = parse.records
    report.features_read = len(records)
    report.finess_without_number = parse.without_number
    if records.empty:
        raise ImportRefused(texts.REFUSE_FINESS_NONE.format(dep=departement))
    geoms = _finess_points(records, report)
    frame = gpd.GeoDataFrame(records.drop(columns=["x", "y", "crs"]).rename(columns={"commune_code": "code_insee"}),
                             geometry=geoms.values, crs=WGS84)
    frame["type"] = records["kind"]
    frame = frame.drop(columns=["kind"])
    frame["source"] = parse.source_label
    frame["source_date"] = parse.source_date
    frame["label_as_written"] = records["label_as_written"]
    features = _shaped(frame, report, departement, communes, position_source="finess")
    # FINESS states its own labels, source and date: they override what the generic shaping derived.
    features["label_as_written"] = records["label_as_written"].reindex(features.index).fillna("").values
    features["source"] = parse.source_label
    features["source_date"] = parse.source_date
    report.unknown_kinds = {}
    return kept(report, features)


def _finess_points(records: pd.DataFrame, report: Report) -> gpd.GeoSeries:
    """WGS84 points from FINESS coordinates, which come row by row in WGS84, Lambert-93 or (overseas) UTM."""
    xs, ys = numbers(records["x"]), numbers(records["y"])
    l93 = (records["crs"] == "EPSG:2154").to_numpy()
    swap = l93 & (xs > ys).to_numpy()  # FINESS+ coordonneeX/Y are sometimes swapped
    xs_values, ys_values = xs.to_numpy().copy(), ys.to_numpy().copy()
    xs_values[swap], ys_values[swap] = ys.to_numpy()[swap], xs.to_numpy()[swap]
    points = gpd.GeoSeries(shapely.points(xs_values, ys_values), index=records.index)
    points[xs.isna() | ys.isna()] = None
    geoms = gpd.GeoSeries([None] * len(records), index=records.index, crs=WGS84)
    projected = [crs for crs in records["crs"].unique() if crs != "EPSG:4326"]
    for crs in projected:
        rows = (records["crs"] == crs).to_numpy()
        geoms[rows] = points[rows].set_crs(crs, allow_override=True).to_crs(WGS84).values
    wgs84 = (records["crs"] == "EPSG:4326").to_numpy()
    if wgs84.any():
        geoms[wgs84] = points[wgs84].values
    if projected and not report.crs_found:
        labels = [_crs_label(crs) for crs in projected] + (["WGS84"] if wgs84.any() else [])
        report.crs_found = " et ".join(labels)
        report.reprojected = True
    return geoms


def _crs_label(crs: str) -> str:
    from pyproj import CRS

    return f"{CRS.from_user_input(crs).name} ({crs})"

"""A CPTS file -> CPTS rows, commune memberships and perimeters, with overlaps and gaps reported.

Two shapes of file: a table of CPTS and their commune codes, or polygons whose
communes are derived (a commune belongs to the polygon holding at least half of it).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import texts
from geo.importing.columns import CODE_NAMES, CPTS_NAME_NAMES, code_values, copy_text_columns, find_column, text_values
from geo.importing.geometry import clean_geometries
from geo.importing.report import ImportRefused, ImportResult, Report, kept, require_rows, row_labels, short_list, tally
from geo.layers import merge_cpts
from geo.reference import LAMBERT93, WGS84, normalize
from geo.territories import CPTS_COLUMNS, build_perimeters, communes_without_cpts, cpts_id, overlapping_communes

# (table, members) of the CPTS an import will sit beside: overlaps and gaps are computed on the combination.
CptsContext = tuple[pd.DataFrame, pd.DataFrame]

CODE_LIST_NAMES = CODE_NAMES + ["communes", "codes_communes", "territory_codes"]
STATUS_COLUMNS = ["status", "statut", "etat"]
TEXT_COLUMNS = (("date_creation", ["date_creation", "creation", "date_de_creation"]),
                ("date_aci", ["date_aci", "aci", "date_signature_aci", "signature_aci"]),
                ("date_fin", ["date_fin", "fin", "date_de_fin"]),
                ("status_date", ["status_date", "date_statut"]),
                ("source_url", ["source_url", "url", "site"]),
                ("notes", ["notes", "commentaire"]))
DATE_COLUMNS = ("date_creation", "date_aci", "date_fin", "status_date")


def _cpts_status(value: str) -> str:
    text = normalize(value)
    if not text:
        return "inconnu"
    for key in texts.CPTS_STATUS_LABELS:
        if text == normalize(key):
            return key
    # Free wording seen in ARS tables; "pre" before "projet" because "pré-projet" contains both.
    if "fonction" in text or "signe" in text:
        return "en fonctionnement"
    if "aci" in text:
        return "aci"
    if "pre" in text:
        return "pre-projet"
    if "projet" in text or "constitution" in text:
        return "projet"
    return "inconnu"


def _cpts_table(names: pd.Series, props: pd.DataFrame, report: Report, rule: str) -> pd.DataFrame:
    table = pd.DataFrame({"name": names.values}, index=props.index)
    table["id"] = table["name"].map(cpts_id)
    status_col = find_column(list(props.columns), STATUS_COLUMNS)
    raw = text_values(props[status_col]) if status_col else pd.Series("", index=props.index)
    table["status"] = raw.map(_cpts_status).values
    report.unknown_status = tally(raw[(table["status"] == "inconnu").to_numpy() & (raw.str.strip() != "").to_numpy()])
    copy_text_columns(props, table, TEXT_COLUMNS)
    for date_col in DATE_COLUMNS:  # an unreadable date is dropped rather than shown as a date it is not
        table[date_col] = table[date_col].map(lambda v: v if texts.parse_date(v) else "")
    table["territory_rule"] = rule
    table["source"] = report.filename
    table["source_date"] = ""
    table["confidence"] = ""
    for column in CPTS_COLUMNS:
        if column not in table:
            table[column] = ""
    return table[CPTS_COLUMNS].astype(str)


def cpts_from_table(frame: pd.DataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                    context_cpts: CptsContext | None) -> ImportResult:
    cols = list(frame.columns)
    code_col = find_column(cols, CODE_LIST_NAMES)
    name_col = find_column(cols, CPTS_NAME_NAMES)
    if code_col is None or name_col is None:
        raise ImportRefused(texts.REFUSE_CSV_NO_CPTS.format(columns=short_list(cols, 12)))
    # One cell may list several communes, separated however the author liked.
    names = text_values(frame[name_col])
    _refuse_unnamed(names, report)
    rows = frame.assign(_codes=text_values(frame[code_col]).str.split(r"[\s|;,/]+", regex=True),
                        _name=names).explode("_codes")
    rows["_codes"] = code_values(rows["_codes"].fillna(""))
    rows = rows[rows["_codes"] != ""]
    known = set(communes["code"])
    report.unmatched_codes = sorted(set(rows.loc[~rows["_codes"].isin(known), "_codes"]))
    rows = rows[rows["_codes"].isin(known)]
    # A CPTS may take one row per commune: its attributes are read from its first row.
    firsts = frame.assign(_name=names).groupby("_name", sort=False).head(1)
    table = _cpts_table(firsts["_name"], firsts, report, "communes")
    members = pd.DataFrame({"cpts_id": rows["_name"].map(cpts_id).values,
                            "commune_code": rows["_codes"].values}).drop_duplicates()
    report.features_read = len(frame)
    return _cpts_result(table, members, report, departement, communes, context_cpts)


def cpts_from_polygons(frame: gpd.GeoDataFrame, report: Report, departement: str, communes: gpd.GeoDataFrame,
                       context_cpts: CptsContext | None) -> ImportResult:
    frame = require_rows(clean_geometries(frame, report, "polygon"))
    name_col = find_column(list(frame.columns), CPTS_NAME_NAMES)
    names = text_values(frame[name_col]) if name_col else pd.Series("", index=frame.index)
    _refuse_unnamed(names, report)
    # Several polygons of one CPTS become one perimeter.
    frame = frame.assign(_name=names.values)
    firsts = frame.drop_duplicates("_name")
    table = _cpts_table(firsts["_name"], firsts, report, "fichier:polygones")
    members = memberships_from_polygons(frame, communes)
    return _cpts_result(table, members, report, departement, communes, context_cpts)


def _refuse_unnamed(names: pd.Series, report: Report) -> None:
    """A CPTS without a name cannot be told from another: refused with where it sits, never merged into one."""
    unnamed = names[names == ""]
    if len(unnamed):
        raise ImportRefused(texts.REFUSE_CPTS_NO_NAME.format(n=len(unnamed),
                                                             where=short_list(row_labels(report, unnamed.index))))


def memberships_from_polygons(frame: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """A commune belongs to a perimeter holding at least half of its area (Lambert-93)."""
    polys = frame.to_crs(LAMBERT93)
    comms = communes.to_crs(LAMBERT93)
    comm_idx, poly_idx = polys.sindex.query(comms.geometry, predicate="intersects")
    if not len(comm_idx):
        return pd.DataFrame(columns=["cpts_id", "commune_code"])
    inter = shapely.intersection(comms.geometry.values[comm_idx], polys.geometry.values[poly_idx])
    share = shapely.area(inter) / shapely.area(np.asarray(comms.geometry.values[comm_idx]))
    pairs = pd.DataFrame({"cpts_id": polys["_name"].values[poly_idx], "commune_code": comms["code"].values[comm_idx],
                          "share": share})
    pairs = pairs.groupby(["cpts_id", "commune_code"], as_index=False)["share"].sum()
    pairs = pairs[pairs["share"] >= 0.5]
    pairs["cpts_id"] = pairs["cpts_id"].map(cpts_id)
    return pairs[["cpts_id", "commune_code"]].reset_index(drop=True)


def _cpts_result(table: pd.DataFrame, members: pd.DataFrame, report: Report, departement: str,
                 communes: gpd.GeoDataFrame, context_cpts: CptsContext | None) -> ImportResult:
    report.cpts_count = len(table)
    report.cpts_communes = int(members["commune_code"].nunique())
    report.cpts_without_commune = list(table.loc[~table["id"].isin(set(members["cpts_id"])), "name"])
    table = table.assign(communes_stated=table["id"].map(members.groupby("cpts_id").size()).fillna(0).astype(int).astype(str))
    require_rows(table)
    # Overlaps and gaps are only true of the whole picture: the import beside the CPTS it joins.
    all_table, all_members = table, members
    if context_cpts is not None:
        all_table, all_members = merge_cpts(context_cpts[0], context_cpts[1], table, members)
    _report_overlaps_and_gaps(all_table, all_members, report, communes)
    perimeters = build_perimeters(table, members, communes)
    features = table.merge(perimeters[["id", "population", "geometry"]], on="id", how="left")
    features["population"] = features["population"].fillna(0).astype(int).astype(str)
    features = gpd.GeoDataFrame(features, geometry="geometry", crs=WGS84)
    return kept(report, features, members.reset_index(drop=True))


def _report_overlaps_and_gaps(table: pd.DataFrame, members: pd.DataFrame, report: Report,
                              communes: gpd.GeoDataFrame) -> None:
    names = dict(zip(communes["code"], communes["nom"], strict=True))
    cpts_names = dict(zip(table["id"], table["name"], strict=True))
    members = members[members["cpts_id"].isin(set(table["id"]))]
    overlaps = overlapping_communes(members)
    report.overlaps = [f"{names.get(r.commune_code, r.commune_code)} ({' / '.join(cpts_names.get(i, i) for i in r.cpts_ids)})"
                       for r in overlaps.itertuples()]
    report.gaps = sorted(communes_without_cpts(members, communes)["nom"].tolist())

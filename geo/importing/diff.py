"""What an import changes in the current version of a layer, shown before the analyst saves it."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from geo import texts
from geo.importing.columns import NAME_NAMES, find_column
from geo.reference import normalize

# Identity key -> (comparable value, label): the key says "same entity", the value says "same content".
Keyed = dict[str, tuple[str, str]]


@dataclass
class Diff:
    added: list[str]
    removed: list[str]
    changed: list[str]
    same: int


def diff(kind: str, current: gpd.GeoDataFrame | None, new: gpd.GeoDataFrame,
         current_members: pd.DataFrame | None = None, new_members: pd.DataFrame | None = None) -> Diff:
    """Added / removed / changed entities between the current version of a layer and an import."""
    if current is None or not len(current):
        return Diff(added=_labels(new, NAME_NAMES), removed=[], changed=[], same=0)
    keyed = {"structures": _structures_keyed, "cpts": _cpts_keyed}.get(kind, _layer_keyed)
    old, fresh = keyed(current, current_members), keyed(new, new_members)
    added = [fresh[k][1] for k in fresh if k not in old]
    removed = [old[k][1] for k in old if k not in fresh]
    changed = [fresh[k][1] for k in fresh if k in old and old[k][0] != fresh[k][0]]
    return Diff(added, removed, changed, same=len(fresh) - len(added) - len(changed))


def _keyed(keys: pd.Series, values: pd.Series, labels: pd.Series | list[str]) -> Keyed:
    return dict(zip(keys.astype(str), zip(values, labels, strict=True), strict=True))


def _structures_keyed(frame: gpd.GeoDataFrame, members: pd.DataFrame | None) -> Keyed:
    # The FINESS number when there is one, else what merge_structures matches on (kind, commune, name).
    by_name = frame["kind"].astype(str) + "|" + frame["commune_code"].astype(str) + "|" + frame["name"].map(normalize)
    keys = frame["finess"].astype(str).where(frame["finess"].astype(str) != "", by_name)
    values = frame[["name", "kind", "status", "status_date", "address", "commune_code"]].astype(str).agg("|".join, axis=1)
    values = values + "|" + pd.Series(shapely.to_wkt(frame.geometry.values, rounding_precision=5), index=frame.index)
    return _keyed(keys, values, frame["name"].astype(str))


def _cpts_keyed(frame: gpd.GeoDataFrame, members: pd.DataFrame | None) -> Keyed:
    keys = frame["name"].map(normalize)
    sets = members.groupby("cpts_id")["commune_code"].agg(lambda s: ",".join(sorted(set(s)))) if members is not None else {}
    values = (frame[["status", "date_creation", "date_aci", "date_fin"]].astype(str).agg("|".join, axis=1)
              + "|" + frame["id"].map(sets).fillna(""))
    return _keyed(keys, values, frame["name"].astype(str))


def _layer_keyed(frame: gpd.GeoDataFrame, members: pd.DataFrame | None) -> Keyed:
    props = pd.DataFrame(frame.drop(columns=frame.geometry.name)).astype(str)
    wkt = pd.Series(shapely.to_wkt(frame.geometry.values, rounding_precision=6), index=frame.index)
    name_col = find_column(list(props.columns), ["id"] + NAME_NAMES)
    keys = props[name_col] if name_col and props[name_col].is_unique else wkt  # no reliable id: the shape is the id
    values = props.agg("|".join, axis=1) + "|" + wkt if len(props.columns) else wkt
    return _keyed(keys, values, _labels(props, ["id"] + NAME_NAMES))


def _labels(frame: pd.DataFrame, names: list[str]) -> list[str]:
    col = find_column(list(frame.columns), names)
    return frame[col].astype(str).tolist() if col else [texts.DIFF_ENTITY.format(n=i + 1) for i in range(len(frame))]

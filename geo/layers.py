"""The layers the app shows and counts: shipped data merged with the store's current versions.

Rules (documented here because they decide what the map and the indicators say):

* structures: every current structures layer of the département is added to
  the shipped structures; an imported row replaces a shipped (or an older
  imported) row with the same FINESS number, or with the same kind, commune
  and name (accents and case ignored). Later layers win.
* CPTS: an imported or edited CPTS replaces a shipped (or older) CPTS of the
  same name (accents and case ignored), memberships included.
* free layers: drawn as overlays, never counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from geo.reference import WGS84, normalize
from geo.structures import conform
from geo.territories import CPTS_COLUMNS, build_perimeters, cpts_id

if TYPE_CHECKING:  # the store is passed in; importing it here would load both backends for a type name
    from geo.store.core import LayerStore


def structure_match_keys(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(finess key, kind|commune|name key) per row; '' where the row has no FINESS number."""
    finess = frame["finess"].astype(str).str.strip()
    named = frame["kind"].astype(str) + "|" + frame["commune_code"].astype(str) + "|" + frame["name"].map(normalize)
    return finess, named


def merge_structures(base: gpd.GeoDataFrame, imported: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """`base` minus the rows `imported` replaces, plus `imported` (both conform)."""
    if not len(imported):
        return base
    base_finess, base_named = structure_match_keys(base)
    new_finess, new_named = structure_match_keys(imported)
    replaced = (base_finess.isin(set(new_finess) - {""}) & (base_finess != "")) | base_named.isin(set(new_named))
    merged = pd.concat([base[~replaced.to_numpy()], imported], ignore_index=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=WGS84)


def replaced_count(base: gpd.GeoDataFrame, imported: gpd.GeoDataFrame) -> int:
    """How many rows of `base` an import would replace."""
    return len(base) - (len(merge_structures(base, imported)) - len(imported))


def effective_structures(dep: str, store: LayerStore | None, shipped: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Shipped structures with the store's current structures layers merged in (conform columns)."""
    out = shipped
    if store is None:
        return out
    for version in store.latest(dep):
        if version.kind != "structures":
            continue
        layer = conform(store.load(version.version).features)
        layer["id"] = f"v{version.version}-" + layer["id"].astype(str)  # never collides with shipped ids
        out = merge_structures(out, layer)
    return conform(out)


def merge_cpts(base_table: pd.DataFrame, base_members: pd.DataFrame, table: pd.DataFrame,
               members: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CPTS of `table` replace those of `base_table` with the same (normalised) name."""
    names = set(table["name"].map(normalize))
    replaced = base_table["name"].map(normalize).isin(names)
    gone = set(base_table.loc[replaced, "id"])
    kept_table = base_table[~replaced.to_numpy()]
    kept_members = base_members[~base_members["cpts_id"].isin(gone)]
    clash = set(kept_table["id"]) & set(table["id"])
    if clash:  # the same id for two different CPTS: keep both, renaming the newcomer's
        mapping = {i: f"{i}-b" for i in clash}
        table = table.assign(id=table["id"].replace(mapping))
        members = members.assign(cpts_id=members["cpts_id"].replace(mapping))
    out_table = pd.concat([kept_table, table[[c for c in CPTS_COLUMNS if c in table]]], ignore_index=True)
    out_table = out_table.reindex(columns=CPTS_COLUMNS).fillna("").astype(str)
    out_members = pd.concat([kept_members, members[["cpts_id", "commune_code"]]], ignore_index=True).drop_duplicates()
    return out_table, out_members.reset_index(drop=True)


def effective_cpts(dep: str, store: LayerStore | None, shipped_table: pd.DataFrame,
                   shipped_members: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shipped CPTS with the store's current CPTS layers merged in (later layers win)."""
    table, members = shipped_table.reindex(columns=CPTS_COLUMNS).fillna("").astype(str), shipped_members
    if store is None:
        return table, members
    for version in store.latest(dep):
        if version.kind != "cpts":
            continue
        data = store.load(version.version)
        layer_table = pd.DataFrame(data.features.drop(columns=data.features.geometry.name))
        layer_table = layer_table.reindex(columns=CPTS_COLUMNS).fillna("").astype(str)
        table, members = merge_cpts(table, members, layer_table, data.members)
    return table, members


def overlay_layers(dep: str, store: LayerStore | None) -> list[tuple[str, gpd.GeoDataFrame]]:
    """(layer name, features in WGS84) of the current free layers, oldest first."""
    if store is None:
        return []
    return [(v.layer, store.load(v.version).features) for v in store.latest(dep) if v.kind == "layer"]


# --- Editing a CPTS -------------------------------------------------------------------------


def edit_cpts(table: pd.DataFrame, members: pd.DataFrame, row: dict[str, Any], commune_codes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The editor layer's content with one CPTS (matched by normalised name) replaced or added."""

    row = {c: str(row.get(c, "") or "") for c in CPTS_COLUMNS}
    row["id"] = row["id"] or cpts_id(row["name"])
    row["communes_stated"] = str(len(commune_codes))
    new_table = pd.DataFrame([row], columns=CPTS_COLUMNS)
    new_members = pd.DataFrame({"cpts_id": row["id"], "commune_code": sorted(set(commune_codes))})
    base_table = table.reindex(columns=CPTS_COLUMNS).fillna("").astype(str)
    base_members = members if members is not None else pd.DataFrame(columns=["cpts_id", "commune_code"])
    same_id = base_table["id"] == row["id"]
    base_members = base_members[~base_members["cpts_id"].isin(set(base_table.loc[same_id, "id"]))]
    return merge_cpts(base_table[~same_id.to_numpy()], base_members, new_table, new_members)


def cpts_features(table: pd.DataFrame, members: pd.DataFrame, communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """CPTS rows with their dissolved perimeter (None when no commune), as stored in a version."""
    perimeters = build_perimeters(table, members, communes)
    out = table.merge(perimeters[["id", "geometry"]], on="id", how="left")
    return gpd.GeoDataFrame(out, geometry="geometry", crs=WGS84)

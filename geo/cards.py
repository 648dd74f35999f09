"""Commune cards: what a person wants to know about one commune, as plain values.

Used by the commune popups and by the search result card, so both say the same.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.indicators import nearest_distance
from geo.structures import MSP_KINDS, OPEN_STATUSES, selected


def nearest_msp(communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame) -> pd.DataFrame:
    """Distance (m) from each commune's inner point to the nearest open, mapped MSP, and its name."""
    msp = structures[selected(structures, MSP_KINDS, OPEN_STATUSES)]
    found = nearest_distance(communes.geometry, msp.geometry.reset_index(drop=True))
    for column in ("name", "commune_code"):
        values = msp[column].reset_index(drop=True)
        found[column] = found["target"].map(lambda i, values=values: values.iloc[i] if pd.notna(i) else "")
    return found


def commune_cards(
    communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, cpts_table: pd.DataFrame, members: pd.DataFrame
) -> pd.DataFrame:
    """One row per commune: code, nom, population, densite, epci, cpts, structures, nearest_msp (texts)."""
    cpts_names = members.merge(cpts_table[["id", "name"]], left_on="cpts_id", right_on="id")
    cpts_by_commune = cpts_names.groupby("commune_code")["name"].agg(lambda s: " ; ".join(sorted(set(s))))
    labelled = structures["name"] + " (" + structures["kind"].map(texts.KIND_SHORT).fillna("autre") + ")"
    structures_by_commune = labelled.groupby(structures["commune_code"]).agg(lambda s: " ; ".join(sorted(s)))
    nearest = nearest_msp(communes, structures)
    # An MSP in the commune itself is said so: a distance to a point placed in the commune would mean nothing.
    nearest_text = [
        "" if not name else f"{name} — {texts.CARD_IN_COMMUNE if where == code else texts.fmt_km(dist)}"
        for name, where, code, dist in zip(nearest["name"], nearest["commune_code"], communes["code"], nearest["distance_m"], strict=True)
    ]
    return pd.DataFrame(
        {
            "code": communes["code"].to_numpy(),
            "nom": communes["nom"].to_numpy(),
            "population": communes["population"].to_numpy(),
            "densite": communes["densite"].to_numpy(),
            "epci": communes["epci_nom"].to_numpy(),
            "cpts": communes["code"].map(lambda code: cpts_by_commune.get(code, "")).to_numpy(),
            "structures": communes["code"].map(lambda code: structures_by_commune.get(code, "")).to_numpy(),
            "nearest_msp": nearest_text,
            "nearest_msp_m": nearest["distance_m"].to_numpy(),
        },
        index=communes.index,
    )

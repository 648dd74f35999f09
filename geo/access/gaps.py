"""Gap finder: the communes and EPCI where the most people live without a CPTS or far from an MSP."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo import texts

CRITERIA = ("no_cpts", "msp_10", "msp_20")


def gap_mask(access: pd.DataFrame, members: pd.DataFrame, criterion: str) -> np.ndarray:
    """Which communes of an access table meet `criterion` (a commune with no mapped MSP at all is far)."""
    if criterion == "no_cpts":
        return np.asarray(~access["code"].isin(set(members["commune_code"])).to_numpy(), dtype=bool)
    km = int(criterion.split("_")[1])
    dist = access["msp_m"].to_numpy(dtype=float)
    return np.asarray(np.isnan(dist) | (dist > km * 1000), dtype=bool)


def _fiche_link(kind: str, codes: pd.Series) -> pd.Series:
    # Relative to the app's root, so it works behind any host and port.
    return "/fiche?" + kind + "=" + codes.astype(str)


def commune_gaps(access: pd.DataFrame, members: pd.DataFrame, cpts_table: pd.DataFrame, criterion: str) -> pd.DataFrame:
    """Communes meeting `criterion`, most populated first, with their EPCI, CPTS, nearest MSP and fiche link."""
    cols = texts.GAPS_COLUMNS
    names = members.merge(cpts_table[["id", "name"]], left_on="cpts_id", right_on="id")
    cpts_of = names.groupby("commune_code")["name"].agg(lambda s: " ; ".join(sorted(set(s))))
    rows = access[gap_mask(access, members, criterion)].sort_values(["population", "code"], ascending=[False, True])
    return pd.DataFrame({
        cols["code"]: rows["code"].to_numpy(),
        cols["nom"]: rows["nom"].to_numpy(),
        cols["population"]: rows["population"].astype(int).to_numpy(),
        cols["epci"]: rows["epci_nom"].to_numpy(),
        cols["cpts"]: rows["code"].map(cpts_of).fillna("").to_numpy(),
        cols["msp_km"]: (rows["msp_m"] / 1000).round(1).to_numpy(),
        cols["msp_name"]: rows["msp_name"].to_numpy(),
        cols["fiche"]: _fiche_link("commune", rows["code"]).to_numpy(),
    })


def epci_gaps(access: pd.DataFrame, members: pd.DataFrame, criterion: str) -> pd.DataFrame:
    """EPCI by population meeting `criterion` (largest first), with their share and number of communes concerned."""
    cols = texts.GAPS_COLUMNS
    frame = access.assign(_gap=gap_mask(access, members, criterion))
    frame["_gap_pop"] = frame["population"].where(frame["_gap"], 0)
    grouped = frame.groupby(["epci_code", "epci_nom"], as_index=False).agg(
        total=("population", "sum"), gap=("_gap_pop", "sum"), communes=("_gap", "sum"))
    grouped = grouped[grouped["gap"] > 0].sort_values(["gap", "epci_code"], ascending=[False, True])
    return pd.DataFrame({
        cols["epci_code"]: grouped["epci_code"].to_numpy(),
        cols["epci"]: grouped["epci_nom"].to_numpy(),
        cols["gap_population"]: grouped["gap"].astype(int).to_numpy(),
        cols["epci_population"]: grouped["total"].astype(int).to_numpy(),
        cols["gap_share"]: (100 * grouped["gap"] / grouped["total"]).round(1).to_numpy(),
        cols["gap_communes"]: grouped["communes"].astype(int).to_numpy(),
        cols["fiche"]: _fiche_link("epci", grouped["epci_code"]).to_numpy(),
    })


def link_first(table: pd.DataFrame) -> list[str]:
    """The fiche link first on screen, where it stays visible however wide the table (the CSV keeps its order)."""
    fiche = texts.GAPS_COLUMNS["fiche"]
    return [fiche] + [c for c in table.columns if c != fiche]

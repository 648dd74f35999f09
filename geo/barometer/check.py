"""Computed from the loaded layers vs official: the figures a département's layers give, beside the baromètre's.

The layers are incomplete (see data/SOURCES.md); putting both side by side is
what keeps a sparse map from passing for the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo import indicators
from geo.barometer.progress import Standing, standing
from geo.barometer.series import declared
from geo.structures import MSP_KINDS, OPEN_STATUSES, POLYVALENT_KINDS, count_structures
from geo.territories import STRICT_STATUSES


@dataclass(frozen=True)
class LayerCheck:
    """Figures computed from the loaded layers of a département, beside the official ones."""

    zone: str
    strict: indicators.Coverage  # CPTS with a signed ACI / functioning
    broad: indicators.Coverage  # + projects
    cpts_mapped: int  # CPTS with at least one commune in the loaded perimeters
    cpts_declared: float  # CPTS declared (ACI + being formed), NaN if unknown
    cpts_declared_row: pd.Series | None
    msp_mapped: int  # open MSP (sites of one MSP counted once)
    msp_sites: int
    cds_mapped: int  # open polyvalent centres de santé
    cpts_official: Standing  # IND-589
    msp_official: Standing  # IND-311
    cds_official: Standing  # IND-318


def layer_check(zone: str, communes: pd.DataFrame, structures: pd.DataFrame,
                cpts_table: pd.DataFrame, members: pd.DataFrame, data_dir: Path | None = None) -> LayerCheck:
    """Coverage and counts from the layers (as loaded in the app, imports included) vs the baromètre."""
    status = cpts_table["status"].astype(str).str.strip().str.lower()
    strict_ids = set(cpts_table.loc[status.isin(STRICT_STATUSES), "id"])
    all_ids = set(cpts_table["id"])
    known = set(communes["code"])
    mapped_ids = set(members.loc[members["commune_code"].isin(known), "cpts_id"]) & all_ids
    msp = count_structures(structures, MSP_KINDS, OPEN_STATUSES)
    aci, forming = declared(zone, "cpts_aci", data_dir), declared(zone, "cpts_en_constitution", data_dir)
    cpts_declared = float(aci["value"]) + (float(forming["value"]) if forming is not None else 0.0) if aci is not None else float("nan")
    return LayerCheck(
        zone=zone,
        strict=indicators.coverage(members, communes, strict_ids),
        broad=indicators.coverage(members, communes, all_ids),
        cpts_mapped=len(mapped_ids),
        cpts_declared=cpts_declared,
        cpts_declared_row=aci,
        msp_mapped=msp.structures,
        msp_sites=msp.sites,
        cds_mapped=count_structures(structures, POLYVALENT_KINDS, OPEN_STATUSES).structures,
        cpts_official=standing("IND-589", zone, data_dir),
        msp_official=standing("IND-311", zone, data_dir),
        cds_official=standing("IND-318", zone, data_dir),
    )

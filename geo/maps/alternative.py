"""The map as a table: the structures it shows, in words, for whoever cannot read the map."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from geo import texts
from geo.maps.popups import source_title
from geo.structures import selected


def structures_table(structures: pd.DataFrame, kinds: Collection[str], statuses: Collection[str]) -> pd.DataFrame:
    """The structures the map's filters keep (the map's own rule, geo.structures.selected), sorted by commune
    then name, with French column heads and labels."""
    shown = structures.loc[selected(structures, kinds, statuses)]
    table = pd.DataFrame({
        "name": shown["name"].astype(str),
        "kind": shown["kind"].map(lambda k: texts.KIND_LABELS.get(k, k)),
        "status": shown["status"].map(lambda s: texts.STATUS_LABELS.get(str(s).strip().lower(), s)),
        "commune": shown["commune"].astype(str),
        "address": shown["address"].fillna("").astype(str),
        "source": shown["source"].fillna("").astype(str).map(source_title),
    })
    table = table.sort_values(["commune", "name"], key=lambda c: c.str.lower()).reset_index(drop=True)
    return table.rename(columns=texts.MAP_TABLE_COLUMNS)

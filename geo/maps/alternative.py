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
    return tagged_table(structures.loc[selected(structures, kinds, statuses)])[0]


def tagged_table(structures: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Every structure's row (as structures_table), and each row's (kind, status) as the map's filters read them
    (geo.maps.layers' marker properties `k` and `t`): the page hides the rows the map hides, in the browser."""
    table = pd.DataFrame({
        "name": structures["name"].astype(str),
        "kind": structures["kind"].map(lambda k: texts.KIND_LABELS.get(k, k)),
        "status": structures["status"].map(lambda s: texts.STATUS_LABELS.get(str(s).strip().lower(), s)),
        "commune": structures["commune"].astype(str),
        "address": structures["address"].fillna("").astype(str),
        "source": structures["source"].fillna("").astype(str).map(source_title),
        "tag_kind": structures["kind"].astype(str),
        "tag_status": structures["status"].astype(str).str.strip().str.lower(),
    })
    table = table.sort_values(["commune", "name"], key=lambda c: c.str.lower()).reset_index(drop=True)
    tags = list(zip(table.pop("tag_kind"), table.pop("tag_status"), strict=True))
    return table.rename(columns=texts.MAP_TABLE_COLUMNS), tags

"""What the Données page shows and saves, built here so the page only reads inputs and renders.

- the preview's tooltips of a validated layer;
- the version history as a display table;
- the CPTS perimeter editor: the toggle of a clicked commune, the checks before a save, and the
  edited layer (table, memberships, perimeters, checksum) saved as a new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import layers, texts
from geo.reference import normalize


def feature_tips(kind: str, features: gpd.GeoDataFrame) -> list[str]:
    """One tooltip per feature of a validated layer, in the words of its kind."""
    if kind == "structures":
        return [f"{n} — {texts.KIND_SHORT.get(k, k)} ({c})" for n, k, c in
                zip(features["name"], features["kind"], features["commune"], strict=True)]
    if kind == "cpts":
        return [f"{n} — {texts.CPTS_STATUS_LABELS.get(s, s)}"
                for n, s in zip(features["name"], features["status"], strict=True)]
    columns = [c for c in features.columns if c != features.geometry.name][:3]
    if not columns:
        return [""] * len(features)
    return [" — ".join("" if pd.isna(v) else str(v) for v in row) for row in features[columns].itertuples(index=False)]


def history_table(versions: Sequence[Any], current_versions: set[int]) -> pd.DataFrame:
    """The versions as the page lists them: French column names and labels, the active ones ticked.

    >>> from types import SimpleNamespace as V
    >>> row = dict(version=1, layer="A", kind="cpts", created_at="2026-12-03", author="Léa", action="edit",
    ...            filename="", checksum="0123456789abcdef", comment="", feature_count=2)
    >>> history_table([V(**row)], {1}).iloc[0][["Action", "Active", "Empreinte SHA-256"]].tolist()
    ['Édition', '✔', '0123456789ab']
    """
    rows = pd.DataFrame([v.__dict__ for v in versions])
    rows["current"] = rows["version"].isin(current_versions).map({True: "✔", False: ""})
    rows["action"] = rows["action"].map(texts.ACTION_LABELS).fillna(rows["action"])
    rows["kind"] = rows["kind"].map(texts.LAYER_KIND_LABELS)
    rows["checksum"] = rows["checksum"].str[:12]
    return rows[list(texts.DONNEES_HISTORY_COLUMNS)].rename(columns=texts.DONNEES_HISTORY_COLUMNS)


def toggled(selected: Sequence[str], code: str) -> list[str]:
    """The perimeter after a click on a commune: added when absent, removed when present.

    >>> toggled(["29232"], "29019"), toggled(["29019", "29232"], "29019")
    (['29019', '29232'], ['29232'])
    """
    return [c for c in selected if c != code] if code in selected else sorted([*selected, code])


def date_or_none(value: object) -> dt.date | None:
    """A stored date for a date picker (None when missing or unreadable, never a made-up date)."""
    return texts.parse_date(value)


@dataclass(frozen=True)
class CptsEdit:
    """What the analyst set in the editor."""

    row: dict[str, Any]  # the edited CPTS as stored ({} for a new one)
    name: str
    communes: list[str]
    status: str
    created: dt.date | None
    aci: dt.date | None
    end: dt.date | None
    author: str

    def problems(self) -> list[str]:
        """Why this edit cannot be saved, in French (empty when it can)."""
        checks = ((not self.name, texts.DONNEES_EDITOR_NAME_MISSING),
                  (not self.communes, texts.DONNEES_EDITOR_NO_COMMUNE),
                  (bool(self.created and self.end and self.end < self.created), texts.DONNEES_EDITOR_DATES_ORDER),
                  (not self.author, texts.DONNEES_AUTHOR_MISSING))
        return [message for failed, message in checks if failed]


@dataclass(frozen=True)
class EditedLayer:
    features: gpd.GeoDataFrame
    members: pd.DataFrame
    checksum: str


def edited_layer(edit: CptsEdit, base_table: pd.DataFrame, base_members: pd.DataFrame,
                 communes: gpd.GeoDataFrame, today: dt.date | None = None) -> EditedLayer:
    """The editor's layer with this CPTS replaced (same normalised name) or added, ready to be saved."""
    today = today or dt.date.today()
    same = base_table["name"].map(normalize) == normalize(edit.name) if len(base_table) else pd.Series(dtype=bool)
    record = dict(edit.row) | {
        "id": base_table.loc[same, "id"].iloc[0] if same.any() else edit.row.get("id", ""), "name": edit.name,
        "status": edit.status, "status_date": today.isoformat(),
        "date_creation": _iso(edit.created), "date_aci": _iso(edit.aci), "date_fin": _iso(edit.end),
        "territory_rule": "communes", "source": texts.DONNEES_EDITOR_SOURCE.format(author=edit.author),
        "source_date": today.isoformat(),
    }
    table, members = layers.edit_cpts(base_table, base_members, record, edit.communes)
    features = layers.cpts_features(table, members, communes)
    checksum = hashlib.sha256(members.to_csv(index=False).encode() + table.to_csv(index=False).encode()).hexdigest()
    return EditedLayer(features, members, checksum)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""

"""What a download changes in the stored layer, in one line: "+31 MSP, −2 fermées, 4 déplacées de plus de 500 m"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
from pyproj import Geod

from geo import texts
from geo.importing.diff import diff

MOVE_METRES = 500.0
_GEOD = Geod(ellps="WGS84")


@dataclass
class Summary:
    """Counts of what changes; `line()` says it in French."""

    added: Counter[str] = field(default_factory=Counter)  # open structures by kind, or entities of a layer
    closed: int = 0
    removed: int = 0
    moved: int = 0
    changed: int = 0
    same: int = 0

    @property
    def empty(self) -> bool:
        return not (sum(self.added.values()) or self.closed or self.removed or self.moved or self.changed)

    def line(self) -> str:
        parts = [texts.SOURCES_SUMMARY_ADDED.format(n=texts.fmt_int(n), what=texts.KIND_SHORT.get(k, k))
                 for k, n in sorted(self.added.items(), key=lambda item: (-item[1], item[0])) if n]
        for count, template in ((self.closed, texts.SOURCES_SUMMARY_CLOSED),
                                (self.removed, texts.SOURCES_SUMMARY_REMOVED),
                                (self.moved, texts.SOURCES_SUMMARY_MOVED),
                                (self.changed, texts.SOURCES_SUMMARY_CHANGED)):
            if count:
                parts.append(template.format(n=texts.fmt_int(count), metres=texts.fmt_int(MOVE_METRES)))
        return ", ".join(parts) if parts else texts.SOURCES_SUMMARY_NOTHING


def _keys(frame: gpd.GeoDataFrame) -> list[str]:
    finess = frame["finess"].astype(str)
    return list(finess.where(finess != "", "id:" + frame["id"].astype(str)))


def structures_summary(current: gpd.GeoDataFrame | None, new: gpd.GeoDataFrame) -> Summary:
    """Structures matched by FINESS number (else id): new open ones by kind, newly closed, gone, moved > 500 m."""
    out = Summary()
    if current is None or not len(current):
        out.added = Counter(new.loc[new["status"] != "ferme", "kind"].astype(str))
        out.closed = 0
        return out
    old = dict(zip(_keys(current), current.itertuples(index=False), strict=True))
    fresh = dict(zip(_keys(new), new.itertuples(index=False), strict=True))
    moved_from, moved_to = [], []
    for key, row in fresh.items():
        before = old.get(key)
        if before is None:
            out.added[row.kind] += row.status != "ferme"
            continue
        if row.status == "ferme" and before.status != "ferme":
            out.closed += 1
        elif (row.name, row.kind, row.status, row.address) != (before.name, before.kind, before.status, before.address):
            out.changed += 1
        else:
            out.same += 1
        if row.geometry is not None and before.geometry is not None:
            moved_from.append(before.geometry)
            moved_to.append(row.geometry)
    out.removed = sum(key not in fresh for key in old)
    if moved_from:
        _, _, metres = _GEOD.inv(np.array([p.x for p in moved_from]), np.array([p.y for p in moved_from]),
                                 np.array([p.x for p in moved_to]), np.array([p.y for p in moved_to]))
        out.moved = int((np.asarray(metres) > MOVE_METRES).sum())
    return out


def layer_summary(kind: str, current: gpd.GeoDataFrame | None, new: gpd.GeoDataFrame) -> Summary:
    """Other layers: the import gate's own diff (added / removed / changed entities)."""
    difference = diff(kind, current, new)
    return Summary(added=Counter({texts.SOURCES_ENTITIES: len(difference.added)}), removed=len(difference.removed),
                   changed=len(difference.changed), same=difference.same)

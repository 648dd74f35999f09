"""Distance from where people live to the nearest open MSP or centre de santé, à vol d'oiseau.

Each commune's population is placed at one point inside the commune (its
representative point: no population grid is shipped, so a commune counts as
one point); a territory's figure is the population-weighted mean of its
communes' distances. Distances are straight lines in a metric projection
chosen by département: Lambert-93 in metropolitan France, the local UTM
projection overseas (Lambert-93 would be meaningless there).

The nearest target is found with shapely's STRtree (`query_nearest`): built
once per set of structures, it answers 35 000 communes in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.reference import LAMBERT93
from geo.structures import CDS_KINDS, MSP_KINDS, structure_count

OVERSEAS_CRS = {
    "971": "EPSG:5490",  # Guadeloupe: RGAF09 / UTM 20N
    "972": "EPSG:5490",  # Martinique: RGAF09 / UTM 20N
    "973": "EPSG:2972",  # Guyane: RGFG95 / UTM 22N
    "974": "EPSG:2975",  # La Réunion: RGR92 / UTM 40S
    "976": "EPSG:4471",  # Mayotte: RGM04 / UTM 38S
}
THRESHOLDS_KM = (10, 20)
TARGETS = {"msp": MSP_KINDS, "cds": CDS_KINDS}


def crs_of_departement(dep: str) -> str:
    """The metric projection distances are measured in.

    >>> crs_of_departement("29"), crs_of_departement("974")
    ('EPSG:2154', 'EPSG:2975')
    """
    return OVERSEAS_CRS.get(dep, LAMBERT93)


def open_targets(structures: pd.DataFrame, topic: str) -> pd.DataFrame:
    """The open structures of a topic ('msp' or 'cds') that distances are measured to."""
    return structures[structures["kind"].isin(TARGETS[topic]) & (structures["status"] == "ouvert")]


def origin_points(communes: gpd.GeoDataFrame, crs: str) -> np.ndarray:
    """One point per commune, inside it, in `crs` (x, y in metres): where its population is counted."""
    return np.asarray(shapely.get_coordinates(communes.geometry.to_crs(crs).representative_point().values), dtype=float)


def nearest(origins_xy: np.ndarray, targets_xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distance in metres, index of the nearest target) per origin; NaN and -1 when there is no target."""
    n = len(origins_xy)
    if len(targets_xy) == 0 or n == 0:
        return np.full(n, np.nan), np.full(n, -1)
    tree = shapely.STRtree(shapely.points(targets_xy))
    (origin_pos, target_pos), distances = tree.query_nearest(shapely.points(origins_xy), return_distance=True,
                                                             all_matches=False)
    dist, index = np.full(n, np.nan), np.full(n, -1)
    dist[origin_pos], index[origin_pos] = distances, target_pos
    return dist, index


def access_table(communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame, dep: str,
                 origins: np.ndarray | None = None) -> pd.DataFrame:
    """Per commune: code, nom, population, epci_code, epci_nom, then for msp and cds the distance (m)
    to the nearest open one (0 when it lies in the commune itself) and its name.

    `origins` (origin_points in the département's projection) may be passed when already known: they
    depend on the communes only, not on the structures.
    """
    crs = crs_of_departement(dep)
    origins = origin_points(communes, crs) if origins is None else origins
    out = pd.DataFrame({c: communes[c].to_numpy() for c in ("code", "nom", "population", "epci_code", "epci_nom")})
    for topic in TARGETS:
        targets = open_targets(structures, topic)
        xy = shapely.get_coordinates(targets.geometry.to_crs(crs).values) if len(targets) else np.empty((0, 2))
        dist, index = nearest(origins, xy)
        found = index >= 0
        names, where = (_pick(targets[c].to_numpy(), index) for c in ("name", "commune_code"))
        # A structure placed in the commune itself is at distance 0: its point is only "somewhere in the commune".
        inside = found & (where == out["code"].to_numpy())
        out[f"{topic}_m"] = np.where(inside, 0.0, dist)
        out[f"{topic}_name"] = names
    return out


def projection_groups(deps: pd.Series) -> dict[str, np.ndarray]:
    """Département codes grouped by the projection their distances use: one group for metropolitan France
    (a nearest MSP may lie across a départemental border), one per overseas département (never mixed)."""
    keys = deps.map(lambda d: d if d in OVERSEAS_CRS else "metropole").to_numpy()
    return {key: keys == key for key in dict.fromkeys(keys)}


def access_by_projection(communes: gpd.GeoDataFrame, structures: gpd.GeoDataFrame) -> pd.DataFrame:
    """access_table over communes of many départements (column `departement`), in their own projections."""
    structure_deps = structures["commune_code"].astype(str).map(lambda c: c[:3] if c.startswith("97") else c[:2])
    parts = []
    for key, chosen in projection_groups(communes["departement"]).items():
        in_group = ~structure_deps.isin(set(OVERSEAS_CRS)) if key == "metropole" else structure_deps == key
        parts.append(access_table(communes[chosen], structures[in_group.to_numpy()], key))
    return pd.concat(parts, ignore_index=True)


def _pick(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index], '' where index is -1 (no target)."""
    if len(values) == 0:
        return np.full(len(index), "", dtype=object)
    return np.where(index >= 0, values[np.maximum(index, 0)], "")


@dataclass(frozen=True)
class Access:
    """Access figures of a set of communes for one topic ('msp' or 'cds')."""

    topic: str
    population: int
    mean_m: float  # population-weighted mean distance; NaN when nothing is mapped
    beyond: dict[int, int]  # km threshold -> population farther than it
    used: int  # structures the distances were measured to (multi-site counted once)

    @property
    def computable(self) -> bool:
        return not np.isnan(self.mean_m)

    def beyond_pct(self, km: int) -> float:
        return 100.0 * self.beyond[km] / self.population if self.population and self.computable else float("nan")


def summarize(table: pd.DataFrame, topic: str, used: int) -> Access:
    """Population-weighted mean distance and population beyond each threshold, over `table`'s communes."""
    pop = table["population"].to_numpy(dtype=float)
    dist = table[f"{topic}_m"].to_numpy(dtype=float)
    total = float(pop.sum())
    if total == 0 or np.isnan(dist).all():
        return Access(topic, int(total), float("nan"), {km: 0 for km in THRESHOLDS_KM}, used)
    mean = float(np.nansum(pop * dist) / pop[~np.isnan(dist)].sum())
    beyond = {km: int(pop[dist > km * 1000].sum()) for km in THRESHOLDS_KM}
    return Access(topic, int(total), mean, beyond, used)


def used_count(structures: pd.DataFrame, topic: str) -> int:
    """How many structures the distances use (the sites of one MSP count once, as the official counts do)."""
    return structure_count(open_targets(structures, topic)["name"])

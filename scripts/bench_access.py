"""Benchmark of access to care (geo.access): all of France, and a scenario for one département.

Prints, on this machine (median of --runs):
- France: the real communes of ../shared/opendata (about 35 000, every département, overseas in their own
  projection) × N synthetic open structures (default 5 000, half MSP, half centres de santé, each at a
  random commune's inner point moved up to 2 km): origin points (once per set of communes), the nearest
  distances with the STRtree (once per data version), and a brute-force numpy reference on the same points;
- Finistère: a scenario recompute (a hypothetical MSP at Châteaulin and a CPTS extension), as the page does it.

Targets (issue 14): France ≤ 1 s, scenario ≤ 0.3 s.

    python scripts/bench_access.py [--runs 5] [--structures 5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import reference  # noqa: E402
from geo.access import compare, nearest, scenario  # noqa: E402
from geo.structures import conform, load_structures  # noqa: E402
from geo.territories import load_cpts  # noqa: E402

OPENDATA = ROOT.parent.parent / "shared" / "opendata" / "geo" / "departements"


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def france_communes() -> gpd.GeoDataFrame:
    folder = OPENDATA if OPENDATA.is_dir() else Path("/work/shared/opendata/geo/departements")
    parts = [gpd.read_file(path) for path in sorted(folder.glob("*/communes.geojson"))]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.rename(columns={"codeDepartement": "departement", "codeEpci": "epci_code"})
    frame["epci_nom"] = frame["epci_code"].fillna("")
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=reference.WGS84)


def synthetic_structures(communes: gpd.GeoDataFrame, n: int, seed: int = 14) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    chosen = communes.iloc[rng.choice(len(communes), size=n, replace=False)]
    inner = chosen.geometry.representative_point()
    jitter = rng.uniform(-0.02, 0.02, size=(n, 2))  # about 2 km
    points = gpd.points_from_xy(inner.x + jitter[:, 0], inner.y + jitter[:, 1], crs=reference.WGS84)
    kinds = np.where(np.arange(n) % 2 == 0, "msp", "cds_polyvalent")
    frame = gpd.GeoDataFrame({"name": [f"S{i}" for i in range(n)], "kind": kinds, "status": "ouvert",
                              "commune_code": chosen["code"].to_numpy()}, geometry=points, crs=reference.WGS84)
    return conform(frame)


def brute_force(origins: np.ndarray, targets: np.ndarray, chunk: int = 2000) -> np.ndarray:
    out = np.empty(len(origins))
    for start in range(0, len(origins), chunk):
        block = origins[start:start + chunk, None, :] - targets[None, :, :]
        out[start:start + chunk] = np.sqrt((block ** 2).sum(axis=2)).min(axis=1)
    return out


def bench_france(runs: int, n_structures: int) -> None:
    start = time.perf_counter()
    communes = france_communes()
    print(f"France: {len(communes)} communes, {communes['departement'].nunique()} départements "
          f"(GeoJSON read in {time.perf_counter() - start:.1f} s, not counted)")
    structures = synthetic_structures(communes, n_structures)
    metro = communes[~communes["departement"].isin(nearest.OVERSEAS_CRS)]
    t_origins, origins = timed(lambda: nearest.origin_points(metro, reference.LAMBERT93), runs)
    msp = nearest.open_targets(structures, "msp")
    msp_metro = msp[~msp["commune_code"].str.startswith("97")]
    targets = np.column_stack([msp_metro.geometry.to_crs(reference.LAMBERT93).x,
                               msp_metro.geometry.to_crs(reference.LAMBERT93).y])
    t_tree, (dist, _) = timed(lambda: nearest.nearest(origins, targets), runs)
    t_brute, brute = timed(lambda: brute_force(origins, targets), max(1, runs // 2))
    assert np.allclose(dist, brute), "STRtree and brute force disagree"
    t_all, table = timed(lambda: nearest.access_by_projection(communes, structures), runs)
    metro_structures = structures[~structures["commune_code"].str.startswith("97")]
    t_known, _ = timed(lambda: nearest.access_table(metro, metro_structures, "75", origins=origins), runs)
    print(f"  origin points, metropolitan (once per set of communes): {t_origins:.3f} s")
    print(f"  nearest MSP, {len(origins)} communes × {len(targets)} MSP: STRtree {t_tree:.3f} s, "
          f"brute force {t_brute:.3f} s (same distances)")
    print(f"  whole access table (MSP and centres de santé, origins included, every projection): {t_all:.3f} s "
          f"{'≤' if t_all <= 1 else '>'} 1 s target; {int(np.isnan(table['msp_m']).sum())} communes without any MSP "
          f"in their projection")
    print(f"  access table, metropolitan, origins already known (what a new data version costs): {t_known:.3f} s")


def bench_scenario(runs: int) -> None:
    communes, structures = reference.load_communes("29"), load_structures("29")
    table, members = load_cpts("29")
    access = nearest.access_table(communes, structures, "29")
    sc = scenario.Scenario(msp=("29026",), extend_id="T02", extend=("29026", "29232"))

    def recompute() -> None:
        compare.current_and_scenario(communes, structures, table, members, "29", sc, access=access)
        nearest.access_table(communes, scenario.with_hypothetical_msp(structures, communes, sc), "29")  # its map

    t, _ = timed(recompute, runs)
    verdict = "≤" if t <= 0.3 else ">"
    print(f"Scenario, Finistère ({len(communes)} communes): recompute {t:.3f} s {verdict} 0.3 s target")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--structures", type=int, default=5000)
    args = parser.parse_args()
    bench_france(args.runs, args.structures)
    bench_scenario(args.runs)


if __name__ == "__main__":
    main()

"""Benchmark the layer store: save, load, rollback of a 10 000-point layer on both backends,
and the cost of the reads every page run makes (stamps() of a département, token(), versions()),
then the stamps again once the store holds 1 000 versions across the 101 départements.

GeoPackage in a temporary folder; PostGIS on $DATABASE_URL when set, else on a
throwaway server started like the tests do (tests/pg_server.py). Prints the
median of a few runs.  Usage: .venv/bin/python scripts/bench_store.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd
import numpy as np
import shapely

from geo import reference
from geo.store import GeoPackageStore, PostGISStore, hash_password
from geo.structures import conform

PASSWORD = "bench"
RUNS = 3
TOKEN_RUNS = 200


def layer(n: int) -> gpd.GeoDataFrame:
    rnd = np.random.default_rng(1)
    frame = gpd.GeoDataFrame({"name": [f"MSP {i}" for i in range(n)], "kind": "msp", "commune_code": "29232",
                              "finess": [f"29{i:07d}" for i in range(n)]},
                             geometry=shapely.points(rnd.uniform(-4.75, -3.45, n), rnd.uniform(47.75, 48.7, n)),
                             crs=4326)
    return conform(frame)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bench(name: str, store, frame: gpd.GeoDataFrame) -> None:
    saves, loads, rollbacks = [], [], []
    for _ in range(RUNS):
        seconds, version = timed(lambda: store.save(layer="bench", kind="structures", departement="29",
                                                    features=frame, author="bench", filename="bench.csv",
                                                    checksum="", comment="", password=PASSWORD))
        saves.append(seconds)
        seconds, data = timed(lambda number=version.version: store.load(number))
        assert len(data.features) == len(frame)
        loads.append(seconds)
        seconds, _ = timed(lambda number=version.version: store.rollback(number, author="bench", password=PASSWORD))
        rollbacks.append(seconds)
    print(f"{name:<11} save {statistics.median(saves):6.2f} s   load {statistics.median(loads):6.2f} s   "
          f"rollback {statistics.median(rollbacks):6.2f} s   ({len(frame)} points, median of {RUNS})")
    # What every run of every page reads: its département's stamps (frame.data_token), the store's stamp (the
    # freshness, France's token) and the Données page's versions; on GeoPackage, the stamp as it was read before
    # (a connection opened per read).
    reads = [("stamps", lambda: store.stamps(["29"])), ("token", store.token), ("versions", store.versions)]
    if isinstance(store, GeoPackageStore):
        reads.append(("token, new connection (before)", lambda: opened_token(store)))
    report_reads(name, reads)


def report_reads(name: str, reads) -> None:
    for label, read in reads:
        times = [timed(read)[0] for _ in range(TOKEN_RUNS)]
        print(f"{name:<11} {label:<8} {statistics.median(times) * 1000:6.3f} ms median, "
              f"{max(times) * 1000:6.2f} ms max ({TOKEN_RUNS} reads)")


def opened_token(store: GeoPackageStore) -> str:
    with store._reading() as con:  # the per-read connection every small read used before it was kept
        return "0" if con is None else str(con.execute("SELECT coalesce(max(version), 0) FROM store_versions")
                                           .fetchone()[0])


def many_versions(name: str, store, count: int = 1000) -> None:
    """The stamps' query once `count` one-point layers are saved, spread over the 101 départements."""
    deps = reference.load_departements()["code"].tolist()
    one = layer(1)
    for i in range(count):
        store.save(layer=f"bench {i % 7}", kind="structures", departement=deps[i % len(deps)], features=one,
                   author="bench", filename="bench.csv", checksum="", comment="", password=PASSWORD)
    report_reads(f"{name} ({count} v.)", [("stamps", lambda: store.stamps(["29"])), ("token", store.token)])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    frame = layer(n)
    password_hash = hash_password(PASSWORD, iterations=1000)  # the password check is not what is measured
    with tempfile.TemporaryDirectory() as tmp:
        gpkg = GeoPackageStore(Path(tmp) / "layers.gpkg", password_hash)
        bench("GeoPackage", gpkg, frame)
        many_versions("GeoPackage", gpkg)
        gpkg.close()
    server = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        from tests import pg_server

        server = pg_server.start()
        url = server.new_database("carte_bench")
    try:
        postgis = PostGISStore(url, password_hash)
        bench("PostGIS", postgis, frame)
        many_versions("PostGIS", postgis)
        postgis.close()
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()

"""Benchmark: how many shared caches a save in D29 invalidates, and what reading the stamps costs per run.

1. Invalidated: the caches every viewer shares, keyed on a data version, as the pages declare them (CACHES: per
   département and kinds of layer, or per territory for Couverture's figures), filled for every territory (the 101
   départements, 18 régions and France, as a busy national server would hold them); then a structures layer is saved in
   D29, then a France-wide free layer. Before: one store-wide stamp, every key changed. Now: frame.data_token and
   frame.zone_token.
2. Per run: the app (app.py, Carte then Couverture's map tab, D29) in AppTest, counting the stamp reads of one warm run
   (stamps() and token() of the store), times the median read (GeoPackage, kept connection).

The store is a GeoPackage in a temporary folder. Run: .venv/bin/python scripts/bench_caches.py
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

PASSWORD = "bench"
# (cache, kinds of layer its token covers: None = all); per département ...
PER_DEPARTEMENT = [("frame._structures", ["structures"]), ("frame._cpts", ["cpts"]), ("frame._overlays", ["layer"]),
                   ("carte.map_data", None), ("carte.overlay_features", None), ("carte.commune_features", None),
                   ("carte.completeness_rows", None), ("fiche.layers", ["structures", "cpts"]),
                   ("fiche.caveats", ["structures", "cpts"]),
                   ("couverture.layer_check", ["structures", "cpts"])]
# ... and per territory (département, région, France): Couverture's figures, then the sidebar's freshness (one entry).
PER_ZONE = ["couverture.progress_view", "couverture.map_view"]


def keys(frame, reference, store_wide: bool) -> dict[tuple[str, str], str]:
    """(cache, territory) -> the token its entry is keyed on: the store-wide one (before), or the territory's."""
    deps = reference.load_departements()
    zones_ = ["FRANCE", *(f"R{code}" for code in sorted(set(deps["region"]))), *(f"D{code}" for code in deps["code"])]
    everything = frame.store().token()
    out = {("frame._freshness", "FRANCE"): everything}
    for dep in deps["code"]:
        for cache, kinds in PER_DEPARTEMENT:
            out[cache, dep] = everything if store_wide else frame.data_token(dep, kinds)
    for zone in zones_:
        for cache in PER_ZONE:
            out[cache, zone] = everything if store_wide else frame.zone_token(zone)
    return out


def invalidated(frame, reference, save) -> None:
    print(f"{'save':<34}{'entries':>9}{'invalidated before':>20}{'now':>6}   now: which")
    for label, departement, kind in (("structures layer in D29", "29", "structures"),
                                     ("free layer for all of France", "FRANCE", "layer")):
        before = {mode: keys(frame, reference, mode) for mode in (True, False)}
        save(departement, kind)
        changed = {mode: [key for key, token in keys(frame, reference, mode).items() if token != before[mode][key]]
                   for mode in (True, False)}
        which = sorted({zone for _, zone in changed[False]})
        shown = ", ".join(which) if len(which) <= 6 else f"{len(which)} territories"
        print(f"{label:<34}{len(before[True]):>9}{len(changed[True]):>20}{len(changed[False]):>6}   {shown}")


def reads_per_run(frame) -> None:
    from streamlit.testing.v1 import AppTest

    store = frame.store()
    counts = {"stamps": 0, "token": 0}

    def counted(name: str, read):
        def counting(*args):
            counts[name] += 1
            return read(*args)

        return counting

    for name in counts:
        setattr(store, name, counted(name, getattr(store, name)))
    times = []
    for _ in range(500):
        read = time.perf_counter()
        frame.data_token("29")
        times.append(time.perf_counter() - read)
    per_read = statistics.median(times) * 1000
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["territoire"] = "D29"
    print(f"{'run (warm, D29)':<34}{'stamp reads':>12}{'ms per run':>12}   (median read {per_read:.3f} ms, frame.data_token)")
    for label, page, params in (("Carte", None, {}), ("Couverture, map tab", "pages/couverture.py", {"onglet": "carte"})):
        for _ in range(2):  # the first run fills the caches; the second is what every later run costs
            counts.update(stamps=0, token=0)
            if page:
                at.switch_page(page)
            at.query_params.update(params)
            at.run()
            if at.exception:
                raise SystemExit(f"{label}: {at.exception[0].value}")
        total = counts["stamps"] + counts["token"]
        print(f"{label:<34}{total:>12}{total * per_read:>12.3f}   ({counts['stamps']} stamps, {counts['token']} token)")


def main() -> None:
    os.environ["CARTE_STORE_DIR"] = tempfile.mkdtemp(prefix="bench-caches-")  # never the developer's store
    os.environ.pop("DATABASE_URL", None)
    os.environ["CARTE_ANALYST_PASSWORD"] = PASSWORD
    import frame
    from geo import reference
    from geo.store import STORE_FILE, GeoPackageStore, hash_password
    from tests.unit.test_store import points

    writer = GeoPackageStore(Path(os.environ["CARTE_STORE_DIR"]) / STORE_FILE, hash_password(PASSWORD, iterations=1000))

    def save(departement: str, kind: str) -> None:
        features = points(1) if kind == "structures" else points(1)[["name", "geometry"]]
        writer.save(layer=f"bench {kind}", kind=kind, departement=departement, features=features, author="bench",
                    filename="bench.csv", checksum="", comment="", password=PASSWORD)

    for dep in ("22", "35", "56"):  # a store already in use
        save(dep, "structures")
    invalidated(frame, reference, save)
    print()
    reads_per_run(frame)


if __name__ == "__main__":
    main()

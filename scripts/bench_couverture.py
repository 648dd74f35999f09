"""Benchmark: rerun time of the Couverture page when the territory changes (AppTest, in-process).

Prints, for each tab, the first run (cold caches) and the median of N reruns
where only the territory changes, cycling through France, a région and
several départements; then the same for a second viewer (a new session in the
same server process): what the caches shared across sessions save (the
trajectories, and the progress and map figures cached per territory and data
version). The store is an empty GeoPackage in a temporary folder.
Run: .venv/bin/python scripts/bench_couverture.py [N]
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

from streamlit.testing.v1 import AppTest

from geo import links

PAGE = str(ROOT / "pages" / "couverture.py")
ZONES = ["D29", "FRANCE", "R53", "D33", "D2A", "D976", "R11", "D59"]
TABS = links.COUVERTURE_TABS  # as the link names them (?onglet=carte)


def timed_run(at: AppTest, tab: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run. CPU time is the process's (the script runs in one of its threads): on a shared
    machine it moves less than the wall time with the other processes' load."""
    wall, cpu = time.perf_counter(), time.process_time()
    at.run()
    if at.exception:
        raise SystemExit(f"{tab}: {at.exception[0].value}")
    return time.perf_counter() - wall, time.process_time() - cpu


def bench(tab: str, runs: int) -> tuple[float, list[float], list[float]]:
    """(first run's wall time, wall times and CPU times of the `runs` reruns)."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update({links.TAB_PARAM: tab, links.TERRITORY_PARAM: ZONES[0]})
    first, _ = timed_run(at, tab)
    walls, cpus = [], []
    for i in range(runs):
        at.query_params[links.TERRITORY_PARAM] = ZONES[(i + 1) % len(ZONES)]
        wall, cpu = timed_run(at, tab)
        walls.append(wall)
        cpus.append(cpu)
    return first, walls, cpus


def main() -> None:
    os.environ["CARTE_STORE_DIR"] = tempfile.mkdtemp(prefix="bench-couverture-")  # never the developer's store
    os.environ.pop("DATABASE_URL", None)
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(f"Couverture page, AppTest rerun when the territory changes (N={runs}, zones cycle {', '.join(ZONES)})")
    print(f"{'tab':<16}{'viewer':>8}{'first run (s)':>14}{'median (s)':>12}{'p90 (s)':>10}{'max (s)':>10}"
          f"{'CPU median (s)':>16}")
    for tab in TABS:
        for viewer in ("first", "next"):
            first, times, cpus = bench(tab, runs)
            p90 = sorted(times)[max(0, round(0.9 * len(times)) - 1)]
            print(f"{tab:<16}{viewer:>8}{first:>14.3f}{statistics.median(times):>12.3f}{p90:>10.3f}{max(times):>10.3f}"
                  f"{statistics.median(cpus):>16.3f}")


if __name__ == "__main__":
    main()

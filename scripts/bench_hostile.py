"""Run the whole hostile corpus (tests/fixtures/hostile + the bombs built at run time) through geo.imports.validate.

Prints, per file, the time taken and what was said; then the process's peak memory (ru_maxrss), which covers
every file, the bombs included. Goals: the recursive-view GeoPackage refused in < 2 s and < 200 MiB (measured
alone, in a fresh process), the whole corpus < 500 MiB.  Usage: .venv/bin/python scripts/bench_hostile.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geo  # noqa: E402,F401 — first, as in the app: GDAL locked down before anything loads pyogrio
from geo.imports import validate  # noqa: E402
from tests.fixtures.hostile.build import HERE, bombs  # noqa: E402

ALONE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from geo.imports import validate
data = open({path!r}, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
report = validate("vue_recursive.gpkg", data, departement="29").report
print(time.perf_counter() - start, before / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      bool(report.refused))
"""


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    kinds: dict[str, str] = json.loads((HERE / "KINDS.json").read_text())
    files = {name: ((HERE / name).read_bytes(), kind) for name, kind in sorted(kinds.items())}
    files.update(bombs())
    print(f"{len(files)} fichiers ; mémoire de pointe avant le premier : {peak_mib():.0f} Mio")
    total = time.perf_counter()
    for name, (data, kind) in files.items():
        start = time.perf_counter()
        report = validate(name, data, kind=kind, departement="29").report
        said = report.refused or f"utilisable ({report.features_kept} entité(s))"
        print(f"{time.perf_counter() - start:7.3f} s  {len(data) / 1024:9.1f} Kio  {name:34s} {said[:90]}")
    print(f"corpus entier : {time.perf_counter() - total:.2f} s ; mémoire de pointe du processus : {peak_mib():.0f} Mio"
          " (objectif < 500 Mio)")
    seconds, before, after, refused = subprocess.run(
        [sys.executable, "-c", ALONE.format(root=str(ROOT), path=str(HERE / "vue_recursive.gpkg"))],
        capture_output=True, text=True, check=True).stdout.split()
    print(f"vue récursive seule : {'refusée' if refused == 'True' else 'ACCEPTÉE'} en {float(seconds):.3f} s ; "
          f"pointe {float(after):.0f} Mio dont {float(after) - float(before):.0f} Mio pour la vérification "
          "(objectif < 2 s et < 200 Mio)")


if __name__ == "__main__":
    main()

"""Benchmark the import validation: a 100 000-point CSV and a 50 MB GeoJSON, through geo.imports.validate.

Each case runs in a fresh subprocess so its peak memory (ru_maxrss) is its own.
Targets: <= 10 s and < 1 GiB each.  Usage: .venv/bin/python scripts/bench_imports.py
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Finistère's bounding box (WGS84), so points fall in the département.
WEST, SOUTH, EAST, NORTH = -4.75, 47.75, -3.45, 48.70


def make_csv(path: Path, n: int = 100_000) -> None:
    rnd = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        out.write("nom;type;latitude;longitude;statut\n")
        for i in range(n):
            out.write(f"Structure {i};msp;{rnd.uniform(SOUTH, NORTH):.6f};{rnd.uniform(WEST, EAST):.6f};ouvert\n")


def make_geojson(path: Path, target_mb: int = 50) -> None:
    """Small polygons with a few properties until the file weighs target_mb."""
    rnd = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        size, i = 0, 0
        while size < target_mb * 1024 * 1024:
            x, y = rnd.uniform(WEST, EAST), rnd.uniform(SOUTH, NORTH)
            ring = [[round(x + 0.002 * dx, 6), round(y + 0.002 * dy, 6)] for dx, dy in
                    ((0, 0), (1, 0), (1.5, 0.5), (1, 1), (0.5, 1.4), (0, 1), (-0.3, 0.5), (0, 0))]
            feature = json.dumps({"type": "Feature", "properties": {"nom": f"Zone {i}", "valeur": i % 97,
                                  "note": "lorem ipsum dolor sit amet"},
                                  "geometry": {"type": "Polygon", "coordinates": [ring]}}, separators=(",", ":"))
            text = ("," if i else "") + feature + "\n"
            out.write(text)
            size += len(text)
            i += 1
        out.write("]}\n")


CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from geo.imports import validate
path = Path({path!r})
data = path.read_bytes()
start = time.perf_counter()
result = validate(path.name, data, kind={kind!r}, departement="29")
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{elapsed:.2f}};{{peak:.0f}};{{result.report.features_read}};{{result.report.features_kept}};{{result.report.ok}}")
"""


def run(path: Path, kind: str) -> tuple[float, float, int, int, bool]:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path), kind=kind)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    elapsed, peak, read, kept, ok = out.stdout.strip().splitlines()[-1].split(";")
    return float(elapsed), float(peak), int(read), int(kept), ok == "True"


def main() -> int:
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, geojson_path = Path(tmp) / "points_100k.csv", Path(tmp) / "polygones_50mo.geojson"
        make_csv(csv_path)
        make_geojson(geojson_path)
        for path, kind in ((csv_path, "structures"), (geojson_path, "layer")):
            elapsed, peak, read, kept, ok = run(path, kind)
            size = path.stat().st_size / 1024 / 1024
            verdict = "OK" if ok and elapsed <= 10 and peak < 1024 else "HORS CIBLE"
            failures += verdict != "OK"
            print(f"{path.name:24} {size:6.1f} Mo  {read:>7} lues  {kept:>7} retenues  "
                  f"{elapsed:6.2f} s  pic {peak:6.0f} Mio  [{verdict}] (cible <= 10 s, < 1024 Mio)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

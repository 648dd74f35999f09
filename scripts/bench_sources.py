"""Benchmark the FINESS+ connector: a 100 000-establishment export served by the local test server.

The export is built from the published sample's shape (tests/sources_server.py); the measured part
(download, streamed parse and filter, geo.imports.validate, change summary) runs in a fresh subprocess
so its peak memory (ru_maxrss) is its own. Goal: <= 30 s and < 1 GiB.
Usage: .venv/bin/python scripts/bench_sources.py [N establishments] [extra events each]
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.sources_server import Reply, SourceServer, finess_france  # noqa: E402

CHILD = """
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {root!r})
from geo.sources import finess
from geo.sources.http import Client, Settings
from geo.sources.summary import structures_summary
from geo import imports

url = {url!r}
timings = {{}}
start = time.perf_counter()
settings = Settings(max_mb=500)
with tempfile.TemporaryDirectory() as tmp:
    download = Client(settings, [url]).download(url, Path(tmp))
    timings["download"] = time.perf_counter() - start
    extract = finess.read(download.path, "29", inflated_mb=10_000)
    timings["parse"] = time.perf_counter() - start - timings["download"]
mark = time.perf_counter()
result = imports.validate("finess-29.csv", extract.csv_bytes(), kind="structures", departement="29")
summary = structures_summary(None, result.features)
timings["validate"] = time.perf_counter() - mark
timings["total"] = time.perf_counter() - start
print(json.dumps({{"timings": timings, "read": extract.read, "kept": len(extract.rows), "ok": result.report.ok,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 25  # ~7.5 kB per establishment, as in the real file
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        export = finess_france(Path(tmp), total=total, events=events)
        built = time.perf_counter() - start
        size_mb = export.path.stat().st_size / 2**20
        with gzip.open(export.path, "rb") as stream:
            inflated_mb = sum(len(chunk) for chunk in iter(lambda: stream.read(1 << 22), b"")) / 2**20
        with SourceServer() as server:
            url = server.route("/f/" + export.path.name, Reply(file=export.path,
                                                                headers={"Content-Type": "application/gzip"}))
            out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), url=url)], capture_output=True,
                                 text=True, check=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
        figures = json.loads(out.stdout.strip().splitlines()[-1])
    t = figures["timings"]
    print(f"FINESS+ export: {figures['read']:,} establishments, {size_mb:.1f} MB gzip, {inflated_mb:.0f} MB inflated"
          f" (built in {built:.1f} s)")
    print(f"kept for Finistère: {figures['kept']:,} rows (603/124/604), validation ok: {figures['ok']}")
    print(f"download {t['download']:.2f} s, streamed parse+filter {t['parse']:.2f} s, validate {t['validate']:.2f} s")
    print(f"total {t['total']:.2f} s (goal <= 30 s), peak memory {figures['peak_mb']:.0f} MB (goal < 1024 MB)")


if __name__ == "__main__":
    main()

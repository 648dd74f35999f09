"""Time the map exports (SVG and PNG of the whole Finistère with every layer) and print their sizes."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from geo import reference
from geo.exports import mapview
from geo.maps import prepare
from geo.structures import STATUSES, load_structures
from geo.territories import load_cpts


def main() -> None:
    communes, structures = reference.load_communes("29"), load_structures("29")
    table, members = load_cpts("29")
    data = prepare.prepare(communes, structures, table, members)
    controls = {"show": dict.fromkeys(("communes", "epci", "cpts", "structures"), True), "kinds": set(structures["kind"]),
                "statuses": set(STATUSES), "choropleth": "population", "choropleth_label": "Population", "commune": None}
    layers = mapview.layers_of(data, structures, controls)
    for fmt in mapview.FORMATS:
        start = time.perf_counter()
        out = mapview.export(layers, data.bounds, "29 – Finistère", dt.date.today(), fmt)
        print(f"{fmt}: {time.perf_counter() - start:.2f} s, {len(out) / 1024:.0f} Ko")


if __name__ == "__main__":
    main()

"""Build the shipped default data in data/ from ../shared/opendata.

The app never reads ../shared at run time: this script copies and reshapes
what it needs, once, into GeoPackage and CSV files that load fast.

    python scripts/build_data.py [--departements 22 29 ...] [--shared ../shared] [--workers 2]

Communes, EPCI and outline for each département given (all 101 by default, one
GeoPackage each, which the app opens only when that territory is shown);
sourced structures and CPTS only where ../shared/opendata/finistere holds them
(Finistère). Commune shapes are coverage-simplified at BUILD_SIMPLIFY_M, in each
département's own metric projection, with every commune kept drawable
(geo.maps.coverage): sub-pixel at the closest zoom the maps use, and it keeps the
shipped files small. Prints the wall time, the peak memory and the size written.
Rebuilding the app's own data/ empties static/geometry/ (geo.maps.geometry_files): the maps write their
shared geometry files again, from the new data, when first shown.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.access.nearest import crs_of_departement
from geo.maps import geometry_files
from geo.maps.coverage import drawable_simplify, rounded
from geo.reference import WGS84

BAROMETER_INDICATORS = ["ind-311", "ind-312", "ind-318", "ind-587", "ind-589"]
OVERSEAS = ["971", "972", "973", "974", "976"]
BUILD_SIMPLIFY_M = 120  # metres: what the département map draws (geo.maps.layers.SIMPLIFY_M), so nothing visible is lost


def build_communes(shared: Path, dep: str) -> gpd.GeoDataFrame:
    raw = gpd.read_file(shared / "opendata/geo/departements" / dep / "communes.geojson")
    epci = json.loads((shared / "opendata/cog/epci.json").read_text())
    epci_names = {e["code"]: e["nom"] for e in epci}
    communes = gpd.GeoDataFrame(
        {
            "code": raw["code"],
            "nom": raw["nom"],
            "population": raw["population"].fillna(0).astype("int64"),
            "epci_code": raw["codeEpci"].fillna(""),
            "epci_nom": raw["codeEpci"].map(epci_names).fillna(""),
            "departement": raw["codeDepartement"],
            "region": raw["codeRegion"],
            "codes_postaux": raw["codesPostaux"].map(lambda v: ";".join(map(str, v)) if v is not None else ""),
        },
        geometry=raw.geometry.make_valid(),
        crs=WGS84,
    )
    # Areas in metres, in the département's projection (Lambert-93, UTM overseas): degrees would distort.
    projected = communes.geometry.to_crs(crs_of_departement(dep))
    communes["surface_km2"] = projected.area / 1e6
    shapes = gpd.GeoSeries(drawable_simplify(projected.values, BUILD_SIMPLIFY_M), crs=projected.crs).to_crs(WGS84)
    communes["geometry"] = rounded(shapes.values)
    return communes.sort_values("code").reset_index(drop=True)


def build_epci(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    grouped = communes[communes["epci_code"] != ""].dissolve(
        by=["epci_code", "epci_nom"], aggfunc={"population": "sum", "code": "count"}
    )
    grouped = grouped.rename(columns={"code": "nb_communes"}).reset_index()
    return grouped.rename(columns={"epci_code": "code", "epci_nom": "nom"})


def build_departements(shared: Path) -> gpd.GeoDataFrame:
    metro = gpd.read_file(shared / "opendata/geo/departements-version-simplifiee.geojson")
    parts = [metro[["code", "nom", "geometry"]]]
    names = {d["code"]: d for d in json.loads((shared / "opendata/cog/departements.json").read_text())}
    for dep in OVERSEAS:
        communes = gpd.read_file(shared / "opendata/geo/departements" / dep / "communes.geojson")
        geom = shapely.simplify(communes.geometry.make_valid().union_all(), 0.002)
        parts.append(gpd.GeoDataFrame({"code": [dep], "nom": [names[dep]["nom"]]}, geometry=[geom], crs=WGS84))
    deps = pd.concat(parts, ignore_index=True)
    deps["region"] = deps["code"].map(lambda c: names[c]["region"])
    deps = gpd.GeoDataFrame(deps, geometry="geometry", crs=WGS84)
    deps["geometry"] = shapely.set_precision(deps.geometry.values, 1e-5)
    return deps.sort_values("code").reset_index(drop=True)


def build_regions(shared: Path, departements: pd.DataFrame) -> pd.DataFrame:
    """The 18 régions (the COG also lists overseas collectivities, which have no département)."""
    regions = json.loads((shared / "opendata/cog/regions.json").read_text())
    present = set(departements["region"])
    return pd.DataFrame([{"code": r["code"], "nom": r["nom"]} for r in regions if r["code"] in present])


def require_known(codes: set[str], known: set[str], what: str) -> None:
    """Stop the build rather than ship a row placed in a commune that does not exist."""
    unknown = codes - known
    if unknown:
        raise SystemExit(f"unknown commune codes in {what}: {sorted(unknown)}")


def provenance(raw: pd.DataFrame) -> dict[str, pd.Series | str]:
    """The columns that say where each sourced row comes from."""
    return {
        "source": "Recensement sourcé (pages publiques)",
        "source_url": raw["source_url"],
        "source_date": raw["page_date"],
        "confidence": raw["confidence"],
        "notes": raw["notes"],
    }


def build_structures(shared: Path, dep: str, communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Sourced structures; no row has coordinates, so each is placed in its commune.

    The point is the commune's point-on-surface (always inside the commune),
    and `position_source` says so: no address is geocoded offline.
    """
    raw = pd.read_csv(shared / "opendata/finistere" / f"structures_{dep}_sourced.csv", dtype=str).fillna("")
    inside = communes.set_index("code").to_crs(crs_of_departement(dep)).geometry.representative_point().to_crs(WGS84)
    require_known(set(raw["commune_code"]), set(inside.index), "structures")
    out = gpd.GeoDataFrame(
        {
            "id": raw["id"],
            "name": raw["name"],
            "kind": raw["kind"],
            "label_as_written": raw["label_as_written"],
            "commune_code": raw["commune_code"],
            "commune": raw["commune"],
            "address": raw["address"],
            "status": raw["status"],
            "status_date": raw["status_date"],
            "members": raw["members_or_staff"],
            "position_source": "commune",
            "finess": "",
            **provenance(raw),
        },
        geometry=inside.loc[raw["commune_code"]].values,
        crs=WGS84,
    )
    return out


def build_cpts(shared: Path, dep: str, communes: gpd.GeoDataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CPTS table and its commune memberships (one row per CPTS x commune)."""
    raw = pd.read_csv(shared / "opendata/finistere" / f"cpts_{dep}_sourced.csv", dtype=str).fillna("")
    epci = {e["code"]: [m["code"] for m in e["membres"]] for e in json.loads((shared / "opendata/cog/epci.json").read_text())}
    rows = []
    for rec in raw.itertuples():
        if rec.territory_rule.startswith("epci:"):
            codes = epci[rec.territory_rule.split(":", 1)[1]]
        else:
            codes = [c.strip() for c in rec.territory_codes.split(";") if c.strip()]
        rows += [{"cpts_id": rec.id, "commune_code": c} for c in codes]
    members = pd.DataFrame(rows)
    require_known(set(members["commune_code"]), set(communes["code"]), "CPTS")
    table = pd.DataFrame(
        {
            "id": raw["id"],
            "name": raw["name"],
            "status": raw["status"],
            "status_date": raw["status_date"],
            "date_creation": "",
            "date_aci": "",
            "date_fin": "",
            "territory_rule": raw["territory_rule"],
            "communes_stated": raw["communes_stated"],
            "population_stated": raw["population_stated"],
            **provenance(raw),
        }
    )
    return table, members


def all_departements(shared: Path) -> list[str]:
    """The 101 départements whose communes are in ../shared (the COG also lists overseas collectivities)."""
    folder = shared / "opendata/geo/departements"
    return sorted(d["code"] for d in json.loads((shared / "opendata/cog/departements.json").read_text())
                  if (folder / d["code"] / "communes.geojson").exists())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departements", nargs="+", help="codes (default: all 101)")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--data", default=str(ROOT / "data"), help="output folder")
    parser.add_argument("--workers", type=int, default=2, help="processes (the build machine has 2 cores)")
    args = parser.parse_args()
    start = time.perf_counter()
    shared, data = Path(args.shared), Path(args.data)
    (data / "departements").mkdir(parents=True, exist_ok=True)
    deps = args.departements or all_departements(shared)
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for line in pool.map(build_departement, [shared] * len(deps), [data] * len(deps), deps):
            print(line)
    shutil.rmtree(data / "departements" / ".building", ignore_errors=True)
    build_national(shared, data)
    if data.resolve() == (ROOT / "data").resolve():
        # The maps' shared geometry files were cut from the old data: the app writes new ones when first needed.
        print(f"static/geometry/: {geometry_files.prune()} files of the previous data removed")
    print(build_report(data, len(deps), time.perf_counter() - start, args.workers))


def peak_memory_mib(workers: int) -> float:
    """An upper bound of the peak memory: this process's peak plus `workers` times the largest worker's (KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + workers * largest) / 1024


def build_report(data: Path, count: int, seconds: float, workers: int) -> str:
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    return (f"{count} départements built in {seconds:.1f} s (target <= 60 s); peak memory <= "
            f"{peak_memory_mib(workers):.0f} MiB (target < 1024); data/ holds {size / 1e6:.1f} MB")


def build_departement(shared: Path, data: Path, dep: str) -> str:
    communes = build_communes(shared, dep)
    target = data / "departements" / f"{dep}.gpkg"
    # Written aside then moved: the app never finds a half-written file (it lists departements/*.gpkg only).
    partial = data / "departements" / ".building" / f"{dep}.gpkg"
    partial.parent.mkdir(exist_ok=True)
    partial.unlink(missing_ok=True)
    communes.to_file(partial, layer="communes", driver="GPKG", SPATIAL_INDEX="NO")
    build_epci(communes).to_file(partial, layer="epci", driver="GPKG", SPATIAL_INDEX="NO")
    outline = gpd.GeoDataFrame({"code": [dep]}, geometry=[communes.union_all()], crs=WGS84)
    outline.to_file(partial, layer="departement", driver="GPKG", SPATIAL_INDEX="NO")
    structures_csv = shared / "opendata/finistere" / f"structures_{dep}_sourced.csv"
    if structures_csv.exists():
        build_structures(shared, dep, communes).to_file(partial, layer="structures", driver="GPKG", SPATIAL_INDEX="NO")
        table, members = build_cpts(shared, dep, communes)
        table.to_csv(data / "departements" / f"cpts_{dep}.csv", index=False)
        members.to_csv(data / "departements" / f"cpts_communes_{dep}.csv", index=False)
    partial.replace(target)
    return f"département {dep}: {len(communes)} communes, population {communes.population.sum()}"


def build_national(shared: Path, data: Path) -> None:
    france = data / "france.gpkg"
    france.unlink(missing_ok=True)
    departements = build_departements(shared)
    departements.to_file(france, layer="departements", driver="GPKG", SPATIAL_INDEX="NO")
    build_regions(shared, departements).to_csv(data / "regions.csv", index=False)

    baro = data / "barometre"
    baro.mkdir(exist_ok=True)
    for name in BAROMETER_INDICATORS:
        shutil.copyfile(shared / "opendata/barometre" / f"{name}.csv", baro / f"{name}.csv")
    shutil.copyfile(shared / "opendata/barometre/config-viz.yml", baro / "config-viz.yml")
    shutil.copyfile(shared / "opendata/finistere/declared_counts.csv", data / "declared_counts.csv")


if __name__ == "__main__":
    main()

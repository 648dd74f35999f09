"""scripts/build_data.py on a small synthetic ../shared: every commune kept drawable, files written whole,
only the départements and régions that exist; and the shipped data/ holds all 101 départements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from geo import reference, zones

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import build_data  # noqa: E402 — a script, not a package


def commune(code: str, name: str, geometry: shapely.Geometry, dep: str, region: str) -> dict:
    return {"type": "Feature", "geometry": shapely.geometry.mapping(geometry),
            "properties": {"code": code, "nom": name, "codeDepartement": dep, "codeRegion": region,
                           "codeEpci": "200000001", "codesPostaux": ["99999"], "population": 10, "siren": ""}}


@pytest.fixture()
def shared(tmp_path: Path) -> Path:
    """Two départements: '62' with a commune far smaller than the build tolerance, and '974' overseas."""
    root = tmp_path / "shared"
    # A 60 m commune between two 5 km ones: coverage simplification alone would leave it a sliver.
    dep62 = [
        commune("62001", "Grande", shapely.box(1.70, 50.70, 1.76, 50.75), "62", "32"),
        commune("62002", "Petite", shapely.box(1.76, 50.7200, 1.7608, 50.7205), "62", "32"),
        commune("62003", "Voisine", shapely.union_all([shapely.box(1.76, 50.70, 1.82, 50.72),
                                                        shapely.box(1.7608, 50.72, 1.82, 50.7205),
                                                        shapely.box(1.76, 50.7205, 1.82, 50.75)]), "62", "32"),
    ]
    dep974 = [commune("97401", "Saint-Denis", shapely.box(55.40, -20.95, 55.50, -20.88), "974", "04")]
    for dep, features in (("62", dep62), ("974", dep974)):
        folder = root / "opendata/geo/departements" / dep
        folder.mkdir(parents=True)
        (folder / "communes.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    cog = root / "opendata/cog"
    cog.mkdir(parents=True)
    (cog / "epci.json").write_text(json.dumps([{"code": "200000001", "nom": "CC Test", "membres": []}]))
    (cog / "departements.json").write_text(json.dumps([
        {"code": "62", "region": "32", "nom": "Pas-de-Calais"}, {"code": "974", "region": "04", "nom": "La Réunion"},
        {"code": "975", "region": "975", "nom": "Saint-Pierre-et-Miquelon"}]))  # a collectivity: no communes file
    (cog / "regions.json").write_text(json.dumps([
        {"code": "32", "nom": "Hauts-de-France"}, {"code": "04", "nom": "La Réunion"}, {"code": "975", "nom": "SPM"}]))
    return root


def test_every_commune_stays_a_polygon_after_the_build(shared):
    communes = build_data.build_communes(shared, "62")
    assert list(communes["code"]) == ["62001", "62002", "62003"]
    assert communes.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert not communes.geometry.is_empty.any()
    petite = communes.set_index("code").loc["62002"]
    assert petite.geometry.area > 0 and 0.002 < petite["surface_km2"] < 0.004  # 57 m x 56 m


def test_overseas_areas_are_measured_in_their_own_projection(shared):
    communes = build_data.build_communes(shared, "974")
    # 0.10° x 0.07° at 20.9° S: about 10.4 km x 7.8 km (Lambert-93 would inflate it several times)
    assert 76 < communes.loc[0, "surface_km2"] < 86


def test_only_departements_with_communes_are_built(shared):
    assert build_data.all_departements(shared) == ["62", "974"]


def test_a_build_writes_whole_files_only(shared, tmp_path):
    data = tmp_path / "data"
    (data / "departements").mkdir(parents=True)
    build_data.build_departement(shared, data, "62")
    assert reference.available_departements(data) == ["62"]
    layers = {name for name, _ in pyogrio.list_layers(data / "departements/62.gpkg")}
    assert layers == {"communes", "epci", "departement"}
    (shared / "opendata/geo/departements/974/communes.geojson").write_text('{"type": "FeatureColl')
    with pytest.raises(Exception):  # noqa: B017 — whatever GDAL raises on a truncated file
        build_data.build_departement(shared, data, "974")
    assert reference.available_departements(data) == ["62"]  # no half-written 974.gpkg where the app looks


def test_regions_without_departements_are_left_out(shared):
    deps = pd.DataFrame({"code": ["62", "974"], "region": ["32", "04"]})
    assert list(build_data.build_regions(shared, deps)["code"]) == ["32", "04"]


def test_the_shipped_data_holds_all_101_departements_every_commune_drawable():
    deps = reference.load_departements()
    assert len(deps) == 101
    assert reference.available_departements() == sorted(deps["code"])
    assert len(reference.load_regions()) == 18
    for dep in deps["code"]:
        shapes = gpd.read_file(reference.departement_file(dep), layer="communes", columns=["code"])
        assert len(shapes) > 0, dep
        assert shapes.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all(), dep
        assert (shapes["code"].map(zones.departement_of_commune) == dep).all(), dep

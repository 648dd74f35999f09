"""CPTS perimeters from commune memberships: dissolve, overlaps, gaps, coverage."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo import indicators, territories
from geo.reference import LAMBERT93


@pytest.fixture()
def communes():
    """Four 1 km squares in a row (Lambert-93), populations 100, 200, 300, 400."""
    return gpd.GeoDataFrame(
        {"code": ["A", "B", "C", "D"], "population": [100, 200, 300, 400]},
        geometry=[box(i * 1000, 0, (i + 1) * 1000, 1000) for i in range(4)],
        crs=LAMBERT93,
    )


@pytest.fixture()
def table():
    return pd.DataFrame({"id": ["T1", "T2", "T3"], "name": ["Nord", "Sud", "Vide"],
                         "status": ["en fonctionnement", "projet", "projet"]})


@pytest.fixture()
def members():
    # B is claimed by both T1 and T2; D is in no CPTS; T3 names an unknown commune
    return pd.DataFrame({"cpts_id": ["T1", "T1", "T2", "T2", "T3"], "commune_code": ["A", "B", "B", "C", "Z"]})


def test_perimeters_are_dissolved_per_cpts(communes, table, members):
    perimeters = territories.build_perimeters(table, members, communes).set_index("id")
    assert list(perimeters.index) == ["T1", "T2"]  # T3 has no known commune: no polygon
    assert perimeters.loc["T1", "population"] == 300
    assert perimeters.loc["T1", "nb_communes"] == 2
    assert perimeters.loc["T1"].geometry.geom_type == "Polygon"  # two squares merged into one
    assert perimeters.loc["T1"].geometry.area == pytest.approx(2_000_000)
    assert perimeters.loc["T2", "population"] == 500


def test_overlaps_and_gaps(communes, members):
    overlaps = territories.overlapping_communes(members)
    assert overlaps.to_dict("records") == [{"commune_code": "B", "cpts_ids": ["T1", "T2"]}]
    assert territories.communes_without_cpts(members, communes)["code"].tolist() == ["D"]


def test_coverage_counts_a_shared_commune_once(communes, members):
    cov = indicators.coverage(members, communes)
    assert cov.population_covered == 600  # A + B + C, B once
    assert cov.population_total == 1000
    assert cov.communes_covered == 3
    assert cov.pct == pytest.approx(60.0)
    strict = indicators.coverage(members, communes, cpts_ids={"T1"})
    assert strict.population_covered == 300


def test_shipped_cpts_expand_the_epci_rule():
    table, members = territories.load_cpts("29")
    quimperle = members[members["cpts_id"] == "T01"]
    assert len(quimperle) == 16  # CA Quimperlé Communauté
    assert len(members[members["cpts_id"] == "T02"]) == 7
    assert set(table["name"]) == {"CPTS du Pays de Quimperlé", "CPTS du Bout du Monde"}

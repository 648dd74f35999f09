"""Nearest-distance computation and commune cards."""

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geo import cards, indicators, texts
from geo.reference import LAMBERT93, load_communes
from geo.structures import load_structures
from geo.territories import load_cpts


def test_nearest_distance_in_metres():
    origins = gpd.GeoSeries([Point(0, 0), Point(10_000, 0)], crs=LAMBERT93)
    targets = gpd.GeoSeries([Point(3_000, 4_000), Point(10_000, 500)], crs=LAMBERT93)
    found = indicators.nearest_distance(origins, targets)
    assert found["distance_m"].tolist() == pytest.approx([5_000, 500])
    assert found["target"].tolist() == [0, 1]


def test_nearest_distance_from_a_polygon_uses_an_inner_point_and_reprojects():
    square = gpd.GeoSeries([box(0, 0, 2_000, 2_000)], crs=LAMBERT93).to_crs("EPSG:4326")
    target = gpd.GeoSeries([Point(1_000, 11_000)], crs=LAMBERT93).to_crs("EPSG:4326")
    found = indicators.nearest_distance(square, target)
    assert found["distance_m"].iloc[0] == pytest.approx(10_000, abs=5)


def test_nearest_distance_with_no_target_is_nan():
    origins = gpd.GeoSeries([Point(0, 0)], crs=LAMBERT93)
    found = indicators.nearest_distance(origins, gpd.GeoSeries([], crs=LAMBERT93))
    assert found["distance_m"].isna().all()


def test_commune_cards_on_shipped_data():
    communes = load_communes("29")
    table, members = load_cpts("29")
    found = cards.commune_cards(communes, load_structures("29"), table, members).set_index("code")
    quimperle = found.loc["29233"]
    assert quimperle["cpts"] == "CPTS du Pays de Quimperlé"
    assert quimperle["nearest_msp"].startswith("MSP de Mellac — ")
    assert 4_000 < quimperle["nearest_msp_m"] < 6_000
    concarneau = found.loc["29039"]
    assert "Centre de santé du Moros (CdS polyvalent)" in concarneau["structures"]
    assert "Centre dentaire Alv'heol de Concarneau (CdS dentaire)" in concarneau["structures"]
    assert found.loc["29019", "cpts"] == ""  # Brest: no CPTS mapped
    plourin = found.loc["29207"]  # an MSP site in the commune itself: no distance to a placed point
    assert plourin["nearest_msp"] == f"MSP des Rives du Jarlot (site de Plourin-lès-Morlaix) — {texts.CARD_IN_COMMUNE}"


def test_only_open_msp_count_as_nearest():
    communes = load_communes("29")
    structures = load_structures("29")
    msp_codes = set(structures.loc[structures["kind"] == "msp", "commune_code"])
    nearest = cards.nearest_msp(communes, structures)
    at_msp = nearest[communes["code"].isin(msp_codes).to_numpy()]
    assert (at_msp["distance_m"] < 6_000).all()
    assert set(nearest["name"]) <= set(structures.loc[structures["kind"] == "msp", "name"])

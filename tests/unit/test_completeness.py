"""Mapped vs declared on the shipped data: the map must say it is incomplete."""

import geopandas as gpd
from shapely.geometry import Point

from geo import completeness, texts
from geo.structures import conform, load_structures
from geo.territories import load_cpts


def by_topic(rows):
    return {row.topic: row for row in rows}


def test_shipped_finistere_is_incomplete():
    table, _ = load_cpts("29")
    rows = by_topic(completeness.completeness(load_structures("29"), table, "29"))
    # 5 MSP sites, of which the 2 sites of the MSP des Rives du Jarlot count once
    assert (rows["msp"].mapped, rows["msp"].sites, rows["msp"].declared, rows["msp"].as_of) == (4, 5, 39, "2023-12-01")
    assert rows["msp"].detail == "7"  # maisons de santé not labelled MSP, shown apart
    assert (rows["cds"].mapped, rows["cds"].declared, rows["cds"].as_of) == (6, 44, "2024-06-30")
    assert (rows["cpts"].mapped, rows["cpts"].declared) == (2, 12)
    assert rows["cpts"].ratio == 2 / 12


def test_closed_structures_are_not_counted_and_unknown_zone_has_no_declared():
    structures = conform(gpd.GeoDataFrame(
        {"kind": ["msp", "msp"], "status": ["ouvert", "ferme"], "name": ["a", "b"]},
        geometry=[Point(-4, 48), Point(-4.1, 48)], crs="EPSG:4326"))
    table, _ = load_cpts("29")
    rows = by_topic(completeness.completeness(structures, table.iloc[0:0], "99"))
    assert rows["msp"].mapped == 1
    assert rows["msp"].declared is None
    assert rows["cpts"].mapped == 0


def test_msp_declared_falls_back_to_the_barometre():
    table, _ = load_cpts("29")
    rows = by_topic(completeness.completeness(load_structures("56"), table.iloc[0:0], "56"))
    assert (rows["msp"].mapped, rows["msp"].declared, rows["msp"].as_of) == (0, 43, "2023-12-01")
    # Centres de santé fall back to the baromètre's IND-318; CPTS have no official count per département.
    assert (rows["cds"].declared, rows["cds"].source) == (3, "IND-318") and rows["cpts"].declared is None


def test_a_departement_without_sourced_rows_says_so_with_the_declared_counts():
    table, _ = load_cpts("974")
    banner = completeness.banner_text(completeness.completeness(load_structures("974"), table, "974"))
    assert banner.startswith(f"**{texts.NO_MAPPED_DATA}**")
    assert "MSP 23" in banner and "centres de santé 2" in banner


def test_the_maps_own_line_is_the_banners_figures_in_plain_text():
    table, _ = load_cpts("29")
    rows = completeness.completeness(load_structures("29"), table, "29")
    assert completeness.headline(rows) == \
        "Cartographiés / déclarés — MSP : 4 sur 39 ; centres de santé : 6 sur 44 ; CPTS : 2 sur 12."
    table, _ = load_cpts("974")
    line = completeness.headline(completeness.completeness(load_structures("974"), table, "974"))
    assert line.startswith(texts.NO_MAPPED_DATA + " · ") and "MSP 23" in line and "*" not in line

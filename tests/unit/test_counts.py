"""One counting rule: the map's filters, the completeness panel and Couverture's computed figures agree."""

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo import completeness
from geo.barometer import layer_check
from geo.maps import prepare as mapdata
from geo.reference import load_communes
from geo.structures import LIVE_STATUSES, MSP_KINDS, OPEN_STATUSES, POLYVALENT_KINDS, Count, conform, count_structures
from geo.territories import load_cpts

ROWS = [  # kind, status as typed by an analyst, name
    ("msp", "ouvert", "MSP du Port (site de Brest)"),
    ("msp", "Ouvert ", "MSP du Port (site de Guipavas)"),  # second site of the same MSP, status in capitals
    ("msp", "projet", "MSP des Dunes"),
    ("msp", "ferme", "MSP fermée"),
    ("cds_polyvalent", "ouvert", "Centre de santé A"),
    ("cds_polyvalent", "annonce", "Centre de santé B"),
    ("cds_dentaire", "ouvert", "Centre dentaire C"),
    ("maison_de_sante", "ouvert", "Maison de santé D"),
]


@pytest.fixture(scope="module")
def layers():
    structures = conform(gpd.GeoDataFrame(
        {"kind": [r[0] for r in ROWS], "status": [r[1] for r in ROWS], "name": [r[2] for r in ROWS],
         "commune_code": "29019"},
        geometry=[Point(-4.49 + i / 100, 48.39) for i in range(len(ROWS))], crs="EPSG:4326"))
    table, members = load_cpts("29")
    return load_communes("29"), structures, table, members


def test_the_rule_merges_sites_and_reads_statuses_case_blind(layers):
    _, structures, _, _ = layers
    assert count_structures(structures, MSP_KINDS, OPEN_STATUSES) == Count(structures=1, sites=2)
    assert count_structures(structures, MSP_KINDS, LIVE_STATUSES) == Count(structures=2, sites=3)


def test_map_completeness_and_couverture_agree(layers):
    communes, structures, table, members = layers
    panel = {row.topic: row for row in completeness.completeness(structures, table, "29")}
    check = layer_check("D29", communes, structures, table, members)
    data = mapdata.prepare(communes, structures, table, members)

    # The completeness panel counts what is not closed; the map shows the same points under those filters.
    assert (panel["msp"].mapped, panel["msp"].sites) == (2, 3)
    assert len(mapdata.pick_structures(data, MSP_KINDS, LIVE_STATUSES)) == panel["msp"].sites
    assert mapdata.shown_count(data, MSP_KINDS, LIVE_STATUSES) == Count(panel["msp"].mapped, panel["msp"].sites)
    assert panel["msp"].detail == "1"  # the maison de santé not labelled MSP

    # Couverture compares open structures with the baromètre; the map filtered on 'ouvert' shows the same.
    assert (check.msp_mapped, check.msp_sites) == (1, 2)
    assert mapdata.shown_count(data, MSP_KINDS, OPEN_STATUSES) == Count(check.msp_mapped, check.msp_sites)
    assert check.cds_mapped == mapdata.shown_count(data, POLYVALENT_KINDS, OPEN_STATUSES).structures == 1


def test_filter_note_says_what_the_filters_hide(layers):
    communes, structures, table, members = layers
    data = mapdata.prepare(communes, structures, table, members)
    assert mapdata.filter_note(data, {"msp", "cds_polyvalent", "cds_dentaire", "maison_de_sante"},
                               {"ouvert", "projet", "annonce", "ferme"}) is None
    note = mapdata.filter_note(data, MSP_KINDS, OPEN_STATUSES)
    assert not note.alert and note.text.startswith("2 ")
    assert mapdata.filter_note(data, set(), OPEN_STATUSES).alert

"""Popups name a source by its title and link it; never a file name or a column the app adds."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import texts
from geo.maps import popups


def structure(**changes: str) -> pd.Series:
    row = {"name": "MSP de Pont-Croix", "kind": "msp", "label_as_written": "", "commune": "Pont-Croix",
           "commune_code": "29218", "address": "", "status": "ouvert", "status_date": "", "members": "",
           "finess": "", "position_source": "", "source": "ARS Bretagne — MSP en fonctionnement",
           "source_url": "https://www.bretagne.ars.sante.fr/msp", "source_date": "2024-06-30", "notes": ""}
    return pd.Series(row | changes)


@pytest.mark.parametrize("file_name", ["seed:004_msp_finistere.txt", "structures.csv", "MSP 2024.geojson"])
def test_a_file_name_is_never_shown_as_the_source(file_name: str) -> None:
    html = popups.structure_popup(structure(source=file_name, source_url=""))
    assert file_name not in html
    assert texts.POPUP_SOURCE_IMPORTED in html


def test_a_titled_source_is_shown_with_its_link() -> None:
    html = popups.structure_popup(structure())
    assert ('<a href="https://www.bretagne.ars.sante.fr/msp" target="_blank" rel="noopener noreferrer">'
            "ARS Bretagne — MSP en fonctionnement</a>") in html
    assert "30/06/2024" in html


def test_a_local_path_is_never_shown_nor_linked() -> None:
    html = popups.structure_popup(structure(source_url="/srv/imports/seed/004.txt"))
    assert "/srv/imports" not in html and "<a " not in html


def test_imported_layer_popup_leaves_out_the_app_columns_and_file_names() -> None:
    html = popups.overlay_popup({"nom": "Zone A", "territory_codes": "29001,29002", "territory_rule": "communes",
                                 "source": "seed:007_zones.txt", "fichier": "zones.gpkg", "ouverture": "30/06/2024"})
    assert "Zone A" in html and "30/06/2024" in html
    for hidden in ("territory_codes", "territory_rule", "29001", "seed:", "zones.gpkg"):
        assert hidden not in html


def test_the_map_table_lists_what_the_filters_keep_in_words() -> None:
    from geo.maps.alternative import structures_table

    rows = pd.DataFrame([structure(), structure(name="Centre B", kind="cds_medical", commune="Audierne",
                                               source="seed:004_cds.txt"),
                         structure(name="MSP fermée", status="ferme")])
    table = structures_table(rows, {"msp", "cds_medical"}, {"ouvert"})
    assert table[texts.MAP_TABLE_COLUMNS["name"]].tolist() == ["Centre B", "MSP de Pont-Croix"]  # by commune
    assert table[texts.MAP_TABLE_COLUMNS["kind"]].tolist() == [texts.KIND_LABELS["cds_medical"], texts.KIND_LABELS["msp"]]
    assert table[texts.MAP_TABLE_COLUMNS["source"]].tolist()[0] == texts.POPUP_SOURCE_IMPORTED
    assert structures_table(rows, {"msp"}, {"projet"}).empty


def test_the_live_map_table_tags_each_row_as_the_map_s_filters_read_it() -> None:
    from geo.maps.alternative import structures_table, tagged_table

    rows = pd.DataFrame([structure(), structure(name="Centre B", kind="cds_medical", commune="Audierne"),
                         structure(name="MSP en projet", status=" Projet ")])
    table, tags = tagged_table(rows)
    assert tags == [("cds_medical", "ouvert"), ("msp", "ouvert"), ("msp", "projet")]  # in the table's order
    assert table[texts.MAP_TABLE_COLUMNS["name"]].tolist() == ["Centre B", "MSP de Pont-Croix", "MSP en projet"]
    kept = table[[kind == "msp" and status == "ouvert" for kind, status in tags]].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, structures_table(rows, {"msp"}, {"ouvert"}))

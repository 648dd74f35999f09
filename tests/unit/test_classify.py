"""One classification for uploads and downloads (geo.classify): MSP by name, centres de santé by sub-kind,
closed establishments kept as history — checked on the rules, then on both paths through the import gate."""

from __future__ import annotations

import json

import pytest

from geo.classify import finess_kind, is_closed, label_kind, subkind_of
from geo.imports import validate
from geo.sources import finess as finess_source


@pytest.mark.parametrize("name", ["Maison de santé pluriprofessionnelle de Pleyben", "MAISON DE SANTE PLURIPROFESSIONNELLE",
                                  "maison de sante pluri-professionnelle", "MSP du Léon", "Pôle santé (MSP)"])
def test_names_saying_msp_are_msp_whatever_the_category(name):
    assert finess_kind("124", name) == "msp" and finess_kind("603", name) == "msp"


@pytest.mark.parametrize("name", ["MSPX centre", "Centre de santé Mspaces", "Maison de santé de Briec"])
def test_msp_must_be_a_word_or_the_full_wording(name):
    assert finess_kind("124", name) != "msp"


def test_603_without_the_wording_is_still_an_msp_and_604_a_cpts_seat():
    assert finess_kind("603", "Maison de santé de Briec") == "msp"
    assert finess_kind("604", "CPTS du Léon") == "cpts_siege"


@pytest.mark.parametrize(("subkind", "name", "kind"), [
    ("Centre de santé dentaire", "CENTRE DE SANTE DU PORT", "cds_dentaire"),
    ("", "Centre de santé polyvalent de Brest", "cds_polyvalent"),
    ("", "CENTRE MEDICAL DE QUIMPER", "cds_medical"),
    ("", "Centre de soins infirmiers", "cds_infirmier"),
    ("", "Centre de santé ophtalmologique", "cds_ophtalmo"),
    ("", "CENTRE DE SANTE DU BOURG", "cds"),
])
def test_centres_de_sante_take_their_sub_kind_from_the_export_else_non_precise(subkind, name, kind):
    assert finess_kind("124", name, subkind) == kind


def test_the_sub_kind_field_is_found_whatever_its_case_or_shape():
    assert subkind_of({"SousCategorie": {"code": "x", "libelle": "Dentaire"}}) == "Dentaire"
    assert subkind_of({"nomEgeLong": "x"}, {"typeCentreSante": "infirmier"}) == "infirmier"
    assert subkind_of({"nomEgeLong": "x"}) == ""


def test_closed_means_state_i_or_a_closing_date():
    assert is_closed("I", "") and is_closed("A", "2024-06-30") and not is_closed("A", "")


@pytest.mark.parametrize(("label", "name", "kind"), [
    ("centre de santé pluriprofessionnel", "CDS du Bourg", "cds_polyvalent"),  # was taken for an MSP
    ("Centre de santé médical", "Centre Jean Jaurès", "cds_medical"),
    ("centre dentaire mutualiste", "Centre de la Gare", "cds_dentaire"),
    ("centre de santé", "CENTRE DE SANTE DU BOURG", "cds"),
    ("Maison de santé pluri-professionnelle", "Pôle santé", "msp"),
    ("maison de santé", "MSP de Châteaulin", "msp"),
    ("maison de santé", "Maison de santé de Briec", "maison_de_sante"),
    ("cds", "Centre dentaire du Port", "cds_dentaire"),
    ("124", "Centre de santé infirmier", "cds_infirmier"),
    ("CPTS", "CPTS de la MSP du Port", "cpts_siege"),
    ("Équipe de soins primaires", "ESP du Léon", "esp"),
    ("pharmacie", "Pharmacie du Port", None),
])
def test_an_uploaded_type_column_follows_the_same_rule(label, name, kind):
    assert label_kind(label, name) == kind


def test_a_kind_already_decided_is_kept_when_read_again():
    # A download writes its kinds into a CSV that crosses the gate again: reading them must change nothing.
    for name, category, subkind in (("MSP du Léon", "124", ""), ("Centre de santé", "124", "dentaire"),
                                    ("CENTRE DE SANTE DU BOURG", "124", ""), ("CPTS du Léon", "604", "")):
        kind = finess_kind(category, name, subkind)
        assert label_kind(kind, name) == kind


def _ege(number: str, name: str, category: str, state: str = "A", closing: str = "", **extra: str) -> dict:
    info = {"numFinessEge": number, "nomEgeLong": name, "dateOuverture": "2019-05-01", **extra}
    if closing:
        info["dateFermeture"] = closing
    return {"informationsGeneralesEGE": info, "categorieEntiteGeographiqueExercice": category, "etatObjet": state,
            "adresse": [{"cogCommune": "29232", "codePostal": "29000", "ligneAcheminement": "QUIMPER",
                         "coordonneesGeographique": {"directionLatitude": "47.996", "directionLongitude": "-4.103"}}]}


EXPORT = {"generatedAt": "2026-03-09T00:00:00Z", "pmej": [{"ege": [
    _ege("290009001", "CENTRE DE SANTE PLURIPROFESSIONNEL DE KERFEUNTEUN", "124"),
    _ege("290009002", "Centre de santé médical de Penhars", "124"),
    _ege("290009003", "MAISON DE SANTE PLURIPROFESSIONNELLE DU STEIR", "124"),
    _ege("290009004", "CENTRE DE SANTE DU MOUSTOIR", "124", typeCentreSante="Centre de santé dentaire"),
    _ege("290009005", "MSP DE L'ODET", "603", state="I", closing="2024-06-30"),
    _ege("290009006", "CENTRE DE SANTE DE LOCMARIA", "124"),
]}]}
EXPECTED = {"290009001": ("cds_polyvalent", "ouvert", "2019-05-01"), "290009002": ("cds_medical", "ouvert", "2019-05-01"),
            "290009003": ("msp", "ouvert", "2019-05-01"), "290009004": ("cds_dentaire", "ouvert", "2019-05-01"),
            "290009005": ("msp", "ferme", "2024-06-30"), "290009006": ("cds", "ouvert", "2019-05-01")}


def _kinds(features) -> dict[str, tuple[str, str, str]]:
    rows = features.set_index("finess")[["kind", "status", "status_date"]]
    return {number: tuple(row) for number, row in rows.iterrows()}


def test_an_uploaded_finess_export_is_classified_and_keeps_the_closed():
    result = validate("finess.json", json.dumps(EXPORT).encode(), departement="29")
    assert result.report.ok, result.report.refused
    assert _kinds(result.features) == EXPECTED
    assert result.report.finess["closed"] == "1"


def test_a_downloaded_finess_export_gives_the_same_kinds_and_states(tmp_path):
    path = tmp_path / "finess-structures-journalier.json"
    path.write_text(json.dumps(EXPORT), encoding="utf-8")
    extract = finess_source.read(path, "29", inflated_mb=10)
    assert extract.closed == 1
    # The connector hands its rows to the same gate as an upload (geo.sources.update._gate).
    result = validate("finess-29.csv", extract.csv_bytes(), departement="29")
    assert result.report.ok, result.report.refused
    assert _kinds(result.features) == EXPECTED

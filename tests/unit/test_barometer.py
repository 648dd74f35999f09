"""The baromètre loaders and what is built on them, asserted on the real shipped files."""

import datetime as dt

import pandas as pd
import pytest

from geo import barometer as b
from geo import charts, indicators, texts
from geo.excel_csv import to_excel_csv
from geo.reference import load_communes
from geo.structures import load_structures, structure_count
from geo.territories import load_cpts

D = dt.date
NBSP = texts.NBSP


@pytest.mark.parametrize(
    ("ind_id", "zone", "last", "last_date", "target", "initial", "rate"),
    [
        ("IND-311", "FRANCE", 2501, D(2023, 12, 1), 4000, 2251, 14.29),
        ("IND-311", "D29", 39, D(2023, 12, 1), 68, 38, 3.33),
        ("IND-311", "R53", 172, D(2023, 12, 1), 261, 151, 19.09),
        ("IND-318", "FRANCE", 638, D(2023, 12, 1), 700, 582, 47.46),
        ("IND-318", "D29", 6, D(2023, 12, 1), 7, 6, 0.0),
        ("IND-589", "FRANCE", 86.1, D(2024, 5, 1), 100, 68, 56.56),
        ("IND-589", "D29", 80, D(2024, 5, 1), 100, 55, 55.56),
        ("IND-312", "FRANCE", 95.8, D(2024, 5, 1), 100, 93.99, 30.12),
        ("IND-587", "FRANCE", 95, D(2024, 9, 1), 100, 36, 92.19),
    ],
)
def test_standing_matches_the_file(ind_id, zone, last, last_date, target, initial, rate):
    s = b.standing(ind_id, zone)
    assert (s.last_value, s.last_date) == (last, last_date)
    assert (s.target_value, s.target_date) == (target, D(2026, 12, 1))
    assert s.initial_value == initial
    assert s.rate == rate


def test_every_level_is_loaded():
    for ind_id in b.INDICATORS:
        assert len(b.standings(ind_id, "DEPT")) == 101
        assert len(b.standings(ind_id, "NAT")) == 1
    assert len(b.standings("IND-311", "REG")) == 18


def test_official_rate_is_the_barometre_rule_everywhere():
    for ind_id in b.INDICATORS:
        frame = b.standings(ind_id, "DEPT").dropna(subset=["rate"])
        computed = [indicators.progress_rate(r.initial_value, r.last_value, r.target_value) for r in frame.itertuples()]
        assert computed == pytest.approx(frame["rate"].tolist(), abs=0.01)


def test_observations_keep_the_initial_value_when_it_is_the_only_point_of_its_date():
    obs = b.observations("IND-589", "D29")
    assert obs["value"].tolist() == [55, 75, 71, 80]
    assert obs["kind"].tolist() == ["initiale", "mesure", "mesure", "mesure"]
    msp = b.observations("IND-311", "FRANCE")
    assert len(msp) == 13 and (msp["kind"] == "mesure").all()
    assert msp["value"].iloc[0] == 1034 and msp["date"].iloc[0] == pd.Timestamp("2017-06-01")


def test_unknown_zone_has_no_data():
    s = b.standing("IND-587", "R53")  # the file has one empty row for it
    assert not s.has_data and not s.has_target
    assert b.observations("IND-311", "D00").empty


def test_trajectory_france_msp():
    t = b.trajectory("IND-311", "FRANCE")
    assert t.target_date == D(2026, 12, 1)
    assert t.required == pytest.approx(1499 / 3)
    assert (t.observed.start_date, t.observed.per_year) == (D(2021, 12, 1), pytest.approx(241.5))
    assert t.projected == D(2030, 2, 1) and t.reached_year == 2030
    assert t.expected_rate == pytest.approx(25.0)


def test_trajectory_finistere_msp_not_reached_by_2030():
    t = b.trajectory("IND-311", "D29")
    assert t.required == pytest.approx(29 / 3)
    assert t.observed.per_year == pytest.approx(3.0)
    assert t.projected == D(2033, 8, 1) and t.reached_year is None
    assert charts.outcome_text(t) == texts.COUV_PROJ_NOT_REACHED.format(year=2030)


def test_plan_2023_moves_only_the_msp_target_date():
    msp = b.trajectory("IND-311", "FRANCE", "plan_2023")
    assert msp.target_date == D(2027, 12, 1)
    assert msp.standing.target_value == 4000
    assert msp.required == pytest.approx(1499 / 4)
    cpts = b.trajectory("IND-589", "FRANCE", "plan_2023")
    assert cpts.target_date == D(2026, 12, 1)


def test_reached_target():
    t = b.trajectory("IND-318", "R53")  # 23 for a target of 19
    assert t.standing.reached and t.required == 0.0
    assert t.projected == t.standing.last_date
    assert charts.projection_end(t) is None


def test_change_since_a_measure_at_least_a_year_older():
    assert b.change_since("IND-311", "FRANCE")[0] == 250
    assert b.change_since("IND-318", "D29")[0] == 0
    assert b.change_since("IND-589", "D29") is None  # no measure a year before May 2024
    # France CPTS: no measure between May 2023 and Oct. 2023, so the change runs from Sept. 2022 (20 months)
    assert b.change_since("IND-589", "FRANCE") == (pytest.approx(18.1), D(2022, 9, 1))
    assert b.change_since("IND-311", "D29") == (1.0, D(2022, 12, 1))


def test_ranking():
    r = b.ranking("IND-311")
    assert len(r) == 101 and r["rank"].tolist() == list(range(1, 102))
    rates = r["rate"].tolist()
    assert rates == sorted(rates, reverse=True)
    d29 = r[r["zone"] == "D29"].iloc[0]
    assert (d29["rank"], d29["name"], d29["region"], d29["last_value"], d29["target_value"]) == (74, "Finistère", "Bretagne", 39, 68)
    assert pd.isna(d29["reached_year"])


def test_zones():
    assert b.zone_title("D29") == "Finistère (29)"
    assert b.zone_title("R53") == "Région Bretagne"
    assert b.zone_title("FRANCE") == "France"
    assert b.comparison_zones("D29") == ["D29", "R53", "FRANCE"]
    assert b.comparison_zones("R53") == ["R53", "FRANCE"]
    assert b.comparison_zones("FRANCE") == ["FRANCE"]


def test_declared_counts():
    row = b.declared("D29", "cpts_aci")
    assert row["value"] == 10 and row["as_of"] == "2024-06-30"
    assert b.declared("D29", "nothing") is None


def test_excel_csv_is_french():
    frame = pd.DataFrame({
        "Territoire": ["Finistère", "Finistère"], "Date": [D(2023, 12, 1), D(2024, 5, 1)],
        "Valeur": [39.0, 86.1], "Nombre": [2501.0, 4000.0],
    })
    data = to_excel_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Territoire;Date;Valeur;Nombre"
    assert lines[1] == "Finistère;01/12/2023;39,0;2501"
    assert lines[2] == "Finistère;01/05/2024;86,1;4000"


def test_excel_csv_neutralises_formulas_and_keeps_numbers():
    frame = pd.DataFrame({
        "=Nom": ["=1+1", "+33 6", "-2", "@SUM(A1)", "Brest – Nord", "\tx"],
        "Écart": [-1.5, 2.25, -3.0, 0.0, 1.0, 4.0],
        "Rang": [1, -2, 3, 4, 5, 6],
    })
    lines = to_excel_csv(frame).decode("utf-8-sig").split("\r\n")
    assert lines[0] == "'=Nom;Écart;Rang"
    assert lines[1:7] == [
        "'=1+1;-1,5;1", "'+33 6;2,25;-2", "'-2;-3,0;3", "'@SUM(A1);0,0;4", "Brest – Nord;1,0;5", "'\tx;4,0;6",
    ]


def test_excel_csv_of_a_real_export():
    frame = b.ranking("IND-589")
    data = to_excel_csv(charts.ranking_table(frame, b.INDICATORS["IND-589"]))
    assert data[:3] == b"\xef\xbb\xbf"
    lines = data.decode("utf-8-sig").split("\r\n")
    d29 = next(line for line in lines if ";29;Finistère;" in line)
    assert d29.split(";")[4:9] == ["80", "01/05/2024", "100", "01/12/2026", "55,56"]


def test_structure_count_merges_sites():
    names = pd.Series(["MSP A (site de X)", "MSP A (site de Y)", "MSP B", "MSP C (Antenne de Z)"])
    assert structure_count(names) == 3


def test_layer_check_on_the_shipped_finistere_layers():
    table, members = load_cpts("29")
    check = b.layer_check("D29", load_communes("29"), load_structures("29"), table, members)
    assert check.cpts_official.last_value == 80 and check.msp_official.last_value == 39
    assert check.cds_official.last_value == 6
    assert check.strict.communes_total == 277 and check.strict.population_total == 933455
    assert check.strict.population_covered == check.broad.population_covered  # both shipped CPTS function
    assert check.cpts_mapped == 2 and check.cpts_declared == 12
    assert (check.msp_mapped, check.msp_sites) == (4, 5)
    export = to_excel_csv(charts.check_export(check)).decode("utf-8-sig").split("\r\n")
    assert export[0].startswith("Indicateur;Calculé (couches chargées);Officiel;Unité;")
    assert export[1] == f"{texts.COUV_CHECK_CPTS_STRICT};7,88;80;%;73595;23;277;01/05/2024;baromètre IND-589"
    assert export[4] == f"{texts.COUV_CHECK_MSP};4;39;MSP;;;;01/12/2023;baromètre IND-311"
    text = charts.check_gap_text(check)
    assert f"80,0{NBSP}%" in text and "2 CPTS sur 12" in text and "4 MSP sur 39" in text and "Données" in text


def test_layer_check_counts_overlapping_communes_once_and_splits_strict_from_broad():
    communes = pd.DataFrame({"code": ["1", "2", "3", "4"], "population": [100, 200, 300, 400]})
    table = pd.DataFrame({"id": ["A", "B", "C"], "status": ["aci", "En fonctionnement", "projet"]})
    members = pd.DataFrame({"cpts_id": ["A", "A", "B", "C"], "commune_code": ["1", "2", "2", "3"]})
    structures = pd.DataFrame({"name": [], "kind": [], "status": []})
    check = b.layer_check("D29", communes, structures, table, members)
    assert check.strict.population_covered == 300  # commune 2 is in A and B: counted once
    assert check.strict.pct == pytest.approx(30.0)
    assert check.broad.population_covered == 600 and check.broad.communes_covered == 3
    assert check.cpts_mapped == 3 and check.msp_mapped == 0

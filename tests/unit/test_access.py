"""Access to care, the fiche's comparison, the gap finder and scenarios (geo.access), on small frames and Finistère."""

from __future__ import annotations

import functools
import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo import completeness, reference, texts
from geo.access import compare, gaps, mapping, nearest, profile, scenario
from geo.excel_csv import to_excel_csv
from geo.structures import conform, load_structures
from geo.territories import load_cpts

CHATEAULIN, QUIMPER = "29026", "29232"


# --- Small frames --------------------------------------------------------------


def squares(crs: str, codes: list[str], pops: list[int], origin: tuple[float, float] = (200_000, 6_800_000)):
    """Communes as 1 km squares, 10 km apart along x, in a metric `crs`, returned in WGS84."""
    x0, y0 = origin
    frame = gpd.GeoDataFrame({
        "code": codes, "nom": [f"Commune {c}" for c in codes], "population": pops,
        "epci_code": "E1", "epci_nom": "EPCI un", "surface_km2": 1.0,
    }, geometry=[box(x0 + 10_000 * i, y0, x0 + 10_000 * i + 1000, y0 + 1000) for i in range(len(codes))], crs=crs)
    return frame.to_crs(reference.WGS84)


def structures_at(points: list[tuple[float, float]], crs: str, kinds: list[str], statuses: list[str],
                  communes: list[str]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({"name": [f"S{i}" for i in range(len(points))], "kind": kinds, "status": statuses,
                              "commune_code": communes}, geometry=[Point(p) for p in points], crs=crs)
    return conform(frame)


def test_nearest_gives_distance_and_index_and_nan_without_target():
    dist, index = nearest.nearest(np.array([[0.0, 0.0], [100.0, 0.0]]), np.array([[90.0, 0.0], [0.0, 30.0]]))
    assert dist.tolist() == [30.0, 10.0] and index.tolist() == [1, 0]
    dist, index = nearest.nearest(np.array([[0.0, 0.0]]), np.empty((0, 2)))
    assert np.isnan(dist[0]) and index[0] == -1


def test_access_table_uses_open_msp_only_and_zero_in_the_commune_itself():
    crs = reference.LAMBERT93
    communes = squares(crs, ["29001", "29002", "29003"], [100, 300, 600])
    # an open MSP inside the first square, a project MSP inside the third (ignored), an open centre in the second
    structures = structures_at([(200_500, 6_800_500), (220_500, 6_800_500), (210_500, 6_800_500)], crs,
                               ["msp", "msp", "cds_polyvalent"], ["ouvert", "projet", "ouvert"],
                               ["29001", "29003", "29002"])
    table = nearest.access_table(communes, structures, "29")
    assert table["msp_m"].round(-1).tolist() == [0.0, 10_000.0, 20_000.0]
    assert table["msp_name"].tolist() == ["S0", "S0", "S0"]
    assert table["cds_m"].round(-1).tolist() == [10_000.0, 0.0, 10_000.0]
    msp = nearest.summarize(table, "msp", nearest.used_count(structures, "msp"))
    assert msp.used == 1
    assert round(msp.mean_m, -1) == round((300 * 10_000 + 600 * 20_000) / 1000, -1)
    assert msp.beyond == {10: 600, 20: 0}
    assert msp.beyond_pct(10) == 60.0


def test_without_any_mapped_msp_the_figure_is_not_computable():
    communes = squares(reference.LAMBERT93, ["29001"], [100])
    table = nearest.access_table(communes, conform(gpd.GeoDataFrame(geometry=[], crs=reference.WGS84)), "29")
    figures = nearest.summarize(table, "msp", 0)
    assert not figures.computable and np.isnan(figures.beyond_pct(10))


def test_overseas_distances_use_the_local_projection():
    """Two points 10 km apart in La Réunion's UTM 40S read as 10 km (Lambert-93 there would stretch them)."""
    crs = nearest.crs_of_departement("974")
    communes = squares(crs, ["97401", "97402"], [10, 10], origin=(340_000, 7_660_000))
    structures = structures_at([(340_500, 7_660_500)], crs, ["msp"], ["ouvert"], ["97401"])
    table = nearest.access_table(communes, structures, "974")
    assert abs(table["msp_m"].iloc[1] - 10_000) < 1
    lambert = nearest.nearest(nearest.origin_points(communes, reference.LAMBERT93)[1:],
                              nearest.origin_points(communes, reference.LAMBERT93)[:1])[0][0]
    assert abs(lambert - 10_000) > 100


# --- Finistère: the fiche --------------------------------------------------------


@functools.lru_cache(maxsize=8)
def layers_of(dep: str) -> profile.Layers:
    communes, structures = reference.load_communes(dep), load_structures(dep)
    table, members = load_cpts(dep)
    return profile.Layers(dep, communes, structures, table, members, nearest.access_table(communes, structures, dep))


DEPS = reference.available_departements()


def test_locate_reads_commune_epci_and_cpts_links():
    assert profile.locate("commune", QUIMPER, DEPS, layers_of).name == "Quimper"
    epci = profile.locate("epci", "242900694", DEPS, layers_of)
    assert epci.name == "CA Quimperlé Communauté" and len(epci.communes) == 16
    cpts = profile.locate("cpts", "T01", DEPS, layers_of)
    assert cpts.name == "CPTS du Pays de Quimperlé" and cpts.dep == "29"
    assert profile.locate("commune", "99999", DEPS, layers_of) is None
    assert profile.locate("cpts", "nope", DEPS, layers_of) is None


def quimper_table() -> pd.DataFrame:
    territory = profile.locate("commune", QUIMPER, DEPS, layers_of)
    levels = profile.levels(territory, layers_of, "53", ["22", "29", "35", "56"], DEPS)
    data = layers_of("29")
    caveats = profile.caveats_of(completeness.completeness(data.structures, data.cpts_table, "29"), data)
    return profile.comparison_table(levels, profile.comparison_rows(levels, data, caveats)).set_index(
        texts.FICHE_COL_INDICATOR)


def test_quimper_profile_compares_four_levels_with_sources():
    table = quimper_table()
    assert list(table.columns) == ["Quimper", "Finistère (29)", "Région Bretagne", "France", texts.FICHE_COL_SOURCE]
    nbsp = texts.NBSP
    population = table.loc[texts.FICHE_ROW_POPULATION].tolist()[:4]
    assert population == [f"64{nbsp}385", f"933{nbsp}455", f"3{nbsp}449{nbsp}370", texts.FICHE_NA]
    assert table.loc[texts.FICHE_ROW_MSP_OFFICIAL].tolist()[:4] == [texts.FICHE_NA, "39", "172", f"2{nbsp}501"]
    assert table.loc[texts.FICHE_ROW_CPTS_OFFICIAL].tolist()[:4] == [texts.FICHE_NA, f"80,0{nbsp}%", f"74,0{nbsp}%",
                                                                      f"86,1{nbsp}%"]
    mean_msp = texts.FICHE_ACCESS_LABELS["msp"]["mean"]
    assert table.loc[mean_msp, "Quimper"].endswith("km") and table.loc[mean_msp, "France"] == texts.FICHE_NA
    # only Finistère has structures: a regional distance would be misleading
    assert table.loc[mean_msp, "Région Bretagne"] == texts.FICHE_NA
    assert "Calculé sur 4 MSP cartographiées sur 39." in table.loc[mean_msp, texts.FICHE_COL_SOURCE]
    assert "IND-311" in table.loc[texts.FICHE_ROW_MSP_OFFICIAL, texts.FICHE_COL_SOURCE]
    assert table[texts.FICHE_COL_SOURCE].map(bool).all()


def test_no_caveat_when_every_declared_structure_is_mapped():
    data = layers_of("29")
    rows = [completeness.Completeness("msp", 4, 4, "2023-12-01", "x"), completeness.Completeness("cpts", 2, 12, "", "")]
    found = profile.caveats_of(rows, data)
    assert found["msp"] == "" and found["cpts"] == texts.FICHE_CAVEAT["cpts"].format(used="2", declared="12")


def test_cpts_membership_and_structures_around_a_territory():
    data = layers_of("29")
    epci = profile.locate("epci", "242900694", DEPS, layers_of)
    membership = profile.cpts_membership(epci, data)
    assert membership[texts.FICHE_COL_CPTS].tolist() == ["CPTS du Pays de Quimperlé"]
    assert membership[texts.FICHE_COL_SHARE].tolist() == [f"100,0{texts.NBSP}%"]
    around = profile.structures_around(epci, data)
    msp = around[around[texts.FICHE_COL_KIND] == texts.KIND_LABELS["msp"]]
    assert msp[texts.FICHE_COL_INSIDE].sum() == 3  # Bannalec, Mellac, Moëlan-sur-Mer


# --- Gap finder ------------------------------------------------------------------


def test_gap_lists_rank_communes_and_epci_by_population():
    data = layers_of("29")
    far = gaps.commune_gaps(data.access, data.members, data.cpts_table, "msp_20")
    cols = texts.GAPS_COLUMNS
    assert far[cols["population"]].is_monotonic_decreasing
    assert far[cols["code"]].iloc[0] == "29019"  # Brest, the most populated, is far from every mapped MSP
    assert (far[cols["msp_km"]] > 20).all()
    assert far[cols["fiche"]].iloc[0] == "/fiche?commune=29019"
    without = gaps.commune_gaps(data.access, data.members, data.cpts_table, "no_cpts")
    assert not set(without[cols["code"]]) & set(data.members["commune_code"])
    epci = gaps.epci_gaps(data.access, data.members, "no_cpts")
    assert "242900694" not in set(epci[cols["epci_code"]])  # wholly in the CPTS du Pays de Quimperlé
    assert epci[cols["gap_population"]].is_monotonic_decreasing


# --- Scenarios -------------------------------------------------------------------


def test_scenario_round_trips_through_the_url_text():
    data = layers_of("29")
    sc = scenario.Scenario(msp=(CHATEAULIN,), extend_id="T02", extend=(QUIMPER,), new_name="CPTS de l'Aulne",
                           new=("29001",))
    assert scenario.decode(sc.encode(), set(data.communes["code"]), set(data.cpts_table["id"])) == sc


@pytest.mark.parametrize("text, message", [
    ("{not json", texts.SCENARIO_ERRORS["json"]),
    ('{"m":["99999"]}', texts.SCENARIO_ERRORS["commune"].format(code="99999")),
    ('{"e":["C-unknown",["29026"]]}', texts.SCENARIO_ERRORS["cpts"].format(code="C-unknown")),
    ('{"m":"29026"}', texts.SCENARIO_ERRORS["shape"]),
    ('{"x":1}', texts.SCENARIO_ERRORS["shape"]),
    ('{"n":["<script>",["29026"]]}', texts.SCENARIO_ERRORS["shape"]),
    ('{"m":[' + ",".join(['"29026"'] * 2000) + "]}", texts.SCENARIO_ERRORS["size"]),
])
def test_unreadable_scenarios_are_refused_in_french(text, message):
    data = layers_of("29")
    with pytest.raises(scenario.ScenarioError, match=re.escape(message)):
        scenario.decode(text, set(data.communes["code"]), set(data.cpts_table["id"]))


def test_a_hypothetical_msp_at_chateaulin_changes_access_and_progress_but_not_the_layers():
    data = layers_of("29")
    before = data.structures.copy()
    sc = scenario.Scenario(msp=(CHATEAULIN,))
    now, then = compare.current_and_scenario(data.communes, data.structures, data.cpts_table, data.members, "29", sc)
    assert then.access.mean_m < now.access.mean_m and then.access.beyond[20] < now.access.beyond[20]
    assert (then.msp_dep, then.msp_fr) == (now.msp_dep + 1, now.msp_fr + 1) == (40, 2502)
    pd.testing.assert_frame_equal(data.structures, before)  # the layers never see the scenario
    added = scenario.with_hypothetical_msp(data.structures, data.communes, sc)
    row = added[added["commune_code"] == CHATEAULIN].iloc[-1]
    assert row["source"] == texts.SCENARIO_LABEL and texts.SCENARIO_LABEL in row["name"]
    table = compare.comparison_table(now, then, "Finistère (29)")
    assert list(table.columns)[-1] == texts.SCENARIO_LABEL
    csv = to_excel_csv(compare.export_table(table)).decode("utf-8-sig").splitlines()
    assert all(line.endswith(texts.SCENARIO_LABEL) for line in csv[1:]) and len(csv) == 7
    figure = compare.progress_figure(now, then, "29", "Finistère (29)")
    assert texts.SCENARIO_LABEL in figure.layout.title.text
    assert [t.name for t in figure.data] == [texts.SCENARIO_COL_CURRENT, texts.SCENARIO_LABEL]
    assert figure.data[1].x[0] > figure.data[0].x[0]


def test_extending_and_creating_a_cpts_raises_the_coverage():
    data = layers_of("29")
    sc = scenario.Scenario(extend_id="T02", extend=(QUIMPER,), new_name="CPTS test", new=("29019",))
    now, then = compare.current_and_scenario(data.communes, data.structures, data.cpts_table, data.members, "29", sc)
    total = data.communes["population"].sum()
    assert then.coverage_pct == pytest.approx(now.coverage_pct + 100 * (64385 + 142346) / total)


def test_scenarios_are_saved_by_name_whole_and_listed_by_departement(tmp_path):
    folder = scenario.scenarios_dir(tmp_path)
    sc = scenario.Scenario(msp=(CHATEAULIN,))
    path = scenario.save(folder, "Châteaulin  2027", "29", sc)
    assert path.name == "Châteaulin 2027.json"
    assert scenario.saved(folder, "29") == {"Châteaulin 2027": sc.encode()}
    assert scenario.saved(folder, "56") == {}
    (folder / "broken.json").write_text("{", encoding="utf-8")
    assert list(scenario.saved(folder, "29")) == ["Châteaulin 2027"]
    with pytest.raises(scenario.ScenarioError, match=re.escape(texts.SCENARIO_BAD_NAME)):
        scenario.save(folder, "../../etc/passwd", "29", sc)
    assert sorted(p.name for p in folder.iterdir()) == ["Châteaulin 2027.json", "broken.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["departement"] == "29"


def test_the_scenario_map_carries_its_banner_and_the_current_one_does_not():
    data = layers_of("29")
    drawn = data.communes.head(30)
    plain = mapping.fiche_map(drawn, data.access, {QUIMPER}, data.structures).get_root().render()
    marked = mapping.fiche_map(drawn, data.access, {QUIMPER}, data.structures, scenario=True).get_root().render()
    assert "carte-scenario-banner" not in plain
    assert json.dumps(texts.SCENARIO_MAP_BANNER) in marked and "carte-scenario-banner" in marked


def test_france_wide_access_keeps_each_overseas_departement_apart():
    """A Réunion commune is never matched to a metropolitan MSP, however the numbers fall."""
    metro = squares(reference.LAMBERT93, ["29001", "29002"], [10, 10]).assign(departement="29")
    reunion = squares("EPSG:2975", ["97401"], [5], origin=(340_000, 7_660_000)).assign(departement="974")
    communes = pd.concat([metro, reunion], ignore_index=True)
    structures = structures_at([(200_500, 6_800_500)], reference.LAMBERT93, ["msp"], ["ouvert"], ["29001"])
    table = nearest.access_by_projection(communes, structures).set_index("code")
    assert table.loc["29002", "msp_m"] == pytest.approx(10_000, abs=1)
    assert np.isnan(table.loc["97401", "msp_m"])


def test_a_region_whose_departements_are_all_loaded_gets_computed_figures():
    """Here a one-département « région » made of Finistère: its computed column equals the département's."""
    territory = profile.locate("commune", QUIMPER, DEPS, layers_of)
    levels = profile.levels(territory, layers_of, "53", ["29"], DEPS)
    assert levels[2].na_reason == "" and levels[2].access is not None
    rows = profile.comparison_rows(levels, layers_of("29"), {"msp": "", "cds": "", "cpts": ""})
    table = profile.comparison_table(levels, rows).set_index(texts.FICHE_COL_INDICATOR)
    mean_msp = texts.FICHE_ACCESS_LABELS["msp"]["mean"]
    assert table.loc[mean_msp, "Région Bretagne"] == table.loc[mean_msp, "Finistère (29)"] != texts.FICHE_NA
    assert table.loc[texts.FICHE_ROW_MSP_MAPPED, "Région Bretagne"] == "4"

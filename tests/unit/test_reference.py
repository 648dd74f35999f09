"""Reference loaders on the shipped data, and the accent-insensitive commune search."""

from geo import reference


def test_finistere_communes_population_and_epci():
    communes = reference.load_communes("29")
    assert len(communes) == 277
    assert communes["population"].sum() == 933_455
    assert communes["code"].is_unique
    # Île-de-Sein and Ouessant belong to no EPCI (island communes exempted by law)
    assert set(communes.loc[communes["epci_code"] == "", "nom"]) == {"Île-de-Sein", "Ouessant"}
    assert communes.crs.to_epsg() == 4326
    brest = communes.set_index("code").loc["29019"]
    assert brest["nom"] == "Brest"
    assert brest["epci_nom"] == "Brest Métropole"
    # area from Lambert-93: Brest is about 49.5 km²
    assert 45 < brest["surface_km2"] < 55
    assert abs(brest["densite"] - brest["population"] / brest["surface_km2"]) < 1e-9


def test_departements_cover_metropole_and_overseas():
    deps = reference.load_departements()
    assert len(deps) == 101
    assert {"2A", "2B", "971", "976", "29"} <= set(deps["code"])
    assert deps.geometry.is_valid.all()


def test_normalize_drops_accents_case_and_hyphens():
    assert reference.normalize("Plourin-lès-Morlaix") == "plourin les morlaix"
    assert reference.normalize("  QUIMPERLÉ ") == "quimperle"
    assert reference.normalize("L'Hôpital-Camfrout") == "l hopital camfrout"


def test_search_ranks_exact_then_prefix_then_contains():
    communes = reference.load_communes("29")
    hits = reference.search_communes(communes, "quimper")
    assert hits.iloc[0]["nom"] == "Quimper"
    assert "Quimperlé" in set(hits["nom"])
    assert reference.search_communes(communes, "plourin les")["code"].tolist() == ["29207"]
    assert reference.search_communes(communes, "PLOURIN-LÈS-MORLAIX")["code"].tolist() == ["29207"]


def test_search_by_insee_or_postal_code_and_no_match():
    communes = reference.load_communes("29")
    # 29233 is Quimperlé's INSEE code and Cléder's postal code: the INSEE code wins
    assert reference.search_communes(communes, "29233")["nom"].tolist() == ["Quimperlé", "Cléder"]
    by_postal = reference.search_communes(communes, "29300")["nom"].tolist()
    assert by_postal[0] == "Le Trévoux" and "Quimperlé" in by_postal
    assert reference.search_communes(communes, "zzzz").empty
    assert reference.search_communes(communes, "   ").empty

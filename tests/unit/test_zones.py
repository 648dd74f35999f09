"""Territory codes: every real code parses to its level and formats back to itself."""

import pytest

from geo import zones
from geo.barometer.series import region_of_departement
from geo.reference import available_departements, load_communes, load_departements


def test_every_departement_and_its_region_round_trip():
    deps = load_departements()
    assert len(deps) == 101
    for code in deps["code"]:
        zone = zones.parse(zones.departement_id(code))
        assert (zone.level, zone.code, zone.id) == ("departement", code, f"D{code}")
    regions = {zones.parse(d).code: zones.parse(r).code for d, r in region_of_departement().items()}
    assert zones.parse("D2A").parent(regions) == zones.region("94")
    assert zones.parse("D976").parent(regions) == zones.region("06")
    assert zones.departement("29") in zones.region("53").children(regions)


@pytest.mark.parametrize("dep", available_departements())
def test_every_shipped_commune_parses_and_finds_its_departement(dep):
    for code in load_communes(dep)["code"]:
        zone = zones.parse(code)
        assert zone.level == "commune" and zone.id == code
        assert zone.parent() == zones.departement(dep)


def test_surrounding_spaces_are_forgiven():  # codes come from URLs and files
    assert zones.parse(" D29 ") == zones.departement("29")


@pytest.mark.parametrize("text", ["", "D20", "D00", "R5", "2C001", "C-XYZ", "FRANCE2", "1234567890"])
def test_what_is_no_code_is_refused(text):
    with pytest.raises(zones.ZoneError):
        zones.parse(text)
    assert zones.departement_code(text) is None

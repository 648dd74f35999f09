"""France and région maps: every commune stays drawable, the France map is coloured by the MSP rate,
a click names a département, and the largest région fits its byte budget."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo import texts
from geo.access.nearest import crs_of_departement
from geo.charts.national_map import map_table
from geo.maps import national
from geo.maps.coverage import drawable_simplify, rounded
from geo.reference import load_communes

LE_WAST = "62880"


def test_coverage_simplification_keeps_every_commune_of_pas_de_calais_at_a_regional_tolerance():
    communes = load_communes("62")
    projected = communes.geometry.to_crs(crs_of_departement("62")).values
    plain = shapely.coverage_simplify(projected, 1000)
    wast = int(np.flatnonzero(communes["code"] == LE_WAST)[0])
    assert shapely.area(plain[wast]) < 0.05 * shapely.area(projected[wast])  # the collapse this module prevents
    kept = drawable_simplify(projected, 1000)
    assert not shapely.is_empty(kept).any()
    assert (shapely.area(kept) >= 0.5 * shapely.area(projected)).all()


def test_a_commune_that_rounding_would_erase_keeps_its_shape():
    speck = shapely.box(2.0, 47.0, 2.000004, 47.000004)  # smaller than the 1e-5 degree grid
    field = shapely.box(2.1, 47.1, 2.2, 47.2)
    out = rounded(np.array([speck, field], dtype=object))
    assert not shapely.is_empty(out).any()
    assert out[0].equals(speck)


def test_region_map_draws_every_commune_of_its_departements_le_wast_included():
    communes = national.region_communes("32")
    expected = sum(len(load_communes(dep)) for dep in national.region_departements("32"))
    assert len(communes) == expected
    assert set(communes["departement"]) == {"02", "59", "60", "62", "80"}
    assert not communes.geometry.is_empty.any()
    assert communes.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert communes.set_index("code").loc[LE_WAST].geometry.area > 0
    features, borders = national.region_features("32")
    assert len(features) == expected and borders


def test_the_largest_region_map_stays_under_its_byte_budget():
    assert national.payload_bytes(national.region_map("44")) <= 1_500_000


def test_france_map_colours_each_departement_by_its_msp_rate():
    features = national.france_features()
    assert len(features) == 101
    by_code = {f["p"]["code"]: f["p"] for f in features}
    rates = map_table(national.FRANCE_METRIC).set_index("code")["value"]
    for code in ("29", "2A", "974"):
        assert by_code[code]["s"]["fillColor"] == national.RATE_CLASSES.color(float(rates[code]))
    assert "Finistère (29)" in by_code["29"]["tip"]
    assert national.payload_bytes(national.france_map(features)) < 1_000_000


@pytest.mark.parametrize(("state", "zone"), [
    ({"last_active_drawing": {"properties": {"code": "2A", "tip": "x"}}}, "D2A"),
    ({"last_active_drawing": {"properties": {"code": "974"}}}, "D974"),
    ({"last_active_drawing": {"properties": {"code": "20"}}}, None),  # no such département
    ({"last_active_drawing": {"properties": {"code": "<script>"}}}, None),
    ({"last_active_drawing": None}, None),
    (None, None),
])
def test_a_click_names_a_departement_or_nothing(state, zone):
    assert national.clicked_departement(state) == zone


def test_legend_classes_read_in_french_from_the_lowest():
    rows = national.legend_rows()
    assert rows[0][1] == "0 – 20 %"
    assert rows[-2][1] == texts.FRANCE_LEGEND_ABOVE.format(low="100")
    assert rows[-1] == (national.NO_VALUE, texts.FRANCE_LEGEND_NONE)


def test_a_new_barometre_download_recolours_the_france_map(tmp_path, monkeypatch):
    """The France map's colours come from the baromètre: a new download (saved whole, one rename, as geo.sources
    does) is seen at the next call, not the first file's colours kept by the cache."""
    import pandas as pd

    from geo import barometer
    from geo.barometer import series

    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path))
    before = {f["p"]["code"]: f["p"]["s"]["fillColor"] for f in national.france_features()}
    name = barometer.INDICATORS["IND-311"].file
    table = pd.read_csv(series.barometre_dir() / name, dtype=str)
    table.loc[table["enforce_zone_id"] == "D29", "indic_ta"] = "95"  # Finistère near its target in the new download
    (tmp_path / "barometre").mkdir()
    table.to_csv(tmp_path / "barometre" / f"{name}.part", index=False)
    (tmp_path / "barometre" / f"{name}.part").replace(tmp_path / "barometre" / name)
    after = {f["p"]["code"]: f["p"]["s"]["fillColor"] for f in national.france_features()}
    assert after["29"] != before["29"]
    assert {code: colour for code, colour in after.items() if code != "29"} == \
        {code: colour for code, colour in before.items() if code != "29"}

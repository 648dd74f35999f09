"""Caches keyed on the data version of one territory: a save in D29 changes D29's token (and its région's and
France's) and no other; Couverture's progress and map figures are built once per territory and baromètre version for
every session: a layer's save leaves them, a new baromètre download builds them again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import frame
from geo import barometer, charts, texts
from geo.barometer import series
from geo.store import NATIONAL_DEPARTEMENT, STORE_FILE, GeoPackageStore, hash_password
from tests.unit.test_store import points

PASSWORD = "secret-analyste"
PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "couverture.py")
ZONES = ("D29", "D22", "D33", "R53", "R75", "FRANCE")


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", PASSWORD)
    return tmp_path / "store"


def save(env: Path, departement: str, kind: str = "structures", layer: str = "L") -> None:
    """A save by another instance: its own store object on the same file."""
    features = points(1) if kind == "structures" else points(1)[["name", "geometry"]]
    GeoPackageStore(env / STORE_FILE, hash_password(PASSWORD, iterations=1000)).save(
        layer=layer, kind=kind, departement=departement, features=features, author="Alice", filename="f.csv",
        checksum="", comment="", password=PASSWORD)


def changed(before: dict[str, str]) -> set[str]:
    return {zone for zone, token in before.items() if frame.zone_token(zone) != token}


def test_a_save_changes_the_token_of_its_departement_region_and_france_only(env):
    save(env, "22", layer="Côtes")
    before = {zone: frame.zone_token(zone) for zone in ZONES}
    save(env, "29")
    assert changed(before) == {"D29", "R53", "FRANCE"}
    before = {zone: frame.zone_token(zone) for zone in ZONES}
    save(env, NATIONAL_DEPARTEMENT, kind="layer", layer="France")
    assert changed(before) == set(ZONES)


def test_a_save_of_one_kind_leaves_the_tokens_of_the_other_kinds(env):
    save(env, "29")
    cpts, structures = frame.data_token("29", ["cpts"]), frame.data_token("29", ["structures"])
    save(env, "29")
    assert frame.data_token("29", ["cpts"]) == cpts and frame.data_token("29", ["structures"]) != structures


def test_the_freshness_is_read_once_per_stamp(env, monkeypatch):
    assert frame.freshness_of_store() == texts.FRESHNESS_NO_STORE
    reads: list[int] = []
    store = frame.store()
    original = store.get_version
    monkeypatch.setattr(store, "get_version", lambda number: reads.append(number) or original(number))
    save(env, "29", layer="Zones MSP")
    shown = [frame.freshness_of_store() for _ in range(3)]
    assert reads == [1] and shown[0] == shown[2] and "Zones MSP" in shown[0]
    save(env, "22", layer="Côtes")
    assert "Côtes" in frame.freshness_of_store() and reads == [1, 2]


@pytest.fixture()
def built(monkeypatch) -> list[tuple[str, str]]:
    """(figure, zone) of the progress bullets and national maps built."""
    calls: list[tuple[str, str]] = []
    bullets, national = charts.bullet_figure, charts.departements_map

    def counting_bullets(primary, territory, **kwargs):
        calls.append(("bullets", primary[0].standing.zone))
        return bullets(primary, territory, **kwargs)

    def counting_map(table, metric, selected, **kwargs):
        calls.append(("map", f"D{selected}"))
        return national(table, metric, selected, **kwargs)

    monkeypatch.setattr(charts, "bullet_figure", counting_bullets)
    monkeypatch.setattr(charts, "departements_map", counting_map)
    return calls


def session(zone: str) -> list[str]:
    """A new viewer opens the progress tab, then the map tab, of `zone`; the figures it is sent."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    shown = []
    for tab in ("avancement", "carte"):
        at.query_params.update({"territoire": zone, "onglet": tab})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        shown += [chart.proto.spec for chart in at.get("plotly_chart")]
    return shown


def test_a_second_session_gets_the_progress_and_map_figures_without_building_them(env, built):
    first = session("D29")
    assert built == [("bullets", "D29"), ("map", "D29")]
    assert session("D29") == first and len(built) == 2
    session("D33")
    assert built[2:] == [("bullets", "D33"), ("map", "D33")]


def download(env: Path, value: float) -> None:
    """A new download of IND-311 saved as geo.sources saves it (whole file, one rename): D29's last value changed."""
    name = barometer.INDICATORS["IND-311"].file
    table = pd.read_csv(series.barometre_dir() / name, dtype=str)
    last = table.index[table["enforce_zone_id"] == "D29"][-1]
    table.loc[last, "indic_va"] = str(value)
    (env / "barometre").mkdir(parents=True, exist_ok=True)
    table.to_csv(env / "barometre" / f"{name}.part", index=False)
    (env / "barometre" / f"{name}.part").replace(env / "barometre" / name)


def test_a_layer_save_builds_nothing_again_and_a_new_barometre_does(env, built):
    first = session("D29")
    save(env, "29")
    assert session("D29") == first and len(built) == 2  # the figures read the baromètre, not the layers
    download(env, 4321.0)
    second = session("D29")
    assert built[2:] == [("bullets", "D29"), ("map", "D29")]
    assert barometer.standing("IND-311", "D29").last_value == 4321.0
    assert second != first  # the viewer is sent the new figures

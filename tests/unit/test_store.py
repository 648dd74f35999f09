"""The versioned store: versions kept, rollback, export, restart, killed saves, concurrent saves, viewers refused.

Every behavioural test runs on both backends: the GeoPackage file and PostGIS on a real server
(`postgis_server` in conftest.py, one fresh database per test).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo import layers
from geo import store as store_mod
from geo.maps import preview
from geo.store import (
    GeoPackageStore,
    PostGISStore,
    StoreError,
    WriteRefused,
    check_password,
    export_version,
    hash_password,
    neutralize_cell,
)
from geo.structures import conform, load_structures
from geo.territories import load_cpts

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "secret-analyste"
PASSWORD_HASH = hash_password(PASSWORD)
BACKENDS = ("gpkg", "postgis")


def points(n: int, name: str = "MSP", offset: float = 0.0) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({"name": [f"{name} {i}" for i in range(n)], "kind": "msp", "commune_code": "29232",
                              "finess": [f"29{i:07d}" for i in range(n)]},
                             geometry=[Point(-4.1 + offset + i * 1e-4, 48.0) for i in range(n)], crs=4326)
    return conform(frame)


def open_store(where: str | Path, password_hash: str | None = PASSWORD_HASH):
    """A store at `where`: a PostgreSQL URL (PostGIS) or a folder (GeoPackage). Nothing is kept in memory."""
    where = str(where)
    if where.startswith("postgresql://"):
        return PostGISStore(where, password_hash=password_hash)
    return GeoPackageStore(Path(where) / "layers.gpkg", password_hash=password_hash)



def save(store, frame, layer="L", kind="structures", **kwargs):
    return store.save(layer=layer, kind=kind, departement="29", features=frame, author="Alice", filename="f.csv",
                      checksum="abc", comment="", password=PASSWORD, **kwargs)


def test_password_hashing():
    hashed = hash_password(PASSWORD)
    assert PASSWORD not in hashed and check_password(PASSWORD, hashed)
    assert not check_password("wrong", hashed) and not check_password("", hashed) and not check_password(PASSWORD, None)
    assert not check_password(PASSWORD, "garbage")


def test_configured_hash_from_secrets_or_env(monkeypatch):
    monkeypatch.delenv("CARTE_ANALYST_PASSWORD", raising=False)
    monkeypatch.delenv("CARTE_ANALYST_PASSWORD_HASH", raising=False)
    assert store_mod.configured_password_hash({}) is None
    assert check_password("a", store_mod.configured_password_hash({"analyst_password": "a"}))
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", "b")
    assert check_password("b", store_mod.configured_password_hash(None))
    hashed = hash_password("c")
    assert store_mod.configured_password_hash({"analyst_password_hash": hashed}) == hashed


def test_versions_are_kept_and_survive_a_restart(where):
    store = open_store(where)
    v1 = save(store, points(3))
    v2 = save(store, points(5))
    assert (v1.version, v2.version) == (1, 2)
    again = open_store(where)  # a new process would do the same: nothing is in memory
    assert [v.version for v in again.versions("29")] == [2, 1]
    assert len(again.load(1).features) == 3 and len(again.load(2).features) == 5
    assert again.latest("29")[0].version == 2
    assert again.versions("29")[0].author == "Alice" and again.versions("29")[0].checksum == "abc"


def test_rollback_is_a_new_version(where):
    store = open_store(where)
    save(store, points(3))
    save(store, points(5))
    back = store.rollback(1, author="Bob", password=PASSWORD)
    assert back.version == 3 and back.restored_from == 1 and back.action == "rollback"
    assert len(store.load(3).features) == 3
    assert [v.version for v in store.versions("29")] == [3, 2, 1]
    assert store.token() == "3"


def test_viewer_cannot_write(where):
    store = open_store(where)
    with pytest.raises(WriteRefused, match="analyste"):
        store.save(layer="L", kind="layer", departement="29", features=points(1), author="x", filename="",
                   checksum="", comment="", password=None)
    with pytest.raises(WriteRefused):
        store.save(layer="L", kind="layer", departement="29", features=points(1), author="x", filename="",
                   checksum="", comment="", password="wrong")
    save(store, points(1))
    with pytest.raises(WriteRefused):
        store.rollback(1, author="x", password="")
    unconfigured = open_store(where, password_hash=None)
    with pytest.raises(WriteRefused, match="aucun mot de passe"):
        unconfigured.save(layer="L", kind="layer", departement="29", features=points(1), author="x", filename="",
                          checksum="", comment="", password=PASSWORD)
    assert len(open_store(where).versions()) == 1


def test_store_is_a_geopackage(tmp_path):
    import pyogrio

    store = open_store(tmp_path)
    save(store, points(2))
    read = pyogrio.read_dataframe(store.path, layer=store_mod.FEATURES_TABLE)
    assert len(read) == 2 and "version_id" in read


def test_postgis_tables_are_what_qgis_reads(postgis_server):
    import psycopg

    url = postgis_server.new_database()
    store = open_store(url)
    save(store, points(2))
    save(store, points(3), layer="M")
    save(store, points(4))
    with psycopg.connect(url) as con:
        assert con.execute("SELECT srid, type FROM geometry_columns WHERE f_table_name = %s",
                           (store_mod.FEATURES_TABLE,)).fetchall() == [(4326, "GEOMETRY")]
        assert con.execute(f"SELECT DISTINCT ST_SRID(geom), GeometryType(geom) FROM {store_mod.FEATURES_TABLE}"
                           ).fetchall() == [(4326, "POINT")]
        current = con.execute("SELECT layer, version, count(*) FROM store_current_features "
                              "GROUP BY layer, version ORDER BY layer").fetchall()
    assert current == [("L", 3, 4), ("M", 2, 3)]
    assert PASSWORD not in store.location and postgis_server.password not in store.location
    assert str(postgis_server.port) in store.location


@pytest.mark.parametrize("backend", BACKENDS)
def test_round_trip_keeps_columns_values_and_geometries(backend, request, tmp_path):
    from shapely.geometry import Polygon

    where = request.getfixturevalue("postgis_server").new_database() if backend == "postgis" else str(tmp_path)
    frame = gpd.GeoDataFrame({"zeta": ["é", None, "x"], "alpha": [1.5, float("nan"), 3.0], "n": [1, 2, 3]},
                             geometry=[Point(-4.1, 48.0), Polygon([(-4, 48), (-4, 48.1), (-3.9, 48)]), None],
                             crs=4326)
    store = open_store(where)
    save(store, frame.to_crs(2154), kind="layer")  # stored in WGS84 whatever the input CRS
    back = store.load(1).features
    assert list(back.columns) == ["zeta", "alpha", "n", "geometry"] and back.crs.to_epsg() == 4326
    assert back["zeta"].isna().tolist() == back["alpha"].isna().tolist() == [False, True, False]
    assert (back["zeta"][0], back["zeta"][2], back["n"].tolist()) == ("é", "x", [1, 2, 3])
    assert back.geometry.iloc[2] is None and back.geometry.iloc[1].geom_type == "Polygon"
    assert back.geometry.iloc[0].distance(Point(-4.1, 48.0)) < 1e-9


def test_open_store_selects_the_backend(tmp_path, monkeypatch, postgis_server):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path))
    assert isinstance(store_mod.open_store(), GeoPackageStore)
    url = postgis_server.new_database()
    monkeypatch.setenv("DATABASE_URL", url)
    chosen = store_mod.open_store(PASSWORD_HASH)
    assert isinstance(chosen, PostGISStore) and chosen.token() == "0"
    save(chosen, points(1))
    assert store_mod.open_store().versions()[0].version == 1
    assert isinstance(store_mod.open_store(directory=tmp_path), GeoPackageStore)  # an explicit folder wins
    monkeypatch.setenv("DATABASE_URL", "mysql://x@y/z")
    with pytest.raises(StoreError, match="postgresql://"):
        store_mod.open_store()


def test_unreachable_database_is_a_french_store_error(postgis_server):
    from tests.pg_server import free_port

    store = PostGISStore(f"postgresql://postgres:pw@127.0.0.1:{free_port()}/nowhere", password_hash=PASSWORD_HASH)
    with pytest.raises(StoreError, match="n'est pas accessible") as info:
        store.versions()
    assert "pw@" not in str(info.value)


def test_exports_and_csv_neutralisation(where):
    store = open_store(where)
    frame = points(2)
    frame.loc[0, "name"] = '=HYPERLINK("http://evil.example")'
    frame.loc[1, "notes"] = "@SUM(A1)"
    save(store, frame)
    data = store.load(1)
    csv_text = export_version(data, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'@SUM" in csv_text and "\n=" not in csv_text and ";=" not in csv_text
    assert "latitude" in csv_text.splitlines()[0]
    assert b"FeatureCollection" in export_version(data, "geojson")
    assert export_version(data, "gpkg")[:16] == b"SQLite format 3\x00"
    assert neutralize_cell("-1+1") == "'-1+1" and neutralize_cell(-1.5) == -1.5 and neutralize_cell("ok") == "ok"


def test_cpts_export_is_a_reimportable_table(where):
    from geo.imports import validate
    from geo.reference import load_communes

    table, members = load_cpts("29")
    store = open_store(where)
    features = layers.cpts_features(table, members, load_communes("29"))
    save(store, features, kind="cpts", members=members)
    csv_bytes = export_version(store.load(1), "csv")
    back = validate("export.csv", csv_bytes, kind="cpts", departement="29")
    assert back.report.ok and back.report.cpts_count == len(table)


# --- Killed mid-save ---------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent("""
    import signal, sys
    sys.path.insert(0, {root!r})
    from geo.store import core as store_core
    from tests.unit.test_store import open_store, points, save
    from pathlib import Path
    def stall():
        print("MID", flush=True)
        signal.pause()  # stalls mid-save until the test kills this process
    store_core._checkpoint = stall  # both backends call it between batches
    save(open_store({where!r}), points(12000, "Killed"))
""")


def test_save_killed_midway_keeps_previous_version(where):
    store = open_store(where)
    save(store, points(3, "Before"))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(root=str(ROOT), where=where)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "MID"  # rows of the new version are written, not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    after = open_store(where)
    assert [v.version for v in after.versions()] == [1]
    assert list(after.load(1).features["name"]) == ["Before 0", "Before 1", "Before 2"]
    save(after, points(2, "After"))  # the store is still writable
    assert [v.version for v in after.versions()] == [2, 1]
    assert list(after.load(2).features["name"]) == ["After 0", "After 1"]
    orphans = f"SELECT count(*) FROM {store_mod.FEATURES_TABLE} WHERE version_id NOT IN (1, 2)"
    if isinstance(after, PostGISStore):
        import psycopg

        with psycopg.connect(where) as con:
            assert con.execute(orphans).fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0] == 0
    else:
        import sqlite3

        assert sqlite3.connect(after.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sqlite3.connect(after.path).execute(orphans).fetchone()[0] == 0


# --- Concurrent saves ----------------------------------------------------------------------


def _concurrent_save(where: str, label: str, barrier) -> None:
    store = open_store(where)
    barrier.wait()
    save(store, points(3000, label), layer="shared")


def test_concurrent_saves_keep_both_versions(where):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    procs = [context.Process(target=_concurrent_save, args=(where, label, barrier)) for label in ("A", "B")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
        assert proc.exitcode == 0
    store = open_store(where)
    versions = store.versions(layer="shared")
    assert len(versions) == 2
    labels = {store.load(v.version).features["name"].iloc[0].split()[0] for v in versions}
    assert labels == {"A", "B"}
    assert all(len(store.load(v.version).features) == 3000 for v in versions)


# --- Merging into what the app shows ---------------------------------------------------------


def test_effective_structures_replace_by_finess_or_name(where):
    shipped = load_structures("29")
    store = open_store(where)
    first = shipped.iloc[[0]].copy()
    imported = conform(gpd.GeoDataFrame({
        "name": [first["name"].iloc[0].upper(), "Nouvelle MSP"], "kind": ["msp", "msp"],
        "commune_code": [first["commune_code"].iloc[0], "29232"], "finess": ["", "290009999"], "status": "ouvert",
    }, geometry=[first.geometry.iloc[0], Point(-4.1, 48.0)], crs=4326))
    save(store, imported, layer="FINESS")
    merged = layers.effective_structures("29", store, shipped)
    assert len(merged) == len(shipped) + 1
    assert first["id"].iloc[0] not in set(merged["id"])
    assert list(merged.columns) == list(shipped.columns)


def test_effective_cpts_replace_by_name_and_change_coverage(where):
    from geo.indicators import coverage
    from geo.reference import load_communes

    communes = load_communes("29")
    table, members = load_cpts("29")
    before = coverage(members, communes)
    store = open_store(where)
    name = table["name"].iloc[0].upper()  # same CPTS, other case
    edited_table, edited_members = layers.edit_cpts(pd.DataFrame(columns=["id", "name"]), None,
                                                    {"name": name, "status": "projet"}, ["29232", "29019"])
    save(store, layers.cpts_features(edited_table, edited_members, communes), kind="cpts", members=edited_members)
    new_table, new_members = layers.effective_cpts("29", store, table, members)
    assert len(new_table) == len(table)
    assert set(new_members.loc[new_members["cpts_id"] == edited_table["id"].iloc[0], "commune_code"]) == {"29232", "29019"}
    assert coverage(new_members, communes).population_covered != before.population_covered


def test_overlay_layers(where):
    store = open_store(where)
    save(store, points(2), layer="Zones", kind="layer")
    assert [name for name, _ in layers.overlay_layers("29", store)] == ["Zones"]
    assert layers.overlay_layers("22", store) == []


def test_commune_code_from_tooltip():
    assert preview.commune_code_from_tooltip("Quimper (29232)") == "29232"
    assert preview.commune_code_from_tooltip("Ajaccio (2A004)") == "2A004"
    assert preview.commune_code_from_tooltip(None) is None


def test_preview_map_escapes_properties():
    from geo.reference import load_departement_outline
    from tests.fixtures.builders import IMG, SCRIPT, TEMPLATE

    frame = points(3)
    html = preview.preview_map(frame, [SCRIPT, IMG, TEMPLATE], load_departement_outline("29")).get_root().render()
    assert SCRIPT not in html and IMG not in html and "${alert" not in html and "alert(2)`" not in html
    loaded = set(re.findall(r'(?:src|href)="([^"]+)"', html))  # Leaflet from the app itself, nothing remote
    assert "/app/static/vendor/leaflet/leaflet.js" in loaded and all(u.startswith("/app/static/") for u in loaded)
    assert "https://" not in html and "http://" not in html


def test_layer_names_are_plain_words(where):
    """A layer's name reaches captions, widgets and legends: markup is refused by the store, cleaned by the page."""
    store = open_store(where)
    for name in ("![x](http://evil.example/x.png)", "<b>x</b>", "{{ 7*7 }}", "", " " * 3, "x" * 81):
        with pytest.raises(StoreError, match="Nom de couche refusé"):
            save(store, points(1), layer=name)
    assert store.versions() == []
    assert store_mod.clean_layer_name("<img src=x>[a](b) Zones d'étude 2024") == "img src x a (b) Zones d'étude 2024"
    assert save(store, points(1), layer="Zones d'étude (2024) – v2".replace("–", "-")).layer == "Zones d'étude (2024) - v2"


def test_a_name_keeps_its_kind(where):
    """The latest version of a name is what the app shows: a free layer must not hide structures of the same name."""
    store = open_store(where)
    save(store, points(2), layer="Structures importées")
    with pytest.raises(StoreError, match="autre type"):
        save(store, points(1), layer="Structures importées", kind="layer")
    assert [v.kind for v in store.versions()] == ["structures"]
    assert len(layers.effective_structures("29", store, load_structures("29"))) == len(load_structures("29")) + 2


def test_tests_never_reach_the_developer_store(tmp_path_factory):
    """tests/conftest.py points every test at an empty folder of its own and forgets DATABASE_URL."""
    folder = store_mod.default_store_dir()
    assert "DATABASE_URL" not in os.environ and folder.is_relative_to(tmp_path_factory.getbasetemp())
    assert not folder.is_relative_to(Path.home() / ".local") and list(folder.iterdir()) == []

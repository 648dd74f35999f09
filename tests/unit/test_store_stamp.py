"""The data-version stamps several app instances read on every run (`token()` for the whole store, `stamps()` per
département and kind of layer): a save by one store object (another instance) changes what every other reads at once,
for the département and kind it touches only (a France-wide layer: all); the small reads keep one connection, opened
again when dropped, replaced or left behind by a writer killed mid-save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
from shapely.geometry import Point

from geo.store import NATIONAL_DEPARTEMENT, GeoPackageStore, PostGISStore, hash_password, stamp
from geo.structures import conform
from tests.unit import test_store

PASSWORD = "secret-analyste"
PASSWORD_HASH = hash_password(PASSWORD, iterations=1000)


def one_msp() -> gpd.GeoDataFrame:
    return conform(gpd.GeoDataFrame({"name": ["MSP A"], "kind": "msp", "commune_code": "29232"},
                                    geometry=[Point(-4.1, 48.0)], crs=4326))


def save(store) -> None:
    store.save(layer="L", kind="structures", departement="29", features=one_msp(), author="Alice", filename="f.csv",
               checksum="", comment="", password=PASSWORD)


@pytest.fixture()
def two_instances(where):
    """Two store objects on one store, as two app processes hold them."""
    pair = test_store.open_store(where, PASSWORD_HASH), test_store.open_store(where, PASSWORD_HASH)
    yield pair
    for store in pair:
        store.close()


def test_a_save_by_one_instance_changes_the_other_s_stamp_at_once(two_instances):
    viewer, writer = two_instances
    assert viewer.token() == "0"  # nothing saved yet, not even the tables
    save(writer)
    assert viewer.token() == "1"
    save(writer)
    writer.rollback(1, author="Bob", password=PASSWORD)
    assert viewer.token() == writer.token() == "3"


def connections(url: str) -> list[int]:
    with psycopg.connect(url, autocommit=True) as con:
        return [row[0] for row in con.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'carte-exercice-coordonne' "
            "AND datname = current_database()").fetchall()]


def test_the_postgis_small_reads_use_one_connection_and_reopen_it_when_dropped(postgis_server):
    url = postgis_server.new_database()
    viewer, writer = PostGISStore(url, PASSWORD_HASH), PostGISStore(url, PASSWORD_HASH)
    save(writer)
    writer.close()  # only the viewer's connections are left to count
    for _ in range(5):
        assert viewer.token() == "1" and [v.version for v in viewer.versions("29")] == [1]
    kept = connections(url)
    assert len(kept) == 1  # every read on the same kept connection, no new password exchange per run
    with psycopg.connect(url, autocommit=True) as admin:  # what a server restart or an idle proxy does to it
        admin.execute("SELECT pg_terminate_backend(%s)", (kept[0],))
    save(writer)
    writer.close()
    assert viewer.token() == "2"
    assert connections(url) != kept and len(connections(url)) == 1
    viewer.close()
    assert connections(url) == []


def save_in(store, departement: str, kind: str = "structures", layer: str = "L") -> int:
    features = one_msp() if kind == "structures" else one_msp()[["name", "geometry"]]
    return store.save(layer=layer, kind=kind, departement=departement, features=features, author="Alice",
                      filename="f.csv", checksum="", comment="", password=PASSWORD).version


def tokens(store, kinds=None) -> dict[str, str]:
    return {dep: stamp(store.stamps([dep]), kinds) for dep in ("29", "22")}


def test_a_save_in_one_departement_changes_its_stamp_and_not_another_s(two_instances):
    viewer, writer = two_instances
    assert tokens(viewer) == {"29": "0", "22": "0"}  # nothing saved yet, not even the tables
    save_in(writer, "22", layer="Côtes")
    before = tokens(viewer)
    save_in(writer, "29")
    after = tokens(viewer)
    assert after["29"] != before["29"] and after["22"] == before["22"]
    writer.rollback(2, author="Bob", password=PASSWORD)  # a rollback in D29 is a change of D29 too
    assert tokens(viewer)["29"] != after["29"] and tokens(viewer)["22"] == before["22"]


def test_a_save_of_one_kind_leaves_the_other_kinds_stamp(two_instances):
    viewer, writer = two_instances
    save_in(writer, "29")
    structures = stamp(viewer.stamps(["29"]), ["structures"])
    save_in(writer, "29", kind="layer", layer="Zones")
    assert stamp(viewer.stamps(["29"]), ["structures"]) == structures
    assert stamp(viewer.stamps(["29"]), ["layer"]) != "0" and stamp(viewer.stamps(["29"])) != structures


def test_a_france_wide_layer_changes_every_departement_s_stamp(two_instances):
    viewer, writer = two_instances
    save_in(writer, "29")
    before = tokens(viewer)
    save_in(writer, NATIONAL_DEPARTEMENT, kind="layer", layer="France")
    after = tokens(viewer)
    assert after["29"] != before["29"] and after["22"] != before["22"]


def test_the_geopackage_kept_connection_follows_a_replaced_file(tmp_path):
    path = Path(tmp_path) / "layers.gpkg"
    viewer = GeoPackageStore(path, PASSWORD_HASH)
    save_in(GeoPackageStore(path, PASSWORD_HASH), "29")
    assert viewer.token() == "1"
    path.unlink()  # a store restored from a backup: another file at the same path, never read in between
    for _ in range(3):
        save_in(GeoPackageStore(path, PASSWORD_HASH), "22")
    assert viewer.token() == "3" and tokens(viewer)["29"] == "0"
    viewer.close()


def test_a_save_killed_midway_leaves_a_viewer_s_stamps_as_they_were(where):
    """A viewer whose small-read connection is open when a writer dies mid-save (on GeoPackage, a journal left to
    roll back) reads the stamps of the last whole save, then those of the next one."""
    viewer, writer = test_store.open_store(where), test_store.open_store(where)
    test_store.save(writer, one_msp())
    assert stamp(viewer.stamps(["29"])) == "1"  # the viewer's connection is open now
    proc = subprocess.Popen([sys.executable, "-c", test_store.KILL_SCRIPT.format(root=str(test_store.ROOT),
                                                                                   where=where)],
                            stdout=subprocess.PIPE, text=True, cwd=test_store.ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "MID"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert stamp(viewer.stamps(["29"])) == "1" and viewer.token() == "1"
    test_store.save(writer, one_msp())
    assert stamp(viewer.stamps(["29"])) == "2"
    for store in (viewer, writer):
        store.close()

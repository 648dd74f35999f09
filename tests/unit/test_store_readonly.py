"""A store that can be read but not written: read-only folder, full disk, read-only database role.

Reading must never take a write lock, and must still show every saved layer; a save says why it is
impossible and what the store still holds. The conditions are real, not mocked:

- read-only folder: the folder and file lose their write bits; as root (whose CAP_DAC_OVERRIDE
  ignores permission bits) the reading process first drops that capability, so the kernel
  refuses its writes as it would any user's;
- full disk: the process runs with ``RLIMIT_FSIZE`` just above the store's size, so the kernel refuses
  to grow any file (EFBIG), as a full disk refuses (ENOSPC);
- PostGIS: a real role with SELECT only, on the test server.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geo import texts
from geo.store import GeoPackageStore, PostGISStore, StoreError, gpkg
from tests.unit.test_store import PASSWORD, PASSWORD_HASH, open_store, points, save

ROOT = Path(__file__).resolve().parents[2]

# Run in a child process: open the store, read everything, try to save; print what happened as JSON.
READER = textwrap.dedent("""
    import json, resource, signal, sys
    sys.path.insert(0, {root!r})
    limit = {fsize_limit!r}
    if limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write returns EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from geo import layers
    from geo.store import StoreError
    from geo.structures import load_structures
    from tests.unit.test_store import open_store, points, save
    store = open_store({where!r})
    out = {{"versions": [v.version for v in store.versions("29")], "token": store.token(),
           "features": len(store.load(1).features), "problem": store.write_problem(),
           "shown": len(layers.effective_structures("29", store, load_structures("29"))),
           "shipped": len(load_structures("29"))}}
    try:
        save(store, points(4000, "Nouveau"))
        out["saved"] = True
    except StoreError as exc:
        out["error"] = str(exc)
    print(json.dumps(out))
""")


PR_CAPBSET_DROP = 24
ROOT_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def obey_permissions() -> None:
    """In the child, before exec: a root process loses the capabilities that ignore permission bits."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in ROOT_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          preexec_fn=obey_permissions,
                          env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})


def run_reader(where: str, fsize_limit: int = 0) -> dict:
    proc = run(READER.format(root=str(ROOT), where=where, fsize_limit=fsize_limit))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


@pytest.fixture()
def read_only_dir(tmp_path):
    yield tmp_path
    tmp_path.chmod(0o755)  # pytest removes its folders later


def assert_refusal_says_what_was_kept(out: dict, cause: str) -> None:
    assert out["versions"] == [1] and out["token"] == "1" and out["features"] == 3
    assert out["shown"] == out["shipped"] + 3  # shipped + stored layers, both shown
    assert "saved" not in out
    assert cause in out["error"] and texts.STORE_KEPT_VERSION.format(layer="L", version=1) in out["error"]
    assert "Traceback" not in out["error"] and "database" not in out["error"] and "error" not in out["error"]


def test_a_read_only_folder_still_shows_the_layers_and_says_why_nothing_can_be_saved(read_only_dir):
    store = open_store(read_only_dir)
    save(store, points(3))
    make_read_only(read_only_dir)
    out = run_reader(str(read_only_dir))
    cause = texts.STORE_CAUSES["readonly"]
    assert out["problem"] == texts.STORE_CANNOT_SAVE.format(path=store.path, cause=cause)
    assert_refusal_says_what_was_kept(out, cause)


def test_a_full_disk_still_shows_the_layers_and_keeps_the_previous_version(tmp_path):
    store = open_store(tmp_path)
    save(store, points(3))
    size = store.path.stat().st_size
    out = run_reader(str(tmp_path), fsize_limit=size + 4096)
    assert out["problem"] == texts.STORE_CANNOT_SAVE.format(path=store.path, cause=texts.STORE_CAUSES["too_large"])
    assert_refusal_says_what_was_kept(out, texts.STORE_CAUSES["too_large"])
    after = open_store(tmp_path)  # nothing half-written: the file is whole and still writable here
    assert [v.version for v in after.versions()] == [1]
    assert sqlite3.connect(after.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert save(after, points(2)).version == 2


def test_reading_takes_no_write_lock(tmp_path, monkeypatch):
    """A reader opening the store while a writer holds it reads at once (it used to create the schema first)."""
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 2.0)
    save(open_store(tmp_path), points(3))
    writer = sqlite3.connect(tmp_path / "layers.gpkg", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a save in progress elsewhere
    try:
        started = time.monotonic()
        fresh = open_store(tmp_path)  # a new process: nothing known about the file yet
        assert [v.version for v in fresh.versions()] == [1] and len(fresh.load(1).features) == 3
        assert fresh.token() == "1" and time.monotonic() - started < 2.0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_reading_an_absent_store_creates_nothing(tmp_path):
    store = GeoPackageStore(tmp_path / "absent" / "layers.gpkg", password_hash=PASSWORD_HASH)
    assert store.versions() == [] and store.token() == "0" and store.latest("29") == []
    assert not (tmp_path / "absent").exists()


def test_a_new_layer_that_cannot_be_saved_says_it_does_not_exist(read_only_dir):
    save(open_store(read_only_dir), points(1))
    make_read_only(read_only_dir)
    proc = run(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from tests.unit.test_store import open_store, points, save
        try:
            save(open_store({str(read_only_dir)!r}), points(1), layer="Neuve")
        except Exception as exc:
            print(exc)
    """))
    assert texts.STORE_KEPT_NOTHING.format(layer="Neuve") in proc.stdout, proc.stdout + proc.stderr


def test_postgis_read_only_role_reads_and_says_why_it_cannot_save(postgis_server):
    import psycopg

    url = postgis_server.new_database()
    save(open_store(url), points(3))
    dbname = url.rsplit("/", 1)[1]
    role = f"lecteur_{dbname}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'lecture'")
        con.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    reader_url = f"postgresql://{role}:lecture@127.0.0.1:{postgis_server.port}/{dbname}"
    reader = PostGISStore(reader_url, password_hash=PASSWORD_HASH)
    assert [v.version for v in reader.versions("29")] == [1] and len(reader.load(1).features) == 3
    cause = texts.STORE_CAUSES["rights"]
    assert reader.write_problem() == texts.STORE_CANNOT_SAVE.format(path=reader.location, cause=cause)
    with pytest.raises(StoreError) as info:
        save(reader, points(2))
    assert cause in str(info.value) and texts.STORE_KEPT_VERSION.format(layer="L", version=1) in str(info.value)
    with pytest.raises(StoreError, match="reste à sa version 1"):
        reader.rollback(1, author="x", password=PASSWORD)
    assert open_store(url).write_problem() is None


def test_postgis_reading_an_empty_database_creates_nothing(postgis_server):
    """Tables are made by the first save, never by a read (even with every right)."""
    import psycopg

    url = postgis_server.new_database()
    store = open_store(url)
    assert store.versions() == [] and store.token() == "0" and store.latest("29") == []
    with pytest.raises(StoreError, match="n'existe pas"):
        store.load(1)
    assert store.write_problem() is None
    with psycopg.connect(url) as con:
        assert con.execute("SELECT to_regclass('store_versions')").fetchone()[0] is None
    assert save(store, points(1)).version == 1 and store.token() == "1"

"""Fixtures shared by all tests: a real PostgreSQL + PostGIS server for the store tests (unit and app), and where a
store test's store lives on each backend."""

from __future__ import annotations

import pytest

import geo  # noqa: F401 — first: locks GDAL's drivers down before anything (fixtures, builders) imports pyogrio
from tests import pg_server as pg


@pytest.fixture(scope="session")
def postgis_server():
    """One throwaway server for the session (initdb + pg_ctl); stopped and removed at the end.

    A machine where it cannot start FAILS the PostGIS tests with the reason: they are never skipped.
    """
    try:
        server, reason = pg.start(), None
    except pg.PgUnavailable as exc:
        server, reason = None, str(exc)
    if server is None:
        pytest.fail(f"Serveur PostgreSQL/PostGIS de test impossible à démarrer : {reason}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=("gpkg", "postgis"))
def where(request, tmp_path) -> str:
    """Where a test's store lives, on each backend: a fresh folder, or a fresh database on the test PostGIS server."""
    if request.param == "postgis":
        return request.getfixturevalue("postgis_server").new_database()
    return str(tmp_path)


@pytest.fixture(autouse=True)
def private_store(tmp_path_factory, monkeypatch):
    """No test may read or write the developer's real store (~/.local/share/…, $DATABASE_URL):
    every test starts on an empty folder of its own; tests that want another store set it themselves."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path_factory.mktemp("store")))
    monkeypatch.delenv("DATABASE_URL", raising=False)

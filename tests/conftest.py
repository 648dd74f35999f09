"""Fixtures shared by all tests: a real PostgreSQL + PostGIS server for the store tests (unit and app)."""

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


@pytest.fixture(autouse=True)
def _no_real_store(tmp_path_factory, monkeypatch):
    """No test reads the developer's store (layers, downloaded baromètre): an empty one unless a test names its own."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path_factory.mktemp("store")))

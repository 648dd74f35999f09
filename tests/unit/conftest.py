"""Fixtures shared by the unit tests: a real PostgreSQL + PostGIS server for the store tests."""

from __future__ import annotations

import pytest

from tests import pg_server as pg


@pytest.fixture(scope="session")
def postgis_server():
    """One throwaway server for the session (initdb + pg_ctl); stopped and removed at the end.

    A machine where it cannot start FAILS the PostGIS tests with the reason: they are never skipped.
    """
    try:
        server = pg.start()
    except pg.PgUnavailable as exc:
        pytest.fail(f"Serveur PostgreSQL/PostGIS de test impossible à démarrer : {exc}", pytrace=False)
    yield server
    server.stop()

"""AppTest of the Données panel « Mettre à jour depuis les sources officielles », pointed at a local test server."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts
from geo.store import configured_password_hash, open_store
from tests.sources_server import Reply, SourceServer, analyst_env, finess_france

PASSWORD = "analyste-panel"
PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "donnees.py")
FILE_PATH = "/f/finess-structures-journalier-20260309.json.gz"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return finess_france(tmp_path_factory.mktemp("finess"), total=10_000)


@pytest.fixture()
def server(tmp_path, monkeypatch):
    analyst_env(monkeypatch, tmp_path / "store", PASSWORD, retries=False)
    import streamlit as st

    st.cache_resource.clear()  # the store accessor is cached per process
    with SourceServer() as running:
        monkeypatch.setenv("CARTE_FINESS_URL", running.url(FILE_PATH))
        yield running
    st.cache_resource.clear()


def panel(login: bool) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    if login:
        at.session_state["donnees_analyst_password"] = PASSWORD
    at.run()
    at.radio(key="donnees_section").set_value(texts.SOURCES_PANEL_TITLE).run()
    assert not at.exception
    return at


def shown(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info]
                     + [s.value for s in at.success])


def test_a_viewer_cannot_update(server):
    at = panel(login=False)
    assert texts.SOURCES_PANEL_ANALYST_ONLY in shown(at)
    assert texts.SOURCES_PANEL_CHECK not in [b.label for b in at.button]


def test_one_click_brings_finisteres_rows_shows_the_changes_and_saves_a_version(server, export):
    server.route(FILE_PATH, Reply(file=export.path, headers={"Content-Type": "application/gzip"}))
    at = panel(login=True)
    at.button(key="sources_check").click().run()
    assert not at.exception
    text = shown(at)
    assert texts.md_escape(texts.SOURCES_FROM.format(name=FILE_PATH.rsplit("/", 1)[1], date="09/03/2026")) in text
    assert "Changements dans" in text and "MSP" in text
    assert open_store().versions() == []  # nothing saved before the analyst says so
    at.text_input(key="sources_author").input("Alice")
    at.button(key="FormSubmitter:sources_save-" + texts.SOURCES_PANEL_SAVE).click().run()
    assert any("FINESS sources officielles" in s.value for s in at.success)
    store = open_store(password_hash=configured_password_hash())
    [version] = store.versions("29")
    assert set(store.load(version.version).features["finess"]) == set(export.expected)
    import frame

    assert set(export.expected) - export.closed <= set(frame.structures("29")["finess"])


def test_a_failing_source_shows_its_french_message_and_saves_nothing(server):
    server.route(FILE_PATH, Reply(status=503))
    at = panel(login=True)
    at.button(key="sources_check").click().run()
    assert not at.exception
    assert texts.md_escape(texts.SOURCES_SERVER_BUSY.format(code=503)) in [e.value for e in at.error]
    assert "sources_save" not in str(at.button) and open_store().versions() == []


def test_the_import_screen_never_preselects_an_existing_layer(server):
    from geo import imports
    from tests.fixtures.builders import geojson_bytes, structures_frame

    data = geojson_bytes(structures_frame(with_scripts=False))
    result = imports.validate("structures.geojson", data, kind="structures", departement="29")
    layer = texts.DONNEES_DEFAULT_LAYER["structures"]
    open_store(password_hash=configured_password_hash()).save(
        layer=layer, kind="structures", departement="29", features=result.features, members=None, author="Alice",
        filename="structures.geojson", checksum="x", comment="", password=PASSWORD)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["donnees_analyst_password"] = PASSWORD
    at.session_state["donnees_test_upload"] = ("structures.geojson", data)
    at.run()
    assert at.selectbox(key="donnees_target_structures").value == texts.DONNEES_TARGET_NEW
    assert at.text_input(key="donnees_target_name_structures").value == f"{layer} (2)"  # a fresh name
    assert not at.warning
    at.selectbox(key="donnees_target_structures").select(layer).run()  # replacing is an explicit choice, and said
    assert texts.SOURCES_TARGET_REPLACES.format(version=1, layer=layer) in [w.value for w in at.warning]

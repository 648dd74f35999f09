"""AppTest of the Données page: viewer vs analyst, report, save, history, rollback, editor."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts
from tests.fixtures.builders import build_all

PASSWORD = "analyste-app"
PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "donnees.py")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the GeoPackage store, whatever the developer's shell says
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", PASSWORD)
    import streamlit as st

    st.cache_resource.clear()  # the store accessor is cached per process: each test gets its own store
    yield tmp_path / "store"
    st.cache_resource.clear()


@pytest.fixture(params=["gpkg", "postgis"])
def any_env(request, env, monkeypatch):
    """`env` on either store backend: the GeoPackage folder, or a fresh database on the test PostGIS server."""
    if request.param == "postgis":
        monkeypatch.setenv("DATABASE_URL", request.getfixturevalue("postgis_server").new_database())
    return request.param


def page(files=None, name=None, login=False) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    if name:
        at.session_state["donnees_test_upload"] = (name, files[name].read_bytes())
    if login:
        at.session_state["donnees_analyst_password"] = PASSWORD
    at.run()
    assert not at.exception
    return at


def texts_of(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
                     + [i.value for i in at.info] + [s.value for s in at.success] + [c.value for c in at.caption])


def test_viewer_sees_report_but_no_write_controls(env, files):
    at = page(files, "finess_etalab.csv")
    assert "FINESS" in texts_of(at)
    labels = [b.label for b in at.button]
    assert texts.DONNEES_SAVE not in labels and texts.DONNEES_EDITOR_SAVE not in labels
    assert texts.DONNEES_NOT_SAVED_VIEWER in texts_of(at)


def test_bad_password_is_refused(env):
    at = page()
    at.text_input(key="donnees_password_input").input("faux")
    at.button[0].click().run()
    assert texts.DONNEES_BAD_PASSWORD in [e.value for e in at.error]
    assert texts.DONNEES_SAVE not in [b.label for b in at.button]


def test_refused_file_shows_french_message_no_traceback(env, files):
    at = page(files, "page.geojson", login=True)
    assert any(texts.md_escape(texts.REFUSE_HTML) in e.value for e in at.error), [e.value for e in at.error]
    assert not at.exception
    assert texts.DONNEES_SAVE not in [b.label for b in at.button]


def test_script_in_properties_and_file_name_is_escaped_in_markdown(env):
    """Hostile text reaches the report (file name, outside names, unknown kinds): always escaped, never markup."""
    from tests.fixtures.builders import IMG, SCRIPT

    link = "[clic](javascript:alert(2))"
    name = f"{IMG}{link}.csv"
    data = (f"nom;type;latitude;longitude;code_insee\n{SCRIPT};{IMG};48.11;-1.68;\n"
            f"MSP {link};msp;47.99;-4.10;99999\n").encode()
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["donnees_test_upload"] = (name, data)
    at.run()
    assert not at.exception
    values = [e.value for e in list(at.markdown) + list(at.warning) + list(at.info) + list(at.error)]
    shown = "\n".join(values)
    for hostile in (SCRIPT, IMG, link):  # each reached the page, escaped
        assert "\\<" in shown and hostile not in shown
    assert any("script" in v for v in values) and any("onerror" in v for v in values)
    for value in values:  # every <, [ and ] that came from the file is backslash-escaped for Markdown
        assert not re.search(r"(?<!\\)[<\[\]]", value.split(" ", 1)[1] if value.startswith(":material") else value), value


def test_analyst_saves_sees_history_and_rolls_back(any_env, files):
    at = page(files, "finess_etalab.csv", login=True)
    at.text_input(key="donnees_author").input("Alice")
    at.text_area(key="donnees_comment").input("Import FINESS juin 2024")
    at.button(key="FormSubmitter:donnees_save-Enregistrer comme nouvelle version").click().run()
    assert not at.exception
    assert any("Version 1 enregistrée" in s.value for s in at.success)
    # the frame now serves the imported structures
    import frame

    assert "290000101" in set(frame.structures("29")["finess"])
    # second save of another file into the same layer, then roll back to version 1
    at.session_state["donnees_test_upload"] = ("finess_plus.json.gz", files["finess_plus.json.gz"].read_bytes())
    at.run()
    at.selectbox(key="donnees_target_structures").select("Structures importées").run()
    assert "ajoutée(s)" in texts_of(at)
    at.text_input(key="donnees_author").input("Alice")
    at.button(key="FormSubmitter:donnees_save-Enregistrer comme nouvelle version").click().run()
    assert any("Version 2 enregistrée" in s.value for s in at.success)
    at.radio(key="donnees_section").set_value(texts.DONNEES_TAB_HISTORY).run()
    at.selectbox(key="donnees_version").select(1).run()
    at.text_input(key="donnees_rollback_author").input("Bob")
    at.button(key="donnees_rollback").click().run()
    assert any("Version 1 restaurée" in s.value for s in at.success)
    assert len(at.dataframe[0].value) == 3  # the history: two imports and the rollback
    assert ("PostgreSQL" in texts_of(at)) == (any_env == "postgis")


def test_editor_creates_a_cpts_and_coverage_changes(env):
    import frame
    from geo.indicators import coverage
    from geo.reference import load_communes

    communes = load_communes("29")
    at = page(login=True)
    at.radio(key="donnees_section").set_value(texts.DONNEES_TAB_EDITOR).run()
    before = coverage(frame.cpts("29")[1], communes).population_covered
    at.selectbox(key="editor_pick").select("__new__").run()
    at.text_input(key="editor_name").input("CPTS de test").run()
    at.multiselect(key="editor_communes___new__").select("29232").select("29019").run()
    at.text_input(key="editor_author").input("Alice").run()
    at.button(key="editor_save").click().run()
    assert not at.exception
    assert any("CPTS de test" in s.value for s in at.success), texts_of(at)
    table, members = frame.cpts("29")
    assert "CPTS de test" in set(table["name"])
    assert coverage(members, communes).population_covered > before


def test_editor_requires_name_and_communes(env):
    at = page(login=True)
    at.radio(key="donnees_section").set_value(texts.DONNEES_TAB_EDITOR).run()
    at.selectbox(key="editor_pick").select("__new__").run()
    at.text_input(key="editor_author").input("Alice").run()
    at.button(key="editor_save").click().run()
    errors = [e.value for e in at.error]
    assert texts.DONNEES_EDITOR_NAME_MISSING in errors and texts.DONNEES_EDITOR_NO_COMMUNE in errors


def test_editor_absent_for_viewer(env):
    """On the editor's own section (the default section never shows it, whoever looks)."""
    for login in (False, True):
        at = page(login=login)
        at.radio(key="donnees_section").set_value(texts.DONNEES_TAB_EDITOR).run()
        assert ("editor_save" in [b.key for b in at.button]) == login
        assert (texts.DONNEES_NOT_SAVED_VIEWER in [i.value for i in at.info]) == (not login)


def test_imported_perimeters_and_finess_change_coverage_and_completeness(env, files):
    """What the Carte and Couverture pages count (frame.cpts, frame.structures) changes with a saved import."""
    import frame
    from geo.completeness import completeness
    from geo.indicators import coverage
    from geo.reference import load_communes

    communes = load_communes("29")

    def figures():
        table, members = frame.cpts("29")
        msp = next(c for c in completeness(frame.structures("29"), table, "29") if c.topic == "msp")
        return coverage(members, communes).population_covered, msp.mapped, len(table)

    covered, msp_mapped, n_cpts = figures()
    at = page(files, "cpts_perimetres.geojson", login=True)
    at.radio(key="donnees_kind").set_value("cpts").run()
    at.text_input(key="donnees_author").input("Alice")
    at.button(key="FormSubmitter:donnees_save-Enregistrer comme nouvelle version").click().run()
    assert any("Version 1 enregistrée" in s.value for s in at.success), texts_of(at)
    at.session_state["donnees_test_upload"] = ("finess_etalab.csv", files["finess_etalab.csv"].read_bytes())
    at.radio(key="donnees_kind").set_value("structures").run()
    at.text_input(key="donnees_author").input("Alice")
    at.button(key="FormSubmitter:donnees_save-Enregistrer comme nouvelle version").click().run()
    assert any("Version 2 enregistrée" in s.value for s in at.success), texts_of(at)
    covered_after, msp_after, n_cpts_after = figures()
    assert covered_after > covered and n_cpts_after > n_cpts
    assert msp_after > msp_mapped


def test_layer_picked_in_one_file_does_not_refuse_the_next(env, files):
    at = page(files, "deux_couches.gpkg")
    picker = next(s for s in at.selectbox if s.label == texts.DONNEES_GPKG_LAYER)
    picker.select("perimetres").run()
    at.session_state["donnees_test_upload"] = ("deux_shp.zip", files["deux_shp.zip"].read_bytes())
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert texts.md_escape(texts.REPORT_USABLE) in texts_of(at)
    assert sorted(next(s for s in at.selectbox if s.label == texts.DONNEES_GPKG_LAYER).options) == ["cds", "msp"]


def test_sidebar_freshness_escapes_a_layer_name_saved_by_an_older_version(env):
    """Names are checked at save time now; a store written before may still hold markup."""
    import sqlite3

    import frame
    from geo.store import STORE_FILE, VERSIONS_TABLE, GeoPackageStore, StoreError, hash_password
    from tests.unit.test_store import points

    store = GeoPackageStore(env / STORE_FILE, password_hash=hash_password(PASSWORD))
    hostile = "![x](http://evil.example/x.png)<img src=x>"
    with pytest.raises(StoreError, match="Nom de couche refusé"):
        store.save(layer=hostile, kind="layer", departement="29", features=points(1), author="A", filename="",
                   checksum="", comment="", password=PASSWORD)
    store.save(layer="Zones", kind="layer", departement="29", features=points(1), author="A", filename="",
               checksum="", comment="", password=PASSWORD)
    with sqlite3.connect(store.path) as con:
        con.execute(f"UPDATE {VERSIONS_TABLE} SET layer = ?", (hostile,))
    caption = frame.freshness_of_store()
    assert "\\!\\[x\\]\\(http" in caption and not re.search(r"(?<!\\)[\[\]<>!]", caption)


def test_tables_shown_from_a_file_are_neutralised_for_their_csv_download(env, files):
    """st.dataframe has its own CSV download: a formula from a file must arrive there as text."""
    from tests.fixtures.builders import FORMULA

    at = page(files, "structures.geojson")
    cells = {str(v) for table in at.dataframe for column in table.value.columns for v in table.value[column]}
    assert "'" + FORMULA in cells and FORMULA not in cells


def test_after_a_save_the_uploader_is_emptied_and_an_existing_name_shows_its_diff(env, files):
    at = page(files, "structures.geojson", login=True)
    at.text_input(key="donnees_author").input("Alice")
    at.button(key="FormSubmitter:donnees_save-Enregistrer comme nouvelle version").click().run()
    assert any("Version 1 enregistrée" in s.value for s in at.success)
    assert at.session_state["donnees_upload_round"] == 1 and texts.DONNEES_REPORT not in [h.value for h in at.subheader]
    at.session_state["donnees_test_upload"] = ("structures.geojson", files["structures.geojson"].read_bytes())
    at.run()
    at.selectbox(key="donnees_target_structures").select(texts.DONNEES_TARGET_NEW).run()
    at.text_input(key="donnees_target_name_structures").input(texts.DONNEES_DEFAULT_LAYER["structures"]).run()
    assert texts.DONNEES_DIFF_LINE.format(added=0, removed=0, changed=0, same=5) in texts_of(at)


def _try_password(at: AppTest, candidate: str) -> AppTest:
    at.text_input(key="donnees_password_input").input(candidate)
    at.button(key="FormSubmitter:donnees_login-Se connecter").click().run()
    assert not at.exception
    return at


def test_after_five_wrong_passwords_even_the_right_one_waits(env, caplog):
    caplog.set_level(logging.DEBUG)
    at = page()
    wrong = "devine-moi-42"
    for _ in range(4):
        assert texts.DONNEES_BAD_PASSWORD in [e.value for e in _try_password(at, wrong).error]
    errors = [e.value for e in _try_password(at, wrong).error]
    assert texts.SIGNIN_TOO_MANY.format(wait="30 s") in errors
    errors = [e.value for e in _try_password(at, PASSWORD).error]  # refused without being checked
    assert errors == [texts.SIGNIN_TOO_MANY.format(wait="30 s")]
    assert "donnees_analyst_password" not in at.session_state and texts.DONNEES_LOGGED_IN not in texts_of(at)
    assert wrong not in texts_of(at) and PASSWORD not in texts_of(at)  # never echoed in a message
    assert caplog.records and wrong not in caplog.text and PASSWORD not in caplog.text  # nor logged
    assert at.text_input(key="donnees_password_input").proto.type == at.text_input(
        key="donnees_password_input").proto.PASSWORD


def test_a_new_session_does_not_reset_the_count(env):
    """The throttle is per server too: a fresh session (a new AppTest) meets the same wait after 20 failures."""
    from geo.signin import SERVER_FREE_TRIES

    for attempt in range(SERVER_FREE_TRIES):
        _try_password(page(), f"essai-{attempt}")
    errors = [e.value for e in _try_password(page(), PASSWORD).error]
    assert errors == [texts.SIGNIN_TOO_MANY.format(wait="30 s")]


def test_a_store_that_cannot_be_written_is_said_on_the_page(env, monkeypatch, tmp_path):
    """The store's folder cannot be created (its parent is a file): the page says saving is impossible, and why."""
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")
    monkeypatch.setenv("CARTE_STORE_DIR", str(blocker / "magasin"))
    at = page()
    cause = texts.STORE_CAUSES["io"]
    assert any(cause in w.value and "Enregistrement impossible" in w.value for w in at.warning), texts_of(at)


READ_ONLY_PAGE = """
import json, sys
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
import frame
from geo import texts
at = AppTest.from_file({page!r}, default_timeout=90)
at.run()
at.radio(key="donnees_section").set_value(texts.DONNEES_TAB_HISTORY).run()
print(json.dumps({{"warnings": [w.value for w in at.warning], "errors": [e.value for e in at.error],
                  "exception": bool(at.exception), "history_rows": len(at.dataframe[0].value),
                  "structures": len(frame.structures("29"))}}))
"""


def test_a_read_only_store_still_shows_its_versions_and_layers_with_the_reason(env):
    """A real read-only folder (see tests/unit/test_store_readonly.py): the page runs in a process that obeys it."""
    import json
    import subprocess
    import sys

    from geo.store import STORE_FILE, GeoPackageStore, hash_password
    from geo.structures import load_structures
    from tests.unit.test_store import points
    from tests.unit.test_store_readonly import make_read_only, obey_permissions

    store = GeoPackageStore(env / STORE_FILE, password_hash=hash_password(PASSWORD))
    store.save(layer="Zones", kind="structures", departement="29", features=points(2), author="A", filename="",
               checksum="", comment="", password=PASSWORD)
    make_read_only(env)
    try:
        proc = subprocess.run([sys.executable, "-c", READ_ONLY_PAGE.format(root=str(Path(PAGE).parents[1]), page=PAGE)],
                              capture_output=True, text=True, timeout=300, preexec_fn=obey_permissions)
    finally:
        env.chmod(0o755)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    reason = texts.STORE_CANNOT_SAVE.format(path=store.path, cause=texts.STORE_CAUSES["readonly"])
    assert out["warnings"] == [texts.md_escape(reason)] and not out["errors"] and not out["exception"]
    assert out["history_rows"] == 1 and out["structures"] == len(load_structures("29")) + 2

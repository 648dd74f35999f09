"""AppTest of the Données page fed hostile files (tests/fixtures/hostile): what the page shows is a French
refusal or report — never a server file's content, a traceback or a library's English error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import texts
from tests.fixtures.hostile.build import HERE, bombs, corpus

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "donnees.py")
SECRET = "CARTE-SECRET-7b2e05"
# /etc/passwd's first line, or the secret file the tricks point at in the second run.
LEAK = re.compile(rf"root:[^:\n]*:0:0:|{SECRET}")
# Words of GDAL's, Python's and pandas' errors that no French sentence of the app contains.
ENGLISH = re.compile(r"\b(error|failed|unable|cannot|invalid|exception|traceback|unrecognized|unsupported|"
                     r"expecting|driver|warning|not recognized)\b", re.IGNORECASE)


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", "analyste-hostile")
    import streamlit as st

    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def secret(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("server") / "secret.csv"
    path.write_text(f"secret\n{SECRET}\n")
    return str(path)


def upload(name: str, data: bytes) -> AppTest:
    """The page as a viewer who dropped `name` in the uploader (kind: structures, the default)."""
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["donnees_test_upload"] = (name, data)
    at.run()
    return at


def shown(at: AppTest) -> str:
    """Every text element of the page, tables included."""
    parts = [e.value for kind in ("markdown", "error", "warning", "info", "success", "caption", "subheader", "title")
             for e in getattr(at, kind)]
    parts += [str(table.value.to_dict()) for table in at.dataframe]
    return "\n".join(str(p) for p in parts)


def report_lines(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("error", "warning", "info") for e in getattr(at, kind))


def assert_safe(at: AppTest) -> None:
    assert not at.exception
    page = shown(at)
    assert not LEAK.search(page)
    assert not ENGLISH.search(report_lines(at)), report_lines(at)


REFUSALS = {
    "vrt_en_kml.kml": texts.REFUSE_XML,  # an OGR VRT reading a server file, named .kml
    "gdalg_en_geojson.geojson": texts.REFUSE_JSON_NOT_GEO,  # a GDAL pipeline reading a server file, named .geojson
    "vue_recursive.gpkg": texts.REFUSE_GPKG_CODE.format(what=texts.GPKG_VIEW.format(name="bombe")),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_hostile_file_is_refused_in_french_on_the_page(env, name):
    at = upload(name, (HERE / name).read_bytes())
    assert_safe(at)
    assert [e.value for e in at.error] == [texts.md_escape(texts.REPORT_REFUSED.format(reason=REFUSALS[name]))]
    assert not at.dataframe  # nothing read, nothing previewed


@pytest.mark.parametrize("name", ["vrt_en_kml.kml", "gdalg_en_geojson.geojson", "xml_src_datasource.kml"])
def test_a_trick_aimed_at_a_server_file_shows_nothing_of_it(env, secret, name):
    content, _ = corpus(secret)[name]
    at = upload(name, content)
    assert_safe(at)
    assert at.error and at.error[0].value.startswith(texts.md_escape(texts.REPORT_REFUSED.format(reason="")))


def test_a_decompression_bomb_is_refused_on_what_it_would_produce(env):
    content, _ = bombs()["bombe.csv.gz"]
    at = upload("bombe.csv.gz", content)
    assert_safe(at)
    [error] = [e.value for e in at.error]
    assert error.startswith(texts.md_escape(texts.REPORT_REFUSED.format(reason=""))) and "bombe de décompression" in error


def test_a_latin1_geojson_is_read_and_its_encoding_said(env):
    at = upload("latin1.geojson", (HERE / "latin1.geojson").read_bytes())
    assert_safe(at)
    assert not at.error
    converted = texts.md_escape(texts.REPORT_ENCODING_TEXT.format(encoding=texts.ENCODING_CONVERTED))
    assert converted in [w.value for w in at.warning]
    assert "Maison de santé de Châteaulin" in shown(at)  # decoded right, shown in the features' table

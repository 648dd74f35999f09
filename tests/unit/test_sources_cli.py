"""python -m geo.sources update: exit codes and one French line per failure; communes/EPCI and baromètre sources."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import texts
from geo.barometer.series import zone_rows
from geo.sources import barometre
from geo.sources.__main__ import main
from geo.store import configured_password_hash, open_store
from tests.sources_server import (
    Reply,
    SourceServer,
    analyst_env,
    barometre_csv,
    finess_france,
    geo_api_communes,
    geo_api_epci,
)

PASSWORD = "analyste-cli"
FINESS_PATH = "/f/finess-structures-journalier-20260309.json.gz"
COMMUNES_PATH = ("/departements/29/communes?fields=nom,code,codeDepartement,codeRegion,codeEpci,siren,codesPostaux,"
                 "population&format=geojson&geometry=contour")
EPCI_PATH = "/epcis?codeDepartement=29&fields=nom,code,codesDepartements,codesRegions,population&format=geojson&geometry=contour"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return finess_france(tmp_path_factory.mktemp("finess"), total=1_500)


@pytest.fixture()
def server(tmp_path, monkeypatch):
    analyst_env(monkeypatch, tmp_path / "store", PASSWORD, retries=False)
    with SourceServer() as running:
        monkeypatch.setenv("CARTE_FINESS_URL", running.url(FINESS_PATH))
        monkeypatch.setenv("CARTE_GEO_API_URL", running.base)
        monkeypatch.setenv("CARTE_BAROMETRE_URL", running.url("/ditp/prod/data"))
        yield running


def store():
    return open_store(password_hash=configured_password_hash())


def cli(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["update", "--dep", "29", *args])
    return code, capsys.readouterr().out.splitlines()


def test_update_yes_saves_then_says_unchanged(server, export, capsys):
    server.route(FINESS_PATH, Reply(file=export.path, etag='"e1"'))
    code, lines = cli(capsys, "--source", "finess", "--yes")
    assert code == 0 and lines[-1] == texts.SOURCES_CLI_SAVED.format(version=1, layer="FINESS sources officielles")
    assert any(line.startswith("Changements dans") for line in lines)  # the diff is printed before the save
    code, lines = cli(capsys, "--source", "finess", "--yes")
    assert code == 0 and texts.SOURCES_NOT_MODIFIED in lines and len(store().versions()) == 1


def test_without_yes_the_diff_is_printed_and_nothing_saved(server, export, capsys):
    server.route(FINESS_PATH, Reply(file=export.path))
    code, lines = cli(capsys, "--source", "finess")
    assert code == 3 and lines[-1] == texts.SOURCES_CLI_NEED_YES and store().versions() == []


def test_a_failure_is_one_french_line_and_a_non_zero_exit(server, capsys):
    server.route(FINESS_PATH, Reply(status=503))
    code, lines = cli(capsys, "--source", "finess", "--yes")
    assert code == 1 and lines == [texts.SOURCES_CLI_ERROR.format(
        source="finess", message=texts.SOURCES_SERVER_BUSY.format(code=503))]
    assert store().versions() == []


def test_without_the_password_nothing_is_saved(server, export, capsys, monkeypatch):
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD_HASH", configured_password_hash())
    monkeypatch.delenv("CARTE_ANALYST_PASSWORD")
    server.route(FINESS_PATH, Reply(file=export.path))
    code, lines = cli(capsys, "--source", "finess", "--yes")
    assert code == 1 and lines[-1].endswith(texts.SOURCES_CLI_NO_PASSWORD)


def test_communes_and_epci_come_from_the_geo_api_as_two_layers(server, capsys):
    server.route(COMMUNES_PATH, Reply(body=geo_api_communes(), headers={"Content-Type": "application/json"}))
    server.route(EPCI_PATH, Reply(body=geo_api_epci()))
    code, lines = cli(capsys, "--source", "communes", "--yes")
    assert code == 0, lines
    saved = {v.layer: store().load(v.version).features for v in store().latest("29")}
    assert len(saved[texts.SOURCES_LAYER_COMMUNES]) == 277 and len(saved[texts.SOURCES_LAYER_EPCI]) > 5


def test_the_geo_api_404_is_said_in_french(server, capsys):
    code, lines = cli(capsys, "--source", "communes", "--yes")  # no route: 404 "Not Found" in plain text
    assert code == 1 and "erreur 404" in lines[0] and store().versions() == []


NEW_ROW = b"IND-311,D29,2025-12-01,DEPT,,45.0,,\n"


def route_barometre(server, changed: str | None = None) -> None:
    from geo.barometer.series import INDICATORS

    for indicator in INDICATORS.values():
        body = barometre_csv(indicator.file) + (NEW_ROW if indicator.file == "ind-311.csv" else b"")
        if indicator.file == changed:
            body = body.replace(b"indic_va", b"valeur_actuelle", 1)
        server.route(f"/ditp/prod/data/{indicator.file}", Reply(body=body, headers={"Content-Type": "text/csv"}))


def test_barometre_files_are_checked_and_kept_beside_the_store(server, capsys):
    route_barometre(server)
    code, lines = cli(capsys, "--source", "barometre", "--yes")
    assert code == 0, lines
    assert barometre.current_copy("ind-311.csv") == barometre.saved_dir() / "ind-311.csv"
    assert barometre.current_copy("ind-311.csv").read_bytes().endswith(NEW_ROW)
    assert (dt.date(2025, 12, 1), 45.0) in [(r.date, r.value) for r in zone_rows("IND-311", "D29")]  # the app reads it
    assert any(texts.SOURCES_SUMMARY_ADDED.format(n=1, what=texts.SOURCES_ROWS) in line for line in lines)
    code, lines = cli(capsys, "--source", "barometre", "--yes")  # same files again: nothing new
    assert code == 0 and lines[-1] == texts.SOURCES_CLI_UNCHANGED.format(layer=texts.SOURCES_LAYER_BAROMETRE)


def test_a_renamed_barometre_column_is_refused_and_nothing_is_written(server, capsys):
    route_barometre(server, changed="ind-318.csv")
    code, lines = cli(capsys, "--source", "barometre", "--yes")
    assert code == 1 and "colonne(s) indic_va absente(s)" in lines[0]
    assert not barometre.saved_dir().exists()

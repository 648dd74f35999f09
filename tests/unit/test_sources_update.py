"""Download -> import gate -> changes -> versioned save, for FINESS, against a real local server and a tmp store."""

from __future__ import annotations

import gzip
import threading

import pytest

from geo import texts
from geo.sources import update
from geo.sources.http import Settings, SourceError
from geo.store import open_store
from tests.sources_server import Reply, SourceServer, analyst_env, catalogue, finess_france, finess_legacy_csv

PASSWORD = "analyste-sources"
JOURNALIER = "finess-structures-journalier-20260309.json.gz"
FILE_PATH = f"/resources/finess-structures-1/{JOURNALIER}"
CATALOGUE_PATH = "/api/1/datasets/finess-structures-1/"


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(scope="module")
def france(tmp_path_factory):
    return finess_france(tmp_path_factory.mktemp("finess"), total=10_000)


@pytest.fixture()
def env(tmp_path, monkeypatch):
    analyst_env(monkeypatch, tmp_path / "store", PASSWORD)
    with SourceServer() as server:
        monkeypatch.setenv("CARTE_FINESS_URL", server.url(CATALOGUE_PATH))
        server.route(CATALOGUE_PATH, Reply(body=catalogue(server.base, [
            "finess-structures-mensuel-202602.json.gz", JOURNALIER, "finess-structures-journalier-20260301.json.gz"])))
        yield server


def store():
    from geo.store import configured_password_hash

    return open_store(password_hash=configured_password_hash())


def settings(**values) -> Settings:
    return Settings(timeout=values.pop("timeout", 10.0), retries=values.pop("retries", 2), backoff=1.0,
                    sleep=Sleeps(), **values)


def run_finess(**limits) -> update.Prepared:
    [prepared] = update.prepare("finess", "29", store(), settings(**limits))
    return prepared


def test_a_whole_france_export_keeps_exactly_finisteres_603_124_604_and_saves_a_version(env, france):
    env.route(FILE_PATH, Reply(file=france.path, headers={"Content-Type": "application/gzip"}, etag='W/"d1"'))
    prepared = run_finess()
    features = prepared.result.features
    assert france.total >= 10_000 and set(features["finess"]) == set(france.expected)
    closed = set(features.loc[features["status"] == "ferme", "finess"])
    assert closed == france.closed  # kept as history, not drawn as open
    assert prepared.resource.name == JOURNALIER  # the newest journalier of the catalogue, not the monthly
    open_msp = sum(1 for f, c in france.expected.items() if c == "603" and f not in france.closed)
    assert texts.SOURCES_SUMMARY_ADDED.format(n=open_msp, what="MSP") in prepared.summary.line()
    assert any(texts.fmt_int(10_000) + " établissements lus" in line for line in prepared.lines())
    version = update.save(prepared, store(), PASSWORD, "Alice")
    saved = store().load(version.version).features
    assert len(saved) == len(france.expected) and version.layer == update.FINESS_LAYER
    assert set(saved["source_date"]) == {"2026-03-09"}


def test_a_second_run_sends_the_etag_and_saves_nothing_on_304(env, france):
    env.route(FILE_PATH, Reply(file=france.path, etag='W/"d1"'))
    update.save(run_finess(), store(), PASSWORD, "Alice")
    again = run_finess()
    assert again.unchanged and texts.SOURCES_NOT_MODIFIED in again.lines()
    assert env.hits(FILE_PATH)[-1]["If-None-Match"] == 'W/"d1"'
    assert len(store().versions("29")) == 1


def test_gzip_served_with_content_encoding_reads_the_same(env, france):
    env.route(FILE_PATH, Reply(file=france.path, headers={"Content-Encoding": "gzip",
                                                          "Content-Type": "application/octet-stream"}))
    assert set(run_finess().result.features["finess"]) == set(france.expected)


def test_500_then_success_saves(env, france):
    env.route(FILE_PATH, Reply(status=500), Reply(file=france.path))
    assert update.save(run_finess(), store(), PASSWORD, "Alice").version == 1


def saved_first(env, france):
    env.route(FILE_PATH, Reply(file=france.path))
    version = update.save(run_finess(), store(), PASSWORD, "Alice")
    return version.version, len(store().versions())


def truncated(france):
    return Reply(body=france.path.read_bytes()[:200_000])


def renamed(tmp_path):
    return Reply(file=finess_france(tmp_path, total=300, renamed_category=True).path)


FAILURES = {
    "404": (lambda france, tmp: Reply(status=404, body=b'{"message": "Not found"}'),
            texts.SOURCES_HTTP_STATUS[404].split(" (")[0]),
    "500 toujours": (lambda france, tmp: Reply(status=500), texts.SOURCES_SERVER_BUSY.format(code=500)),
    "429": (lambda france, tmp: Reply(status=429, headers={"Retry-After": "5"}),
            texts.SOURCES_SERVER_BUSY.format(code=429)),
    "gzip tronqué": (lambda france, tmp: truncated(france), texts.SOURCES_TRUNCATED),
    "colonne renommée": (lambda france, tmp: renamed(tmp),
                         texts.SOURCES_FINESS_KEY.format(key="categorieentiteGeographiqueExercice")),
    "page HTML en 200": (lambda france, tmp: Reply(body=gzip.compress(b"<html><body>Erreur</body></html>")),
                         texts.SOURCES_HTML_PAGE),
    "redirection ailleurs": (lambda france, tmp: Reply(status=302, headers={"Location": "http://evil.example/f.gz"}),
                             texts.SOURCES_REDIRECT_REFUSED.format(
                                 reason=texts.SOURCES_HOST_REFUSED.format(host="evil.example"))),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_each_failure_gives_its_french_message_and_leaves_the_stored_layer_unchanged(env, france, tmp_path, case):
    version, count = saved_first(env, france)
    before = store().load(version).features
    reply, message = FAILURES[case]
    env.route(FILE_PATH, reply(france, tmp_path))
    with pytest.raises(SourceError) as error:
        update.prepare("finess", "29", store(), settings())
    assert str(error.value).startswith(message)
    assert len(store().versions()) == count
    assert store().load(version).features.equals(before)


def test_a_slow_server_times_out_and_saves_nothing(env, france):
    release = threading.Event()
    env.route(FILE_PATH, Reply(file=france.path, wait=release))
    with pytest.raises(SourceError) as error:
        run_finess(timeout=0.3, retries=0)
    release.set()
    assert str(error.value) == texts.SOURCES_TIMEOUT.format(seconds=texts.fmt_int(0.3))
    assert store().versions() == []


def test_changes_are_summed_up_closed_moved_added(env, france, tmp_path):
    saved_first(env, france)
    changed = finess_france(tmp_path, total=10_000, name=JOURNALIER)
    import json

    with gzip.open(changed.path, "rt", encoding="utf-8") as source:
        doc = json.load(source)
    eges = {e["informationsGeneralesEGE"]["numFinessEge"]: e for p in doc["pmej"] for e in p["ege"]}
    open_ids = [f for f in france.expected if f not in france.closed]
    eges[open_ids[0]]["etatObjet"] = "I"  # closes
    coords = eges[open_ids[1]]["adresse"][0]["coordonneesGeographique"]
    coords["directionLatitude"] = f"{float(coords['directionLatitude']) + 0.01:.6f}"  # ~1.1 km north
    with gzip.open(changed.path, "wt", encoding="utf-8") as out:
        json.dump(doc, out)
    env.route(FILE_PATH, Reply(file=changed.path))
    prepared = run_finess()
    assert (prepared.summary.closed, prepared.summary.moved, sum(prepared.summary.added.values())) == (1, 1, 0)
    assert texts.SOURCES_SUMMARY_CLOSED.format(n=1) in prepared.summary.line()
    assert texts.SOURCES_SUMMARY_MOVED.format(n=1, metres="500") in prepared.summary.line()


def test_the_legacy_etalab_csv_is_read_from_a_direct_url(env, france, monkeypatch):
    monkeypatch.setenv("CARTE_FINESS_URL", env.route("/etalab-cs1100507-stock-20260504-0404.csv",
                                                     Reply(body=finess_legacy_csv(france, limit=3000))))
    prepared = run_finess()
    kept = {f for f in france.expected if int(f) < 3000}
    assert set(prepared.result.features["finess"]) == kept
    assert prepared.resource.date == "2026-05-04"


def test_the_legacy_datasets_catalogue_gives_its_etalab_extraction(env, france, monkeypatch):
    name = "etalab-cs1100507-stock-20260504-0404.csv"
    env.route(f"/resources/finess-structures-1/{name}", Reply(body=finess_legacy_csv(france, limit=500)))
    path = "/api/1/datasets/53699569a3a729239d2046eb/"
    listing = catalogue(env.base, [name, "etalab-cs1100502-stock-20260504-0404.csv"]).replace(b'"json.gz"', b'"csv"')
    monkeypatch.setenv("CARTE_FINESS_URL", env.route(path, Reply(body=listing)))
    prepared = run_finess()
    assert prepared.resource.name == name
    assert set(prepared.result.features["finess"]) == {f for f in france.expected if int(f) < 500}


def test_an_unknown_departement_is_refused_before_any_request(env):
    with pytest.raises(SourceError, match="Département inconnu"):
        update.prepare("finess", "../29", store(), settings())
    assert env.requests == []


def test_inflation_is_bounded_and_a_json_that_is_not_finess_is_refused(france, tmp_path):
    from geo.sources import finess

    with pytest.raises(SourceError) as error:
        finess.read(france.path, "29", inflated_mb=1)
    assert str(error.value) == texts.SOURCES_INFLATED_TOO_BIG.format(max="1")
    other = tmp_path / "autre.json"
    other.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(SourceError) as error:
        finess.read(other, "29", inflated_mb=10)
    assert str(error.value) == texts.SOURCES_FINESS_EMPTY


def test_the_gate_report_is_shown_but_not_its_lines_about_the_connectors_own_file(env, france):
    env.route(FILE_PATH, Reply(file=france.path))
    lines = run_finess().lines()
    assert texts.REPORT_CRS_ASSUMED_WGS84 not in lines and not any(line.startswith("Fichier :") for line in lines)
    assert any(line.startswith(texts.REPORT_USABLE) for line in lines)

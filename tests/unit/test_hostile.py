"""The hostile corpus through `validate`: refused or repaired, said in French, no server file's content anywhere.

The committed copies (tests/fixtures/hostile/) point at /etc/passwd; the same corpus is rebuilt here pointing
at a secret this test writes, so a leak of any file, not only passwd, is seen. Bombs are built at test time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from geo import texts
from geo.importing import limits
from geo.imports import ImportResult, validate
from tests.fixtures.hostile.build import HERE, bombs, corpus

KINDS: dict[str, str] = json.loads((HERE / "KINDS.json").read_text())
SECRET = "CARTE-SECRET-4f1d9c"  # what the secret file holds: it must never come back
PASSWD_LINE = re.compile(r"root:[^:\n]*:0:0:")
# Words of GDAL's, Python's and pandas' English errors; the file names of the corpus contain none of them.
ENGLISH = re.compile(r"\b(the|error|failed|unable|cannot|invalid|not|is|of|and|with|could|exception|traceback|"
                     r"unrecognized|unsupported|expecting|file|driver|warning)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def secret(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("server") / "secret.csv"
    path.write_text(f"secret\n{SECRET}\n")
    return path


@pytest.fixture(scope="module")
def bomb_files() -> dict[str, tuple[bytes, str]]:
    return bombs()


def everything_said(result: ImportResult) -> str:
    """All the page would show: the report, and the features' attributes when the file was kept."""
    shown = result.report.text()
    if result.features is not None:
        shown += result.features.to_json(default=str)
    if result.members is not None:
        shown += result.members.to_json()
    return shown


def assert_safe_and_french(result: ImportResult) -> None:
    shown = everything_said(result)
    assert not PASSWD_LINE.search(shown) and SECRET not in shown
    lines = [line for _, line in result.report.lines()[1:]]  # the first line names the file as uploaded
    assert not ENGLISH.search(" ".join(lines)), lines
    if result.features is not None:  # a missing value is empty, never the text of a missing value
        cells = result.features.drop(columns=result.features.geometry.name).astype(object).to_numpy().ravel()
        assert not {"nan", "None", "NaN", "inf", "<NA>"} & {str(v) for v in cells if isinstance(v, str)}
    assert result.report.refused or any(level in {"fix", "warn"} for level, _ in result.report.lines()) \
        or result.report.features_kept == result.report.features_read


def test_the_committed_corpus_is_the_built_one():
    """The corpus is at least 30 files, and the committed copies are what the builder makes."""
    built = corpus()
    assert len(KINDS) >= 30 and set(KINDS) == set(built)
    for name, (content, kind) in built.items():
        assert KINDS[name] == kind
        if not name.endswith(".gpkg"):  # GDAL stamps a GeoPackage with the time it was written
            assert (HERE / name).read_bytes() == content, name


@pytest.mark.parametrize("name", sorted(KINDS))
def test_committed_hostile_file(name):
    result = validate(name, (HERE / name).read_bytes(), kind=KINDS[name], departement="29")
    assert_safe_and_french(result)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_hostile_file_pointing_at_a_secret(name, secret):
    content, kind = corpus(str(secret))[name]
    assert_safe_and_french(validate(name, content, kind=kind, departement="29"))


@pytest.mark.parametrize("name", ["bombe.csv.gz", "bombe.geojson.gz", "bombe_gz_dans_zip.zip", "bombe_declaree.zip"])
def test_bombs_are_refused_on_what_they_produce(name, bomb_files):
    content, kind = bomb_files[name]
    result = validate(name, content, kind=kind, departement="29")
    assert result.features is None
    assert result.report.refused.startswith(("Le fichier (", "L'archive se décompresse"))
    assert_safe_and_french(result)


def test_the_541_kib_gzip_stops_at_the_ratio_limit(bomb_files):
    content, _ = bomb_files["bombe.csv.gz"]
    assert 500 * 1024 < len(content) < 600 * 1024
    refused = validate("bombe.csv.gz", content, departement="29").report.refused
    cap = limits.MAX_COMPRESSION_RATIO * len(content)
    assert refused == texts.REFUSE_BOMB_RATIO.format(
        size="541,5 Ko", produced=f"{texts.fmt_dec((cap // limits.MB + 1), 1)} Mo",
        ratio=limits.MAX_COMPRESSION_RATIO, floor_mb=limits.RATIO_FLOOR_MB)


def run(name: str) -> ImportResult:
    return validate(name, (HERE / name).read_bytes(), kind=KINDS[name], departement="29")


def test_finess_rows_without_a_number_are_kept_apart_and_said():
    result = run("finess_sans_numero.csv")
    assert result.report.ok and result.report.finess_without_number == 3
    assert sorted(result.features["finess"]) == ["", "", "", "290000101"]
    assert result.features["id"].is_unique and result.report.dropped_duplicate_ids == 0
    assert texts.REPORT_FINESS_NO_NUMBER.format(n=3) in [line for _, line in result.report.lines()]


def test_null_identifiers_never_become_nan_nor_duplicates():
    result = run("finess_nuls.geojson")
    assert result.report.ok and len(result.features) == 3 and result.report.dropped_duplicate_ids == 0
    assert set(result.features["finess"]) == {""}


@pytest.mark.parametrize("name,where", [("cpts_sans_nom.csv", "ligne 3, ligne 4"),
                                        ("cpts_sans_nom.geojson", "entité n° 1")])
def test_unnamed_cpts_are_refused_with_their_rows(name, where):
    n = where.count(",") + 1
    assert run(name).report.refused == texts.REFUSE_CPTS_NO_NAME.format(n=n, where=where)


def test_infinities_and_nan_are_counted_and_stored_empty():
    result = run("infinis.geojson")
    assert result.report.ok and result.report.non_finite == {"surface": 2, "part": 1}
    values = result.features[["surface", "part"]].to_numpy(dtype=float)
    assert np.isnan(values[:, 0]).all() and np.isnan(values[0, 1]) and values[1, 1] == 0.5


@pytest.mark.parametrize("name,where,kept", [("anneau_court.geojson", "entité n° 1", ["MSP B"]),
                                             ("latitude_infinie.csv", "ligne 2", ["MSP B"]),
                                             ("geometrie_irreparable.geojson", "entité n° 1", ["CPTS B"])])
def test_unrepairable_geometries_are_said_by_row_never_moved(name, where, kept):
    result = run(name)
    assert result.report.ok and result.report.unrepairable == [where]
    assert sorted(result.features["name"]) == kept
    assert result.report.at_commune == 0


@pytest.mark.parametrize("name,expected", [("latin1.geojson", "Maison de santé de Châteaulin"),
                                           ("latin1_sans_declaration.kml", "Pôle santé Élliant")])
def test_latin1_geojson_and_kml_are_read_and_the_encoding_said(name, expected):
    result = run(name)
    assert result.report.encoding == texts.ENCODING_CONVERTED
    assert list(result.features["name"]) == [expected]
    assert ("warn", texts.REPORT_ENCODING_TEXT.format(encoding=texts.ENCODING_CONVERTED)) in result.report.lines()


def test_windows_1252_csv_keeps_its_euro_and_ligature():
    result = run("windows1252.csv")
    assert result.report.encoding == texts.ENCODING_LATIN1 and list(result.features["name"]) == ["MSP « Cœur » 2€"]


@pytest.mark.parametrize("name,what", [
    ("vue_recursive.gpkg", texts.GPKG_VIEW.format(name="bombe")),
    ("declencheur.gpkg", texts.GPKG_TRIGGER.format(name="vol")),
    ("table_virtuelle.gpkg", texts.GPKG_VIRTUAL.format(name="cherche")),
    ("colonne_calculee.gpkg", texts.GPKG_GENERATED.format(name="calc")),
])
def test_geopackage_code_is_refused_before_gdal_runs_it(name, what):
    assert run(name).report.refused == texts.REFUSE_GPKG_CODE.format(what=what)


@pytest.mark.parametrize("name", ["shp_vrt.zip", "dbf_gdalg.zip", "prj_url.zip"])
def test_shapefile_parts_must_be_what_their_name_says(name):
    assert run(name).report.refused.startswith("Le Shapefile est refusé : a.")


@pytest.mark.parametrize("name", ["shp_lien.zip", "dbf_lien.zip"])
def test_links_in_a_zip_are_refused(name):
    member = "a.shp" if name.startswith("shp") else "a.dbf"
    assert run(name).report.refused == texts.REFUSE_ZIP_LINK.format(member=member)


def test_geopackage_inspection_has_a_time_limit(monkeypatch):
    """A deadline already past stands for a schema that takes too long to read: refused, in French."""
    monkeypatch.setattr(limits, "GPKG_TIME_LIMIT_S", 0.0)
    assert run("declencheur.gpkg").report.refused == texts.REFUSE_GPKG_SLOW.format(seconds="0,0")


def test_a_geopackage_written_by_gdal_with_its_spatial_index_is_still_read():
    """Its R*Tree virtual table and its triggers are the GeoPackage's own: only foreign code is refused."""
    from tests.fixtures.hostile.build import geopackage

    result = validate("gdal.gpkg", geopackage([]), departement="29")
    assert result.report.ok and list(result.features["name"]) == ["MSP de Quimper"]

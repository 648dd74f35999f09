"""The gate and GDAL's lock-down: what is registered, in this process and in a fresh one (CLI, app imports)."""

from __future__ import annotations

import ctypes
import glob
import gzip
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from geo import texts
from geo.importing import lockdown
from geo.importing.gate import VettedFile, vet
from geo.importing.readers import read
from geo.importing.report import ImportRefused, Report
from geo.imports import validate
from tests.fixtures.hostile.build import zipped

ROOT = Path(__file__).resolve().parents[2]
SECRET = "CARTE-SECRET-77aa01"
# Every driver the GDAL library itself registered, raster ones included (pyogrio lists vector drivers only).
LIST_ALL_DRIVERS = """
import ctypes, glob, os, pyogrio
lib = ctypes.CDLL(glob.glob(os.path.dirname(pyogrio.__file__) + ".libs/libgdal*")[0])
lib.GDALGetDriver.restype = ctypes.c_void_p
lib.GDALGetDriverShortName.restype = ctypes.c_char_p
lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
print(sorted(lib.GDALGetDriverShortName(lib.GDALGetDriver(i)).decode() for i in range(lib.GDALGetDriverCount())))
"""


def python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def vrt(target: Path) -> bytes:
    return (f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>CSV:{target}</SrcDataSource>'
            f"<SrcLayer>{target.stem}</SrcLayer><GeometryType>wkbNone</GeometryType></OGRVRTLayer></OGRVRTDataSource>").encode()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.csv"
    path.write_text(f"secret\n{SECRET}\n")
    return path


def test_this_process_registers_only_the_four_drivers():
    lib = ctypes.CDLL(glob.glob(os.path.dirname(__import__("pyogrio").__file__) + ".libs/libgdal*")[0])
    lib.GDALGetDriver.restype = ctypes.c_void_p
    lib.GDALGetDriverShortName.restype = ctypes.c_char_p
    lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
    names = {lib.GDALGetDriverShortName(lib.GDALGetDriver(i)).decode() for i in range(lib.GDALGetDriverCount())}
    assert names == lockdown.ALLOWED_DRIVERS and not lockdown.unsafe_drivers()


def test_a_fresh_process_importing_like_the_app_is_locked_down_even_against_its_environment():
    """streamlit and geopandas first (as app.py), an operator's own GDAL_SKIP: still only the four drivers."""
    out = python("import os, streamlit, geopandas, sys\nassert 'pyogrio' not in sys.modules\nimport frame\n"
                 "print(os.environ['CPL_VSIL_CURL_ALLOWED_EXTENSIONS'])\n" + LIST_ALL_DRIVERS,
                 env={"GDAL_SKIP": "GTiff", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ""})
    assert out.returncode == 0, out.stderr
    extensions, drivers = out.stdout.split()[0], out.stdout.split("\n")[1]
    assert extensions == lockdown.NO_REMOTE["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"]
    assert drivers == str(sorted(lockdown.ALLOWED_DRIVERS))


def gdalg(target: Path) -> bytes:
    return json.dumps({"type": "gdal_streamed_alg",
                       "command_line": f"gdal vector pipeline ! read {target} ! write --of stream streamed_dataset"}
                      ).encode()


TRICKS = [("piege.kml", vrt), ("piege.geojson", gdalg)]


@pytest.mark.parametrize("name,trick", TRICKS)
def test_the_threat_is_real_without_the_lock_down(secret, name, trick):
    """The same file, read by a process that never imported geo: GDAL hands the secret back."""
    path = secret.parent / name
    path.write_bytes(trick(secret))
    out = python(f"import pyogrio\nprint(pyogrio.read_dataframe({str(path)!r}).to_csv())", env={"GDAL_SKIP": ""})
    assert SECRET in out.stdout


@pytest.mark.parametrize("name,trick", TRICKS)
def test_gdal_itself_cannot_open_them_here(secret, name, trick):
    """Whatever the sniffer says, this process's GDAL has no driver for a VRT or a GDALG pipeline."""
    import pyogrio

    path = secret.parent / name
    path.write_bytes(trick(secret))
    with pytest.raises(pyogrio.errors.DataSourceError):
        pyogrio.read_info(path)


def test_the_cli_refuses_a_vrt_and_prints_nothing_of_the_server(secret):
    path = secret.parent / "piege.geojson"
    path.write_bytes(vrt(secret))
    out = subprocess.run([sys.executable, "-m", "geo.imports", str(path)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "GDAL_SKIP": ""}, timeout=120)
    assert out.returncode == 2 and texts.REFUSE_XML in out.stdout
    assert SECRET not in out.stdout + out.stderr and "Traceback" not in out.stderr


def test_a_process_that_loaded_gdal_first_refuses_every_upload(tmp_path):
    geojson = tmp_path / "a.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nom": "MSP"}, "geometry": {"type": "Point", "coordinates": [-4.1, 48]}}]}))
    out = python(f"import pyogrio\nfrom geo.imports import validate\n"
                 f"print(validate('a.geojson', open({str(geojson)!r}, 'rb').read(), departement='29').report.refused)",
                 env={"GDAL_SKIP": ""})
    assert out.stdout.strip() == texts.REFUSE_GDAL_UNSAFE


def test_readers_take_only_a_vetted_file(tmp_path):
    path = tmp_path / "a.geojson"
    path.write_text("{}")
    with pytest.raises(TypeError):
        read(path, Report("a", 0, "structures", "29"), "29")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt,driver", [("kml", "KML"), ("geojson", "GeoJSON"), ("shapefile", "ESRI Shapefile")])
def test_a_vrt_that_reached_a_reader_is_still_not_opened(secret, fmt, driver):
    """Even past the sniffer (a gate bug, say), no registered driver opens a VRT."""
    path = secret.parent / "upload"
    path.write_bytes(vrt(secret))
    report = Report("a", 0, "structures", "29", format=fmt)
    with pytest.raises(ImportRefused) as refused:
        read(VettedFile(path, fmt, driver), report, "29")
    assert SECRET not in str(refused.value) and "not recognized" not in str(refused.value)


def test_content_gdal_sees_as_another_format_is_refused_naming_both(tmp_path):
    path = tmp_path / "upload.geojson"
    path.write_bytes(b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>A</name>'
                     b"<Point><coordinates>-4.1,48.0</coordinates></Point></Placemark></kml>")
    with pytest.raises(ImportRefused) as refused:
        read(VettedFile(path, "geojson", "GeoJSON"), Report("a", 0, "structures", "29"), "29")
    assert str(refused.value) == texts.REFUSE_DRIVER_MISMATCH.format(expected="GeoJSON", found="KML")


def test_the_gate_writes_in_a_private_folder_that_disappears():
    data = b'{"type": "FeatureCollection", "features": []}'
    with vet(data, Report("a.csv", len(data), "structures", "29")) as vetted:
        folder = vetted.path.parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(vetted.path.stat().st_mode) == 0o600
        assert (vetted.format, vetted.driver) == ("geojson", "GeoJSON")  # decided by content, not by ".csv"
    assert not folder.exists()


def test_a_zipped_gzipped_geojson_is_read_and_the_limits_are_in_the_report():
    feature = {"type": "Feature", "properties": {"nom": "MSP de Quimper", "type": "msp"},
               "geometry": {"type": "Point", "coordinates": [-4.103, 47.996]}}
    data = zipped({"a.geojson.gz": gzip.compress(json.dumps({"type": "FeatureCollection",
                                                             "features": [feature]}).encode())})
    result = validate("a.zip", data, departement="29")
    assert result.report.ok and list(result.features["name"]) == ["MSP de Quimper"]
    assert any(line.startswith("Décompressé : ") and "600 Mo" in line for _, line in result.report.lines())


@pytest.mark.parametrize("data,message", [
    (zipped({"a.zip": zipped({"a.geojson": b"{}"})}), texts.REFUSE_ZIP_FORBIDDEN.format(member="a.zip")),
    (zipped({"a.json": zipped({"a.geojson": b"{}"})}), texts.REFUSE_NESTED),  # a zip whatever its name
    (zipped({"a.gz": gzip.compress(gzip.compress(b"{}"))}), texts.REFUSE_BINARY),
])
def test_archives_inside_archives_are_refused(data, message):
    assert validate("a.zip", data, departement="29").report.refused == message

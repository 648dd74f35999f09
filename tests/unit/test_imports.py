"""Every accepted format and every refusal class, through the same entry point as the page and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geo import imports, texts
from geo.imports import validate
from tests.fixtures.builders import IMG, SCRIPT, build_all

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("fixtures"))


def run(files, name, kind="structures", **kwargs):
    return validate(name, files[name].read_bytes(), kind=kind, departement="29", **kwargs)


@pytest.mark.parametrize("name,kept,fmt", [
    ("structures.geojson", 5, "geojson"),
    ("structures.zip", 5, "shapefile"),
    ("deux_couches.gpkg", 5, "gpkg"),
    ("structures.kml", 4, "kml"),
    ("structures_latin1.csv", 5, "csv"),
    ("structures_codes.csv", 3, "csv"),
    ("finess_etalab.csv", 6, "finess_legacy"),
    ("finess_plus.json.gz", 5, "finess_plus"),
    ("finess_plus.json", 5, "finess_plus"),
])
def test_formats_are_read(files, name, kept, fmt):
    result = run(files, name)
    assert result.report.ok, result.report.refused
    assert result.report.format == fmt
    assert len(result.features) == kept == result.report.features_kept
    assert str(result.features.crs) == "EPSG:4326"
    assert set(result.features["commune_code"].str[:2]) == {"29"}


def test_shapefile_with_prj_is_reprojected(files):
    report = run(files, "structures.zip").report
    assert "2154" in report.crs_found and report.reprojected and not report.crs_assumed


def test_missing_prj_lambert93_is_detected_and_said(files):
    for name in ("structures_sans_prj.zip", "structures_l93_nocrs.geojson"):
        result = run(files, name)
        assert result.report.ok and result.report.crs_assumed == "l93"
        assert texts.REPORT_CRS_ASSUMED_L93 in [line for _, line in result.report.lines()]
        quimper = result.features[result.features["commune_code"] == "29232"].geometry.iloc[0]
        assert quimper.x == pytest.approx(-4.103, abs=1e-3) and quimper.y == pytest.approx(47.996, abs=1e-3)


def test_missing_prj_with_unknown_coordinates_is_refused(files):
    assert run(files, "utm_sans_prj.zip").report.refused == texts.REFUSE_CRS_UNKNOWN


def test_geopackage_layer_pick(files):
    report = run(files, "deux_couches.gpkg").report
    assert report.layers_available == ["msp", "perimetres"] and report.layer_read == "msp"
    cpts = run(files, "deux_couches.gpkg", kind="cpts", layer="perimetres")
    assert cpts.report.ok and cpts.report.cpts_count == 1
    unknown = run(files, "deux_couches.gpkg", layer="nope").report
    assert "nope" in unknown.refused and "msp, perimetres" in unknown.refused


def test_csv_latin1_semicolon_decimal_comma(files):
    result = run(files, "structures_latin1.csv")
    report = result.report
    assert report.encoding.startswith("Latin-1") and report.separator == ";"
    assert "Centre de santé dentaire de Morlaix" in set(result.features["name"])
    assert report.outside == ["MSP de Rennes (hors Finistère)"] and report.outside_dropped
    assert report.no_position == 1


def test_csv_codes_only_places_at_commune_and_lists_unmatched(files):
    result = run(files, "structures_codes.csv")
    assert result.report.unmatched_codes == ["99999"]
    assert result.report.at_commune == 3
    assert set(result.features["position_source"]) == {"commune"}
    assert dict(zip(result.features["name"], result.features["kind"], strict=True))["MSP de Châteaulin"] == "msp"


def test_cpts_polygons_repaired_deduplicated_and_mapped_to_communes(files):
    result = run(files, "cpts_perimetres.geojson", kind="cpts")
    report = result.report
    assert report.ok and report.repaired == 2 and report.dropped_duplicates == 1 and report.dropped_empty == 1
    assert report.cpts_count == 2
    crozon = result.features.loc[result.features["name"] == "CPTS Presqu'île de Crozon", "id"].iloc[0]
    assert set(result.members.loc[result.members["cpts_id"] == crozon, "commune_code"]) == {"29042", "29022", "29240", "29084"}
    assert result.features.geometry.is_valid.all()


def test_cpts_table_unmatched_overlaps_gaps_statuses_dates(files):
    result = run(files, "cpts_communes.csv", kind="cpts")
    report = result.report
    assert report.unmatched_codes == ["29000", "35238"]
    assert len(report.overlaps) == 1 and "Quimperlé" in report.overlaps[0]
    assert len(report.gaps) == 277 - 3
    row = result.features.set_index("name").loc["CPTS du Pays de Morlaix"]
    assert row["status"] == "en fonctionnement" and row["date_aci"] == "2022-02-10" and row["date_creation"] == "2021-06-01"


def test_cpts_context_counts_gaps_on_the_combination(files):
    from geo.territories import load_cpts

    result = validate("t.csv", files["cpts_communes.csv"].read_bytes(), kind="cpts", departement="29",
                      context_cpts=load_cpts("29"))
    assert len(result.report.gaps) < 277 - 3


def test_finess_legacy_filters_and_positions(files):
    result = run(files, "finess_etalab.csv")
    features = result.features.set_index("finess")
    assert "290000105" not in features.index and "220000106" not in features.index  # hospital, other département
    assert features.loc["290000101", "kind"] == "msp" and features.loc["290000103", "kind"] == "cds_dentaire"
    assert features.loc["290000104", "kind"] == "cpts_siege"
    assert features.loc["290000101", "position_source"] == "finess"
    assert features.loc["290000107", "position_source"] == "commune"
    assert features.loc["290000108", "name"] == "MSP D'ÉLLIANT"  # Latin-1 decoded
    quimperle = features.loc["290000101"].geometry
    assert quimperle.x == pytest.approx(-3.5456, abs=1e-3) and quimperle.y == pytest.approx(47.872, abs=1e-3)
    assert result.report.finess["other_cat"] == "1" and result.report.finess["other_dep"] == "1"


def test_finess_plus_keeps_closed_as_history_and_reads_swapped_coordinates(files):
    result = run(files, "finess_plus.json.gz")
    features = result.features.set_index("finess")
    assert set(features.index) == {"290001001", "290001002", "290001003", "290001006", "290001007"}
    assert features.loc["290001002", "kind"] == "cds_infirmier"
    closed = features.loc["290001003"]  # etatObjet I, closed on 2023-01-01: kept, never counted or drawn as open
    assert (closed["kind"], closed["status"], closed["status_date"]) == ("msp", "ferme", "2023-01-01")
    assert set(features.loc[features.index != "290001003", "status"]) == {"ouvert"}
    assert result.report.finess["closed"] == "1"
    assert features.loc["290001007", "commune_code"].startswith("29")  # swapped Lambert-93 fallback


def test_real_finess_plus_sample_is_parsed():
    # a copy of ../shared/opendata/finess's sample (FINESS+ open data, Licence Ouverte) kept with the tests
    sample = Path(__file__).resolve().parents[1] / "fixtures" / "finess" / "sample-finess-structures-journalier-20260309.json"
    report = validate(sample.name, sample.read_bytes(), departement="29").report
    assert report.format == "finess_plus"
    assert report.refused == texts.REFUSE_FINESS_NONE.format(dep="29")  # no 603/124/604 in the sample


@pytest.mark.parametrize("name,message", [
    ("vide.geojson", texts.REFUSE_EMPTY),
    ("page.geojson", texts.REFUSE_HTML),
    ("trop_de_fichiers.zip", texts.REFUSE_ZIP_MEMBERS.format(n=150, max=imports.MAX_ZIP_MEMBERS)),
    ("bombe.zip", texts.REFUSE_ZIP_BOMB.format(max_mb=imports.MAX_UNCOMPRESSED_MB)),
    ("utf16.csv", texts.REFUSE_ENCODING),
    ("networklink.kml", texts.REFUSE_KML_NETWORK),
    ("pas_geo.json", texts.REFUSE_JSON_NOT_GEO),
    ("incomplet.zip", texts.REFUSE_ZIP_MISSING.format(name="a", missing=".shx, .dbf")),
])
def test_refusals_are_clear_french_messages(files, name, message):
    result = run(files, name)
    assert result.report.refused == message
    assert result.features is None
    assert "Traceback" not in result.report.text()


def test_malformed_json_says_where(files):
    refused = run(files, "tronque.geojson").report.refused
    assert refused.startswith("JSON mal formé (ligne 1, colonne")


@pytest.mark.parametrize("name", ["zipslip.zip", "absolu.zip"])
def test_zip_slip_refused_before_extraction(files, name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused = run(files, name).report.refused
    assert refused.startswith("L'archive contient un chemin dangereux")
    assert not list(tmp_path.parent.glob("evil*"))


def test_remote_paths_never_opened(files):
    assert run(files, "vrt.zip").report.refused.startswith("L'archive contient un fichier non autorisé (a.vrt)")


def test_zip_bomb_with_lying_sizes_is_bounded(tmp_path, monkeypatch):
    """Declared sizes are checked, and extraction counts real bytes too."""
    import io
    import os
    import zipfile

    from geo.importing import limits

    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_MB", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.shp", os.urandom(2 * 1024 * 1024))
        archive.writestr("a.shx", b"")
        archive.writestr("a.dbf", b"")
    refused = validate("a.zip", buffer.getvalue()).report.refused
    assert refused == texts.REFUSE_ZIP_BOMB.format(max_mb=1)


def test_upload_size_limit():
    refused = validate("big.csv", b"a;b\n" * 400_000, max_upload_mb=1).report.refused
    assert refused.startswith("Le fichier dépasse la taille maximale")


def test_script_strings_are_kept_as_text_not_code(files):
    """Properties are stored as written; escaping happens wherever they are shown."""
    result = run(files, "structures.geojson")
    assert f"MSP {SCRIPT}" in set(result.features["name"])
    assert IMG in set(result.features["address"])


def test_free_layer_keeps_any_geometry_and_reports_outside(files):
    result = run(files, "structures_latin1.csv", kind="layer")
    assert result.report.ok and len(result.report.outside) == 1 and not result.report.outside_dropped
    assert len(result.features) == 6


def test_diff_added_removed_changed(files):
    first = run(files, "structures.geojson").features
    second = first.iloc[1:].copy()
    second.loc[second.index[0], "status"] = "ferme"
    d = imports.diff("structures", first, second)
    assert d.removed == [first["name"].iloc[0]] and d.changed == [second["name"].iloc[0]] and d.same == 3 and not d.added


def test_cli_exit_codes(files):
    ok = subprocess.run([sys.executable, "-m", "geo.imports", str(files["finess_etalab.csv"]), "--departement", "29"],
                        cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and texts.REPORT_USABLE in ok.stdout
    refused = subprocess.run([sys.executable, "-m", "geo.imports", str(files["page.geojson"]), "--kind", "layer"],
                             cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 2 and texts.REFUSE_HTML in refused.stdout and "Traceback" not in refused.stderr
    cpts = subprocess.run([sys.executable, "-m", "geo.imports", str(files["cpts_communes.csv"]), "--kind", "cpts"],
                          cwd=ROOT, capture_output=True, text=True)
    assert cpts.returncode == 0 and "29000, 35238" in cpts.stdout


# --- Every other refusal class: a French message that says what to fix, never a traceback ------------

@pytest.mark.parametrize("name,kind,message", [
    ("binaire.bin", "structures", texts.REFUSE_BINARY),
    ("trace.gpx", "structures", texts.REFUSE_XML),
    ("tronque.json.gz", "structures", texts.REFUSE_GZIP),
    ("abime.zip", "structures", texts.REFUSE_ZIP_BAD),
    ("chiffre.zip", "structures", texts.REFUSE_ZIP_ENCRYPTED),
    ("sans_shp.zip", "structures", texts.REFUSE_ZIP_NO_SHP),
    ("pas_gpkg.gpkg", "structures", texts.REFUSE_GPKG),
    ("gpkg_sans_couche.gpkg", "structures", texts.REFUSE_GPKG_NO_LAYER),
    ("vue_distante.gpkg", "structures", texts.REFUSE_REMOTE.format(what="/vsi")),
    ("crs_lien.geojson", "layer", texts.REFUSE_REMOTE.format(what="« crs » de type « link »")),
    ("collection_vide.geojson", "structures", texts.REFUSE_NO_FEATURE),
    ("sans_geometrie.geojson", "structures", texts.REFUSE_NO_GEOMETRY),
    ("sans_geometrie.geojson", "layer", texts.REFUSE_NO_GEOMETRY),
    ("coords_illisibles.csv", "structures",
     texts.REFUSE_CSV_COORDS.format(columns="latitude, longitude", sample="48°23'")),
    ("guillemets.csv", "structures", texts.REFUSE_CSV_BAD.format(detail=texts.CSV_OPEN_QUOTE.format(line=2))),
    ("classeur.xlsx", "structures", texts.REFUSE_OFFICE),
    ("doctype.kml", "structures", texts.REFUSE_XML_DOCTYPE),
    ("profond.json", "structures", texts.REFUSE_JSON.format(detail=texts.JSON_TOO_DEEP)),
    ("hors_departement.csv", "structures", texts.REFUSE_NOTHING_KEPT),
    ("structures.geojson", "cpts", texts.REFUSE_CPTS_GEOMETRY),
    ("pas_geo.json", "layer", texts.REFUSE_JSON_NOT_GEO),
])
def test_every_refusal_class_has_its_message(files, name, kind, message):
    report = run(files, name, kind=kind).report
    assert report.refused == message
    assert report.text().splitlines()[-1] == "✖ " + texts.REPORT_REFUSED.format(reason=message)


def test_csv_without_position_or_cpts_columns_lists_the_columns_read(files):
    assert run(files, "sans_position.csv").report.refused == texts.REFUSE_CSV_NO_POSITION.format(columns="nom, type")
    assert run(files, "sans_position.csv", kind="cpts").report.refused == texts.REFUSE_CSV_NO_CPTS.format(
        columns="nom, type")


def test_several_shapefiles_in_one_zip_pick_the_layer(files):
    data = files["deux_shp.zip"].read_bytes()
    first = validate("deux.zip", data, departement="29")
    assert first.report.ok and sorted(first.report.layers_available) == ["cds", "msp"]
    picked = validate("deux.zip", data, departement="29", layer="cds")
    assert picked.report.layer_read == "cds" and len(picked.features) == 3
    refused = validate("deux.zip", data, departement="29", layer="autre").report.refused
    assert refused == texts.REFUSE_ZIP_SEVERAL.format(names=", ".join(first.report.layers_available))


def test_unknown_departement_and_unexpected_errors_are_french(files, monkeypatch):
    from geo.reference import available_departements

    data = files["structures.geojson"].read_bytes()
    assert "29" in available_departements()
    for dep in ("99", "../29"):
        assert validate("a.geojson", data, departement=dep).report.refused == \
            texts.REFUSE_UNKNOWN_DEPARTEMENT.format(dep=dep, available=", ".join(available_departements()))
    import geo.imports

    def broken(dep):
        raise KeyError("code")

    monkeypatch.setattr(geo.imports, "load_communes", broken)
    report = validate("a.geojson", data, departement="29").report
    assert report.refused == texts.REFUSE_INTERNAL.format(detail="'code'") and "Traceback" not in report.text()


def test_no_remote_resource_named_in_a_file_is_ever_fetched(files, tmp_path):
    """A local HTTP server stands for 'the internet': no file may make the reader call it."""
    import http.server
    import json
    import threading

    from tests.fixtures.builders import shapefile_zip, structures_frame, zip_bytes

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                             b'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        linked = json.loads(files["structures.geojson"].read_bytes())
        linked["crs"] = {"type": "LINK", "properties": {"href": url + "/crs.wkt", "type": "ogcwkt"}}
        named = dict(linked, crs={"type": "name", "properties": {"name": url + "/crs"}})
        shp = shapefile_zip(structures_frame(False), tmp_path, "distant", with_prj=False,
                            extra={"distant.prj": (url + "/distant.prj").encode()})
        kml = (f'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
               f'<Style id="s"><IconStyle><Icon><href>{url}/icon.png</href></Icon></IconStyle></Style>'
               f'<GroundOverlay><Icon><href>{url}/overlay.png</href></Icon></GroundOverlay>'
               f'<Placemark><styleUrl>{url}/style.kml#s</styleUrl><name>A</name>'
               f'<Point><coordinates>-4.1,48.0,0</coordinates></Point></Placemark></Document></kml>').encode()
        vrt = zip_bytes({"a.vrt": f"<OGRVRTDataSource><OGRVRTLayer name='a'><SrcDataSource>/vsicurl/{url}/a.shp"
                                  f"</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>".encode()})
        results = {name: validate(name, data, departement="29").report for name, data in (
            ("lien.geojson", json.dumps(linked).encode()), ("nom.geojson", json.dumps(named).encode()),
            ("distant.zip", shp), ("styles.kml", kml), ("vrt.zip", vrt))}
    finally:
        server.shutdown()
    assert hits == []
    assert results["lien.geojson"].refused.startswith("Le fichier fait référence à des données distantes")
    assert results["vrt.zip"].refused.startswith("L'archive contient un fichier non autorisé")


def test_cli_never_prints_control_characters_from_a_file(tmp_path):
    hostile = tmp_path / "ansi.csv"
    hostile.write_bytes(b"nom;type;latitude;longitude\nMSP \x1b[2J\x1b[31mrouge\x07;msp;48.11;-1.68\n"
                        b"MSP B;msp;48.0;-4.1\n")
    out = subprocess.run([sys.executable, "-m", "geo.imports", str(hostile)], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "MSP \ufffd[2J\ufffd[31mrouge\ufffd" in out.stdout
    assert not any(ch in out.stdout for ch in "\x1b\x07")


def test_finess_legacy_overseas_positions_use_the_projection_named_in_the_line():
    """Réunion's geolocalisation is in UTM 40S (RGR92), said in sourcecoordet: not Lambert-93."""
    import geopandas as gpd
    from shapely.geometry import Point

    point = gpd.GeoSeries([Point(55.4500, -20.8800)], crs=4326).to_crs("EPSG:2975").iloc[0]  # Saint-Denis
    fields = ["974000101", "974000000", "MSP DE SAINT-DENIS", "MSP DE SAINT-DENIS", "", "", "1", "R", "DE PARIS", "",
              "", "411", "9D", "LA REUNION", "97400 SAINT DENIS", "", "", "603", "Maison de santé (L.6223-3)", "1100",
              "", "", "", "", "", "", "", "2020-01-01", "2020-01-01", "2024-01-01", ""]
    text = ("finess;etalab;95;2024-06-30\nstructureet;" + ";".join(fields) + "\n"
            f"geolocalisation;974000101;{point.x:.1f};{point.y:.1f};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40;2024-01-01\n")
    from geo import finess
    from geo.importing.report import Report
    from geo.importing.structures import _finess_points

    parse = finess.parse_legacy(text, "974")  # Réunion's communes are not shipped: the parser and the points
    assert list(parse.records["crs"]) == ["EPSG:2975"] and list(parse.records["commune_code"]) == ["97411"]
    report = Report("f.csv", 0, "structures", "974")
    msp = _finess_points(parse.records, report).iloc[0]
    assert msp.x == pytest.approx(55.45, abs=1e-3) and msp.y == pytest.approx(-20.88, abs=1e-3)
    assert "EPSG:2975" in report.crs_found and report.reprojected

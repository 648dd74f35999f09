"""Shared geometry files: named by their content, written whole or not at all, embedded when the folder is
read-only, and decoding back to the shapes they were made from."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import shapely

from geo.maps import geometry_files
from geo.maps import layers as maps
from geo.reference import load_communes
from tests.unit.test_maps import decode


def test_the_same_content_gets_the_same_name_and_another_content_another(tmp_path):
    first = geometry_files.publish(b'[{"g": 1}]', tmp_path)
    again = geometry_files.publish(b'[{"g": 1}]', tmp_path)
    other = geometry_files.publish(b'[{"g": 2}]', tmp_path)
    assert first == again != other
    assert first == geometry_files.URL_PREFIX + geometry_files.content_name(b'[{"g": 1}]')
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(u.rsplit("/", 1)[1] for u in (first, other))
    assert (tmp_path / first.rsplit("/", 1)[1]).read_bytes() == b'[{"g": 1}]'


def test_a_published_file_is_not_written_again(tmp_path, monkeypatch):
    url = geometry_files.publish(b"[1,2,3]", tmp_path)
    monkeypatch.setattr(geometry_files.tempfile, "mkstemp", lambda **kw: pytest.fail("written twice"))
    assert geometry_files.publish(b"[1,2,3]", tmp_path) == url


def test_the_file_appears_whole_by_a_rename_never_half_written(tmp_path, monkeypatch):
    data = b"x" * 200_000
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        # At the rename the final name does not exist yet and the temporary file holds everything.
        seen.append((Path(target).exists(), Path(source).read_bytes() == data, Path(source).parent == tmp_path))
        real_replace(source, target)

    monkeypatch.setattr(geometry_files.os, "replace", watching_replace)
    url = geometry_files.publish(data, tmp_path)
    assert seen == [(False, True, True)]
    assert [p.name for p in tmp_path.iterdir()] == [url.rsplit("/", 1)[1]]


def test_a_failed_write_leaves_no_file_and_says_so(tmp_path, monkeypatch):
    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geometry_files.os, "fsync", full_disk)
    assert geometry_files.publish(b"[1]", tmp_path) is None
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary copy


def test_a_folder_that_cannot_be_written_gives_no_url(tmp_path, monkeypatch):
    blocker = tmp_path / "install"
    blocker.write_text("a file where the folder should be")  # mkdir fails, even for root
    assert geometry_files.publish(b"[1]", blocker / "geometry") is None

    def read_only(**kwargs):
        raise PermissionError(13, "Permission denied")  # what a read-only folder answers

    monkeypatch.setattr(geometry_files.tempfile, "mkstemp", read_only)
    assert geometry_files.publish(b"[1]", tmp_path) is None


def communes_map_html(share: str, communes=None) -> str:
    communes = maps.simplify(load_communes("29").head(12)) if communes is None else communes
    features = maps.encoded_features(communes.geometry.values, [{"tip": name} for name in communes["nom"]])
    base = maps.base_map(tuple(communes.total_bounds))
    maps.communes_layer(features, share=share).add_to(base)
    return base.get_root().render()


def test_a_map_fetches_shared_geometry_and_keeps_only_the_properties(tmp_path, monkeypatch):
    monkeypatch.setattr(geometry_files, "FOLDER", tmp_path)
    embedded, shared = communes_map_html("none"), communes_map_html("geometry")
    urls = geometry_files.urls_in(shared)
    assert len(urls) == 1 and geometry_files.file_bytes(urls[0]) > 0
    assert len(shared) < len(embedded) - geometry_files.file_bytes(urls[0]) * 0.9
    text = (tmp_path / urls[0].rsplit("/", 1)[1]).read_text()
    assert {key for feature in json.loads(text) for key in feature} == {"g"}  # the properties stay in the map
    assert "Argol" not in text and "Argol" in shared
    assert geometry_files.urls_in(embedded) == []


def test_a_read_only_install_embeds_the_geometry_as_before(tmp_path, monkeypatch):
    blocker = tmp_path / "static"
    blocker.write_text("")
    monkeypatch.setattr(geometry_files, "FOLDER", blocker / "geometry")
    html = communes_map_html("geometry")
    assert geometry_files.urls_in(html) == []
    assert '"url": null, "inline": "[' in html
    assert html.count('\\"g\\":') == 12  # every commune's shape is in the map itself


def test_decoded_geometry_equals_the_source_within_the_encoding_precision(tmp_path, monkeypatch):
    monkeypatch.setattr(geometry_files, "FOLDER", tmp_path)
    communes = maps.simplify(load_communes("29").head(40))
    url = geometry_files.urls_in(communes_map_html("geometry", communes))[0]
    shared = json.loads((tmp_path / url.rsplit("/", 1)[1]).read_text())
    assert len(shared) == len(communes)
    for feature, source in zip(shared, communes.geometry.values, strict=True):
        polygons = [feature["g"]["e"]] if feature["g"]["type"] == "Polygon" else feature["g"]["e"]
        decoded = shapely.MultiPolygon([shapely.Polygon(decode(rings[0]), [decode(r) for r in rings[1:]])
                                        for rings in polygons])
        expected = [p for p in getattr(source, "geoms", [source])]
        assert len(decoded.geoms) == len(expected)
        for got, want in zip(decoded.geoms, expected, strict=True):
            assert shapely.get_num_coordinates(got) == shapely.get_num_coordinates(want)
            offsets = shapely.get_coordinates(got) - shapely.get_coordinates(want)
            assert abs(offsets).max() <= 0.5e-5 + 1e-9  # half a unit of the 1e-5 degree grid


def test_urls_are_found_once_each_in_order():
    a, b = (geometry_files.URL_PREFIX + geometry_files.content_name(x) for x in (b"a", b"b"))
    assert geometry_files.urls_in(f"{b} {a} {b}") == [b, a]
    assert re.fullmatch(r"[0-9a-f]{20}\.json", a.rsplit("/", 1)[1])


def test_prune_empties_the_folder(tmp_path):
    geometry_files.publish(b"[1]", tmp_path)
    geometry_files.publish(b"[2]", tmp_path)
    assert geometry_files.prune(tmp_path) == 2 and list(tmp_path.iterdir()) == []
    assert geometry_files.prune(tmp_path / "absent") == 0


def test_embedding_can_be_asked_for(tmp_path, monkeypatch):
    monkeypatch.setenv(geometry_files.MODE_ENV, "embed")
    assert geometry_files.publish(b"[1]", tmp_path) is None and list(tmp_path.iterdir()) == []

"""Unit tests write no file into the app's static/ folder: maps that share geometry write it to a tmp folder."""

from __future__ import annotations

import pytest

from geo.maps import geometry_files


@pytest.fixture(autouse=True)
def private_geometry_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setattr(geometry_files, "FOLDER", tmp_path_factory.mktemp("geometry"))

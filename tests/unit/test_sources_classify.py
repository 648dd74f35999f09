"""The catalogue's choice of file and the one-line change summary (classification: tests/unit/test_classify.py)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo import texts
from geo.sources.catalogue import pick
from geo.sources.http import SourceError
from geo.sources.summary import structures_summary


def listing(*names: str, **extra) -> dict:
    return {"license": "odc-odbl", "resources": [{"title": n, "format": "json.gz", "url": f"https://static/{n}",
                                                  "last_modified": "2026-01-01T00:00:00+00:00"} for n in names]}


def test_the_catalogue_gives_the_newest_journalier_file():
    found = pick(listing("finess-structures-mensuel-202603.json.gz", "finess-structures-journalier-20260308.json.gz",
                         "finess-structures-journalier-20260309.json.gz", "notice.pdf"), "journalier", ("json.gz",))
    assert found.name == "finess-structures-journalier-20260309.json.gz" and found.date == "2026-03-09"
    assert found.licence == "odc-odbl"


def test_a_catalogue_without_the_file_says_so():
    with pytest.raises(SourceError) as error:
        pick(listing("notice.pdf"), "journalier", ("json.gz",))
    assert str(error.value) == texts.SOURCES_CATALOGUE_EMPTY.format(word="journalier")


def structures(rows: list[tuple[str, str, str, float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": [f"F{r[0]}" for r in rows], "finess": [r[0] for r in rows],
                             "name": [f"N{r[0]}" for r in rows], "kind": [r[1] for r in rows],
                             "status": [r[2] for r in rows], "address": ""},
                            geometry=[Point(r[3], r[4]) for r in rows], crs="EPSG:4326")


def test_the_summary_counts_added_closed_removed_and_moved_over_500_m():
    before = structures([("1", "msp", "ouvert", -4.1, 48.0), ("2", "msp", "ouvert", -4.2, 48.1),
                         ("3", "cds", "ouvert", -4.3, 48.2), ("4", "msp", "ouvert", -4.4, 48.3)])
    after = structures([("1", "msp", "ouvert", -4.1, 48.0), ("2", "msp", "ferme", -4.2, 48.1),
                        ("3", "cds", "ouvert", -4.3, 48.21), ("4", "msp", "ouvert", -4.4, 48.3004),
                        ("5", "msp", "ouvert", -4.5, 48.4), ("6", "msp", "ouvert", -4.5, 48.4)])
    summary = structures_summary(before, after)
    assert (summary.added["msp"], summary.closed, summary.removed, summary.moved) == (2, 1, 0, 1)  # 44 m is not a move
    assert summary.line() == ", ".join([texts.SOURCES_SUMMARY_ADDED.format(n=2, what="MSP"),
                                        texts.SOURCES_SUMMARY_CLOSED.format(n=1),
                                        texts.SOURCES_SUMMARY_MOVED.format(n=1, metres="500")])
    gone = structures_summary(after, before)
    assert gone.removed == 2 and structures_summary(before, before).line() == texts.SOURCES_SUMMARY_NOTHING

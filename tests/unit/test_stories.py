"""Stories: steps checked, saved with the layers and versioned on both backends (GeoPackage, PostGIS)."""

from __future__ import annotations

import sqlite3

import pytest

from geo import stories, texts
from geo.store import GeoPackageStore, PostGISStore, WriteRefused, hash_password
from geo.store.stories import STORIES_TABLE, list_stories, load_story, save_story, story_versions

PASSWORD = "secret-analyste"
HASH = hash_password(PASSWORD, iterations=1000)


@pytest.fixture(params=("gpkg", "postgis"))
def store(request, tmp_path):
    if request.param == "postgis":
        return PostGISStore(request.getfixturevalue("postgis_server").new_database(), password_hash=HASH)
    return GeoPackageStore(tmp_path / "layers.gpkg", password_hash=HASH)


def step(title: str, **params: str) -> stories.Step:
    return stories.make_step("couverture", params, title, "Une légende")


def test_a_step_keeps_the_view_not_where_the_presenter_is():
    made = stories.make_step("fiche", {"commune": "29232", "onglet": "acces", "histoire": "S", "etape": "2",
                                       "presentation": "1"}, "  Brest  ", " accès\n aux soins ")
    assert made == stories.Step("fiche", {"commune": "29232", "onglet": "acces"}, "Brest", "accès aux soins")
    assert made.link("Tour", 3) == "./fiche?commune=29232&onglet=acces&histoire=Tour&etape=3"


@pytest.mark.parametrize("page, title, caption, message", [
    ("inconnue", "T", "", texts.STORY_BAD_PAGE.format(page="inconnue")),
    ("", " ", "", texts.STORY_TITLE_EMPTY),
    ("", "T" * 81, "", texts.STORY_TOO_LONG.format(what=texts.STORY_TITLE_WHAT, max=80)),
    ("", "T", "c" * 301, texts.STORY_TOO_LONG.format(what=texts.STORY_CAPTION_WHAT, max=300)),
])
def test_a_bad_step_is_refused_in_french(page, title, caption, message):
    with pytest.raises(stories.StoryError) as error:
        stories.make_step(page, {}, title, caption)
    assert str(error.value) == message


@pytest.mark.parametrize("name", ["", "   ", "a/b", "<script>", "x" * 61])
def test_a_bad_story_name_is_refused(name):
    with pytest.raises(stories.StoryError):
        stories.check_name(name)


def test_a_step_the_story_lacks_opens_the_first_with_a_notice():
    story = stories.Story("Tour", (step("a"), step("b")))
    assert stories.step_index("2", story) == (1, None)
    assert stories.step_index("3", story) == (0, texts.STORY_BAD_STEP.format(value="3", name="Tour", count=2))
    assert stories.step_index("-1", story)[0] == 0


def test_each_save_is_a_new_version_and_the_newest_is_read(store):
    assert list_stories(store) == [] and load_story(store, "Tour") is None
    first = save_story(store, stories.Story("Tour", (step("Un", territoire="D29"),)), author="Alice", password=PASSWORD)
    second = save_story(store, first.with_step(step("Deux", territoire="D22", onglet="carte")), author="Bob",
                        password=PASSWORD)
    save_story(store, stories.Story("Autre", (step("X"),)), author="Alice", password=PASSWORD)
    assert (first.version, second.version) == (1, 2)
    latest = load_story(store, "Tour")
    assert [s.title for s in latest.steps] == ["Un", "Deux"] and latest.version == 2 and latest.author == "Bob"
    assert dict(latest.steps[1].params) == {"territoire": "D22", "onglet": "carte"}
    assert [s.title for s in load_story(store, "Tour", version=1).steps] == ["Un"]  # the old version is kept
    assert story_versions(store, "Tour") == [1, 2]
    assert [(s.name, s.version) for s in list_stories(store)] == [("Autre", 1), ("Tour", 2)]


def test_a_viewer_cannot_save_a_story(store):
    with pytest.raises(WriteRefused):
        save_story(store, stories.Story("Tour", (step("Un"),)), author="Eve", password="faux")
    assert list_stories(store) == []


def test_stories_live_in_the_layers_geopackage(tmp_path):
    store = GeoPackageStore(tmp_path / "layers.gpkg", password_hash=HASH)
    save_story(store, stories.Story("Tour", (step("Un"),)), author="Alice", password=PASSWORD)
    with sqlite3.connect(store.path) as con:
        assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = ?", (STORIES_TABLE,)).fetchone() \
            == ("attributes",)
    assert store.token() == "0"  # a story is no layer version: the maps' caches are untouched


def test_a_damaged_saved_story_is_a_french_error(tmp_path):
    store = GeoPackageStore(tmp_path / "layers.gpkg", password_hash=HASH)
    save_story(store, stories.Story("Tour", (step("Un"),)), author="Alice", password=PASSWORD)
    with sqlite3.connect(store.path) as con:
        con.execute(f"UPDATE {STORIES_TABLE} SET steps = '[{{\"page\": \"admin\"}}]'")
    with pytest.raises(stories.StoryError, match="illisible"):
        load_story(store, "Tour")

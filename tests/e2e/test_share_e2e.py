"""The link is the view, in Chromium: a link with every parameter of Couverture and Fiche opens that view, Back and
Forward move between views and the page follows, a three-step story is played with the keyboard's arrows."""

from __future__ import annotations

import pytest

from geo import barometer, stories, texts
from geo.store import GeoPackageStore, hash_password
from geo.store.stories import save_story
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "analyste-e2e"  # the session server's (tests/e2e/conftest.py)
D22 = texts.COUV_TITLE.format(territory="Côtes-d'Armor (22)")
D29 = texts.COUV_TITLE.format(territory="Finistère (29)")


def settle(page) -> None:
    """The script has finished and nothing of an earlier run is left on screen."""
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    wait_for_app(page)


def wait_url(page, *parts: str, absent: tuple[str, ...] = ()) -> None:
    condition = " && ".join([*(f"location.href.includes({p!r})" for p in parts),
                             *(f"!location.href.includes({p!r})" for p in absent)])
    page.wait_for_function(condition, timeout=30_000)
    settle(page)


def heading(page, name: str) -> None:
    page.get_by_role("heading", name=name).first.wait_for(timeout=60_000)


def selected_tab(page) -> str:
    return page.locator('[role="tab"][aria-selected="true"]').first.inner_text()


def wait_tab(page, name: str) -> None:
    """The page follows the link after a Back or Forward: its rerun may start after the URL has changed."""
    page.get_by_role("tab", name=name, selected=True).first.wait_for(timeout=30_000)
    assert selected_tab(page) == name


def open_link(page, app_url: str, path: str) -> None:
    page.goto(app_url)  # the app's entry first, as a visitor arriving on the home page
    wait_for_app(page)
    page.goto(app_url + path)
    settle(page)


def test_a_link_with_every_parameter_opens_the_same_view(page, app_url):
    link = "/couverture?territoire=D22&onglet=classement&echeance=plan_2023"
    open_link(page, app_url, link)
    heading(page, D22)
    wait_tab(page, texts.COUV_TAB_RANK)
    assert page.get_by_role("radio", name=barometer.SCHEDULES["plan_2023"].label).is_checked()
    assert page.url.endswith(link)  # nothing rewritten, nothing dropped
    scenario = '{"m":["29026"]}'
    open_link(page, app_url, f"/fiche?territoire=D29&commune=29232&onglet=acces&scenario={scenario}")
    heading(page, texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS["commune"], name="Quimper"))
    wait_tab(page, texts.FICHE_TABS[1])
    assert page.evaluate("new URLSearchParams(location.search).get('scenario')") == scenario
    assert page.locator('[data-testid="stAlert"]').filter(has_text="lien").count() == 0
    screenshot(page, "share_fiche_link")


def test_back_and_forward_bring_the_previous_view_back(page, app_url):
    open_link(page, app_url, "/couverture?territoire=D29")
    heading(page, D29)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type("Côtes-d")  # the list is long: only what fits is drawn
    page.get_by_role("option", name="22 – Côtes-d'Armor").click()
    wait_url(page, "territoire=D22")
    heading(page, D22)
    page.get_by_role("tab", name=texts.COUV_TAB_RANK).click()
    wait_url(page, "territoire=D22", "onglet=classement")
    page.go_back()
    wait_url(page, "territoire=D22", absent=("onglet=",))
    wait_tab(page, texts.COUV_TAB_PROGRESS)
    page.go_back()
    wait_url(page, "territoire=D29")
    heading(page, D29)
    page.go_forward()
    wait_url(page, "territoire=D22")
    heading(page, D22)
    wait_tab(page, texts.COUV_TAB_PROGRESS)
    page.go_forward()
    wait_url(page, "territoire=D22", "onglet=classement")
    wait_tab(page, texts.COUV_TAB_RANK)


def test_back_returns_to_the_previous_fiche_and_its_chooser_follows(page, app_url):
    open_link(page, app_url, "/fiche?territoire=D29&commune=29232")
    heading(page, texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS["commune"], name="Quimper"))
    chooser = page.locator('[data-testid="stMain"] .st-key-fiche_pick_commune')
    chooser.click()
    page.keyboard.type("Châteaulin")
    page.get_by_role("option", name="Châteaulin (29026)").click()
    wait_url(page, "commune=29026")
    heading(page, texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS["commune"], name="Châteaulin"))
    page.go_back()
    wait_url(page, "commune=29232")
    heading(page, texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS["commune"], name="Quimper"))
    shown = chooser.inner_text() + " ".join(chooser.locator("input").evaluate_all("els => els.map(e => e.value)"))
    assert "Quimper (29232)" in shown, shown


def test_back_undoes_a_scenario_edit_on_the_fiche(page, app_url):
    open_link(page, app_url, "/fiche?territoire=D29&commune=29026&onglet=scenario")
    chooser = page.locator('[role="tabpanel"]:visible [data-testid="stMultiSelect"]').filter(
        has_text=texts.SCENARIO_ADD_MSP)
    chooser.locator("input").click()
    page.keyboard.type("Châteaulin")
    page.get_by_role("option", name="Châteaulin (29026)").click()
    page.keyboard.press("Escape")
    wait_url(page, "scenario=")
    page.get_by_role("heading", name=texts.SCENARIO_LABEL).wait_for(timeout=30_000)
    page.go_back()
    wait_url(page, "onglet=scenario", absent=("scenario=%7B", "scenario={"))
    page.get_by_text(texts.SCENARIO_EMPTY).wait_for(timeout=30_000)
    assert "Châteaulin" not in chooser.inner_text()
    page.go_forward()
    wait_url(page, "scenario=")
    page.get_by_role("heading", name=texts.SCENARIO_LABEL).wait_for(timeout=30_000)
    assert "Châteaulin" in chooser.inner_text()


def test_a_three_step_story_is_played_with_the_keyboard(page, app_url, store_dir):
    steps = (stories.make_step("", {"territoire": "D29"}, "Le Finistère", "Où sont les MSP."),
             stories.make_step("couverture", {"territoire": "D22", "onglet": "classement"}, "Le classement",
                               "Les Côtes-d'Armor parmi les départements."),
             stories.make_step("fiche", {"territoire": "D29", "commune": "29232", "onglet": "acces"}, "Quimper",
                               "L'accès aux soins."))
    store = GeoPackageStore(store_dir / "layers.gpkg", password_hash=hash_password(PASSWORD))
    save_story(store, stories.Story("Webinaire", steps), author="Alice", password=PASSWORD)
    open_link(page, app_url, "/?histoire=Webinaire")
    wait_url(page, "histoire=Webinaire", "etape=1", "territoire=D29")
    heading(page, "Le Finistère")
    heading(page, texts.CARTE_TITLE)
    page.get_by_text(texts.STORY_STEP.format(name="Webinaire", step=1, count=3)).wait_for()

    page.keyboard.press("ArrowRight")
    wait_url(page, "/couverture?", "etape=2", "territoire=D22", "onglet=classement")
    heading(page, "Le classement")
    heading(page, D22)
    page.get_by_text("Les Côtes-d'Armor parmi les départements.").wait_for()
    wait_tab(page, texts.COUV_TAB_RANK)

    page.keyboard.press("ArrowRight")
    wait_url(page, "/fiche?", "etape=3", "commune=29232")
    heading(page, texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS["commune"], name="Quimper"))
    wait_tab(page, texts.FICHE_TABS[1])
    assert page.get_by_role("button", name=texts.STORY_NEXT).is_disabled()
    screenshot(page, "share_story_step_3")

    page.keyboard.press("ArrowLeft")
    wait_url(page, "/couverture?", "etape=2")
    heading(page, "Le classement")
    # the browser's history holds each step once: Back walks 2 <- 3 <- 2 <- 1
    for path, step, title in (("/fiche?", 3, "Quimper"), ("/couverture?", 2, "Le classement"), ("/?", 1, "Le Finistère")):
        page.go_back()
        wait_url(page, path, f"etape={step}")
        heading(page, title)
        page.get_by_text(texts.STORY_STEP.format(name="Webinaire", step=step, count=3)).wait_for()

"""Every page in French and accessible, in real Chromium.

axe-core comes from the pinned PyPI package axe-playwright-python (it bundles axe.min.js: no CDN, no
network). It is loaded into every frame, the map's iframe included, and run from the page.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from geo import texts
from tests.e2e.conftest import FRAME_QUERY, MAP_IFRAME, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e

PAGES = {"carte": "/", "couverture": "/couverture", "fiche": "/fiche", "donnees": "/donnees"}
# axe's scan also covers the other views a link opens: France, a région, a fiche's tabs, Couverture's check tab.
AXE_PAGES = PAGES | {"france": "/?territoire=FRANCE", "region": "/?territoire=R53", "fiche_commune": "/fiche?commune=29019",
                     "verification": "/couverture?onglet=verification",
                     "fiche_presenting": "/fiche?commune=29019&presentation=1"}  # its tab body scrolls within
# What fails the scan: anything serious or critical, and the page's outline (one h1, no skipped heading level).
FAILING_RULES = {"heading-order", "page-has-heading-one"}
# Streamlit's, plotly's and Leaflet's own English, as they ship it (whole words, case as shown).
ENGLISH = [
    "Upload", "Browse files", "Drag and drop", "per file", "Fullscreen", "Close fullscreen", "Download as CSV",
    "Show/hide columns", "Search", "Clear", "Delete", "Choose", "Select a date", "Previous month", "Next month",
    "Download plot", "Zoom in", "Zoom out", "Reset axes", "Reset view", "Autoscale", "Box Select", "Lasso Select",
    "Pan", "Toggle Spike Lines", "Produced with Plotly", "Show closest data", "Compare data", "Running",
    "Page not found", "Connection error", "Please wait", "No results", "Deploy", "Main menu", "Rerun",
    "January", "February", "Monday", "Tuesday", "Skip to main content", "Collapse sidebar", "Expand sidebar",
    "App pages", "Help for", "Link to heading", "Copy to clipboard", "Sidebar", "Empty",
    "day,", "month,", "year,", "dd", "yyyy", "December", "Use arrow keys", "Clear all",
    "Connecting", "Streamlit server", "Is Streamlit still running", "Error",
]
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
# Everything a user reads or a screen reader says, in one frame: visible text and the labelling attributes.
WORDS_JS = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[data-title],[alt]')) {
    for (const a of ['title', 'aria-label', 'placeholder', 'data-title', 'alt']) {
      const v = el.getAttribute(a); if (v) out.push(v);
    }
  }
  return out.join('\\n');
}"""


def open_page(page, app_url: str, name: str) -> None:
    page.goto(app_url + AXE_PAGES[name])
    wait_for_app(page)
    page.wait_for_function("window.__carteFrenchChrome === true")  # app.py's frame.french_chrome has run
    if name in ("carte", "france", "region", "fiche_commune", "fiche_presenting"):
        page.frame_locator(MAP_IFRAME).first.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
        wait_for_app(page)  # a Carte's first view: the run its drawn map asks for has added the panels
    if name == "couverture":  # plotly draws its modebar once the figure is laid out
        page.locator(".modebar-btn").first.wait_for(state="attached", timeout=60_000)
    if name == "fiche_presenting":  # the page's script has sized the tab's body (static/french_chrome.js)
        page.wait_for_function("document.body.getAttribute('data-screen-fit') === 'settled'")
    if name == "donnees":
        page.locator('[data-testid="stFileUploaderDropzone"]').wait_for(timeout=60_000)


def english_on(page) -> list[str]:
    found = []
    for frame in page.frames:
        if frame.url.startswith(("http://127.0.0.1", "about:srcdoc")):
            found += ENGLISH_RE.findall(frame.evaluate(WORDS_JS))
    return sorted(set(found))


def failing_violations(page) -> list[str]:
    axe = Axe()
    for frame in page.frames[1:]:
        frame.evaluate(axe.axe_script)
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical") or v["id"] in FAILING_RULES]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_english_chrome(page, app_url, name):
    open_page(page, app_url, name)
    assert english_on(page) == []


def test_date_picker_in_french(page, app_url):
    """The CPTS editor's dates (analysts only): the calendar is drawn when opened, so it is opened."""
    open_page(page, app_url, "donnees")
    page.get_by_text(texts.DONNEES_LOGIN_HEADER, exact=True).click()
    page.get_by_label(texts.DONNEES_PASSWORD).fill("analyste-e2e")
    page.get_by_role("button", name=texts.DONNEES_LOGIN).click()
    page.get_by_text(texts.DONNEES_LOGGED_IN).wait_for(timeout=30_000)
    page.get_by_text(texts.DONNEES_TAB_EDITOR, exact=True).click()
    wait_for_app(page)
    field = page.locator('[data-testid="stDateInputField"]').first
    field.wait_for()
    assert english_on(page) == []  # the empty field's segments: placeholders, spoken names
    field.locator('[role="spinbutton"]').first.focus()
    page.keyboard.press("Alt+ArrowDown")
    calendar = page.locator('[data-testid="stDateInputCalendar"]')
    calendar.wait_for()
    assert english_on(page) == []
    assert any(month in calendar.inner_text() for month in texts.PLOTLY_FR_FORMAT["months"])  # type: ignore[union-attr]


def test_keyboard_focus_is_visible_on_toggle_and_radio(page, app_url):
    """The presentation switch and a radio (the Données import kind) draw no focus of their own in Streamlit 1.67."""
    open_page(page, app_url, "donnees")
    for control in (page.get_by_role("switch", name=texts.PRESENTATION_TOGGLE),
                    page.get_by_role("radiogroup", name=texts.DONNEES_KIND).get_by_role("radio").first):
        control.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # a keyboard focus (:focus-visible), not a script's
        ring = control.evaluate("el => getComputedStyle(el.closest('label').children[1]).outlineStyle")
        assert ring == "solid", control


def test_the_scan_sees_english_when_there_is_some(page, app_url):
    """The scan itself: an English word put into the page is found (else a blind scan would pass)."""
    open_page(page, app_url, "donnees")
    page.evaluate("() => document.querySelector('[data-testid=\"stFileUploaderDropzone\"]')"
                  ".insertAdjacentHTML('beforeend', '<span>Lasso Select</span>')")
    assert english_on(page) == ["Lasso Select"]


def test_uploader_and_plotly_modebar_in_french(page, app_url):
    open_page(page, app_url, "donnees")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    assert texts.STREAMLIT_CHROME["Upload"] in zone.inner_text()
    assert "par fichier" in zone.inner_text()
    open_page(page, app_url, "couverture")
    titles = page.locator(".modebar-btn").evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
    assert texts.PLOTLY_FR_DICTIONARY["Download plot as a png"] in titles, titles


@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_no_serious_violation_nor_a_skipped_heading(page, app_url, name):
    open_page(page, app_url, name)
    assert failing_violations(page) == []


def test_the_scan_fails_on_a_skipped_heading_level(page, app_url):
    """The scan itself: an h4 straight under the page's h1 is reported (else a blind scan would pass)."""
    open_page(page, app_url, "donnees")
    page.evaluate("() => document.querySelector('h1').insertAdjacentHTML('afterend', '<h4>Niveau sauté</h4>')")
    assert [v for v in failing_violations(page) if v.startswith("heading-order")]


@pytest.mark.parametrize("name, territory", [("carte", "29 – Finistère"), ("france", "France"),
                                             ("region", "Région Bretagne"), ("fiche_commune", "Brest")])
def test_each_map_frame_has_a_french_name_naming_its_territory(page, app_url, name, territory):
    """Streamlit names a component's frame after the component (« streamlit_folium.st_folium »): each map names
    itself, in French, with its territory, and keeps its name when the page runs again."""
    open_page(page, app_url, name)
    frame = page.locator(MAP_IFRAME).first
    title = frame.get_attribute("title")
    assert title.startswith("Carte interactive") and title.endswith(territory), title
    assert page.locator("iframe[title='streamlit_folium.st_folium']").count() == 0
    # React draws the frame again on every run: a run that changes the map's props (presentation mode: its height)
    # leaves the name.
    page.get_by_text(texts.PRESENTATION_TOGGLE, exact=True).click()  # the switch's own box lies under its track
    page.wait_for_function("new URL(location.href).searchParams.get('presentation') === '1'")
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')")
    page.wait_for_function("parseFloat(getComputedStyle(document.documentElement).fontSize) >= 19")
    assert page.locator(MAP_IFRAME).first.get_attribute("title") == title



def test_keyboard_reaches_markers_first_and_escape_closes_the_popup(page, app_url):
    open_page(page, app_url, "carte")
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator(".leaflet-container").focus()
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(frame.locator(":focus").evaluate("el => el.getAttribute('class') || el.tagName"))
    markers = [f for f in focused if "carte-structure" in f]
    assert markers and focused.index(markers[0]) <= 3, focused  # zoom buttons, then markers
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup").wait_for()
    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached")


def test_escape_closes_the_popup_when_the_focus_is_outside_the_map(page, app_url):
    """A popup opened by a click, then the focus in the page (the commune search): Escape still closes it."""
    open_page(page, app_url, "carte")
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator("path.carte-structure").first.click(force=True)
    frame.locator(".leaflet-popup").wait_for()
    search = page.get_by_placeholder(texts.SEARCH_PLACEHOLDER)
    search.focus()
    assert page.evaluate("() => document.activeElement.tagName") == "INPUT"  # the page's field, not the map's frame
    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached")


def test_first_click_on_the_map_opens_a_popup_without_scrolling(page, app_url):
    open_page(page, app_url, "carte")
    where = f"() => {FRAME_QUERY}.getBoundingClientRect().top"
    before = page.evaluate(where)
    assert before + 720 > page.viewport_size["height"]  # the map's foot is below the fold, as on a laptop
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator("path.carte-structure").first.click(force=True)
    frame.locator(".leaflet-popup").wait_for()
    assert page.evaluate(where) == before


def test_popups_name_the_source_never_a_file(page, app_url):
    open_page(page, app_url, "carte")
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator("path.carte-structure").first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert not re.search(r"\.(txt|csv|geojson|gpkg|json|zip)\b|seed:|territory_codes", popup.inner_text())


def test_table_lists_the_structures_on_the_map(page, app_url):
    open_page(page, app_url, "carte")
    page.get_by_text(texts.MAP_TABLE_TITLE).click()
    table = page.locator('[data-testid="stExpander"] tbody tr:not([hidden])')  # rows the map hides are hidden
    table.first.wait_for()
    markers = page.frame_locator(MAP_IFRAME).first.locator("path.carte-structure")
    assert table.count() == markers.count() > 0


def test_connection_lost_dialog_in_french(page, tmp_path):
    """Streamlit's own dialog when the server goes away (a restart, a network cut) speaks French too."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path / "store")})
    try:
        page.goto(url + "/fiche")
        wait_for_app(page)
    finally:
        stop_streamlit(proc)
    page.get_by_text(texts.STREAMLIT_CHROME["Connection error"]).wait_for(timeout=90_000)
    assert english_on(page) == []

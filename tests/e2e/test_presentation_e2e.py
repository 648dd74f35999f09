"""Presentation mode (?presentation=1) on a shared screen, in real Chromium, at 1280 × 720 and 1920 × 1080.

Each page is screenshotted at both sizes (tests/e2e/screenshots/presentation_*.png); the key elements must lie
inside the screen and not cover one another, Streamlit's chrome is hidden, nothing overflows sideways, and the
Carte fits with no scrolling at all. The offline map reads with no tile (place names that never overlap), and
the map exports as a stamped PNG and SVG of the view.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from geo import texts
from tests.e2e.conftest import MAP_IFRAME, screenshot, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e

SIZES = [(1280, 720), (1920, 1080)]
MAP = MAP_IFRAME
LEGEND = '.st-key-carte_side [data-testid="stHtml"]'
# page (path and query) -> selectors of its key elements (the first match of each), all wholly on the one screen
KEY_ELEMENTS = {
    "": ["h1", MAP, LEGEND],
    "?territoire=FRANCE": ["h1", MAP, LEGEND],
    "?territoire=R53": ["h1", MAP],
    "couverture": ["h1", '[data-testid="stTabs"] [role="tab"]', '[data-testid="stMetric"]'],
    "couverture?onglet=trajectoires": ["h1", '[data-testid="stTabs"] [role="tab"]', ".js-plotly-plot"],
    "couverture?onglet=carte": ["h1", '[data-testid="stTabs"] [role="tab"]', ".js-plotly-plot"],
    "couverture?onglet=classement": ["h1", '[data-testid="stTabs"] [role="tab"]', '[data-testid="stDataFrame"]'],
    "donnees": ["h1", '[data-testid="stMain"] [data-testid="stExpander"]'],
    "fiche": ["h1", '[data-testid="stRadio"]', '[data-testid="stDataFrame"]'],
    # a territory's fiche: the tab's body scrolls within the screen's free height
    "fiche?commune=29019": ["h1", '[data-testid="stTabs"] [role="tab"]', '[class*="st-key-screen_fill_scroll"]'],
}
MAPS = {"", "?territoire=FRANCE", "?territoire=R53"}
MEASURE = """(selectors) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const boxes = selectors.map(s => ({s, ...box(document.querySelector(s))}));
  const top = document.querySelector('.stMainBlockContainer > [data-testid="stVerticalBlock"]');
  const blocks = [...top.children].filter(el => el.getBoundingClientRect().height > 0)
    .map(el => ({s: (el.innerText || el.dataset.testid).slice(0, 40), ...box(el)}));
  const toolbar = document.querySelector('[data-testid="stToolbar"]');
  const captions = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')]
    .map(c => getComputedStyle(c).opacity);
  // the smallest text a presenter shows: every visible element that holds text of its own
  const sizes = [...main.querySelectorAll('*')].filter(el => el.offsetParent && [...el.childNodes]
    .some(n => n.nodeType === 3 && n.nodeValue.trim())).map(el => parseFloat(getComputedStyle(el).fontSize));
  const page = document.scrollingElement;
  return {boxes, blocks, captions, smallest: Math.min(...sizes),
          main: [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth],
          page: [page.scrollHeight, page.scrollWidth], view: [innerWidth, innerHeight],
          toolbar: toolbar ? toolbar.getBoundingClientRect().height : 0};
}"""
NO_SCROLL = """() => { const main = document.querySelector('[data-testid="stMain"]');
                       return main.scrollHeight <= main.clientHeight + 1; }"""
# Presentation's fills (frame.screen_fill) are sized by the page's script: measured once it has settled.
SETTLED = """() => !document.querySelector('[class*="st-key-screen_fill"]')
                   || document.body.getAttribute('data-screen-fit') === 'settled'"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A server of its own with an empty store: the shipped layers only."""
    proc, url = start_streamlit({"CARTE_STORE_DIR": str(tmp_path_factory.mktemp("presentation_store"))})
    yield url
    stop_streamlit(proc)


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def screen(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def open_presenting(page, app_url: str, path: str):
    page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}presentation=1")
    wait_for_app(page)
    # A second run may follow the first (the URL completed by the sidebar): wait until no element is stale and the
    # mode's style is on (its root font, 19 px or more), so what is measured is the page a presenter sees.
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    wait_for_app(page)
    page.wait_for_function("parseFloat(getComputedStyle(document.documentElement).fontSize) >= 19", timeout=30_000)
    for selector in KEY_ELEMENTS[path]:
        page.wait_for_selector(selector, timeout=60_000)
    page.wait_for_function(SETTLED, timeout=30_000)
    if path in MAPS:
        frame = page.frame_locator(MAP)
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
        # The map is fitted again once it has the screen's height: wait for that style, then for no zoom under way.
        frame.locator("#carte-map-style").wait_for(state="attached", timeout=30_000)
        frame.locator(".leaflet-container:not(.leaflet-zoom-anim)").wait_for(timeout=30_000)
        return frame
    return None


def intersects(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def shot_name(path: str, width: int, height: int) -> str:
    name = path.replace("?territoire=", "carte_").replace("?onglet=", "_").replace("?commune=", "_") or "carte"
    return f"presentation_{name}_{width}x{height}"


@pytest.mark.parametrize("path", list(KEY_ELEMENTS), ids=lambda p: p or "carte")
def test_each_page_fits_the_shared_screen(app_url, screen, path):
    open_presenting(screen, app_url, path)
    width, height = screen.viewport_size["width"], screen.viewport_size["height"]
    shot = screenshot(screen, shot_name(path, width, height))
    assert Image.open(shot).size == (width, height)
    found = screen.evaluate(MEASURE, KEY_ELEMENTS[path])
    scroll_h, client_h, scroll_w, client_w = found["main"]
    assert found["toolbar"] == 0  # Streamlit's toolbar (Deploy, menu) is hidden
    assert set(found["captions"]) <= {"1"}  # high contrast: captions in near-black, not Streamlit's 60 % grey
    # One slide: neither Streamlit's scrolling main section nor the document scrolls, nor anything runs off the right.
    assert scroll_h <= height + 1 and client_h <= height, found["main"]
    assert found["page"][0] <= height + 1 and found["page"][1] <= width + 1, found["page"]
    assert scroll_w <= client_w
    for box in found["boxes"]:  # every key element wholly on the screen
        assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width and box["bottom"] <= height, box
    for blocks in (found["boxes"], found["blocks"]):  # key elements, and the page's blocks, never cover one another
        assert [(a["s"], b["s"]) for i, a in enumerate(blocks) for b in blocks[i + 1:] if intersects(a, b)] == []
    assert len(found["blocks"]) >= 2
    assert found["smallest"] >= 14  # never smaller than Streamlit's own captions in normal mode


def test_offline_map_names_places_large_and_without_overlap(app_url, screen):
    frame = open_presenting(screen, app_url, "")
    frame.locator(".carte-place").first.wait_for(timeout=60_000)
    boxes = frame.locator(".carte-place").evaluate_all(
        """spans => spans.filter(s => s.style.visibility !== 'hidden').map(s => {
             const r = s.getBoundingClientRect();
             return {text: s.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })""")
    names = [b["text"] for b in boxes]
    assert {"Brest", "Quimper", "Morlaix"} <= set(names)
    assert [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if intersects(a, b)] == []
    size = frame.locator(".carte-place-commune").first.evaluate("s => getComputedStyle(s).fontSize")
    assert size == "16px"  # 12 px on a desk, 1.3 times larger when presenting
    popup_size = frame.locator("#carte-map-style").evaluate("s => s.textContent")
    assert "font-size:18px" in popup_size  # popups and tooltips at 13 px × 1.4


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_map_exports_a_stamped_slide(app_url, page, fmt):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_presenting(page, app_url, "")
    page.get_by_text(texts.PRESENT_MORE, exact=True).click()  # folded beside the map on a shared screen
    button = page.get_by_role("button", name=texts.EXPORT_MAP_LABELS[fmt])
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == texts.EXPORT_MAP_FILE.format(dep="29", ext=fmt)
    data = Path(download.path()).read_bytes()
    if fmt == "png":
        assert Image.open(io.BytesIO(data)).size == (1600, 900)
        return
    words = " ".join(t.text or "" for t in ET.fromstring(data).iter("{http://www.w3.org/2000/svg}text"))
    assert texts.EXPORT_MAP_TITLE.format(title=texts.CARTE_TITLE, territory="29 – Finistère") in words
    assert texts.LEGEND_CPTS in words and "Brest" in words and "Quimper" in words
    assert texts.MAP_SOURCE in words  # wrapped over lines, joined back with spaces


def test_chart_png_keeps_title_and_source(app_url, page):
    page.goto(f"{app_url}/couverture?territoire=D29&onglet=trajectoires&presentation=1")  # one chart, screen-high
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    # plotly's PNG is drawn from the figure's own SVG: its title and source annotation are in that picture
    assert "Baromètre" in chart.locator(".annotation-text").last.text_content()
    assert chart.locator(".gtitle").text_content()
    chart.hover()
    with page.expect_download(timeout=30_000) as info:
        chart.locator(f'.modebar-btn[data-title="{texts.PLOTLY_FR_DICTIONARY["Download plot as a PNG"]}"]').click()
    image = Image.open(io.BytesIO(Path(info.value.path()).read_bytes()))
    box = chart.bounding_box()
    assert image.size == (round(box["width"]) * 2, round(box["height"]) * 2)  # scale 2: sharp on a slide


def test_the_slide_refits_when_the_presenter_moves_on(app_url, browser):
    """Another indicator, then another tab, in the same page: each new chart is fitted to the screen again."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="fr-FR")
    page = context.new_page()
    picks = page.locator('[data-testid="stButtonGroup"]')
    steps = [  # (what the presenter clicks, what shows once the page has followed)
        (picks.get_by_text("Centres de santé", exact=True),
         "() => (document.querySelector('.js-plotly-plot .gtitle') || {}).textContent?.includes('Centres de santé')"),
        (page.get_by_role("tab", name=texts.COUV_TAB_MAP),
         "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.includes("
         + json.dumps(texts.COUV_MAP_TITLE.split("}")[-1]) + "))"),  # « … par département »
    ]
    try:
        open_presenting(page, app_url, "couverture?onglet=trajectoires")
        for target, shown in steps:
            target.click()
            page.wait_for_function(shown, timeout=30_000)
            wait_for_app(page)  # and the run's leftovers gone: the old chart beside the new one would overflow
            page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
            # the page's script refits on the next frames, and Streamlit's folded expander unfolds for a moment while
            # React draws it again: the slide is measured once it has settled and stopped scrolling (else a timeout)
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            page.wait_for_function(SETTLED, timeout=30_000)
            page.wait_for_function(NO_SCROLL, timeout=30_000)
            found = page.evaluate(MEASURE, ["h1", '[data-testid="stTabs"] [role="tab"]', ".js-plotly-plot"])
            chart = found["boxes"][2]
            assert chart["top"] >= 0 and chart["bottom"] <= 720 and chart["bottom"] - chart["top"] >= 200, chart
            used = page.evaluate("() => document.querySelector('.stMainBlockContainer').getBoundingClientRect().height")
            assert used >= 715, used  # the chart took the height left: the slide ends at the screen's foot
    finally:
        context.close()

"""The Couverture page in a real browser: the national map draws every département, a click selects one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import shape

from geo import charts, links, texts
from tests.e2e.conftest import outside_requests, screenshot, wait_for_app

pytestmark = pytest.mark.e2e
TABS = [texts.COUV_TAB_PROGRESS, texts.COUV_TAB_TRAJ, texts.COUV_TAB_MAP, texts.COUV_TAB_RANK, texts.COUV_TAB_CHECK]

# Départements actually drawn: plotly.js draws the choropleth with MapLibre (WebGL, no SVG paths);
# its rendered fill features carry each location's centroid `ct`, which calcdata maps back to the code.
RENDERED_CODES = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.map);
  if (!gd || !gd.calcdata) return [];
  const map = gd._fullLayout.map._subplot.map;
  const byCentroid = new Map(gd.calcdata[0].filter(c => c.ct).map(c => [c.ct.join(','), c.loc]));
  const codes = new Set();
  for (const f of map.queryRenderedFeatures()) {
    if (!f.layer.id.endsWith('-fill') || !f.properties.ct) continue;
    const ct = typeof f.properties.ct === 'string' ? JSON.parse(f.properties.ct) : f.properties.ct;
    const code = byCentroid.get(ct.join(','));
    if (code) codes.add(code);
  }
  return [...codes].sort();
}"""
PROJECT = """([lon, lat]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.map);
  const map = gd._fullLayout.map._subplot.map;
  const p = map.project([lon, lat]);
  const box = map.getContainer().getBoundingClientRect();
  return [box.left + p.x, box.top + p.y];
}"""


def inner_point(code: str) -> tuple[float, float]:
    features = json.loads(charts.departements_geojson())["features"]
    feature = next(f for f in features if f["properties"]["code"] == code)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def open_map(page, app_url: str, zone: str) -> None:
    page.goto(app_url)  # the app's entry first, as a visitor arriving on the home page
    wait_for_app(page)
    page.goto(f"{app_url}/couverture?territoire={zone}&onglet=carte")
    wait_for_app(page)
    page.wait_for_function(f"({RENDERED_CODES})().length > 0", timeout=30_000)


def test_national_map_draws_every_departement(page, app_url):
    open_map(page, app_url, "D29")
    page.wait_for_function(f"({RENDERED_CODES})().length === 101", timeout=30_000)
    codes = page.evaluate(RENDERED_CODES)
    assert len(codes) == 101 and "29" in codes and "976" in codes and "2A" in codes
    screenshot(page, "couverture_map")
    outside = outside_requests(page, app_url)
    assert outside == [], outside
    assert page.console_errors == []


def test_click_on_the_map_selects_the_departement(page, app_url):
    open_map(page, app_url, "D29")
    heading = page.locator("h1").first
    assert "Finistère (29)" in heading.inner_text()
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    x, y = page.evaluate(PROJECT, list(inner_point("33")))
    assert 0 < y < page.viewport_size["height"]
    page.mouse.click(x, y)
    # the URL changes in place (history API), no page load
    page.wait_for_function("location.search.includes('territoire=D33')", timeout=30_000)
    wait_for_app(page)
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.includes('Gironde (33)')",
                           timeout=30_000)
    assert "territoire=D33" in page.url
    # the selection is shared: the sidebar selector shows it too
    selector = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    shown = selector.inner_text() + " ".join(selector.locator("input").evaluate_all("els => els.map(e => e.value)"))
    assert "Gironde" in shown, shown
    screenshot(page, "couverture_map_clicked")


def test_exports_csv_for_excel_and_png(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.goto(f"{app_url}/couverture?territoire=D29&onglet=trajectoires")
    wait_for_app(page)
    # The tab bound to the URL may take a second run: wait until no element of an earlier run is left.
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    wait_for_app(page)
    buttons = page.locator('[role="tabpanel"]:visible').get_by_role("button", name=texts.COUV_DOWNLOAD_CSV)
    buttons.first.wait_for(timeout=30_000)
    with page.expect_download() as csv_info:
        buttons.first.click()
    csv = csv_info.value
    assert csv.suggested_filename == "trajectoire_ind-311_d29.csv"
    data = Path(csv.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    about, text = data.decode("utf-8-sig").split("\r\n\r\n", 1)  # the header block, a blank line, the table
    assert about.splitlines()[0].startswith(f"{texts.CSV_SOURCE};{texts.COUV_SOURCE_DATED.split('{date}')[0]}")
    assert f"{texts.CSV_FILTER_TERRITORY} : Finistère (29)" in about.splitlines()[2]
    assert text.splitlines()[0] == "Territoire;Code zone;Indicateur;Date;Valeur;Nature"
    assert "Finistère (29);D29;IND-311 Maisons de santé pluriprofessionnelles (MSP);01/12/2026;68;Objectif" in text

    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    with page.expect_download(timeout=30_000) as png_info:
        chart.locator(f'.modebar-btn[data-title="{texts.PLOTLY_FR_DICTIONARY["Download plot as a PNG"]}"]').click()
    png = png_info.value
    assert png.suggested_filename == "trajectoire_ind-311_d29.png"
    assert Path(png.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def open_tab(page, app_url: str, tab: str, extra: str = "") -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.goto(f"{app_url}/couverture?territoire=D29&onglet={links.COUVERTURE_TABS[TABS.index(tab)]}{extra}")
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    wait_for_app(page)


def test_ranking_fits_the_page_without_horizontal_scroll(page, app_url):
    open_tab(page, app_url, texts.COUV_TAB_RANK)  # 1400 px wide, sidebar open
    page.wait_for_selector('[data-testid="stDataFrame"] .dvn-scroller', timeout=30_000)
    scroll, client = page.evaluate("""() => {
      const s = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
      return [s.scrollWidth, s.clientWidth];
    }""")
    assert scroll <= client, (scroll, client)
    screenshot(page, "couverture_ranking")


def test_presentation_map_names_the_overseas_insets_in_larger_text(page, app_url):
    open_tab(page, app_url, texts.COUV_TAB_MAP, "&presentation=1")
    page.wait_for_function(f"({RENDERED_CODES})().length > 0", timeout=30_000)
    labels = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')]
        .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)])""")
    sizes = dict(labels)
    for name in texts.COUV_MAP_OVERSEAS_LABELS.values():
        assert sizes.get(name, 0) >= 16, labels
    title = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.js-plotly-plot .gtitle')).fontSize)")
    assert title >= charts.size(16, presenting=True)
    screenshot(page, "couverture_map_presentation")

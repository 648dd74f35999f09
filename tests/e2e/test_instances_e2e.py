"""Two app processes on one PostGIS store (a deployment behind a load balancer): a layer saved while both are
open shows in each after one interaction — each run reads the store's version stamp and its caches are keyed on it."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo import texts
from geo.store import hash_password, open_store
from geo.structures import conform
from tests.e2e.conftest import MAP_IFRAME, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "analyste-instances"
SHIPPED_MSP = texts.COMPLETENESS_LINE.format(mapped=4, declared=39)  # Finistère, shipped data (test_carte_e2e)
SAVED_MSP = texts.COMPLETENESS_LINE.format(mapped=5, declared=39)


@pytest.fixture()
def two_instances(postgis_server, tmp_path):
    """(database URL, [URL of instance A, URL of instance B]): two `streamlit run` processes on one database."""
    url = postgis_server.new_database()
    env = {"DATABASE_URL": url, "CARTE_ANALYST_PASSWORD": PASSWORD, "CARTE_STORE_DIR": str(tmp_path / "unused")}
    started = []
    try:
        for _ in range(2):
            started.append(start_streamlit(env))
        yield url, [address for _, address in started]
    finally:
        for proc, _ in started:
            stop_streamlit(proc)


def new_msp() -> gpd.GeoDataFrame:
    return conform(gpd.GeoDataFrame(
        {"id": ["INST1"], "name": ["MSP des deux instances"], "kind": ["msp"], "commune_code": ["29019"],
         "status": ["ouvert"], "position_source": ["fichier"], "source": ["test"]},
        geometry=[Point(-4.486, 48.39)], crs="EPSG:4326"))


def open_map(browser, address: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR").new_page()
    page.goto(address + "/?territoire=D29")
    wait_for_app(page)
    page.get_by_text(SHIPPED_MSP).wait_for(timeout=60_000)
    return page


def interact_once(page) -> None:
    """One rerun that changes no data: the presentation toggle of the shared sidebar."""
    page.locator('[data-testid="stSidebar"]').get_by_text(texts.PRESENTATION_TOGGLE).click()


def test_a_save_on_one_instance_shows_on_the_other_after_one_interaction(browser, two_instances):
    url, (address_a, address_b) = two_instances
    assert address_a != address_b
    pages = [open_map(browser, address) for address in (address_a, address_b)]  # both have cached the shipped view
    # What instance A's Données page does on an analyst's save (same store class, same database, same password).
    store = open_store(password_hash=hash_password(PASSWORD), url=url)
    store.save(layer="msp_instances", kind="structures", departement="29", features=new_msp(), author="Alice",
               filename="msp.geojson", checksum="0" * 64, comment="", password=PASSWORD)
    store.close()
    for page in reversed(pages):  # B first: the instance that did not save
        interact_once(page)
        # The side panel folds on a shared screen (its text is sent, not shown); the map's own line shows the figure.
        page.get_by_text(SAVED_MSP).wait_for(state="attached", timeout=60_000)
        assert page.get_by_text(SHIPPED_MSP).count() == 0
        gaps = page.frame_locator(MAP_IFRAME).locator(".carte-controls-gaps")
        gaps.filter(has_text="MSP : 5 sur 39").wait_for(timeout=60_000)
        page.context.close()

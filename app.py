"""Entry point: page config, navigation and the shared sidebar — once for all pages."""

import streamlit as st

import frame
import ready
import storymode
from geo import texts, zones

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide",
                   initial_sidebar_state="collapsed" if frame.presenting() else "auto")

PAGES = [
    # The default page is served at the root and answers no other path: an empty url_path reserves none,
    # so /carte (as shared links have it) can be an alias of the root (frame.routed).
    st.Page("pages/carte.py", title=texts.PAGE_CARTE, icon=":material/map:", url_path="", default=True),
    st.Page("pages/couverture.py", title=texts.PAGE_COUVERTURE, icon=":material/monitoring:", url_path="couverture"),
    st.Page("pages/fiche.py", title=texts.PAGE_FICHE, icon=":material/location_city:", url_path="fiche"),
    st.Page("pages/donnees.py", title=texts.PAGE_DONNEES, icon=":material/database:", url_path="donnees"),
]

navigation = st.navigation(frame.routed(PAGES, default=PAGES[0], aliases={"carte": PAGES[0]}))
notices = frame.link_notices()  # before the sidebar writes the territory it chose back into the URL
# A session's first view of a département's map: the map first, the sidebar's widgets and the page's panels in
# the run the browser asks for once the map is drawn (ready.py).
later = ready.deferred(navigation.url_path in ("", "carte") and zones.parse(frame.territory()).level == "departement")
frame.sidebar(widgets=not later)
frame.presentation_style()
frame.french_chrome()
for notice in notices:
    st.info(notice, icon=":material/link_off:")
STORY_PAGES = {page.url_path: page for page in PAGES}
storymode.play(STORY_PAGES, navigation.url_path)  # may open the step's page instead: before the page runs
if not later:
    storymode.panel(navigation.url_path)
navigation.run()

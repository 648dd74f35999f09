"""Entry point: page config, navigation and the shared sidebar — once for all pages."""

import streamlit as st

import frame
from geo import texts

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide",
                   initial_sidebar_state="collapsed" if frame.presenting() else "auto")

PAGES = [
    # The default page is served at the root; Streamlit still reserves its url_path, which then answers
    # nothing (its "Page not found" dialog): "accueil" takes that place so that /carte can stay a link (alias).
    st.Page("pages/carte.py", title=texts.PAGE_CARTE, icon=":material/map:", url_path="accueil", default=True),
    st.Page("pages/couverture.py", title=texts.PAGE_COUVERTURE, icon=":material/monitoring:", url_path="couverture"),
    st.Page("pages/donnees.py", title=texts.PAGE_DONNEES, icon=":material/database:", url_path="donnees"),
]

navigation = st.navigation(frame.routed(PAGES, default=PAGES[0], aliases={"carte": PAGES[0]}))
notices = frame.link_notices()  # before the sidebar writes the territory it chose back into the URL
frame.sidebar()
frame.presentation_style()
for notice in notices:
    st.info(notice, icon=":material/link_off:")
navigation.run()

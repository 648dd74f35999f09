"""The Carte page at France and région level (Streamlit glue; the maps are built in geo.maps.national).

A click on a département (France) or a commune (région) selects that département: the page then
runs again and draws the département's own map, with its communes loaded from its file.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

import frame
from geo import texts, zones
from geo.maps import labels, national
from geo.maps.keyboard import FrameName

MAP_HEIGHT, MAP_HEIGHT_PRESENTING = 720, 860  # as the département map (pages/carte.py)
CLICKS_KEY = "carte_national_clicks"  # part of the map's key: a fresh map forgets the click already followed


def show(zone: zones.Zone) -> None:
    """Draw the France or région view of `zone` and follow a click to its département."""
    presenting = frame.presenting()
    if zone.level == "france":
        st.title(texts.FRANCE_TITLE)
        st.caption(texts.FRANCE_CAPTION)
        m, bounds = national.france_map(national.france_features()), national.METROPOLE_BOUNDS
        FrameName(texts.MAP_FRAME_TITLE_FRANCE).add_to(m)
    else:
        name = national.region_name(zone.code)
        st.title(texts.REGION_TITLE.format(name=name))
        st.caption(texts.REGION_CAPTION.format(n=len(national.region_departements(zone.code))))
        m, bounds = national.region_map(zone.code), tuple(national.region_communes(zone.code).total_bounds)
        FrameName(texts.MAP_FRAME_TITLE_REGION.format(territory=texts.TERRITORY_REGION.format(nom=name))).add_to(m)
    if presenting:  # the map takes the screen's height (static/presentation.css), its popups and lines larger
        labels.map_style(1.4, bounds).add_to(m)
    left, right = st.columns([4, 1] if presenting else [3, 1], gap="medium")
    # The same keys as the département's map and side panel: presentation mode sizes them alike.
    with left, st.container(key="carte_map"):
        clicks = st.session_state.get(CLICKS_KEY, 0)
        state = st_folium(m, key=f"carte_national_{zone.id}_{clicks}", use_container_width=True,
                          height=MAP_HEIGHT_PRESENTING if presenting else MAP_HEIGHT, returned_objects=["last_active_drawing"])
        st.caption(texts.FRANCE_SOURCE if zone.level == "france" else texts.MAP_SOURCE)
    with right, st.container(key="carte_side"):
        if zone.level == "france":
            st.header(texts.FRANCE_LEGEND_TITLE, anchor=False)  # h2: the section under the page's h1
            st.html(national.legend_html())
    target = national.clicked_departement(state)
    if target is not None:
        st.session_state[CLICKS_KEY] = clicks + 1
        frame.set_territory(target)
        st.rerun()

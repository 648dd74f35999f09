"""The Carte page at France and région level (Streamlit glue; the maps are built in geo.maps.national).

A click on a département (France) or a commune (région) selects that département: the page then
runs again and draws the département's own map, with its communes loaded from its file.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

import frame
from geo import texts, zones
from geo.maps import national

MAP_HEIGHT, MAP_HEIGHT_PRESENTING = 720, 860  # as the département map (pages/carte.py)
CLICKS_KEY = "carte_national_clicks"  # part of the map's key: a fresh map forgets the click already followed


def show(zone: zones.Zone) -> None:
    """Draw the France or région view of `zone` and follow a click to its département."""
    if zone.level == "france":
        st.title(texts.FRANCE_TITLE)
        st.caption(texts.FRANCE_CAPTION)
        m = national.france_map(national.france_features())
    else:
        name = national.region_name(zone.code)
        st.title(texts.REGION_TITLE.format(name=name))
        st.caption(texts.REGION_CAPTION.format(n=len(national.region_departements(zone.code))))
        m = national.region_map(zone.code)
    left, right = st.columns([4, 1] if frame.presenting() else [3, 1], gap="medium")
    with left:
        clicks = st.session_state.get(CLICKS_KEY, 0)
        state = st_folium(m, key=f"carte_national_{zone.id}_{clicks}", use_container_width=True,
                          height=MAP_HEIGHT_PRESENTING if frame.presenting() else MAP_HEIGHT, returned_objects=["last_active_drawing"])
        st.caption(texts.FRANCE_SOURCE if zone.level == "france" else texts.MAP_SOURCE)
    with right:
        if zone.level == "france":
            st.subheader(texts.FRANCE_LEGEND_TITLE)
            st.html(national.legend_html())
    target = national.clicked_departement(state)
    if target is not None:
        st.session_state[CLICKS_KEY] = clicks + 1
        frame.set_territory(target)
        st.rerun()

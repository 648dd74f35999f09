"""Carte: communes, CPTS perimeters and structures of a département, with what is missing said."""

import datetime as dt
import functools

import streamlit as st
from streamlit_folium import st_folium

import frame
from caching import per_version
from geo import completeness, reference, texts, zones
from geo.exports import mapview
from geo.maps import alternative, labels, popups
from geo.maps import layers as maps
from geo.maps import legend as map_legend
from geo.maps import prepare as mapdata
from geo.maps.keyboard import KeyboardAccess
from geo.structures import STATUSES

MAP_HEIGHT = 720
MAP_HEIGHT_PRESENTING = 860

@per_version
def map_data(dep: str, token: str) -> mapdata.MapData:
    table, members = frame.cpts(dep)
    return mapdata.prepare(frame.communes(dep), frame.structures(dep), table, members)


@per_version
def overlay_features(dep: str, token: str) -> list[tuple[str, list[dict]]]:
    return [(name, maps.overlay_features(layer)) for name, layer in frame.overlays(dep)]


@per_version
def commune_features(dep: str, token: str, choropleth: str | None):
    """(features, classes); folium objects themselves are never cached: a map owns its layers."""
    data = map_data(dep, token)
    fill, classes = mapdata.commune_fill(data.communes, choropleth)
    return maps.commune_features(data.communes, data.cards, fill), classes


def sidebar_controls(dep: str, data: mapdata.MapData) -> dict:
    """Layer toggles, filters, background and commune search, in the sidebar."""
    side = st.sidebar
    side.subheader(texts.LAYERS_HEADER)
    show = {
        "communes": side.checkbox(texts.LAYER_COMMUNES, value=True, key="carte_communes"),
        "epci": side.checkbox(texts.LAYER_EPCI, value=True, key="carte_epci"),
        "cpts": side.checkbox(texts.LAYER_CPTS, value=True, key="carte_cpts"),
        "structures": side.checkbox(texts.LAYER_STRUCTURES, value=True, key="carte_structures"),
    }
    choropleth = side.radio(texts.CHOROPLETH_LABEL, list(mapdata.CHOROPLETHS), key="carte_choropleth")
    # Pills rather than multiselects: every choice stays visible and is one click away on a shared screen.
    present_kinds = mapdata.present_kinds(data)
    if present_kinds:
        kinds = side.pills(texts.FILTER_KINDS, present_kinds, selection_mode="multi", default=present_kinds,
                           format_func=texts.KIND_SHORT.get, key="carte_kinds")
    else:
        side.caption(f"{texts.FILTER_KINDS} : {texts.FILTER_NO_KIND}")
        kinds = []
    statuses = side.pills(texts.FILTER_STATUS, STATUSES, selection_mode="multi", default=STATUSES,
                          format_func=texts.STATUS_LABELS.get, key="carte_statuses")
    background = side.selectbox(texts.BACKGROUND_LABEL, list(maps.BACKGROUNDS), key="carte_background")
    side.subheader(texts.SEARCH_LABEL)
    query = side.text_input(texts.SEARCH_LABEL, placeholder=texts.SEARCH_PLACEHOLDER, key="carte_search",
                            label_visibility="collapsed")
    commune = None
    if query.strip():
        hits = reference.search_communes(frame.communes(dep), query)
        if hits.empty:
            side.info(texts.SEARCH_NONE.format(query=query.strip()))
        else:
            commune = side.selectbox(texts.SEARCH_PICK, hits["code"].tolist(), key="carte_pick",
                                     format_func=reference.commune_labels(hits).get)
    return {"show": show, "choropleth": mapdata.CHOROPLETHS[choropleth], "choropleth_label": choropleth,
            "kinds": set(kinds), "statuses": set(statuses), "background": background, "commune": commune}


@st.fragment
def draw_map(dep: str, token: str, data: mapdata.MapData, ctl: dict) -> None:
    """The map alone reruns on a map event; pan and zoom send nothing back (returned_objects=[])."""
    base = maps.base_map(data.bounds, ctl["background"])
    KeyboardAccess().add_to(base)  # markers by Tab, Escape, the first click kept (geo/maps/keyboard.py)
    opacity = 0.85 if maps.BACKGROUNDS[ctl["background"]] is None or ctl["choropleth"] else 0.15
    layers = []
    if ctl["show"]["communes"]:
        layers.append(maps.communes_layer(commune_features(dep, token, ctl["choropleth"])[0], fill_opacity=opacity))
    if ctl["show"]["epci"]:
        layers.append(maps.outline_layer(data.epci, texts.LAYER_EPCI))
    if ctl["show"]["cpts"]:
        layers.append(maps.cpts_layer(data.cpts))
    layers += [maps.overlay_layer(features, name) for name, features in overlay_features(dep, token)]
    if maps.BACKGROUNDS[ctl["background"]] is None:  # tiles carry their own names
        layers.append(labels.labels_layer(data.places, scale=1.3 if frame.presenting() else 1.0))
    if frame.presenting():
        layers.append(labels.map_style(1.4, data.bounds))
    if ctl["show"]["structures"]:
        layers.append(maps.structures_layer(mapdata.pick_structures(data, ctl["kinds"], ctl["statuses"])))
    center = zoom = None
    if ctl["commune"]:
        row = data.communes.loc[data.communes["code"] == ctl["commune"]].iloc[0]
        layers.append(maps.highlight_layer(row.geometry, row["nom"]))
        point = row.geometry.representative_point()
        center, zoom = (point.y, point.x), 12
    st_folium(
        base,
        key=f"carte_map_{dep}_{ctl['background']}",
        height=MAP_HEIGHT_PRESENTING if frame.presenting() else MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layers,
        center=center,
        zoom=zoom,
    )


@per_version
def completeness_rows(dep: str, token: str) -> list[completeness.Completeness]:
    table, _ = frame.cpts(dep)
    return completeness.completeness(frame.structures(dep), table, dep)


def completeness_panel(rows: list[completeness.Completeness]) -> None:
    st.subheader(texts.COMPLETENESS_HEADER)
    for entry in completeness.panel_entries(rows):
        st.markdown(entry.line)
        if entry.progress is not None:
            st.progress(entry.progress)
        for note in entry.notes:
            st.caption(note)
    st.page_link("pages/donnees.py", label=texts.COMPLETENESS_LINK, icon=":material/database:")


def legend(ctl: dict, classes) -> None:
    st.subheader(texts.LEGEND_TITLE)
    st.html(map_legend.legend_html(ctl["kinds"], classes, ctl["choropleth_label"] if classes else None))


def export_buttons(dep: str, dep_name: str, data: mapdata.MapData, ctl: dict) -> None:
    """The view as a slide (PNG, SVG), drawn when clicked: a rerun does not pay for it."""
    layers = mapview.layers_of(data, frame.structures(dep), ctl)
    params = st.query_params
    view = mapview.view_for(layers, data.bounds, params.get("centre"), params.get("zoom"), (1000, MAP_HEIGHT))
    for fmt, mime in mapview.FORMATS.items():
        st.download_button(texts.EXPORT_MAP_LABELS[fmt], functools.partial(mapview.export, layers, view, dep_name,
                           dt.date.today(), fmt), file_name=texts.EXPORT_MAP_FILE.format(dep=dep, ext=fmt), mime=mime,
                           on_click="ignore", icon=":material/download:", help=texts.EXPORT_MAP_HELP,
                           key=f"export_{fmt}")


def commune_card(data: mapdata.MapData, code: str) -> None:
    card = data.cards.loc[data.cards["code"] == code].iloc[0]
    st.subheader(texts.CARD_TITLE.format(name=card["nom"]))
    st.html(popups.commune_popup(card.to_dict()))
    st.page_link("pages/fiche.py", label=texts.FICHE_OPEN, icon=":material/location_city:",
                 query_params={"commune": code})
    st.caption(texts.CARD_DISTANCE_NOTE)
    st.caption(texts.CARD_SOURCE)


def map_table(ctl: dict) -> None:
    """The table alternative of the map: the structures it shows (geo/maps/alternative.py)."""
    with st.expander(texts.MAP_TABLE_TITLE):
        if not ctl["show"]["structures"]:
            st.caption(texts.MAP_TABLE_EMPTY)
            return
        table = alternative.structures_table(frame.structures(dep), ctl["kinds"], ctl["statuses"])
        if table.empty:
            st.caption(texts.MAP_TABLE_EMPTY)
        else:
            st.table(table, hide_index=True, border="horizontal")


frame.ensure_navigation()
# France and région territories have their own light view (carte_national.py); the rest of this page is a département's.
if (shown := zones.parse(frame.territory())).level in ("france", "region"):
    import carte_national

    carte_national.show(shown)
    st.stop()
dep, is_selected = frame.map_departement()
if not is_selected:
    st.info(texts.MAP_ONLY_SHIPPED.format(deps=", ".join(reference.available_departements())))
token = frame.data_token(dep)
data = map_data(dep, token)
controls = sidebar_controls(dep, data)
dep_name = frame.territory_labels().get(zones.departement_id(dep), dep)
st.title(texts.CARTE_TITLE)
st.caption(texts.CARTE_CAPTION.format(dep=dep_name))
gaps = completeness_rows(dep, token)
if not frame.presenting():  # on a shared screen the banner goes beside the map, which takes the height
    st.warning(completeness.banner_text(gaps), icon="⚠️")

left, right = st.columns([7, 2] if frame.presenting() else [3, 1], gap="medium")
with left, st.container(key="carte_map"):
    draw_map(dep, token, data, controls)
    note = mapdata.filter_note(data, controls["kinds"], controls["statuses"])
    if note is not None:
        (st.info if note.alert else st.caption)(note.text)
    st.caption(texts.MAP_SOURCE)
    st.caption(texts.MAP_KEYBOARD_HELP)
    map_table(controls)
with right, st.container(key="carte_side"):
    if controls["commune"]:
        commune_card(data, controls["commune"])
    classes = commune_features(dep, token, controls["choropleth"])[1]
    legend(controls, classes)
    if frame.presenting():
        st.warning(completeness.banner_text(gaps), icon="⚠️")
    export_buttons(dep, dep_name, data, controls)
    completeness_panel(gaps)

"""Carte: communes, CPTS perimeters and structures of a département, with what is missing said."""

import contextlib
import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

import frame
import ready
import viewlink
from caching import per_version
from geo import completeness, links, reference, texts, zones
from geo.exports import mapview
from geo.maps import alternative, controls, labels, popups
from geo.maps import layers as maps
from geo.maps import legend as map_legend
from geo.maps import prepare as mapdata
from geo.maps.keyboard import FrameName, KeyboardAccess

MAP_HEIGHT = 720
MAP_HEIGHT_PRESENTING = 860
START_ZOOM = 9  # a link with a centre and no zoom
FOCUS_KEY = "carte_focus"  # the commune chosen in this session's search: the map flies to it


@per_version
def map_data(dep: str, token: str) -> mapdata.MapData:
    table, members = frame.cpts(dep)
    return mapdata.prepare(frame.communes(dep), frame.structures(dep), table, members)


@per_version
def overlay_features(dep: str, token: str) -> list[tuple[str, list[dict]]]:
    return [(name, maps.overlay_features(layer)) for name, layer in frame.overlays(dep)]


@per_version
def commune_features(dep: str, token: str) -> list[dict]:
    """Features only: folium objects are never cached, a map owns its layers."""
    data = map_data(dep, token)
    return maps.commune_features(data.communes, data.cards, data.shades)


def map_view(data: mapdata.MapData) -> controls.MapView:
    """The view the link asks for (layers, filters, colouring, centre, zoom, commune); what it ignores is said."""
    view, notices = controls.read_view(st.query_params.to_dict(), mapdata.present_kinds(data),
                                       set(data.communes["code"]))
    for notice in notices:
        st.info(notice, icon=":material/link_off:")
    return view


def focus_commune(code: str | None) -> None:
    """Select a commune in the link; the map flies to it when chosen here, or when the link names no centre."""
    if code:
        st.query_params[links.COMMUNE_PARAM] = code
    elif links.COMMUNE_PARAM in st.query_params:
        del st.query_params[links.COMMUNE_PARAM]
    st.session_state[FOCUS_KEY] = code


def on_search(dep: str) -> None:
    query = st.session_state.get("carte_search", "")
    hits = reference.search_communes(frame.communes(dep), query) if query.strip() else None
    focus_commune(None if hits is None or hits.empty else hits["code"].iloc[0])


def commune_search(dep: str) -> None:
    """The commune search, beside the map rather than in the shared sidebar: it sets `commune` in the link."""
    st.text_input(texts.SEARCH_LABEL, placeholder=texts.SEARCH_PLACEHOLDER, key="carte_search",
                  on_change=on_search, args=(dep,), label_visibility="collapsed")
    query = st.session_state.get("carte_search", "")
    if not query.strip():
        return
    hits = reference.search_communes(frame.communes(dep), query)
    if hits.empty:
        st.info(texts.SEARCH_NONE.format(query=query.strip()))
        return
    st.selectbox(texts.SEARCH_PICK, hits["code"].tolist(), key="carte_pick",
                 format_func=reference.commune_labels(hits).get,
                 on_change=lambda: focus_commune(st.session_state["carte_pick"]))


def draw_map(dep: str, token: str, data: mapdata.MapData, view: controls.MapView,
             gaps: list[completeness.Completeness]) -> None:
    """Every layer is in the map; its own controls show, hide and recolour them in the browser (geo.maps.controls).

    The map's HTML changes only with the data or the link's view, so a rerun leaves the browser's map as it is.
    Pan and zoom send nothing back (returned_objects=[]).
    """
    start = (*view.centre, START_ZOOM if view.zoom is None else view.zoom) if view.centre else None
    base = maps.base_map(data.bounds, view=start)
    KeyboardAccess().add_to(base)  # markers by Tab, Escape, the first click kept (geo/maps/keyboard.py)
    # The shipped shapes (communes, EPCI borders) come from files the browser keeps (geo/maps/geometry_files.py):
    # back on a territory already seen, only the store's properties are sent again.
    FrameName(texts.MAP_FRAME_TITLE.format(territory=frame.territory_labels().get(zones.departement_id(dep), dep))).add_to(base)
    groups = {
        "communes": maps.communes_layer(commune_features(dep, token), share="geometry"),
        "epci": maps.outline_layer(data.epci, texts.LAYER_EPCI, share="features"),
        "cpts": maps.cpts_layer(data.cpts),
    }
    for group in groups.values():
        group.add_to(base)
    for name, features in overlay_features(dep, token):
        maps.overlay_layer(features, name).add_to(base)
    if view.background is None:  # the offline background's place names (tiles carry their own)
        labels.labels_layer(data.places, scale=1.3 if frame.presenting() else 1.0).add_to(base)
    if frame.presenting():
        labels.map_style(1.4, data.bounds).add_to(base)
    groups["structures"] = maps.structures_layer(data.structures).add_to(base)
    settings = controls.config(view, mapdata.present_kinds(data), len(data.structure_rows), data.colourings,
                               completeness.headline(gaps))
    controls.MapControls(groups, settings).add_to(base)
    highlight, center, zoom = [], None, None
    if view.commune:
        row = data.communes.loc[data.communes["code"] == view.commune].iloc[0]
        highlight.append(maps.highlight_layer(row.geometry, row["nom"]))
        if st.session_state.get(FOCUS_KEY) == view.commune or view.centre is None:
            point = row.geometry.representative_point()
            center, zoom = (point.y, point.x), 12
    st_folium(
        base,
        key=f"carte_map_{dep}",
        height=MAP_HEIGHT_PRESENTING if frame.presenting() else MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=highlight,
        center=center,
        zoom=zoom,
    )


@per_version
def completeness_rows(dep: str, token: str) -> list[completeness.Completeness]:
    table, _ = frame.cpts(dep)
    return completeness.completeness(frame.structures(dep), table, dep)


def completeness_panel(rows: list[completeness.Completeness]) -> None:
    st.header(texts.COMPLETENESS_HEADER, anchor=False)  # h2, as every section under the page's h1
    for entry in completeness.panel_entries(rows):
        st.markdown(entry.line)
        if entry.progress is not None:
            st.progress(entry.progress)
        for note in entry.notes:
            st.caption(note)
    st.page_link("pages/donnees.py", label=texts.COMPLETENESS_LINK, icon=":material/database:")


def legend(data: mapdata.MapData) -> None:
    """Kinds, statuses, CPTS and EPCI; the colouring's classes are drawn in the map, under its choice."""
    st.header(texts.LEGEND_TITLE, anchor=False)
    st.html(map_legend.legend_html(set(mapdata.present_kinds(data)), None, None))


def page_controls(data: mapdata.MapData, view: controls.MapView) -> dict:
    """A view in the shape the exports and the table alternative read."""
    kinds = view.kinds or tuple(mapdata.present_kinds(data))
    label = controls.COLOURINGS.get(view.colour or "", None)
    return {"show": {layer: layer in view.layers for layer in controls.LAYERS}, "kinds": set(kinds),
            "statuses": set(view.statuses), "choropleth": view.colour, "choropleth_label": label,
            "commune": view.commune}


def export_buttons(dep: str, dep_name: str, data: mapdata.MapData) -> None:
    """The view on screen as a slide (PNG, SVG). The map changes its view with no run, so the click's run reads the
    view the viewer sees (the link and the map's box, viewlink.py), draws it and hands the file to the page."""
    buttons = [(fmt, texts.EXPORT_MAP_LABELS[fmt], texts.EXPORT_MAP_HELP) for fmt in mapview.FORMATS]
    seen = viewlink.action_buttons("carte_export", buttons)
    file = None
    if seen is not None:
        view, _ = controls.read_view(seen.params, mapdata.present_kinds(data), set(data.communes["code"]))
        layers = mapview.layers_of(data, frame.structures(dep), page_controls(data, view))
        box = seen.bounds or mapview.view_for(layers, data.bounds, seen.params.get(links.CENTRE_PARAM),
                                              seen.params.get(links.ZOOM_PARAM), (1000, MAP_HEIGHT))
        try:
            with st.spinner(texts.EXPORT_PREPARING):
                content = mapview.export(layers, box, dep_name, dt.date.today(), seen.action)
        except (ValueError, OSError) as exc:  # a geometry or font the writer cannot draw: said, the page stays up
            st.error(texts.EXPORT_FAILED.format(detail=texts.md_escape(str(exc))))
        else:
            file = (texts.EXPORT_MAP_FILE.format(dep=dep, ext=seen.action), mapview.FORMATS[seen.action], content)
    viewlink.deliver("carte_export_file", file, texts.EXPORT_AGAIN)


def map_table(dep: str, ctl: dict) -> None:
    """The table alternative of the map: the structures it shows, following its layers and filters as they change
    in the browser (geo/maps/alternative.py, viewlink.py)."""
    with st.expander(texts.MAP_TABLE_TITLE):
        table, tags = alternative.tagged_table(frame.structures(dep))
        state = {"layers": [layer for layer, on in ctl["show"].items() if on], "kinds": sorted(ctl["kinds"]),
                 "statuses": sorted(ctl["statuses"])}
        viewlink.live_table("carte_table", table, tags, state, texts.MAP_TABLE_EMPTY)


def commune_card(data: mapdata.MapData, code: str) -> None:
    card = data.cards.loc[data.cards["code"] == code].iloc[0]
    st.subheader(texts.CARD_TITLE.format(name=card["nom"]))
    st.html(popups.commune_popup(card.to_dict()))
    st.page_link("pages/fiche.py", label=texts.FICHE_OPEN, icon=":material/location_city:",
                 query_params={"commune": code})
    st.caption(texts.CARD_DISTANCE_NOTE)
    st.caption(texts.CARD_SOURCE)


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
dep_name = frame.territory_labels().get(zones.departement_id(dep), dep)
st.title(texts.CARTE_TITLE)
st.caption(texts.CARTE_CAPTION.format(dep=dep_name))
gaps = completeness_rows(dep, token)
if not frame.presenting():  # on a shared screen the banner goes beside the map, which takes the height
    st.warning(completeness.banner_text(gaps), icon="⚠️")
view = map_view(data)
ctl = page_controls(data, view)

# The map first, with no widget built before it: widgets ahead of the map cost about half a second of
# first view (scripts/bench_map.py). The map's own controls replace the sidebar's. On a session's first view the
# rest waits for the map to be drawn (ready.py): the browser asks for the run that adds it.
later = ready.pending()
left, right = st.columns([5, 2] if frame.presenting() else [3, 1], gap="medium")
with left, st.container(key="carte_map"):
    draw_map(dep, token, data, view, gaps)
    if not later:
        with frame.folded(texts.PRESENT_NOTES):  # a shared screen gives the map the height
            st.caption(texts.MAP_SOURCE)
            st.caption(texts.MAP_KEYBOARD_HELP)
        map_table(dep, ctl)
with right, st.container(key="carte_side"):
    if later:
        ready.signal()
        st.stop()
    if not frame.presenting():  # on a shared screen the field's example says it; its label stays for screen readers
        st.header(texts.SEARCH_LABEL, anchor=False)
    commune_search(dep)
    if view.commune:
        commune_card(data, view.commune)
    legend(data)
    # On a shared screen the slide is the map and its legend; what is missing and the exports are one click away.
    with st.expander(texts.PRESENT_MORE) if frame.presenting() else contextlib.nullcontext():
        if frame.presenting():
            st.warning(completeness.banner_text(gaps), icon="⚠️")
        export_buttons(dep, dep_name, data)
        completeness_panel(gaps)

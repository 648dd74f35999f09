"""Fiche territoire: a commune, an EPCI or a CPTS beside its département, région and France; access to care,
the communes furthest from coordinated care, and « what if » scenarios (never mixed with the stored layers).

Opened by link: ?commune=29232, ?epci=SIREN, ?cpts=ID; a scenario travels in ?scenario=….
"""


import streamlit as st
from streamlit_folium import st_folium

import caching
import frame
from geo import barometer, charts, completeness, links, reference, texts, zones
from geo.access import compare, gaps, mapping, nearest, profile
from geo.access import scenario as scenarios
from geo.excel_csv import to_excel_csv
from geo.maps import layers as maps
from geo.maps.keyboard import FrameName

KINDS = profile.KINDS
MAP_HEIGHT = 460
# What layers() reads, so what its token covers: a free layer's save leaves the access tables as they are.
READ_KINDS = ("structures", "cpts")
PRESENTING_TABLE_HEIGHT = 200  # px: a header and five rows

@caching.per_version
def layers(dep: str, token: str) -> profile.Layers:
    """One département's layers and its access table: computed once per data version."""
    communes, structures = frame.communes(dep), frame.structures(dep)
    table, members = frame.cpts(dep)
    return profile.Layers(dep, communes, structures, table, members,
                          nearest.access_table(communes, structures, dep, origins(dep)))


@caching.process
def origins(dep: str):
    """Where each commune's population is counted: depends on the communes only, not on the data version."""
    return nearest.origin_points(frame.communes(dep), nearest.crs_of_departement(dep))


def layers_of(dep: str) -> profile.Layers:
    return layers(dep, frame.data_token(dep, READ_KINDS))


@caching.process
def drawn_communes(dep: str):
    return maps.simplify(frame.communes(dep))


@caching.per_version
def caveats(dep: str, token: str) -> dict[str, str]:
    data = layers(dep, token)
    return profile.caveats_of(completeness.completeness(data.structures, data.cpts_table, dep), data)


# --- Which territory --------------------------------------------------------------


def from_url() -> tuple[profile.Territory | None, bool]:
    """(territory named by the URL, whether the URL named one)."""
    for kind in KINDS:
        code = st.query_params.get(kind)
        if code:
            found = profile.locate(kind, code, reference.available_departements(), layers_of)
            if found is None:
                st.error(texts.FICHE_UNKNOWN.format(code=texts.md_escape(code[:40]),
                                                    kind=texts.FICHE_KIND_LABELS[kind]))
            return found, True
    return None, False


def pick(dep: str, current: profile.Territory | None) -> None:
    """Kind and territory choosers; a choice becomes the URL (a fiche is shareable)."""
    data = layers_of(dep)
    options = {
        "commune": profile.commune_names(data),
        "epci": dict(zip(data.communes["epci_code"], data.communes["epci_nom"], strict=False)),
        "cpts": dict(zip(data.cpts_table["id"], data.cpts_table["name"], strict=False)),
    }
    left, right = st.columns([3, 5])
    kinds = [k for k in KINDS if options[k]]
    seen = (current.kind, current.code) if current else None
    if st.session_state.get("fiche_seen") != seen:  # a new link, or Back/Forward: the choosers show its territory
        st.session_state["fiche_seen"] = seen
        if current and current.kind in kinds:
            st.session_state["fiche_kind"] = current.kind
        for k in kinds:
            st.session_state[f"fiche_pick_{k}"] = current.code if current and current.kind == k \
                and current.code in options[k] else None
    kind = left.radio(texts.FICHE_PICK_KIND, kinds, format_func=texts.FICHE_KIND_LABELS.get, horizontal=True,
                      key="fiche_kind")
    codes = sorted(options[kind], key=lambda c: options[kind][c])

    def chosen() -> None:
        code = st.session_state[f"fiche_pick_{kind}"]
        params = {name: value for name, value in st.query_params.to_dict().items() if name not in KINDS}
        st.query_params.from_dict(params | ({kind: code} if code else {}))  # one write: one entry in the history

    right.selectbox(texts.FICHE_PICK, codes, index=None, format_func=options[kind].get, help=texts.FICHE_PICK_HELP,
                    key=f"fiche_pick_{kind}", on_change=chosen, placeholder=texts.FICHE_PICK)


# --- Profile ---------------------------------------------------------------------


def show_caveats(found: dict[str, str]) -> None:
    shown = " ".join(v for k, v in found.items() if v)
    if shown:
        st.warning(texts.FICHE_CAVEAT_BANNER.format(caveats=shown), icon="⚠️")


def show_profile(territory: profile.Territory, token: str) -> None:
    data = layers(territory.dep, token)
    region, region_deps = profile.region_of(territory.dep)
    levels = profile.levels(territory, layers_of, region, region_deps, reference.available_departements())
    found = caveats(territory.dep, token)
    show_caveats(found)
    st.subheader(texts.FICHE_COMPARISON)
    table = profile.comparison_table(levels, profile.comparison_rows(levels, data, found))
    st.table(table, hide_index=True, border="horizontal")  # a static table: long sources wrap instead of hiding
    st.caption(texts.FICHE_METHOD_ACCESS)
    for note in profile.na_notes(levels):
        st.caption(note)
    st.download_button(texts.FICHE_EXPORT_PROFILE, to_excel_csv(table, profile.provenance(territory.name)),
                       file_name=f"fiche_{territory.code}.csv",
                       mime="text/csv", key="fiche_export")
    left, right = st.columns(2)
    with left:
        st.subheader(texts.FICHE_CPTS_HEADER)
        membership = profile.cpts_membership(territory, data)
        if membership.empty:
            st.info(texts.FICHE_NO_CPTS + (" " + found["cpts"] if found["cpts"] else ""))
        else:
            st.dataframe(membership, hide_index=True, width="stretch")
        st.subheader(texts.FICHE_STRUCTURES_HEADER)
        around = profile.structures_around(territory, data)
        if around.empty:
            st.info(texts.FICHE_NO_STRUCTURES.format(km=10))
        else:
            st.table(around, hide_index=True, border="horizontal")
    with right:
        st.subheader(texts.FICHE_MAP_HEADER)
        draw(territory, data.access, data.structures, key="fiche_map")
        st.caption(texts.FICHE_MAP_CAPTION)


def draw(territory: profile.Territory, access, structures, key: str, scenario: bool = False) -> None:
    m = mapping.fiche_map(drawn_communes(territory.dep), access, set(territory.communes), structures, scenario)
    title = texts.MAP_FRAME_TITLE_SCENARIO if scenario else texts.MAP_FRAME_TITLE_FICHE
    FrameName(title.format(territory=territory.name)).add_to(m)
    st_folium(m, key=key, height=MAP_HEIGHT, use_container_width=True, returned_objects=[])
    st.html(mapping.legend_html())


def show_access(territory: profile.Territory, token: str) -> None:
    data = layers(territory.dep, token)
    show_caveats(caveats(territory.dep, token))
    st.subheader(texts.ACCESS_HEADER)
    inside = data.access["code"].isin(set(territory.communes)).to_numpy()
    parts = [(territory.name, data.access[inside]), (barometer.zone_title(f"D{territory.dep}"), data.access)]
    st.table(profile.access_overview(parts, {t: data.used(t) for t in ("msp", "cds")}), hide_index=True,
             border="horizontal")
    st.caption(texts.FICHE_METHOD_ACCESS)
    st.caption(texts.ACCESS_MAP_NOTE)


# --- Gap finder ------------------------------------------------------------------


def show_gaps(dep: str, token: str, standalone: bool = False) -> None:
    """`standalone`: the page's only section (no territory chosen), an h2 under the page's h1; else an h3 in a tab."""
    data = layers(dep, token)
    dep_title = barometer.zone_title(zones.departement_id(dep))
    (st.header if standalone else st.subheader)(texts.GAPS_HEADER.format(dep=dep_title))
    criterion = st.radio(texts.GAPS_CRITERION, gaps.CRITERIA, format_func=texts.GAPS_CRITERIA.get, horizontal=True,
                         key="gaps_criterion")
    if criterion != "no_cpts":
        show_caveats({"msp": caveats(dep, token)["msp"]})
        if not data.used("msp"):
            st.info(texts.GAPS_NO_MSP)
    else:
        show_caveats({"cpts": caveats(dep, token)["cpts"]})
    link = {texts.GAPS_COLUMNS["fiche"]: st.column_config.LinkColumn(display_text=texts.FICHE_LINK)}
    # French digits (142 346 ; 52,5) in the reader's locale; the CSV writes them the French Excel way.
    link |= {texts.GAPS_COLUMNS[c]: st.column_config.NumberColumn(format="localized")
             for c in ("population", "msp_km", "gap_population", "epci_population", "gap_share")}
    communes = gaps.commune_gaps(data.access, data.members, data.cpts_table, criterion)
    st.markdown(f"**{texts.GAPS_COMMUNES}**")
    if communes.empty:
        st.info(texts.GAPS_NONE)
    else:
        # On a shared screen: the rows a 720 px screen has room for (the grid scrolls within; a height set by the
        # page's CSS or script is not one it follows).
        st.dataframe(communes, hide_index=True, width="stretch", column_config=link,
                     height=PRESENTING_TABLE_HEIGHT if frame.presenting() else 320, column_order=gaps.link_first(communes))
    with frame.folded(texts.PRESENT_EPCI_TABLE):
        show_epci_gaps(dep, dep_title, data, criterion, communes, link)


def show_epci_gaps(dep: str, dep_title: str, data: profile.Layers, criterion: str, communes, link: dict) -> None:
    """Under the communes' list: its export, then the EPCI's list and export, and the method's note."""
    if not communes.empty:
        st.download_button(texts.GAPS_EXPORT, to_excel_csv(communes, profile.provenance(dep_title, criterion)), mime="text/csv",
                           key="gaps_export",
                           file_name=texts.GAPS_FILE.format(dep=dep, criterion=criterion))
    epci = gaps.epci_gaps(data.access, data.members, criterion)
    st.markdown(f"**{texts.GAPS_EPCI}**")
    if not epci.empty:
        st.dataframe(epci, hide_index=True, width="stretch", column_config=link, column_order=gaps.link_first(epci))
        st.download_button(texts.GAPS_EXPORT_EPCI, to_excel_csv(epci, profile.provenance(dep_title, criterion)), mime="text/csv",
                           key="gaps_export_epci",
                           file_name=texts.GAPS_FILE_EPCI.format(dep=dep, criterion=criterion))
    st.caption(texts.GAPS_NOTE)


# --- Scenario --------------------------------------------------------------------


def url_scenario(data: profile.Layers) -> scenarios.Scenario:
    text = st.query_params.get("scenario", "")
    if not text:
        return scenarios.Scenario()
    try:
        return scenarios.decode(text, set(data.communes["code"]), set(data.cpts_table["id"]))
    except scenarios.ScenarioError as exc:
        st.error(texts.SCENARIO_BAD_URL.format(reason=texts.md_escape(str(exc))))
        return scenarios.Scenario()


def put_in_state(dep: str, sc: scenarios.Scenario) -> None:
    st.session_state[f"sc_msp_{dep}"] = list(sc.msp)
    st.session_state[f"sc_extend_{dep}"] = sc.extend_id
    st.session_state[f"sc_extend_communes_{dep}"] = list(sc.extend)
    st.session_state[f"sc_new_name_{dep}"] = sc.new_name
    st.session_state[f"sc_new_communes_{dep}"] = list(sc.new)


def state_scenario(dep: str) -> scenarios.Scenario:
    """The scenario the widgets hold (a name that would be refused is left out)."""
    state = st.session_state
    extend_id, name = state.get(f"sc_extend_{dep}") or "", state.get(f"sc_new_name_{dep}") or ""
    try:
        name = scenarios.check_name(name) if name.strip() else ""
    except scenarios.ScenarioError:
        name = ""
    return scenarios.Scenario(tuple(state.get(f"sc_msp_{dep}") or ()), extend_id,
                              tuple(state.get(f"sc_extend_communes_{dep}") or ()) if extend_id else (), name,
                              tuple(state.get(f"sc_new_communes_{dep}") or ()))


def link_text(sc: scenarios.Scenario) -> str:
    return "" if sc.empty else sc.encode()


def write_scenario(dep: str) -> None:
    """Every scenario widget's on_change: the link follows at once (a new entry of the browser's history)."""
    if text := link_text(state_scenario(dep)):
        st.query_params["scenario"] = text
    else:
        st.query_params.pop("scenario", None)


def scenario_controls(dep: str, data: profile.Layers) -> scenarios.Scenario:
    """The widgets show the URL's scenario (on opening, and after Back or Forward); every change is written back."""
    if f"sc_msp_{dep}" not in st.session_state or st.query_params.get("scenario", "") != link_text(state_scenario(dep)):
        put_in_state(dep, url_scenario(data))
    changed = {"on_change": write_scenario, "args": (dep,)}
    names = profile.commune_names(data)
    codes = sorted(names, key=names.get)
    msp = st.multiselect(texts.SCENARIO_ADD_MSP, codes, format_func=names.get, placeholder=texts.SCENARIO_PLACEHOLDER,
                         key=f"sc_msp_{dep}", **changed)
    left, right = st.columns(2)
    cpts_names = {"": texts.SCENARIO_EXTEND_NONE} | dict(zip(data.cpts_table["id"], data.cpts_table["name"],
                                                              strict=True))
    extend_id = left.selectbox(texts.SCENARIO_EXTEND, list(cpts_names), format_func=cpts_names.get,
                               key=f"sc_extend_{dep}", **changed)
    extend = left.multiselect(texts.SCENARIO_EXTEND_COMMUNES, codes, format_func=names.get,
                              placeholder=texts.SCENARIO_PLACEHOLDER, key=f"sc_extend_communes_{dep}",
                              disabled=not extend_id, **changed)
    new_name = right.text_input(texts.SCENARIO_NEW_NAME, key=f"sc_new_name_{dep}", max_chars=60, **changed)
    new = right.multiselect(texts.SCENARIO_NEW_COMMUNES, codes, format_func=names.get,
                            placeholder=texts.SCENARIO_PLACEHOLDER, key=f"sc_new_communes_{dep}", **changed)
    try:
        new_name = scenarios.check_name(new_name) if new_name.strip() else ""
    except scenarios.ScenarioError as exc:
        right.error(str(exc))
        new_name = ""
    sc = scenarios.Scenario(tuple(msp), extend_id, tuple(extend) if extend_id else (), new_name, tuple(new))
    if not link_text(sc):  # a link's scenario that could not be read leaves it
        st.query_params.pop("scenario", None)
    elif st.query_params.get("scenario") != sc.encode():
        st.query_params["scenario"] = sc.encode()
    return sc


def show_scenario(territory: profile.Territory, token: str) -> None:
    dep, data = territory.dep, layers(territory.dep, token)
    st.info(texts.SCENARIO_INTRO)
    saved_dir = scenarios.scenarios_dir(store_dir())
    saved = scenarios.saved(saved_dir, dep)
    if saved:
        chosen = st.selectbox(texts.SCENARIO_LOAD, list(saved), key=f"sc_saved_{dep}")
        st.button(texts.SCENARIO_LOAD_BUTTON, key=f"sc_load_{dep}", on_click=load_saved, args=(data, saved[chosen]))
    sc = scenario_controls(dep, data)
    if sc.empty:
        st.caption(texts.SCENARIO_EMPTY)
        return
    st.header(texts.SCENARIO_LABEL, divider="red")
    st.caption(texts.SCENARIO_SHARE)
    now, then = compare.current_and_scenario(data.communes, data.structures, data.cpts_table, data.members, dep, sc,
                                             access=data.access)
    title = barometer.zone_title(f"D{dep}")
    table = compare.comparison_table(now, then, title)
    left, right = st.columns(2)
    with left:
        st.subheader(texts.SCENARIO_COMPARE)
        st.table(table, hide_index=True, border="horizontal")
        st.caption(texts.SCENARIO_NOTE.format(date=compare.Targets.of(dep).as_of))
    with right:
        structures = scenarios.with_hypothetical_msp(data.structures, data.communes, sc)
        access = nearest.access_table(data.communes, structures, dep, origins(dep))
        draw(territory, access, structures, key="sc_map", scenario=True)
    st.plotly_chart(compare.progress_figure(now, then, dep, title), width="stretch", key="sc_chart",
                    config=charts.config(f"scenario_{dep}"))  # the PNG of the modebar: named, sharp, stamped
    export = compare.export_table(table)
    name = st.text_input(texts.SCENARIO_SAVE_NAME, key=f"sc_name_{dep}", max_chars=60)
    st.download_button(texts.SCENARIO_EXPORT, to_excel_csv(export, profile.provenance(title, scenario=sc.encode())),
                       mime="text/csv", key="sc_export",
                       file_name=texts.SCENARIO_FILE.format(name=dep))
    st.button(texts.SCENARIO_SAVE, key=f"sc_save_{dep}", on_click=save_scenario, args=(dep, name, sc))
    # The outcome is kept with what was saved, so it shows only while that scenario and name are on screen.
    outcome = st.session_state.get("sc_outcome")
    if outcome and outcome[:2] == (name, sc.encode()):
        (st.success if outcome[2] else st.error)(outcome[3])


def load_saved(data: profile.Layers, text: str) -> None:
    """The button's callback: a saved scenario fills the widgets (a file that no longer fits the data is refused)."""
    try:
        put_in_state(data.dep, scenarios.decode(text, set(data.communes["code"]), set(data.cpts_table["id"])))
        write_scenario(data.dep)
    except scenarios.ScenarioError as exc:
        message = texts.SCENARIO_BAD_URL.format(reason=texts.md_escape(str(exc)))
        st.session_state["sc_outcome"] = ("", "", False, message)


def save_scenario(dep: str, name: str, sc: scenarios.Scenario) -> None:
    """Run as the button's callback: before the page, so a rerun of the page cannot lose the click."""
    try:
        path = scenarios.save(scenarios.scenarios_dir(store_dir()), name, dep, sc)
        result = (True, texts.SCENARIO_SAVED.format(name=texts.md_escape(path.stem)))
    except scenarios.ScenarioError as exc:
        result = (False, str(exc))
    except OSError as exc:
        result = (False, texts.SCENARIO_SAVE_FAILED.format(reason=texts.md_escape(exc.strerror or exc)))
    st.session_state["sc_outcome"] = (name, sc.encode(), *result)


def store_dir():
    from geo.store import default_store_dir

    return default_store_dir()


# --- Page ------------------------------------------------------------------------

frame.ensure_navigation()
st.title(texts.FICHE_TITLE)
territory, named = from_url()
dep = territory.dep if territory else frame.map_departement()[0]
pick(dep, territory)
if territory is not None:
    token = frame.data_token(territory.dep, READ_KINDS)
    st.header(texts.FICHE_HEADER.format(kind=texts.FICHE_KIND_LABELS[territory.kind],
                                        name=texts.md_escape(territory.name)))
    st.caption(texts.FICHE_SUBTITLE.format(dep=barometer.zone_title(f"D{territory.dep}"), n=len(territory.communes)))
    # The tab is in the link (?onglet=); a scenario link without one opens on the scenario's tab.
    tab_choices = dict(zip(links.FICHE_TABS, texts.FICHE_TABS, strict=True))
    frame.url_choice(links.TAB_PARAM, tab_choices, "fiche_tab",
                     default=links.FICHE_TABS[3] if st.query_params.get(links.SCENARIO_PARAM) else None)
    tab_profile, tab_access, tab_gaps, tab_scenario = st.tabs(
        texts.FICHE_TABS, key="fiche_tab", on_change=frame.url_writer(links.TAB_PARAM, tab_choices, "fiche_tab"))
    # On a shared screen each tab's body takes the height under the tabs and scrolls within: the page stays put.
    with tab_profile, frame.screen_fill("scroll_profile"):
        show_profile(territory, token)
    with tab_access, frame.screen_fill("scroll_access"):
        show_access(territory, token)
    with tab_gaps, frame.screen_fill("scroll_gaps"):
        show_gaps(territory.dep, token)
    with tab_scenario, frame.screen_fill("scroll_scenario"):
        show_scenario(territory, token)
else:
    show_gaps(dep, frame.data_token(dep, READ_KINDS), standalone=True)

"""Données: import a file, read its validation report, save it as a version; history, export, rollback; CPTS editor.

Thin view: reading and checking are geo.imports, versions are geo.store,
merging and the preview map are geo.layers. Any text that came from a file
is escaped before Markdown sees it (md) and only escaped text reaches the maps.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import analyst
import frame
from geo import editing, imports, layers, texts, zones
from geo.maps import preview
from geo.maps.keyboard import FrameName
from geo.reference import load_departement_outline
from geo.sources import update as sources

# Tables from files go through neutralize_table: st.dataframe's own download button writes cells as they are.
from geo.store import EXPORT_FORMATS, StoreError, clean_layer_name, export_version, neutralize_table

frame.ensure_navigation()

TEST_UPLOAD_KEY = "donnees_test_upload"  # (name, bytes): lets AppTest stand in for the uploader
FLASH_KEY = "donnees_flash"
UPLOAD_ROUND_KEY = "donnees_upload_round"
SOURCES_KEY = "donnees_sources_checked"  # (département, {source: [Prepared] or a French error})
# Material icons ship with Streamlit (no emoji font needed on the viewer's machine).
LEVEL_ICONS = {"info": ":material/info:", "fix": ":material/build:", "warn": ":material/warning:",
               "error": ":material/block:"}


md = texts.md_escape  # every text that came from a file or a user, before Markdown sees it


def flash(message: str) -> None:
    st.session_state[FLASH_KEY] = message


def write_problem(store) -> str | None:
    """Why nothing can be saved now (read-only folder, full disk, read-only role); the layers are still shown."""
    try:
        return store.write_problem()
    except StoreError:  # an unreachable store says so where it is read
        return None


def show_report(report: imports.Report) -> None:
    st.subheader(texts.DONNEES_REPORT)
    for level, line in report.lines():
        text, icon = md(line), LEVEL_ICONS[level]
        if level == "error":
            st.error(text, icon=icon)
        elif level == "warn":
            st.warning(text, icon=icon)
        elif level == "fix":
            st.info(text, icon=icon)
        else:
            st.markdown(f"{icon} {text}")


def layer_choice(store, dep: str, kind: str, filename: str) -> tuple[str, int | None]:
    """Target layer name and its current version (None for a new layer)."""
    current = {v.layer: v.version for v in store.latest(dep) if v.kind == kind}
    # A new layer first: replacing an existing one is always an explicit choice, never the default.
    options = [texts.DONNEES_TARGET_NEW] + list(current)
    choice = st.selectbox(texts.DONNEES_TARGET, options, key=f"donnees_target_{kind}")
    if choice != texts.DONNEES_TARGET_NEW:
        st.warning(texts.SOURCES_TARGET_REPLACES.format(version=current[choice], layer=md(choice)))
        return choice, current[choice]
    default = texts.DONNEES_DEFAULT_LAYER[kind]
    if kind == "layer":  # a file's name can carry anything: only plain words become a layer name
        default = clean_layer_name(filename.rsplit(".", 1)[0]) or default
    default = next(n for n in (default, *(f"{default} ({i})" for i in range(2, 1000))) if n not in current)
    name = st.text_input(texts.DONNEES_TARGET_NAME, value=default, max_chars=80, key=f"donnees_target_name_{kind}")
    name = clean_layer_name(name) or default
    if name in current:  # typed on purpose: say it replaces that layer; its diff follows
        st.warning(texts.SOURCES_TARGET_EXISTS.format(layer=md(name), version=current[name]))
    return name, current.get(name)


def show_diff(store, dep: str, kind: str, result: imports.ImportResult, version: int | None) -> None:
    st.subheader(texts.DONNEES_DIFF)
    if version is None:
        st.caption(texts.DONNEES_DIFF_NEW_LAYER)
        if kind == "structures":
            n = layers.replaced_count(frame.structures(dep), result.features)
            if n:
                st.caption(texts.DONNEES_REPLACES_SHIPPED.format(n=n))
        return
    current = store.load(version)
    difference = imports.diff(kind, current.features, result.features, current.members, result.members)
    st.markdown(texts.DONNEES_DIFF_LINE.format(added=len(difference.added), removed=len(difference.removed),
                                               changed=len(difference.changed), same=difference.same))
    columns = st.columns(3)
    for column, title, names in zip(columns, (texts.DONNEES_DIFF_ADDED, texts.DONNEES_DIFF_REMOVED,
                                              texts.DONNEES_DIFF_CHANGED),
                                    (difference.added, difference.removed, difference.changed), strict=True):
        if names:
            column.dataframe(neutralize_table(pd.DataFrame({title: names[:500]})), hide_index=True, width="stretch")


def dep_label(dep: str) -> str:
    return frame.territory_labels().get(zones.departement_id(dep), dep)


def upload_limit_mb() -> int:
    """The smaller of the app's limit (CARTE_MAX_UPLOAD_MB) and Streamlit's own (server.maxUploadSize)."""
    return min(imports.MAX_UPLOAD_MB, int(st.get_option("server.maxUploadSize")))


def import_tab(store, dep: str, password: str | None) -> None:
    st.caption(texts.DONNEES_FORMATS.format(max_mb=upload_limit_mb()))
    kind = st.radio(texts.DONNEES_KIND, list(texts.KIND_CHOICES), format_func=texts.KIND_CHOICES.get,
                    key="donnees_kind")
    # A new key after each save empties the uploader: the saved file cannot be saved twice by mistake.
    uploaded = st.file_uploader(texts.DONNEES_UPLOAD, key=f"donnees_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}",
                                type=["geojson", "json", "zip", "gpkg", "kml", "csv", "txt", "gz"])
    if uploaded is not None:
        name, data = uploaded.name, uploaded.getvalue()
    elif st.session_state.get(TEST_UPLOAD_KEY):
        name, data = st.session_state[TEST_UPLOAD_KEY]
    else:
        return
    digest = hashlib.sha256(data).hexdigest()
    layer_key = f"donnees_gpkg_layer_{digest[:16]}"  # per file: a layer picked in one file means nothing in the next
    layer = st.session_state.get(layer_key)
    result = validated(name, data, digest, kind, dep, layer)
    report = result.report
    if len(report.layers_available) > 1:
        picked = st.selectbox(texts.DONNEES_GPKG_LAYER, report.layers_available,
                              index=report.layers_available.index(report.layer_read) if report.layer_read in report.layers_available else 0,
                              key=layer_key)
        if picked != report.layer_read:
            result = validated(name, data, digest, kind, dep, picked)
            report = result.report
    show_report(report)
    if not report.ok:
        return
    st.subheader(texts.DONNEES_PREVIEW)
    m = preview.preview_map(result.features, editing.feature_tips(kind, result.features), load_departement_outline(dep))
    FrameName(texts.MAP_FRAME_TITLE_PREVIEW.format(territory=dep_label(dep))).add_to(m)
    st_folium(m, height=420, use_container_width=True, returned_objects=[], key=f"donnees_preview_{report.checksum[:12]}")
    with st.expander(texts.DONNEES_FEATURES_TABLE, expanded=False):
        table = pd.DataFrame(result.features.drop(columns=result.features.geometry.name)).head(1000)
        st.dataframe(neutralize_table(table), hide_index=True, width="stretch")
    target, version = layer_choice(store, dep, kind, name)
    show_diff(store, dep, kind, result, version)
    if not password:
        st.info(texts.DONNEES_NOT_SAVED_VIEWER)
        return
    with st.form("donnees_save"):
        author = st.text_input(texts.DONNEES_AUTHOR, key="donnees_author", max_chars=80)
        comment = st.text_area(texts.DONNEES_COMMENT, key="donnees_comment", max_chars=1000)
        if st.form_submit_button(texts.DONNEES_SAVE, type="primary"):
            if not author.strip():
                st.error(texts.DONNEES_AUTHOR_MISSING)
                return
            try:
                saved = store.save(layer=target, kind=kind, departement=dep, features=result.features,
                                   members=result.members, author=author.strip(), filename=report.filename,
                                   checksum=report.checksum, comment=comment.strip(), password=password)
            except StoreError as exc:
                st.error(texts.DONNEES_ERROR.format(message=md(exc)))
                return
            flash(texts.DONNEES_SAVED.format(version=saved.version, layer=md(saved.layer)))
            st.session_state.pop(TEST_UPLOAD_KEY, None)
            st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1
            st.rerun()


def validated(name: str, data: bytes, digest: str, kind: str, dep: str, layer: str | None) -> imports.ImportResult:
    """Validation, once per (file, kind, layer, store state): reruns reuse it."""
    key = ("donnees_result", digest, kind, dep, layer, frame.data_token(dep))
    cache = st.session_state.setdefault("donnees_results", {})
    if key not in cache:
        bar = st.progress(0.0, text=texts.DONNEES_READING)
        context = frame.cpts(dep) if kind == "cpts" else None
        cache.clear()
        cache[key] = imports.validate(name, data, kind=kind, departement=dep, layer=layer, context_cpts=context,
                                      max_upload_mb=upload_limit_mb(), progress=lambda fraction, message: bar.progress(fraction, text=message))
        bar.empty()
    return cache[key]


def sources_tab(store, dep: str, password: str | None) -> None:
    """Official sources, each under its own progress bar; its date and changes shown; saved on demand."""
    st.caption(texts.SOURCES_PANEL_INTRO)
    if not password:
        st.info(texts.SOURCES_PANEL_ANALYST_ONLY)
        return
    picked = st.multiselect(texts.SOURCES_PANEL_PICK, list(texts.SOURCES_PANEL_LABELS), default=["finess"],
                            format_func=texts.SOURCES_PANEL_LABELS.get, key="sources_pick")
    if st.button(texts.SOURCES_PANEL_CHECK, key="sources_check"):
        st.session_state[SOURCES_KEY] = (dep, {source: check_source(source, dep, store) for source in picked})
    checked_dep, checked = st.session_state.get(SOURCES_KEY, (dep, {}))
    checked = checked if checked_dep == dep else {}
    for source, outcome in checked.items():
        st.markdown(f"**{texts.SOURCES_PANEL_LABELS[source]}**")
        if isinstance(outcome, str):
            st.error(md(outcome))
        else:
            st.markdown("\n".join(f"- {md(line)}" for prepared in outcome for line in prepared.lines()))
    if not (pending := sources.pending(checked.values())):
        return st.info(texts.SOURCES_PANEL_NOTHING) if checked else None
    with st.form("sources_save"):
        author = st.text_input(texts.DONNEES_AUTHOR, key="sources_author", max_chars=80).strip()
        if st.form_submit_button(texts.SOURCES_PANEL_SAVE, type="primary"):
            try:
                layers_saved = sources.save_all(pending, store, password, author)
            except sources.SourceError as exc:
                return st.error(md(exc))
            flash(texts.SOURCES_PANEL_SAVED.format(what=md(", ".join(layers_saved))))
            st.session_state.pop(SOURCES_KEY, None)
            st.rerun()


def check_source(source: str, dep: str, store) -> list[sources.Prepared] | str:
    """One source's download and check under its own progress bar; a French message when it fails."""
    label = texts.SOURCES_PANEL_LABELS[source]
    bar = st.progress(0.0, text=label)
    try:
        return sources.prepare(source, dep, store, progress=lambda fraction, message: bar.progress(
            min(max(fraction, 0.0), 1.0), text=f"{label} — {message}"))
    except sources.SourceError as exc:
        return str(exc)


def history_tab(store, dep: str, password: str | None) -> None:
    versions = store.versions(dep)
    if not versions:
        st.info(texts.DONNEES_NO_VERSION)
        return
    current = {v.layer: v.version for v in store.latest(dep)}
    shown = editing.history_table(versions, set(current.values()))
    st.dataframe(neutralize_table(shown), hide_index=True, width="stretch")
    labels = {v.version: f"{v.version} — {v.layer} ({v.created_at}, {v.author})" for v in versions}
    picked = st.selectbox(texts.DONNEES_VERSION_PICK, list(labels), format_func=labels.get, key="donnees_version")
    fmt = st.radio(texts.DONNEES_EXPORT_FORMAT, list(EXPORT_FORMATS), horizontal=True,
                   format_func=lambda f: EXPORT_FORMATS[f][0], key="donnees_export_format")
    try:
        data = export_version(store.load(picked), fmt)
        st.download_button(texts.DONNEES_EXPORT.format(version=picked), data=data,
                           file_name=f"couche-v{picked}{EXPORT_FORMATS[fmt][2]}", mime=EXPORT_FORMATS[fmt][1],
                           key="donnees_export")
    except (StoreError, OSError, ValueError) as exc:
        st.error(texts.DONNEES_ERROR.format(message=md(exc)))
    if not password:
        return
    version = next(v for v in versions if v.version == picked)
    if current.get(version.layer) == picked:
        st.caption(texts.DONNEES_ROLLBACK_CURRENT)
        return
    author = st.text_input(texts.DONNEES_AUTHOR, key="donnees_rollback_author", max_chars=80)
    if st.button(texts.DONNEES_ROLLBACK.format(version=picked), key="donnees_rollback"):
        if not author.strip():
            st.error(texts.DONNEES_AUTHOR_MISSING)
            return
        try:
            new = store.rollback(picked, author=author.strip(), password=password)
        except StoreError as exc:
            st.error(texts.DONNEES_ERROR.format(message=md(exc)))
            return
        flash(texts.DONNEES_ROLLED_BACK.format(old=picked, new=new.version, layer=md(new.layer)))
        st.rerun()


def editor_tab(store, dep: str, password: str | None) -> None:
    if not password:
        st.info(texts.DONNEES_NOT_SAVED_VIEWER)
        return
    communes = frame.communes(dep)
    table, members = frame.cpts(dep)
    names = dict(zip(communes["code"], communes["nom"], strict=True))
    options = list(table["id"]) + ["__new__"]
    labels = dict(zip(table["id"], table["name"], strict=True)) | {"__new__": texts.DONNEES_EDITOR_NEW}
    picked = st.selectbox(texts.DONNEES_EDITOR_PICK, options, format_func=labels.get, key="editor_pick")
    row = table[table["id"] == picked].iloc[0].to_dict() if picked != "__new__" else {}
    if picked == "__new__":
        name = st.text_input(texts.DONNEES_EDITOR_NAME, key="editor_name", max_chars=120).strip()
    else:
        name = row["name"]
        st.markdown(f"**{md(name)}**")
    state_key = f"editor_communes_{picked}"
    if state_key not in st.session_state:
        st.session_state[state_key] = sorted(members.loc[members["cpts_id"] == picked, "commune_code"])
    st.caption(texts.DONNEES_EDITOR_CLICK)
    m = preview.preview_map(None, [], load_departement_outline(dep), communes=communes,
                           selected=set(st.session_state[state_key]))
    FrameName(texts.MAP_FRAME_TITLE_EDITOR.format(territory=dep_label(dep))).add_to(m)
    clicked = st_folium(m, height=460, use_container_width=True, key=f"editor_map_{picked}",
                        returned_objects=["last_object_clicked_tooltip", "last_clicked"])
    toggle_from_click(clicked, state_key, f"editor_last_click_{picked}")
    chosen = st.multiselect(texts.DONNEES_EDITOR_COMMUNES, list(communes["code"]),
                            format_func=lambda c: f"{names.get(c, c)} ({c})", key=state_key)
    population = int(communes.loc[communes["code"].isin(chosen), "population"].sum())
    st.caption(texts.DONNEES_EDITOR_SUMMARY.format(n=len(chosen), pop=texts.fmt_int(population)))
    others = members[(members["cpts_id"] != picked) & members["commune_code"].isin(chosen)]
    if len(others):
        overlapping = sorted({names.get(c, c) for c in others["commune_code"]})
        st.warning(texts.DONNEES_EDITOR_OVERLAP.format(names=md(", ".join(overlapping))))
    statuses = list(texts.CPTS_STATUS_LABELS)
    status = st.selectbox(texts.DONNEES_EDITOR_STATUS, statuses, format_func=texts.CPTS_STATUS_LABELS.get,
                          index=statuses.index(row.get("status")) if row.get("status") in statuses else statuses.index("inconnu"),
                          key=f"editor_status_{picked}")
    c1, c2, c3 = st.columns(3)
    created = c1.date_input(texts.DONNEES_EDITOR_CREATION, value=editing.date_or_none(row.get("date_creation", "")), format="DD/MM/YYYY",
                            key=f"editor_creation_{picked}", min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 12, 31))
    aci = c2.date_input(texts.DONNEES_EDITOR_ACI, value=editing.date_or_none(row.get("date_aci", "")), format="DD/MM/YYYY",
                        key=f"editor_aci_{picked}", min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 12, 31))
    end = c3.date_input(texts.DONNEES_EDITOR_END, value=editing.date_or_none(row.get("date_fin", "")), format="DD/MM/YYYY",
                        key=f"editor_end_{picked}", min_value=dt.date(2015, 1, 1), max_value=dt.date(2060, 12, 31))
    author = st.text_input(texts.DONNEES_AUTHOR, key="editor_author", max_chars=80)
    comment = st.text_input(texts.DONNEES_COMMENT, key="editor_comment", max_chars=500)
    if not st.button(texts.DONNEES_EDITOR_SAVE, type="primary", key="editor_save"):
        return
    edit = editing.CptsEdit(row, name, list(chosen), status, created, aci, end, author.strip())
    for problem in edit.problems():
        st.error(problem)
    if not edit.problems():
        save_edit(store, dep, password, edit, comment.strip())


def toggle_from_click(clicked: dict | None, state_key: str, last_key: str) -> None:
    """A click on a commune adds it to the perimeter or removes it (each click once)."""
    code = preview.commune_code_from_tooltip((clicked or {}).get("last_object_clicked_tooltip"))
    event = (code, str((clicked or {}).get("last_clicked")))
    if code is not None and st.session_state.get(last_key) != event:
        st.session_state[last_key] = event
        st.session_state[state_key] = editing.toggled(st.session_state.get(state_key, []), code)


def save_edit(store, dep: str, password: str, edit: editing.CptsEdit, comment: str) -> None:
    layer = texts.DONNEES_EDITOR_LAYER
    previous = [v for v in store.latest(dep) if v.layer == layer]
    if previous:
        data = store.load(previous[-1].version)
        base_table, base_members = pd.DataFrame(data.features.drop(columns=data.features.geometry.name)), data.members
    else:
        base_table, base_members = pd.DataFrame(columns=["id", "name"]), pd.DataFrame(columns=["cpts_id", "commune_code"])
    edited = editing.edited_layer(edit, base_table, base_members, frame.communes(dep))
    try:
        saved = store.save(layer=layer, kind="cpts", departement=dep, features=edited.features, members=edited.members,
                           author=edit.author, filename="", checksum=edited.checksum, comment=comment or edit.name,
                           password=password, action="edit")
    except StoreError as exc:
        st.error(texts.DONNEES_ERROR.format(message=md(exc)))
        return
    flash(texts.DONNEES_EDITOR_SAVED.format(name=md(edit.name), version=saved.version, layer=md(layer)))
    st.rerun()


def main() -> None:
    dep, _ = frame.map_departement()
    st.title(texts.DONNEES_TITLE)
    st.caption(texts.DONNEES_INTRO)
    store = frame.store()
    if message := st.session_state.pop(FLASH_KEY, None):
        st.success(message)
    password = analyst.analyst_panel(store)
    if problem := write_problem(store):
        st.warning(md(problem), icon=LEVEL_ICONS["warn"])
    # One section at a time (not st.tabs): a Leaflet map drawn in a hidden tab gets a zero size.
    sections = {texts.DONNEES_TAB_IMPORT: import_tab, texts.DONNEES_TAB_HISTORY: history_tab,
                texts.DONNEES_TAB_EDITOR: editor_tab, texts.SOURCES_PANEL_TITLE: sources_tab}
    section = st.radio(texts.DONNEES_SECTION, list(sections), horizontal=True, key="donnees_section",
                       label_visibility="collapsed")
    try:
        sections[section](store, dep, password)
        if section == texts.DONNEES_TAB_HISTORY:
            st.caption(texts.STORE_DIR_NOTE.format(path=md(store.location)))
    except StoreError as exc:
        st.error(texts.DONNEES_ERROR.format(message=md(exc)))
    except Exception as exc:  # never a traceback in the page (st.rerun/st.stop are BaseExceptions and pass)
        st.error(texts.DONNEES_ERROR.format(message=md(type(exc).__name__)))


main()

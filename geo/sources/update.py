"""One path for every source: download -> the import gate -> what changes -> versioned save.

`prepare` never saves: it returns what the page shows and the CLI prints
(report, summary of changes, the source's date). `save` writes a prepared
download as a new version and only then remembers the server's validators,
so a refused or unsaved file is downloaded again next time.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from geo import imports, texts
from geo.importing.report import ImportResult, short_error
from geo.reference import available_departements
from geo.sources import barometre, catalogue, communes, finess, state
from geo.sources.http import Client, Download, Progress, Settings, SourceError, Validators
from geo.sources.prepared import Prepared
from geo.sources.summary import layer_summary, structures_summary
from geo.store import LayerStore, StoreError, Version

SOURCES = ("finess", "communes", "barometre")
FINESS_LAYER = "FINESS sources officielles"
INFLATED_FACTOR = 20  # a JSON file inflates ~15 times: the inflated limit follows the download limit


def check_departement(dep: str) -> None:
    if dep not in available_departements():
        raise SourceError(texts.SOURCES_UNKNOWN_DEPARTEMENT.format(dep=str(dep)[:10],
                                                                   available=", ".join(available_departements())))


def _current(store: LayerStore, dep: str, layer: str) -> gpd.GeoDataFrame | None:
    version = next((v for v in store.latest(dep) if v.layer == layer), None)
    return store.load(version.version).features if version else None


def _gate(filename: str, data: bytes, kind: str, dep: str) -> ImportResult:
    result = imports.validate(filename, data, kind=kind, departement=dep, max_upload_mb=10_000)
    if not result.report.ok or result.features is None:
        raise SourceError(texts.SOURCES_REFUSED_BY_GATE.format(reason=result.report.refused))
    return result


# Report lines about the intermediate file the connector wrote, not about the source: left out.
_OWN_FILE_LINES = (texts.REPORT_FILE.split("{")[0], texts.REPORT_ENCODING.split("{")[0], texts.REPORT_CRS_ASSUMED_WGS84)


def _checks(result: ImportResult) -> list[str]:
    return [line for _, line in result.report.lines() if not line.startswith(_OWN_FILE_LINES)]


def _features(result: ImportResult) -> gpd.GeoDataFrame:
    if result.features is None:  # _gate refuses such a result: this only narrows the type
        raise SourceError(texts.SOURCES_REFUSED_BY_GATE.format(reason=result.report.refused))
    return result.features


def _download(client: Client, key: str, url: str, folder: Path, progress: Progress | None,
              conditional: bool) -> Download:
    validators = state.remembered(key, url) if conditional else None
    return client.download(url, folder, validators, progress)


def prepare_finess(dep: str, store: LayerStore, settings: Settings, progress: Progress | None = None) -> Prepared:
    url = finess.configured_url()
    client = Client(settings, [url])
    resource = catalogue.resolve(client, url, finess.CATALOGUE_WORDS, finess.FORMATS)
    current = _current(store, dep, FINESS_LAYER)
    prepared = Prepared("finess", FINESS_LAYER, "structures", dep, resource.url, resource, Validators())
    with tempfile.TemporaryDirectory() as tmp:
        download = _download(client, prepared.state_key, resource.url, Path(tmp), progress, current is not None)
        prepared.validators = download.validators
        if download.path is None:
            return prepared
        (progress or _quiet)(1.0, texts.SOURCES_PARSING)
        extract = finess.read(download.path, dep, settings.max_mb * INFLATED_FACTOR)
    source_date = extract.source_date or resource.date
    stem = resource.name.split(".", 1)[0] or "finess"
    result = _gate(f"{stem}-{dep}.csv", extract.csv_bytes(), "structures", dep)
    features = _features(result)
    features["source"] = f"{extract.label} — {resource.name}"
    features["source_date"] = source_date
    prepared.resource = catalogue.Resource(resource.url, resource.name, source_date, resource.licence)
    prepared.result = result
    prepared.summary = structures_summary(current, features)
    prepared.checks = _checks(result)
    prepared.notes = [texts.SOURCES_FINESS_FILTER.format(
        read=texts.fmt_int(extract.read), kept=texts.fmt_int(len(extract.rows)), dep=dep,
        closed=texts.fmt_int(extract.closed), other_cat=texts.fmt_int(extract.other_categories),
        other_dep=texts.fmt_int(extract.other_departements))]
    return prepared


def prepare_communes(dep: str, store: LayerStore, settings: Settings,
                     progress: Progress | None = None) -> list[Prepared]:
    """Communes and EPCI of the département from the geo API, each as a free layer."""
    base = communes.configured_url()
    client = Client(settings, [base])
    out = []
    for what, layer, url in communes.requests(base, dep):
        current = _current(store, dep, layer)
        resource = catalogue.Resource(url, texts.SOURCES_GEO_API_NAME.format(what=what, dep=dep))
        prepared = Prepared("communes", layer, "layer", dep, url, resource, Validators())
        with tempfile.TemporaryDirectory() as tmp:
            download = _download(client, prepared.state_key, url, Path(tmp), progress, current is not None)
            prepared.validators = download.validators
            if download.path is not None:
                data = communes.check(download.path.read_bytes(), what)
                prepared.result = _gate(f"{what}-{dep}.geojson", data, "layer", dep)
                prepared.summary = layer_summary("layer", current, _features(prepared.result))
                prepared.checks = _checks(prepared.result)
        out.append(prepared)
    return out


def prepare(source: str, dep: str, store: LayerStore, settings: Settings | None = None,
            progress: Progress | None = None) -> list[Prepared]:
    """Download one source for one département and check it; raises only SourceError (a French message)."""
    try:
        prepared = _prepare(source, dep, store, settings, progress)
        for item in prepared:
            if item.unchanged:  # nothing to save: remember the server's answer so it is not downloaded again
                save(item, store, None, "")
        return prepared
    except (SourceError, MemoryError):
        raise
    except StoreError as exc:
        raise SourceError(str(exc)) from None
    except Exception as exc:  # never a traceback for the page or the CLI: one line says what broke
        raise SourceError(texts.SOURCES_CLI_ERROR_DETAIL.format(detail=short_error(exc))) from exc


def _prepare(source: str, dep: str, store: LayerStore, settings: Settings | None,
             progress: Progress | None) -> list[Prepared]:
    check_departement(dep)
    settings = settings or Settings.from_env()
    if source == "finess":
        return [prepare_finess(dep, store, settings, progress)]
    if source == "communes":
        return prepare_communes(dep, store, settings, progress)
    if source == "barometre":
        return [barometre.prepare(dep, settings, progress)]
    raise SourceError(texts.SOURCES_UNKNOWN_SOURCE.format(source=source[:20], known=", ".join(SOURCES)))


def save(prepared: Prepared, store: LayerStore, password: str | None, author: str) -> Version | None:
    """Save a prepared download as a new version (None when there is nothing new to save)."""
    if not prepared.unchanged and not store.can_write(password):
        raise SourceError(texts.SOURCES_WRITE_REFUSED)
    if prepared.kind == "barometre":
        barometre.save(prepared, write=not prepared.unchanged)
        return None
    if prepared.unchanged or prepared.result is None:
        state.remember(prepared.state_key, prepared.url, prepared.validators, prepared.resource.date)
        return None
    features = _features(prepared.result)
    checksum = hashlib.sha256(features.to_json().encode()).hexdigest()
    try:
        version = store.save(layer=prepared.layer, kind=prepared.kind, departement=prepared.departement,
                             features=features, members=prepared.result.members, author=author,
                             filename=prepared.resource.name, checksum=checksum,
                             comment=texts.SOURCES_SAVE_COMMENT.format(line=prepared.summary.line()),
                             password=password)
    except StoreError as exc:
        raise SourceError(str(exc)) from None
    state.remember(prepared.state_key, prepared.url, prepared.validators, prepared.resource.date)
    return version


def pending(outcomes: Iterable[list[Prepared] | str]) -> list[Prepared]:
    """The prepared downloads that change something (outcomes: a source's list, or its error message)."""
    return [p for outcome in outcomes if not isinstance(outcome, str) for p in outcome if not p.unchanged]


def save_all(prepared: list[Prepared], store: LayerStore, password: str | None, author: str) -> list[str]:
    """Save each prepared download; the names of the layers saved. An author is required, as for an upload."""
    if not author.strip():
        raise SourceError(texts.DONNEES_AUTHOR_MISSING)
    for item in prepared:
        save(item, store, password, author.strip())
    return [item.layer for item in prepared]


def _quiet(fraction: float, message: str) -> None:
    return None


__all__ = ["SOURCES", "FINESS_LAYER", "Prepared", "Progress", "SourceError", "prepare", "save", "save_all", "pending",
           "check_departement"]

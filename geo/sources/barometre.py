"""Baromètre connector: the indicator CSVs of DITP-pilotage/barometre-resultats (branch prod), checked and kept.

The CSVs are series, not map layers: a checked download is written, in one
step per file, to ``barometre/`` beside the layer store (the previous copy is
kept with its date), and what changed is counted row by row.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from geo import texts
from geo.barometer.series import INDICATORS, current_copy, saved_dir
from geo.sources import catalogue, state
from geo.sources.http import Client, Progress, Settings, SourceError, Validators
from geo.sources.prepared import Prepared
from geo.sources.summary import Summary

DEFAULT_URL = "https://raw.githubusercontent.com/DITP-pilotage/barometre-resultats/prod/data/"
URL_ENV = "CARTE_BAROMETRE_URL"
COLUMNS = ["indic_id", "enforce_zone_id", "metric_enforce_date", "maille", "indic_vi", "indic_va", "indic_vc",
           "indic_ta"]
KEY = ["enforce_zone_id", "metric_enforce_date"]


def configured_url() -> str:
    return (os.environ.get(URL_ENV, "").strip() or DEFAULT_URL).rstrip("/") + "/"


def check(data: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        raise SourceError(texts.SOURCES_BAROMETRE_UNREADABLE.format(name=name)) from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SourceError(texts.SOURCES_BAROMETRE_COLUMNS.format(name=name, missing=", ".join(missing),
                                                                 found=", ".join(map(str, frame.columns[:10]))))
    if frame.empty:
        raise SourceError(texts.SOURCES_BAROMETRE_UNREADABLE.format(name=name))
    return frame[COLUMNS]


def compare(old: pd.DataFrame | None, new: pd.DataFrame) -> Summary:
    """New (zone, date) rows, and rows whose values changed."""
    if old is None:
        return Summary(added=Counter({texts.SOURCES_ROWS: len(new)}))
    joined = new.merge(old, on=KEY, how="left", suffixes=("", "_old"), indicator=True)
    added = int((joined["_merge"] == "left_only").sum())
    both = joined[joined["_merge"] == "both"]
    values = ["indic_vi", "indic_va", "indic_vc", "indic_ta"]
    changed = int((both[values].to_numpy() != both[[f"{v}_old" for v in values]].to_numpy()).any(axis=1).sum())
    removed = len(old) - len(both)
    summary = Summary(removed=max(removed, 0), changed=changed, same=len(both) - changed)
    if added:
        summary.added[texts.SOURCES_ROWS] = added
    return summary


def prepare(dep: str, settings: Settings, progress: Progress | None = None) -> Prepared:
    base = configured_url()
    client = Client(settings, [base])
    prepared = Prepared("barometre", texts.SOURCES_LAYER_BAROMETRE, "barometre", dep, base,
                        catalogue.Resource(base, texts.SOURCES_BAROMETRE_NAME), Validators())
    total = Summary()
    for ind in INDICATORS.values():
        url = base + ind.file
        key = f"barometre:{ind.file}"
        old_path = current_copy(ind.file)
        validators = state.remembered(key, url) if old_path.exists() else None
        with tempfile.TemporaryDirectory() as tmp:
            download = client.download(url, Path(tmp), validators, progress)
            data = download.path.read_bytes() if download.path is not None else None
        if data is None:
            continue
        new = check(data, ind.file)
        old = check(old_path.read_bytes(), ind.file) if old_path.exists() else None
        summary = compare(old, new)
        total.added.update(summary.added)
        total.changed += summary.changed
        total.removed += summary.removed
        prepared.files[ind.file] = (data, url, download.validators)
    prepared.summary = total
    prepared.resource = catalogue.Resource(base, texts.SOURCES_BAROMETRE_NAME, dt.date.today().isoformat())
    return prepared


def save(prepared: Prepared, write: bool) -> None:
    """Each checked file replaces the saved copy in one step (the copy it replaces is kept, dated); `write`
    False only remembers what the server answered."""
    target = saved_dir()
    target.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name, (data, url, validators) in prepared.files.items():
        current = target / name
        if write and (not current.exists() or current.read_bytes() != data):
            if current.exists():
                shutil.copy2(current, target / f"{Path(name).stem}-{stamp}.csv")
            handle, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, current)
        state.remember(f"barometre:{name}", url, validators, prepared.resource.date)

"""What each source answered last time (ETag, Last-Modified, date), in a small JSON file next to the store.

Written only after a download was saved or found identical: a refused file
must be fetched again next time, not skipped as "unchanged".
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from geo.sources.http import Validators
from geo.store import default_store_dir

STATE_FILE = "sources-state.json"


def state_path() -> Path:
    return default_store_dir() / STATE_FILE


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged state only costs one full download
    return data if isinstance(data, dict) else {}


def remembered(key: str, url: str, path: Path | None = None) -> Validators | None:
    """The validators of the last saved download of `url` under `key` (None when the URL changed)."""
    entry = _read(path or state_path()).get(key)
    if not isinstance(entry, dict) or entry.get("url") != url:
        return None
    return Validators(etag=str(entry.get("etag", "")), last_modified=str(entry.get("last_modified", "")))


def remember(key: str, url: str, validators: Validators, source_date: str, path: Path | None = None) -> None:
    """Record a saved download; the file is replaced in one step (never half-written)."""
    target = path or state_path()
    data = _read(target)
    data[key] = {"url": url, "etag": validators.etag, "last_modified": validators.last_modified,
                 "source_date": source_date}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    os.replace(name, target)

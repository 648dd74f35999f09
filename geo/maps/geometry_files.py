"""Reference geometry as static files the browser keeps: a change of territory never sends it twice.

The communes, EPCI borders, départements and régions shipped in `data/` do not change with the store, yet
every map used to carry them in its HTML, so going D29 → D22 → D29 sent Finistère's shapes twice over the
websocket. Here each such payload becomes a file of `static/geometry/` (served by Streamlit at
/app/static/geometry/, `enableStaticServing`), named by a hash of its content:

- the same content always gets the same name, so a name never needs invalidating: new data, new name;
- the map's script (geo.maps.encoded) fetches the file once per name and keeps the text in the page and in
  the browser's Cache Storage, because Streamlit's static handler (Starlette's FileResponse) sends an ETag
  but no Cache-Control and never answers 304: the HTTP cache alone would download the body again;
- a file is written once, atomically (a temporary file in the same folder, then a rename), so a viewer or
  another instance never reads half of it; a folder that cannot be written (read-only install) makes the
  caller embed the geometry in the map instead, as before.

Files are written lazily, the first time a map needs them; `prune` empties the folder when `data/` is rebuilt.
CARTE_GEOMETRY_FILES=embed puts the geometry back into every map (scripts/bench_map.py compares both).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "static" / "geometry"
URL_PREFIX = "/app/static/geometry/"
SUFFIX = ".json"
MODE_ENV = "CARTE_GEOMETRY_FILES"
HASH_CHARS = 20  # 80 bits of sha256: no two payloads of one install meet


def content_name(data: bytes) -> str:
    """The file name of `data`: a hash of the bytes, so equal contents share one name.

    >>> content_name(b"[]")
    '4f53cda18c2baa0c0354.json'
    """
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS] + SUFFIX


def publish(data: bytes, folder: Path | None = None) -> str | None:
    """The URL the browser fetches `data` from, writing its file if it is not there; None if it cannot be written.

    `folder` defaults to FOLDER (read when called, so tests can point it elsewhere).
    """
    if os.environ.get(MODE_ENV) == "embed":
        return None
    folder = FOLDER if folder is None else folder
    name = content_name(data)
    target = folder / name
    if target.is_file():
        return URL_PREFIX + name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-", suffix=SUFFIX)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a proxy serving static/ may run as another user
        os.replace(temporary, target)  # atomic: readers see no file or the whole file
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return None
    return URL_PREFIX + name


def urls_in(html: str) -> list[str]:
    """The geometry files a map's HTML fetches, in order, each once."""
    found = re.findall(re.escape(URL_PREFIX) + "[0-9a-f]{" + str(HASH_CHARS) + "}" + re.escape(SUFFIX), html)
    return list(dict.fromkeys(found))


def file_bytes(url: str, folder: Path | None = None) -> int:
    """Size of the file behind a geometry URL (0 if it is gone)."""
    path = (FOLDER if folder is None else folder) / url.removeprefix(URL_PREFIX)
    return path.stat().st_size if path.is_file() else 0


def prune(folder: Path | None = None) -> int:
    """Remove every geometry file (after `data/` is rebuilt its hashes change); the number removed."""
    folder = FOLDER if folder is None else folder
    removed = 0
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        path.unlink(missing_ok=True)
        removed += 1
    return removed

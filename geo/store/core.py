"""What every store backend shares: errors, passwords, the `LayerStore` protocol and feature encoding.

The backends (`geo.store.gpkg`, `geo.store.postgis`) and the facade `geo.store`
import from here; nothing here knows where versions are kept.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import json
import math
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import texts, zones
from geo.reference import WGS84

FEATURES_TABLE = "store_features"
MEMBERS_TABLE = "store_memberships"
VERSIONS_TABLE = "store_versions"
LAYER_KINDS = ("structures", "cpts", "layer")
# The `departement` of a layer that covers all of France: its saves change the stamp of every département.
NATIONAL_DEPARTEMENT = zones.NATIONAL
BUSY_TIMEOUT_S = 60.0
BATCH = 5000
PBKDF2_ITERATIONS = 200_000


class StoreError(Exception):
    """A refusal or failure of the store, with a French message for the page."""


class WriteRefused(StoreError):
    pass


class CannotWrite(StoreError):
    """The store can be read but not written (read-only folder or role, full disk); says why, in French."""


T = TypeVar("T")


def expect(value: T | None, location: str) -> T:
    """`value`, which the database always gives here (a new row's id, an aggregate's row, an open connection):
    None would mean a broken store, said in French rather than as an AttributeError further on."""
    if value is None:
        raise StoreError(texts.STORE_NO_RESULT.format(path=location))
    return value


# errno of a refused write -> key of texts.STORE_CAUSES (the system's own words are English)
_ERRNO_CAUSES = {errno.EROFS: "readonly", errno.EACCES: "readonly", errno.EPERM: "readonly", errno.ENOSPC: "full",
                 errno.EDQUOT: "full", errno.EFBIG: "too_large"}


def os_cause(exc: OSError) -> str:
    """A refused write -> its cause in French."""
    return texts.STORE_CAUSES[_ERRNO_CAUSES.get(exc.errno or 0, "io")]


# --- Passwords -------------------------------------------------------------------


def hash_password(password: str, salt: str | None = None, iterations: int = PBKDF2_ITERATIONS) -> str:
    """'pbkdf2_sha256$iterations$salt$hex' — the form to put in CARTE_ANALYST_PASSWORD_HASH.

    >>> hash_password("x", salt="s", iterations=1).startswith("pbkdf2_sha256$1$s$")
    True
    """
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def check_password(candidate: str | None, expected_hash: str | None) -> bool:
    """Constant-time comparison of the candidate's hash with the expected hash."""
    if not candidate or not expected_hash:
        return False
    try:
        scheme, iterations, salt, digest = expected_hash.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        computed = hash_password(candidate, salt=salt, iterations=int(iterations)).split("$")[3]
    except ValueError:
        return False
    return hmac.compare_digest(computed, digest)


def configured_password_hash(secrets_mapping: Mapping[str, object] | None = None) -> str | None:
    """The analyst password hash from st.secrets (passed in) or the environment.

    Accepted, first found wins: secret ``analyst_password_hash``, secret
    ``analyst_password``, env ``CARTE_ANALYST_PASSWORD_HASH``, env
    ``CARTE_ANALYST_PASSWORD``. A plain password is hashed at once (salted)
    and only the hash is kept.
    """
    def secret(key: str) -> str | None:
        try:
            value = secrets_mapping.get(key) if secrets_mapping is not None else None
        except Exception:  # st.secrets raises when no secrets file exists
            value = None
        return str(value) if value else None

    if value := secret("analyst_password_hash") or os.environ.get("CARTE_ANALYST_PASSWORD_HASH"):
        return value
    if value := secret("analyst_password") or os.environ.get("CARTE_ANALYST_PASSWORD"):
        return hash_password(value)
    return None




# A layer's name is shown in widgets, captions and map legends (Markdown, HTML): only plain words.
_NAME_CHARS = r"\w ,.'’()\-"
_LAYER_NAME = re.compile(f"[{_NAME_CHARS}]{{1,80}}")


def clean_layer_name(name: str) -> str:
    """A file name or a typed name -> an acceptable layer name ('' when nothing is left).

    >>> clean_layer_name("<img src=x>[a](b) MSP 2024.geojson")
    'img src x a (b) MSP 2024.geojson'
    """
    cleaned = re.sub(f"[^{_NAME_CHARS}]+", " ", str(name))
    return " ".join(cleaned.split())[:80].strip()


def check_layer_name(layer: str) -> None:
    if not isinstance(layer, str) or not _LAYER_NAME.fullmatch(layer) or not layer.strip():
        raise StoreError(texts.STORE_BAD_LAYER_NAME.format(name=str(layer)[:40]))


def require_writer(password_hash: str | None, password: str | None) -> None:
    """Raise WriteRefused unless a password is configured and `password` matches it."""
    if not password_hash:
        raise WriteRefused(texts.STORE_NOT_CONFIGURED)
    if not check_password(password, password_hash):
        raise WriteRefused(texts.STORE_WRITE_REFUSED)


# --- The interface -------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    version: int
    layer: str
    kind: str
    departement: str
    created_at: str
    author: str
    action: str
    filename: str
    checksum: str
    comment: str
    feature_count: int
    restored_from: int | None


@dataclass
class LayerData:
    """A version's content: features (WGS84) and, for CPTS, the memberships."""

    version: Version
    features: gpd.GeoDataFrame
    members: pd.DataFrame | None = None


class LayerStore(Protocol):
    """What the page, the layers module and the CLI need; both backends implement it."""

    @property
    def location(self) -> str: ...
    def token(self) -> str: ...
    def stamps(self, departements: Iterable[str]) -> Stamps: ...
    def versions(self, departement: str | None = None, layer: str | None = None) -> list[Version]: ...
    def latest(self, departement: str) -> list[Version]: ...
    def get_version(self, version: int) -> Version: ...
    def load(self, version: int) -> LayerData: ...
    def save(self, *, layer: str, kind: str, departement: str, features: gpd.GeoDataFrame,
             members: pd.DataFrame | None, author: str, filename: str, checksum: str, comment: str,
             password: str | None, action: str = "import") -> Version: ...
    def rollback(self, version: int, *, author: str, password: str | None, comment: str = "") -> Version: ...
    def can_write(self, password: str | None) -> bool: ...
    def write_problem(self) -> str | None: ...


def latest_of(versions: list[Version]) -> list[Version]:
    """The last version of each layer, oldest layer first (`versions` in any order)."""
    latest: dict[str, Version] = {}
    for version in sorted(versions, key=lambda v: v.version):
        latest[version.layer] = version
    return sorted(latest.values(), key=lambda v: v.version)


def versions_filter(departement: str | None, layer: str | None, mark: str) -> tuple[str, list[str]]:
    """The condition of a `versions()` query and its values, with the backend's placeholder `mark` ('?', '%s')."""
    conditions: list[str] = ["1=1"]
    args: list[str] = []
    if departement is not None:
        conditions, args = conditions + [f"departement = {mark}"], args + [departement]
    if layer is not None:
        conditions, args = conditions + [f"layer = {mark}"], args + [layer]
    return " AND ".join(conditions), args


def copy_version_statements(mark: str) -> tuple[str, str]:
    """A rollback's copies, each run with (new version, old version) in the backend's placeholder `mark`:
    the old version's features, then its memberships, in their order."""
    return (
        f"INSERT INTO {FEATURES_TABLE} (version_id, properties, geom) "
        f"SELECT {mark}, properties, geom FROM {FEATURES_TABLE} WHERE version_id = {mark} ORDER BY fid",
        f"INSERT INTO {MEMBERS_TABLE} (version_id, cpts_id, commune_code) "
        f"SELECT {mark}, cpts_id, commune_code FROM {MEMBERS_TABLE} WHERE version_id = {mark} ORDER BY id",
    )


# (departement, kind) -> the newest version of a layer of that kind saved for that département.
Stamps = dict[tuple[str, str], int]


def stamp(stamps: Stamps, kinds: Iterable[str] | None = None) -> str:
    """One data-version token for the layers of `kinds` (all kinds: None) among `stamps`: their newest version, '0'
    when none is saved. Version numbers only grow, so a save or a rollback touching those layers changes the token
    and a save anywhere else leaves it as it was.

    >>> stamp({("29", "cpts"): 4, ("29", "structures"): 7}), stamp({("29", "cpts"): 4}, ["structures"])
    ('7', '0')
    """
    wanted = LAYER_KINDS if kinds is None else tuple(kinds)
    return str(max((version for (_, kind), version in stamps.items() if kind in wanted), default=0))


class Backend:
    """What both backends do alike on top of their own `versions()`, their small reads (`_query`) and the
    configured password hash."""

    _password_hash: str | None
    MARK = "?"  # the backend's placeholder of a bound value

    def _query(self, query: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """A small read's rows on a connection kept open ([] while nothing is saved): every run of every page
        reads the stamps, and opening a connection costs more than the query (scripts/bench_store.py)."""
        raise NotImplementedError

    def token(self) -> str:
        """The whole store's data version: changes after every save or rollback, by any process (a version is
        never removed)."""
        rows = self._query(f"SELECT coalesce(max(version), 0) FROM {VERSIONS_TABLE}")
        return str(rows[0][0]) if rows else "0"

    def stamps(self, departements: Iterable[str]) -> Stamps:
        """The stamps of `departements` and of France-wide layers, in one small query (`stamp` makes a token of
        them): a save in D29 changes D29's and leaves D22's, a save of a France-wide layer changes all."""
        wanted = sorted({*departements, NATIONAL_DEPARTEMENT})
        rows = self._query(f"SELECT departement, kind, max(version) FROM {VERSIONS_TABLE} WHERE departement IN "
                           f"({', '.join([self.MARK] * len(wanted))}) GROUP BY departement, kind", wanted)
        return {(str(dep), str(kind)): int(version) for dep, kind, version in rows}

    @property
    def location(self) -> str:
        """Where versions are kept, in words for the page."""
        raise NotImplementedError

    def versions(self, departement: str | None = None, layer: str | None = None) -> list[Version]:
        raise NotImplementedError

    def latest(self, departement: str) -> list[Version]:
        """The current (latest) version of each layer of a département, oldest layer first."""
        return latest_of(self.versions(departement))

    def can_write(self, password: str | None) -> bool:
        return check_password(password, self._password_hash)

    def write_problem(self) -> str | None:
        """Why nothing can be saved now (French, for the page), or None when writing works."""
        raise NotImplementedError

    def _save_failed(self, cause: str, layer: str, departement: str) -> CannotWrite:
        """A save that could not be written: its cause, and what the store still holds for `layer`."""
        try:
            current = self.versions(departement, layer)
        except StoreError:
            current = []
        kept = (texts.STORE_KEPT_VERSION.format(layer=layer, version=current[0].version) if current
                else texts.STORE_KEPT_NOTHING.format(layer=layer))
        return CannotWrite(texts.STORE_SAVE_FAILED.format(path=self.location, cause=cause, kept=kept))

    def _check_target(self, layer: str, kind: str) -> None:
        """Before a save: a plain-words name, and one name, one kind (the latest version of a name is what the
        app shows, whatever its kind, so a free layer saved under a structures layer's name would hide them)."""
        check_layer_name(layer)
        existing = self.versions(layer=layer)
        if existing and existing[0].kind != kind:
            raise StoreError(texts.STORE_LAYER_KIND_TAKEN.format(layer=layer, kind=texts.LAYER_KIND_LABELS.get(
                existing[0].kind, existing[0].kind)))


# --- Feature encoding (both backends) ----------------------------------------------------------


def _json_value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)



def prepare_features(features: gpd.GeoDataFrame, kind: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """(features in WGS84, one JSON text of properties per feature) — what a backend writes."""
    if kind not in LAYER_KINDS:
        raise StoreError(f"type de couche inconnu : {kind}")
    features = features.to_crs(WGS84) if features.crs is not None else features.set_crs(WGS84)
    columns = [c for c in features.columns if c != features.geometry.name]
    records = features[columns].to_dict(orient="records")
    props = [json.dumps({k: _json_value(v) for k, v in rec.items()}, ensure_ascii=False) for rec in records]
    return features, props


def build_features(props: list[str], geometries: np.ndarray) -> gpd.GeoDataFrame:
    """The inverse of `prepare_features`: JSON texts + shapely geometries -> GeoDataFrame (WGS84)."""
    table = pd.DataFrame.from_records([json.loads(p) for p in props]) if props else pd.DataFrame()
    geometry = gpd.GeoSeries(gpd_array(geometries) if props else [], crs=WGS84)
    return gpd.GeoDataFrame(table, geometry=geometry.values, crs=WGS84)


def gpd_array(geoms: np.ndarray) -> gpd.array.GeometryArray:
    return gpd.array.from_shapely(geoms, crs=WGS84)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _checkpoint() -> None:
    """Called between batches of a save; tests replace it to kill a save mid-way."""


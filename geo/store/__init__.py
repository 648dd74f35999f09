"""Versioned layer store: every save is a new version, none is ever overwritten.

Two backends implement one `LayerStore` protocol with the same semantics —
a save is one transaction (a process killed mid-save leaves the previous
versions exactly as they were), two saves at once both keep their version,
a rollback is a new version, writes need the analyst password:

- `GeoPackageStore` (default, `geo.store.gpkg`): one GeoPackage file
  (``layers.gpkg``) in a data directory outside the source tree —
  ``$CARTE_STORE_DIR``, else ``$XDG_DATA_HOME/carte-exercice-coordonne``
  (``~/.local/share/…``). It is created on the first save, so set-up stays
  ``make install`` + ``make run``.
- `PostGISStore` (`geo.store.postgis`) when ``DATABASE_URL`` is set
  (``postgresql://user:password@host:5432/base``): tables with a PostGIS
  geometry column (EPSG:4326) that QGIS reads as they are.

Writes need the analyst password: the store is built with the expected
password *hash* and every write takes the candidate password, compared as
hashes in constant time. Without a configured password the store is
read-only.

Reading never writes: the GeoPackage is opened read-only (created on the
first save, not on the first read), so a read-only folder, a full disk or a
PostgreSQL role with SELECT only still shows every saved layer;
`write_problem()` says in French why saving is impossible, and a failed save
(`CannotWrite`) says its cause and which version of the layer is kept.

This module is the one to import: every public name of the backends, the
shared core and the exports is here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from geo import texts
from geo.excel_csv import FORMULA_PREFIXES, neutralize_cell, neutralize_table
from geo.store.core import (
    BATCH,
    BUSY_TIMEOUT_S,
    FEATURES_TABLE,
    LAYER_KINDS,
    MEMBERS_TABLE,
    NATIONAL_DEPARTEMENT,
    PBKDF2_ITERATIONS,
    VERSIONS_TABLE,
    CannotWrite,
    LayerData,
    LayerStore,
    Stamps,
    StoreError,
    Version,
    WriteRefused,
    build_features,
    check_layer_name,
    check_password,
    clean_layer_name,
    configured_password_hash,
    gpd_array,
    hash_password,
    latest_of,
    prepare_features,
    require_writer,
    stamp,
)
from geo.store.export import EXPORT_FORMATS, export_version
from geo.store.gpkg import STORE_FILE, GeoPackageStore, wait_unlocked
from geo.store.gpkg_format import gpkg_blob, gpkg_geometries

if TYPE_CHECKING:
    from geo.store.postgis import PostGISStore

DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")

__all__ = [
    "BATCH", "BUSY_TIMEOUT_S", "CannotWrite", "DATABASE_URL_SCHEMES", "EXPORT_FORMATS", "FEATURES_TABLE", "FORMULA_PREFIXES",
    "LAYER_KINDS", "MEMBERS_TABLE", "NATIONAL_DEPARTEMENT", "PBKDF2_ITERATIONS", "STORE_FILE", "VERSIONS_TABLE", "GeoPackageStore",
    "LayerData", "LayerStore", "PostGISStore", "Stamps", "StoreError", "Version", "WriteRefused", "build_features",
    "check_layer_name", "check_password", "clean_layer_name", "configured_password_hash", "default_store_dir",
    "export_version", "gpd_array", "gpkg_blob", "gpkg_geometries", "hash_password", "latest_of", "neutralize_cell",
    "neutralize_table", "open_store", "prepare_features", "require_writer", "stamp", "wait_unlocked",
]


def __getattr__(name: str) -> type[PostGISStore]:
    # PostGISStore is imported on first use: psycopg takes ~1 s to import on a small machine,
    # a cost the GeoPackage default should not pay.
    if name == "PostGISStore":
        from geo.store.postgis import PostGISStore

        return PostGISStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_store_dir() -> Path:
    if value := os.environ.get("CARTE_STORE_DIR"):
        return Path(value)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "carte-exercice-coordonne"


def open_store(password_hash: str | None = None, directory: Path | None = None,
               url: str | None = None) -> LayerStore:
    """The configured store.

    An explicit `directory` means a GeoPackage there; else `url` or ``$DATABASE_URL``
    (``postgresql://…``) selects PostGIS; else the GeoPackage in `default_store_dir()`.
    Any other DATABASE_URL is refused rather than silently ignored.
    """
    url = (url if url is not None else os.environ.get("DATABASE_URL", "")).strip()
    if directory is None and url:
        if not url.startswith(DATABASE_URL_SCHEMES):
            raise StoreError(texts.STORE_BAD_URL.format(scheme=url.split(":", 1)[0][:20]))
        from geo.store.postgis import PostGISStore

        return PostGISStore(url, password_hash=password_hash)
    return GeoPackageStore((directory or default_store_dir()) / STORE_FILE, password_hash=password_hash)

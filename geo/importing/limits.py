"""Every limit an upload meets, in one place (the refusals and the report name them from here).

Read at call time (`limits.NAME`), so a test or an operator patching one changes it everywhere.
"""

from __future__ import annotations

import os

MB = 1024 * 1024

MAX_UPLOAD_MB = int(os.environ.get("CARTE_MAX_UPLOAD_MB", "200"))
# Bytes actually produced by every decompression of one upload (zip members, gzip, gzip inside a zip), summed.
MAX_UNCOMPRESSED_MB = int(os.environ.get("CARTE_MAX_UNCOMPRESSED_MB", "600"))
# Past RATIO_FLOOR_MB produced, an upload may not expand more than this many times its own size: text exports
# compress 5 to 20 times, a bomb thousands of times.
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR_MB = 10
MAX_ZIP_MEMBERS = 100
# A zip may wrap a gzip (or a zip member a gzip), never more: deeper nesting is only ever a trick.
MAX_NESTING = 2
# GeoPackage schema inspection (SQLite, before GDAL opens the file).
GPKG_TIME_LIMIT_S = 1.0
GPKG_MAX_SCHEMA_OBJECTS = 2000
GPKG_MAX_VALUE_MB = 64  # longest text or blob SQLite may build while we inspect (SQLITE_LIMIT_LENGTH)
# A .prj or .cpg is a few hundred bytes; anything longer is not one.
MAX_SIDECAR_BYTES = 64 * 1024

"""The import pipeline behind `geo.imports` (its public entry point), one module per responsibility.

One gate, one crossing. Uploaded (or downloaded) bytes go through `gate.vet` once, and only what comes
out of it — a frozen `gate.VettedFile(path, format, driver, layer)` — reaches a reader:

    bytes ──gate.vet──> VettedFile ──readers.read──> frame ──structures / cpts / layer──> ImportResult

lockdown    GDAL registers only the GeoJSON, Shapefile, GPKG and KML drivers (GDAL_SKIP, set by geo/__init__
            before pyogrio loads) and opens nothing remote; checked again at every upload
limits      every limit (upload size, decompressed bytes and ratio, zip members, GeoPackage time and values)
gate        format by content sniffing, containers (zip, gzip, gzip inside zip) opened within one byte
            budget, a private 0700 folder with fixed file names, the one GDAL driver allowed
safety      the content checks the gate runs (sniffing, zip members, Shapefile parts, GeoJSON/KML links,
            text encodings)
geopackage  a GeoPackage's schema read-only and time-limited: views, foreign triggers, virtual tables and
            generated columns refused before GDAL opens it
readers     VettedFile -> GeoDataFrame, CSV table or FINESS parse; GDAL's driver checked (read_info) first
columns     the column names analysts use, and parsing of codes, numbers and text (missing stays missing)
geometry    CRS resolution, repair (or report by row), deduplication, département and commune tests
structures, cpts, layer   a read frame -> the validated layer of that kind
report      the report, the result and the refusal every step shares
diff        what an import changes in the current version

A new format or container is added in the gate (and its driver in lockdown), never in a reader.
"""

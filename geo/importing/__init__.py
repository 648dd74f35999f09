"""The import pipeline behind `geo.imports` (its public entry point), one module per responsibility.

safety    limits, content sniffing, zip/gzip/GeoPackage/KML checks (nothing unsafe reaches GDAL)
readers   bytes -> GeoDataFrame, CSV table or FINESS parse
columns   the column names analysts use, and tolerant parsing of codes and numbers
geometry  CRS resolution, repair, deduplication, département and commune tests
structures, cpts, layer   a read frame -> the validated layer of that kind
report    the report, the result and the refusal every step shares
diff      what an import changes in the current version
"""

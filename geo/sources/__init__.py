"""Live connectors to the official sources (FINESS, geo API, baromètre).

Each downloads to a temporary file with limits (size, time, retries, conditional request)
and hands the file to geo.importing, the same gate as an upload.
"""

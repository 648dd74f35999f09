"""Live connectors to the official sources (FINESS, geo API, baromètre).

Each downloads to a temporary file with limits (size, time, retries, conditional request)
and hands the file to geo.importing, the same gate as an upload.

http        the one download client (urllib): allowed hosts, retries, size limit, ETag / Last-Modified
state       what each server answered last time, in a JSON file beside the store
catalogue   data.gouv.fr API v1: a dataset -> its newest file
finess      FINESS+ JSON (streamed with ijson) or the legacy Etalab CSV -> the kept rows; each establishment is
            read by geo.finess and classified by geo.classify, exactly as an uploaded export
communes    geo.api.gouv.fr: communes and EPCI contours
barometre   the baromètre's indicator CSVs
summary     "+31 MSP, −2 fermées, 4 déplacées de plus de 500 m"
update      prepare (download + gate + summary) then save (a new version); used by the page and the CLI
"""

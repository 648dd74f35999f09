"""GDAL may open only the formats we read: every other driver is skipped before pyogrio registers them.

pyogrio's read functions take no driver argument and GDAL picks a driver from the content, so a VRT or a
GDALG pipeline uploaded under any name would read server files. `GDAL_SKIP` is read once, when pyogrio
first imports (GDALAllRegister): `geo/__init__.py` calls `lock_down()` before any geo module can import
pyogrio, in every process (app, CLI, tests, scripts). The value is *enforced*, not defaulted: a GDAL_SKIP
already in the environment is widened, never trusted to be enough. `unsafe_drivers()` checks the result
at each upload, so a process where pyogrio was imported first refuses every file instead of reading it.
"""

from __future__ import annotations

import os
import sys

# The four formats GDAL reads for us (CSV and FINESS are read by Python, never by GDAL).
ALLOWED_DRIVERS = frozenset({"GeoJSON", "ESRI Shapefile", "GPKG", "KML"})

# Every other driver of GDAL 3.12 (raster ones too: VRT and GDALG open vector data). A driver a later GDAL
# adds is caught by unsafe_drivers() and by the tests, which list what the library really registered.
_SKIPPED_LISTING = """
DERIVED GTI SNAP_TIFF GTiff COG LIBERTIFF VRT NITF RPFTOC ECRGTOC HFA SAR_CEOS CEOS JAXAPALSAR GFF ESRIC AIG AAIGrid
GRASSASCIIGrid ISG DTED PNG JPEG MEM JDEM ESAT BSB BMP DIMAP AirSAR RS2 SAFE PCIDSK PCRaster ILWIS SRTMHGT Leveller
Terragen ISIS3 ISIS2 PDS PDS4 VICAR TIL ERS L1B GRIB RMF WCS WMS MSGN RST GSAG GSBG GS7BG COSAR TSX COASP MAP
KMLSUPEROVERLAY PDF MBTiles PLMOSAIC CALS WMTS SENTINEL2 MRF PNM DOQ1 DOQ2 MFF MFF2 GSC FAST BT LAN CPG NDF EIR LCP
GTX LOSLAS NTv2 ACE2 SNODAS KRO ROI_PAC RRASTER BYN NOAA_B NSIDCbin RIK USGSDEM GXF NWT_GRD NWT_GRC ADRG SRP SAGA XYZ
HF2 CTG ZMap NGSGEOID IRIS PRF EEDAI EEDA DAAS SIGDEM TGA OGCAPI STACTA STACIT GDALG GNMFile GNMDatabase LVBAG S57
DGN OGR_VRT CSV GML GPX LIBKML GeoJSONSeq ESRIJSON TopoJSON OGR_GMT SQLite WAsP OpenFileGDB DXF FlatGeobuf GeoRSS VFK
PGDUMP OSM GPSBabel OGR_PDS WFS OAPIF EDIGEO Idrisi ODS XLSX Elasticsearch Carto AmigoCloud SXF Selafin JML PLSCENES
CSW VDV MVT NGW MapML GTFS PMTiles JSONFG MiraMonVector ADBC AVCBin AVCE00 AIVector PAux GenBin ENVI EHdr ISCE Zarr
RCM MiraMonRaster HTTP
"""
SKIPPED_DRIVERS = frozenset(_SKIPPED_LISTING.split()) | {"MapInfo File"}

# Nothing remote: no URL is a known file, GDAL lists no directory, and any HTTP request it still tried
# would go to a closed local port.
NO_REMOTE = {
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".carte-no-remote",  # empty would mean "every extension"
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_PROXY": "127.0.0.1:9",
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_NETRC": "NO",
    "CPL_VSIL_CURL_USE_HEAD": "NO",
    "OGR_GEOJSON_MAX_OBJ_SIZE": "0",
}


def lock_down() -> None:
    """Set the driver list and the no-remote options in the environment GDAL reads (idempotent)."""
    # Comma-separated: GDAL then splits on commas only, so "MapInfo File" is one name.
    given = {name.strip() for name in os.environ.get("GDAL_SKIP", "").replace(",", " ").split() if name.strip()}
    os.environ["GDAL_SKIP"] = ",".join(sorted((given | SKIPPED_DRIVERS) - ALLOWED_DRIVERS))
    os.environ.update(NO_REMOTE)


def pyogrio_imported() -> bool:
    return "pyogrio" in sys.modules


def unsafe_drivers() -> set[str]:
    """Drivers GDAL registered beyond the allowed ones (empty when the lock-down held)."""
    import pyogrio

    return set(pyogrio.list_drivers()) - ALLOWED_DRIVERS

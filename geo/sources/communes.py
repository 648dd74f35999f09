"""Geo API connector (geo.api.gouv.fr): communes and EPCI of a département as GeoJSON contours."""

from __future__ import annotations

import json
import os
import urllib.parse

from geo import texts
from geo.sources.http import SourceError

DEFAULT_URL = "https://geo.api.gouv.fr"
URL_ENV = "CARTE_GEO_API_URL"
COMMUNE_FIELDS = "nom,code,codeDepartement,codeRegion,codeEpci,siren,codesPostaux,population"
EPCI_FIELDS = "nom,code,codesDepartements,codesRegions,population"


def configured_url() -> str:
    return (os.environ.get(URL_ENV, "").strip() or DEFAULT_URL).rstrip("/")


def requests(base: str, dep: str) -> list[tuple[str, str, str]]:
    """(what, target layer, URL) of each request for `dep` (a checked département code)."""
    code = urllib.parse.quote(dep, safe="")
    return [
        ("communes", texts.SOURCES_LAYER_COMMUNES,
         f"{base}/departements/{code}/communes?fields={COMMUNE_FIELDS}&format=geojson&geometry=contour"),
        ("epci", texts.SOURCES_LAYER_EPCI,
         f"{base}/epcis?codeDepartement={code}&fields={EPCI_FIELDS}&format=geojson&geometry=contour"),
    ]


def check(data: bytes, what: str) -> bytes:
    """A FeatureCollection whose features carry `code` and `nom` — else the API changed its answer."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise SourceError(texts.SOURCES_GEO_API_SHAPE.format(what=what)) from None
    features = obj.get("features") if isinstance(obj, dict) else None
    if not isinstance(features, list) or not features:
        raise SourceError(texts.SOURCES_GEO_API_SHAPE.format(what=what))
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or "code" not in props or "nom" not in props:
            missing = "code" if not isinstance(props, dict) or "code" not in props else "nom"
            raise SourceError(texts.SOURCES_GEO_API_FIELD.format(what=what, field=missing))
    return data

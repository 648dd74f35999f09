"""FINESS exports -> canonical structure records (formats described in the shared open-data README, FINESS section).

Two formats:

* the legacy Etalab extraction (``etalab-cs1100507-stock-*.csv``): ``;``-separated,
  Latin-1, a header line, ``structureet`` lines, then ``geolocalisation`` lines
  whose coordinates are Lambert-93 (EPSG:2154);
* FINESS+ "Structures" JSON (optionally gzipped): legal entities (``pmej``)
  holding establishments (``ege``). The published sample is trusted over the
  schema: ``informationsGeneralesEGE``, ``categorieentiteGeographiqueExercice``
  as a plain string, ``etatObjet`` "A"/"I", and WGS84 in
  ``directionLatitude``/``directionLongitude`` (``coordonneeX``/``Y`` are
  sometimes swapped, so they are only a fallback).

Only categories 603 (MSP), 124 (centres de santé) and 604 (CPTS) of one
département are kept; the parsers count what they leave out so the report
can say it. Kinds and closed states follow geo.classify, the rule downloads
(geo.sources.finess, which reads each FINESS+ establishment with
`plus_record` too) share: a closed establishment is kept, status ``ferme``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from geo import classify, texts
from geo.classify import CATEGORIES

# Why plus_record leaves an establishment out (KEPT: it does not).
KEPT, NO_CATEGORY, OTHER_CATEGORY, NO_COMMUNE, OTHER_DEPARTEMENT = "", "no_category", "other", "no_commune", "away"
# Legacy FINESS codes the overseas départements with a letter.
LEGACY_OVERSEAS = {"9A": "971", "9B": "972", "9C": "973", "9D": "974", "9E": "975", "9F": "976"}

STRUCTUREET_FIELDS = [
    "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie", "voie",
    "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement", "telephone",
    "telecopie", "categetab", "libcategetab", "categagretab", "libcategagretab", "siret", "codeape", "codemft",
    "libmft", "codesph", "libsph", "dateouv", "dateautor", "datemaj", "numuai",
]
GEOLOC_FIELDS = ["nofinesset", "coordxet", "coordyet", "sourcecoordet", "datemaj"]
# The projection is the last word of sourcecoordet ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"):
# Lambert-93 in metropolitan France, the legal UTM zone overseas.
LEGACY_PROJECTIONS = {"LAMBERT_93": "EPSG:2154", "UTM_N20": "EPSG:5490", "UTM_N21": "EPSG:4467",
                      "UTM_N22": "EPSG:2972", "UTM_S40": "EPSG:2975", "UTM_S38": "EPSG:4471"}


def legacy_crs(source: str) -> str:
    """The CRS named by a geolocalisation line's sourcecoordet (Lambert-93 when it names none we know)."""
    word = source.strip().rsplit(",", 1)[-1].strip().upper()
    return LEGACY_PROJECTIONS.get(word, "EPSG:2154")


RECORD_COLUMNS = ["finess", "name", "kind", "label_as_written", "commune_code", "address", "status",
                  "status_date", "x", "y", "crs"]


@dataclass
class FinessParse:
    """Records kept (RECORD_COLUMNS; x/y in `crs`) and what was left out, counted."""

    records: pd.DataFrame
    source_label: str
    source_date: str = ""
    establishments_read: int = 0
    other_categories: int = 0
    other_departements: int = 0
    closed: int = 0  # kept, with status "ferme": history, not drawn as open
    without_number: int = 0  # kept rows with no FINESS number: imported without an identifier, never merged
    # Left out for lack of the key itself (not for its value): a changed schema shows here.
    without_category: int = 0
    without_commune: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, reason: str, record: dict[str, str] | None) -> dict[str, str] | None:
        """Count one establishment read (plus_record's answer); the record back when it is kept."""
        self.establishments_read += 1
        self.other_categories += reason in (NO_CATEGORY, OTHER_CATEGORY)
        self.without_category += reason == NO_CATEGORY
        self.other_departements += reason in (NO_COMMUNE, OTHER_DEPARTEMENT)
        self.without_commune += reason == NO_COMMUNE
        if reason != KEPT or record is None:
            return None
        self.closed += record["status"] == classify.CLOSED
        self.without_number += not record["finess"]
        return record


def is_legacy(text_head: str) -> bool:
    """True when the text looks like the legacy extraction (structureet lines)."""
    lines = text_head.splitlines()[:5]
    return any(line.lower().startswith("structureet;") for line in lines) or (
        bool(lines) and lines[0].lower().startswith("finess;")
    )


def insee_code(departement: str, commune: str) -> str:
    """Legacy (departement, 3-digit commune) -> INSEE code ('29', '019' -> '29019')."""
    dep = LEGACY_OVERSEAS.get(departement.strip().upper(), departement.strip())
    commune = commune.strip()
    if len(dep) == 3:
        return dep + commune[-2:]
    return dep + commune[-3:]


def parse_legacy(text: str, departement: str) -> FinessParse:
    """Parse the legacy extraction (already decoded text)."""
    # A list, not a dict keyed by number: rows without a number are as many establishments as rows.
    establishments: list[tuple[str, dict[str, str]]] = []
    positions: dict[str, tuple[str, str, str]] = {}
    header = ""
    out = FinessParse(records=pd.DataFrame(columns=RECORD_COLUMNS), source_label=texts.FINESS_LEGACY_LABEL)
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            continue
        tag = row[0].strip().lower()
        if tag == "structureet":
            # Extraction lines are ragged (trailing fields left out): missing fields read as absent.
            values = dict(zip(STRUCTUREET_FIELDS, row[1:], strict=False))
            out.establishments_read += 1
            establishments.append((values.get("nofinesset", "").strip(), values))
        elif tag == "geolocalisation":
            values = dict(zip(GEOLOC_FIELDS, row[1:], strict=False))
            number = values.get("nofinesset", "").strip()
            if number:  # a position without a number belongs to no one
                positions[number] = (values.get("coordxet", ""), values.get("coordyet", ""),
                                     legacy_crs(values.get("sourcecoordet", "")))
        elif tag == "finess" and not header:
            header = ";".join(row)
            if len(row) >= 4:
                out.source_date = row[3].strip()
    rows = []
    for finess, values in establishments:
        category = values.get("categetab", "").strip()
        if category not in CATEGORIES:
            out.other_categories += 1
            continue
        code = insee_code(values.get("departement", ""), values.get("commune", ""))
        if not code.startswith(departement):
            out.other_departements += 1
            continue
        name = (values.get("rslongue") or values.get("rs") or "").strip()
        street = " ".join(v.strip() for v in (values.get("numvoie", ""), values.get("typvoie", ""),
                                              values.get("voie", "")) if v and v.strip())
        address = ", ".join(p for p in (street, values.get("ligneacheminement", "").strip()) if p)
        x, y, crs = positions.get(finess, ("", "", "EPSG:2154")) if finess else ("", "", "EPSG:2154")
        out.without_number += not finess
        rows.append({
            "finess": finess, "name": name, "kind": classify.finess_kind(category, name),
            "label_as_written": values.get("libcategetab", "").strip(), "commune_code": code, "address": address,
            "status": classify.OPEN, "status_date": values.get("dateouv", "").strip(), "x": x, "y": y,
            "crs": crs,
        })
    out.records = _frame(rows)
    return out


def is_finess_plus(obj: object) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("pmej"), list)


def _get(mapping: object, *keys: str) -> Any:
    """Case-insensitive lookup (the schema and the sample disagree on case); None when absent or not a mapping."""
    if not isinstance(mapping, dict):
        return None
    for key in keys:
        if key in mapping:
            return mapping[key]
    wanted = [key.lower() for key in keys]
    return next((v for k, v in mapping.items() if str(k).lower() in wanted), None)


def _code(value: object) -> str:
    """A coded value: a plain string in the sample, {"code": ...} in the schema."""
    if isinstance(value, dict):
        value = value.get("code")
    return _text(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def plus_record(ege: dict[str, Any], departement: str) -> tuple[str, dict[str, str] | None]:
    """One FINESS+ establishment -> (KEPT, its record in RECORD_COLUMNS) or (why it is left out, None).

    The one reading of an establishment for uploads (parse_plus) and downloads (geo.sources.finess).
    """
    info = _get(ege, "informationsGeneralesEGE") or {}
    raw_category = _get(ege, "categorieEntiteGeographiqueExercice")
    if raw_category is None:
        raw_category = _get(info, "categorieEntiteGeographiqueExercice")
    category = _code(raw_category)
    if category not in CATEGORIES:
        return (NO_CATEGORY if raw_category is None else OTHER_CATEGORY), None
    addresses = [a for a in (_get(ege, "adresse") or []) if isinstance(a, dict)]
    address = addresses[0] if addresses else {}
    code = _text(_get(address, "cogCommune"))
    if not code.startswith(departement) or not code:
        return (OTHER_DEPARTEMENT if code else NO_COMMUNE), None
    name = _text(_get(info, "nomEgeLong") or _get(info, "nomEgeCourt"))
    closing = _text(_get(info, "dateFermeture") or _get(ege, "dateFermeture"))
    status = classify.status_of(_code(_get(ege, "etatObjet") or _get(info, "etatObjet")), closing)
    opened = _text(_get(info, "dateOuverture"))
    coords = _get(address, "coordonneesGeographique") or {}
    x, y, crs = _text(_get(coords, "directionLongitude")), _text(_get(coords, "directionLatitude")), "EPSG:4326"
    if not (x and y):  # Lambert-93 fallback, northing and easting sometimes swapped (the reader tells them apart)
        x, y, crs = _text(_get(coords, "coordonneeY")), _text(_get(coords, "coordonneeX")), "EPSG:2154"
    town = " ".join(v for v in (_text(_get(address, "codePostal")), _text(_get(address, "ligneAcheminement"))) if v)
    return KEPT, {
        "finess": _text(_get(info, "numFinessEge")), "name": name,
        "kind": classify.finess_kind(category, name, classify.subkind_of(ege, info)), "label_as_written": category,
        "commune_code": code, "address": ", ".join(p for p in (_text(_get(address, "ligneQuatre")), town) if p),
        "status": status, "status_date": (closing or opened) if status == classify.CLOSED else opened,
        "x": x, "y": y, "crs": crs,
    }


def parse_plus(obj: dict[str, Any], departement: str) -> FinessParse:
    """Parse a decoded FINESS+ Structures document; closed establishments are kept, with status ``ferme``."""
    out = FinessParse(records=pd.DataFrame(columns=RECORD_COLUMNS), source_label=texts.FINESS_PLUS_LABEL,
                      source_date=str(obj.get("generatedAt", ""))[:10])
    rows = []
    for pmej in obj.get("pmej") or []:
        for ege in (pmej.get("ege") or []) if isinstance(pmej, dict) else []:
            if isinstance(ege, dict):
                record = out.count(*plus_record(ege, departement))
                if record is not None:
                    rows.append(record)
    out.records = _frame(rows)
    return out


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=RECORD_COLUMNS).fillna("").astype(str)

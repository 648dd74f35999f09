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
can say it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

CATEGORIES = {"603": "msp", "124": "cds", "604": "cpts_siege"}
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
    closed: int = 0
    without_position: int = 0
    without_number: int = 0  # kept rows with no FINESS number: imported without an identifier, never merged
    notes: list[str] = field(default_factory=list)


def cds_kind(label: str) -> str:
    """The centre de santé's type when its name says it (FINESS 124 mixes all types)."""
    text = label.lower()
    for needle, kind in (("dentaire", "cds_dentaire"), ("infirmi", "cds_infirmier"), ("ophtalm", "cds_ophtalmo"),
                         ("polyvalent", "cds_polyvalent"), ("pluriprofession", "cds_polyvalent")):
        if needle in text:
            return kind
    return "cds"


def kind_of(category: str, name: str) -> str:
    kind = CATEGORIES.get(category, "autre")
    return cds_kind(name) if kind == "cds" else kind


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
    establishments: list[tuple[str, dict]] = []
    positions: dict[str, tuple[str, str, str]] = {}
    header = ""
    out = FinessParse(records=pd.DataFrame(columns=RECORD_COLUMNS), source_label="FINESS (extraction Etalab)")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            continue
        tag = row[0].strip().lower()
        if tag == "structureet":
            values = dict(zip(STRUCTUREET_FIELDS, row[1:]))
            out.establishments_read += 1
            establishments.append((values.get("nofinesset", "").strip(), values))
        elif tag == "geolocalisation":
            values = dict(zip(GEOLOC_FIELDS, row[1:]))
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
            "finess": finess, "name": name, "kind": kind_of(category, name),
            "label_as_written": values.get("libcategetab", "").strip(), "commune_code": code, "address": address,
            "status": "ouvert", "status_date": values.get("dateouv", "").strip(), "x": x, "y": y,
            "crs": crs,
        })
    out.records = _frame(rows)
    return out


def is_finess_plus(obj: object) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("pmej"), list)


def _get(mapping: dict, *keys: str) -> object:
    """Case-insensitive lookup (the schema and the sample disagree on case)."""
    if not isinstance(mapping, dict):
        return None
    lowered = {k.lower(): v for k, v in mapping.items()}
    for key in keys:
        if key.lower() in lowered:
            return lowered[key.lower()]
    return None


def _code(value: object) -> str:
    """A coded value: a plain string in the sample, {"code": ...} in the schema."""
    if isinstance(value, dict):
        value = value.get("code")
    return "" if value is None else str(value).strip()


def parse_plus(obj: dict, departement: str) -> FinessParse:
    """Parse a decoded FINESS+ Structures document."""
    out = FinessParse(records=pd.DataFrame(columns=RECORD_COLUMNS), source_label="FINESS+ (export Structures)",
                      source_date=str(obj.get("generatedAt", ""))[:10])
    rows = []
    for pmej in obj.get("pmej") or []:
        if not isinstance(pmej, dict):
            continue
        for ege in pmej.get("ege") or []:
            if not isinstance(ege, dict):
                continue
            out.establishments_read += 1
            info = _get(ege, "informationsGeneralesEGE") or {}
            category = _code(_get(ege, "categorieEntiteGeographiqueExercice")
                             or _get(info, "categorieEntiteGeographiqueExercice"))
            if category not in CATEGORIES:
                out.other_categories += 1
                continue
            addresses = [a for a in (_get(ege, "adresse") or []) if isinstance(a, dict)]
            address = addresses[0] if addresses else {}
            code = str(_get(address, "cogCommune") or "").strip()
            if not code.startswith(departement):
                out.other_departements += 1
                continue
            state = _code(_get(ege, "etatObjet") or _get(info, "etatObjet"))
            if state == "I" or _get(info, "dateFermeture"):
                out.closed += 1
                continue
            name = str(_get(info, "nomEgeLong") or _get(info, "nomEgeCourt") or "").strip()
            coords = _get(address, "coordonneesGeographique") or {}
            lat, lon = _get(coords, "directionLatitude"), _get(coords, "directionLongitude")
            x, y, crs = lon, lat, "EPSG:4326"
            if not lat or not lon:
                x, y, crs = _get(coords, "coordonneeY"), _get(coords, "coordonneeX"), "EPSG:2154"
            street = str(_get(address, "ligneQuatre") or "").strip()
            town = " ".join(str(v).strip() for v in (_get(address, "codePostal"), _get(address, "ligneAcheminement"))
                            if v)
            number = str(_get(info, "numFinessEge") or "").strip()
            out.without_number += not number
            rows.append({
                "finess": number, "name": name,
                "kind": kind_of(category, name), "label_as_written": category, "commune_code": code,
                "address": ", ".join(p for p in (street, town) if p), "status": "ouvert",
                "status_date": str(_get(info, "dateOuverture") or "").strip(),
                "x": "" if x is None else str(x), "y": "" if y is None else str(y), "crs": crs,
            })
    out.records = _frame(rows)
    return out


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=RECORD_COLUMNS).fillna("").astype(str)

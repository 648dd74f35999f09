"""What kind a structure is, and whether it is closed: one rule for uploaded files and downloaded sources.

Every path that turns a source into structures goes through here: an uploaded table's "type" column
(`label_kind`), an uploaded or downloaded FINESS export (`finess_kind`, `is_closed`). The rules:

* a structure called "maison de santé pluriprofessionnelle" (any case, accents or not, hyphen or not) or "MSP"
  as a word is an MSP, whatever its category — except a CPTS seat or an ESP, which a name does not change;
* FINESS 603 is an MSP, 604 a CPTS seat; 124 (centres de santé, all types mixed) takes its sub-kind from the
  export's own sub-kind field when it has one, else from the words of its name, else stays "non précisé"
  (kind ``cds``);
* a closed establishment (``dateFermeture`` or ``etatObjet`` "I") is kept with status ``ferme``
  (geo.structures.STATUSES): history stays, the map does not draw it as open.

>>> finess_kind("124", "MAISON DE SANTE PLURI-PROFESSIONNELLE DU PORT")
'msp'
>>> finess_kind("124", "Centre de santé médical Jean Jaurès")
'cds_medical'
>>> label_kind("centre de santé pluriprofessionnel", "CDS du Bourg")
'cds_polyvalent'
"""

from __future__ import annotations

import re

from geo.reference import normalize
from geo.structures import KINDS

# The FINESS categories kept (the others are counted and left out).
CATEGORIES = {"603": "msp", "124": "cds", "604": "cpts_siege"}
CLOSED = "ferme"
OPEN = "ouvert"

MSP_NAME = re.compile(r"\bmaisons? de sante pluri ?professionnel|\bmsp\b")
# Words of a centre's sub-kind, most specific first: a "centre de santé dentaire pluriprofessionnel" is dentaire.
CDS_WORDS = (("dentaire", "cds_dentaire"), ("infirmi", "cds_infirmier"), ("ophtalm", "cds_ophtalmo"),
             ("polyvalent", "cds_polyvalent"), ("pluri", "cds_polyvalent"), ("medical", "cds_medical"),
             ("medecin", "cds_medical"))
# Keys a FINESS export may give the centre's sub-kind under (none in the 2026 sample: tolerant by design).
SUBKIND_KEYS = ("sousCategorie", "sousCategorieEge", "typeCentreSante", "typeCds", "specialite", "sousType")
# Free-text "type" values of uploaded tables -> the kind they name (read normalized, most specific first;
# the MSP wording is tried before all of them).
LABEL_WORDS = ((re.compile(r"\bcentres? (de sante|dentaire|medica|de soins)|\bcds\b"), "cds"),
               (re.compile(r"\bmaisons? de sante\b"), "maison_de_sante"),
               (re.compile(r"\bequipes? de soins primaires\b|\besp\b"), "esp"),
               (re.compile(r"\bcpts\b"), "cpts_siege"))
# Kinds a name does not change: a CPTS seat called "CPTS de la MSP du Port" stays a CPTS seat.
NAME_BLIND_KINDS = {"cpts_siege", "esp"}


def is_msp_name(name: str) -> bool:
    return MSP_NAME.search(normalize(name)) is not None


def cds_subkind(text: str) -> str | None:
    plain = normalize(text)
    return next((kind for word, kind in CDS_WORDS if word in plain), None)


def refine(kind: str, name: str, subkind: str = "") -> str:
    """A base kind made precise by the structure's name (MSP wording) and, for a centre, its sub-kind."""
    if kind not in NAME_BLIND_KINDS and is_msp_name(name):
        return "msp"
    if kind == "cds":
        return cds_subkind(subkind) or cds_subkind(name) or "cds"
    return kind


def finess_kind(category: str, name: str, subkind: str = "") -> str:
    """A FINESS category (603/124/604) and the names the export gives -> a kind of geo.structures.KINDS."""
    return refine(CATEGORIES.get(category.strip(), "autre"), name, subkind)


def label_kind(label: str, name: str) -> str | None:
    """An uploaded table's "type" value (a kind, a FINESS category or words) -> a kind; None when unknown."""
    plain = normalize(label)
    key = plain.replace(" ", "_")
    if key in KINDS:
        return refine(key, name)
    if plain in CATEGORIES:
        return finess_kind(plain, name)
    if MSP_NAME.search(plain):
        return "msp"
    base = next((kind for pattern, kind in LABEL_WORDS if pattern.search(plain)), None)
    return None if base is None else refine(base, name, subkind=label)


def subkind_of(*mappings: object) -> str:
    """The first sub-kind value found under one of SUBKIND_KEYS (case-insensitive), '' when none."""
    wanted = {k.lower() for k in SUBKIND_KEYS}
    for mapping in mappings:
        if not isinstance(mapping, dict):
            continue
        for key, value in mapping.items():
            if key.lower() in wanted and value:
                return str(value.get("libelle") or value.get("code") or "") if isinstance(value, dict) else str(value)
    return ""


def is_closed(state: str, closing_date: str) -> bool:
    return state.strip().upper() == "I" or bool(closing_date.strip())


def status_of(state: str, closing_date: str) -> str:
    return CLOSED if is_closed(state, closing_date) else OPEN

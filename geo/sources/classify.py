"""Kinds and states of FINESS establishments, as the issue asks them (geo.finess is left as it is).

Differences with `geo.finess.kind_of`, which the import gate still uses for uploads:

* a name saying "maison de santé pluriprofessionnelle" (any case, accents or not) or "MSP" as a word is an MSP,
  whatever the category;
* a centre de santé (124) takes its sub-kind from the export's own sub-kind field when it has one, else from
  the words of its name, else stays "non précisé" (kind ``cds``); "médical" is recognised too;
* a closed establishment (``dateFermeture`` or ``etatObjet`` "I") is kept, with status ``ferme`` and its
  closing date, so the history stays and the map does not draw it as open.

>>> structure_kind("124", "MAISON DE SANTE PLURI-PROFESSIONNELLE DU PORT")
'msp'
>>> structure_kind("124", "Centre de santé médical Jean Jaurès")
'cds_medical'
>>> structure_kind("124", "CENTRE DE SANTE DU BOURG")
'cds'
"""

from __future__ import annotations

import re

from geo.finess import CATEGORIES
from geo.reference import normalize

MSP_NAME = re.compile(r"\bmaisons? de sante pluri ?professionnel|\bmsp\b")
# Words of a sub-kind, most specific first: a "centre de santé dentaire pluriprofessionnel" is dentaire.
CDS_WORDS = (("dentaire", "cds_dentaire"), ("infirmi", "cds_infirmier"), ("ophtalm", "cds_ophtalmo"),
             ("polyvalent", "cds_polyvalent"), ("pluri", "cds_polyvalent"), ("medical", "cds_medical"),
             ("medecin", "cds_medical"))
# Keys a FINESS export may give the centre's sub-kind under (none in the 2026 sample: tolerant by design).
SUBKIND_KEYS = ("sousCategorie", "sousCategorieEge", "typeCentreSante", "typeCds", "specialite", "sousType")


def is_msp_name(name: str) -> bool:
    return MSP_NAME.search(normalize(name)) is not None


def cds_subkind(text: str) -> str | None:
    plain = normalize(text)
    for word, kind in CDS_WORDS:
        if word in plain:
            return kind
    return None


def structure_kind(category: str, name: str, subkind: str = "") -> str:
    """A kept FINESS category (603/124/604) and the names the export gives -> a kind of geo.structures.KINDS."""
    if is_msp_name(name):
        return "msp"
    kind = CATEGORIES.get(category, "autre")
    if kind == "cds":
        return cds_subkind(subkind) or cds_subkind(name) or "cds"
    return kind


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

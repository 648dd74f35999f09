"""Popup contents, built from file data and escaped here, once (texts.esc).

The commune card exists twice, as values for the browser to place with
textContent (the map) and as escaped HTML (the page beside the map); both
come from card_values so they always say the same.
"""

from __future__ import annotations

import pandas as pd

from geo import texts

def rows_html(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{texts.esc(k)}</th><td>{v}</td></tr>" for k, v in rows if v)


def source_html(source: str, url: str, date: str) -> str:
    """A source line; the link only for http(s) addresses (never javascript: and the like)."""
    label = texts.esc(source or "Source")
    if url.startswith(("https://", "http://")):
        label = f'<a href="{texts.esc(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    elif url:
        label = f"{label} ({texts.esc(url)})"
    when = f", consultée / datée : {texts.esc(texts.fmt_date(date))}" if date else ""
    return f"{label}{when}"


def structure_popup(row: pd.Series) -> str:
    kind = texts.KIND_LABELS.get(row["kind"], row["kind"])
    status = texts.STATUS_LABELS.get(row["status"], row["status"] or "Statut inconnu")
    if row["status_date"]:
        status = f"{status} ({texts.fmt_date(row['status_date'])})"
    position = texts.POSITION_LABELS.get(row["position_source"], row["position_source"])
    rows = [
        ("Type", texts.esc(kind)),
        ("Libellé de la source", texts.esc(row["label_as_written"])),
        ("Commune", texts.esc(f"{row['commune']} ({row['commune_code']})")),
        ("Adresse", texts.esc(row["address"])),
        ("Statut", texts.esc(status)),
        ("Équipe", texts.esc(row["members"])),
        ("FINESS", texts.esc(row["finess"])),
        ("Position", texts.esc(position)),
        ("Source", source_html(row["source"], row["source_url"], row["source_date"])),
        ("Remarque", texts.esc(row["notes"])),
    ]
    return f'<div class="carte-popup"><h4>{texts.esc(row["name"])}</h4><table>{rows_html(rows)}</table></div>'


COMMUNE_FIELDS = [
    ("code", "Code INSEE"),
    ("population", texts.CARD_POPULATION),
    ("densite", "Densité"),
    ("epci", texts.CARD_EPCI),
    ("cpts", texts.CARD_CPTS),
    ("structures", texts.CARD_STRUCTURES),
    ("nearest_msp", texts.CARD_NEAREST_MSP),
]
COMMUNE_EMPTY = {"cpts": texts.CARD_NO_CPTS, "structures": texts.CARD_NO_STRUCTURE, "nearest_msp": texts.CARD_NO_MSP}


def card_values(card: dict) -> list[str]:
    """A commune card as display strings, in COMMUNE_FIELDS order."""
    shown = {
        **card,
        "population": texts.fmt_int(card["population"]),
        "densite": f"{texts.fmt_dec(card['densite'], 0)} hab./km²",
    }
    return [str(shown[key] or COMMUNE_EMPTY.get(key, "–")) for key, _ in COMMUNE_FIELDS]


def commune_popup(card: dict) -> str:
    """The same card as escaped HTML, for the page beside the map."""
    rows = [(label, texts.esc(value)) for (_, label), value in zip(COMMUNE_FIELDS, card_values(card))]
    return f'<div class="carte-popup"><h4>{texts.esc(card["nom"])}</h4><table>{rows_html(rows)}</table></div>'


def cpts_popup(row: pd.Series) -> str:
    status = texts.CPTS_STATUS_LABELS.get(row["status"], row["status"] or "Statut inconnu")
    if row.get("status_date"):
        status = f"{status} ({texts.fmt_date(row['status_date'])})"
    rows = [
        ("Statut", texts.esc(status)),
        ("Communes cartographiées", texts.esc(texts.fmt_int(row["nb_communes"]))),
        ("Population (INSEE)", texts.esc(texts.fmt_int(row["population"]))),
        ("Communes annoncées par la source", texts.esc(row.get("communes_stated", ""))),
        ("Création", texts.esc(texts.fmt_date(row["date_creation"]) if row.get("date_creation") else "")),
        ("Signature ACI", texts.esc(texts.fmt_date(row["date_aci"]) if row.get("date_aci") else "")),
        ("Fin", texts.esc(texts.fmt_date(row["date_fin"]) if row.get("date_fin") else "")),
        ("Source", source_html(row.get("source", ""), row.get("source_url", ""), row.get("source_date", ""))),
        ("Réserves", texts.esc(row.get("notes", ""))),
    ]
    return f'<div class="carte-popup"><h4>{texts.esc(row["name"])}</h4><table>{rows_html(rows)}</table></div>'

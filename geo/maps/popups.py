"""Popup contents, built from file data and escaped here, once (texts.esc).

The commune card exists twice, as values for the browser to place with
textContent (the map) and as escaped HTML (the page beside the map); both
come from card_values so they always say the same.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from geo import texts


def rows_html(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{texts.esc(k)}</th><td>{v}</td></tr>" for k, v in rows if v)


# An imported layer's `source` is the file it came from ("seed:004_msp.txt", "structures.csv"): a name
# for the store, not a title for a reader.
FILE_NAME = re.compile(r"^(?!https?:)[a-z]+:\S|\.(csv|txt|json|geojson|gpkg|zip|kml|gz|xlsx?|ods|shp)$", re.IGNORECASE)
# Columns the import adds for the app's own use, never shown in an imported layer's popup.
INTERNAL_COLUMNS = frozenset({
    "id", "fid", "territory_codes", "territory_rule", "source", "source_url", "source_date", "confidence",
    "position_source", "commune_code", "geometry",
})


def source_title(source: str) -> str:
    """What a reader is shown for a source: its title, or what kind of source it is when we only have a file name."""
    source = source.strip()
    if not source:
        return texts.POPUP_SOURCE
    return texts.POPUP_SOURCE_IMPORTED if FILE_NAME.search(source) else source


def source_html(source: str, url: str, date: str) -> str:
    """A source line: its title, a link only for http(s) addresses (never javascript:, never a local path)."""
    label = texts.esc(source_title(source))
    if url.startswith(("https://", "http://")):
        label = f'<a href="{texts.esc(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    when = texts.POPUP_SOURCE_DATED.format(date=texts.esc(texts.fmt_date(date))) if date else ""
    return f"{label}{when}"


def overlay_popup(row: dict[str, str]) -> str:
    """An imported free layer's feature: its own properties, without the app's columns or a file name."""
    rows = [(k, texts.esc(v)) for k, v in row.items() if k.lower() not in INTERNAL_COLUMNS and not FILE_NAME.search(v)]
    return f'<div class="carte-popup"><table>{rows_html(rows)}</table></div>'


def _status(labels: dict[str, str], row: pd.Series) -> str:
    status = labels.get(row["status"], row["status"] or texts.POPUP_STATUS_UNKNOWN)
    return f"{status} ({texts.fmt_date(row['status_date'])})" if row.get("status_date") else status


def _date(row: pd.Series, column: str) -> str:
    return texts.fmt_date(row[column]) if row.get(column) else ""


def _popup(title: str, labels: dict[str, str], values: dict[str, str]) -> str:
    """A titled table: values are escaped already; rows follow `labels`' order, empty ones left out."""
    rows = [(labels[key], values[key]) for key in labels]
    return f'<div class="carte-popup"><h4>{texts.esc(title)}</h4><table>{rows_html(rows)}</table></div>'


def structure_popup(row: pd.Series) -> str:
    return _popup(row["name"], texts.POPUP_STRUCTURE_LABELS, {
        "kind": texts.esc(texts.KIND_LABELS.get(row["kind"], row["kind"])),
        "label_as_written": texts.esc(row["label_as_written"]),
        "commune": texts.esc(f"{row['commune']} ({row['commune_code']})"),
        "address": texts.esc(row["address"]),
        "status": texts.esc(_status(texts.STATUS_LABELS, row)),
        "members": texts.esc(row["members"]),
        "finess": texts.esc(row["finess"]),
        "position_source": texts.esc(texts.POSITION_LABELS.get(row["position_source"], row["position_source"])),
        "source": source_html(row["source"], row["source_url"], row["source_date"]),
        "notes": texts.esc(row["notes"]),
    })


COMMUNE_FIELDS = [
    ("code", texts.CARD_CODE),
    ("population", texts.CARD_POPULATION),
    ("densite", texts.CARD_DENSITY),
    ("epci", texts.CARD_EPCI),
    ("cpts", texts.CARD_CPTS),
    ("structures", texts.CARD_STRUCTURES),
    ("nearest_msp", texts.CARD_NEAREST_MSP),
]
COMMUNE_EMPTY = {"cpts": texts.CARD_NO_CPTS, "structures": texts.CARD_NO_STRUCTURE, "nearest_msp": texts.CARD_NO_MSP}


def card_values(card: dict[str, Any]) -> list[str]:
    """A commune card as display strings, in COMMUNE_FIELDS order."""
    shown = {
        **card,
        "population": texts.fmt_int(card["population"]),
        "densite": texts.CARD_DENSITY_VALUE.format(value=texts.fmt_dec(card["densite"], 0)),
    }
    return [str(shown[key] or COMMUNE_EMPTY.get(key, texts.CARD_EMPTY)) for key, _ in COMMUNE_FIELDS]


def commune_popup(card: dict[str, Any]) -> str:
    """The same card as escaped HTML, for the page beside the map."""
    labels = dict(COMMUNE_FIELDS)
    values = {key: texts.esc(value) for (key, _), value in zip(COMMUNE_FIELDS, card_values(card), strict=True)}
    return _popup(card["nom"], labels, values)


def cpts_popup(row: pd.Series) -> str:
    return _popup(row["name"], texts.POPUP_CPTS_LABELS, {
        "status": texts.esc(_status(texts.CPTS_STATUS_LABELS, row)),
        "nb_communes": texts.esc(texts.fmt_int(row["nb_communes"])),
        "population": texts.esc(texts.fmt_int(row["population"])),
        "communes_stated": texts.esc(row.get("communes_stated", "")),
        "date_creation": texts.esc(_date(row, "date_creation")),
        "date_aci": texts.esc(_date(row, "date_aci")),
        "date_fin": texts.esc(_date(row, "date_fin")),
        "source": source_html(row.get("source", ""), row.get("source_url", ""), row.get("source_date", "")),
        "notes": texts.esc(row.get("notes", "")),
    })

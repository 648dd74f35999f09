"""French UI strings and number/date formatting, in one place.

Tests import the exact labels from here, so a wording change is one edit.
Numbers follow French typography: a no-break space between thousands
(933 455), a decimal comma and a no-break space before % (80,0 %).
"""

from __future__ import annotations

import datetime as dt
import html
import math

NBSP = "\u00a0"

MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_LONG = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def fmt_int(value: float | int | None) -> str:
    """933455 -> '933 455' (no-break space)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{round(value):,}".replace(",", NBSP)


def fmt_dec(value: float | None, digits: int = 1) -> str:
    """86.1 -> '86,1'; thousands separated like fmt_int."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", NBSP)


def fmt_pct(value: float | None, digits: int = 1) -> str:
    """80 -> '80,0 %'."""
    text = fmt_dec(value, digits)
    return text if text == "–" else f"{text}{NBSP}%"


def fmt_km(metres: float | None) -> str:
    """Distance in metres -> '3,2 km' (or '850 m' below one kilometre)."""
    if metres is None or (isinstance(metres, float) and math.isnan(metres)):
        return "–"
    if metres < 1000:
        return f"{fmt_int(metres)}{NBSP}m"
    return f"{fmt_dec(metres / 1000, 1)}{NBSP}km"


def parse_date(value: object) -> dt.date | None:
    """Dates as found in the sources: '2024-06-30', '2024-06', '2023', or a date."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()[:10]
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def fmt_date(value: object) -> str:
    """A date as precise as its source: '30/06/2024', 'juin 2024' or '2023'."""
    text = "" if value is None else str(value).strip()
    parsed = parse_date(value)
    if parsed is None:
        return "date inconnue"
    if isinstance(value, (dt.date, dt.datetime)) or len(text) >= 10:
        return parsed.strftime("%d/%m/%Y")
    if len(text) >= 7:
        return f"{MONTHS_LONG[parsed.month - 1]} {parsed.year}"
    return str(parsed.year)


def fmt_month(value: object) -> str:
    """'2023-12-01' -> 'déc. 2023' (the baromètre's monthly points)."""
    parsed = parse_date(value)
    return "–" if parsed is None else f"{MONTHS_SHORT[parsed.month - 1]} {parsed.year}"


def esc(value: object) -> str:
    """Escape any text that came from a file before it reaches HTML.

    `$` and backticks are escaped too: folium places some HTML inside JS
    template literals, where `${...}` would run.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;")


# --- App frame ---------------------------------------------------------------
APP_TITLE = "Carte de l'exercice coordonné"
APP_ICON = "🗺️"
PAGE_CARTE = "Carte"
PAGE_COUVERTURE = "Couverture et objectifs"
PAGE_DONNEES = "Données"
SIDEBAR_TERRITORY = "Département"
SIDEBAR_FRESHNESS = "Fraîcheur des données"
FOOTER_SOURCES = "Sources : voir data/SOURCES.md et la légende de chaque couche."

# --- Kinds and statuses --------------------------------------------------------
KIND_LABELS = {
    "msp": "Maison de santé pluriprofessionnelle (MSP)",
    "maison_de_sante": "Maison de santé (non labellisée MSP par sa source)",
    "cds_polyvalent": "Centre de santé polyvalent / pluriprofessionnel",
    "cds_medical": "Centre de santé médical",
    "cds_infirmier": "Centre de santé infirmier",
    "cds_dentaire": "Centre de santé dentaire",
    "cds_ophtalmo": "Centre de santé ophtalmologique",
    "cds": "Centre de santé (type non précisé)",
    "esp": "Équipe de soins primaires (ESP)",
    "cpts_siege": "Siège de CPTS",
    "autre": "Autre structure",
}
KIND_SHORT = {
    "msp": "MSP",
    "maison_de_sante": "Maison de santé",
    "cds_polyvalent": "CdS polyvalent",
    "cds_medical": "CdS médical",
    "cds_infirmier": "CdS infirmier",
    "cds_dentaire": "CdS dentaire",
    "cds_ophtalmo": "CdS ophtalmo",
    "cds": "CdS",
    "esp": "ESP",
    "cpts_siege": "Siège CPTS",
    "autre": "Autre",
}
STATUS_LABELS = {
    "ouvert": "Ouvert",
    "projet": "En projet",
    "annonce": "Annoncé",
    "ferme": "Fermé",
}
CPTS_STATUS_LABELS = {
    "en fonctionnement": "En fonctionnement (ACI signé)",
    "aci": "ACI signé",
    "projet": "En projet / en constitution",
    "pre-projet": "Pré-projet",
    "inconnu": "Statut inconnu",
}
POSITION_LABELS = {
    "adresse": "Position à l'adresse",
    "finess": "Position FINESS (géolocalisation du registre)",
    "fichier": "Position lue dans le fichier importé",
    "commune": "Position approximative : point dans la commune (aucune adresse géolocalisée)",
}

# --- Carte page ----------------------------------------------------------------
CARTE_TITLE = "Carte de l'exercice coordonné"
CARTE_CAPTION = "Structures d'exercice coordonné et périmètres de CPTS — {dep}"
LAYERS_HEADER = "Couches"
LAYER_COMMUNES = "Communes"
LAYER_EPCI = "Contours des EPCI"
LAYER_CPTS = "Périmètres de CPTS"
LAYER_STRUCTURES = "Structures"
CHOROPLETH_LABEL = "Colorer les communes par"
CHOROPLETH_NONE = "Rien"
CHOROPLETH_POPULATION = "Population"
CHOROPLETH_DENSITY = "Densité (hab./km²)"
FILTER_KINDS = "Types de structure"
FILTER_STATUS = "Statuts"
BACKGROUND_LABEL = "Fond de carte"
BACKGROUND_NONE = "Sans fond (hors ligne)"
BACKGROUND_OSM = "OpenStreetMap (en ligne)"
BACKGROUND_LIGHT = "Plan clair CARTO (en ligne)"
SEARCH_LABEL = "Rechercher une commune"
SEARCH_PLACEHOLDER = "ex. Quimperlé, plourin les morlaix, 29300"
SEARCH_NONE = "Aucune commune ne correspond à « {query} »."
SEARCH_PICK = "Communes trouvées"
COMPLETENESS_HEADER = "Complétude des données cartographiées"
COMPLETENESS_LINE = "{mapped} cartographiées sur {declared} déclarées"
COMPLETENESS_WARNING = (
    "Carte incomplète : les données ouvertes ne donnent ni la position des structures ni les "
    "périmètres de toutes les CPTS du Finistère. Complétez-les dans la page Données (import FINESS, fichiers de périmètres)."
)
LEGEND_TITLE = "Légende"
MAP_SOURCE = (
    "Fonds : IGN Admin Express (COG 2018, simplifié) et COG 2024 (INSEE, via @etalab/decoupage-administratif). "
    "Structures et CPTS : recensement sourcé, une source par ligne (voir chaque fiche)."
)
CARD_POPULATION = "Population (INSEE)"
CARD_EPCI = "EPCI"
CARD_CPTS = "CPTS"
CARD_NO_CPTS = "Aucune CPTS cartographiée"
CARD_STRUCTURES = "Structures cartographiées dans la commune"
CARD_NO_STRUCTURE = "Aucune structure cartographiée"
CARD_NEAREST_MSP = "MSP cartographiée la plus proche"
CARD_NO_MSP = "Aucune MSP cartographiée"
CARD_DISTANCE_NOTE = "Distance à vol d'oiseau (Lambert-93) depuis un point intérieur de la commune, vers les MSP cartographiées seulement."

"""French UI strings and number/date formatting, in one place.

Tests import the exact labels from here, so a wording change is one edit.
Numbers follow French typography: a no-break space between thousands
(933 455), a decimal comma and a no-break space before % (80,0 %).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_LONG = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def _half_up(value: float | int, digits: int) -> Decimal:
    """Round as a reader does (7,25 -> 7,3), not half to even as Python's round and format do."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_int(value: float | int | None) -> str:
    """933455 -> '933 455' (no-break space)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{_half_up(value, 0):,}".replace(",", NBSP)


def fmt_dec(value: float | None, digits: int = 1) -> str:
    """86.1 -> '86,1'; thousands separated like fmt_int."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{_half_up(value, digits):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", NBSP)


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
    template literals, where `${...}` would run; and braces, because
    folium/branca compile a layer's rendered script as a Jinja template again.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")



MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


def md_escape(value: object) -> str:
    r"""Escape Markdown (so links, images and HTML) in text that came from a file or a user, for st.markdown,
    st.caption, st.error… (which all render Markdown).

    >>> print(md_escape("![x](http://e/x.png)"))
    \!\[x\]\(http\://e/x\.png\)
    """
    return "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in str(value))


# --- App frame ---------------------------------------------------------------
APP_TITLE = "Carte de l'exercice coordonné"
APP_ICON = "🗺️"
PAGE_CARTE = "Carte"
PAGE_COUVERTURE = "Couverture et objectifs"
PAGE_DONNEES = "Données"
SIDEBAR_TERRITORY = "Territoire"
SIDEBAR_FRESHNESS = "Fraîcheur des données"
PRESENTATION_TOGGLE = "Mode présentation"
PRESENTATION_HELP = (
    "Pour un écran partagé : texte plus grand, carte plus haute, barre latérale repliée. "
    "L'adresse de la page (avec ?presentation=1) ouvre directement cette vue."
)
FRESHNESS_LINES = [
    "Communes et EPCI : COG INSEE 2024 (contours IGN 2018)",
    "Objectifs et séries : Baromètre des résultats, extrait du 17/10/2024",
    "Structures et CPTS du Finistère : pages publiques datées de 2018 à janvier 2025",
    "Décomptes déclarés : ARS Bretagne, situation au 30/06/2024",
]
FRESHNESS_STORE = "Dernier import enregistré : version {version} du {date} ({layer})"
FRESHNESS_NO_STORE = "Aucun import enregistré : données fournies seulement."

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
FILTER_NO_KIND = "Aucune structure chargée pour ce département"
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
    "périmètres de toutes les CPTS du département. Complétez-les dans la page Données (import FINESS, fichiers de périmètres)."
)
COMPLETENESS_SHORT_TOPICS = {"msp": "MSP", "cds": "centres de santé", "cpts": "CPTS"}
COMPLETENESS_SHORT = "{topic} : {mapped} sur {declared}"
COMPLETENESS_HEADLINE = "Cartographiés / déclarés — {figures}."
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
CARD_IN_COMMUNE = "dans la commune"
CARD_NO_MSP = "Aucune MSP cartographiée"
CARD_DISTANCE_NOTE = "Distance à vol d'oiseau (Lambert-93) depuis un point intérieur de la commune, vers les MSP cartographiées seulement."
COMPLETENESS_TOPICS = {
    "msp": "Maisons de santé pluriprofessionnelles (MSP)",
    "cds": "Centres de santé (tous types)",
    "cpts": "CPTS (périmètres)",
}
COMPLETENESS_SITES = "({sites} sites sur la carte : une MSP multi-site compte pour une)"
COMPLETENESS_UNLABELLED = "+ {n} maisons de santé cartographiées que leur source n'appelle pas MSP"
COMPLETENESS_NO_DECLARED = "{mapped} cartographiées (aucun décompte officiel chargé pour ce département)"
DECLARED_SOURCES = {
    "msp": "Baromètre des résultats de l'action publique, indicateur IND-311",
    "cds": "ARS Bretagne, délégation du Finistère, webinaire « Exercice coordonné » du 19/09/2024",
    "cpts": "ARS Bretagne, délégation du Finistère, webinaire « Exercice coordonné » du 19/09/2024",
}
COMPLETENESS_SOURCE = "Décompte : {source}, situation au {date}."
COMPLETENESS_LINK = "Compléter les couches dans la page Données (import FINESS, fichiers de périmètres)."
MAP_ONLY_SHIPPED = (
    "La carte n'est disponible que pour les départements dont les communes sont fournies ({deps}) : "
    "affichage du Finistère."
)
LEGEND_KINDS = "Structures (couleur = type)"
LEGEND_STATUS = "Statut (tracé du point)"
LEGEND_CPTS = "CPTS (périmètre)"
LEGEND_CHOROPLETH = "Communes : {label}"
LEGEND_EPCI = "Trait épais gris foncé : limite d'EPCI"
CARD_HEADER = "Fiche commune"
CARD_SOURCE = "Population : INSEE (COG), EPCI : COG 2024 ; structures et CPTS : couches chargées dans l'application."
FILTER_NOTHING = "Aucune structure ne correspond aux filtres."
STRUCTURES_SHOWN = "{shown} structures affichées sur {total} chargées (filtres de la barre latérale)."


# --- Données page ---------------------------------------------------------------
# Import report, refusals, store and editor (pages/donnees.py, geo/imports.py, geo/store.py).
DONNEES_TITLE = "Données : importer, vérifier, versionner"
DONNEES_INTRO = (
    "Complétez la carte avec vos propres données (export FINESS, fichiers de périmètres de CPTS, couches libres). "
    "Chaque fichier est vérifié avant tout enregistrement ; chaque enregistrement crée une nouvelle version, "
    "que l'on peut exporter ou restaurer."
)
DONNEES_SECTION = "Rubrique"
DONNEES_TAB_IMPORT = "Importer un fichier"
DONNEES_TAB_HISTORY = "Versions enregistrées"
DONNEES_TAB_EDITOR = "Éditer un périmètre de CPTS"
DONNEES_FORMATS = (
    "Formats acceptés : GeoJSON, Shapefile zippé (.zip avec .shp, .shx, .dbf, .prj), GeoPackage, KML, "
    "CSV (latitude/longitude ou code commune INSEE ; séparateur « ; » ou « , » ; UTF-8 ou Latin-1), "
    "extraction FINESS (CSV historique) et export FINESS+ (JSON, éventuellement .gz). Taille maximale : {max_mb} Mo."
)
DONNEES_UPLOAD = "Fichier à importer"
DONNEES_KIND = "Type de couche"
KIND_CHOICES = {
    "structures": "Structures (points : MSP, centres de santé, sièges de CPTS…)",
    "cpts": "Périmètres de CPTS (polygones, ou table CPTS ↔ codes communes)",
    "layer": "Couche libre (toute géométrie, affichée en surimpression)",
}
DONNEES_GPKG_LAYER = "Couche du GeoPackage à importer"
DONNEES_TARGET = "Enregistrer dans la couche"
DONNEES_TARGET_NEW = "Nouvelle couche…"
DONNEES_TARGET_NAME = "Nom de la nouvelle couche"
DONNEES_AUTHOR = "Votre nom (enregistré avec la version)"
DONNEES_COMMENT = "Commentaire (ce qui change, d'où vient le fichier)"
DONNEES_SAVE = "Enregistrer comme nouvelle version"
DONNEES_SAVED = "Version {version} enregistrée dans la couche « {layer} ». La carte et les indicateurs en tiennent compte."
DONNEES_READING = "Lecture et vérification du fichier…"
DONNEES_REPORT = "Rapport de vérification"
DONNEES_PREVIEW = "Aperçu"
DONNEES_DIFF = "Différences avec la version actuelle de la couche"
DONNEES_DIFF_NEW_LAYER = "Couche nouvelle : toutes les entités sont des ajouts."
DONNEES_DIFF_LINE = "{added} ajoutée(s), {removed} retirée(s), {changed} modifiée(s), {same} inchangée(s)."
DONNEES_DIFF_ADDED = "Ajoutées"
DONNEES_DIFF_REMOVED = "Retirées"
DONNEES_DIFF_CHANGED = "Modifiées"
DONNEES_REPLACES_SHIPPED = "{n} structure(s) importée(s) remplaceront des structures livrées (même n° FINESS, ou même type, commune et nom)."
DONNEES_FEATURES_TABLE = "Entités retenues"
DONNEES_REFUSED = "Fichier refusé"
DONNEES_USABLE = "Fichier utilisable : {n} entité(s) retenue(s)."
DONNEES_NOT_SAVED_VIEWER = "Consultation seule : connectez-vous comme analyste pour enregistrer ce fichier."
DONNEES_LOGIN_HEADER = "Accès analyste"
DONNEES_PASSWORD = "Mot de passe analyste"
DONNEES_LOGIN = "Se connecter"
DONNEES_LOGOUT = "Se déconnecter"
DONNEES_LOGGED_IN = "Connecté comme analyste : enregistrement, restauration et édition autorisés."
DONNEES_BAD_PASSWORD = "Mot de passe incorrect."
DONNEES_NO_PASSWORD_CONFIGURED = (
    "Aucun mot de passe analyste n'est configuré (variable CARTE_ANALYST_PASSWORD ou secret analyst_password) : "
    "la page fonctionne en consultation seule."
)
DONNEES_VIEWER_NOTE = "Consultation : vous pouvez vérifier un fichier et exporter les versions ; l'enregistrement demande l'accès analyste."
DONNEES_NO_VERSION = "Aucune version enregistrée pour l'instant : la carte montre les données livrées."
DONNEES_LAYER_PICK = "Couche"
DONNEES_HISTORY_COLUMNS = {
    "version": "Version", "layer": "Couche", "kind": "Type", "created_at": "Date (UTC)", "author": "Auteur",
    "action": "Action", "filename": "Fichier", "checksum": "Empreinte SHA-256", "comment": "Commentaire",
    "feature_count": "Entités", "current": "Active",
}
ACTION_LABELS = {"import": "Import", "edit": "Édition", "rollback": "Restauration"}
DONNEES_VERSION_PICK = "Version"
DONNEES_EXPORT = "Exporter la version {version}"
DONNEES_EXPORT_FORMAT = "Format d'export"
DONNEES_ROLLBACK = "Restaurer la version {version} (crée une nouvelle version)"
DONNEES_ROLLED_BACK = "Version {old} restaurée : elle est devenue la version {new} de la couche « {layer} »."
DONNEES_ROLLBACK_CURRENT = "Cette version est déjà la version active de la couche."
DONNEES_EDITOR_PICK = "CPTS à éditer"
DONNEES_EDITOR_NEW = "Nouvelle CPTS…"
DONNEES_EDITOR_NAME = "Nom de la CPTS"
DONNEES_EDITOR_COMMUNES = "Communes du périmètre"
DONNEES_EDITOR_STATUS = "Statut"
DONNEES_EDITOR_CREATION = "Date de création"
DONNEES_EDITOR_ACI = "Date de signature de l'ACI"
DONNEES_EDITOR_END = "Date de fin"
DONNEES_EDITOR_NO_DATE = "Pas de date"
DONNEES_EDITOR_CLICK = "Cliquez une commune sur la carte pour l'ajouter au périmètre ou l'en retirer."
DONNEES_EDITOR_SAVE = "Enregistrer le périmètre (nouvelle version)"
DONNEES_EDITOR_SAVED = "Périmètre de « {name} » enregistré : version {version} de la couche « {layer} »."
DONNEES_EDITOR_SUMMARY = "{n} commune(s), {pop} habitants."
DONNEES_EDITOR_OVERLAP = "Communes déjà dans une autre CPTS : {names}."
DONNEES_EDITOR_NAME_MISSING = "Donnez un nom à la CPTS."
DONNEES_EDITOR_NO_COMMUNE = "Choisissez au moins une commune."
DONNEES_EDITOR_DATES_ORDER = "La date de fin précède la date de création : corrigez les dates."
DONNEES_EDITOR_LAYER = "Éditions de périmètres CPTS"
DONNEES_AUTHOR_MISSING = "Indiquez votre nom : il est enregistré avec la version."
DONNEES_ERROR = "L'opération n'a pas abouti : {message}"
DONNEES_DEFAULT_LAYER = {"structures": "Structures importées", "cpts": "Périmètres CPTS importés", "layer": "Couche libre"}

# Report lines (shared by the page and `python -m geo.imports`).
REPORT_FILE = "Fichier : {name} ({size}) — format reconnu : {format}."
REPORT_READ = "{n} entité(s) lue(s)."
REPORT_KEPT = "{n} entité(s) retenue(s)."
REPORT_ENCODING = "Encodage : {encoding} ; séparateur : « {sep} »."
REPORT_CRS = "Système de coordonnées trouvé : {crs}."
REPORT_CRS_REPROJECTED = "Reprojeté de {crs} vers WGS84 (EPSG:4326)."
REPORT_CRS_ASSUMED_L93 = (
    "Aucun système de coordonnées déclaré : les coordonnées ont été reconnues comme du Lambert-93 (EPSG:2154) "
    "et reprojetées en WGS84. Ajoutez un fichier .prj ou un CRS pour lever le doute."
)
REPORT_CRS_ASSUMED_WGS84 = "Aucun système de coordonnées déclaré : coordonnées en degrés, lues en WGS84 (EPSG:4326)."
REPORT_REPAIRED = "{n} géométrie(s) invalide(s) réparée(s) (auto-intersections, anneaux mal fermés…)."
REPORT_EMPTY = "{n} entité(s) sans géométrie ou à géométrie vide écartée(s)."
REPORT_DUPLICATES = "{n} doublon(s) exact(s) écarté(s) (même géométrie et mêmes attributs)."
REPORT_DUPLICATE_IDS = "{n} doublon(s) de n° FINESS écarté(s) (première occurrence gardée)."
REPORT_WRONG_GEOMETRY = "{n} entité(s) écartée(s) : géométrie {found} alors que la couche attend des {expected}."
REPORT_POINTS_FROM_SHAPES = "{n} entité(s) non ponctuelle(s) ramenée(s) à un point intérieur."
REPORT_UNMATCHED = "{n} code(s) INSEE introuvable(s) dans les communes du département : {codes}."
REPORT_OUTSIDE = "{n} point(s) hors du département {dep} : {names}."
REPORT_OUTSIDE_DROPPED = "{n} point(s) hors du département {dep} écarté(s) : {names}."
REPORT_NO_POSITION = "{n} ligne(s) sans position utilisable (ni coordonnées, ni code commune reconnu) écartée(s)."
REPORT_AT_COMMUNE = "{n} structure(s) placée(s) dans leur commune faute de coordonnées (position approximative)."
REPORT_UNKNOWN_KINDS = "{n} structure(s) de type non reconnu classée(s) « autre » : {values}."
REPORT_UNKNOWN_STATUS = "{n} statut(s) non reconnu(s) remplacé(s) par « {default} » : {values}."
REPORT_FINESS = (
    "{source} : {read} établissement(s) lu(s) ; gardés : catégories 603, 124 et 604 du département {dep} ; "
    "écartés : {other_cat} d'autres catégories, {other_dep} d'autres départements, {closed} fermé(s)."
)
REPORT_FINESS_NO_POSITION = "{n} établissement(s) FINESS sans géolocalisation : placé(s) dans leur commune."
REPORT_OVERLAPS = "{n} commune(s) revendiquée(s) par deux CPTS ou plus : {names}."
REPORT_GAPS = "{n} commune(s) du département dans aucune CPTS (après import) : {names}."
REPORT_NO_OVERLAP = "Aucune commune revendiquée par deux CPTS."
REPORT_CPTS = "{n} CPTS, {communes} commune(s) rattachée(s)."
REPORT_CPTS_POLYGON_RULE = "Une commune est rattachée à une CPTS quand au moins la moitié de sa surface est dans le périmètre."
REPORT_CPTS_WITHOUT_COMMUNE = "{n} CPTS sans aucune commune du département : {names}."
REPORT_CPTS_NO_NAME = "{n} périmètre(s) sans nom : nommé(s) « CPTS sans nom n ». Ajoutez une colonne nom."
REPORT_LAYERS = "Couches présentes dans le fichier : {names} ; couche lue : {layer}."
REPORT_KML_LAYERS = "Dossiers KML lus : {names}."
REPORT_MOJIBAKE = "Des caractères semblent mal décodés (« Ã© ») : le fichier a peut-être été converti deux fois ; vérifiez l'encodage."
REPORT_TRUNCATED_LIST = "{shown} … (+{more})"
REPORT_USABLE = "Résultat : fichier utilisable."
REPORT_REFUSED = "Résultat : fichier refusé — {reason}"

# Refusals: each says what to fix.
REFUSE_EMPTY = "Le fichier est vide (0 octet) : vérifiez l'export et recommencez."
REFUSE_TOO_BIG = "Le fichier dépasse la taille maximale ({size} pour {max_mb} Mo autorisés) : découpez-le ou filtrez-le sur le département."
REFUSE_HTML = (
    "Ce fichier est une page HTML, pas une couche géographique (souvent une page d'erreur ou de connexion "
    "enregistrée à la place du fichier) : téléchargez à nouveau le vrai fichier."
)
REFUSE_XML = "Fichier XML non reconnu : seuls les fichiers KML sont acceptés parmi les formats XML."
REFUSE_BINARY = "Format de fichier non reconnu : utilisez GeoJSON, Shapefile zippé, GeoPackage, KML, CSV ou un export FINESS."
REFUSE_ENCODING = "Encodage non reconnu (UTF-16 ou fichier binaire) : enregistrez le fichier en UTF-8 ou en Latin-1 (ISO-8859-1)."
REFUSE_JSON = "JSON mal formé ({detail}) : le fichier est tronqué ou abîmé ; exportez-le à nouveau."
REFUSE_JSON_NOT_GEO = "Ce JSON n'est ni du GeoJSON (FeatureCollection) ni un export FINESS+ : vérifiez le fichier."
REFUSE_GZIP = "Archive .gz illisible ou tronquée : téléchargez à nouveau le fichier."
REFUSE_ZIP_BAD = "Archive .zip illisible ou abîmée : recréez-la."
REFUSE_ZIP_PATH = "L'archive contient un chemin dangereux ({member}) : les fichiers doivent être à la racine ou dans un sous-dossier, sans « .. » ni chemin absolu."
REFUSE_ZIP_MEMBERS = "L'archive contient trop de fichiers ({n} pour {max} autorisés) : ne zippez que la couche à importer."
REFUSE_ZIP_BOMB = "L'archive se décompresse en plus de {max_mb} Mo (ou avec un taux de compression anormal) : elle est refusée par sécurité."
REFUSE_ZIP_ENCRYPTED = "L'archive est protégée par un mot de passe : zippez les fichiers sans chiffrement."
REFUSE_ZIP_FORBIDDEN = "L'archive contient un fichier non autorisé ({member}) : seuls .shp, .shx, .dbf, .prj, .cpg (et métadonnées) sont acceptés."
REFUSE_ZIP_NO_SHP = "L'archive ne contient aucun fichier .shp : zippez les fichiers .shp, .shx, .dbf et .prj de la couche."
REFUSE_ZIP_MISSING = "Le Shapefile {name} est incomplet : il manque {missing}. Zippez les fichiers .shp, .shx, .dbf et .prj ensemble."
REFUSE_ZIP_SEVERAL = "L'archive contient plusieurs Shapefiles ({names}) : choisissez la couche à importer."
REFUSE_GPKG = "Ce fichier SQLite n'est pas un GeoPackage lisible (table gpkg_contents absente) : exportez la couche en GeoPackage."
REFUSE_GPKG_NO_LAYER = "Le GeoPackage ne contient aucune couche d'entités géographiques (seulement des tables ou des rasters) : exportez-y la couche vectorielle à importer."
REFUSE_GPKG_UNKNOWN_LAYER = "La couche « {layer} » n'existe pas dans le GeoPackage ; couches présentes : {names}."
REFUSE_REMOTE = "Le fichier fait référence à des données distantes ({what}) : elles ne sont jamais ouvertes. Exportez les données elles-mêmes."
REFUSE_KML_NETWORK = "Ce KML renvoie vers des données distantes (NetworkLink) : exportez les objets eux-mêmes dans le KML."
REFUSE_NO_FEATURE = "Aucune entité lisible dans le fichier (aucun objet, ou seulement une ligne d'en-tête) : vérifiez que l'export contient bien des données."
REFUSE_NOTHING_KEPT = "Aucune entité utilisable après vérification : voir le détail du rapport ci-dessus."
REFUSE_CRS_UNKNOWN = (
    "Système de coordonnées inconnu : le fichier n'en déclare aucun (fichier .prj absent ?) et ses coordonnées "
    "ne sont ni des degrés WGS84 ni du Lambert-93. Ajoutez le fichier .prj ou reprojetez en WGS84."
)
REFUSE_CRS_BAD = "Le système de coordonnées du fichier ({crs}) ne peut pas être reprojeté en WGS84 : reprojetez le fichier."
REFUSE_CSV_NO_POSITION = (
    "Aucune colonne de position trouvée : ajoutez des colonnes latitude et longitude (WGS84) "
    "ou une colonne code_insee (code commune INSEE). Colonnes lues : {columns}."
)
REFUSE_CSV_NO_CPTS = "Table CPTS ↔ communes : il faut une colonne de nom de CPTS (cpts ou nom_cpts) et une colonne code_insee. Colonnes lues : {columns}."
REFUSE_CSV_BAD = "CSV illisible ({detail}) : vérifiez le séparateur (« ; » ou « , ») et les guillemets."
REFUSE_FINESS_NONE = "Aucun établissement des catégories 603, 124 ou 604 dans le département {dep} : vérifiez le département choisi et l'export."
REFUSE_CPTS_GEOMETRY = "Une couche de périmètres de CPTS doit contenir des polygones (ou être une table CPTS ↔ codes communes)."
REFUSE_UNREADABLE = "Fichier illisible comme {format} ({detail}) : vérifiez qu'il n'est pas abîmé et qu'il est bien au format annoncé."
REFUSE_INTERNAL = "Le fichier n'a pas pu être vérifié ({detail}). Vérifiez son format ; s'il est correct, signalez-le avec le fichier."
REFUSE_NO_GEOMETRY = "Aucune entité du fichier n'a de géométrie : exportez la couche avec ses géométries, ou importez un CSV avec une colonne code_insee."
REFUSE_CSV_COORDS = (
    "Colonnes de position trouvées ({columns}) mais aucune valeur lisible (par ex. « {sample} ») : écrivez des "
    "nombres décimaux (48,39 ou 48.39) pour latitude et longitude, ou du WKT (POINT (-4.49 48.39))."
)
REFUSE_OFFICE = "Ceci est un document bureautique (Excel, LibreOffice), pas une couche : enregistrez le tableau en CSV (UTF-8, séparateur « ; ») et importez le CSV."
REFUSE_XML_DOCTYPE = "Ce KML déclare des entités XML (<!DOCTYPE …>), refusées par sécurité : exportez-le à nouveau depuis votre logiciel SIG (QGIS, Google Earth) sans DOCTYPE."
REFUSE_UNKNOWN_DEPARTEMENT = "Département « {dep} » non disponible : choisissez l'un des départements fournis ({available})."
CSV_OPEN_QUOTE = "guillemet ouvert jamais refermé, à partir de la ligne {line}"
CSV_FIELD_COUNT = "ligne {line} : {seen} colonnes au lieu de {expected}"
JSON_TOO_DEEP = "imbrication de crochets trop profonde"
DONNEES_CHECKING = "Vérification des géométries, des codes communes et du département…"
FORMAT_LABELS = {
    "geojson": "GeoJSON", "shapefile": "Shapefile zippé", "gpkg": "GeoPackage", "kml": "KML", "csv": "CSV",
    "finess_legacy": "extraction FINESS (CSV historique)", "finess_plus": "export FINESS+ (JSON)",
}

# Store refusals and messages.
STORE_WRITE_REFUSED = "Écriture refusée : l'accès analyste (mot de passe) est nécessaire pour enregistrer, restaurer ou éditer."
STORE_NOT_CONFIGURED = "Écriture refusée : aucun mot de passe analyste n'est configuré sur ce serveur."
STORE_BAD_LAYER_NAME = "Nom de couche refusé (« {name} ») : 1 à 80 caractères, lettres, chiffres, espaces et - _ ' ’ ( ) , . seulement."
STORE_LAYER_KIND_TAKEN = "Le nom « {layer} » est déjà celui d'une couche d'un autre type ({kind}) : choisissez un autre nom de couche."
LAYER_KIND_LABELS = {"structures": "Structures", "cpts": "CPTS", "layer": "Couche libre"}
STORE_UNKNOWN_VERSION = "La version {version} n'existe pas."
STORE_BUSY = "Le magasin de données est occupé (autre enregistrement en cours) : réessayez dans un instant."
STORE_UNAVAILABLE = "Le magasin de données ({path}) n'est pas accessible : {detail}."
STORE_DIR_NOTE = "Versions enregistrées dans {path}."
STORE_DB_LOCATION = "la base PostgreSQL « {dbname} » ({host}:{port})"
STORE_DB_ERROR = "La base de données a refusé l'opération : {detail}."
STORE_POSTGIS_MISSING = (
    "L'extension PostGIS manque dans la base de données ({detail}) : demandez à son administrateur "
    "« CREATE EXTENSION postgis; »."
)
STORE_BAD_URL = "DATABASE_URL doit commencer par postgresql:// (reçu : « {scheme}:// »)."


# --- Couverture page -----------------------------------------------------------
COUV_TITLE = "Couverture et objectifs — {territory}"
COUV_INTRO = (
    "Où en est le territoire sur les objectifs nationaux : 4 000 maisons de santé pluriprofessionnelles, "
    "100 % de la population couverte par une CPTS, 700 centres de santé pluriprofessionnels."
)
COUV_FRANCE = "France"
COUV_REGION = "Région"
COUV_INDICATOR_LABELS = {
    "IND-311": "Maisons de santé pluriprofessionnelles (MSP)",
    "IND-318": "Centres de santé pluriprofessionnels",
    "IND-589": "Population couverte par une CPTS",
    "IND-312": "Patients en ALD ayant un médecin traitant",
    "IND-587": "Population couverte par le Service d'accès aux soins (SAS)",
}
COUV_INDICATOR_SHORT = {
    "IND-311": "MSP",
    "IND-318": "Centres de santé",
    "IND-589": "Couverture CPTS",
    "IND-312": "ALD avec médecin traitant",
    "IND-587": "Couverture SAS",
}
COUV_SCHEDULE_LABEL = "Échéance des objectifs"
COUV_SCHEDULE_LABELS = {
    "barometre": "Baromètre : déc. 2026",
    "plan_2023": "Plan de juin 2023 : 4 000 MSP fin 2027",
}
COUV_SCHEDULE_SOURCES = {
    "barometre": (
        "Baromètre des résultats de l'action publique (DITP) : objectifs à fin 2026 pour chaque territoire "
        "(MSP annoncées le 17/03/2023 pour fin 2026)."
    ),
    "plan_2023": (
        "Plan du Gouvernement de juin 2023 pour l'accès aux soins : 4 000 MSP d'ici fin 2027. "
        "Seule l'échéance des MSP change ; les valeurs cibles restent celles du baromètre."
    ),
}
COUV_SCHEDULE_HELP = (
    "Les sources ne donnent pas la même échéance : le baromètre fixe fin 2026, le plan gouvernemental de juin 2023 "
    "dit fin 2027 pour les 4 000 MSP. Le choix change le rythme nécessaire et le tracé de l'objectif."
)
COUV_SOURCE = "Source : Baromètre des résultats de l'action publique (DITP), extraction du 17/10/2024, Licence Ouverte"
COUV_SOURCE_SHORT = "Baromètre des résultats (DITP), données au {date}"
COUV_CHART_SOURCE = "Source : Baromètre des résultats de l'action publique (DITP), extraction du 17/10/2024"
# In a figure, the source on short lines: the chart may be half the page wide.
COUV_CHART_SOURCE_LINES = ("Source : Baromètre des résultats de l'action publique (DITP),", "extraction du 17/10/2024")
COUV_SCHEDULE_NOTES = {"barometre": "", "plan_2023": "Échéance des MSP : plan du Gouvernement de juin 2023 (fin 2027)."}
COUV_NO_DATA = "Pas de donnée du baromètre pour ce territoire."
COUV_NO_TARGET = "Pas d'objectif chiffré pour ce territoire."
COUV_SECONDARY_HEADER = "Indicateurs complémentaires"
COUV_SAS_NOTE = "Le baromètre ne publie le SAS qu'au niveau national ; les valeurs départementales du fichier sont données à titre indicatif."

# Standing, one indicator
COUV_METRIC_LAST = "Valeur en {date}"
COUV_TARGET_LINE = "Objectif : **{target}** en {date}"
COUV_RATE_LINE = "Taux d'avancement officiel : **{rate}**"
COUV_RATE_HELP = (
    "Taux d'avancement du baromètre : part du chemin parcouru depuis la valeur initiale ({initial}, {date}) "
    "jusqu'à la cible, borné entre 0 et 100 %."
)
COUV_PACE_REQUIRED = "Rythme nécessaire : **{pace}** par an d'ici {date}"
COUV_PACE_OBSERVED = "Rythme observé : **{pace}** par an ({start} → {end})"
COUV_PACE_NONE = "Rythme observé : trop peu de mesures"
COUV_PROJ_REACHED = "À ce rythme, objectif atteint en **{year}**"
COUV_PROJ_NOT_REACHED = "À ce rythme : **non atteint en {year}**"
COUV_PROJ_DONE = "Objectif **déjà atteint** ({date})"
COUV_ON_TRACK = "dans les temps"
COUV_LATE = "en retard sur le rythme nécessaire"
COUV_PACE_UNITS = {False: "{value}", True: "{value} pt"}

# Tabs
COUV_TAB_TRAJ = "Trajectoires"
COUV_TAB_COMPARE = "Comparaison"
COUV_TAB_MAP = "Carte des départements"
COUV_TAB_RANK = "Classement"
COUV_TAB_CHECK = "Calculé ou officiel"
COUV_TABS_KEY_HELP = "Onglet affiché"

# Charts
COUV_TRACE_OBSERVED = "Valeurs du baromètre"
COUV_TRACE_INITIAL = "Valeur initiale"
COUV_TRACE_TARGET = "Objectif"
COUV_TRACE_REQUIRED = "Rythme nécessaire"
COUV_TRACE_PROJECTION = "Rythme observé prolongé"
COUV_TRAJ_TITLE = "{label}"
COUV_TRAJ_SUBTITLE = "{territory} · {outcome}"
COUV_AXIS_RATE = "Taux d'avancement (%)"
COUV_BULLET_TITLE = "Taux d'avancement vers l'objectif — {territory}"
COUV_BULLET_NOTE = "Trait noir : avancement attendu à la date de la dernière mesure si l'on suivait la ligne droite de la valeur initiale à l'objectif."
COUV_COMPARE_TITLES = [
    "Taux d'avancement : {territory}",
    "Taux d'avancement : {territory} et la France",
    "Taux d'avancement : {territory}, sa région et la France",
]
COUV_COMPARE_CAPTION = "Taux d'avancement officiels (dernière mesure de chaque territoire)."
COUV_HOVER_POINT = "{territory}<br>{date} : <b>{value}</b>"
COUV_HOVER_TARGET = "Objectif {date} : <b>{value}</b>"
COUV_HOVER_REQUIRED = "Rythme nécessaire : {pace} par an"
COUV_HOVER_PROJECTION = "Rythme observé : {pace} par an"

# Map
COUV_MAP_METRIC = "Colorer les départements par le taux d'avancement vers l'objectif, ou par la couverture CPTS"
COUV_MAP_METRICS = {
    "rate:IND-311": "Taux d'avancement — MSP",
    "rate:IND-318": "Taux d'avancement — centres de santé",
    "rate:IND-589": "Taux d'avancement — couverture CPTS",
    "value:IND-589": "Population couverte par une CPTS (%)",
}
COUV_MAP_TITLE = "{metric} par département"
COUV_MAP_HELP = "Cliquez sur un département pour le sélectionner dans toutes les pages (l'adresse de la page change aussi : elle peut être partagée)."
COUV_MAP_HOVER = "<b>{name} ({code})</b><br>{label} : {last} ({date})<br>Objectif : {target}<br>Taux d'avancement : {rate}"
COUV_MAP_OVERSEAS = "Outre-mer (hors échelle)"
COUV_MAP_OVERSEAS_LABELS = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}
COUV_MAP_GEOMETRY = "Fond : IGN Admin Express (COG 2018, simplifié)"

# Ranking
COUV_RANK_INDICATOR = "Objectif"
COUV_RANK_POSITION = "{territory} : **{rank}e sur {total}** départements pour « {label} »."
COUV_RANK_COLUMNS = {
    "rank": "Rang",
    "name": "Département",
    "code": "Code",
    "region": "Région",
    "last_value": "Dernière valeur",
    "last_date": "Date",
    "target_value": "Objectif",
    "target_date": "Échéance",
    "rate": "Taux d'avancement (%)",
    "share_of_target": "Part de l'objectif atteinte (%)",
    "reached_year": "Atteint en (rythme observé)",
}
# On screen the ranking fits the page width (1400 px): short labels, the code beside the name,
# the dates under the table; the CSV keeps every column (COUV_RANK_COLUMNS).
COUV_RANK_SCREEN_COLUMNS = {
    "rank": "Rang",
    "name": "Département",
    "region": "Région",
    "last_value": "Valeur",
    "target_value": "Objectif",
    "rate": "Avancement",
    "share_of_target": "Part atteinte",
    "reached_year": "Atteint en",
}
COUV_RANK_SCREEN_HELP = {
    "last_value": "Dernière valeur publiée (date sous le tableau).",
    "target_value": "Valeur visée à l'échéance (date sous le tableau).",
    "rate": "Taux d'avancement officiel : chemin parcouru de la valeur initiale vers l'objectif.",
    "share_of_target": "Dernière valeur rapportée à l'objectif.",
    "reached_year": "Année où l'objectif serait atteint au rythme des deux dernières années.",
}
COUV_RANK_DATES = "Dernière mesure : {last} ; échéance : {target}. Codes, dates et valeurs brutes dans le CSV."
COUV_RANK_NOT_REACHED = "non atteint en {year}"
COUV_RANK_CAPTION = "Classés par taux d'avancement officiel, puis par part de l'objectif atteinte."

# Computed vs official
COUV_CHECK_HEADER = "Calculé à partir des couches ou officiel — {territory}"
COUV_CHECK_UNAVAILABLE = (
    "Les couches (communes, structures, périmètres de CPTS) ne sont chargées que pour certains départements "
    "({deps}) : choisissez-en un pour comparer le calcul aux chiffres officiels."
)
COUV_CHECK_COLUMNS = ["Indicateur", "Calculé (couches chargées)", "Officiel", "Date et source officielles"]
COUV_CHECK_CPTS_STRICT = "Couverture CPTS stricte (ACI signé / en fonctionnement)"
COUV_CHECK_CPTS_BROAD = "Couverture CPTS large (+ projets)"
COUV_CHECK_MSP = "MSP cartographiées"
COUV_CHECK_CDS = "Centres de santé polyvalents cartographiés"
COUV_CHECK_CPTS_COUNT = "CPTS avec un périmètre chargé"
COUV_CHECK_COVERAGE = "{pct} ({population} hab., {communes} communes sur {total})"
COUV_CHECK_GAP = (
    "Calculée sur les périmètres chargés, la couverture CPTS est de **{strict}** contre **{official}** officiels ({date}) : "
    "l'écart vient des couches, pas du calcul — {cpts_mapped} CPTS sur {cpts_declared} déclarées ont un périmètre chargé "
    "et {msp_mapped} MSP sur {msp_declared} sont cartographiées ; complétez-les dans la page Données "
    "(import FINESS, fichiers de périmètres)."
)
COUV_CHECK_LINK = "Compléter les couches dans la page Données"
COUV_CHECK_CSV_COLUMNS = {
    "indicator": "Indicateur", "computed": "Calculé (couches chargées)", "official": "Officiel", "unit": "Unité",
    "population": "Population couverte (calcul)", "communes": "Communes couvertes (calcul)",
    "communes_total": "Communes du département", "date": "Date officielle", "source": "Source officielle",
}
COUV_CHECK_NOTE = (
    "Une commune couverte par deux CPTS n'est comptée qu'une fois. Population INSEE des communes chargées ; "
    "le baromètre utilise ses propres référentiels, un écart de quelques points reste normal."
)

# Exports
COUV_DOWNLOAD_CSV = "Tableau (CSV pour Excel)"
COUV_DOWNLOAD_HELP = "Séparateur « ; », virgule décimale, UTF-8 : s'ouvre directement dans Excel. Pour l'image du graphique : icône appareil photo en haut à droite du graphique."
COUV_PNG_HINT = "Image PNG du graphique : icône appareil photo au survol du graphique."
COUV_CSV_COLUMNS = {
    "territory": "Territoire",
    "zone": "Code zone",
    "indicator": "Indicateur",
    "date": "Date",
    "value": "Valeur",
    "kind": "Nature",
    "series": "Série",
}
COUV_KIND_LABELS = {
    "mesure": "Mesure du baromètre",
    "initiale": "Valeur initiale du baromètre",
    "objectif": "Objectif",
    "rythme_necessaire": "Rythme nécessaire (calculé)",
    "rythme_observe": "Rythme observé prolongé (calculé)",
}
COUV_ERROR = "Cette partie n'a pas pu être affichée ({detail}). Les autres restent valables."
COUV_SOURCE_LAST = "Dernière mesure : {date}."
COUV_BULLET_NOTE_SHORT = "Trait noir : avancement attendu à cette date sur une ligne droite jusqu'à l'objectif."
COUV_COMPARE_NOTE = "Taux d'avancement officiels, dernière mesure de chaque territoire."
COUV_MAP_SOURCE_EXTRA = "Fond : IGN Admin Express (COG 2018, simplifié) ; outre-mer hors échelle."
COUV_BULLET_COLUMNS = {
    "territory": "Territoire",
    "indicator": "Indicateur",
    "last_value": "Dernière valeur",
    "last_date": "Date de la dernière valeur",
    "initial_value": "Valeur initiale",
    "target_value": "Objectif",
    "target_date": "Échéance",
    "rate": "Taux d'avancement officiel (%)",
    "expected_rate": "Avancement attendu en ligne droite (%)",
}
COUV_DELTA_YEAR = "en un an"
COUV_DELTA_SINCE = "depuis {date}"
COUV_METRIC_HELP = (
    "Dernière valeur publiée par le baromètre ; l'évolution compare à la dernière mesure datant d'au moins un an "
    "(sa date est indiquée : les mesures ne sont pas toutes annuelles)."
)
COUV_TRAJ_CAPTION = (
    "Trait plein : valeurs du baromètre. Losange rouge : objectif. Tirets rouges : rythme nécessaire, en ligne droite "
    "de la dernière valeur à l'objectif. Pointillés orange : rythme des deux dernières années prolongé jusqu'à "
    "l'objectif ou jusqu'en 2030."
)
COUV_SCHEDULE_SOURCE_PREFIX = "Source de l'échéance :"
COUV_CHECK_LINK_FALLBACK = "Pour compléter les couches : page Données (import FINESS, fichiers de périmètres de CPTS)."
COUV_MAP_CSV_COLUMNS = {
    "code": "Code département",
    "name": "Département",
    "region": "Région",
    "last_value": "Dernière valeur",
    "last_date": "Date",
    "target_value": "Objectif",
    "target_date": "Échéance",
    "rate": "Taux d'avancement officiel (%)",
    "rank": "Rang",
}
COUV_CHECK_ROW_SOURCE = "{date}, {source}"
COUV_CHECK_DECLARED = "{value} déclarées ({date}, {source})"
COUV_CHECK_SOURCE_ARS = "ARS Bretagne, webinaire du 19/09/2024"
COUV_CHECK_MSP_VALUE = "{msp} ({sites} sites)"
COUV_RANK_DONE = "déjà atteint"
COUV_DELTA_STABLE = "stable"
COUV_TAB_PROGRESS = "Avancement"
COUV_COMPARE_TABLE = "Tableau des valeurs : territoire, région, France"
COUV_MAP_METRIC_BUTTONS = {
    "rate:IND-311": "Avancement MSP",
    "rate:IND-318": "Avancement centres de santé",
    "rate:IND-589": "Avancement CPTS",
    "value:IND-589": "Couverture CPTS (% de la population)",
}
COUV_MAP_PANEL = (
    "**{name} ({code})**  \n{label} : **{last}** ({date})  \nObjectif : {target} en {target_date}  \n"
    "Taux d'avancement : **{rate}**  \nRang : {rank}e sur {total} départements"
)

"""UI strings of the Fiche territoire page: profile, access to care, gap finder, scenarios."""

from __future__ import annotations

PAGE_FICHE = "Fiche territoire"
FICHE_TITLE = "Fiche territoire"
FICHE_KIND_LABELS = {"commune": "Commune", "epci": "EPCI", "cpts": "CPTS"}
FICHE_PICK_KIND = "Type de territoire"
FICHE_PICK = "Territoire"
FICHE_PICK_HELP = "Tapez un nom pour chercher. La fiche a sa propre adresse (?commune=29232, ?epci=…, ?cpts=…)."
FICHE_UNKNOWN = (
    "Territoire inconnu : « {code} » ({kind}) n'est dans aucun département chargé. Choisissez-en un "
    "ci-dessous."
)
FICHE_HEADER = "{kind} : {name}"
FICHE_SUBTITLE = "Département {dep} · {n} commune(s)"
FICHE_LINK = "Fiche"
FICHE_OPEN = "Ouvrir la fiche territoire"
FICHE_TABS = ["Profil", "Accès aux soins", "Communes et EPCI les plus éloignés", "Scénario"]
FICHE_FRANCE = "France"
FICHE_NA = "n. d."
FICHE_NO_TARGET = "aucune cartographiée"
FICHE_KM2 = "\u00a0km²"
FICHE_DENSITY_UNIT = "\u00a0hab./km²"
FICHE_NA_NOTE = "n. d. pour {level} : {reason}"
FICHE_NA_FRANCE = (
    "les communes de toute la France ne sont pas encore chargées dans l'application ; seuls les chiffres officiels "
    "du Baromètre sont donnés à cette échelle."
)
FICHE_NA_REGION_COMMUNES = "les communes de tous ses départements ne sont pas chargées."
FICHE_NA_REGION_LAYERS = (
    "MSP ou CPTS cartographiées dans une partie seulement de ses départements : un calcul régional sur ces données "
    "serait trompeur."
)
FICHE_COL_INDICATOR = "Indicateur"
FICHE_COL_SOURCE = "Source et date"
FICHE_ROW_POPULATION = "Population"
FICHE_ROW_AREA = "Superficie"
FICHE_ROW_DENSITY = "Densité"
FICHE_ROW_CPTS_MAPPED = "Part de la population dans une CPTS cartographiée (calcul)"
FICHE_ROW_CPTS_OFFICIAL = "Part de la population couverte par une CPTS (officiel)"
FICHE_ROW_MSP_MAPPED = "MSP ouvertes cartographiées (calcul)"
FICHE_ROW_MSP_OFFICIAL = "MSP (officiel)"
FICHE_ROW_CDS_MAPPED = "Centres de santé ouverts cartographiés, tous types (calcul)"
FICHE_ROW_CDS_OFFICIAL = "Centres de santé pluriprofessionnels (officiel)"
FICHE_ACCESS_LABELS = {
    "msp": {
        "mean": "Distance moyenne à la MSP la plus proche, à vol d'oiseau (pondérée par la population)",
        "beyond": "Population à plus de {km} km d'une MSP, à vol d'oiseau",
    },
    "cds": {
        "mean": "Distance moyenne au centre de santé le plus proche, à vol d'oiseau (pondérée par la population)",
        "beyond": "Population à plus de {km} km d'un centre de santé, à vol d'oiseau",
    },
}
ACCESS_COL_TERRITORY = "Territoire"
ACCESS_COLUMNS = {
    "msp": {"mean": "MSP : distance moyenne", "beyond": "MSP : population à plus de {km} km"},
    "cds": {"mean": "Centre de santé : distance moyenne", "beyond": "Centre de santé : population à plus de {km} km"},
}
ACCESS_HEADER = "Accès aux MSP et centres de santé ouverts, à vol d'oiseau"
ACCESS_MAP_NOTE = (
    "La carte de l'onglet Profil colore chaque commune du département par sa distance à la MSP la plus proche."
)
FICHE_SRC_POPULATION = "INSEE, populations légales (COG 2024)"
FICHE_SRC_AREA = "Calcul sur les contours IGN Admin Express (2018), en Lambert-93"
FICHE_SRC_CPTS = "Calcul sur les périmètres de CPTS cartographiés (recensement sourcé et imports)."
FICHE_SRC_MAPPED = (
    "Structures cartographiées ouvertes (recensement sourcé et imports) ; un site multiple compte pour "
    "un."
)
FICHE_SRC_BAROMETRE = "Baromètre des résultats de l'action publique, {ind}, {dates} (non publié sous le département)"
FICHE_SRC_ACCESS = "Calcul à vol d'oiseau vers les structures ouvertes cartographiées (méthode sous le tableau)."
FICHE_METHOD_ACCESS = (
    "Distances à vol d'oiseau (Lambert-93 ; projection locale outre-mer) depuis un point intérieur de chaque "
    "commune, où toute sa population INSEE est comptée (aucune grille de population n'est chargée), vers la MSP ou "
    "le centre de santé ouvert cartographié le plus proche ; une structure placée dans la commune compte pour 0 km. "
    "Moyenne pondérée par la population."
)
FICHE_CAVEAT = {
    "msp": "Calculé sur {used} MSP cartographiées sur {declared}.",
    "cds": "Calculé sur {used} centres de santé cartographiés sur {declared}.",
    "cpts": "Calculé sur {used} CPTS cartographiées sur {declared}.",
}
FICHE_CAVEAT_BANNER = (
    "Données cartographiées incomplètes — {caveats} Là où des structures ou des CPTS manquent, les distances réelles "
    "sont plus courtes et la couverture plus large."
)
FICHE_COMPARISON = "Comparaison : territoire, département, région, France"
FICHE_CPTS_HEADER = "CPTS"
FICHE_NO_CPTS = "Aucune CPTS cartographiée ne couvre ce territoire."
FICHE_STRUCTURES_HEADER = "Structures dans le territoire et autour"
FICHE_NO_STRUCTURES = "Aucune structure cartographiée dans le territoire ni à moins de {km} km."
FICHE_COL_KIND = "Type"
FICHE_COL_STATUS = "Statut"
FICHE_COL_INSIDE = "Dans le territoire"
FICHE_COL_NEAR = "À moins de {km} km autour"
FICHE_COL_CPTS = "CPTS"
FICHE_COL_SHARE = "Part de la population du territoire"
FICHE_MAP_HEADER = "Carte : distance à la MSP la plus proche"
FICHE_MAP_CAPTION = (
    "Communes colorées par la distance à vol d'oiseau de leur point intérieur à la MSP ouverte cartographiée la plus "
    "proche ; le territoire est entouré en rose."
)
FICHE_DISTANCE_CLASSES = [
    "moins de 5 km", "5 à 10 km", "10 à 15 km", "15 à 20 km", "plus de 20 km", "aucune MSP cartographiée",
]
FICHE_LEGEND_TITLE = "Distance à la MSP la plus proche"
FICHE_TIP = "{nom} ({code}) — MSP la plus proche : {dist}"
FICHE_TIP_HYPOTHETICAL = "Scénario — non officiel : MSP hypothétique à {commune}"
FICHE_EXPORT_PROFILE = "Exporter la comparaison (CSV)"

# --- Gap finder ----------------------------------------------------------------
GAPS_HEADER = "Communes et EPCI les plus éloignés de l'exercice coordonné ({dep})"
GAPS_CRITERION = "Critère"
GAPS_CRITERIA = {
    "no_cpts": "Sans CPTS cartographiée",
    "msp_10": "À plus de 10 km d'une MSP",
    "msp_20": "À plus de 20 km d'une MSP",
}
GAPS_COMMUNES = "Communes, par population"
GAPS_EPCI = "EPCI, par population concernée"
GAPS_NO_MSP = (
    "Aucune MSP ouverte n'est cartographiée dans ce département : toutes ses communes sont comptées comme éloignées, "
    "sans distance. Importez les MSP (page Données) pour un classement utile."
)
GAPS_NONE = "Aucune commune ne répond à ce critère."
GAPS_COLUMNS = {
    "code": "Code INSEE", "nom": "Commune", "population": "Population", "epci": "EPCI", "cpts": "CPTS",
    "msp_km": "MSP la plus proche (km, à vol d'oiseau)", "msp_name": "Nom de la MSP la plus proche",
    "fiche": "Fiche", "epci_code": "SIREN", "epci_population": "Population de l'EPCI",
    "gap_population": "Population concernée", "gap_share": "Part concernée (%)", "gap_communes": "Communes concernées",
}
GAPS_EXPORT = "Exporter la liste (CSV, Excel français)"
GAPS_EXPORT_EPCI = "Exporter les EPCI (CSV, Excel français)"
GAPS_FILE = "ecarts_{dep}_{criterion}.csv"
GAPS_FILE_EPCI = "ecarts_epci_{dep}_{criterion}.csv"
GAPS_NOTE = "Cliquez sur « Fiche » pour ouvrir la fiche de la commune ou de l'EPCI, avec sa carte."

# --- Scenarios -------------------------------------------------------------------
SCENARIO_LABEL = "Scénario — non officiel"
SCENARIO_INTRO = (
    "Ajoutez des MSP hypothétiques, étendez ou créez un périmètre de CPTS, et comparez avec la situation actuelle. "
    "Le scénario n'est jamais enregistré parmi les couches : il vit dans l'adresse de la page (partageable) "
    "et, si vous le nommez, dans le dossier des scénarios."
)
SCENARIO_ADD_MSP = "MSP hypothétiques (une par commune choisie)"
SCENARIO_PLACEHOLDER = "Choisir des communes (tapez un nom)"
SCENARIO_EXTEND = "CPTS à étendre"
SCENARIO_EXTEND_NONE = "Aucune"
SCENARIO_EXTEND_COMMUNES = "Communes ajoutées à cette CPTS"
SCENARIO_NEW_NAME = "Nouvelle CPTS (nom)"
SCENARIO_NEW_COMMUNES = "Communes de la nouvelle CPTS"
SCENARIO_EMPTY = "Le scénario est vide : ajoutez une MSP ou des communes à une CPTS."
SCENARIO_COMPARE = "Actuel et scénario côte à côte"
SCENARIO_COL_FIGURE = "Indicateur ({dep})"
SCENARIO_COL_CURRENT = "Actuel"
SCENARIO_COL_SCENARIO = "Scénario — non officiel"
SCENARIO_ROWS = {
    "msp_mean": "Distance moyenne à la MSP la plus proche (à vol d'oiseau)",
    "msp_10": "Population à plus de 10 km d'une MSP",
    "msp_20": "Population à plus de 20 km d'une MSP",
    "cpts_cov": "Part de la population dans une CPTS cartographiée",
    "msp_dep": "MSP du département (officiel + hypothétiques)",
    "msp_fr": "MSP en France (officiel + hypothétiques)",
}
SCENARIO_NOTE = (
    "Les MSP hypothétiques sont placées au point intérieur de leur commune et comptées en plus des chiffres officiels "
    "(Baromètre IND-311, {date}) : une MSP existante mais non cartographiée ne doit pas y être ajoutée."
)
SCENARIO_CHART_TITLE = "Progression vers les objectifs — actuel et Scénario — non officiel"
SCENARIO_CHART_AXIS = "Part de l'objectif atteinte (%)"
SCENARIO_CHART_BARS = {
    "msp_dep": "MSP {dep} (objectif {target})",
    "msp_fr": "MSP France (objectif {target})",
    "cpts_dep": "Population dans une CPTS cartographiée, {dep} (objectif 100 %)",
}
SCENARIO_CHART_SOURCE = (
    "Objectifs et valeurs officielles : Baromètre des résultats (IND-311, {date}). Scénario — non "
    "officiel."
)
SCENARIO_MAP_BANNER = "Scénario — non officiel"
SCENARIO_EXPORT = "Exporter la comparaison du scénario (CSV)"
SCENARIO_EXPORT_COLUMN = "Nature des chiffres"
SCENARIO_FILE = "scenario_non_officiel_{name}.csv"
SCENARIO_SAVE_NAME = "Nom du scénario"
SCENARIO_SAVE = "Enregistrer le scénario"
SCENARIO_SAVED = "Scénario « {name} » enregistré. Son adresse le partage aussi."
SCENARIO_LOAD = "Scénarios enregistrés"
SCENARIO_LOAD_BUTTON = "Ouvrir ce scénario"
SCENARIO_SHARE = "Pour partager ce scénario, copiez l'adresse de la page : elle le contient."
SCENARIO_BAD_URL = "Le scénario de l'adresse est illisible ({reason}) : il est ignoré."
SCENARIO_BAD_NAME = (
    "Nom de scénario refusé : lettres, chiffres, espaces, tirets et apostrophes seulement (60 caractères "
    "au plus)."
)
SCENARIO_SAVE_FAILED = "Enregistrement impossible : {reason}"
SCENARIO_ERRORS = {
    "json": "texte non lisible",
    "shape": "forme inattendue",
    "commune": "commune inconnue : {code}",
    "cpts": "CPTS inconnue : {code}",
    "size": "trop d'éléments",
}

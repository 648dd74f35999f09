"""UI strings of the Couverture et objectifs page and its charts."""

from __future__ import annotations

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
# {date}: the shipped snapshot's, or the downloaded copy's (geo.barometer.source_date).
COUV_SOURCE_DATED = "Source : Baromètre des résultats de l'action publique (DITP), extraction du {date}, Licence Ouverte"
# In a figure, the source on short lines: the chart may be half the page wide.
COUV_CHART_SOURCE_LINES = ("Source : Baromètre des résultats de l'action publique (DITP),", "extraction du {date}")
COUV_SCHEDULE_NOTES = {"barometre": "", "plan_2023": "Échéance des MSP : plan du Gouvernement de juin 2023 (fin 2027)."}
COUV_NO_DATA = "Pas de donnée du baromètre pour ce territoire."
COUV_NO_TARGET = "Pas d'objectif chiffré pour ce territoire."
COUV_SECONDARY_HEADER = "Indicateurs complémentaires"
COUV_SAS_NOTE = "Le baromètre ne publie le SAS qu'au niveau national ; les valeurs départementales du fichier sont données à titre indicatif."

# Standing, one indicator
COUV_METRIC_LAST = "Valeur en {date}"
COUV_TARGET_LINE = "Objectif : **{target}** en {date}"
COUV_RATE_LINE = "Taux d'avancement officiel : **{rate}**"
COUV_PACE_REQUIRED = "Rythme nécessaire : **{pace}** par an d'ici {date}"
COUV_PACE_OBSERVED = "Rythme observé : **{pace}** par an ({start} → {end})"
COUV_PACE_NONE = "Rythme observé : trop peu de mesures"
COUV_PROJ_REACHED = "À ce rythme, objectif atteint en **{year}**"
COUV_PROJ_NOT_REACHED = "À ce rythme : **non atteint en {year}**"
COUV_PROJ_DONE = "Objectif **déjà atteint** ({date})"

# Tabs
COUV_TAB_TRAJ = "Trajectoires"
COUV_TAB_MAP = "Carte des départements"
COUV_TAB_RANK = "Classement"
COUV_TAB_CHECK = "Calculé ou officiel"

# Charts
COUV_TRACE_OBSERVED = "Valeurs du baromètre"
COUV_TRACE_INITIAL = "Valeur initiale"
COUV_TRACE_TARGET = "Objectif"
COUV_TRACE_REQUIRED = "Rythme nécessaire"
COUV_TRACE_PROJECTION = "Rythme observé prolongé"
COUV_TRAJ_TITLE = "{label}"
COUV_TRAJ_SUBTITLE = "{territory} · {outcome}"
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
COUV_MAP_OVERSEAS_LABELS = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}

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
COUV_CHECK_SOURCE_BAROMETER = "baromètre {indicator}"
COUV_CHECK_UNITS = {"cpts": "CPTS", "msp": "MSP", "cds": "centres"}
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

"""UI strings of the Carte page (map, filters, legend, commune card, completeness)."""

from __future__ import annotations

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
COMPLETENESS_ENTRY = "**{topic}** : {line}"
LEGEND_TITLE = "Légende"
MAP_SOURCE = (
    "Fonds : IGN Admin Express (COG 2018, simplifié) et COG 2024 (INSEE, via @etalab/decoupage-administratif). "
    "Structures et CPTS : recensement sourcé, une source par ligne (voir chaque fiche)."
)
CARD_POPULATION = "Population (INSEE)"
CARD_CODE = "Code INSEE"
CARD_DENSITY = "Densité"
CARD_DENSITY_VALUE = "{value} hab./km²"
CARD_EMPTY = "–"
LAYER_SEARCHED = "Commune recherchée"
# Popups of the map: the label of each field, by column of the structures and CPTS tables.
POPUP_STRUCTURE_LABELS = {
    "kind": "Type", "label_as_written": "Libellé de la source", "commune": "Commune", "address": "Adresse",
    "status": "Statut", "members": "Équipe", "finess": "FINESS", "position_source": "Position", "source": "Source",
    "notes": "Remarque",
}
POPUP_CPTS_LABELS = {
    "status": "Statut", "nb_communes": "Communes cartographiées", "population": "Population (INSEE)",
    "communes_stated": "Communes annoncées par la source", "date_creation": "Création", "date_aci": "Signature ACI",
    "date_fin": "Fin", "source": "Source", "notes": "Réserves",
}
POPUP_SOURCE = "Source"
POPUP_SOURCE_DATED = ", consultée / datée : {date}"
POPUP_STATUS_UNKNOWN = "Statut inconnu"
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
CARD_TITLE = CARD_HEADER + " : {name}"
CARD_SOURCE = "Population : INSEE (COG), EPCI : COG 2024 ; structures et CPTS : couches chargées dans l'application."
FILTER_NOTHING = "Aucune structure ne correspond aux filtres."
STRUCTURES_SHOWN = "{shown} structures affichées sur {total} chargées."
STRUCTURES_HIDDEN = "(couche Structures masquée)"
CONTROLS_TITLE = "Couches et filtres"
LINK_BAD_VALUE = "La valeur « {value} » du paramètre « {name} » du lien n'est pas reconnue : elle est ignorée."
LINK_BAD_COMMUNE = "La commune « {value} » du lien n'est pas sur cette carte : elle est ignorée."

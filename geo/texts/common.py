"""UI strings shared by every page: the frame, the kinds and statuses of structures."""

from __future__ import annotations

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

# --- Analyst sign-in ---------------------------------------------------------------
SIGNIN_TOO_MANY = "Trop d'essais : réessayez dans {wait}."
SIGNIN_WAIT_SECONDS = "{s} s"
SIGNIN_WAIT_MINUTES = "{m} min"
SIGNIN_WAIT_MINUTES_SECONDS = "{m} min {s} s"

# --- Store that cannot write (read-only folder, full disk, read-only database role) --------------
STORE_CAUSES = {
    "readonly": "le dossier ou le fichier est en lecture seule",
    "full": "le disque est plein",
    "too_large": "la taille maximale de fichier permise est atteinte",
    "io": "le disque refuse l'écriture",
    "rights": "l'utilisateur de la base n'a que le droit de lecture",
}
STORE_CANNOT_SAVE = (
    "Enregistrement impossible dans {path} : {cause}. Les couches déjà enregistrées restent affichées ; "
    "aucun import, retour arrière ni édition ne peut être enregistré tant que ce n'est pas réglé."
)
STORE_SAVE_FAILED = "Enregistrement impossible dans {path} : {cause}. {kept}"
STORE_KEPT_VERSION = ("Rien n'a été écrit : la couche « {layer} » reste à sa version {version}, "
                      "le nouveau contenu n'est pas enregistré.")
STORE_KEPT_NOTHING = "Rien n'a été écrit : la couche « {layer} » n'existe toujours pas dans le magasin."

# --- Links (a mistyped or old URL) ------------------------------------------------------------
LINK_UNKNOWN_PAGE = "La page « {path} » du lien n'existe pas : voici la page {page}."
LINK_UNKNOWN_PARAM = "Le paramètre « {name} » du lien n'est pas reconnu : il est ignoré."
LINK_UNKNOWN_TERRITORY = "Le territoire « {zone} » du lien n'existe pas : affichage de {label}."

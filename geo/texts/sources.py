"""UI strings of the live connectors (geo/sources): network refusals, source checks, changes, CLI and panel."""

from __future__ import annotations

# --- Network ---------------------------------------------------------------------
SOURCES_BAD_SCHEME = "Adresse refusée : seules les adresses http et https sont acceptées (reçu « {scheme}: »)."
SOURCES_HOST_REFUSED = (
    "Adresse refusée : le serveur « {host} » n'est pas une source autorisée "
    "(ajoutez-le à CARTE_SOURCES_HOSTS ou configurez son adresse)."
)
SOURCES_PRIVATE_REFUSED = (
    "Adresse refusée : « {host} » est une adresse privée ou locale ; configurez-la explicitement pour l'utiliser."
)
SOURCES_REDIRECT_REFUSED = "Redirection refusée : {reason}"
SOURCES_TIMEOUT = "Le serveur n'a pas répondu dans le délai de {seconds} s ; réessayez plus tard."
SOURCES_UNREACHABLE = "Serveur injoignable : « {host} » (pas de réseau, ou adresse erronée)."
SOURCES_CUT = "Téléchargement interrompu : la connexion avec « {host} » a été coupée avant la fin du fichier."
SOURCES_SERVER_BUSY = "Le serveur est indisponible ou surchargé (erreur {code}) ; réessayez plus tard."
SOURCES_RETRYING = "Serveur occupé : nouvel essai dans {seconds} s…"
SOURCES_HTTP_STATUS = {
    400: "Requête refusée par le serveur (erreur 400) : l'adresse configurée n'est pas valide ({url}).",
    401: "Accès refusé par le serveur (erreur 401) : la source demande une authentification ({url}).",
    403: "Accès refusé par le serveur (erreur 403) ({url}).",
    404: "Fichier introuvable sur le serveur (erreur 404) : vérifiez l'adresse configurée ({url}).",
    410: "Ce fichier a été retiré par son éditeur (erreur 410) ({url}).",
}
SOURCES_HTTP_OTHER = "Réponse inattendue du serveur (erreur {code}) ({url})."
SOURCES_TOO_BIG = "Fichier trop volumineux : {size} Mo pour un maximum de {max} Mo (CARTE_SOURCES_MAX_MB)."
SOURCES_INFLATED_TOO_BIG = "Fichier décompressé trop volumineux : plus de {max} Mo ; téléchargement abandonné."
SOURCES_HTML_PAGE = (
    "Le serveur a renvoyé une page web au lieu des données (page d'erreur ou de maintenance) : rien n'est importé."
)
SOURCES_DOWNLOADED = "Téléchargement : {mb} Mo reçus"
SOURCES_PARSING = "Lecture et filtrage du fichier…"

# --- Sources ---------------------------------------------------------------------
SOURCES_CATALOGUE_SHAPE = "Réponse du catalogue data.gouv.fr illisible : la liste des fichiers du jeu est absente."
SOURCES_CATALOGUE_EMPTY = "Le catalogue data.gouv.fr ne propose aucun fichier « {word} » dans ce jeu de données."
SOURCES_TRUNCATED = "Fichier tronqué ou illisible (compression ou JSON interrompus) : rien n'est importé."
SOURCES_FINESS_EMPTY = "Le fichier FINESS ne contient aucun établissement (« pmej » vide ou absent)."
SOURCES_FINESS_KEY = (
    "Format FINESS inattendu : aucun établissement n'a le champ « {key} » ; l'éditeur a peut-être renommé ses "
    "colonnes. Rien n'est importé."
)
SOURCES_FINESS_UNKNOWN = "Ce fichier n'est ni un export FINESS+ (JSON) ni une extraction FINESS historique (CSV)."
SOURCES_FINESS_FILTER = (
    "{read} établissements lus, {kept} gardés (catégories 603, 124, 604 du département {dep}, dont {closed} "
    "fermés gardés comme historique) ; {other_cat} d'autres catégories et {other_dep} d'autres départements écartés."
)
SOURCES_GEO_API_NAME = "API Géo : {what} du département {dep}"
SOURCES_GEO_API_SHAPE = "Réponse de l'API Géo illisible pour les {what} : une collection GeoJSON était attendue."
SOURCES_GEO_API_FIELD = "Réponse de l'API Géo inattendue pour les {what} : le champ « {field} » manque."
SOURCES_LAYER_COMMUNES = "Communes API Géo"
SOURCES_LAYER_EPCI = "EPCI API Géo"
SOURCES_LAYER_BAROMETRE = "Baromètre"
SOURCES_BAROMETRE_NAME = "Baromètre des résultats de l'action publique (séries par indicateur)"
SOURCES_BAROMETRE_UNREADABLE = "Fichier du baromètre illisible ou vide : {name}."
SOURCES_BAROMETRE_COLUMNS = (
    "Format du baromètre inattendu dans {name} : colonne(s) {missing} absente(s) (colonnes lues : {found})."
)
SOURCES_WRITE_REFUSED = "Enregistrement refusé : il faut être connecté comme analyste (mot de passe analyste)."
SOURCES_REFUSED_BY_GATE = "Données refusées par la vérification d'import : {reason}"
SOURCES_UNKNOWN_DEPARTEMENT = "Département inconnu : {dep} (disponibles : {available})."
SOURCES_UNKNOWN_SOURCE = "Source inconnue : {source} (sources : {known})."

# --- Changes ---------------------------------------------------------------------
SOURCES_FROM = "Source : {name}, du {date}"
SOURCES_LICENCE = " — licence : {licence}"
SOURCES_NOT_MODIFIED = "Inchangé depuis le dernier téléchargement (le serveur l'a confirmé) : rien à enregistrer."
SOURCES_CHANGES = "Changements dans « {layer} » : {line}"
SOURCES_SUMMARY_ADDED = "+{n} {what}"
SOURCES_SUMMARY_CLOSED = "−{n} fermées"
SOURCES_SUMMARY_REMOVED = "−{n} retirées de la source"
SOURCES_SUMMARY_MOVED = "{n} déplacées de plus de {metres} m"
SOURCES_SUMMARY_CHANGED = "{n} modifiées"
SOURCES_SUMMARY_NOTHING = "aucun changement"
SOURCES_ENTITIES = "entités"
SOURCES_ROWS = "lignes"
SOURCES_SAVE_COMMENT = "Mise à jour depuis les sources officielles : {line}"

# --- Command line ----------------------------------------------------------------
SOURCES_CLI_DESCRIPTION = "Met à jour les couches depuis les sources officielles (FINESS, API Géo, baromètre)."
SOURCES_CLI_SAVED = "✔ Enregistré : version {version} de « {layer} »."
SOURCES_CLI_UNCHANGED = "✔ Rien de nouveau pour « {layer} »."
SOURCES_CLI_NEED_YES = "Rien n'est enregistré : relancez avec --yes pour enregistrer ces changements."
SOURCES_CLI_NO_PASSWORD = (
    "Enregistrement impossible : définissez CARTE_ANALYST_PASSWORD (le mot de passe analyste) pour écrire."
)
SOURCES_CLI_ERROR = "✖ {source} : {message}"
SOURCES_CLI_INTERNAL = "erreur inattendue ({detail})"
SOURCES_CLI_ERROR_DETAIL = "Erreur inattendue pendant la mise à jour ({detail})."
SOURCES_CLI_AUTHOR = "mise à jour automatique"

# --- Données panel ---------------------------------------------------------------
SOURCES_PANEL_TITLE = "Mettre à jour depuis les sources officielles"
SOURCES_PANEL_INTRO = (
    "Télécharge les données publiées par l'État pour le département choisi, les vérifie comme un import, "
    "et montre ce qui change avant tout enregistrement."
)
SOURCES_PANEL_LABELS = {
    "finess": "FINESS (MSP, centres de santé, CPTS)",
    "communes": "Communes et EPCI (API Géo)",
    "barometre": "Baromètre des résultats de l'action publique",
}
SOURCES_PANEL_PICK = "Sources à vérifier"
SOURCES_PANEL_CHECK = "Vérifier les sources"
SOURCES_PANEL_SAVE = "Enregistrer les changements"
SOURCES_PANEL_SAVED = "Enregistré : {what}."
SOURCES_PANEL_NOTHING = "Rien à enregistrer : les sources n'ont pas changé."
SOURCES_PANEL_ANALYST_ONLY = "La mise à jour depuis les sources officielles est réservée aux analystes connectés."

# --- Import screen: replacing a layer is an explicit choice ------------------------------
SOURCES_TARGET_EXISTS = (
    "Une couche « {layer} » existe déjà (version {version}) : l'enregistrement la remplacera par une nouvelle version. "
    "Les changements sont listés ci-dessous."
)
SOURCES_TARGET_REPLACES = "Remplace la version {version} de « {layer} » (l'ancienne reste dans l'historique)."

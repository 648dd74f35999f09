"""French for the chrome that Streamlit, plotly and Leaflet draw themselves, and accessibility texts.

Keys are the libraries' own English strings (Streamlit 1.67, plotly.js 3, Leaflet 1.9), found in
their bundles; values are what the page shows instead.
"""

from __future__ import annotations

# --- Streamlit's own widgets (frame.french_chrome rewrites them in the page) ------------------------
# Whole strings: a text node, a title, an aria-label or a placeholder equal to the key.
STREAMLIT_CHROME: dict[str, str] = {
    "Upload": "Choisir un fichier",
    "Upload directories": "Choisir un dossier",
    "Browse files": "Parcourir",
    "Drag and drop file here": "Glisser-déposer le fichier ici",
    "Drag and drop a file here": "Glisser-déposer un fichier ici",
    "Drag and drop files here": "Glisser-déposer les fichiers ici",
    "Drag and drop directories here": "Glisser-déposer les dossiers ici",
    "Delete": "Supprimer",
    "Remove file": "Retirer le fichier",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Download as CSV": "Télécharger en CSV",
    "Download": "Télécharger",
    "Search": "Rechercher",
    "Clear": "Effacer",
    "Clear all": "Tout effacer",
    "Clear value": "Effacer",
    "Clear date": "Effacer la date",
    "Close": "Fermer",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Copy to clipboard": "Copier dans le presse-papiers",
    "Select a date.": "Choisir une date.",
    "Select a date": "Choisir une date",
    "Choose a date": "Choisir une date",
    "Choose date": "Choisir une date",
    "Previous month.": "Mois précédent.",
    "Next month.": "Mois suivant.",
    "Previous month": "Mois précédent",
    "Next month": "Mois suivant",
    "No results": "Aucun résultat",
    "No options to select.": "Aucun choix possible.",
    "Choose an option": "Choisir",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Zoom in": "Zoomer",
    "Zoom out": "Dézoomer",
    "Connection error": "Connexion perdue",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:":
        "Le serveur de l'application ne répond plus. Rechargez la page dans un instant.",
    "Please wait...": "Veuillez patienter…",
    "Error": "Erreur",
    "Connecting": "Connexion…",
    "Connecting to Streamlit server": "Connexion au serveur de l'application…",
    "Streamlit server is not responding. Are you connected to the internet?":
        "Le serveur de l'application ne répond pas. Vérifiez la connexion au réseau.",
    "Bad message format": "Message du serveur illisible",
    "Page not found": "Page introuvable",
    "Sidebar": "Panneau latéral",
    "Empty": "Vide",
    "Previous": "Précédent",
    "Next": "Suivant",
    "Calendar": "Calendrier",
    "Skip to main content": "Aller au contenu principal",
    "Collapse sidebar": "Replier le panneau latéral",
    "Expand sidebar": "Déplier le panneau latéral",
    "App pages": "Pages de l'application",
    "Link to heading": "Lien vers ce titre",
    "View fewer": "Voir moins",
    "Open": "Ouvrir",
    "Download plot as a PNG": "Télécharger le graphique en PNG",
}
# Labels made of an English head and our own words: "Help for Territoire".
STREAMLIT_CHROME_PREFIXES: dict[str, str] = {
    "Help for ": "Aide : ", "day, ": "jour, ", "month, ": "mois, ", "year, ": "année, ",
}
# Parts of strings: "200MB per file • CSV" and the date picker's months and days.
STREAMLIT_CHROME_PARTS: dict[str, str] = {
    " per file": " par fichier",
    "MB": " Mo",
    "January": "janvier", "February": "février", "March": "mars", "April": "avril", "May": "mai",
    "June": "juin", "July": "juillet", "August": "août", "September": "septembre", "October": "octobre",
    "November": "novembre", "December": "décembre",
    "Monday": "lundi", "Tuesday": "mardi", "Wednesday": "mercredi", "Thursday": "jeudi", "Friday": "vendredi",
    "Saturday": "samedi", "Sunday": "dimanche", "Choose date": "Choisir une date", "Choose": "Choisir",
    "Selected": "Choisi", "Today": "aujourd'hui",
}
# Whole texts inside the date field and its calendar only: the empty segments' placeholders.
STREAMLIT_SCOPED_WHOLE: dict[str, str] = {
    "dd": "jj", "mm": "mm", "yyyy": "aaaa", "month": "mois", "year": "année",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "Flèches pour changer de date, Entrée pour choisir, Échap pour fermer.",
}

# --- plotly.js: the "fr" locale passed in each chart's config (plotly.js ships none in Streamlit's bundle) ---
PLOTLY_FR_DICTIONARY: dict[str, str] = {
    "Autoscale": "Échelle automatique",
    "Box Select": "Sélection rectangulaire",
    "Click to enter Colorscale title": "Cliquer pour titrer l'échelle de couleur",
    "Click to enter Component A title": "Cliquer pour titrer le composant A",
    "Click to enter Component B title": "Cliquer pour titrer le composant B",
    "Click to enter Component C title": "Cliquer pour titrer le composant C",
    "Click to enter Plot title": "Cliquer pour titrer le graphique",
    "Click to enter X axis title": "Cliquer pour titrer l'axe des X",
    "Click to enter Y axis title": "Cliquer pour titrer l'axe des Y",
    "Click to enter radial axis title": "Cliquer pour titrer l'axe radial",
    "Compare data on hover": "Comparer les données au survol",
    "Double-click on legend to isolate one trace": "Double-cliquer sur la légende pour isoler une série",
    "Double-click to zoom back out": "Double-cliquer pour dézoomer",
    "Download plot": "Télécharger le graphique",
    "Download plot as a png": "Télécharger le graphique en PNG",
    "Download plot as a PNG": "Télécharger le graphique en PNG",
    "Edit in Chart Studio": "Modifier dans Chart Studio",
    "IE only supports svg.  Changing format to svg.": "Format SVG utilisé.",
    "Lasso Select": "Sélection au lasso",
    "Orbital rotation": "Rotation orbitale",
    "Pan": "Déplacer",
    "Produced with Plotly.js": "Réalisé avec Plotly.js",
    "Reset": "Réinitialiser",
    "Reset axes": "Réinitialiser les axes",
    "Reset camera to default": "Caméra par défaut",
    "Reset camera to last save": "Dernière caméra enregistrée",
    "Reset view": "Réinitialiser la vue",
    "Reset views": "Réinitialiser les vues",
    "Show closest data on hover": "Donnée la plus proche au survol",
    "Snapshot succeeded": "Image enregistrée",
    "Sorry, there was a problem downloading your snapshot!": "Le téléchargement de l'image a échoué.",
    "Taking snapshot - this may take a few seconds": "Image en cours, quelques secondes…",
    "Toggle Spike Lines": "Lignes de repère",
    "Toggle show closest data on hover": "Donnée la plus proche au survol",
    "Turntable rotation": "Rotation plateau",
    "Zoom": "Zoom",
    "Zoom in": "Zoomer",
    "Zoom out": "Dézoomer",
    "close:": "clôture :",
    "high:": "haut :",
    "low:": "bas :",
    "max:": "max :",
    "mean ± σ:": "moyenne ± σ :",
    "mean:": "moyenne :",
    "median:": "médiane :",
    "min:": "min :",
    "new text": "nouveau texte",
    "open:": "ouverture :",
    "q1:": "q1 :",
    "q3:": "q3 :",
    "source:": "source :",
    "target:": "cible :",
    "trace": "série",
    "upper fence:": "borne haute :",
    "lower fence:": "borne basse :",
}
PLOTLY_FR_FORMAT: dict[str, object] = {
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre"],
    "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "date": "%d/%m/%Y",
    "decimal": ",",
    "thousands": "\u00a0",
}

# --- Accessibility ------------------------------------------------------------------------------
MAP_TABLE_TITLE = "Tableau des structures affichées sur la carte"
MAP_TABLE_EMPTY = "Aucune structure n'est affichée avec ces couches et ces filtres."
MAP_TABLE_COLUMNS: dict[str, str] = {
    "name": "Structure", "kind": "Type", "status": "Statut", "commune": "Commune", "address": "Adresse",
    "source": "Source",
}
MAP_KEYBOARD_HELP = ("Au clavier : Tab parcourt les structures de la carte, Entrée ouvre leur fiche, "
                     "Échap la ferme ; les communes se cherchent par leur nom dans « Rechercher une commune », à droite de la carte.")
POPUP_SOURCE_IMPORTED = "Couche importée par un analyste"
MAP_ARIA_LABEL = "Carte : Tab parcourt les structures, Entrée ouvre leur fiche, Échap la ferme"
A11Y_SPARKLINE = "Courbe d'évolution : {label}"

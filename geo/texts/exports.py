"""UI strings of the exports (map PNG/SVG, stamps, CSV provenance) and of the offline place names."""

from __future__ import annotations

LAYER_PLACES = "Noms de lieux"
EXPORT_MAP_LABELS = {"png": "Carte en PNG", "svg": "Carte en SVG"}
EXPORT_MAP_HELP = (
    "La vue affichée (couches, filtres, coloration), dessinée sans fond de carte à partir de nos contours, "
    "avec titre, légende, source et date : prête pour une diapositive."
)
EXPORT_MAP_FILE = "carte_{dep}.{ext}"
EXPORT_MAP_TITLE = "{title} — {territory}"
EXPORT_DATE_LINE = "Exporté le {date} · {layers}"
EXPORT_LAYERS_NONE = "aucune couche"
EXPORT_LEGEND_SEARCHED = "Commune recherchée : {name}"
EXPORT_FAILED = "L'export n'a pas pu être produit ({detail}). La carte à l'écran n'est pas touchée."
# CSV provenance: the lines above the table, in French Excel's two columns.
CSV_SOURCE = "Source"
CSV_DATE = "Exporté le"
CSV_FILTERS = "Filtres"
CSV_NO_FILTER = "aucun"
CSV_FILTER_ITEM = "{name} : {value}"
CSV_FILTER_TERRITORY = "Territoire"
CSV_FILTER_SCHEDULE = "Échéance des objectifs"
CSV_FILTER_CRITERION = "Critère"
CSV_FILTER_SCENARIO = "Scénario"
CSV_FICHE_SOURCE = (
    "Fiche territoire, Carte de l'exercice coordonné — populations INSEE, objectifs du Baromètre des résultats "
    "de l'action publique (DITP), structures et CPTS relevées une à une (une source par ligne sur la carte)"
)
EXPORT_PREPARING = "Préparation du fichier…"
EXPORT_AGAIN = "Enregistrer à nouveau {name}"

"""Presentation mode (?presentation=1): what a shared screen shows instead of a long page, and the maps' names."""

from __future__ import annotations

# Under a slide: the sources, notes, exports and secondary tables of the part shown, folded.
PRESENT_NOTES = "Sources, notes et exports"
PRESENT_MORE = "Complétude des données et exports"
PRESENT_TRAJ_PICK = "Indicateur affiché"
PRESENT_PROGRESS_PICK = "Vue affichée"
PRESENT_PROGRESS_VIEWS = {"cards": "Objectifs du territoire", "compare": "Comparaison avec la région et la France"}
PRESENT_EPCI_TABLE = "EPCI les plus éloignés, exports et notes"
# A standing card's short label on a shared screen: the indicator and the date of its last value.
PRESENT_METRIC = "{label} — {date}"

# The accessible name of each map's frame (screen readers announce it before entering the map).
MAP_FRAME_TITLE = "Carte interactive : communes, CPTS et structures — {territory}"
MAP_FRAME_TITLE_FRANCE = "Carte interactive : départements colorés par le taux d'avancement MSP — France"
MAP_FRAME_TITLE_REGION = "Carte interactive : communes et départements — {territory}"
MAP_FRAME_TITLE_FICHE = "Carte interactive : distance à la MSP la plus proche — {territory}"
MAP_FRAME_TITLE_SCENARIO = "Carte interactive du scénario : distance à la MSP la plus proche — {territory}"
MAP_FRAME_TITLE_PREVIEW = "Carte interactive : aperçu de la couche importée — {territory}"
MAP_FRAME_TITLE_EDITOR = "Carte interactive : communes du périmètre de CPTS (cliquer pour ajouter ou retirer) — {territory}"

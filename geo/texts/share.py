"""UI strings of shared links and story mode (an analyst's ordered views, played by a presenter)."""

from __future__ import annotations

# --- Links ---------------------------------------------------------------------
LINK_BAD_VALUE = "La valeur « {value} » du paramètre « {name} » du lien n'est pas reconnue : elle est ignorée."

# --- Stories: the presenter ------------------------------------------------------
STORY_STEP = "Histoire « {name} » — étape {step} sur {count}"
STORY_PREVIOUS = "Précédent"
STORY_NEXT = "Suivant"
STORY_KEYS_HELP = "Flèches → et ← du clavier : étape suivante, étape précédente."
STORY_UNKNOWN = "L'histoire « {name} » du lien n'existe pas : la page s'affiche sans elle."
STORY_BAD_STEP = "L'étape « {value} » du lien n'existe pas dans l'histoire « {name} » ({count} étapes) : étape 1."
STORY_UNREADABLE = "Les histoires ne peuvent pas être lues : {detail}"

# --- Stories: the analyst -------------------------------------------------------
STORY_PANEL = "Histoires"
STORY_SIGN_IN_FIRST = "Pour enregistrer la vue dans une histoire, connectez-vous comme analyste (page Données)."
STORY_NAME = "Nom de l'histoire"
STORY_NAME_HELP = "Une histoire existante reçoit la vue comme étape suivante ; un nouveau nom crée l'histoire."
STORY_TITLE = "Titre de l'étape"
STORY_CAPTION = "Légende de l'étape"
STORY_SAVE = "Ajouter la vue à l'histoire"
STORY_SAVED = "Étape {step} ajoutée à « {name} » (version {version})."
STORY_LIST = "Histoires enregistrées :"
STORY_LIST_ITEM = "[{name}]({link}) — {count} étapes, version {version}"
STORY_NONE = "Aucune histoire enregistrée."

# --- Stories: what is refused ------------------------------------------------------
STORY_NAME_EMPTY = "Donnez un nom à l'histoire."
STORY_NAME_INVALID = ("Le nom d'une histoire tient en {max} caractères : lettres, chiffres, espaces, tirets, points "
                      "ou apostrophes.")
STORY_TITLE_EMPTY = "Donnez un titre à l'étape."
STORY_TOO_LONG = "{what} dépasse {max} caractères."
STORY_TITLE_WHAT = "Le titre"
STORY_CAPTION_WHAT = "La légende"
STORY_BAD_PAGE = "La page « {page} » n'existe pas."
STORY_TOO_MANY_STEPS = "Une histoire compte au plus {max} étapes."
STORY_DAMAGED = "L'histoire « {name} » enregistrée est illisible : {detail}"
STORY_AUTHOR = "Votre nom"
STORY_AUTHOR_EMPTY = "Indiquez votre nom : il accompagne la version enregistrée."

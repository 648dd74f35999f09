"""UI strings of the Données page: import report, refusals, store, editor."""

from __future__ import annotations

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
DIFF_ENTITY = "entité {n}"  # an entity with neither id nor name, by its rank in the file
SIZE_BYTES = "{n} o"
SIZE_KB = "{n} Ko"
SIZE_MB = "{n} Mo"
GEOMETRY_POINTS = "points"
GEOMETRY_POLYGONS = "polygones"
REMOTE_LINK_CRS = "« crs » de type « link »"
UNNAMED = "(sans nom)"
KIND_COLUMN_MISSING = "(colonne type absente)"
JSON_POSITION = "ligne {line}, colonne {column}"
JSON_ERROR_AT = "ligne {line}, colonne {column} : {what}"
JSON_ENCODING = "encodage"
FINESS_LEGACY_LABEL = "FINESS (extraction Etalab)"
FINESS_PLUS_LABEL = "FINESS+ (export Structures)"
IMPORTS_CLI_DESCRIPTION = "Vérifie un fichier à importer."
IMPORTS_CLI_LAYER_HELP = "couche à lire dans un GeoPackage ou un zip à plusieurs Shapefiles"
IMPORTS_CLI_UNREADABLE = "✖ Fichier introuvable ou illisible : {path} ({reason})"
DONNEES_REPLACES_SHIPPED = "{n} structure(s) importée(s) remplaceront des structures livrées (même n° FINESS, ou même type, commune et nom)."
DONNEES_FEATURES_TABLE = "Entités retenues"
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
DONNEES_EDITOR_CLICK = "Cliquez une commune sur la carte pour l'ajouter au périmètre ou l'en retirer."
DONNEES_EDITOR_SAVE = "Enregistrer le périmètre (nouvelle version)"
DONNEES_EDITOR_SAVED = "Périmètre de « {name} » enregistré : version {version} de la couche « {layer} »."
DONNEES_EDITOR_SUMMARY = "{n} commune(s), {pop} habitants."
DONNEES_EDITOR_OVERLAP = "Communes déjà dans une autre CPTS : {names}."
DONNEES_EDITOR_NAME_MISSING = "Donnez un nom à la CPTS."
DONNEES_EDITOR_NO_COMMUNE = "Choisissez au moins une commune."
DONNEES_EDITOR_DATES_ORDER = "La date de fin précède la date de création : corrigez les dates."
DONNEES_EDITOR_LAYER = "Éditions de périmètres CPTS"
DONNEES_EDITOR_SOURCE = "Édition dans l'application ({author})"
DONNEES_AUTHOR_MISSING = "Indiquez votre nom : il est enregistré avec la version."
DONNEES_ERROR = "L'opération n'a pas abouti : {message}"
DONNEES_DEFAULT_LAYER = {"structures": "Structures importées", "cpts": "Périmètres CPTS importés", "layer": "Couche libre"}

# Report lines (shared by the page and `python -m geo.imports`).
REPORT_FILE = "Fichier : {name} ({size}) — format reconnu : {format}."
REPORT_READ = "{n} entité(s) lue(s)."
REPORT_KEPT = "{n} entité(s) retenue(s)."
REPORT_ENCODING = "Encodage : {encoding} ; séparateur : « {sep} »."
REPORT_ENCODING_TEXT = "Encodage : {encoding}."
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
    "{source} : {read} établissement(s) lu(s) ; gardés : catégories 603, 124 et 604 du département {dep}, dont "
    "{closed} fermé(s) gardé(s) comme historique (pas dessiné(s) comme ouvert(s)) ; écartés : {other_cat} d'autres "
    "catégories, {other_dep} d'autres départements."
)
REPORT_FINESS_NO_POSITION = "{n} établissement(s) FINESS sans géolocalisation : placé(s) dans leur commune."
REPORT_OVERLAPS = "{n} commune(s) revendiquée(s) par deux CPTS ou plus : {names}."
REPORT_GAPS = "{n} commune(s) du département dans aucune CPTS (après import) : {names}."
REPORT_NO_OVERLAP = "Aucune commune revendiquée par deux CPTS."
REPORT_CPTS = "{n} CPTS, {communes} commune(s) rattachée(s)."
REPORT_CPTS_POLYGON_RULE = "Une commune est rattachée à une CPTS quand au moins la moitié de sa surface est dans le périmètre."
REPORT_CPTS_WITHOUT_COMMUNE = "{n} CPTS sans aucune commune du département : {names}."
REPORT_LAYERS = "Couches présentes dans le fichier : {names} ; couche lue : {layer}."
REPORT_MOJIBAKE = "Des caractères semblent mal décodés (« Ã© ») : le fichier a peut-être été converti deux fois ; vérifiez l'encodage."
REPORT_DECOMPRESSED = (
    "Décompressé : {produced} (limites : {max_mb} Mo au total, et pas plus de {ratio} fois la taille du fichier "
    "au-delà de {floor_mb} Mo)."
)
REPORT_FINESS_NO_NUMBER = "{n} ligne(s) sans numéro FINESS, importée(s) sans identifiant (jamais fusionnées entre elles)."
REPORT_NON_FINITE = "{n} valeur(s) numérique(s) infinie(s) (inf) ou indéfinie(s) (NaN) dans {columns} : enregistrée(s) vide(s)."
REPORT_UNREPAIRABLE = "{n} géométrie(s) illisible(s) ou irréparable(s), entité(s) écartée(s) : {where}."
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
REFUSE_BOMB_RATIO = (
    "Le fichier ({size}) se décompresse en plus de {produced} : plus de {ratio} fois sa taille au-delà de "
    "{floor_mb} Mo, comme une bombe de décompression. Refusé par sécurité : envoyez le fichier non compressé."
)
REFUSE_NESTED = "Archive dans une archive (zip ou gzip imbriqués) : refusée par sécurité. Envoyez le fichier lui-même, zippé une seule fois."
REFUSE_ZIP_LINK = "L'archive contient un lien symbolique ({member}), refusé par sécurité : zippez les fichiers eux-mêmes."
REFUSE_ZIP_SEVERAL_FILES = "L'archive contient plusieurs fichiers de données ({names}) : zippez un seul fichier par import."
REFUSE_SHP_PART = (
    "Le Shapefile est refusé : {member} devrait être {expected}, mais son contenu est {found}. "
    "Exportez à nouveau la couche en Shapefile depuis votre logiciel SIG."
)
SHP_PART_LABELS = {".shp": "un fichier de géométries Shapefile (.shp)", ".shx": "un index Shapefile (.shx)",
                   ".dbf": "une table dBase (.dbf)", ".prj": "une projection en WKT (.prj)",
                   ".cpg": "le nom d'un encodage (.cpg)"}
CONTENT_EMPTY = "vide"
CONTENT_XML = "du XML (par exemple un VRT GDAL)"
CONTENT_JSON = "du JSON (par exemple un pipeline GDALG)"
CONTENT_TEXT = "du texte"
CONTENT_OTHER = "d'un autre format"
REFUSE_DRIVER_MISMATCH = (
    "Le contenu du fichier ne correspond pas à son format : il a l'allure d'un {expected}, mais GDAL y reconnaît "
    "{found}. Refusé par sécurité : exportez à nouveau la couche en {expected}."
)
GDAL_FORMAT_LABELS = {"GeoJSON": "GeoJSON", "ESRI Shapefile": "Shapefile", "GPKG": "GeoPackage", "KML": "KML"}
REFUSE_GDAL_UNSAFE = (
    "Import fermé sur ce serveur : la bibliothèque GDAL a été chargée avant la configuration de sécurité "
    "et pourrait lire des fichiers du serveur. Signalez-le à l'administrateur (redémarrer l'application suffit)."
)
REFUSE_GPKG_CODE = (
    "Ce GeoPackage contient du code SQL ({what}) : un GeoPackage importé ne doit contenir que des tables. "
    "Exportez la couche dans un nouveau GeoPackage (QGIS : « Exporter > Sauvegarder les entités sous »)."
)
GPKG_VIEW = "la vue « {name} »"
GPKG_TRIGGER = "le déclencheur « {name} »"
GPKG_VIRTUAL = "la table virtuelle « {name} »"
GPKG_GENERATED = "une colonne calculée dans « {name} »"
REFUSE_GPKG_SLOW = "L'examen du GeoPackage a dépassé {seconds} s : fichier refusé par sécurité. Exportez la couche dans un nouveau GeoPackage."
REFUSE_GPKG_TOO_MANY = "Ce GeoPackage déclare plus de {max} objets (tables, index…) : exportez seulement la couche à importer."
REFUSE_CPTS_NO_NAME = "{n} CPTS sans nom ({where}) : chaque CPTS doit avoir un nom. Complétez la colonne nom et importez à nouveau."
ENCODING_UTF8 = "UTF-8"
ENCODING_LATIN1 = "Latin-1 (ISO-8859-1 / Windows-1252)"
ENCODING_CONVERTED = "Latin-1 / Windows-1252 (pas UTF-8) : converti en UTF-8, vérifiez les accents dans l'aperçu"
ROW_LINE = "ligne {n}"
ROW_FEATURE = "entité n° {n}"
# GDAL, json and pandas speak English: their errors are said in French (pattern -> wording), never passed through.
GDAL_ERRORS = {
    "not recognized as being in a supported file format": "GDAL n'y reconnaît aucun format autorisé",
    "failed to read geojson": "GeoJSON mal formé",
    "no such file": "fichier introuvable",
    "unable to open": "ouverture impossible",
    "corrupt": "fichier abîmé",
    "not a shapefile": "Shapefile abîmé",
    "dbf": "table .dbf abîmée",
}
GDAL_ERROR_OTHER = "erreur de lecture"
JSON_ERRORS = {
    "Expecting value": "valeur attendue", "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Expecting property name enclosed in double quotes": "nom de propriété entre guillemets attendu",
    "Unterminated string": "texte entre guillemets jamais refermé", "Extra data": "texte en trop après la fin",
    "Invalid control character": "caractère de contrôle interdit", "Invalid \\escape": "barre oblique inverse invalide",
}
JSON_ERROR_OTHER = "syntaxe invalide"
CSV_ERROR_OTHER = "structure des lignes incohérente"
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
STORE_NO_RESULT = "Le magasin de données ({path}) n'a rien renvoyé là où il renvoie toujours un résultat : il est peut-être endommagé."

# What the store writes for an analyst reading it elsewhere (the history, QGIS's layer descriptions).
STORE_ROLLBACK_COMMENT = "Retour à la version {version}"
STORE_FEATURES_DESCRIPTION = "Toutes les versions de toutes les couches (colonne version_id)"
STORE_CURRENT_DESCRIPTION = "La version courante de chaque couche"

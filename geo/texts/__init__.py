"""Everything a user reads, in French, in one package; tests import the exact labels from here.

formats     numbers and dates the French way (933 455 ; 80,0 % ; 30/06/2024)
html        escaping of text from files and users (HTML, Markdown)
common      the frame and the kinds and statuses every page names
carte, couverture, donnees, fiche   one module of UI strings per page
share       shared links and story mode

Callers write ``texts.NAME``: this package re-exports every string and formatter,
so a wording change stays one edit in one of the modules above.
"""

from __future__ import annotations

from geo.texts.a11y import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.carte import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.common import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.couverture import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.donnees import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.exports import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.fiche import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.formats import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.france import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.html import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.presenting import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.share import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME
from geo.texts.sources import *  # noqa: F403 — one namespace, texts.NAME, whatever module holds NAME

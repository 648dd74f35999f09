"""Shared links (URL path and parameters): what a mistyped or old link asked for that the app does not know.

The app still opens — on the page asked for, else the default page — and says in French what it ignored.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from geo import texts

TERRITORY_PARAM = "territoire"
# Every parameter a page reads or writes: the frame's, the Couverture widgets bound to the URL, the Fiche's
# territory and scenario, and the names the shared view uses (map state, tab, story) so a link made by a
# newer version of the app is not reported as wrong.
KNOWN_PARAMS = (TERRITORY_PARAM, "presentation", "vue", "echeance", "commune", "epci", "cpts", "scenario",
                "onglet", "couches", "filtres", "couleur", "centre", "zoom", "histoire", "etape")
MAX_SHOWN = 40  # characters of a link's value quoted back (the visitor's own text)


def unknown_path(path: str, base: str, known: Collection[str]) -> str | None:
    """The page a URL path names when the app has no such page (None: a known page or the root).

    >>> unknown_path("/carte", "", ["carte", "couverture"]) is None
    True
    >>> unknown_path("/app/inconnu/", "app", ["carte"])
    'inconnu'
    """
    path, base = path.strip("/"), base.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path if path and path not in known else None


def unknown_params(params: Mapping[str, object]) -> list[str]:
    """Parameters of the link no page reads, in the link's order.

    >>> unknown_params({"territoire": "D29", "dep": "999"})
    ['dep']
    """
    return [name for name in params if name not in KNOWN_PARAMS]


def shown(value: str) -> str:
    """A value from the link, cut short and escaped for a Markdown notice.

    >>> print(shown("[x](y)"))
    \\[x\\]\\(y\\)
    """
    value = str(value)
    return texts.md_escape(value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…")


def link_notices(params: Mapping[str, str], zones: Collection[str], default_label: str) -> list[str]:
    """French notices for what the link asked and the app ignores: unknown parameters, an unknown territory.

    >>> link_notices({"territoire": "D999"}, ["D29"], "29 – Finistère")
    ["Le territoire « D999 » du lien n'existe pas : affichage de 29 – Finistère."]
    """
    notices = [texts.LINK_UNKNOWN_PARAM.format(name=shown(name)) for name in unknown_params(params)]
    zone = params.get(TERRITORY_PARAM)
    if zone is not None and zone not in zones:
        notices.append(texts.LINK_UNKNOWN_TERRITORY.format(zone=shown(zone), label=default_label))
    return notices

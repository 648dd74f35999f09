"""The data.gouv.fr catalogue (API v1): a dataset's listing -> the file to download, its date and licence."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from geo import texts
from geo.sources.http import Client, SourceError

DATE_IN_NAME = re.compile(r"(20\d{2})(\d{2})(\d{2})?")


@dataclass(frozen=True)
class Resource:
    """The file a source points at: where it is, how it is called, and what the catalogue says about it."""

    url: str
    name: str
    date: str = ""  # ISO date, from the file's name or the catalogue's last_modified
    licence: str = ""


def is_catalogue(url: str) -> bool:
    return "/api/1/datasets/" in url


def _name_date(name: str) -> str:
    match = DATE_IN_NAME.search(name)
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{month}-{day or '01'}"


def pick(listing: object, word: str, formats: tuple[str, ...]) -> Resource:
    """The newest resource whose name holds `word` and whose format is one of `formats`."""
    if not isinstance(listing, dict) or not isinstance(listing.get("resources"), list):
        raise SourceError(texts.SOURCES_CATALOGUE_SHAPE)
    candidates = []
    for item in listing["resources"]:
        if not isinstance(item, dict) or not item.get("url"):
            continue
        name = str(item.get("title") or str(item["url"]).rsplit("/", 1)[-1])
        fmt = str(item.get("format") or "").lower()
        if word in name.lower() and (fmt in formats or name.lower().endswith(formats)):
            # The date in the name first (the catalogue's own date moves when metadata is edited).
            key = (_name_date(name), str(item.get("last_modified") or ""))
            candidates.append((key, name, str(item["url"])))
    if not candidates:
        raise SourceError(texts.SOURCES_CATALOGUE_EMPTY.format(word=word))
    (name_date, modified), name, url = max(candidates)
    return Resource(url=url, name=name, date=name_date or modified[:10], licence=str(listing.get("license") or ""))


def resolve(client: Client, url: str, words: tuple[str, ...], formats: tuple[str, ...]) -> Resource:
    """A catalogue URL -> its newest file named with the first of `words` it has; a direct file URL -> itself."""
    if not is_catalogue(url):
        name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return Resource(url=url, name=name, date=_name_date(name))
    raw = client.get_bytes(url)
    try:
        listing = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise SourceError(texts.SOURCES_CATALOGUE_SHAPE) from None
    for word in words[:-1]:
        try:
            return pick(listing, word, formats)
        except SourceError:
            continue
    return pick(listing, words[-1], formats)

"""Stories: an analyst's ordered views (a page and its link's parameters) with a title and a caption each,
which a presenter steps through (``?histoire=NAME&etape=N``).

A story is kept with the layers (geo.store.stories) and versioned: adding a step saves a new version of the
whole story, none is ever overwritten.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from geo import links, texts

# Pages a step can show, as their URL paths ("" is the map, at the app's root).
PAGES = ("", "couverture", "fiche")
MAX_NAME = 60
MAX_TITLE = 80
MAX_CAPTION = 300
MAX_STEPS = 50
_NAME = re.compile(r"[\w][\w .'’-]*")


class StoryError(ValueError):
    """A story or step the app refuses, with a French message for the page."""


@dataclass(frozen=True)
class Step:
    page: str
    params: Mapping[str, str]
    title: str
    caption: str = ""

    def link(self, story: str, number: int) -> str:
        """The step's address from any page of the app (pages are one segment under its root): its page, its
        view, the story and the step's number.

        >>> Step("couverture", {"territoire": "D29"}, "T").link("Bretagne", 2)
        './couverture?territoire=D29&histoire=Bretagne&etape=2'
        """
        return "./" + self.page + "?" + urlencode({**self.params, links.STORY_PARAM: story, links.STEP_PARAM: str(number)})


@dataclass(frozen=True)
class Story:
    name: str
    steps: tuple[Step, ...] = ()
    version: int = 0
    author: str = ""
    created_at: str = ""

    def with_step(self, step: Step) -> Story:
        if len(self.steps) >= MAX_STEPS:
            raise StoryError(texts.STORY_TOO_MANY_STEPS.format(max=MAX_STEPS))
        return Story(self.name, (*self.steps, step), self.version)


def check_name(name: str) -> str:
    """The story's name, trimmed and NFC-normalised; refused when empty, too long or with other characters.

    >>> check_name("  Bretagne 2025 ")
    'Bretagne 2025'
    """
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise StoryError(texts.STORY_NAME_EMPTY)
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise StoryError(texts.STORY_NAME_INVALID.format(max=MAX_NAME))
    return name


def _checked_text(text: str, limit: int, what: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        raise StoryError(texts.STORY_TOO_LONG.format(what=what, max=limit))
    return text


def make_step(page: str, params: Mapping[str, str], title: str, caption: str = "") -> Step:
    """A step showing `page` with the view of `params` (where a presenter is — story, step — is dropped)."""
    if page not in PAGES:
        raise StoryError(texts.STORY_BAD_PAGE.format(page=links.shown(page)))
    title = _checked_text(title, MAX_TITLE, texts.STORY_TITLE_WHAT)
    if not title:
        raise StoryError(texts.STORY_TITLE_EMPTY)
    return Step(page, links.view_of(params), title, _checked_text(caption, MAX_CAPTION, texts.STORY_CAPTION_WHAT))


def step_index(value: str | None, story: Story) -> tuple[int, str | None]:
    """(0-based index of the step the link asks for, a French notice when it has no such step: the first one).

    >>> story = Story("S", (Step("", {}, "a"), Step("", {}, "b")))
    >>> step_index("2", story), step_index(None, story)
    ((1, None), (0, None))
    >>> step_index("9", story)[0]
    0
    """
    if value is None:
        return 0, None
    if value.isdigit() and 1 <= int(value) <= len(story.steps):
        return int(value) - 1, None
    return 0, texts.STORY_BAD_STEP.format(value=links.shown(value), name=links.shown(story.name),
                                          count=len(story.steps))


def to_json(steps: tuple[Step, ...]) -> str:
    return json.dumps([{"page": s.page, "params": dict(s.params), "title": s.title, "caption": s.caption}
                       for s in steps], ensure_ascii=False)


def from_json(name: str, text: str) -> tuple[Step, ...]:
    """The steps as saved; each is checked again (a hand-edited table must not open a page that does not exist)."""
    try:
        rows = json.loads(text)
        return tuple(make_step(str(r["page"]), {str(k): str(v) for k, v in r["params"].items()}, str(r["title"]),
                               str(r.get("caption", ""))) for r in rows)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoryError(texts.STORY_DAMAGED.format(name=links.shown(name), detail=links.shown(str(exc)))) from exc

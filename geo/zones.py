"""Territory codes: parse, format, parent — the one place that knows how a code is spelled.

The baromètre names its zones "FRANCE", "R53" (région), "D29" (département);
the geography names communes by their INSEE code (5 characters, Corsica
"2A004", overseas "97411"), EPCI by their SIREN (9 digits) and our CPTS by
a derived id ("C-" + 10 hex digits, see geo.territories.cpts_id).

>>> parse("D29")
Zone(level='departement', code='29')
>>> parse("D2A").id, parse("R53").id, parse("FRANCE").id
('D2A', 'R53', 'FRANCE')
>>> parse("97411").parent()
Zone(level='departement', code='974')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Level = Literal["france", "region", "departement", "commune", "epci", "cpts"]

NATIONAL = "FRANCE"

# Départements: 01-19, 21-95 (20 became 2A and 2B in 1976), Corsica, overseas 971-976.
_DEP = r"(?:0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2[AB]|97[1-6])"
_PATTERNS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    ("france", re.compile(NATIONAL)),
    ("region", re.compile(r"R(\d{2})")),
    ("departement", re.compile(rf"D({_DEP})")),
    ("commune", re.compile(r"((?:\d{2}|2[AB])\d{3})")),
    ("epci", re.compile(r"(2\d{8})")),  # EPCI SIRENs start with 2 (public bodies)
    ("cpts", re.compile(r"(C-[0-9a-f]{10})")),
)
_PREFIX: dict[Level, str] = {"region": "R", "departement": "D"}


class ZoneError(ValueError):
    """A territory code that follows none of the known spellings."""


@dataclass(frozen=True)
class Zone:
    """A territory: its level and its code within that level ("29" for the département D29)."""

    level: Level
    code: str = ""

    @property
    def id(self) -> str:
        """The code as written in URLs and the baromètre's files.

        >>> Zone("departement", "29").id, Zone("commune", "2A004").id
        ('D29', '2A004')
        """
        if self.level == "france":
            return NATIONAL
        return _PREFIX.get(self.level, "") + self.code

    def __str__(self) -> str:
        return self.id

    def parent(self, region_of: Mapping[str, str] | None = None) -> Zone | None:
        """The enclosing zone: commune -> département; département -> région (needs `region_of`,
        département code -> région code); région -> France; France, EPCI and CPTS (which cross
        borders) -> None.

        >>> parse("D29").parent({"29": "53"}), parse("R53").parent(), parse("D29").parent()
        (Zone(level='region', code='53'), Zone(level='france', code=''), None)
        """
        if self.level == "commune":
            return departement(departement_of_commune(self.code))
        if self.level == "departement" and region_of is not None and self.code in region_of:
            return region(region_of[self.code])
        if self.level == "region":
            return FRANCE
        return None

    def children(self, region_of: Mapping[str, str]) -> list[Zone]:
        """The départements of a région (or every région of France), from `region_of` (département -> région).

        >>> FRANCE.children({"29": "53", "22": "53", "75": "11"})
        [Zone(level='region', code='11'), Zone(level='region', code='53')]
        >>> region("53").children({"29": "53", "22": "53", "75": "11"})
        [Zone(level='departement', code='22'), Zone(level='departement', code='29')]
        """
        if self.level == "france":
            return [region(code) for code in sorted(set(region_of.values()))]
        if self.level == "region":
            return [departement(dep) for dep in sorted(d for d, r in region_of.items() if r == self.code)]
        return []


FRANCE = Zone("france")


def parse(text: str) -> Zone:
    """The zone a code names; ZoneError when it names none.

    >>> parse("242900314"), parse("C-0123456789")
    (Zone(level='epci', code='242900314'), Zone(level='cpts', code='C-0123456789'))
    >>> parse("D20")
    Traceback (most recent call last):
    ...
    geo.zones.ZoneError: D20
    """
    value = str(text).strip()
    for level, pattern in _PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return Zone(level, match.group(1) if match.groups() else "")
    raise ZoneError(value[:40])


def level_of(text: str) -> Level | None:
    """The level of a code, None when it is not one.

    >>> level_of("R53"), level_of("29019"), level_of("")
    ('region', 'commune', None)
    """
    try:
        return parse(text).level
    except ZoneError:
        return None


def region(code: str) -> Zone:
    return Zone("region", code)


def departement(code: str) -> Zone:
    return Zone("departement", code)


def departement_id(code: str) -> str:
    """'29' -> 'D29'."""
    return departement(code).id


def region_id(code: str) -> str:
    """'53' -> 'R53'."""
    return region(code).id


def departement_code(text: str) -> str | None:
    """The département code of a département zone id, None for any other zone.

    >>> departement_code("D29"), departement_code("D976"), departement_code("R53"), departement_code("nonsense")
    ('29', '976', None, None)
    """
    return parse(text).code if level_of(text) == "departement" else None


def departement_codes(ids: Iterable[str]) -> list[str | None]:
    """departement_code of each id, in order (for a table's column)."""
    return [departement_code(i) for i in ids]


def departement_of_commune(code: str) -> str:
    """The département of a commune INSEE code: 3 digits overseas, 2 elsewhere.

    >>> departement_of_commune("29019"), departement_of_commune("2B033"), departement_of_commune("97411")
    ('29', '2B', '974')
    """
    return code[:3] if code.startswith("97") else code[:2]

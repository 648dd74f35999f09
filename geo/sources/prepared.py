"""A download checked by the import gate and not saved yet: what every connector hands to the save."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo import texts
from geo.importing.report import ImportResult
from geo.sources import catalogue
from geo.sources.http import Validators
from geo.sources.summary import Summary


@dataclass
class Prepared:
    """A download checked by the import gate, not saved yet."""

    source: str
    layer: str
    kind: str
    departement: str
    url: str
    resource: catalogue.Resource
    validators: Validators
    result: ImportResult | None = None  # None: the server said nothing changed
    summary: Summary = field(default_factory=Summary)
    notes: list[str] = field(default_factory=list)
    files: dict[str, tuple[bytes, str, Validators]] = field(default_factory=dict)  # baromètre: name -> file
    checks: list[str] = field(default_factory=list)  # the import gate's report

    @property
    def downloaded(self) -> bool:
        return self.result is not None or bool(self.files)

    @property
    def unchanged(self) -> bool:
        return not self.downloaded or self.summary.empty

    @property
    def state_key(self) -> str:
        return f"{self.source}:{self.layer}:{self.departement}"

    def lines(self) -> list[str]:
        """What the CLI prints and the page shows, in order."""
        head = texts.SOURCES_FROM.format(name=self.resource.name, date=texts.fmt_date(self.resource.date) or "?")
        if self.resource.licence:
            head += texts.SOURCES_LICENCE.format(licence=self.resource.licence)
        if not self.downloaded:
            return [head, texts.SOURCES_NOT_MODIFIED]
        return [head, *self.notes, *self.checks, texts.SOURCES_CHANGES.format(layer=self.layer, line=self.summary.line())]

"""Mapped vs declared: how much of the real picture the loaded layers show.

The declared counts come from data/declared_counts.csv, each row dated and
sourced (read by geo.barometer). The map must never look complete when it is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo import texts, zones
from geo.barometer import load_declared_counts, standing
from geo.structures import CDS_KINDS, LIVE_STATUSES, MSP_KINDS, count_structures

CDS_DECLARED = ["cds_infirmier", "cds_polyvalent", "cds_dentaire", "cds_medical", "cds_ophtalmo"]


@dataclass(frozen=True)
class Completeness:
    topic: str  # "msp", "cds", "cpts"
    mapped: int
    declared: int | None
    as_of: str
    source: str
    detail: str = ""  # e.g. maisons de santé not labelled MSP, counted apart
    sites: int | None = None  # points drawn, when a structure has several sites

    @property
    def ratio(self) -> float | None:
        return self.mapped / self.declared if self.declared else None


def _declared(declared: pd.DataFrame, zone: str, indicators: list[str]) -> tuple[int | None, str, str]:
    rows = declared[(declared["zone"] == zone) & declared["indicator"].isin(indicators) & declared["value"].notna()]
    if rows.empty:
        return None, "", ""
    latest = rows[rows["as_of"] == rows["as_of"].max()]
    sources = latest["source"].iloc[0]
    return int(latest["value"].sum()), str(latest["as_of"].iloc[0]), str(sources)


def _barometer_count(ind_id: str, zone: str) -> tuple[int | None, str, str]:
    """(latest value, its date, the indicator id as source) of a baromètre count, Nones when it has none."""
    official = standing(ind_id, zone)
    if not official.has_data or official.last_date is None:
        return None, "", ""
    return int(official.last_value), official.last_date.isoformat(), ind_id


def completeness(
    structures: pd.DataFrame, cpts_table: pd.DataFrame, dep: str, declared: pd.DataFrame | None = None
) -> list[Completeness]:
    """Mapped vs declared for MSP, centres de santé (all kinds) and CPTS in a département.

    Closed structures are not counted as mapped (LIVE_STATUSES); the sites of a
    multi-site structure count once, as the official counts do (count_structures);
    CPTS count every perimeter loaded.
    """
    zone = zones.departement_id(dep)
    declared = load_declared_counts() if declared is None else declared
    msp_declared, msp_date, msp_source = _declared(declared, zone, ["msp"])
    if msp_declared is None:  # every département has its MSP count in the baromètre
        msp_declared, msp_date, msp_source = _barometer_count("IND-311", zone)
    cds_declared, cds_date, cds_source = _declared(declared, zone, CDS_DECLARED)
    if cds_declared is None:  # else the baromètre's pluriprofessional centres (IND-318)
        cds_declared, cds_date, cds_source = _barometer_count("IND-318", zone)
    cpts_declared, cpts_date, cpts_source = _declared(declared, zone, ["cpts_aci", "cpts_en_constitution"])
    unlabelled = count_structures(structures, {"maison_de_sante"}, LIVE_STATUSES).sites
    msp = count_structures(structures, MSP_KINDS, LIVE_STATUSES)
    cds = count_structures(structures, CDS_KINDS, LIVE_STATUSES)
    return [
        Completeness("msp", msp.structures, msp_declared, msp_date, msp_source,
                     detail=str(unlabelled) if unlabelled else "", sites=msp.sites),
        Completeness("cds", cds.structures, cds_declared, cds_date, cds_source),
        Completeness("cpts", len(cpts_table), cpts_declared, cpts_date, cpts_source),
    ]


# --- What the Carte page says about it -------------------------------------------


def _lead(rows: list[Completeness]) -> tuple[str | None, str]:
    """(the gap in figures, or None when nothing is declared; what follows it): one wording for the banner and the
    map's own line."""
    if not any(r.mapped for r in rows):  # a département with no sourced rows: say so before any ratio
        declared = texts.NO_MAPPED_DECLARED.format(figures=" ; ".join(
            texts.NO_MAPPED_FIGURE.format(topic=texts.COMPLETENESS_SHORT_TOPICS[r.topic], declared=texts.fmt_int(r.declared))
            for r in rows if r.declared)) if any(r.declared for r in rows) else texts.NO_MAPPED_NOTHING_DECLARED
        return texts.NO_MAPPED_DATA, declared
    figures = " ; ".join(
        texts.COMPLETENESS_SHORT.format(topic=texts.COMPLETENESS_SHORT_TOPICS[r.topic], mapped=texts.fmt_int(r.mapped),
                                        declared=texts.fmt_int(r.declared))
        for r in rows if r.declared
    )
    return (texts.COMPLETENESS_HEADLINE.format(figures=figures) if figures else None), texts.COMPLETENESS_WARNING


def headline(rows: list[Completeness]) -> str:
    """The gap in figures in one plain line, shown inside the map itself so that no view of it, a shared screen's
    included, passes the map off as complete: 'Cartographiés / déclarés — MSP : 4 sur 39 ; …'."""
    lead, rest = _lead(rows)
    if lead is None:
        return rest
    # A département with no sourced rows: its declared counts are the whole story, keep them; else the figures.
    return f"{lead} · {rest}" if not any(r.mapped for r in rows) else lead


def banner_text(rows: list[Completeness]) -> str:
    """The gap in figures above the map (a shared screen shows it without scrolling), then the warning."""
    lead, rest = _lead(rows)
    return f"**{lead}** {rest}" if lead else rest


@dataclass(frozen=True)
class PanelEntry:
    line: str  # Markdown: the topic, mapped vs declared
    progress: float | None  # mapped / declared, capped at 1; None when nothing is declared
    notes: list[str] = field(default_factory=list)  # captions: source and date, sites, unlabelled


def panel_entries(rows: list[Completeness]) -> list[PanelEntry]:
    """One entry per topic for the completeness panel beside the map."""
    entries = []
    for row in rows:
        topic = texts.COMPLETENESS_TOPICS[row.topic]
        notes = []
        if row.declared and row.ratio is not None:
            line = texts.COMPLETENESS_LINE.format(mapped=texts.fmt_int(row.mapped), declared=texts.fmt_int(row.declared))
            progress: float | None = min(row.ratio, 1.0)
            source = texts.BAROMETER_SOURCE.format(ind=row.source) if row.source.startswith("IND-") \
                else texts.DECLARED_SOURCES[row.topic]
            notes.append(texts.COMPLETENESS_SOURCE.format(source=source,
                                                          date=texts.fmt_date(row.as_of)))
        else:
            line, progress = texts.COMPLETENESS_NO_DECLARED.format(mapped=texts.fmt_int(row.mapped)), None
        if row.sites and row.sites != row.mapped:
            notes.append(texts.COMPLETENESS_SITES.format(sites=row.sites))
        if row.detail:
            notes.append(texts.COMPLETENESS_UNLABELLED.format(n=row.detail))
        entries.append(PanelEntry(texts.COMPLETENESS_ENTRY.format(topic=topic, line=line), progress, notes))
    return entries

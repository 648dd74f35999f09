"""What every figure of the Couverture page shares: colours, fonts, the source under the plot, file names.

Every figure carries its source and date as an annotation, so a PNG taken
from the modebar is self-explanatory in a slide. Hover texts are formatted in
French by the chart modules (plotly's own number/date formats are English).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import Any

import plotly.graph_objects as go

from geo import indicators, texts
from geo.barometer import Indicator, Schedule, source_date

# Couleurs de l'État (DSFR): bleu France, rouge Marianne, and neutral greys.
BLUE = "#000091"
BLUE_LIGHT = "#6a6af4"
RED = "#c9191e"
ORANGE = "#b34000"
GREY = "#666666"
GREEN = "#18753c"
ZONE_COLORS = [BLUE, "#6a6af4", "#a5a5a5"]
FONT: dict[str, Any] = dict(family="'Source Sans', 'Source Sans Pro', Arial, sans-serif", size=13, color="#161616")  # Streamlit's font
SEPARATORS = "," + texts.NBSP  # decimal comma, no-break space between thousands
HORIZON = dt.date(indicators.HORIZON_YEAR, 12, 1)
# Presentation mode (a shared screen, often shrunk by the webinar tool): the page's HTML text grows
# from 16 to 19 px; plotly's fonts are fixed pixels, so the figures scale theirs a bit more.
PRESENTING_SCALE = 1.4


def size(px: float, presenting: bool = False) -> int:
    """A font size (or a margin, a height) in pixels, larger in presentation mode.

    >>> size(13), size(13, presenting=True)
    (13, 18)
    """
    return int(round(px * PRESENTING_SCALE)) if presenting else int(round(px))


def config(filename: str, fixed_view: bool = False) -> dict[str, Any]:
    """st.plotly_chart config: a PNG download named after the chart, a French modebar, no plotly logo.

    `fixed_view`: the wheel scrolls the page instead of zooming (the national map: its overseas
    labels are placed for its one view, and a presenter scrolling past it must not zoom it).
    """
    out = {
        # plotly.js reads a locale given with the figure; Streamlit's bundle registers none but English.
        "locale": "fr",
        "locales": {"fr": {"dictionary": texts.PLOTLY_FR_DICTIONARY, "format": texts.PLOTLY_FR_FORMAT}},
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }
    return out | {"scrollZoom": False} if fixed_view else out


def slug(*parts: str) -> str:
    """'couverture', 'IND-311', 'D29' -> 'couverture_ind-311_d29' (file names)."""
    text = "_".join(p for p in parts if p)
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text.lower())


def with_source(fig: go.Figure, source: str, bottom: int = 70, axis: int = 0, presenting: bool = False,
                wrap: int | None = None) -> go.Figure:
    """Write the source under the plot (kept in PNG exports).

    The bottom margin grows with the source's lines, below `axis` pixels kept for the x-axis labels
    (`bottom` and `axis` are given at normal size: presentation mode scales them with the fonts).
    `wrap`: cut lines longer than this many characters (the source starts at the plot's left edge:
    a plot with wide axis labels leaves it less room).
    """
    if wrap:
        source = "<br>".join(
            "<br>".join(textwrap.wrap(line, wrap, break_on_hyphens=False) or [""]) for line in source.split("<br>"))
    line = size(14, presenting)
    bottom = max(size(bottom, presenting), size(axis, presenting) + line * (source.count("<br>") + 1) + 10)
    fig.add_annotation(
        text=source, xref="paper", yref="paper", x=0, y=0, yshift=-bottom + 8, xanchor="left", yanchor="bottom",
        showarrow=False, align="left", font=dict(size=size(11, presenting), color=GREY),
    )
    margin = fig.layout.margin
    fig.update_layout(margin=dict(l=margin.l if margin.l is not None else 60, r=margin.r if margin.r is not None else 20,
                                  t=margin.t if margin.t is not None else 60, b=bottom))
    return fig


def source_text(ind_ids: list[str], *notes: str) -> str:
    """Short lines (a chart may be half the page wide): the source, its date with the indicators, then each note.

    >>> lines = source_text(["IND-311"], "Dernière mesure : déc. 2023.").split("<br>")
    >>> lines[1].startswith("extraction du ") and lines[1].endswith(" — IND-311"), lines[2]
    (True, 'Dernière mesure : déc. 2023.')
    """
    head, dated_template = texts.COUV_CHART_SOURCE_LINES
    date = dated_template.format(date=texts.fmt_date(source_date()))
    ids = ", ".join(ind_ids)
    dated = [f"{date} — {ids}"] if len(ind_ids) <= 2 else [date, ids]  # a long list of indicators on its own line
    return "<br>".join([head, *dated, *(n for n in notes if n)])


def schedule_note(schedule: Schedule, ind_ids: list[str]) -> str:
    """Where a target's date comes from, when it is not the baromètre's ('' otherwise)."""
    return texts.COUV_SCHEDULE_NOTES[schedule.key] if any(schedule.applies(i) for i in ind_ids) else ""


def base_layout(fig: go.Figure, title: str, height: int, presenting: bool = False) -> None:
    """Title, fonts (text, hover labels) and height; `height` is given at normal size."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=size(16, presenting))),
        font=FONT | dict(size=size(FONT["size"], presenting)), separators=SEPARATORS, height=size(height, presenting),
        paper_bgcolor="white", plot_bgcolor="white", margin=dict(l=60, r=20, t=60, b=70),
        hoverlabel=dict(font=dict(family=FONT["family"], size=size(FONT["size"], presenting))),
    )


def pace_text(ind: Indicator, per_year: float) -> str:
    """'500' MSP a year, '7,7 pt' a year for a percentage."""
    if per_year is None or math.isnan(per_year):
        return "–"
    if ind.percent:
        return f"{texts.fmt_dec(per_year, 1)}{texts.NBSP}pt"
    return texts.fmt_dec(per_year, 1) if abs(per_year) < 10 else texts.fmt_int(per_year)

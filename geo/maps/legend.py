"""The map legend, as HTML drawn beside the map (our own labels only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo import texts
from geo.maps.styles import CPTS_STYLES, EPCI_LINE, KIND_COLORS, STATUS_STYLES, Classes


def _swatch(color: str, fill_opacity: float, border: str, radius: str = "50%", size: int = 16) -> str:
    """A legend swatch in plain CSS (st.html drops inline SVG)."""
    fill = _rgba(color, fill_opacity)
    return (f'<span style="display:inline-block;width:{size}px;height:{size}px;border-radius:{radius};'
            f'background:{fill};border:{border};flex:none"></span>')


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _border(color: str, style: Mapping[str, Any]) -> str:
    kind = "solid" if not style.get("dashArray") else ("dotted" if style["dashArray"].startswith("1 ") else "dashed")
    return f"{max(2, style.get('weight', 2))}px {kind} {color}"


def legend_html(kinds: set[str], classes: Classes | None, choropleth_label: str | None) -> str:
    """The map legend (our own labels only), large enough to read on a shared screen."""
    row = '<div style="display:flex;align-items:center;gap:8px;margin:2px 0">{}<span>{}</span></div>'
    parts = [f"<b>{texts.esc(texts.LEGEND_KINDS)}</b>"] if kinds else []
    parts += [row.format(_swatch(KIND_COLORS[k], 0.95, _border(KIND_COLORS[k], {})), texts.esc(texts.KIND_LABELS[k]))
              for k in KIND_COLORS if k in kinds]
    parts.append(f"<b>{texts.esc(texts.LEGEND_STATUS)}</b>")
    parts += [row.format(_swatch("#444444", STATUS_STYLES[s]["fillOpacity"], _border("#444444", STATUS_STYLES[s])),
                         texts.esc(texts.STATUS_LABELS[s]))
              for s in ("ouvert", "projet", "annonce")]
    parts.append(f"<b>{texts.esc(texts.LEGEND_CPTS)}</b>")
    parts += [row.format(_swatch(CPTS_STYLES[s]["fillColor"], 0.4, _border(CPTS_STYLES[s]["color"], CPTS_STYLES[s]), "2px", 20),
                         texts.esc(texts.CPTS_STATUS_LABELS[s]))
              for s in ("en fonctionnement", "projet")]
    epci_line = f'<span style="display:inline-block;width:22px;border-top:3px solid {EPCI_LINE};flex:none"></span>'
    parts.append(row.format(epci_line, texts.esc(texts.LEGEND_EPCI)))
    if classes is not None and choropleth_label:
        parts.append(f"<b>{texts.esc(texts.LEGEND_CHOROPLETH.format(label=choropleth_label))}</b>")
        lower = 0.0
        for bound, color in zip(classes.bounds, classes.colors, strict=True):
            swatch = _swatch(color, 1.0, "1px solid #999999", "2px", 20)
            parts.append(row.format(swatch, texts.esc(f"{texts.fmt_int(lower)} – {texts.fmt_int(bound)}")))
            lower = bound
    return f'<div style="font-size:15px;line-height:1.3">{"".join(parts)}</div>'

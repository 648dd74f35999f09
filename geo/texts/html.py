"""Escaping of text that came from a file or a user, before it reaches HTML or Markdown."""

from __future__ import annotations

import html
import math


def esc(value: object) -> str:
    """Escape any text that came from a file before it reaches HTML.

    `$` and backticks are escaped too: folium places some HTML inside JS
    template literals, where `${...}` would run; and braces, because
    folium/branca compile a layer's rendered script as a Jinja template again.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")



MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


def md_escape(value: object) -> str:
    r"""Escape Markdown (so links, images and HTML) in text that came from a file or a user, for st.markdown,
    st.caption, st.error… (which all render Markdown).

    >>> print(md_escape("![x](http://e/x.png)"))
    \!\[x\]\(http\://e/x\.png\)
    """
    return "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in str(value))

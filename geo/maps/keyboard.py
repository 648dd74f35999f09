"""The map with a keyboard and a first click: what Leaflet 1.9 does not do by itself.

- Tab goes from the zoom buttons to the structure markers, then leaves the map: the 277 commune
  shapes and the other areas are out of the tab order (the commune search is their keyboard path).
- Enter or Space on a focused marker opens its popup.
- Every app map (FrameName): its frame gets a French accessible name (Streamlit names a component's frame
  after the component, « streamlit_folium.st_folium ») and a `data-carte-map` mark the tests find it by;
  Escape closes its popup wherever the focus is in the map's frame (Leaflet closes it only when the
  map's own container has the focus), and static/french_chrome.js forwards an Escape pressed in the page.
- The first click is never lost: on mousedown Leaflet focuses its container, and a focus inside an
  iframe scrolls the page to show the whole map (163 px on a 1000 px screen) under the pointer, so
  the click landed elsewhere. The container is focused first here, without scrolling.
"""

from __future__ import annotations

import json

import folium
from jinja2 import Template

from geo import texts
from geo.maps.encoded import script_literal

MARKER_CLASS = "carte-structure"


class KeyboardAccess(folium.MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, box = map.getContainer();
            box.setAttribute("aria-label", {{ this.label }});
            box.addEventListener("mousedown", function () {
                if (document.activeElement !== box) { box.focus({preventScroll: true}); }
            }, true);
            var css = document.createElement("style");
            css.textContent = "path.{{ this.marker }}:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}"
                + ".leaflet-container:focus-visible{outline:3px solid #0a76f6;outline-offset:-3px}";
            document.head.appendChild(css);
            function reach(layer) {
                var path = layer._path;
                if (!path) { return; }
                if (!path.classList.contains("{{ this.marker }}")) { path.setAttribute("tabindex", "-1"); return; }
                path.setAttribute("tabindex", "0");
                path.setAttribute("role", "button");
                var tip = layer.getTooltip && layer.getTooltip();
                if (tip) {
                    var text = document.createElement("div");
                    text.innerHTML = tip.getContent();  // escaped in Python (texts.esc): read back as plain text
                    path.setAttribute("aria-label", text.textContent);
                }
                path.addEventListener("keydown", function (e) {
                    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); layer.openPopup(); }
                });
            }
            map.on("layeradd", function (e) { reach(e.layer); });
            map.eachLayer(reach);
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "KeyboardAccess"
        self.label = json.dumps(texts.MAP_ARIA_LABEL)
        self.marker = MARKER_CLASS


class FrameName(folium.MacroElement):
    """The map frame's accessible name and mark, and Escape closing its popup (see the module's docstring).

    Set from inside the frame whenever the map is drawn; the page's script (static/french_chrome.js) puts the
    name back if Streamlit's React ever writes its own title on the same frame.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, frame = window.frameElement, title = JSON.parse({{ this.title }});
            if (frame) {
                frame.setAttribute("data-carte-title", title);
                frame.setAttribute("title", title);
                frame.setAttribute("data-carte-map", "");
            }
            document.addEventListener("keydown", function (e) {
                if (e.key === "Escape") { map.closePopup(); }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "FrameName"
        self.title = script_literal(title)  # a name from an imported layer (a CPTS) is data, never markup or Jinja

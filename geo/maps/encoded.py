"""Compact GeoJSON for Leaflet: polyline-encoded rings, decoded in the browser.

Coordinates are most of a map's payload. Encoding each ring with the
polyline algorithm (precision 1e-5, deltas as base-64 characters) takes
about 3.5 characters per number instead of 8-9, so the communes of a
département fit in a fraction of the bytes, and the browser rebuilds plain
GeoJSON before Leaflet sees it. Points are left as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

import folium
import numpy as np
import shapely
from branca.element import Figure
from folium.template import Template

PRECISION = 1e5
# Polyline characters that JSON or Jinja would escape or misread, swapped for
# plain ones outside the alphabet (63-126); the decoder swaps them back.
SWAP = str.maketrans({"{": "(", "}": ")", "\\": "!"})


def encode_coords(coords: np.ndarray) -> str:
    """Encode (lng, lat) pairs as a polyline string (lat first, as the algorithm expects).

    Standard polyline output except for the SWAP characters:

    >>> encode_coords(np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]]))
    '_p~iF~ps|U_ulLnnqC_mqNvxq`@'
    >>> encode_coords(np.array([[-4.93, 48.4]]))  # polyline '_clfHn{a]'
    '_clfHn(a]'
    """
    scaled = np.round(coords[:, ::-1] * PRECISION).astype(np.int64)
    deltas = np.diff(scaled, axis=0, prepend=[[0, 0]]).ravel()
    values = np.where(deltas < 0, ~(deltas << 1), deltas << 1)
    out = []
    for value in values.tolist():
        while value >= 0x20:
            out.append(chr((0x20 | (value & 0x1F)) + 63))
            value >>= 5
        out.append(chr(value + 63))
    return "".join(out).translate(SWAP)


def encode_geometry(geom: shapely.Geometry) -> dict[str, Any]:
    """A GeoJSON-like geometry whose innermost coordinate lists are polyline strings."""
    kind = geom.geom_type
    if kind == "Polygon":
        rings = [geom.exterior, *geom.interiors]
        return {"type": kind, "e": [encode_coords(np.asarray(r.coords)) for r in rings]}
    if kind == "LineString":
        return {"type": kind, "e": encode_coords(np.asarray(geom.coords))}
    # Multi-part shapes stay one feature, so Leaflet draws one path per commune.
    if kind == "MultiPolygon":
        return {"type": kind, "e": [encode_geometry(part)["e"] for part in geom.geoms if not part.is_empty]}
    if kind == "MultiLineString":
        return {"type": kind, "e": [encode_coords(np.asarray(part.coords)) for part in geom.geoms if not part.is_empty]}
    if kind == "GeometryCollection":
        parts = [encode_geometry(g) for g in geom.geoms if not g.is_empty]
        return {"type": "GeometryCollection", "geometries": parts}
    return dict(shapely.geometry.mapping(geom))


def script_literal(value: object) -> str:
    """`value` as a JS string literal of its JSON, safe in a <script> and in a Jinja template.

    folium/branca render a layer's script and then compile the result as a
    Jinja template again, so braces coming from data would be read as Jinja
    (an error, or worse, code run on the server). Inside one string literal
    every brace is data and can be written as a \\u escape.
    """
    literal = json.dumps(json.dumps(value, separators=(",", ":"), ensure_ascii=False), ensure_ascii=False)
    for char, escape in (("{", "\\u007b"), ("}", "\\u007d"), ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        literal = literal.replace(char, escape)
    return literal


def encoded_features(geometries: Iterable[Any], properties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"g": encode_geometry(g), "p": p} for g, p in zip(geometries, properties, strict=True) if g is not None and not g.is_empty]


DECODER = """
window.carteDecodeRing = window.carteDecodeRing || function(str) {
    var i = 0, lat = 0, lng = 0, out = [];
    function next() {
        var b, shift = 0, result = 0;
        do {
            b = str.charCodeAt(i++);
            b = (b === 40 ? 123 : b === 41 ? 125 : b === 33 ? 92 : b) - 63;
            result |= (b & 0x1f) << shift; shift += 5;
        } while (b >= 0x20);
        return (result & 1) ? ~(result >> 1) : (result >> 1);
    }
    while (i < str.length) { lat += next(); lng += next(); out.push([lng / 1e5, lat / 1e5]); }
    return out;
};
window.carteDecodeGeometry = window.carteDecodeGeometry || function(g) {
    if (g.type === "Polygon") { return {type: "Polygon", coordinates: g.e.map(window.carteDecodeRing)}; }
    if (g.type === "LineString") { return {type: "LineString", coordinates: window.carteDecodeRing(g.e)}; }
    if (g.type === "MultiPolygon") {
        return {type: "MultiPolygon", coordinates: g.e.map(function(p) { return p.map(window.carteDecodeRing); })};
    }
    if (g.type === "MultiLineString") { return {type: "MultiLineString", coordinates: g.e.map(window.carteDecodeRing)}; }
    if (g.type === "GeometryCollection") {
        return {type: "GeometryCollection", geometries: g.geometries.map(window.carteDecodeGeometry)};
    }
    return g;
};
"""


class _Verbatim(folium.Element):
    """Script text added to the page as it is.

    branca would compile a rendered script as a Jinja template once more:
    slow on hundreds of kilobytes of data (most of a rerun's time), and
    data would be read as template code.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _ScriptOnly(folium.MacroElement):
    # folium's own MacroElement.render returns None as well; branca's base class declares str.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        script = self._template.module.script(self, kwargs)
        root = cast(Figure, self.get_root())
        root.script.add_child(_Verbatim(script), name=self.get_name())


class EncodedGeoJson(_ScriptOnly):
    """A Leaflet GeoJSON layer fed with encoded features.

    Each feature's style is `base_style` updated with its property "s";
    points become circle markers with that style; `on_each_feature` binds
    popups and tooltips (from escaped properties).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        """ + DECODER + """
        var {{ this.get_name() }} = L.geoJson(
            JSON.parse({{ this.payload }}).map(function(f) {
                return {type: "Feature", properties: f.p, geometry: window.carteDecodeGeometry(f.g)};
            }),
            {
                style: function(f) { return Object.assign({}, {{ this.base_style|tojson }}, f.properties.s || {}); },
                interactive: {{ this.interactive|tojson }},
                className: {{ this.class_name|tojson }},
                pointToLayer: function(f, latlng) {
                    return L.circleMarker(latlng, Object.assign(
                        {className: {{ this.class_name|tojson }}}, {{ this.base_style|tojson }}, f.properties.s || {}));
                },
                onEachFeature: function(feature, layer) {
                    ({{ this.on_each_feature.js_code }})(feature, layer);
                    {% if this.hover_style %}
                    layer.on("mouseover", function(e) { e.target.setStyle({{ this.hover_style|tojson }}); });
                    layer.on("mouseout", function(e) { {{ this.get_name() }}.resetStyle(e.target); });
                    {% endif %}
                }
            }
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict[str, Any]], base_style: dict[str, Any], on_each_feature: folium.JsCode,
                 hover_style: dict[str, Any] | None = None, interactive: bool = True, class_name: str = "") -> None:
        super().__init__()
        self._name = "GeoJson"
        self.payload = script_literal(features)
        self.base_style = base_style
        self.on_each_feature = on_each_feature
        self.hover_style = hover_style
        self.interactive = interactive
        self.class_name = class_name


class Labels(_ScriptOnly):
    """Permanent text labels at given points (already-escaped HTML text).

    Drawn as Leaflet div-icon markers centred by CSS: permanent tooltips
    drifted away from their point when streamlit-folium re-laid the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        JSON.parse({{ this.payload }}).forEach(function(l) {
            L.marker([l[0], l[1]], {
                interactive: false, keyboard: false,
                icon: L.divIcon({className: "carte-label-anchor", iconSize: null,
                                 html: '<span class="{{ this.css_class }}">' + l[2] + "</span>"})
            }).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[float, float, str]], css_class: str) -> None:
        super().__init__()
        self._name = "Labels"
        self.payload = script_literal([list(label) for label in labels])
        self.css_class = css_class

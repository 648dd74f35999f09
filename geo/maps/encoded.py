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
from typing import Any, Literal, cast

import folium
import numpy as np
import shapely
from branca.element import Figure
from folium.template import Template

from geo.maps import geometry_files

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
// Reference geometry comes from a content-named file (geo/maps/geometry_files.py) or, when none could be
// written, embedded. A name's text is kept in the Streamlit page (the map's frame is replaced when the territory
// changes, the page is not) and in Cache Storage where the browser offers it (localhost, https): the app's static
// files come with no Cache-Control and never a 304, so the HTTP cache alone would send the body again.
window.carteSharedText = window.carteSharedText || function(url) {
    var memo = {}, keep = 24;
    try { memo = window.parent.carteGeometryMemo = window.parent.carteGeometryMemo || {}; } catch (e) { memo = {}; }
    if (typeof memo[url] === "string") { return Promise.resolve(memo[url]); }
    function remember(text) {
        var names = Object.keys(memo);
        if (names.length >= keep) { delete memo[names[0]]; }
        memo[url] = text;  // a string: it outlives the frame that fetched it, a promise would not
        return text;
    }
    function download() {
        return fetch(url).then(function(r) {
            if (!r.ok) { throw new Error(url + ": " + r.status); }
            return r;
        });
    }
    if (!window.caches || !window.isSecureContext) { return download().then(function(r) { return r.text(); }).then(remember); }
    return caches.open("carte-geometry").then(function(cache) {
        return cache.match(url).then(function(hit) {
            if (hit) { return hit.text(); }
            return download().then(function(r) {
                return cache.put(url, r.clone()).then(function() {
                    // Old names (data rebuilt) are dropped, the most recent kept.
                    cache.keys().then(function(all) { all.slice(0, Math.max(0, all.length - 60)).forEach(function(k) { cache.delete(k); }); });
                    return r.text();
                }, function() { return r.text(); });
            });
        });
    }, function() { return download().then(function(r) { return r.text(); }); }).then(remember);
};
// Features = the shared part ([{g, p}], from `source.url` or `source.inline`) with `own[i]`'s properties added.
// The layer fires "carte:features" once they are in (geo/maps/controls.js recolours them then).
window.carteLayers = window.carteLayers || [];
window.carteAddFeatures = window.carteAddFeatures || function(layer, source, own) {
    window.carteLayers.push(layer);
    function add(text) {
        layer.addData(JSON.parse(text).map(function(f, i) {
            var p = own ? Object.assign({}, f.p || {}, own[i]) : (f.p || {});
            return {type: "Feature", properties: p, geometry: window.carteDecodeGeometry(f.g)};
        }));
        layer.fire("carte:features");
    }
    if (!source.url) { add(source.inline); return; }
    window.carteSharedText(source.url).then(function(text) {
        add(text);
        // Shapes that arrive late are drawn on top: put every layer of the map back in the order it was made
        // (communes under the EPCI borders, the CPTS and the structures).
        var map = layer._map;
        window.carteLayers.forEach(function(l) { if (map && l._map === map) { l.bringToFront(); } });
    }, function(e) { console.error("carte: geometry not loaded", e); });
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


class Decoder(_ScriptOnly):
    """The decoding and loading functions of every EncodedGeoJson, sent once per map (base_map adds it first)."""

    _template = Template("{% macro script(this, kwargs) %}" + DECODER + "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "Decoder"


# What of a layer's features is reference data, the same for every store (geo.maps.geometry_files): "geometry"
# (the shapes go to a shared file, the properties stay in the map), "features" (shapes and properties), "none".
Share = Literal["none", "geometry", "features"]


def shared_source(features: list[dict[str, Any]], share: Share) -> tuple[str, str]:
    """(the JS object {url, inline} of the shared part, the JS literal of each feature's own properties or null).

    The shared part goes to a content-named static file when one can be written, else into the map as before.
    """
    if share == "none":
        return _source(None, features), script_literal(None)
    shared = [{"g": f["g"], "p": f["p"]} if share == "features" else {"g": f["g"]} for f in features]
    own = None if share == "features" else [f.get("p", {}) for f in features]
    url = geometry_files.publish(json.dumps(shared, separators=(",", ":"), ensure_ascii=False).encode())
    return _source(url, shared), script_literal(own)


def _source(url: str | None, features: list[dict[str, Any]]) -> str:
    # A content name is hex and a fixed prefix: nothing to escape in the URL.
    inline = "null" if url else script_literal(features)
    return '{"url": ' + json.dumps(url) + ', "inline": ' + inline + "}"


class EncodedGeoJson(_ScriptOnly):
    """A Leaflet GeoJSON layer fed with encoded features.

    Each feature's style is `base_style` updated with its property "s";
    points become circle markers with that style; `on_each_feature` binds
    popups and tooltips (from escaped properties). `share` says what of the
    features is reference data, fetched from a static file the browser keeps.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(
            null,
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
        window.carteAddFeatures({{ this.get_name() }}, {{ this.source }}, JSON.parse({{ this.own }}));
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict[str, Any]], base_style: dict[str, Any], on_each_feature: folium.JsCode,
                 hover_style: dict[str, Any] | None = None, interactive: bool = True, class_name: str = "",
                 share: Share = "none") -> None:
        super().__init__()
        self._name = "GeoJson"
        self.source, self.own = shared_source(features, share)
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

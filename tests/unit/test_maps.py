"""Generated map HTML: escaped text, local Leaflet only, compact geometry that decodes exactly."""

import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon, box
from streamlit_folium import _get_feature_group_string

from geo import texts
from geo.maps import controls, encoded
from geo.maps import layers as maps
from geo.maps import prepare as mapdata
from geo.reference import load_communes
from geo.structures import STATUSES, conform, load_structures
from geo.territories import load_cpts

EVIL = {
    "name": "<script>alert('nom')</script>",
    "address": "{{ 7*7 }} ${alert('adresse')}",
    "notes": "<img src=x onerror=alert('note')> `backtick`",
    "source": "Source </script><script>alert(1)</script>",
    "source_url": "javascript:alert('lien')",
    "commune": "Brest",
    "commune_code": "29019",
    "kind": "msp",
    "status": "ouvert",
}


def decode(text: str) -> list[tuple[float, float]]:
    """Python twin of the browser decoder in geo.maps.encoded.DECODER."""
    text = text.translate(str.maketrans({"(": "{", ")": "}", "!": "\\"}))
    values, shift, result = [], 0, 0
    for char in text:
        b = ord(char) - 63
        result |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift, result = 0, 0
    lat = np.cumsum(values[0::2]) / 1e5
    lng = np.cumsum(values[1::2]) / 1e5
    return list(zip(lng, lat, strict=True))


def evil_map_html() -> str:
    evil = conform(gpd.GeoDataFrame([EVIL], geometry=[Point(-4.48, 48.39)], crs="EPSG:4326"))
    m = maps.base_map((-5, 47.5, -3.5, 48.8))
    maps.structures_layer(maps.structure_features(evil)).add_to(m)
    overlay = gpd.GeoDataFrame({"nom": [EVIL["name"]], "x": [EVIL["address"]]}, geometry=[box(-4.5, 48, -4.4, 48.1)],
                               crs="EPSG:4326")
    maps.overlay_layer(maps.overlay_features(overlay), "Couche importée").add_to(m)
    return m.get_root().render()


def js_strings(html: str) -> str:
    """The page as the browser's JS sees its string data (JSON unicode escapes undone)."""
    for code, char in (("\\u0026", "&"), ("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'")):
        html = html.replace(code, char)
    return html


def test_file_text_never_reaches_the_page_as_markup():
    html = js_strings(evil_map_html())
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    links = re.findall(r'href=\\?"([^"\\]*)', html)  # every link the page holds
    assert links and not [link for link in links if "javascript" in link.lower()]
    assert "javascript:alert" not in html  # neither linked nor shown: no address a reader could follow
    assert "&lt;script&gt;alert(&#x27;nom&#x27;)&lt;/script&gt;" in html
    assert "&#123;&#123; 7*7 &#125;&#125; &#36;&#123;alert" in html  # no Jinja, no template literal
    assert "&#96;backtick&#96;" in html


def test_braces_in_data_survive_streamlit_folium_rendering():
    """streamlit-folium renders each layer's script; data braces must not be read as Jinja."""
    communes = load_communes("29").head(3).copy()
    communes["nom"] = ["{{ 7*7 }}", "{% raw %}", "{# x"]
    cards = communes[["code", "nom", "population", "densite"]].assign(
        epci="{{ config }}", cpts="", structures="", nearest_msp="")
    base = maps.base_map(tuple(communes.total_bounds))
    script = _get_feature_group_string(maps.communes_layer(maps.commune_features(communes, cards, None)), base, 0)
    assert "49" not in re.sub(r"[^0-9]", " ", script.split("JSON.parse(")[1][:500]).split()
    assert "\\u007b\\u007b 7*7 \\u007d\\u007d" in script


def test_map_uses_only_local_leaflet_and_no_tiles_by_default():
    html = evil_map_html()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(src.startswith("/app/static/vendor/leaflet/") for src in sources)
    assert "tile.openstreetmap" not in html and "cdn" not in html.lower()
    online = maps.base_map((-5, 47.5, -3.5, 48.8), maps.texts.BACKGROUND_OSM).get_root().render()
    assert "tile.openstreetmap.org" in online


def test_encoding_round_trips_to_the_rounded_coordinates():
    ring = [(-4.123456, 48.1), (-4.2, 48.33333), (-3.99999, 48.2), (-4.123456, 48.1)]
    polygon = Polygon(ring, holes=[[(-4.1, 48.15), (-4.05, 48.2), (-4.08, 48.18), (-4.1, 48.15)]])
    encoded_geom = encoded.encode_geometry(polygon)
    assert encoded_geom["type"] == "Polygon"
    outer = decode(encoded_geom["e"][0])
    expected = [c for x, y in ring for c in (round(x, 5), round(y, 5))]
    assert [c for point in outer for c in point] == pytest.approx(expected, abs=1e-9)
    assert len(encoded_geom["e"]) == 2


def test_encoding_keeps_multipolygons_as_one_feature():
    multi = shapely.MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)])
    geom = encoded.encode_geometry(multi)
    assert geom["type"] == "MultiPolygon" and len(geom["e"]) == 2


def test_finistere_map_payload_is_compact_and_complete():
    communes = load_communes("29")
    table, members = load_cpts("29")
    data = mapdata.prepare(communes, load_structures("29"), table, members)
    features = maps.commune_features(data.communes, data.cards, None)
    assert len(features) == 277
    assert data.communes.geometry.is_valid.all()
    # the simplified communes still tile the département: total area within 0.5 %
    ratio = data.communes.to_crs(2154).area.sum() / communes.to_crs(2154).area.sum()
    assert ratio == pytest.approx(1, abs=0.005)
    base = maps.base_map(data.bounds)
    layers = [maps.communes_layer(features), maps.outline_layer(data.epci, "EPCI"), maps.cpts_layer(data.cpts),
              maps.structures_layer(data.structures)]
    payload = sum(len(_get_feature_group_string(layer, base, i)) for i, layer in enumerate(layers))
    assert payload < 400_000


def test_filters_pick_structures_by_kind_and_status():
    communes = load_communes("29")
    table, members = load_cpts("29")
    structures = load_structures("29")
    data = mapdata.prepare(communes, structures, table, members)
    picked = mapdata.pick_structures(data, {"msp"}, {"ouvert"})
    expected = ((structures["kind"] == "msp") & (structures["status"] == "ouvert")).sum()
    assert len(picked) == expected == 5
    assert mapdata.pick_structures(data, set(), {"ouvert"}) == []


def test_choropleth_classes_cover_every_value():
    communes = load_communes("29")
    fill, classes = mapdata.commune_fill(communes, "population")
    assert fill.notna().all()
    assert classes.bounds == tuple(sorted(classes.bounds))
    assert classes.bounds[-1] >= communes["population"].max()
    assert mapdata.commune_fill(communes, None) == (None, None)


def test_scale_is_metric_only():
    html = maps.base_map((-5, 47.5, -3.5, 48.8)).get_root().render()
    assert "L.control.scale({imperial: false})" in html
    assert "L.control.scale()" not in html  # folium's own scale shows miles and feet too


def controls_map(settings_change=None) -> tuple[str, dict]:
    """The Finistère map with its own controls, as streamlit-folium sends it: (script, controls config)."""
    from streamlit_folium import _get_map_string

    communes = load_communes("29")
    table, members = load_cpts("29")
    data = mapdata.prepare(communes, load_structures("29"), table, members)
    view, _ = controls.read_view({}, mapdata.present_kinds(data), set(data.communes["code"]))
    settings = controls.config(view, mapdata.present_kinds(data), len(data.structure_rows), data.colourings)
    if settings_change:
        settings_change(settings)
    base = maps.base_map(data.bounds)
    groups = {"communes": maps.communes_layer(maps.commune_features(data.communes, data.cards, data.shades)),
              "structures": maps.structures_layer(data.structures)}
    for group in groups.values():
        group.add_to(base)
    controls.MapControls(groups, settings).add_to(base)
    base.get_root().render()
    return _get_map_string(base), settings


def test_the_maps_own_controls_are_in_the_map_with_their_french_choices():
    script, settings = controls_map()
    call = script[script.index("window.carteMapControls(map_div"):]
    named = dict(re.findall(r'"(\w+)": (feature_group_div_\d+)', call.split("JSON.parse")[0]))
    assert list(named) == ["communes", "structures"]
    before = script[:script.index("window.carteMapControls(map_div")]
    assert all(f"var {name} = L.featureGroup(" in before for name in named.values())  # defined before the controls
    assert "window.carteMapControls = function" in script  # our own script, inlined: no file to fetch
    assert [label for _, label in settings["layers"]] == [texts.LAYER_COMMUNES, texts.LAYER_EPCI, texts.LAYER_CPTS,
                                                          texts.LAYER_STRUCTURES]
    assert [label for _, label in settings["statuses"]] == [texts.STATUS_LABELS[s] for s in STATUSES]
    assert settings["text"]["shown"] == texts.STRUCTURES_SHOWN and settings["total"] == len(load_structures("29"))
    # no tile is asked for by the offline map: the online backgrounds are choices, created only when picked
    assert "L.tileLayer(choice[2]" in script and "tile.openstreetmap.org" not in script.split("carteMapControls(")[0]


def test_control_labels_reach_the_page_as_text_only():
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}"
    script, _ = controls_map(lambda s: s["text"].update(title=hostile))
    assert "</script><script>" not in script and "<img" not in script and "{{ 7*7 }}" not in script
    assert "\\u003c/script\\u003e" in script
    # the browser side puts labels with textContent, never as HTML
    assert "innerHTML" not in controls.JS and "insertAdjacentHTML" not in controls.JS
    assert "textContent" in controls.JS


def test_markers_carry_the_kind_and_status_the_filters_read():
    structures = load_structures("29").head(3).assign(status=["Ouvert ", "projet", "ANNONCE"])
    props = [f["p"] for f in maps.structure_features(structures)]
    assert [p["k"] for p in props] == list(structures["kind"])
    assert [p["t"] for p in props] == ["ouvert", "projet", "annonce"]  # as geo.structures.selected reads them


def test_every_commune_has_its_class_in_every_colouring():
    communes = load_communes("29")
    colourings, shades = mapdata.commune_shades(communes)
    assert list(colourings) == ["population", "densite"] and len(shades) == len(communes)
    fill, _ = mapdata.commune_fill(communes, "densite")
    assert [colourings["densite"].colors[row[1]] for row in shades] == list(fill)


def test_read_view_takes_a_links_view_and_names_what_it_ignores():
    view, notices = controls.read_view(
        {"couches": "cpts, osm", "filtres": "msp,ouvert,xx", "couleur": "population", "centre": "48.4,-4.5",
         "zoom": "10.5", "commune": "29019"}, ["msp", "cds_polyvalent"], {"29019"})
    assert view == controls.MapView(layers=("cpts",), background="osm", kinds=("msp",), statuses=("ouvert",),
                                    colour="population", centre=(48.4, -4.5), zoom=10.5, commune="29019")
    assert notices == [texts.LINK_BAD_VALUE.format(name="filtres", value="xx")]
    default, none = controls.read_view({}, ["msp"], set())
    assert default == controls.MapView(kinds=("msp",)) and none == []
    empty, _ = controls.read_view({"couches": "", "filtres": ""}, ["msp"], set())
    assert empty.layers == () and empty.kinds == () and empty.statuses == ()  # a link may hide everything

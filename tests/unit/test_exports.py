"""Exports fit for a slide: the map as SVG and PNG drawn from our geometries with its stamp; CSV provenance."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pytest
from PIL import Image
from shapely.geometry import Point, Polygon, box

from geo import texts
from geo.excel_csv import Provenance, to_excel_csv
from geo.exports import layout, mapview, scene
from geo.exports.png import write_png
from geo.maps import labels
from geo.reference import WGS84

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 12, 3)
ALL = {"communes": True, "epci": True, "cpts": True, "structures": True}
EVIL = "<script>alert('x')</script> & Cie"


def communes() -> gpd.GeoDataFrame:
    cells = [box(-4.5 + 0.2 * i, 48.0, -4.3 + 0.2 * i, 48.2) for i in range(3)]
    return gpd.GeoDataFrame(
        {"code": ["29001", "29002", "29003"], "nom": ["Brest", EVIL, "Morlaix"], "population": [140000, 900, 15000],
         "epci_nom": ["Brest Métropole", "Brest Métropole", "Morlaix Communauté"]},
        geometry=cells, crs=WGS84)


def structures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"kind": ["msp", "msp", "cds_polyvalent"], "status": ["ouvert", "projet", "ouvert"], "name": ["A", "B", "C"]},
        geometry=[Point(-4.4, 48.1), Point(-4.2, 48.1), Point(-4.0, 48.1)], crs=WGS84)


def perimeters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"status": ["en fonctionnement"]}, geometry=[box(-4.5, 48.0, -4.1, 48.2)], crs=WGS84)


def layers(**changes) -> mapview.MapLayers:
    base = dict(communes=communes(), structures=structures(), perimeters=perimeters(), show=ALL,
                kinds={"msp", "cds_polyvalent"}, statuses={"ouvert", "projet"},
                places=labels.place_names(communes(), "Finistère"))
    return mapview.MapLayers(**(base | changes))


def svg_of(data: mapview.MapLayers, view=(-4.6, 47.9, -3.8, 48.3)) -> ET.Element:
    return ET.fromstring(mapview.render(mapview.map_scene(data, view, "29 – Finistère", TODAY), "svg"))


def drawn_texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_svg_carries_title_legend_source_and_date():
    root = svg_of(layers())
    words = drawn_texts(root)
    assert root.get("width") == "1600" and root.get("height") == "900"
    assert texts.EXPORT_MAP_TITLE.format(title=texts.CARTE_TITLE, territory="29 – Finistère") in words
    shown = ", ".join([texts.LAYER_COMMUNES, texts.LAYER_EPCI, texts.LAYER_CPTS, texts.LAYER_STRUCTURES])
    assert texts.EXPORT_DATE_LINE.format(date="03/12/2026", layers=shown) in words
    written = " ".join(words)  # long labels and the source are wrapped over several lines
    for label in (texts.KIND_LABELS["msp"], texts.LEGEND_CPTS, texts.LEGEND_STATUS, texts.STATUS_LABELS["projet"],
                  texts.MAP_SOURCE):
        assert label in written, label


def test_svg_draws_the_current_filters_and_layers():
    everything = svg_of(layers())
    opened_only = svg_of(layers(statuses={"ouvert"}))
    no_cpts = svg_of(layers(show=ALL | {"cpts": False}))

    def markers(root: ET.Element) -> int:  # the markers sit in the clipped map group, the legend's circles do not
        return len(root.findall(f".//{SVG}g/{SVG}circle"))

    assert markers(everything) == 3
    assert markers(opened_only) == 2
    assert texts.STATUS_LABELS["projet"] not in drawn_texts(opened_only)
    assert texts.LEGEND_CPTS in drawn_texts(everything) and texts.LEGEND_CPTS not in drawn_texts(no_cpts)
    assert "stroke-dasharray" not in mapview.render(
        mapview.map_scene(layers(show=ALL | {"cpts": False}), (-4.6, 47.9, -3.8, 48.3), "x", TODAY), "svg").decode()


def test_place_names_are_escaped_text_and_follow_the_zoom():
    data = layers()
    near = scene.view_of((48.1, -4.2), 12.5, *layout.MAP_SIZE)
    raw = mapview.render(mapview.map_scene(data, near, "x", TODAY), "svg").decode()
    assert "<script>" not in raw
    assert EVIL in drawn_texts(ET.fromstring(raw))  # the name reads as it is written, as text
    far = drawn_texts(svg_of(data, view=scene.view_of((48.1, -4.2), 7.5, *layout.MAP_SIZE)))
    assert "Finistère" in far and EVIL not in far  # zoomed out: the département, not a small commune


def test_png_is_a_slide_with_its_stamp():
    data = layers()
    page = layout.lay_out(mapview.map_scene(data, (-4.6, 47.9, -3.8, 48.3), "29 – Finistère", TODAY))
    image = Image.open(io.BytesIO(write_png(page)))
    assert image.format == "PNG" and image.size == (1600, 900)
    gray = image.convert("L")
    title = gray.crop((layout.MARGIN, 20, 700, 20 + layout.TITLE_SIZE + 10))
    assert title.getextrema()[0] < 60  # dark title letters on the white band
    legend = gray.crop((1600 - layout.LEGEND_WIDTH, layout.HEADER, 1600, 500))
    assert legend.getextrema()[0] < 100
    x, y, w, h = page.map_box
    assert image.getpixel((int(x + 3), int(y + 3)))[:3] == (0xD4, 0xE6, 0xF1)  # the sea, no tile


def test_png_fills_leave_holes_open():
    ring = Polygon(box(-4.6, 47.9, -3.8, 48.3).exterior, [box(-4.3, 48.0, -4.1, 48.2).exterior])
    data = layers(communes=gpd.GeoDataFrame({"code": ["1"], "nom": ["A"], "population": [1], "epci_nom": [""]},
                                             geometry=[ring], crs=WGS84), show={"communes": True}, places=[])
    page = layout.lay_out(mapview.map_scene(data, (-4.6, 47.9, -3.8, 48.3), "x", TODAY))
    image = Image.open(io.BytesIO(write_png(page))).convert("RGB")
    x, y, w, h = page.map_box
    assert image.getpixel((int(x + w / 2), int(y + h / 2))) == (0xD4, 0xE6, 0xF1)  # the hole shows the sea
    assert image.getpixel((int(x + w / 2), int(y + 10))) != (0xD4, 0xE6, 0xF1)  # the ring is filled


def test_view_and_zoom_agree():
    view = scene.view_of((48.2, -4.1), 9.5, 1200, 700)
    assert scene.zoom_of(view, 1200, 700) == pytest.approx(9.5, abs=1e-6)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        mapview.render(mapview.map_scene(layers(), (-4.6, 47.9, -3.8, 48.3), "x", TODAY), "gif")


def test_csv_header_block_gives_source_date_and_filters():
    about = Provenance("=cmd|' /C calc'!A0", TODAY, ((texts.CSV_FILTER_TERRITORY, "29 – Finistère"),))
    data = to_excel_csv(pd.DataFrame({"taux": [0.5, 1.25]}), about)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith(f"{texts.CSV_SOURCE};'=cmd")  # neutralised: a source never runs as a formula
    assert lines[1] == f"{texts.CSV_DATE};03/12/2026"
    assert lines[2] == f"{texts.CSV_FILTERS};{texts.CSV_FILTER_TERRITORY} : 29 – Finistère"
    assert lines[3:6] == ["", "taux", "0,5"]


def test_csv_without_filters_says_so():
    lines = to_excel_csv(pd.DataFrame({"a": [1]}), Provenance("S", TODAY)).decode("utf-8-sig").split("\r\n")
    assert lines[2] == f"{texts.CSV_FILTERS};{texts.CSV_NO_FILTER}"


def test_svg_keeps_the_box_it_draws_and_its_shapes_follow_it():
    west = svg_of(layers(), view=(-4.6, 47.9, -4.2, 48.3))
    east = svg_of(layers(), view=(-4.2, 47.9, -3.8, 48.3))
    group = f"{SVG}g"
    assert [float(v) for v in west.find(group).get("data-view").split()] == [-4.6, 47.9, -4.2, 48.3]

    def marker_xs(root: ET.Element) -> list[float]:
        return sorted(float(c.get("cx")) for c in root.findall(f"{group}/{SVG}circle"))

    assert all(a > b for a, b in zip(marker_xs(west), marker_xs(east), strict=True))  # a box to the east: drawn left

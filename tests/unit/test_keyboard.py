"""The map frame's French name (geo.maps.keyboard.FrameName): written into the map's script as data."""

from __future__ import annotations

import json
import re

import folium

from geo import texts
from geo.maps.keyboard import FrameName


def rendered(title: str) -> str:
    m = folium.Map(location=[48.2, -4.1], zoom_start=9, tiles=None)
    FrameName(title).add_to(m)
    return m.get_root().render()


def test_the_name_reaches_the_frame_as_the_title_and_the_mark():
    html = rendered(texts.MAP_FRAME_TITLE.format(territory="29 – Finistère"))
    literal = re.search(r"title = JSON\.parse\((\"(?:[^\"\\]|\\.)*\")\)", html)
    assert literal and json.loads(json.loads(literal.group(1))) == (
        "Carte interactive : communes, CPTS et structures — 29 – Finistère")
    assert 'frame.setAttribute("title", title)' in html and 'setAttribute("data-carte-map", "")' in html


def test_a_hostile_name_from_an_imported_layer_stays_text():
    """A CPTS's name comes from a file: it can neither close the script nor be run by the server's Jinja."""
    name = "CPTS </script><script>alert(1)</script> {{ 7 * 7 }}"
    html = rendered(texts.MAP_FRAME_TITLE_FICHE.format(territory=name))
    assert "<script>alert(1)" not in html and "{{ 7 * 7 }}" not in html
    literal = re.search(r"title = JSON\.parse\((\"(?:[^\"\\]|\\.)*\")\)", html)
    assert json.loads(json.loads(literal.group(1))).endswith(name)

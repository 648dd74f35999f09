"""Offline place names: which names show at which zoom, and written as text only."""

from __future__ import annotations

import folium

from geo.maps import labels
from tests.unit.test_exports import EVIL, communes


def test_place_name_tiers():
    names = labels.place_names(communes(), "Finistère")
    by_text = {n.text: n for n in names}
    assert by_text["Finistère"].shows_at(8) and not by_text["Finistère"].shows_at(11)
    assert by_text["Brest Métropole"].kind == "epci" and by_text["Brest Métropole"].shows_at(10)
    assert by_text["Brest"].shows_at(8.5)  # the largest communes show at the département's view
    assert [n.text for n in labels.shown_at(names, 13) if n.kind == "commune"] == ["Brest", "Morlaix", EVIL]


def test_labels_layer_writes_names_as_text_only():
    m = folium.Map(tiles=None)
    labels.labels_layer(labels.place_names(communes(), "Finistère"), scale=1.5).add_to(m)
    html = m.get_root().render()
    assert "textContent = l[2]" in html and "<script>alert" not in html
    assert "font-size:18px" in html  # communes at 12 px, times 1.5 when presenting

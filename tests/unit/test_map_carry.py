"""What the Carte's map is told about its link, so it can carry the viewer's choices to the next map (controls.js):
how the link spelled layers, filters and colouring, and whether it is a story's step (which shows what it saved)."""

from __future__ import annotations

from geo.maps import controls
from geo.maps.styles import Classes
from geo.structures import STATUSES

CLASSES = {key: Classes((10.0,), ("#ffffff",)) for key in controls.COLOURINGS}


def test_the_map_knows_how_its_link_spelled_the_choices_it_may_carry():
    view, _ = controls.read_view({"territoire": "D29", "couches": "cpts,x", "couleur": "densite", "zoom": "10",
                                  "centre": "48.4,-4.5"}, ["msp"], set())
    settings = controls.config(view, ["msp"], 1, CLASSES)
    # as the link said it (an unknown value included: the server's copy is compared, not the view); never the
    # centre or the zoom, which stay with their territory
    assert settings["carry"] == {"linked": {"couches": "cpts,x", "couleur": "densite"}, "allowed": True}
    assert view == controls.MapView(layers=("cpts",), kinds=("msp",), statuses=tuple(STATUSES), colour="densite",
                                    centre=(48.4, -4.5), zoom=10.0)  # how the link spelled it is not the view


def test_a_story_step_and_a_bare_link_are_told_apart():
    story, _ = controls.read_view({"histoire": "webinaire", "etape": "2"}, ["msp"], set())
    bare, _ = controls.read_view({}, ["msp"], set())
    assert controls.config(story, ["msp"], 1, CLASSES)["carry"] == {"linked": {}, "allowed": False}
    assert controls.config(bare, ["msp"], 1, CLASSES)["carry"] == {"linked": {}, "allowed": True}

"""« What if » scenarios: hypothetical MSP, extended or new CPTS perimeters — never mixed with the stored layers.

A scenario is a small value (communes getting an MSP, communes added to a
CPTS, a new CPTS), carried in the page's URL (``?scenario=…``, compact JSON)
so it can be shared, and optionally saved by name as a JSON file in the
``scenarios`` folder beside the layer store. Applying it gives new frames;
the layers it was applied to are left as they were.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.structures import conform
from geo.territories import CPTS_COLUMNS, cpts_id

MAX_TEXT = 6000
MAX_ITEMS = 400
_NAME = re.compile(r"[\w ’'\-]{1,60}")


class ScenarioError(ValueError):
    """A scenario that cannot be read: the message is French, for the page."""


@dataclass(frozen=True)
class Scenario:
    msp: tuple[str, ...] = ()  # communes that get a hypothetical MSP
    extend_id: str = ""  # an existing CPTS that gets the communes below
    extend: tuple[str, ...] = ()
    new_name: str = ""  # a new CPTS made of the communes below
    new: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.msp or (self.extend_id and self.extend) or (self.new_name and self.new))

    def encode(self) -> str:
        """Compact JSON for the URL; empty parts left out.

        >>> Scenario(msp=("29026",)).encode()
        '{"m":["29026"]}'
        """
        data = {"m": list(self.msp), "e": [self.extend_id, list(self.extend)] if self.extend_id else [],
                "n": [self.new_name, list(self.new)] if self.new_name else []}
        return json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False, separators=(",", ":"))


def _error(key: str, **values: str) -> ScenarioError:
    return ScenarioError(texts.SCENARIO_ERRORS[key].format(**values))


def _codes(value: object, known: set[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(isinstance(v, str) for v in value):
        raise _error("shape")
    for code in value:
        if code not in known:
            raise _error("commune", code=code[:12])
    return tuple(dict.fromkeys(value))


def decode(text: str, communes: set[str], cpts_ids: set[str]) -> Scenario:
    """A scenario from its URL text, checked against the département's communes and CPTS."""
    if len(text) > MAX_TEXT:
        raise _error("size")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _error("json") from exc
    if not isinstance(data, dict) or set(data) - {"m", "e", "n"}:
        raise _error("shape")
    msp = _codes(data.get("m", []), communes)
    extend_id, new_name = "", ""
    extend: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    for key in ("e", "n"):
        part = data.get(key, [])
        if part == []:
            continue
        if not (isinstance(part, list) and len(part) == 2 and isinstance(part[0], str)):
            raise _error("shape")
        if key == "e":
            if part[0] not in cpts_ids:
                raise _error("cpts", code=part[0][:40])
            extend_id, extend = part[0], _codes(part[1], communes)
        else:
            if not _NAME.fullmatch(part[0]):
                raise _error("shape")
            new_name, new = part[0], _codes(part[1], communes)
    return Scenario(msp, extend_id, extend, new_name, new)


# --- Applying --------------------------------------------------------------------


def with_hypothetical_msp(structures: gpd.GeoDataFrame, communes: gpd.GeoDataFrame,
                          scenario: Scenario) -> gpd.GeoDataFrame:
    """The structures plus one open MSP at the inner point of each scenario commune, marked as a scenario."""
    chosen = communes[communes["code"].isin(set(scenario.msp))]
    if chosen.empty:
        return structures
    points = chosen.geometry.to_crs("EPSG:2154").representative_point().to_crs(structures.crs or "EPSG:4326")
    added = gpd.GeoDataFrame({
        "id": "scenario-" + chosen["code"],
        "name": [texts.FICHE_TIP_HYPOTHETICAL.format(commune=n) for n in chosen["nom"]],
        "kind": "msp", "status": "ouvert", "commune_code": chosen["code"], "commune": chosen["nom"],
        "position_source": "commune", "source": texts.SCENARIO_LABEL,
    }, geometry=points.to_numpy(), crs=points.crs)
    return conform(gpd.GeoDataFrame(pd.concat([structures, added], ignore_index=True), crs=structures.crs))


def with_cpts_changes(table: pd.DataFrame, members: pd.DataFrame,
                      scenario: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CPTS table and memberships with the scenario's extension and new perimeter."""
    added = []
    if scenario.extend_id:
        added.append(pd.DataFrame({"cpts_id": scenario.extend_id, "commune_code": list(scenario.extend)}))
    if scenario.new_name and scenario.new:
        new_id = cpts_id(scenario.new_name)
        row = {c: "" for c in CPTS_COLUMNS} | {"id": new_id, "name": scenario.new_name, "status": "projet",
                                              "source": texts.SCENARIO_LABEL}
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
        added.append(pd.DataFrame({"cpts_id": new_id, "commune_code": list(scenario.new)}))
    if added:
        members = pd.concat([members, *added], ignore_index=True).drop_duplicates().reset_index(drop=True)
    return table, members


# --- Saving by name --------------------------------------------------------------


def scenarios_dir(store_dir: Path) -> Path:
    return store_dir / "scenarios"


def check_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not _NAME.fullmatch(name):
        raise ScenarioError(texts.SCENARIO_BAD_NAME)
    return name


def save(folder: Path, name: str, dep: str, scenario: Scenario) -> Path:
    """Write `name`.json whole or not at all (temporary file, then an atomic rename)."""
    name = check_name(name)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.json"
    payload = json.dumps({"name": name, "departement": dep, "scenario": scenario.encode()}, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def saved(folder: Path, dep: str) -> dict[str, str]:
    """Name -> encoded scenario of the saved scenarios of `dep` (unreadable files are passed over)."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("departement") == dep and isinstance(data.get("scenario"), str):
            out[str(data.get("name", path.stem))] = data["scenario"]
    return out

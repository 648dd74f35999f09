"""The national map of the départements, the table behind it, and the panel beside it.

Offline: the map is a MapLibre ``Choroplethmap`` on a blank style (no tiles,
no topojson from a CDN; plotly.js ships inside Streamlit).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely import affinity

from geo import barometer, reference, texts, zones
from geo.charts.style import BLUE, GREY, RED, base_layout, size, source_text, with_source

# Overseas départements are drawn in boxes west of the Bay of Biscay (the usual
# French inset), each scaled to fit its box, its name in the gap under it (a name
# left of the box was cut at the figure's edge when the map is narrow).
OVERSEAS = ["971", "972", "973", "974", "976"]
INSET_WIDTH, INSET_HEIGHT, INSET_GAP = 2.3, 1.25, 0.55
INSET_LEFT, INSET_TOP = -9.6, 50.4
MAP_CENTER = dict(lon=0.6, lat=46.1)
MAP_ZOOM = 4.5
# Presentation mode stretches the map to the height a 1280×720 screen leaves under the tabs (about 290 px of plot
# against 570 here), and the map's zoom cannot follow the plot's height: one zoom step out keeps France and its
# insets whole on the smallest screen (a larger one shows the same map with more room around it).
PRESENTING_ZOOM = MAP_ZOOM - 1.0
MAP_TOLERANCE = 0.01  # degrees (~1 km)


def inset_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Code -> (minx, miny, maxx, maxy) of its inset box."""
    boxes = {}
    for i, code in enumerate(OVERSEAS):
        maxy = INSET_TOP - i * (INSET_HEIGHT + INSET_GAP)
        boxes[code] = (INSET_LEFT, maxy - INSET_HEIGHT, INSET_LEFT + INSET_WIDTH, maxy)
    return boxes


def _fit(geometry: shapely.Geometry, box: tuple[float, float, float, float]) -> shapely.Geometry:
    """Scale and move `geometry` into `box`, keeping its shape (corrected for latitude)."""
    minx, miny, maxx, maxy = geometry.bounds
    bx0, by0, bx1, by1 = box
    src_lat, dst_lat = (miny + maxy) / 2, (by0 + by1) / 2
    stretch = math.cos(math.radians(src_lat)) / math.cos(math.radians(dst_lat))  # lon degrees shrink with latitude
    width, height = (maxx - minx) * stretch, maxy - miny
    scale = 0.86 * min((bx1 - bx0) / width, (by1 - by0) / height)
    moved = affinity.scale(geometry, xfact=scale * stretch, yfact=scale, origin=((minx + maxx) / 2, (miny + maxy) / 2))
    return affinity.translate(moved, (bx0 + bx1) / 2 - (minx + maxx) / 2, (by0 + by1) / 2 - (miny + maxy) / 2)


@lru_cache(maxsize=1)
def departements_geojson() -> str:
    """The 101 départements as GeoJSON text, simplified for a national map, overseas ones moved into insets."""
    deps = reference.load_departements()[["code", "nom", "geometry"]].copy()
    boxes = inset_boxes()
    deps["geometry"] = [
        _fit(geom, boxes[code]) if code in boxes else geom for code, geom in zip(deps["code"], deps["geometry"], strict=True)
    ]
    # National scale: ~1 km of detail is plenty, and every rerun copies this GeoJSON (plotly validation
    # and serialisation), so simplify as a coverage (shared borders stay shared) and round to 3 decimals.
    simplified = shapely.coverage_simplify(deps.geometry.values, MAP_TOLERANCE)
    on_grid = shapely.set_precision(simplified, 1e-3)  # snaps and keeps polygons valid
    deps["geometry"] = shapely.transform(on_grid, lambda xy: np.round(xy, 3))  # short decimals in the JSON
    return str(deps.to_json(drop_id=True))


@lru_cache(maxsize=1)
def _geojson_dict() -> dict[str, Any]:
    geojson: dict[str, Any] = json.loads(departements_geojson())
    return geojson


def inset_outlines() -> tuple[list[float | None], list[float | None]]:
    lons, lats = [], []
    for x0, y0, x1, y1 in inset_boxes().values():
        lons += [x0, x1, x1, x0, x0, None]
        lats += [y0, y0, y1, y1, y0, None]
    return lons, lats


def map_table(metric: str, schedule: barometer.Schedule | str = barometer.DEFAULT_SCHEDULE) -> pd.DataFrame:
    """One row per département for the map: code, name, value to colour, hover text, and the figures."""
    kind, ind_id = metric.split(":")
    ind = barometer.INDICATORS[ind_id]
    frame = barometer.ranking(ind_id, schedule)
    out = pd.DataFrame({
        "code": zones.departement_codes(frame["zone"]),
        "name": frame["name"],
        "region": frame["region"],
        "value": frame["rate"] if kind == "rate" else frame["last_value"],
        "last_value": frame["last_value"],
        "last_date": frame["last_date"],
        "target_value": frame["target_value"],
        "target_date": frame["target_date"],
        "rate": frame["rate"],
        "rank": frame["rank"],
    })
    out["hover"] = [
        texts.COUV_MAP_HOVER.format(
            name=texts.esc(r.name), code=r.code, label=ind.short, last=ind.fmt(r.last_value),
            date=texts.fmt_month(r.last_date), target=ind.fmt(r.target_value), rate=texts.fmt_pct(r.rate),
            rank=r.rank, total=len(out),
        )
        for r in out.itertuples()
    ]
    return out.sort_values("code").reset_index(drop=True)


def inset_shift(lon: float, lat: float, zoom: float = MAP_ZOOM) -> tuple[float, float]:
    """Pixels from the map's centre to (lon, lat), right and up (Web Mercator, MapLibre's 512-pixel tiles).

    The map neither pans nor zooms (dragmode off, no scroll zoom), so a point stays at this offset
    from the centre of the plot whatever the figure's width: paper annotations can label it.
    """
    world = 512 * 2 ** zoom

    def y(lat_: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat_) / 2))

    return ((lon - MAP_CENTER["lon"]) / 360 * world, (y(lat) - y(MAP_CENTER["lat"])) / (2 * math.pi) * world)


def add_inset_labels(fig: go.Figure, presenting: bool = False) -> None:
    """The overseas départements' names beside their boxes (MapLibre text would fetch fonts from the network):
    under each box, or on a shared screen (boxes half as tall, text larger) to its left, where the sea is empty."""
    zoom = PRESENTING_ZOOM if presenting else MAP_ZOOM
    for code, (x0, y0, x1, y1) in inset_boxes().items():
        if presenting:
            (dx, dy), place = inset_shift(x0, (y0 + y1) / 2, zoom), dict(xanchor="right", yanchor="middle")
            dx -= 6
        else:
            (dx, dy), place = inset_shift((x0 + x1) / 2, y0, zoom), dict(xanchor="center", yanchor="top")
            dy -= 1
        fig.add_annotation(
            text=texts.COUV_MAP_OVERSEAS_LABELS[code], xref="paper", yref="paper", x=0.5, y=0.5,
            xshift=dx, yshift=dy, showarrow=False, font=dict(size=16 if presenting else 12, color=GREY), borderpad=0,
            **place,
        )


def departements_map(table: pd.DataFrame, metric: str, selected: str | None, height: int = 680,
                     presenting: bool = False) -> go.Figure:
    """Choropleth of the départements (click = select). `selected` is a département code ('29') or None.

    `presenting`: larger fonts for a shared screen (presentation mode).
    """
    label = texts.COUV_MAP_METRICS[metric]
    widths = np.where(table["code"] == selected, 3.5, 0.6)
    # Grey borders: a département at 0 % (the palest blue) must still stand out from the blank background.
    colors = np.where(table["code"] == selected, RED, "#b5b5b5")
    fig = go.Figure(go.Choroplethmap(
        geojson=_geojson_dict(), featureidkey="properties.code", locations=table["code"], z=table["value"],
        zmin=0, zmax=100, colorscale=[[0, "#e6e6fb"], [0.5, "#8585f6"], [1, BLUE]],
        marker=dict(line=dict(width=widths, color=colors), opacity=0.95),
        hovertext=table["hover"], hoverinfo="text", customdata=table["code"],
        colorbar=dict(title=dict(text="%", side="top"), ticksuffix=" %", len=0.55, thickness=size(14, presenting), x=1.0,
                      xanchor="right", tickfont=dict(size=size(12, presenting))),
        name="",
    ))
    lons, lats = inset_outlines()
    fig.add_trace(go.Scattermap(lon=lons, lat=lats, mode="lines", line=dict(color="#929292", width=1),
                                hoverinfo="skip", showlegend=False))
    base_layout(fig, texts.COUV_MAP_TITLE.format(metric=label), height, presenting)
    fig.update_layout(height=height + (50 if presenting else 0))  # room for the larger texts (the page may stretch it)
    fig.update_layout(
        map=dict(style="white-bg", center=MAP_CENTER, zoom=PRESENTING_ZOOM if presenting else MAP_ZOOM),
        margin=dict(l=0, r=0, t=size(50, presenting), b=60), clickmode="event+select", dragmode=False,
    )
    add_inset_labels(fig, presenting)
    kind, ind_id = metric.split(":")
    return with_source(fig, source_text([ind_id], texts.COUV_MAP_SOURCE_EXTRA), bottom=60, presenting=presenting)


def map_export(table: pd.DataFrame) -> pd.DataFrame:
    """The map's table for its CSV: the figures under French column names, without the drawing's columns."""
    return table.drop(columns=["hover", "value"]).rename(columns=texts.COUV_MAP_CSV_COLUMNS)


def map_selected_text(table: pd.DataFrame, metric: str, zone: str) -> str | None:
    """The side panel's text for the selected département, None when the zone is none on the map."""
    row = table[table["code"] == zones.departement_code(zone)]
    return None if row.empty else map_panel_text(row.iloc[0], metric, len(table))


def zone_from_selection(selection: Any) -> str | None:
    """The département zone ('D29') clicked on the map, from st.plotly_chart's selection state."""
    if not selection:
        return None
    points = selection.get("points") if hasattr(selection, "get") else None
    for point in points or []:
        location = point.get("location") if hasattr(point, "get") else None
        if location:
            return zones.departement_id(str(location))
    return None


def map_panel_text(row: Any, metric: str, total: int) -> str:
    """Markdown beside the map: the selected département's figures for the coloured indicator."""
    kind, ind_id = metric.split(":")
    ind = barometer.INDICATORS[ind_id]
    return texts.COUV_MAP_PANEL.format(
        name=texts.esc(row["name"]), code=row["code"], label=ind.label, last=ind.fmt(row["last_value"]),
        date=texts.fmt_month(row["last_date"]), target=ind.fmt(row["target_value"]),
        target_date=texts.fmt_month(row["target_date"]), rate=texts.fmt_pct(row["rate"]), rank=int(row["rank"]), total=total,
    )

"""The maps and exports users open: ``index.html`` (every date, computed in the browser), a folium map per
date, GeoJSON per date, ``timeline.geojson``, zones per date and ``territory.gpkg``.

Everything works offline: Leaflet is copied from the npm registry into ``mapper/static/leaflet`` at install
time (``make install``) and written beside the pages (``lib/``) or inlined (``mapper snapshot --format
html``). The base layer is the bundled country and governorate outlines; OpenStreetMap tiles are an online
extra in the layer control, off by default. Text from reports reaches the pages only as JSON data and is put
on screen with ``textContent``: no script from an article can run.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from ._errors import MapperError
from ._io import atomic_copy, atomic_write_text
from ._plain import plain
from .claims import STATUSES as CLAIM_STATUSES
from .geometry import from_equal_area
from .snapshot import snapshot_features

__all__ = ["AssetError", "date_map_html", "index_html", "write_site"]

STATUSES = (*CLAIM_STATUSES, "unknown")


class AssetError(MapperError):
    """Leaflet is not installed beside the package."""


def _static(name: str) -> Any:
    return resources.files("mapper").joinpath("static").joinpath(name)


def _leaflet_dir() -> Path:
    path = Path(str(_static("leaflet")))
    if not (path / "leaflet.js").exists():
        raise AssetError("Leaflet is missing from mapper/static/leaflet: run `make install` (or `npm ci && "
                         "python tools/vendor_assets.py`) so the maps work offline")
    return path


def _inline_css(css: str, images: Path) -> str:
    """Leaflet's CSS with its images as data: URIs (a standalone page loads nothing)."""
    def repl(m: re.Match[str]) -> str:
        f = images / Path(m.group(1)).name
        if not f.exists():
            return m.group(0)
        return "url(data:image/png;base64," + base64.b64encode(f.read_bytes()).decode("ascii") + ")"
    return re.sub(r"url\((?:images/)([^)]+\.png)\)", repl, css)


def _leaflet_inline() -> tuple[str, str]:
    d = _leaflet_dir()
    js = (d / "leaflet.js").read_text(encoding="utf-8")
    css = _inline_css((d / "leaflet.css").read_text(encoding="utf-8"), d / "images")
    return js, css


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element ('<' escaped, so no '</script>' can close it)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _actors() -> dict[str, dict[str, str]]:
    from .actors import load_actors

    return {a.id: {"name": a.name, "colour": a.colour} for a in load_actors()}


def _outlines(bounds: tuple[float, float, float, float] | None) -> dict[str, Any]:
    """Country outlines of the theatre and Syria's governorates, as GeoJSON (simplified); a fresh copy."""
    return dict(json.loads(_outlines_json(bounds)))


@functools.lru_cache(maxsize=8)
def _outlines_json(bounds: tuple[float, float, float, float] | None) -> str:
    from gazetteer.geo import country_shapes
    from gazetteer.sources import data_path

    feats = []
    for iso, geom in sorted(country_shapes().items()):
        if bounds is not None and not shapely.intersects(geom, shapely.box(*bounds)):
            continue
        g = shapely.simplify(geom, 0.01, preserve_topology=True)
        feats.append({"type": "Feature", "properties": {"iso": iso, "level": "country"},
                      "geometry": json.loads(shapely.to_geojson(shapely.set_precision(g, 0.0001)))})
    admin1 = json.loads(data_path("syria_admin1.geojson").read_text(encoding="utf-8"))
    for f in admin1["features"]:
        g = shapely.simplify(shapely.geometry.shape(f["geometry"]), 0.005, preserve_topology=True)
        feats.append({"type": "Feature", "properties": {"name": f["properties"].get("NAME_EN", ""),
                                                        "level": "admin1"},
                      "geometry": json.loads(shapely.to_geojson(shapely.set_precision(g, 0.0001)))})
    return json.dumps({"type": "FeatureCollection", "features": feats})


def _latlng_rings(geom: Any) -> list[Any]:
    """Leaflet polygon coordinates ([lat, lon] rings) of a (Multi)Polygon in EPSG:4326."""
    out = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        rings = [poly.exterior, *poly.interiors]
        out.append([[[round(y, 4), round(x, 4)] for x, y in r.coords] for r in rings])
    return out


def _to_wgs84(geoms: np.ndarray) -> np.ndarray:
    return np.asarray(shapely.transform(geoms, lambda xy: np.column_stack(from_equal_area(xy[:, 0], xy[:, 1]))),
                      dtype=object)


def page_data(model: Any, territory: Any, *, maps: dict[str, str] | None = None,
              title: str = "territory-mapper", dates: list[str] | None = None) -> dict[str, Any]:
    """What index.html receives: the intervals once (columns, strings in one table), places, cells, edges.

    ``dates`` are the slider's steps (default: the dates where control changed).
    """
    table = model.intervals()
    places = model.places.set_index("place_id")
    ids = sorted(set(table["place_id"]) & set(places.index))
    pindex = {pid: i for i, pid in enumerate(ids)}
    table = table[table["place_id"].isin(pindex)]
    strings: dict[str, int] = {"": 0}

    def s(v: Any) -> int:
        value = plain(v)
        return strings.setdefault("" if value is None else str(value), len(strings))

    actor_list = sorted({a for a in table["actor"] if isinstance(a, str)})
    aidx = {a: i for i, a in enumerate(actor_list)}
    epoch = dt.date(1970, 1, 1)
    cols: dict[str, list[Any]] = {k: [] for k in ("place", "start", "end", "actor", "status", "actors", "confidence",
                                                  "reports", "evidence", "source", "url", "evidence_date",
                                                  "origin", "note")}
    for r in table.itertuples(index=False):
        cols["place"].append(pindex[r.place_id])
        cols["start"].append((r.start - epoch).days)
        cols["end"].append(-1 if r.end is None else (r.end - epoch).days)
        cols["actor"].append(aidx.get(r.actor, -1) if isinstance(r.actor, str) else -1)
        cols["status"].append(STATUSES.index(r.status) if r.status in STATUSES else 3)
        cols["actors"].append(s(r.actors))
        cols["confidence"].append(round(float(r.confidence), 3))
        cols["reports"].append(int(r.reports))
        for c in ("evidence", "source", "url", "evidence_date", "origin", "note"):
            cols[c].append(s(getattr(r, c)))
    place_rows = [[pid, str(places.at[pid, "name"]), round(float(places.at[pid, "lat"]), 5),
                   round(float(places.at[pid, "lon"]), 5)] for pid in ids]
    cells, edges = [], []
    if territory is not None and len(territory.place_ids):
        trow = {pid: i for i, pid in enumerate(territory.place_ids)}
        geoms = _to_wgs84(shapely.simplify(territory.cells, 100.0))
        for pid in ids:
            i = trow.get(pid)
            if i is not None and not shapely.is_empty(geoms[i]):
                cells.append([pindex[pid], _latlng_rings(geoms[i])])
        pairs, shared = territory.edges()
        if len(pairs):
            for (a, b), line in zip(pairs, _to_wgs84(shared), strict=True):
                pa, pb = territory.place_ids[a], territory.place_ids[b]
                if pa in pindex and pb in pindex:
                    coords = [[round(y, 4), round(x, 4)] for part in shapely.get_parts(line)
                              if part.geom_type == "LineString" for x, y in part.coords]
                    if len(coords) >= 2:
                        edges.append([pindex[pa], pindex[pb], coords])
    lat = [p[2] for p in place_rows]
    lon = [p[3] for p in place_rows]
    bounds = (min(lon) - 3, min(lat) - 3, max(lon) + 3, max(lat) + 3) if place_rows else None
    from .territory import ALLIES

    return {
        "title": title, "dates": dates if dates is not None else [d.isoformat() for d in model.dates()],
        "actors": _actors(),
        "actorList": actor_list, "statuses": list(STATUSES), "allies": [sorted(p) for p in sorted(ALLIES, key=sorted)],
        "strings": list(strings), "places": place_rows, "intervals": cols, "cells": cells, "edges": edges,
        "outlines": _outlines(bounds), "maps": maps or {},
    }


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'unsafe-inline'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data: https://tile.openstreetmap.org; connect-src 'none'">
<title>{title}</title>
{leaflet_css}
<style>{css}</style>
</head>
<body>
<div id="map"></div>
<div id="tm-panel">
  <div class="tm-controls">
    <button id="tm-prev" title="previous change (left arrow)">&#x25C0; prev</button>
    <button id="tm-play" title="play">&#x25B6;</button>
    <button id="tm-next" title="next change (right arrow)">next &#x25B6;</button>
    <input id="tm-slider" type="range" min="0" max="0" step="1" value="0" aria-label="date">
    <strong id="tm-date"></strong>
    <a id="tm-maplink" style="visibility:hidden">map of this date</a>
  </div>
  <div id="tm-changes"></div>
</div>
<script type="application/json" id="tm-data">{data}</script>
{leaflet_js}
<script>{popup_js}</script>
<script>{index_js}</script>
</body>
</html>
"""

_CSS = """
html, body { margin: 0; height: 100%; font: 14px/1.35 system-ui, sans-serif; }
#map { position: absolute; top: 0; bottom: 0; left: 0; right: 340px; background: #dde8f0; }
#tm-panel { position: absolute; top: 0; bottom: 0; right: 0; width: 340px; overflow: auto; padding: 8px;
            box-sizing: border-box; border-left: 1px solid #bbb; background: #fff; }
.tm-controls { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
#tm-slider { width: 100%; }
#tm-changes h3 { font-size: 15px; margin: 10px 0 4px; }
#tm-changes ul { padding-left: 18px; margin: 0; }
.tm-legend { background: #fff; padding: 6px 8px; border-radius: 4px; box-shadow: 0 0 4px #888; line-height: 18px; }
.tm-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px;
             vertical-align: -1px; border: 1px solid #333; }
.tm-contested { background: #fff; border: 2px dashed #9400d3; }
.tm-besieged { background: #aaa; border: 2px dotted #000; }
.tm-front { background: none; border: none; border-top: 3px dashed #d60000; border-radius: 0; height: 0; }
.tm-popup h4 { margin: 0 0 4px; }
.tm-holder { font-weight: bold; }
.tm-facts, .tm-source { color: #555; font-size: 12px; }
.tm-evidence { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; font-style: italic; }
.tm-note { color: #8a4b00; }
@media (max-width: 700px) { #map { right: 0; bottom: 40%; } #tm-panel { top: 60%; width: 100%; } }
"""


def index_html(data: dict[str, Any], *, lib: str | None = "lib") -> str:
    """The index page: Leaflet from ``lib/`` beside it, or inlined when ``lib`` is None."""
    if lib is None:
        js, css = _leaflet_inline()
        leaflet_js, leaflet_css = f"<script>{js}</script>", f"<style>{css}</style>"
    else:
        _leaflet_dir()
        leaflet_js = f'<script src="{lib}/leaflet.js"></script>'
        leaflet_css = f'<link rel="stylesheet" href="{lib}/leaflet.css">'
    return _PAGE.format(title=html.escape(data["title"]), leaflet_css=leaflet_css, css=_CSS,
                        data=_json_for_script(data), leaflet_js=leaflet_js,
                        popup_js=_static("popup.js").read_text(encoding="utf-8"),
                        index_js=_static("index.js").read_text(encoding="utf-8"))


_POINT_JS = """function (feature, latlng) {
    var p = feature.properties, colours = %s, colour = colours[p.actor] || "#aaaaaa";
    var style = {radius: 6, color: "#333333", weight: 1, fillColor: colour, fillOpacity: 0.9};
    if (p.status === "contested") { style.color = "#9400d3"; style.weight = 3; style.dashArray = "3,2";
                                    if (!p.actor) style.fillColor = "#ffffff"; }
    if (p.status === "besieged") { style.color = "#000000"; style.weight = 3; style.dashArray = "2,2"; }
    return L.circleMarker(latlng, style);
}"""
_EACH_JS = """function (feature, layer) {
    layer.bindPopup(function () { return window.territoryPopup(feature.properties); }, {maxWidth: 360});
}"""


def date_map_html(model: Any, day: str, *, lib: str | None = None, territory: Any = None, zones: Any = None,
                  fronts: Any = None, features: list[dict[str, Any]] | None = None) -> str:
    """A folium map of the state on ``day``: places, zones, front lines, legend, layer control.

    ``lib`` is where Leaflet is, relative to the page (``../lib``); None inlines it (a standalone file).
    ``zones``, ``fronts`` and the places' ``features`` are the day's (from ``territory`` and
    :func:`~mapper.snapshot.snapshot_features`), computed here when not given.
    """
    import folium
    from folium.utilities import JsCode

    state = model.state_at(day)
    actors = _actors()
    if territory is None and zones is None and len(state):
        from .territory import Territory

        territory = Territory(model.places)
    m = folium.Map(location=[35.0, 39.0], zoom_start=7, tiles=None, prefer_canvas=True, control_scale=True)
    root: Any = m.get_root()
    if lib is None:
        js, css = _leaflet_inline()
        m.default_js, m.default_css = [], []
        root.header.add_child(folium.Element(f"<style>{css}</style><script>{js}</script>"))
    else:
        _leaflet_dir()
        m.default_js = [("leaflet", f"{lib}/leaflet.js")]
        m.default_css = [("leaflet_css", f"{lib}/leaflet.css")]
    popup_css = _CSS[_CSS.index(".tm-popup"):_CSS.index("@media")]
    root.header.add_child(folium.Element(
        f"<script>{_static('popup.js').read_text(encoding='utf-8')}</script><style>{popup_css}</style>"))
    root.header.add_child(folium.Element(
        f"<title>Control on {html.escape(day)} (territory-mapper)</title>"))
    folium.GeoJson(_outlines(None), name="Outlines (offline)", interactive=False,
                   style_function=lambda f: {"color": "#999" if f["properties"]["level"] == "admin1" else "#555",
                                             "weight": 0.6 if f["properties"]["level"] == "admin1" else 1.2,
                                             "fillColor": "#f4f1ea",
                                             "fillOpacity": 0 if f["properties"]["level"] == "admin1" else 1}
                   ).add_to(m)
    colours = {a: v["colour"] for a, v in actors.items()}
    if territory is not None and len(state):
        zones = territory.zones(state) if zones is None else zones
        fronts = territory.front_lines(state) if fronts is None else fronts
    if zones is not None and fronts is not None:
        if len(zones):
            folium.GeoJson(json.loads(zones.to_json(drop_id=True)), name="Control zones", interactive=False,
                           style_function=lambda f: {"stroke": False, "fillOpacity": 0.28,
                                                     "fillColor": "#9400d3" if f["properties"]["zone"] == "contested"
                                                     else colours.get(f["properties"]["zone"], "#aaa")}).add_to(m)
        if len(fronts):
            folium.GeoJson(json.loads(fronts.to_json(drop_id=True)), name="Front lines", interactive=False,
                           style_function=lambda f: {"color": "#d60000", "weight": 2.5, "dashArray": "6,4"}
                           ).add_to(m)
    if features is None:
        features = snapshot_features(state)
    for f in features:
        a = f["properties"].get("actor")
        f["properties"]["actorName"] = actors.get(a, {}).get("name", a) if a else None
    folium.GeoJson({"type": "FeatureCollection", "features": features}, name="Places",
                   point_to_layer=JsCode(_POINT_JS % json.dumps(colours)), on_each_feature=JsCode(_EACH_JS)
                   ).add_to(m)
    legend = "".join(f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
                     f'background:{v["colour"]};border:1px solid #333;margin-right:6px"></span>'
                     f'{html.escape(v["name"])}</div>' for v in actors.values())
    root.html.add_child(folium.Element(
        '<div style="position:fixed;bottom:24px;left:10px;z-index:1000;background:#fff;padding:6px 8px;'
        f'border-radius:4px;box-shadow:0 0 4px #888;font:13px system-ui">'
        f'<strong>{html.escape(day)}</strong>{legend}</div>'))
    if features:
        lats = [f["geometry"]["coordinates"][1] for f in features]
        lons = [f["geometry"]["coordinates"][0] for f in features]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=10)
    folium.LayerControl(collapsed=False).add_to(m)
    return str(m.get_root().render())


def _feature_collection(features: list[dict[str, Any]]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"


def timeline_features(model: Any) -> list[dict[str, Any]]:
    """A feature per place interval, with ``start`` and ``end`` (None: still so)."""
    rows = model.intervals().merge(model.places, on="place_id", how="left")
    feats = []
    for r in rows.to_dict("records"):
        if pd.isna(r.get("lat")) or pd.isna(r.get("lon")):
            continue
        props = {k: plain(v) for k, v in r.items() if k not in ("lat", "lon")}
        feats.append({"type": "Feature", "properties": props,
                      "geometry": {"type": "Point", "coordinates": [round(float(r["lon"]), 6),
                                                                    round(float(r["lat"]), 6)]}})
    return feats


def write_site(model: Any, territory: Any, out: Path, *, title: str = "territory-mapper",
               extra_dates: list[str] | None = None, progress: bool = False,
               every_change: bool = True) -> dict[str, Any]:
    """Write index.html, lib/, maps/, geojson/, zones/, timeline.geojson and territory.gpkg into ``out``.

    maps/, geojson/ and zones/ get a file for each date where control changed (unless ``every_change`` is
    False) and for each of ``extra_dates``; the index page steps through all of them. Returns the number of
    map dates (``dates``) and their zones (``zones``, a GeoDataFrame with a ``date`` column).
    """
    import geopandas as gpd
    from tqdm import tqdm

    from .build import write_gpkg

    lib = out / "lib"
    src = _leaflet_dir()
    for name in ("leaflet.js", "leaflet.css", "LICENSE"):
        atomic_copy(src / name, lib / name)
    for image in sorted((src / "images").glob("*.png")):
        atomic_copy(image, lib / "images" / image.name)
    changed = {d.isoformat() for d in model.dates()}
    page_dates = sorted(changed | set(extra_dates or []))
    dates = page_dates if every_change else sorted(set(extra_dates or []))
    for sub in ("maps", "geojson", "zones"):
        folder = out / sub
        if folder.exists():  # dates from an earlier build that no longer change anything
            for old in folder.iterdir():
                if old.stem not in dates:
                    old.unlink()
        folder.mkdir(exist_ok=True)
    zone_frames, front_frames = [], []
    for day in tqdm(dates, desc="maps", unit="date", disable=not progress or len(dates) < 20):
        state = model.state_at(day)
        features = snapshot_features(state)
        atomic_write_text(out / "geojson" / f"{day}.geojson", _feature_collection(features))
        zones = territory.zones(state)
        atomic_write_text(out / "zones" / f"{day}.geojson", zones.to_json(drop_id=True) + "\n")
        fronts = territory.front_lines(state)
        zone_frames.append(zones.assign(date=day))
        front_frames.append(fronts.assign(date=day))
        atomic_write_text(out / "maps" / f"{day}.html",
                          date_map_html(model, day, lib="../lib", zones=zones, fronts=fronts, features=features))
    maps = {d: f"maps/{d}.html" for d in dates}
    page = index_html(page_data(model, territory, maps=maps, title=title, dates=page_dates))
    atomic_write_text(out / "index.html", page)
    timeline = timeline_features(model)
    atomic_write_text(out / "timeline.geojson", _feature_collection(timeline))
    state_now = model.state_at(page_dates[-1]) if page_dates else model.state_at("1970-01-01")
    empty = gpd.GeoDataFrame({"date": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    all_zones = pd.concat(zone_frames, ignore_index=True) if zone_frames else empty
    write_gpkg(out / "territory.gpkg", {
        "places": state_now.drop(columns=["lat", "lon"], errors="ignore"),
        "intervals": gpd.GeoDataFrame.from_features(timeline, crs="EPSG:4326") if timeline else empty,
        "zones": all_zones,
        "front_lines": pd.concat(front_frames, ignore_index=True) if front_frames else empty,
    }, {"places": "Point", "intervals": "Point", "zones": "MultiPolygon", "front_lines": "MultiLineString"})
    return {"dates": len(dates), "zones": all_zones}

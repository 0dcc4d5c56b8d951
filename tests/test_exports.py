"""What `mapper build` exports for GIS users: GeoJSON (RFC 7946) read back with geopandas, the GeoPackage
opened with pyogrio, and maps for the dates asked with --date and --every."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT_PROPERTIES = {"place_id", "name", "actor", "status", "since", "confidence", "evidence"}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--workers", "1", "-q",
                 "--every", "3M", "--date", "2016-05-05"]) == 0
    return out


def _page_dates(folder: Path) -> list[str]:
    page = (folder / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="tm-data">(.*?)</script>', page, re.S)
    assert m
    return list(json.loads(m.group(1))["dates"])


def test_dates_asked_get_maps_and_geojson_and_a_slider_step(build: Path) -> None:
    maps = sorted(p.stem for p in (build / "maps").glob("*.html"))
    changes = sorted({r.split(",")[0] for r in (build / "changes.csv").read_text().splitlines()[1:]})
    assert "2016-05-05" in maps
    quarterly = [d for d in maps if d.endswith("-01") and d not in changes]
    # Every three months from the first 1st of a month after the first change (2016-04-15) up to the last
    # change (2017-11-09).
    assert quarterly == ["2016-05-01", "2016-08-01", "2016-11-01", "2017-02-01", "2017-05-01", "2017-08-01",
                         "2017-11-01"]
    for day in ("2016-05-05", *quarterly):
        assert (build / "geojson" / f"{day}.geojson").exists()
        assert (build / "zones" / f"{day}.geojson").exists()
    assert set(maps) <= set(_page_dates(build))


def test_a_build_without_the_dates_drops_their_maps(build: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "b"
    shutil.copytree(build, copy)
    assert main(["build", str(ROOT / "seeds"), "--out", str(copy), "--workers", "1", "-q"]) == 0
    maps = {p.stem for p in (copy / "maps").glob("*.html")}
    assert "2016-05-05" not in maps and "2016-07-01" not in maps
    assert "2016-05-05" not in _page_dates(copy)


def _rings(geom: Any) -> list[tuple[Any, bool]]:
    """(ring, is exterior) for every ring of a (multi)polygon."""
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    out = []
    for p in polys:
        out.append((p.exterior, True))
        out.extend((r, False) for r in p.interiors)
    return out


def _check_rfc7946(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data  # RFC 7946 §4: WGS 84 only, no crs member
    for f in data["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        geom = shape(f["geometry"])
        assert geom.is_valid, path
        xmin, ymin, xmax, ymax = geom.bounds
        # Longitude first: the theatre is 35-48°E, 29-38°N, so swapped axes fail here.
        assert 30 < xmin <= xmax < 50 and 28 < ymin <= ymax < 40, (path, geom.bounds)
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            for ring, exterior in _rings(geom):  # §3.1.6 right-hand rule
                assert ring.is_ccw == exterior, path
    return data


def _read_back(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path, engine="pyogrio")
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    return frame


def test_per_date_geojson_follows_rfc_7946_and_reads_back(build: Path) -> None:
    files = sorted((build / "geojson").glob("*.geojson"))
    assert len(files) >= 10
    for path in files:
        data = _check_rfc7946(path)
        frame = _read_back(path)
        assert len(frame) == len(data["features"])
        if len(frame):
            assert set(frame.columns) >= SNAPSHOT_PROPERTIES
            first = data["features"][0]
            assert frame.loc[0, "place_id"] == first["properties"]["place_id"]
            assert frame.geometry.iloc[0].x == pytest.approx(first["geometry"]["coordinates"][0])


def test_zones_and_timeline_follow_rfc_7946_and_read_back(build: Path) -> None:
    zone_files = sorted((build / "zones").glob("*.geojson"))
    assert any(json.loads(p.read_text())["features"] for p in zone_files)
    for path in zone_files:
        _check_rfc7946(path)
        frame = _read_back(path)
        if len(frame):
            assert {"zone", "area_km2", "places"} <= set(frame.columns)
            assert frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    timeline = _check_rfc7946(build / "timeline.geojson")
    frame = _read_back(build / "timeline.geojson")
    assert len(frame) == len(timeline["features"]) > 0
    assert {"place_id", "start", "end", "actor", "status", "evidence"} <= set(frame.columns)
    intervals = (build / "intervals.csv").read_text(encoding="utf-8").splitlines()
    assert len(frame) == len(intervals) - 1


def test_the_geopackage_opens_with_pyogrio_with_every_layer(build: Path) -> None:
    path = build / "territory.gpkg"
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"places": "Point", "intervals": "Point", "zones": "MultiPolygon",
                      "front_lines": "MultiLineString"}
    frames = {name: pyogrio.read_dataframe(path, layer=name) for name in layers}
    for name, frame in frames.items():
        assert frame.crs.to_epsg() == 4326, name
        assert len(frame) > 0 or name == "front_lines", name  # the seeds' places are too far apart to meet
        assert shapely.is_valid(frame.geometry.to_numpy()).all(), name
    assert len(frames["intervals"]) == len(json.loads((build / "timeline.geojson").read_text())["features"])
    assert {"zone", "date", "area_km2"} <= set(frames["zones"].columns)
    assert {"actor_a", "actor_b", "length_km", "date"} <= set(frames["front_lines"].columns)
    last = sorted(p.stem for p in (build / "geojson").glob("*.geojson"))[-1]
    latest = json.loads((build / "geojson" / f"{last}.geojson").read_text())["features"]
    assert sorted(frames["places"]["place_id"]) == sorted(f["properties"]["place_id"] for f in latest)


def test_front_lines_reach_the_geopackage_and_the_zones(tmp_path: Path) -> None:
    import datetime as dt

    import pandas as pd

    from mapper.model import ControlModel, Observation
    from mapper.render import write_site
    from mapper.territory import Territory

    # Three neighbouring towns north-east of Aleppo: SDF between the Turkish-backed rebels and their allies.
    places = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["A", "B", "C"], "lat": [36.40, 36.40, 36.55],
                           "lon": [37.50, 37.70, 37.50], "country": ["SY"] * 3})
    day = dt.date(2016, 6, 1)
    obs = [Observation(p, day, actor, "controlled", 0.9, f"c{p}", evidence=f"{actor} holds {p}")
           for p, actor in (("a", "tfsa"), ("b", "sdf"), ("c", "opposition"))]
    model = ControlModel.from_observations(obs, places=places)
    write_site(model, Territory(places, radius_km=20), tmp_path)
    fronts = pyogrio.read_dataframe(tmp_path / "territory.gpkg", layer="front_lines")
    pairs = sorted(zip(fronts["actor_a"], fronts["actor_b"], strict=True))
    assert pairs == [("opposition", "sdf"), ("sdf", "tfsa")]  # allies meet without a front line
    assert (fronts["length_km"] > 5).all() and (fronts.geom_type == "MultiLineString").all()
    zones = _read_back(tmp_path / "zones" / "2016-06-01.geojson")
    assert sorted(zones["zone"]) == ["opposition", "sdf", "tfsa"]
    _check_rfc7946(tmp_path / "zones" / "2016-06-01.geojson")

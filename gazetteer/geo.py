"""Small geodesy helpers: distances, compass directions and distance to a country's border."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

from .sources import data_path

__all__ = ["EARTH_RADIUS_KM", "border_distance_km", "compass_ok", "country_shapes", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088

#: Compass words and their bearing in degrees.
COMPASS: dict[str, float] = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(36.6118, 37.4478, 36.8175, 38.0111), 1)
    55.2
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass_ok(direction: str, lat0: float, lon0: float, lat: float, lon: float, tolerance: float = 67.5) -> bool:
    """Does (lat, lon) lie in ``direction`` ("north", "southwest", ...) of (lat0, lon0)?

    >>> compass_ok("north", 36.20, 37.13, 36.61, 37.45)  # al-Rai is north(-east) of Aleppo
    True
    """
    target = COMPASS[direction]
    diff = abs((bearing_deg(lat0, lon0, lat, lon) - target + 180.0) % 360.0 - 180.0)
    return diff <= tolerance


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, Any]:
    """Bundled Natural Earth outlines of the theatre and its neighbours, by ISO code (shapely geometries)."""
    from shapely.geometry import shape

    data = json.loads(data_path("countries.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["iso"]: shape(f["geometry"]) for f in data["features"]}


@lru_cache(maxsize=16)
def _boundary(iso: str) -> Any:
    from shapely.prepared import prep

    geom = country_shapes().get(iso)
    return None if geom is None else (geom.boundary, prep(geom))


@lru_cache(maxsize=65_536)
def border_distance_km(iso: str, lat: float, lon: float) -> float:
    """Approximate distance (km) from a point to the border of country ``iso`` (inf if unknown)."""
    from shapely.geometry import Point

    b = _boundary(iso)
    if b is None:
        return math.inf
    boundary, _ = b
    deg = boundary.distance(Point(lon, lat))
    # A degree of longitude shrinks with latitude; take the mean of both axes for a rough km figure.
    return float(deg) * 111.32 * (1 + math.cos(math.radians(lat))) / 2

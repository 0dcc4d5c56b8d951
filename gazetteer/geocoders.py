"""geopy geocoders: one backed by the bundled gazetteer (offline), and an opt-in online fallback with a cache.

:class:`OfflineGeocoder` answers ``geocode`` and ``reverse`` like any geopy geocoder, from the bundled
data, with no network. :class:`FallbackGeocoder` asks it first and, only for names it cannot resolve well,
an online geopy geocoder you pass in (Nominatim, GeoNames...), caching every online answer on disk so that
the same name is never asked twice. Nothing online is ever used unless you build one yourself.

Examples
--------
>>> geo = OfflineGeocoder()
>>> loc = geo.geocode("Al-Bukamal")
>>> loc.address, round(loc.latitude, 2), round(loc.longitude, 2)
('Abu Kamal, Deir-ez-Zor, SY', 34.45, 40.92)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from ._errors import OnlineLookupError
from .index import Gazetteer, load_gazetteer
from .places import Candidate

__all__ = ["FallbackGeocoder", "OfflineGeocoder"]


def _location(c: Candidate) -> Location:
    p = c.place
    address = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
    raw = {**c.to_dict(), "names": list(p.names), "sources": list(p.sources)}
    return Location(address, Point(p.lat, p.lon), raw)


class OfflineGeocoder(Geocoder):  # type: ignore[misc]
    """A geopy geocoder over the bundled gazetteer: no network, no API key.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :func:`gazetteer.load_gazetteer`.
    min_score : float
        Below this score ``geocode`` answers None (the name is too ambiguous or too far from any known one).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, min_score: float = 0.0) -> None:
        super().__init__()
        self.gazetteer = gazetteer or load_gazetteer()
        self.min_score = min_score

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country: str | list[str] | None = None,
        near: str | tuple[float, float] | None = None,
        limit: int = 5,
        **_: Any,
    ) -> Location | list[Location] | None:
        """Resolve a place name; with ``exactly_one=False``, the match and its alternatives."""
        res = self.gazetteer.resolve(str(query), country=country, near=near, limit=limit)
        if res.match is None or res.match.score < self.min_score:
            return None
        if exactly_one:
            return _location(res.match)
        return [_location(c) for c in (res.match, *res.alternatives)]

    def reverse(self, query: Any, *, exactly_one: bool = True, limit: int = 5, **_: Any) -> Any:
        """The nearest places to a point (``"lat, lon"``, a tuple or a geopy Point)."""
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        coslat = math.cos(math.radians(lat))
        best = sorted(
            (p for p in self.gazetteer.places if p.kind not in ("country", "governorate", "district")),
            key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * coslat) ** 2,
        )[: max(1, limit)]
        locs = [_location(Candidate(place=p, level="exact", name_score=1.0, score=1.0, matched_name=p.name))
                for p in best]
        return locs[0] if exactly_one else locs


class FallbackGeocoder(Geocoder):  # type: ignore[misc]
    """The offline gazetteer first, then (opt-in) an online geopy geocoder, cached on disk.

    Parameters
    ----------
    online : geopy Geocoder
        For example ``geopy.geocoders.Nominatim(user_agent="my-team")``: you build and pass it, so nothing
        online happens unless you ask for it.
    offline : OfflineGeocoder, optional
    cache_dir : path, optional
        Where online answers are kept (default ``~/.cache/territory-mapper/geocode``).
    min_score : float
        Offline answers below this score go online.
    """

    def __init__(self, online: Geocoder, offline: OfflineGeocoder | None = None, *,
                 cache_dir: str | Path | None = None, min_score: float = 0.5) -> None:
        super().__init__()
        if online is None:
            msg = "FallbackGeocoder needs an online geopy geocoder, e.g. Nominatim(user_agent=...)"
            raise OnlineLookupError(msg)
        self.online = online
        self.offline = offline or OfflineGeocoder()
        self.min_score = min_score
        default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "territory-mapper" / "geocode"
        self.cache_dir = Path(cache_dir) if cache_dir else default

    def _cache_path(self, query: str) -> Path:
        digest = hashlib.sha1(f"{type(self.online).__name__}|{query}".encode()).hexdigest()
        return self.cache_dir / f"{digest}.json"

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any) -> Any:
        """Offline first; online (cached) when the offline answer is missing or below ``min_score``."""
        loc = self.offline.geocode(query, exactly_one=True, **kwargs)
        if isinstance(loc, Location) and loc.raw.get("score", 0.0) >= self.min_score:
            return loc if exactly_one else [loc]
        path = self._cache_path(str(query))
        if path.is_file():
            cached = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                found = self.online.geocode(query, exactly_one=True)
            except Exception as exc:  # geopy raises many kinds; one message for the user
                msg = f"online geocoder {type(self.online).__name__} failed for {query!r}: {exc}"
                raise OnlineLookupError(msg) from exc
            cached = None if found is None else {
                "address": found.address, "lat": found.latitude, "lon": found.longitude,
                "raw": found.raw if isinstance(found.raw, dict) else {},
            }
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(cached), encoding="utf-8")
            os.replace(tmp, path)
        if cached is None:
            return loc if exactly_one or loc is None else [loc]
        online_loc = Location(cached["address"], Point(cached["lat"], cached["lon"]), cached["raw"])
        return online_loc if exactly_one else [online_loc]

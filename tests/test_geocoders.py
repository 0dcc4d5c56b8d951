"""The geopy geocoders: offline over the bundled data, and the opt-in cached fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer import Gazetteer
from gazetteer.geocoders import FallbackGeocoder, OfflineGeocoder


def test_offline_geocode_and_reverse(gaz: Gazetteer) -> None:
    geo = OfflineGeocoder(gaz)
    loc = geo.geocode("Jarabulus")
    assert isinstance(loc, Location)
    assert abs(loc.latitude - 36.8175) < 0.01 and abs(loc.longitude - 38.0111) < 0.01
    assert geo.geocode("Qqzzx Nowhere") is None
    many = geo.geocode("al-Suwaida", exactly_one=False)
    assert isinstance(many, list) and len(many) > 1
    near = geo.reverse("36.612, 37.448")
    assert near.raw["name"] == "al-Rai"


class _Recorder(Geocoder):  # type: ignore[misc]
    """A local geopy geocoder that records its calls: stands in for a web service, which tests never call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def geocode(self, query: str, **_: Any) -> Location:
        self.calls.append(query)
        return Location("Somewhere", Point(1.0, 2.0), {})


def test_fallback_asks_online_only_when_offline_fails_and_caches(gaz: Gazetteer, tmp_path: Path) -> None:
    online = _Recorder()
    geo = FallbackGeocoder(online, OfflineGeocoder(gaz), cache_dir=tmp_path)
    assert geo.geocode("Jarabulus").address.startswith("Jarabulus")
    assert online.calls == []
    first = geo.geocode("Qqzzx Nowhere")
    second = geo.geocode("Qqzzx Nowhere")
    assert (first.latitude, second.longitude) == (1.0, 2.0)
    assert online.calls == ["Qqzzx Nowhere"], "the second answer comes from the disk cache"
    assert len(list(tmp_path.glob("*.json"))) == 1

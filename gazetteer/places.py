"""The records the gazetteer hands out: a :class:`Place`, a :class:`Candidate` and a :class:`Resolution`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "MATCH_LEVELS", "Candidate", "Place", "Resolution"]

#: The kinds of place the bundled data knows, roughly from the largest to the smallest.
KINDS: tuple[str, ...] = (
    "country", "governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood",
    "hill", "base", "airbase", "crossing", "dam", "oil field", "industrial site", "port", "area", "abandoned",
)

#: How a name matched, from the strictest to the loosest (see :mod:`gazetteer.normalize`).
MATCH_LEVELS: tuple[str, ...] = ("exact", "words", "sound", "skel", "fuzzy")


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer.

    Attributes
    ----------
    id : str
        Stable id: ``gn:<geonameid>`` (GeoNames), ``wm:<hash>`` (Wikipedia war maps only),
        ``ocha:<pcode>`` (OCHA units and neighbourhoods), ``ne:<ISO3>`` (countries), ``user:<hash>``.
    name : str
        Preferred name (the press spelling when the war maps have one).
    names : tuple of str
        Every known name, the preferred one included.
    lat, lon : float
        WGS84 coordinates (degrees).
    country : str
        ISO 3166-1 alpha-2 code.
    admin1, admin2 : str
        Governorate and district (OCHA names, Syria only); empty when unknown.
    kind : str
        One of :data:`KINDS`.
    population : int
        0 when unknown.
    sources : tuple of str
        ``geonames``, ``wikipedia_map``, ``ocha``, ``naturalearth``, ``aliases``, or a user alias file name.
    """

    id: str
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str
    admin2: str
    kind: str
    population: int
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the place."""
        return {
            "id": self.id, "name": self.name, "lat": self.lat, "lon": self.lon, "country": self.country,
            "admin1": self.admin1, "admin2": self.admin2, "kind": self.kind, "population": self.population,
            "sources": list(self.sources), "names": list(self.names),
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that a name may mean, with how well it fits.

    Attributes
    ----------
    place : Place
    level : str
        How the name matched (:data:`MATCH_LEVELS`).
    name_score : float
        How close the name is, 0..1, whatever the context.
    score : float
        How likely this candidate is the place meant, 0..1: the name score shared among the
        candidates by their prominence and fit with the context.
    matched_name : str
        The name of the place that matched.
    """

    place: Place
    level: str
    name_score: float
    score: float
    matched_name: str

    def to_dict(self) -> dict[str, Any]:
        """The CLI contract's match object: ``id, name, lat, lon, country, admin1, kind, score`` and more."""
        p = self.place
        return {
            "id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
            "admin1": p.admin1, "admin2": p.admin2, "kind": p.kind, "score": round(self.score, 4),
            "level": self.level, "matched_name": self.matched_name,
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to one name: the best candidate (or None) and the others, best first."""

    query: str
    match: Candidate | None
    alternatives: tuple[Candidate, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The CLI contract: ``{"query", "match": {...} or None, "alternatives": [...]}``."""
        return {
            "query": self.query,
            "match": None if self.match is None else self.match.to_dict(),
            "alternatives": [c.to_dict() for c in self.alternatives],
        }

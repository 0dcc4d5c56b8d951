"""The records extraction hands to the control model: a :class:`Claim` with its :class:`Evidence`, and the
names that looked like places but resolved nowhere (:class:`Unresolved`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = ["CLAIM_COLUMNS", "STATUSES", "Claim", "Evidence", "Unresolved"]

#: What a claim says about a place.
STATUSES: tuple[str, ...] = ("controlled", "contested", "besieged")

#: The columns of a claim as a table row (CSV, JSON lines), in order.
CLAIM_COLUMNS: tuple[str, ...] = (
    "doc_id", "place", "written_as", "place_id", "lat", "lon", "country", "actor", "previous_actor", "status",
    "date", "date_precision", "confidence", "kind", "area", "evidence", "start", "end", "source", "title",
    "url", "published",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim comes from.

    Attributes
    ----------
    sentence : str
        The sentence that carries the claim, as written.
    start, end : int
        Character span of the sentence in the report's text.
    source, title, url : str
        The report's metadata (empty when unknown).
    """

    sentence: str
    start: int
    end: int
    source: str = ""
    title: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """That an actor controls, contests or besieges a place from a date, according to a report.

    Attributes
    ----------
    doc_id : str
    place_id, place, written_as : str
        Gazetteer id, preferred name, and the words of the report.
    lat, lon : float
    country : str
        ISO code of the place's country.
    actor : str
        Actor id (see :mod:`mapper.actors`): the holder, or, for ``contested``, the actor fighting in.
    previous_actor : str or None
        Who held it before, when the report says.
    status : str
        One of :data:`STATUSES`.
    date : datetime.date
    date_precision : str
        ``day``, ``week`` or ``month``.
    confidence : float
        0..1: how sure the reading is.
    kind : str
        ``event`` (a change: captured, withdrew, besieged) or ``statement`` (a state: "IS-held Raqqa").
    area : str
        For a claim on an area rather than one place: how the area is described (``between:<id>:<id>``,
        ``border:TR``); empty otherwise.
    evidence : Evidence
    published : datetime.date or None
        The report's publication date.
    """

    doc_id: str
    place_id: str
    place: str
    written_as: str
    lat: float
    lon: float
    country: str
    actor: str
    previous_actor: str | None
    status: str
    date: dt.date
    date_precision: str
    confidence: float
    evidence: Evidence
    kind: str = "event"
    area: str = ""
    published: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready dict with the :data:`CLAIM_COLUMNS`."""
        e = self.evidence
        return {
            "doc_id": self.doc_id, "place": self.place, "written_as": self.written_as,
            "place_id": self.place_id, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
            "country": self.country, "actor": self.actor, "previous_actor": self.previous_actor,
            "status": self.status, "date": self.date.isoformat(), "date_precision": self.date_precision,
            "confidence": round(self.confidence, 3), "kind": self.kind, "area": self.area,
            "evidence": e.sentence, "start": e.start, "end": e.end, "source": e.source, "title": e.title,
            "url": e.url, "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name a report uses as a place in a control sentence that the gazetteer does not know."""

    doc_id: str
    name: str
    sentence: str
    start: int = 0
    end: int = 0

"""Hints from the text around a name that tell which of several same-named places is meant.

"in Aleppo northern countryside", "Aleppo province", "Karama (Raqqa)" -> the governorate; "north of Aleppo",
"34 miles west of Jarablus" -> an anchor and a direction; "near the Turkish border", "on the border with Iraq"
-> a border.
A :class:`Context` holds them; :func:`context_from_text` reads them from a sentence or a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import Gazetteer

__all__ = ["Anchor", "Context", "context_from_text"]


@dataclass(frozen=True, slots=True)
class Anchor:
    """A point the place is probably near, optionally in a compass direction from it.

    Attributes
    ----------
    lat, lon : float
    direction : str or None
        "north", "southeast", ...: the place lies that way from the anchor.
    weight : float
        How much the anchor counts (1 for a stated relation, less for "another place of the document").
    scale_km : float
        The distance at which the anchor's pull has fallen to about a third.
    """

    lat: float
    lon: float
    direction: str | None = None
    weight: float = 1.0
    scale_km: float = 40.0


@dataclass(frozen=True, slots=True)
class Context:
    """What is known around a name.

    Attributes
    ----------
    countries : frozenset of str
        ISO codes the place must be in (a hard filter); empty for any.
    admin1 : frozenset of str
        Governorates (OCHA English names) the text points to (a soft preference).
    anchors : tuple of Anchor
        Points the place is probably near (a soft preference).
    borders : frozenset of str
        ISO codes of countries whose border the place is near ("near the Turkish border").
    admin1_weight : float
        How much the governorates count: 1 when the sentence names them, less for the whole document.
    """

    countries: frozenset[str] = field(default_factory=frozenset)
    admin1: frozenset[str] = field(default_factory=frozenset)
    anchors: tuple[Anchor, ...] = ()
    borders: frozenset[str] = field(default_factory=frozenset)
    admin1_weight: float = 1.0

    def __bool__(self) -> bool:
        return bool(self.countries or self.admin1 or self.anchors or self.borders)

    def merge(self, other: Context) -> Context:
        """Both contexts' hints together (countries: those of ``self`` when it has any)."""
        return Context(
            countries=self.countries or other.countries,
            admin1=self.admin1 | other.admin1,
            anchors=self.anchors + other.anchors,
            borders=self.borders | other.borders,
            admin1_weight=max(self.admin1_weight if self.admin1 else 0.0,
                              other.admin1_weight if other.admin1 else 0.0) or 1.0,
        )

    def with_anchors(self, anchors: tuple[Anchor, ...]) -> Context:
        """A copy with more anchors."""
        return replace(self, anchors=self.anchors + anchors)


_NAME = r"(?P<name>(?:[A-Z][\w'‘’`-]*)(?:\s+(?:al|el|ad|ar|as|ash|az|ez|es)?-?[A-Z][\w'‘’`-]*){0,2})"
_DIRS = r"north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west"
_ADMIN_WORDS = r"countryside|province|governorate|region|outskirts|suburbs|environs"
#: "Aleppo northern countryside", "Daraa Governorate", "Homs Province": the words after the name in any case.
_REGION = re.compile(
    _NAME + r"(?:'s|’s)?\s+(?i:(?:" + _DIRS + r"|northern|southern|eastern|western|north-eastern|"
    r"north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|"
    r"rural)\s+)?(?i:" + _ADMIN_WORDS + r")\b"
)
_REGION_OF = re.compile(r"\b(?i:countryside|province|governorate|outskirts|suburbs) of " + _NAME)
#: "Karama (Raqqa)", "Tal Shana (Salahuddin province)": a governorate in brackets after a name, as lists of
#: places and event notes write it.
_REGION_IN_BRACKETS = re.compile(r"\(\s*(?:(?:al|el|ar|as|ash|ad|az|ed|ez|es)-)?" + _NAME
                                 + r"(?:\s+(?i:province|governorate))?\s*\)")
_DIRECTION = re.compile(r"\b(?P<dir>" + _DIRS + r")(?:ern)? of (?:the (?:city|town|village) of )?" + _NAME)
_BORDER = re.compile(
    r"\b(?:(?P<adj>Turkish|Iraqi|Jordanian|Lebanese|Syrian|Israeli|Iranian)(?:[- ]Syrian|[- ]Iraqi)?\s+border"
    r"|border (?:with|of) (?P<name>Turkey|Iraq|Jordan|Lebanon|Syria|Israel|Iran))"
)
#: Words one of which each pattern needs (lower case).
_ADMIN_STEMS = ("countryside", "province", "governorate", "region", "outskirts", "suburbs", "environs")
_DIR_STEMS = ("north", "south", "east", "west")
_ADJ_ISO = {
    "turkish": "TR", "turkey": "TR", "iraqi": "IQ", "iraq": "IQ", "jordanian": "JO", "jordan": "JO",
    "lebanese": "LB", "lebanon": "LB", "syrian": "SY", "syria": "SY", "israeli": "IL", "israel": "IL",
    "iranian": "IR", "iran": "IR",
}


def context_from_text(text: str, gazetteer: Gazetteer) -> Context:
    """Read the hints of a text: governorates, directions from known places, borders.

    Parameters
    ----------
    text : str
        A sentence or a document.
    gazetteer : Gazetteer
        Resolves the anchor names ("Aleppo" in "north of Aleppo").

    Examples
    --------
    >>> from gazetteer import load_gazetteer
    >>> ctx = context_from_text("villages in Aleppo northern countryside near the Turkish border",
    ...                         load_gazetteer())
    >>> sorted(ctx.admin1), sorted(ctx.borders)
    (['Aleppo'], ['TR'])
    """
    admin1: set[str] = set()
    anchors: list[Anchor] = []
    borders: set[str] = set()
    low = text.lower()  # each pattern needs a word: most sentences have none, and are not searched
    regions = (_REGION, _REGION_OF) if any(w in low for w in _ADMIN_STEMS) else ()
    if "(" in text:
        regions = (*regions, _REGION_IN_BRACKETS)
    for rx in regions:
        for m in rx.finditer(text):
            gov = gazetteer.governorate_of(m.group("name"))
            if gov:
                admin1.add(gov)
    for m in _DIRECTION.finditer(text) if " of " in low and any(w in low for w in _DIR_STEMS) else ():
        res = gazetteer.resolve(m.group("name"), prefer_prominent=True)
        if res.match is not None and res.match.name_score >= 0.9:
            p = res.match.place
            anchors.append(Anchor(p.lat, p.lon, direction=m.group("dir").replace("-", ""), weight=1.0,
                                  scale_km=60.0))
    for m in _BORDER.finditer(text) if "border" in low else ():
        word = (m.group("adj") or m.group("name") or "").lower()
        if word in _ADJ_ISO and _ADJ_ISO[word] != "SY":
            borders.add(_ADJ_ISO[word])
    return Context(admin1=frozenset(admin1), anchors=tuple(anchors), borders=frozenset(borders))

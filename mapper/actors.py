"""The actors of the wars: a registry of canonical ids with their names, aliases and map colours.

The bundled ``data/actors.csv`` defines the ids used in every output (``isis``, ``government``,
``opposition``, ``tfsa``, ``sdf``, ``hts``, ``iraq``, ``peshmerga``). Each row has ``aliases`` (names that
mean this actor and no other: "YPG", "Tiger Forces", "Turkish-backed") and ``generic`` terms (words several
actors share: "rebels", "the army", "jihadists"), ``|``-separated. A generic term is decided by context:
the country of the place (the army in Iraq is ``iraq``), the date (``tfsa`` exists from 24 August 2016), and
the actor the report last named by name. A term that still fits several actors with none named before
it means none (no claim is better than a guess).

Users extend the registry with CSV files of the same columns: a new id adds an actor, a known id adds
aliases (``mapper extract --actors FILE``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import ahocorasick

from ._errors import InputError

__all__ = ["Actor", "ActorMention", "ActorRegistry", "load_actors", "spellings"]

ACTOR_COLUMNS = ("id", "name", "colour", "countries", "active_from", "districts", "description", "aliases",
                 "generic")
#: Suffixes that turn an actor into a holder: "rebel-held", "IS-controlled".
_HELD_AT = re.compile(r"-(?:held|controlled|dominated|occupied|besieged|run)\b")
_LED_AT = re.compile(r"-(?:led|allied|aligned|affiliated|linked|backed)\b")
#: A force noun right after an actor's name: its own men ("SDF troops", "YPG soldiers").
_OWN_FORCES = re.compile(r" (?:troops|forces|fighters|soldiers|militants|militiamen|militias?|units|jihadists|gunmen|"
                         r"members|personnel)\b")
_SPACE = re.compile(r"\s")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor.

    Attributes
    ----------
    id : str
        Stable id used in every output.
    name, description : str
    colour : str
        Map colour, ``#rrggbb``.
    countries : frozenset of str
        ISO codes of the countries where it holds ground (empty: anywhere).
    active_from : datetime.date or None
        Before this date its generic terms do not mean it ("rebels" are not Turkish-backed in 2015).
    districts : frozenset of str
        Districts (OCHA ``admin2`` names) outside which its generic terms do not mean it ("rebels" in the
        city of Aleppo are not Turkish-backed); empty for anywhere.
    aliases, generic : tuple of str
    """

    id: str
    name: str
    colour: str
    countries: frozenset[str] = field(default_factory=frozenset)
    active_from: dt.date | None = None
    districts: frozenset[str] = field(default_factory=frozenset)
    description: str = ""
    aliases: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()

    def fits(self, country: str | None, date: dt.date | None, district: str | None = None) -> bool:
        """Whether the actor can hold a place in ``country`` (and ``district``) on ``date`` (unknowns fit)."""
        if country and self.countries and country not in self.countries:
            return False
        if district and self.districts and district not in self.districts:
            return False
        return not (date and self.active_from and date < self.active_from)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text.

    Attributes
    ----------
    start, end : int
        Character span.
    text : str
    specific : tuple of str
        Actor ids the words name by name (usually one).
    generic : tuple of str
        Actor ids a generic term may mean, the default first.
    holder : bool
        Written as a holder ("rebel-held", "IS-controlled").
    """

    start: int
    end: int
    text: str
    specific: tuple[str, ...]
    generic: tuple[str, ...]
    holder: bool = False

    @property
    def candidates(self) -> tuple[str, ...]:
        return self.specific + tuple(a for a in self.generic if a not in self.specific)


class ActorRegistry:
    """Actors and a matcher for their names in text.

    Examples
    --------
    >>> reg = load_actors()
    >>> [(m.text, m.specific, m.holder) for m in reg.find("Daesh fled as rebel-held Azaz held out")]
    [('Daesh', ('isis',), False), ('rebel-held', (), True)]
    >>> reg.resolve(reg.find("the army")[0], country="IQ")
    'iraq'
    """

    def __init__(self, actors: Iterable[Actor], *, strict_generics: bool = True) -> None:
        self.strict_generics = strict_generics
        self.actors: dict[str, Actor] = {}
        for a in actors:
            self.actors[a.id] = a
        self._specific: dict[str, list[str]] = {}
        self._generic: dict[str, list[str]] = {}
        for a in self.actors.values():
            for name in a.aliases:
                for variant in spellings(name):
                    _append(self._specific, _key(variant), a.id)
            for name in a.generic:
                for variant in spellings(name):
                    _append(self._generic, _key(variant), a.id)
        self._compile()

    def _compile(self) -> None:
        """One Aho-Corasick automaton over the lower-cased names: linear in the text, whatever the number of
        aliases. Acronyms ("IS", "SDF") must match in capitals."""
        self._automaton = ahocorasick.Automaton()
        self._acronyms: dict[str, set[str]] = {}
        words: set[str] = set()
        for a in self.actors.values():
            for n in (v for name in (*a.aliases, *a.generic) for v in spellings(name)):
                key = " ".join(n.lower().split())
                if _is_acronym(n):
                    self._acronyms.setdefault(key, set()).add(n)
                else:
                    words.add(key)
        for key in words | set(self._acronyms):
            self._automaton.add_word(key, (key, key in words))
        self._automaton.make_automaton()

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def __getitem__(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.actors)

    def colour(self, actor_id: str | None) -> str:
        """Map colour of an actor (grey for unknown)."""
        a = self.actors.get(actor_id or "")
        return a.colour if a else "#9e9e9e"

    def find(self, text: str) -> list[ActorMention]:
        """Actor names in ``text``, longest first where they overlap, in text order."""
        low = text.lower()
        if len(low) != len(text):  # a few Unicode letters change length when lower-cased
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        low = _SPACE.sub(" ", low)
        found: list[tuple[int, int, str, bool]] = []
        for last, (key, any_case) in self._automaton.iter(low):
            start = last + 1 - len(key)
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "_'’-"):
                continue
            if not any_case and text[start:last + 1] not in self._acronyms.get(key, ()):
                continue
            stop = last + 1
            if (low[stop:stop + 1] == "s" and not key.endswith("s") and any_case
                    and (stop + 1 == len(low) or not low[stop + 1].isalnum())):
                stop += 1  # a possessive that lost its apostrophe: "the regimes recapture", "Assads forces"
            held = _HELD_AT.match(low, stop)
            if held:
                stop = held.end()
            else:
                led = _LED_AT.match(low, stop)  # "Nusra-led", "FSA-allied": the actor's own side
                if led:
                    stop = led.end()
                else:
                    own = _OWN_FORCES.match(low, stop)  # "SDF troops" are the SDF, not the "troops" of a government
                    if own:
                        stop = own.end()
            if stop < len(low) and (low[stop].isalnum() or low[stop] == "_" or (
                    low[stop] == "-" and stop + 1 < len(low) and low[stop + 1].isalnum())):
                continue
            found.append((start, stop, key, bool(held)))
        # Of overlapping names the longest wins, wherever it starts: "the Army of Conquest" is not "the army".
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken: list[tuple[int, int]] = []
        out: list[ActorMention] = []
        for start, stop, key, is_holder in found:
            if any(start < b and a < stop for a, b in taken):
                continue
            taken.append((start, stop))
            k = _key(key)
            out.append(ActorMention(start, stop, text[start:stop], tuple(self._specific.get(k, ())),
                                    tuple(self._generic.get(k, ())), holder=is_holder))
        out.sort(key=lambda m: m.start)
        return out

    def resolve(self, mention: ActorMention, *, country: str | None = None, date: dt.date | None = None,
                recent: Sequence[str] = (), district: str | None = None) -> str | None:
        """The actor a mention means for a place in ``country`` on ``date``.

        A name means its actor when that actor fits the country and date; a generic term means the actor of
        its candidates that the report named last (``recent``, most recent last), else the only candidate that
        fits, else the only one the registry gives the place's district to, else None (with
        ``strict_generics=False``: its default, the first).
        """
        specific = [a for a in mention.specific if self.actors[a].fits(country, date)]
        if specific:
            return specific[0]
        if mention.specific and not any(self.actors[a].fits(country, date, district) for a in mention.generic):
            # A name means its actor even where it does not fit: the place may be a namesake (the caller checks).
            return mention.specific[0]
        generic = [a for a in mention.generic if self.actors[a].fits(country, date, district)]
        if not generic:
            return None
        for a in reversed(recent):
            if a in generic:
                return a
        if district and len(generic) > 1:
            # An actor the registry gives districts to is the one a shared term means there: "rebels" in
            # Jarablus or al-Bab after August 2016 are the Turkish-backed ones.
            local = [a for a in generic if self.actors[a].districts]
            if len(local) == 1:
                return local[0]
        # With nothing named to decide between them, a term several actors share ("militants" in Syria)
        # means none: better no claim than a guess.
        return generic[0] if len(generic) == 1 or not self.strict_generics else None


#: An Arabic article joined to its word by a hyphen ("al-Sham", "ad-Din"), which some writers leave out.
_ARTICLE_HYPHEN = re.compile(r"\b(al|el|ad|ar|as|ash|az|an|at|ud|ul)-(?=\w)", re.IGNORECASE)


def spellings(name: str) -> tuple[str, ...]:
    """A name as written in the registry and as written without the hyphens of its Arabic articles:
    "Hayat Tahrir al-Sham" is also "Hayat Tahrir al Sham", as ACLED and others write it.

    >>> spellings("Ahrar al-Sham"), spellings("ISIS")
    (('Ahrar al-Sham', 'Ahrar al Sham'), ('ISIS',))
    """
    spaced = _ARTICLE_HYPHEN.sub(r"\1 ", name)
    return (name,) if spaced == name else (name, spaced)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().removeprefix("the "))


def _is_acronym(name: str) -> bool:
    return name.isupper() and len(name) <= 5


def _append(d: dict[str, list[str]], k: str, v: str) -> None:
    items = d.setdefault(k, [])
    if v not in items:
        items.append(v)


def _split(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split("|") if s.strip())


def _read_rows(text: str, name: str) -> list[dict[str, str]]:
    reader = csv.DictReader(text.splitlines())
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    if "id" not in cols:
        msg = f"{name}: an actors file needs an 'id' column (columns: {', '.join(ACTOR_COLUMNS)})"
        raise InputError(msg)
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]


def _actor_from_row(row: dict[str, str], base: Actor | None, where: str) -> Actor:
    aid = row.get("id", "")
    if not _ID.match(aid):
        msg = f"{where}: actor id {aid!r} must be lower-case letters, digits and _ (e.g. 'isis')"
        raise InputError(msg)
    colour = row.get("colour") or (base.colour if base else "")
    if not _COLOUR.match(colour):
        msg = f"{where}: actor {aid!r} needs a colour like #1a1a1a, not {colour!r}"
        raise InputError(msg)
    active = row.get("active_from", "")
    try:
        active_from = dt.date.fromisoformat(active) if active else (base.active_from if base else None)
    except ValueError:
        msg = f"{where}: active_from {active!r} of actor {aid!r} is not a date (YYYY-MM-DD)"
        raise InputError(msg) from None
    countries = frozenset(c.upper() for c in _split(row.get("countries", "")))
    districts = frozenset(_split(row.get("districts", "")))
    return Actor(
        id=aid,
        name=row.get("name") or (base.name if base else aid),
        colour=colour,
        countries=countries or (base.countries if base else frozenset()),
        active_from=active_from,
        districts=districts or (base.districts if base else frozenset()),
        description=row.get("description") or (base.description if base else ""),
        aliases=(base.aliases if base else ()) + _split(row.get("aliases", "")),
        generic=(base.generic if base else ()) + _split(row.get("generic", "")),
    )


def load_actors(files: Sequence[str | Path] = ()) -> ActorRegistry:
    """The bundled registry, extended by user CSV files (same columns; a known id adds aliases).

    Raises
    ------
    InputError
        When a user file is missing or malformed.
    """
    text = resources.files("mapper").joinpath("data/actors.csv").read_text(encoding="utf-8")
    actors: dict[str, Actor] = {}
    for i, row in enumerate(_read_rows(text, "actors.csv"), start=2):
        a = _actor_from_row(row, None, f"actors.csv line {i}")
        actors[a.id] = a
    for f in files:
        path = Path(f)
        try:
            user = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            msg = f"actors file {path}: cannot read ({exc.strerror})"
            raise InputError(msg) from None
        for i, row in enumerate(_read_rows(user, str(path)), start=2):
            base = actors.get(row.get("id", ""))
            a = _actor_from_row(row, base, f"{path} line {i}")
            actors[a.id] = a
            # A name the user gives an actor is that actor's, not another's that the bundled file gave it
            # ("Wagner" filed under a new `russia` actor is no longer `government`).
            mine = {_key(n) for n in _split(row.get("aliases", ""))}
            if mine:
                for other in list(actors.values()):
                    if other.id != a.id and any(_key(n) in mine for n in other.aliases):
                        actors[other.id] = replace(other, aliases=tuple(n for n in other.aliases
                                                                        if _key(n) not in mine))
    return ActorRegistry(actors.values())

"""The :class:`Gazetteer`: places indexed by the keys of their names, resolved with context.

Resolution gathers the places whose names share a key with the query (see :mod:`gazetteer.normalize`),
scores each by how close the name is, how prominent the place is, and how well it fits the context, and
shares the name score among the candidates, so an ambiguous name gets a low score and its alternatives.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from ._errors import AliasFileError
from .context import Context
from .geo import border_distance_km, compass_ok, haversine_km
from .normalize import ARTICLES, fold, word_token
from .normalize import name_keys as _name_keys
from .places import Candidate, Place, Resolution
from .sources import (
    Alias,
    data_path,
    read_aliases,
    read_bundled_name_keys,
    read_bundled_places,
    read_common_words,
)

if TYPE_CHECKING:
    from .mentions import Mention, MentionFinder

__all__ = ["THEATRE", "Gazetteer", "load_gazetteer"]

#: Countries of the war: a place there is more likely meant than a namesake abroad.
THEATRE = frozenset({"SY", "IQ"})

#: Neighbours whose border areas the bundled data covers.
NEIGHBOURS = frozenset({"TR", "LB", "JO"})

#: Countries where a loose (sound, skeleton, fuzzy) match is allowed: the theatre and its neighbours.
_LOOSE_OK = THEATRE | NEIGHBOURS

#: Score of a name match at each level (fuzzy: times the similarity ratio).
LEVEL_SCORE = {"exact": 1.0, "words": 0.97, "sound": 0.9, "skel": 0.8, "fuzzy": 0.78}
#: Match levels that keep the letters of the name.
_STRICT = frozenset({"exact", "words"})
#: How much of the context bonus a candidate gets, by how well its name matched.
_CONTEXT_BY_LEVEL = {"exact": 1.0, "words": 1.0, "sound": 1.0, "skel": 0.5, "fuzzy": 0.5}
#: A place this populous (or a country) is what its own name means, spelled as its own or up to the article
#: ("Damascus", "al-Raqqa")...
_FAMOUS_POPULATION = 500_000
#: ... and a city of the theatre this populous what its name spelled exactly as its own means ("Hama",
#: "Ramadi"; not "al-Hamah", a suburb of Damascus).
_CITY_POPULATION = 200_000
#: Weight of the name score against prominence and context in the rank.
_NAME_WEIGHT = 8.0
#: Weight of the context bonus in the rank (it keeps the balance of name and context as tuned at 4.0).
_CONTEXT_WEIGHT = _NAME_WEIGHT / 4.0
#: A name at this position or before in a place's list is a main name (preferred, press spelling).
_MAIN_NAMES = 2

#: How much each kind of place is expected to be named in news of the war (added to the rank).
KIND_PRIOR = {
    "country": 1.5, "governorate": 0.25, "city": 0.4, "town": 0.3, "village": 0.12, "district": 0.1,
    "subdistrict": 0.02, "neighbourhood": 0.0, "hill": 0.05, "base": 0.12, "airbase": 0.18,
    "crossing": 0.12, "dam": 0.12, "oil field": 0.08, "industrial site": 0.05, "port": 0.05, "area": 0.0,
    "abandoned": -0.25,
}

#: Descriptive words around a name that are not part of it ("the town of X", "X city").
_DESCRIPTORS = frozenset(
    "the town city village villages towns district area region camp neighbourhood neighborhood "
    "district suburb of strategic key border".split()
)
#: Words after a name that name a feature at or by the place ("Palmyra Castle", "Markada Silos").
_FEATURE_WORDS = frozenset(
    "castle citadel silos silo plant gas oil field fields factory base air airbase airport bridge dam "
    "station crossing checkpoint hospital school mosque prison roundabout farm farms junction road highway "
    "hill hills mount mountain mountains plain valley".split()
)
#: Compass words before or after a name ("East Qubbah", "Qubbah West").
_COMPASS_WORDS = frozenset("north south east west northern southern eastern western".split())
#: Arabic words after a name for a part or a namesake of it ("Hamidiyah Saghira", "X al-Janoubi").
#: Of those, the words of position: upper and lower, the compass, big and little ("Baghuz Fawqani").
POSITION_WORDS = frozenset(
    "sharqi gharbi shamali janubi qibli tahtani fawqani saghir saghira saghirah sghir zghir kabir kabira "
    "kabirah kbir".split()
)
_QUALIFIERS = POSITION_WORDS | frozenset("jadid jadida jadidah jdideh qadim qadima qadimah".split())
#: Generic first words of hills and ruins named for a nearby place ("Tall Mardikh" by Mardikh).
_GENERIC_HEADS = frozenset({"tal", "jabal", "khirba", "tulul"})
_TEMPERATURE = 0.4
#: Added to the rank of a place whose preferred spelling is the query as written, letter for letter: of two
#: namesakes the map spells "Kafr Nasih" and "Kafr Naseh", "Kafr Nasih" is more likely the first.
_VERBATIM_BONUS = 0.1
#: Candidates this close to a better one are taken as the same place.
_SAME_PLACE_KM = 5.0
#: A candidate whose weight is this small beside the best cannot change the answer's scores (< 1e-6).
_NEGLIGIBLE = 1e-7


class Gazetteer:
    """Places indexed for resolution by name, with all their transliterations.

    Build one with :func:`load_gazetteer` (the bundled data) or from any list of places (tests).

    Parameters
    ----------
    places : sequence of Place
    common_words : iterable of str, optional
        Folded one-word names that are common English words (used by mention finding).

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.resolve("Al-Bukamal").match.place.name
    'Abu Kamal'
    >>> gaz.resolve("Hiwar Kallis").match.place.admin1
    'Aleppo'
    """

    def __init__(
        self,
        places: Sequence[Place],
        common_words: Iterable[str] = (),
        key_rows: Iterable[Sequence[str]] | None = None,
    ) -> None:
        self.places: list[Place] = list(places)
        self.common_words = frozenset(common_words)
        self._by_id: dict[str, int] = {p.id: i for i, p in enumerate(self.places)}
        self._exact: dict[str, list[tuple[int, str]]] = {}
        self._words: dict[str, list[tuple[int, str]]] = {}
        self._sound: dict[str, list[tuple[int, str]]] = {}
        #: skel key -> (place index, name, its ``words`` key): the words key scores a loose match.
        self._skel: dict[str, list[tuple[int, str, str]]] = {}
        #: (place index, name, sound tokens joined by spaces): what the mention automaton is built from.
        self.name_rows: list[tuple[int, str, str]] = []
        # Per place, what ranking needs again and again: prior, main names, whether loose matches may reach it.
        self._prior: list[float] = []
        self._main: list[tuple[str, ...]] = []
        self._loose_ok: list[bool] = []
        self._famous: set[int] = set()
        for p in self.places:
            self._add_static(p)
        if key_rows is None:
            key_rows = (_key_row(p.id, n) for p in self.places for n in p.names)
        self._index_rows(key_rows)
        #: ``words`` keys by their first letter (built on first use).
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self._mentions: MentionFinder | None = None
        self._resolve_cached = lru_cache(maxsize=65_536)(self._resolve_uncached)
        # The candidates of a name do not depend on the context: a report's names are resolved with its
        # context each time, their candidates looked up once.
        self._find_cached = lru_cache(maxsize=65_536)(self._find)

    # -- building ------------------------------------------------------------------------------------------

    def _add_static(self, p: Place, bonus: float = 0.0) -> None:
        """Record the ranking facts of the place just appended (or replaced) at its index."""
        i = self._by_id[p.id]
        facts = (self._place_prior(p) + bonus, p.names[:_MAIN_NAMES],
                 p.kind != "country" and p.country in _LOOSE_OK)
        if i == len(self._prior):
            self._prior.append(facts[0])
            self._main.append(facts[1])
            self._loose_ok.append(facts[2])
        else:
            self._prior[i], self._main[i], self._loose_ok[i] = facts
        if self._is_famous(p):
            self._famous.add(i)

    @staticmethod
    def _place_prior(p: Place) -> float:
        prior = KIND_PRIOR.get(p.kind, 0.0)
        if p.population > 0:
            prior += min(math.log10(p.population + 1) / 7.0, 1.0) * 0.35
        if "wikipedia_map" in p.sources:
            prior += 0.3  # the war maps mark what the press names
        if p.country in THEATRE:
            prior += 0.15
        elif p.country not in NEIGHBOURS and p.kind != "country":
            prior -= 0.6  # a city far away is rarely what a report of the war means
        return prior

    def _index_rows(self, rows: Iterable[Sequence[str]]) -> None:
        by_id = self._by_id
        levels = (self._exact, self._words, self._sound)
        skel = self._skel
        names = self.name_rows
        for row in rows:
            i = by_id.get(row[0])
            if i is None:
                continue
            name = row[1]
            names.append((i, name, row[6]))
            for index, key in zip(levels, row[2:5], strict=True):
                if not key:
                    continue
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [(i, name)]
                elif bucket[-1][0] != i:  # a place's names come together: one entry per place and key
                    bucket.append((i, name))
            if row[5]:
                sbucket = skel.get(row[5])
                if sbucket is None:
                    skel[row[5]] = [(i, name, row[3])]
                elif sbucket[-1][0] != i:
                    sbucket.append((i, name, row[3]))

    def add_aliases(self, aliases: Iterable[Alias]) -> None:
        """Add names to known places, or new places, from alias rows.

        Raises
        ------
        AliasFileError
            When an alias names a place id the gazetteer does not know.
        """
        for a in aliases:
            if a.place_id:
                idx = self._by_id.get(a.place_id)
                if idx is None:
                    msg = (f"{a.source}:{a.line}: unknown place_id {a.place_id!r} for {a.name!r}; "
                           f"find the id with `mapper resolve {a.name!r}` or give lat,lon instead")
                    raise AliasFileError(msg)
                self._add_name(idx, a.name, a.source)
                continue
            if a.lat is None or a.lon is None:
                msg = f"{a.source}:{a.line}: {a.name!r} needs a place_id or lat and lon"
                raise AliasFileError(msg)
            pid = a.new_place_id()
            if pid in self._by_id:  # another name of a place an earlier row made
                self._add_name(self._by_id[pid], a.name, a.source)
                continue
            p = Place(id=pid, name=a.name, names=(a.name,), lat=a.lat, lon=a.lon, country=a.country,
                      admin1="", admin2="", kind=a.kind, population=0, sources=(a.source,))
            self.places.append(p)
            self._by_id[pid] = len(self.places) - 1
            self._add_static(p, bonus=0.2)  # a user's own place is meant
            self._index_rows([_key_row(pid, a.name)])
        self._fuzzy_keys = None
        self._mentions = None
        self._resolve_cached.cache_clear()
        self._find_cached.cache_clear()

    def _add_name(self, idx: int, name: str, source: str) -> None:
        """Give place ``idx`` one more name (from ``source``) and index it."""
        p = self.places[idx]
        if name not in p.names:
            self.places[idx] = _replace_place(p, names=(*p.names, name), sources=_add(p.sources, source))
            self._main[idx] = self.places[idx].names[:_MAIN_NAMES]
            self._index_rows([_key_row(p.id, name)])

    @staticmethod
    def _is_famous(p: Place, exact: bool = True) -> bool:
        """Whether ``p`` is what its name means whatever the context: a country or a great city, or, spelled
        exactly as its own (``exact``), a city of the theatre."""
        if p.kind == "country" or p.population >= _FAMOUS_POPULATION:
            return True
        return exact and p.country in THEATRE and p.population >= _CITY_POPULATION

    # -- lookup --------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def get(self, place_id: str) -> Place:
        """The place with this id.

        Raises
        ------
        KeyError
            When no place has this id.
        """
        try:
            return self.places[self._by_id[place_id]]
        except KeyError:
            msg = f"no place with id {place_id!r}"
            raise KeyError(msg) from None

    def candidates(self, name: str, *, fuzzy: bool = True) -> list[tuple[int, str, float, str]]:
        """Places whose names match ``name``: ``(index, level, name_score, matched_name)``, best level each."""
        k = _name_keys(name)
        found: dict[int, tuple[int, str, float, str]] = {}
        for level, index, key in (("exact", self._exact, k.exact), ("words", self._words, k.words),
                                  ("sound", self._sound, k.sound)):
            if not key:
                continue
            for i, matched in index.get(key, ()):
                if i not in found:
                    score = LEVEL_SCORE[level]
                    if level == "sound":
                        # Sounds alike, but how alike in letters: "Baghouz" is Baghuz before Bughaz.
                        score *= 0.9 + 0.1 * fuzz.ratio(k.words, _name_keys(matched).words) / 100.0
                    found[i] = (i, level, score, matched)
        if k.skel and (not found or len(k.skel) >= 4):
            for i, matched, words in self._skel.get(k.skel, ()):
                if i not in found:
                    ratio = fuzz.ratio(k.words, words) / 100.0
                    found[i] = (i, "skel", LEVEL_SCORE["skel"] * (0.85 + 0.15 * ratio), matched)
        if not found and fuzzy and len(k.words) >= 5:
            found = {c[0]: c for c in self._fuzzy(k.words)}
        return list(found.values())

    def _find(self, name: str) -> list[tuple[int, str, float, str]]:
        """:meth:`candidates`, falling back on the name less what is not part of it before fuzzy matching.

        "the town of Jarablus" is Jarablus; "Palmyra Castle", "East Qubbah" and "Tall Mardikh" are at or
        by Palmyra, Qubbah and Mardikh when the gazetteer does not know them (a lower name score).
        """
        folded = fold(name).split()
        if all(w in _DESCRIPTORS for w in folded):
            return []  # "the town", "the city": a reference back, no name ("the town" sounds like Zaytan)
        # English "the" starts no name here but a country's ("The Gambia"): "the Yarmouk camp" is read without
        # it, whole only when that fails (as one key, "the city" sounded like Zuwayqat).
        cands = [] if folded[0] == "the" else self.candidates(name, fuzzy=False)
        construct = _construct_state(folded)
        if construct is not None:
            # A feminine ending before an article, spelt the other way ("Mleiha al-Atash" is Mulayhat al Atash:
            # the ending is pronounced "t" there, and written with or without it), at 0.95: it may match better
            # than a loose reading of the name as written.
            best = {c[0]: c for c in cands}
            for i, level, nscore, matched in self.candidates(construct, fuzzy=False):
                if i not in best or nscore * 0.95 > best[i][2]:
                    best[i] = (i, level, nscore * 0.95, matched)
            cands = list(best.values())
        if cands:
            return cands
        for reduced, factor in _reductions(name):
            cands = self.candidates(reduced, fuzzy=False)
            if cands:
                if factor == 1.0:
                    return cands
                return [(i, level, nscore * factor, matched) for i, level, nscore, matched in cands]
        if folded[0] == "the":
            cands = self.candidates(name, fuzzy=False)
            if cands:
                return cands
        words = _name_keys(name).words
        return self._fuzzy(words) if len(words) >= 5 else []

    def _fuzzy(self, words: str) -> list[tuple[int, str, float, str]]:
        """Near spellings at the ``words`` level (letters kept), same first letter, similarity >= 85%."""
        if self._fuzzy_keys is None:
            by_letter: dict[str, list[str]] = {}
            for key in sorted(self._words):
                by_letter.setdefault(key[:1], []).append(key)
            self._fuzzy_keys = by_letter
        out = []
        hits = process.extract(words, self._fuzzy_keys.get(words[:1], ()), scorer=fuzz.ratio, score_cutoff=85,
                               limit=8)
        for key, ratio, _ in hits:
            for i, matched in self._words[key]:
                out.append((i, "fuzzy", LEVEL_SCORE["fuzzy"] * ratio / 100.0, matched))
        return out

    # -- resolution ----------------------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        *,
        country: str | Iterable[str] | None = None,
        near: str | tuple[float, float] | None = None,
        context: Context | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 5,
        prefer_prominent: bool = False,
    ) -> Resolution:
        """Resolve a place name to the most likely place, with its alternatives.

        Parameters
        ----------
        name : str
            As written ("al-Rae", "Albu Kamal", "the town of Jarablus").
        country : str or iterable of str, optional
            ISO codes the place must be in ("SY").
        near : str or (lat, lon), optional
            A place name or point the place is probably near.
        context : Context, optional
            Hints from the text (see :func:`gazetteer.context_from_text`).
        kinds : iterable of str, optional
            Only these kinds of place.
        limit : int
            How many alternatives to return besides the match.
        prefer_prominent : bool
            Weigh prominence more (for anchors such as "north of Aleppo").

        Returns
        -------
        Resolution
            ``match`` is None when no place has a name close enough: never an exception.
        """
        ctx = context or Context()
        if country:
            codes = {country} if isinstance(country, str) else set(country)
            ctx = replace(ctx, countries=frozenset(c.upper() for c in codes))
        if near is not None:
            from .context import Anchor

            if isinstance(near, str):
                anchor_res = self.resolve(near, prefer_prominent=True)
                if anchor_res.match is not None:
                    p = anchor_res.match.place
                    ctx = ctx.with_anchors((Anchor(p.lat, p.lon, weight=1.0, scale_km=60.0),))
            else:
                ctx = ctx.with_anchors((Anchor(float(near[0]), float(near[1]), weight=1.0, scale_km=60.0),))
        kinds_key = frozenset(kinds) if kinds else None
        if not ctx:
            return self._resolve_cached(name, kinds_key, limit, prefer_prominent)
        return self._resolve_uncached(name, kinds_key, limit, prefer_prominent, ctx)

    def _resolve_uncached(
        self,
        name: str,
        kinds: frozenset[str] | None,
        limit: int,
        prefer_prominent: bool,
        ctx: Context | None = None,
    ) -> Resolution:
        cands = self._find_cached(name)
        if ctx is not None and ctx.countries:
            cands = [c for c in cands if self.places[c[0]].country in ctx.countries]
        if kinds:
            cands = [c for c in cands if self.places[c[0]].kind in kinds]
        if not cands:
            return Resolution(query=name, match=None)
        # A country's or a great city's own name means that place, whatever the context: "Turkey" is not
        # the village one of whose names is Turkey, "Moscow" not a hamlet that sounds like it.
        if self._famous:
            famous = [c for c in cands if c[0] in self._famous and (c[1] == "exact" or (
                c[1] in _STRICT and self._is_famous(self.places[c[0]], exact=False)))]
            if famous:
                cands = famous
        prior_weight = 2.0 if prefer_prominent else 1.0
        places = self.places
        prior, main, loose_ok = self._prior, self._main, self._loose_ok
        # "China" is no loose spelling of Shana'a.
        cands = [c for c in cands if c[1] in _STRICT or loose_ok[c[0]]]
        if len(cands) == 1:  # nothing to rank
            i, level, nscore, matched = cands[0]
            only = Candidate(place=places[i], level=level, name_score=nscore, score=nscore, matched_name=matched)
            return Resolution(query=name, match=only)
        ranked = []
        verbatim = _verbatim(name)
        for i, level, nscore, matched in cands:
            rank = _NAME_WEIGHT * nscore + prior_weight * prior[i]
            if matched in main[i]:
                rank += 0.2
            if _verbatim(places[i].name) == verbatim:
                rank += _VERBATIM_BONUS
            if ctx is not None:
                # Context chooses among good spellings; it should not turn a loose sound-alike nearby
                # ("As Sur" for Suruc) into the answer over an exact name.
                rank += _CONTEXT_WEIGHT * _CONTEXT_BY_LEVEL[level] * self._context_bonus(places[i], ctx)
            ranked.append((-rank, places[i].id, i, level, nscore, matched))
        if not ranked:
            return Resolution(query=name, match=None)
        ranked.sort()
        top = -ranked[0][0]
        # Entries of several sources for one place (a town and its namesake neighbourhood, a GeoNames and
        # a map point 2 km apart) are one answer: their weight goes to the best-ranked of them.
        kept: list[list[Any]] = []  # [weight, place, ranked entry]
        total = 0.0
        exp = math.exp
        for r in ranked:
            w = exp((-r[0] - top) / _TEMPERATURE)
            total += w
            if w < _NEGLIGIBLE and len(kept) > limit:
                continue  # too unlikely to change a kept weight, and no room for it
            p = places[r[2]]
            for k in kept:
                q = k[1]
                if abs(q.lat - p.lat) < 0.06 and abs(q.lon - p.lon) < 0.07 and \
                        haversine_km(q.lat, q.lon, p.lat, p.lon) <= _SAME_PLACE_KM:
                    k[0] += w
                    break
            else:
                if len(kept) <= limit:
                    kept.append([w, p, r])
        out = [Candidate(place=p, level=r[3], name_score=r[4], score=r[4] * w / total, matched_name=r[5])
               for w, p, r in kept]
        return Resolution(query=name, match=out[0], alternatives=tuple(out[1:]))

    @staticmethod
    def _context_bonus(p: Place, ctx: Context) -> float:
        bonus = 0.0
        if ctx.admin1 and p.admin1 in ctx.admin1:
            bonus += 1.5 * ctx.admin1_weight
        pull = 0.0
        for a in ctx.anchors:
            d = haversine_km(a.lat, a.lon, p.lat, p.lon)
            w = a.weight / (1.0 + d / a.scale_km)
            if a.direction and d > 1.0 and not compass_ok(a.direction, a.lat, a.lon, p.lat, p.lon):
                w *= 0.2
            pull = max(pull, w)
        bonus += 2.0 * pull
        for iso in ctx.borders:
            if p.country != iso:
                d = border_distance_km(iso, p.lat, p.lon)
                bonus += 0.8 * math.exp(-d / 20.0)
        return bonus

    def governorate_of(self, name: str) -> str | None:
        """The Syrian governorate a name stands for ("Aleppo", "Deir el-Zour", "Idleb"), or None."""
        res = self.resolve(name, kinds=("governorate",), limit=0)
        if res.match is None or res.match.name_score < 0.84:
            return None
        return res.match.place.admin1 or res.match.place.name

    # -- mentions ------------------------------------------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Every span of ``text`` that names a known place (see :mod:`gazetteer.mentions`)."""
        return self.mention_finder.find(text)

    @property
    def mention_finder(self) -> MentionFinder:
        """The :class:`~gazetteer.mentions.MentionFinder` over every name (built on first use)."""
        if self._mentions is None:
            from .mentions import MentionFinder

            self._mentions = MentionFinder(self)
        return self._mentions


def _verbatim(name: str) -> str:
    """A name as written, up to case and spacing: what tells a place's own spelling from a namesake's."""
    return " ".join(name.casefold().split())


def _replace_place(p: Place, **changes: object) -> Place:
    return replace(p, **changes)  # type: ignore[arg-type]


def _add(items: tuple[str, ...], item: str) -> tuple[str, ...]:
    return items if item in items else (*items, item)


def _key_row(place_id: str, name: str) -> tuple[str, str, str, str, str, str, str]:
    k = _name_keys(name)
    return (place_id, name, k.exact, k.words, k.sound, k.skel, " ".join(k.sound_tokens))


def _reductions(name: str) -> list[tuple[str, float]]:
    """Shorter forms of a name the gazetteer may know, each with the factor its name score is given.

    1. descriptive words dropped ("the town of X", "X city"): the same name (factor 1);
    2. then feature, compass and qualifier words ("X Castle", "X Gas Plant", "East X", "X Saghira"): a
       feature at or by X, or its namesake next to it (0.9);
    3. then a leading generic word ("Tall X", "Jabal X", "Khirbet X"): a hill or ruin named for X (0.85).
    """
    folded = fold(name).split()
    out: list[tuple[str, float]] = []
    words = list(folded)
    while len(words) > 1 and words[0] in _DESCRIPTORS:
        words.pop(0)
    while len(words) > 1 and words[-1] in _DESCRIPTORS:
        words.pop()
    if words != folded:
        out.append((" ".join(words), 1.0))
    before = list(words)
    while len(words) > 1 and (words[-1] in _FEATURE_WORDS or words[-1] in _COMPASS_WORDS
                              or word_token(words[-1]) in _QUALIFIERS):
        words.pop()
    while len(words) > 1 and words[0] in _COMPASS_WORDS:
        words.pop(0)
    if words != before:
        out.append((" ".join(words), 0.9))
    if len(words) > 1 and word_token(words[0]) in _GENERIC_HEADS:
        rest = words[1:]
        if len(rest) > 1 and rest[0] in ARTICLES:
            rest = rest[1:]
        out.append((" ".join(rest), 0.85))
    return out


def _construct_state(words: list[str]) -> str | None:
    """``words`` with each feminine ending before an article spelt the other way (with "t", or without it),
    or None when the name has none."""
    out = list(words)
    for i in range(len(words) - 2):
        w = words[i]
        if words[i + 1] not in ARTICLES or len(w) < 4:
            continue
        if w.endswith(("at", "et")):
            out[i] = w[:-1]
        elif w.endswith(("ah", "eh")):
            out[i] = w[:-1] + "t"
        elif w.endswith(("a", "e")):
            out[i] = w + "t"
    return " ".join(out) if out != words else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a few million acyclic objects are made.

    The bundled gazetteer is about a million tuples, strings and lists with no reference cycles; the
    collector would walk them again and again as they are made, a quarter of the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # They live as long as the process: frozen, the collector never walks them again (the first collection
        # after the pause would walk them all, a tenth of the load time, and so would every full one after).
        gc.freeze()
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def _bundled() -> tuple[list[Place], frozenset[str], list[list[str]] | None]:
    return read_bundled_places(), read_common_words(), read_bundled_name_keys()


def load_gazetteer(alias_files: Sequence[str | Path] = (), *, curated_aliases: bool = True) -> Gazetteer:
    """Load the bundled gazetteer (offline), with the curated aliases and any user alias files.

    Parameters
    ----------
    alias_files : sequence of path
        User alias files (CSV; see :mod:`gazetteer.sources`), applied in order.
    curated_aliases : bool
        Apply the project's curated alias file (``gazetteer/data/aliases.csv``).

    Raises
    ------
    AliasFileError
        When an alias file cannot be read or names an unknown place.
    GazetteerDataError
        When the bundled data is missing.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> res = gaz.resolve("al-Rae")
    >>> res.match.place.name, res.match.place.country
    ('al-Rai', 'SY')
    """
    with _collector_paused():
        places, words, keys = _bundled()
        gaz = Gazetteer(places, common_words=words, key_rows=keys)
        if curated_aliases:
            gaz.add_aliases(read_aliases(data_path("aliases.csv"), source="aliases"))
    for path in alias_files:
        gaz.add_aliases(read_aliases(path))
    return gaz

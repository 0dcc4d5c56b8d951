"""Find every span of a text that names a known place: one Aho-Corasick automaton over normalised names.

The text is split into words; each word is folded to its ``sound`` form (see :mod:`gazetteer.normalize`),
articles are dropped (but kept in the span: "al-Rae"), and the automaton finds every run of words that is a
known name. Overlaps are settled longest first. The cost is linear in the text, whatever the number of names.

A name must start with a capital letter in the text; a one-word name that is also a common English word
("Share", "Most") or an acronym ("US", "IS") is taken only after an article, and a one-word name followed
by another capitalised word ("Rami Abdulrahman") or preceded by a title ("President Erdogan") is taken for
a person's name and left out. A name that is a source, not a place, is left out too: an outlet ("Al-Mayadeen
TV", "according to Al Jazeera") or a capital that speaks for its government ("Damascus said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from .normalize import ARTICLES, fold, sound_token, word_token

if TYPE_CHECKING:
    from .index import Gazetteer

__all__ = ["Mention", "MentionFinder"]

#: Article forms that are also English words: articles only when capitalised or hyphenated ("as-Safira").
_ENGLISH_ARTICLES = frozenset({"as", "an", "at", "es", "en", "et", "ed", "er", "il", "ul", "ol", "ad"})
_HYPHENS = frozenset({"-", "‐", "‑", "–"})
_APOSTROPHES = frozenset("'’ʼ`‘")
#: Capitalised words that may stand before a one-word place name without making it a surname.
_PRECEDERS = frozenset(
    "in on at the from to near of and or into toward towards outside inside around across via through "
    "northern southern eastern western central greater old new upper lower rural besieged "
    "north south east west northeast northwest southeast southwest "
    # Dates: "On Monday Manbij fell", "In July Raqqa fell" (no comma after them in much news text).
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december "
    # Who lives there: "Kurdish Afrin", "the Shiite Fuaa", "Christian Mhardeh", "Alawite Qardaha".
    "kurdish turkish syrian iraqi arab christian alawite shiite shia sunni druze yazidi assyrian armenian "
    "turkmen lebanese jordanian iranian israeli palestinian bedouin ismaili circassian".split()
)
_WORD = r"[^\W_]+(?:['’ʼʿ`‘][^\W_]+)*"
#: Splits a text into [gap, word, gap, word, ..., gap].
_SPLIT = re.compile(f"({_WORD})")
#: Generic words of names ("Tal", "Kafr", "Deir", "Kabir"), in their spellings: a one-word name that is one
#: of them names nothing. They are told by spelling, since "Dawr" and "Deir", "Kubar" and "Kabir" sound alike.
_GENERIC_WORDS = frozenset(
    word_token(w) for w in
    "tal jabal khirba kafr umm ain ras bu bin shaykh dayr bayt hay qarya wadi ouadi wady bir nahr nahar "
    "tahtani fawqani qibli gharbi sharqi shamali janubi kabir kebir kbir kabeer kabira kabirah saghir sghir "
    "seghir sgheir saghira saghirah jadid jdid jedid jadida jadidah qadim qadeem qadima dar".split()
)
#: The sounds of :data:`_GENERIC_WORDS`: only a word of one of these sounds is looked at for its spelling.
_GENERIC_ONLY = frozenset(sound_token(w) for w in _GENERIC_WORDS)
#: Short English words that sound like the first word of names ("In" like "Ayn"/"Ain", spring; "By the" like
#: "Bayt", house): opening a name of several words, they are the English word, never its spelling.
_ENGLISH_LIKE_GENERIC = frozenset(
    "in on but by he it its out to up we so no of or if is be do my me".split()
)
#: Article forms that join every word; the others only one that starts with their consonant, as the article
#: takes the sound of a "sun letter" ("as-Safira", "ad-Dana", "Ash Shaddadi"): "An Iraqi" or "At Khan
#: Sheikhun", written at a sentence's start, are the English words.
_FREE_ARTICLES = frozenset({"al", "el", "il", "ul", "ol"})
#: Capitalised words that may follow a place name without making it a person's name.
_FOLLOWERS = frozenset(
    "governorate province city town village countryside district subdistrict area region airport airbase "
    "base dam prison camp hospital university bridge road highway gate crossing border river lake valley "
    "plain mountain mountains hill hills desert front frontline pocket enclave canton offensive operation "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december i ii iii and or the in on at by of to from with near "
    "council military "
    # Arabic words for a part of a town or its namesake next door: "Daraa al-Balad", "Ghouta al-Sharqiya".
    "balad jadid jadida jadidah jdideh qadim qadima qadimah sharqi gharbi shamali janubi sharqiya sharqiyah "
    "gharbiya gharbiyah shamaliya shamaliyah janubiya janubiyah tahtani fawqani".split()
)
#: Words of map labels that describe a site instead of naming it ("Air Defense Base", "Military Camp",
#: "Sugar Factory"): a label made only of them is not looked for in text, where it would be the tail of a
#: longer name ("Khirbet Bantanta Military Camp") or a description of some other site.
_DESCRIPTIVE = frozenset(
    "military army air defense defence battalion brigade regiment division base camp checkpoint factory "
    "station school academy college hospital missile missiles radar battery depot warehouse silo silos plant "
    "field fields farm farms police security building buildings complex housing barracks headquarters command "
    "post point tower gate roundabout junction bridge dam hill hills mountain mountains mount tank tanks "
    "artillery infantry special forces engineering signal transport fuel ammunition weapons research "
    "scientific center centre industrial agricultural railway power water electricity gas oil sugar cement "
    "cork cotton grain bakery mill club stadium sports youth russian iranian syrian turkish american "
    "shia militia old new main central big small upper lower north south east west northern southern "
    "eastern western the of and al el".split()
)
#: Words before a capitalised name that make it a person's name.
_TITLES = frozenset(
    "president minister premier mr mrs ms dr general gen colonel col commander spokesman spokeswoman "
    "director leader chief king prince sheikh emir envoy ambassador secretary senator sen rep official "
    "said says told named".split()
)

#: A name followed by a word of the media is an outlet ("Al-Mayadeen TV", "Al-Masdar News", "the Lebanese
#: Al-Mayadeen channel"), not the place it is named for, unless a preposition puts it before (see
#: :data:`_PLACE_BEFORE`).
_MEDIA_AFTER = re.compile(r"[ \t]+(?i:tv|television|channel|network|newspaper|radio|website|news|agency|media)\b")
#: A name that opens a clause and is followed by a verb of saying speaks: an outlet ("Al Jazeera reported")
#: or a government by its capital ("Damascus said"). After a verb or a preposition it is the place, in text
#: that lost its commas too ("IS withdrew from Palmyra said the monitor").
_SAYS_AFTER = re.compile(r"[ \t]+(?:reported|reports|said|says|quoted|cited|claimed|broadcast|aired)\b")
_CLAUSE_OPENERS = frozenset({"but", "while"})
#: Words before a name that keep it the place though a word of the media follows: "the town of Al Tabqah media
#: reported" (text without its commas). So "a photographer from al-Alam TV" is read as the place too.
_PLACE_BEFORE = frozenset({"of", "in", "from", "to", "near", "at", "into", "around", "outside", "inside", "towards",
                           "toward", "and"})
#: Words that introduce a source: "according to Al-Mayadeen", "told Al Hayat", "in an interview with Rudaw".
_SOURCE_BEFORE = re.compile(r"\b(?i:according\s+to|told|speaking\s+to|quoted\s+by|cited\s+by|reported\s+by|"
                            r"interview\s+with)\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names a known place.

    Attributes
    ----------
    text : str
        The span as written ("al-Rae", "Deir ez-Zor", "al-Battal hill").
    start, end : int
        Character offsets: ``source[start:end] == text``.
    key : str
        The normalised words that matched (``sound`` level, space-separated).
    """

    text: str
    start: int
    end: int
    key: str


class _Token(NamedTuple):
    sound: str
    start: int
    end: int
    span_start: int  # start of the article before it, if any
    capital: bool
    upper: bool
    folded: str


class _Word(NamedTuple):
    """What tokenising needs of one written word, computed once per distinct word."""

    cut: int  # characters dropped from its end ("Syria's" -> "Syria")
    folded: str
    article: int  # 0: not an article; 1: an article; 2: an article when a hyphen follows ("as-Safira")
    sounds_plain: tuple[str, ...]
    sounds_after_article: tuple[str, ...]
    capital: bool
    upper: bool


class MentionFinder:
    """An automaton over every name of a gazetteer, by the names' ``sound`` tokens.

    Parameters
    ----------
    gazetteer : Gazetteer

    Examples
    --------
    >>> from gazetteer import load_gazetteer
    >>> finder = load_gazetteer().mention_finder
    >>> [(m.text, m.start) for m in finder.find("Turkish-backed rebels took over al-Rae town.")]
    [('al-Rae', 32)]
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.common_words = gazetteer.common_words
        # Names of countries and large places, folded: "Syrias" in text that lost its apostrophes is
        # "Syria's", not a town called Shurash.
        self._famous = frozenset(
            fold(n) for p in gazetteer.places if p.kind == "country" or p.population >= 100_000
            for n in p.names[:4] if " " not in fold(n)
        )
        self._automaton = ahocorasick.Automaton()
        self._ntokens: dict[str, int] = {}
        for _, name, toks in gazetteer.name_rows:
            if " " in name and all(w in _DESCRIPTIVE for w in fold(name).split()):
                continue
            for variant in _variants(toks, name):
                if variant not in self._ntokens:
                    self._ntokens[variant] = variant.count(" ") + 1
                    self._automaton.add_word(f" {variant} ", variant)
        self._automaton.make_automaton()
        self._token_cache: dict[str, tuple[str, ...]] = {}
        self._word_cache: dict[str, _Word] = {}

    def __len__(self) -> int:
        return len(self._ntokens)

    def _sounds(self, folded: str, after_article: bool) -> tuple[str, ...]:
        key = f"{int(after_article)}{folded}"
        got = self._token_cache.get(key)
        if got is None:
            out: list[str] = []
            for part in folded.split():
                w = word_token(part)
                if w.startswith("bu") and len(w) > 4 and (after_article or w != part):
                    out.extend((sound_token("bu"), sound_token(w[2:])))
                else:
                    out.append(sound_token(w))
            got = tuple(out)
            if len(self._token_cache) < 500_000:
                self._token_cache[key] = got
        return got

    def _word(self, word: str) -> _Word:
        """Tokenising facts of one written word (cached: a corpus repeats its words)."""
        got = self._word_cache.get(word)
        if got is not None:
            return got
        cut = 0
        if len(word) > 2 and word[-1] in "sS" and word[-2] in _APOSTROPHES:  # possessive: Syria's
            cut = 2
        elif len(word) > 4 and word[-1] == "s" and word[0].isupper() and word[:-1].lower() in self._famous:
            cut = 1  # the same, its apostrophe lost: "Syrias", "Aleppos"
        w = word[: len(word) - cut]
        folded = fold(w) if not w.isascii() or "'" in w or "`" in w else w.lower()
        article = 0
        if folded in ARTICLES:
            article = 1 if folded not in _ENGLISH_ARTICLES or w[0].isupper() else 2
        got = _Word(cut, folded, article, self._sounds(folded, False) if folded else (),
                    self._sounds(folded, True) if folded else (), w[:1].isupper(), w.isupper() and len(w) > 1)
        if len(self._word_cache) < 500_000:
            self._word_cache[word] = got
        return got

    def _tokenise(self, text: str) -> tuple[list[_Token], str, dict[int, int]]:
        """The words of ``text`` as tokens, the stream of their sounds the automaton reads (" a b c "), and
        the token that starts at each offset of the stream."""
        toks: list[_Token] = []
        append = toks.append
        new = tuple.__new__
        sounds: list[str] = []
        add_sound = sounds.append
        pos_to_tok: dict[int, int] = {}
        spos = 1
        article_start = -1
        article = ""
        last_end = -10
        cache = self._word_cache
        word_of = self._word
        parts = _SPLIT.split(text)
        pos = len(parts[0])
        for j in range(1, len(parts), 2):
            word = parts[j]
            start = pos
            pos += len(word) + len(parts[j + 1])
            w = cache.get(word) or word_of(word)
            end = start + len(word) - w.cut
            folded = w.folded
            if not folded:
                article_start = -1
                continue
            adjacent = False
            if article_start >= 0:
                gap = text[last_end:start]
                adjacent = (gap in _HYPHENS or gap in (" ", "'", "’")) and (
                    article in _FREE_ARTICLES or folded.startswith(article[1:]))
            if w.article == 1 or (w.article == 2 and text[end : end + 1] in _HYPHENS):
                article_start = start
                article = folded
                last_end = end
                continue
            span_start = article_start if adjacent else start
            for snd in (w.sounds_after_article if adjacent else w.sounds_plain):
                pos_to_tok[spos] = len(toks)
                spos += len(snd) + 1
                add_sound(snd)
                append(new(_Token, (snd, start, end, span_start, w.capital, w.upper, folded)))
            article_start = -1
            last_end = end
        return toks, " " + " ".join(sounds) + " ", pos_to_tok

    def find(self, text: str) -> list[Mention]:
        """Every mention of a known place in ``text``, in order, longest match first where they overlap."""
        toks, stream, pos_to_tok = self._tokenise(text)
        if not toks:
            return []
        found: list[tuple[int, int, str]] = []
        ntokens = self._ntokens
        for end_idx, key in self._automaton.iter(stream):
            first = pos_to_tok.get(end_idx - len(key))
            if first is None or not toks[first].capital:
                continue
            last = first + ntokens[key] - 1
            if self._acceptable(text, toks, first, last):
                found.append((first, last, key))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken = [False] * len(toks)
        out: list[Mention] = []
        for first, last, key in found:
            if any(taken[first : last + 1]):
                continue
            for k in range(first, last + 1):
                taken[k] = True
            start, end = toks[first].span_start, toks[last].end
            out.append(Mention(text=text[start:end], start=start, end=end, key=key))
        out.sort(key=lambda m: m.start)
        return out

    def _acceptable(self, text: str, toks: list[_Token], first: int, last: int) -> bool:
        """Whether a match that starts with a capitalised word (checked by :meth:`find`) names a place."""
        head = toks[first]
        has_article = head.span_start != head.start
        if not has_article and head.folded in _ENGLISH_LIKE_GENERIC and first < last:
            return False  # "In Daraa, rebels ...": the English word, not "Ayn" of 'Ayn Dara; "But Hamdan said"
        if first == last:
            if head.sound in _GENERIC_ONLY and _generic(head.folded):
                return False
            if not has_article and (head.upper or head.folded in self.common_words):
                return False
            if _looks_like_person(text, toks, first):
                return False
        return not _speaks(text, head.span_start, toks[last].end)


def _speaks(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a source (an outlet, or a capital for its government) rather
    than a place: see :data:`_MEDIA_AFTER`, :data:`_SAYS_AFTER` and :data:`_SOURCE_BEFORE`."""
    if _SOURCE_BEFORE.search(text, max(0, start - 30), start):
        return True
    media, says = _MEDIA_AFTER.match(text, end), _SAYS_AFTER.match(text, end)
    if not media and not says:
        return False
    before = text[max(0, start - 12) : start].rstrip()
    word = before.rsplit(None, 1)[-1].lower() if before and before[-1].isalpha() else ""
    if media:
        return word not in _PLACE_BEFORE
    return not before or before[-1] in ".,;:!?(\"“‘'" or word in _CLAUSE_OPENERS


def _generic(written: str) -> bool:
    """Whether a written one-word name (articles aside) is a generic word: "Tell", "Deir"; not "Dawr". (Written
    in more words, it is taken for one, as its single sound says.)"""
    words = [w for w in fold(written).split() if w not in ARTICLES]
    return len(words) != 1 or word_token(words[0]) in _GENERIC_WORDS


def _variants(toks: str, name: str) -> list[str]:
    """The token strings a name is matched by: itself, and "X hill"/"Mount X" for "Tal X"/"Jabal X"."""
    if not toks:
        return []
    words = toks.split()
    if len(words) == 1 and words[0] in _GENERIC_ONLY and _generic(name):
        return []  # "Tal", "Umm" alone name nothing; "Ras al-Ain" is a town, "Ad Dawr" too
    out = [toks]
    tal, jabal = sound_token("tal"), sound_token("jabal")
    if len(words) > 1 and words[0] == tal:
        out.append(" ".join([*words[1:], sound_token("hill")]))
    elif len(words) > 1 and words[0] == jabal:
        out.append(" ".join([*words[1:], sound_token("mountain")]))
        out.append(" ".join([sound_token("mount"), *words[1:]]))
    return out


def _looks_like_person(text: str, toks: list[_Token], k: int) -> bool:
    tok = toks[k]
    if k > 0:
        prev = toks[k - 1]
        if prev.folded in _TITLES and prev.end >= tok.span_start - 2:
            return True
        # "Rami Abdel Rahman", "Bashar al-Assad": a capitalised word just before (the article, if any, in
        # between), that is not a sentence's first word.
        if (prev.capital and not prev.upper and text[prev.end : tok.span_start] == " "
                and prev.folded not in _PRECEDERS and not _sentence_initial(text, prev.start)):
            return True
    if k + 1 < len(toks):
        nxt = toks[k + 1]
        # "Bashar al-Assad", "Rami Abdulrahman": a capitalised word just after, or an "al-" surname.
        gap = text[tok.end : nxt.span_start]
        if nxt.capital and gap == " " and nxt.folded not in _FOLLOWERS and not nxt.upper:
            return True
    return False


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:\n"

"""Normalise place names written in the many Latin transliterations of Arabic (and Kurdish, Turkish).

A name is reduced to keys of increasing looseness. Two spellings of the same place usually share a key at
some level, and the level they share tells how sure the match is:

=========  =======================================================  ===========================
level      what is folded                                           example
=========  =======================================================  ===========================
``exact``  case, diacritics, apostrophes, punctuation               ``Ar Rā'ī`` -> ``ar rai``
``words``  articles (al-, el-, ash-, ...), Abu/Albu/Al-Bu, generic  ``Tall Battal`` and
           words (Tal/Tel/Tell/Tall, Jabal/Jebel, Kafr/Kfar, ...),  ``al-Battal hill`` ->
           hyphens and spaces                                       ``talbattal``
``sound``  vowels (e/i/a, o/u, ou, ee, diphthongs), doubled         ``Hiwar Kallis`` and
           letters, k/q, j/g, dh/th/z, sh/ch, final -eh/-ah/-a      ``Hawar Kilis`` -> ``hawarkalas``
``skel``   every vowel but a leading one (inserted vowels)          ``Jarablus``, ``Jarabulus``
                                                                    -> ``grbls``
=========  =======================================================  ===========================

All functions are pure and cached: the same token is normalised once per process.

Examples
--------
>>> name_keys("Albu Kamal").words == name_keys("Al-Bukamal").words == name_keys("Abu Kamal").words
True
>>> name_keys("Al-Rai").sound == name_keys("al-Rae").sound == name_keys("Ar Ra'i").sound
True
>>> name_keys("Hiwar Kallis").sound == name_keys("Hawar Kilis").sound
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

__all__ = [
    "ARTICLES",
    "NORMALIZER_VERSION",
    "NameKeys",
    "fold",
    "is_article",
    "is_generic",
    "name_keys",
    "sound_token",
    "tokens",
    "word_token",
]

#: Bump when a rule changes: the bundled name keys are then stale and must be rebuilt.
NORMALIZER_VERSION = "5"

#: Definite-article forms that stand before a name, alone or joined with a hyphen ("ash-Sheikh").
ARTICLES: frozenset[str] = frozenset(
    "al el il ul ol ar er as es ad ed ash esh ath adh at et az ez an en".split()
)

#: Generic words folded to one form at the ``words`` level: spelling variants of the same word.
_GENERIC: dict[str, str] = {}
for _canon, _variants in {
    "tal": "tal tel tell tall til tell tel",
    "jabal": "jabal jebel jabel jbel jebal gebel jabl djebel",
    "khirba": "khirbet khirbat kherbet khirba khirbit khurbet kherbat khirbeh khirbah khrbet kharbat kharbet "
              "kharbeh kharba khurbat khurba kherbeh khirbe xirbet xirbat xerbet xirbe xirba",
    "kafr": "kafr kfar kafar kefr kfr kafer",
    "tahtani": "tahtani tahtaniyah tahtaniyeh tahtania tahtaniya tahtany",
    "fawqani": "fawqani fouqani foqani fawqaniyah fawqaniyeh fouqaniyeh fouqania fawqaniya fauqani",
    "qibli": "qibli qabli kabli kibli qebli",
    "gharbi": "gharbi gharbiyah gharbiyeh gharbiya gharbia",
    "sharqi": "sharqi sharqiyah sharqiyeh sharqiya sharqia shirqi",
    "shamali": "shamali shamaliyah shamaliyeh shamaliya shimali",
    "janubi": "janubi janoubi janoobi janubiyah janoubiyeh janubiya janoubia",
    "umm": "umm um oum omm",
    "ain": "ain ayn ein ayin aein aine",
    "ras": "ras raas",
    "bu": "abu abou abo albu bu abul aboul abol",
    "bin": "bin ibn ben",
    "shaykh": "shaykh sheikh sheik shaikh shaykh cheikh cheik sheykh shekh",
    "dayr": "dayr deir dair deyr der",
    "bayt": "bayt beit bait beyt bet",
    "hay": "hay hayy hai",
    "qarya": "qarya qaryat qariyat",
    "qasr": "qasr kasr qaser",
    "mazraa": "mazraa mazraat mazraet mazraah mazraeh mazrat mazrah mazraa",
    "hawsh": "hawsh hosh housh haush",
    "qalaat": "qalaat qalat kalaat qalaa qalaah",
    "jisr": "jisr jisir",
}.items():
    for _v in _variants.split():
        _GENERIC[_v] = _canon

#: Words that follow a name and mean "hill" or "mountain": moved before it as ``tal`` / ``jabal``.
_TRAILING_GENERIC = {"hill": "tal", "hills": "tal", "mount": "jabal", "mountain": "jabal", "mountains": "jabal"}
_LEADING_GENERIC = {"mount": "jabal", "mt": "jabal"}
#: Last words of an air base's name, all written for the same base.
_AIRFIELD = frozenset({"airbase", "airport", "airfield", "aerodrome"})

_APOSTROPHES = re.compile(r"['`´‘’ʻʼʽʾʿˈˊ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiou")
#: ASCII folding table: apostrophes dropped, anything but a letter or digit made a space.
_ASCII_FOLD = {c: (None if chr(c) in "'`" else " ") for c in range(128) if not chr(c).isalnum()}


def fold(text: str) -> str:
    """Fold a name to lower-case ASCII words separated by single spaces.

    Diacritics and Arabic letters are transliterated (unidecode), apostrophes and the ʿayn/hamza marks
    dropped, anything else that is not a letter or digit becomes a space.

    >>> fold("Ar Rā'ī")
    'ar rai'
    >>> fold("Deir ez-Zor")
    'deir ez zor'
    """
    if not text.isascii():
        text = unidecode(_APOSTROPHES.sub("", text))
    return " ".join(text.lower().translate(_ASCII_FOLD).split())


def is_article(token: str) -> bool:
    """Tell whether a folded token is a definite article (``al``, ``ash``, ``ez`` ...)."""
    return token in ARTICLES


def is_generic(name: str) -> bool:
    """Tell whether a name is only generic words and articles, which name no place by themselves.

    >>> is_generic("Deir"), is_generic("Jabal al"), is_generic("Deir Hafer")
    (True, True, False)
    """
    words = [w for w in fold(name).split() if w not in ARTICLES]
    return all(w in _GENERIC or w in _TRAILING_GENERIC or w in _LEADING_GENERIC for w in words)


@lru_cache(maxsize=200_000)
def word_token(token: str) -> str:
    """Fold one token at the ``words`` level: generic words and the Abu/Albu/Bu prefixes.

    >>> word_token("tell"), word_token("albukamal"), word_token("kfar")
    ('tal', 'bukamal', 'kafr')
    """
    canon = _GENERIC.get(token)
    if canon is not None:
        return canon
    for prefix in ("albu", "abou", "abu"):
        if token.startswith(prefix) and len(token) > len(prefix) + 2:
            return "bu" + token[len(prefix) :]
    return token


def tokens(name: str) -> list[str]:
    """Split a name into ``words``-level tokens: articles dropped, generic words folded.

    A trailing "hill" or "mountain" moves to the front ("al-Battal hill" -> ``tal battal``), so that it
    meets the Arabic form ("Tall Battal").

    >>> tokens("al-Battal hill")
    ['tal', 'battal']
    >>> tokens("Ras al-Ain")
    ['ras', 'ain']
    """
    return _tokens(fold(name).split())


def _tokens(raw: list[str]) -> list[str]:
    """:func:`tokens` of a name already folded and split."""
    if not raw:
        return []
    if len(raw) > 2 and raw[-2:] == ["air", "base"]:
        raw = [*raw[:-2], "airbase"]
    if len(raw) > 1 and raw[-1] in _AIRFIELD:
        # "X Military Airbase", "X Air Base", "X airport" and "X airfield" are one base.
        raw = [*[w for w in raw[:-1] if w != "military"], "airbase"]
    if len(raw) > 1 and raw[-1] in _TRAILING_GENERIC:
        raw = [_TRAILING_GENERIC[raw[-1]], *raw[:-1]]
    elif len(raw) > 1 and raw[0] in _LEADING_GENERIC:
        raw = [_LEADING_GENERIC[raw[0]], *raw[1:]]
    out: list[str] = []
    after_article = False
    for i, tok in enumerate(raw):
        # An article is dropped when a word follows it: "al" alone or last is kept as a word.
        if tok in ARTICLES and i + 1 < len(raw):
            after_article = True
            continue
        word = word_token(tok)
        if word.startswith("bu") and len(word) > 4 and (after_article or word != tok):
            # "Al-Bukamal", "Abukamal" and "Albu Kamal" are one name: split the "Bu" off.
            out.extend(("bu", word[2:]))
        else:
            out.append(word)
        after_article = False
    return out


_SOUND_SUBS: tuple[tuple[str, str], ...] = (
    ("sch", "$"),
    ("sh", "$"),
    ("ch", "$"),
    ("kh", "x"),
    ("gh", "g"),
    ("dj", "g"),
    ("dh", "z"),
    ("th", "z"),
    ("zh", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
)


@lru_cache(maxsize=200_000)
def sound_token(token: str) -> str:
    """Fold one ``words``-level token to the ``sound`` level.

    Consonant variants are merged (k/q, j/g, dh/th/z, sh/ch), doubled letters collapse, a final ``h``
    after a vowel goes, ``w``/``y`` after a vowel and before a consonant are read as vowels, and every run
    of vowels becomes one ``a``.

    >>> sound_token("raqqah"), sound_token("rakka"), sound_token("zawr"), sound_token("zor")
    ('raka', 'raka', 'zar', 'zar')
    """
    if token.isdigit():
        return token
    t = token
    for old, new in _SOUND_SUBS:
        if old in t:
            t = t.replace(old, new)
    # Doubled letters: "kallis" -> "kalis", "raqqa" -> "raka".
    chars: list[str] = []
    for ch in t:
        if not chars or chars[-1] != ch:
            chars.append(ch)
    # Final h after a vowel is a spelling of the feminine ending: Raqqah = Raqqa.
    if len(chars) > 2 and chars[-1] == "h" and chars[-2] in _VOWELS:
        chars.pop()
    out: list[str] = []
    n = len(chars)
    for i, ch in enumerate(chars):
        is_vowel = ch in _VOWELS
        if ch in "wy" and i > 0 and chars[i - 1] in _VOWELS:
            nxt = chars[i + 1] if i + 1 < n else ""
            # Between vowels w/y are consonants (Hawar); before a consonant or at the end, vowels (Zawr).
            is_vowel = nxt not in _VOWELS
        elif ch == "y" and i > 0 and (i + 1 == n or chars[i + 1] not in _VOWELS):
            is_vowel = True  # Qamishly = Qamishli
        if is_vowel:
            if not out or out[-1] != "a":
                out.append("a")
        else:
            out.append(ch)
    return "".join(out)


def _skeleton(sound: str) -> str:
    """Drop every vowel but a leading one: ``garablas`` -> ``grbls``, ``afran`` -> ``afrn``."""
    if not sound:
        return sound
    head, rest = sound[0], sound[1:]
    return head + rest.replace("a", "")


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The keys of one name, from the strictest to the loosest.

    Attributes
    ----------
    exact : str
        Folded words joined with single spaces.
    words : str
        Articles dropped, generic words folded, spaces removed.
    sound : str
        ``words`` folded by sound.
    skel : str
        ``sound`` without its vowels (but a leading one).
    sound_tokens : tuple of str
        The ``sound`` key word by word: the form the mention automaton matches.
    """

    exact: str
    words: str
    sound: str
    skel: str
    sound_tokens: tuple[str, ...]


@lru_cache(maxsize=100_000)
def name_keys(name: str) -> NameKeys:
    """Compute the :class:`NameKeys` of a name.

    >>> k = name_keys("Deir ez-Zor")
    >>> (k.exact, k.words, k.sound, k.skel)
    ('deir ez zor', 'dayrzor', 'darzar', 'drzr')
    """
    exact = fold(name)
    toks = _tokens(exact.split())
    sounds = tuple([sound_token(t) for t in toks])
    sound = "".join(sounds)
    return NameKeys(
        exact=exact,
        words="".join(toks),
        sound=sound,
        skel=_skeleton(sound),
        sound_tokens=sounds,
    )

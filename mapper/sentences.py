"""Split report text into sentences, keeping character offsets, and tell boilerplate from report.

Web copies of reports carry lines that are not the report: "Advertisement", "Share", comment footers, view
counters, terms-of-service notes. They are marked as boilerplate (kept in the offsets, skipped by the
reader). Markdown headings are sentences of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "is_boilerplate", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text.

    Attributes
    ----------
    start, end : int
        Character span in the text.
    text : str
    heading : bool
        A Markdown heading (``## Background``).
    boilerplate : bool
        Page furniture, not report.
    """

    start: int
    end: int
    text: str
    heading: bool = False
    boilerplate: bool = False


#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt brig adm cmdr st mt ft jr sr sen rep gov pres no nos vol
jan feb mar apr jun jul aug sep sept oct nov dec approx est inc ltd co corp dept univ vs etc al
""".split())
_SPLIT = re.compile(r"([.!?][\"'”’)\]]*)[ \t]+(?=[\"'“‘(\[]*[A-Z0-9#])|\n+")
#: A short line that is only page furniture ("Advertisement", "Share", "2 min read").
_FURNITURE = re.compile(
    r"^\W*(?:advertisement|share|share this|tweet|print|email|subscribe|read more|related|more on this|"
    r"watch|sponsored|comments?|\d+\s+comments?|no comments found|\d+\s+min read|loading|close|menu|"
    r"skip to content|follow us|sign up|log in|login|photo|image|video)\W*$",
    re.IGNORECASE,
)
#: Words that only page furniture uses, anywhere in a sentence (checked as plain substrings: fast).
_FURNITURE_WORDS = ("please see our terms", "terms of service", "terms of use", "privacy policy",
                    "all rights reserved", "copyright ©", "comment as ", " log in at",
                    "civil and/or criminal penalties",
                    "« prev", "next »", "click here", "sign up for", "newsletter", "follow us on",
                    "share on facebook", "share on twitter")
_VIEWS = re.compile(r"\b\d+\s+views\b|\bcookies?\b.*\b(?:accept|use)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s")


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence is page furniture rather than report.

    >>> is_boilerplate("Advertisement"), is_boilerplate("Please see our terms of service for more information.")
    (True, True)
    >>> is_boilerplate("ISIS withdrew from the town on Thursday.")
    False
    """
    if len(sentence) < 40 and _FURNITURE.match(sentence):
        return True
    low = sentence.lower()
    if any(w in low for w in _FURNITURE_WORDS):
        return True
    return ("view" in low or "cookie" in low) and bool(_VIEWS.search(sentence))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets.

    >>> [s.text for s in split_sentences("Gen. Smith said so. The U.S.-backed SDF took it.\\nShare")]
    ['Gen. Smith said so.', 'The U.S.-backed SDF took it.', 'Share']
    >>> [s.boilerplate for s in split_sentences("Rebels took Azaz.\\nAdvertisement")]
    [False, True]
    """
    out: list[Sentence] = []
    start = 0
    for m in _SPLIT.finditer(text):
        if m.group(1) is not None:
            if _no_break(text, m.end(1)):
                continue
            _emit(text, start, m.end(1), out)
        else:
            _emit(text, start, m.start(), out)
        start = m.end()
    _emit(text, start, len(text), out)
    return out


def _no_break(text: str, pos: int) -> bool:
    """A full stop that ends an abbreviation or an initial, not a sentence."""
    j = pos
    while j > 0 and text[j - 1] in "\"'”’)]":
        j -= 1
    if j == 0 or text[j - 1] != ".":
        return False
    k = j - 1
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:j - 1].lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "U.S.", "J. Smith"; not the last letter of a name ("al-Fu'a.").
    if len(word) == 1:
        return text[k].isupper() and (k == 0 or (text[k - 1] not in "'’‘`-ʿʼ" and not text[k - 1].isalnum()))
    return "." in text[k:j - 1] and len(word.replace(".", "")) <= 4


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    s = text[start:end]
    out.append(Sentence(start, end, s, heading=bool(_HEADING.match(s)), boilerplate=is_boilerplate(s)))

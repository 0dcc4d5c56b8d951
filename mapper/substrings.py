"""Which of a fixed set of words occur in a text, found in one pass over it (an Aho-Corasick automaton).

Cheap prefilters run on every sentence: a regular expression is only run on text that holds a word it
needs. Testing ``word in text`` for each of tens of words costs more than the automaton's one pass.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

__all__ = ["Substrings"]


class Substrings:
    """A set of words, searched for as substrings (case as given: pass lower-case text for lower-case words).

    >>> s = Substrings(["day", "week", "month"])
    >>> s.any("on tuesday"), s.any("in may"), sorted(s.found("a weekday this month"))
    (True, False, ['day', 'month', 'week'])
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        self._automaton = ahocorasick.Automaton()
        for w in self.words:
            self._automaton.add_word(w, w)
        if self.words:
            self._automaton.make_automaton()

    def any(self, text: str) -> bool:
        """Whether one of the words occurs in ``text``."""
        return bool(self.words) and next(self._automaton.iter(text), None) is not None

    def found(self, text: str) -> set[str]:
        """The words that occur in ``text`` (overlapping ones too: "day" and "today" in "today")."""
        if not self.words:
            return set()
        return {w for _, w in self._automaton.iter(text)}

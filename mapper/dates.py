"""Dates in report text: explicit ("On 26 July", "15 April, 2016", "2017 Nov 9") and relative ("on
Thursday", "last weekend", "earlier this month", "the next day"), each with its precision.

A date without a year takes the year of the narrative (the last full date the report gave) or, in a news
report, the year that puts it on or before the publication date. Relative dates count from the publication
date ("on Thursday": the last Thursday up to it), or, for "the next day" and its kind, from the date the text
spoke of last.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .substrings import Substrings

__all__ = ["PRECISIONS", "DateMention", "DateReader", "publication_date_from_text"]

#: How exact a date is, from the most to the least.
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH = r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "a": 1, "an": 1}

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b{_YEAR.format(n='y')}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    # 2017 Nov 9
    ("ymd", rf"\b{_YEAR.format(n='y')}\s+{_MONTH.format(n='mon')}\s+{_DAY.format(n='d')}\b"),
    # 15 April, 2016 / 10 June 2014 / between 1 and 6 March 2016, 8 to 11 December (the last day counts:
    # what happened over the days is certain by then)
    ("dmy", rf"\b{_DAY.format(n='d')}(?:\s*(?:and|to|-|–)\s*(?P<d2>[0-3]?\d))?\s+(?:of\s+)?{_MONTH.format(n='mon')}"
            rf"(?:,?\s+{_YEAR.format(n='y')})?\b"),
    # August 24, 2016 / August 24
    ("mdy", rf"\b{_MONTH.format(n='mon')}\s+{_DAY.format(n='d')}(?!\d)(?:,?\s+{_YEAR.format(n='y')})?\b"),
    # (in / early / mid / late) March 2016 / in March
    ("my", rf"\b(?P<part>early|mid|late|end of|beginning of|in|since|during|until|by)[\s-]+"
           rf"{_MONTH.format(n='mon')}(?:,?\s+{_YEAR.format(n='y')})?\b"),
    # in 2014 (news: "IS took Manbij in 2014"), under its control since 2013
    ("year", r"\b(?:in|during|since)\s+(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)"),
    # in the summer of 2012: the season's first month
    ("season", rf"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR.format(n='y')}\b"),
    ("lastyear", r"\b(?P<which>last|past|previous|earlier\s+this|this)\s+year\b"),
    # "ended in its liberation the following July": the next such month after the date told last
    ("nextmonth", rf"\b(?:the\s+)?(?:following|next)\s+{_MONTH.format(n='mon')}\b"),
    ("ago", r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|a|an|\d{1,2})\s+(?P<unit>year|month|week)s?"
            r"\s+ago\b"),
    ("weekday", r"\b(?P<last>last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
    ("weekend", r"\b(?:(?:over|during|at)\s+)?(?:the\s+|this\s+|last\s+|past\s+)weekend\b"),
    ("today", r"\b(?:today|tonight|this morning|this evening|this afternoon)\b"),
    ("yesterday", r"\b(?:yesterday|last night|overnight)\b"),
    ("lastweek", r"\b(?:last|past|previous)\s+week\b|\bearlier\s+this\s+week\b"),
    ("thismonth", r"\b(?:earlier|late|later)\s+this\s+month\b|\bthis\s+month\b"),
    ("lastmonth", r"\b(?:last|past|previous)\s+month\b"),
    ("shift", r"\b(?P<shift>the\s+(?:next|following|previous|preceding)\s+day|the\s+day\s+(?:before|after)|"
              r"(?P<n>one|two|three|four|five|six|seven|a|an|\d)\s+days?\s+(?P<dir>later|earlier|before|after))\b"),
    ("after", r"\bafter\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days\s+of\s+"
              r"(?:(?:heavy|fierce|intense|violent|street|bitter|hard)\s+)?(?:fighting|clashes|battles?|combat|siege)\b"),
]
_RXS = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _PATTERNS]
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Words one of which each pattern's match holds (lower case): a pattern is only run on a text that has one.
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "ymd": _MONTH_STEMS, "dmy": _MONTH_STEMS, "mdy": _MONTH_STEMS, "my": _MONTH_STEMS,
    "weekday": ("day",), "weekend": ("weekend",), "today": ("today", "tonight", "this "),
    "yesterday": ("yesterday", "night"), "lastweek": ("week",), "thismonth": ("month",), "lastmonth": ("month",),
    "shift": ("day",), "after": ("days of",),
    "year": ("in 19", "in 20", "during 19", "during 20", "since 19", "since 20"),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "lastyear": ("year",), "ago": (" ago",),
    "nextmonth": ("following ", "next "),
}
_NEEDED = Substrings(w for words in _NEEDS.values() for w in words)
_YEAR_ONLY = re.compile(r"^#+\s.*\b((?:19|20)\d\d)\b|\b(?:in|since|during)\s+((?:19|20)\d\d)\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text, resolved.

    Attributes
    ----------
    start, end : int
        Character span.
    date : datetime.date
        The day, or the first day of the week or month when less precise.
    precision : str
        One of :data:`PRECISIONS`.
    relative : bool
        Counted from another date ("on Thursday", "the next day").
    """

    start: int
    end: int
    date: dt.date
    precision: str
    relative: bool = False
    #: Dates only what follows it ("after four days of fighting, the rebels captured"), not what comes before
    #: ("captured X on 19 March, after two days of fighting").
    forward: bool = False


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


#: A past perfect ("had retaken", "had been captured", "had already fallen"): what happened before the story's time.
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|ok|ught|ell|on|ost|eft|un)\b")


class DateReader:
    """Reads the dates of one report in order, keeping the narrative year and date.

    Parameters
    ----------
    published : datetime.date or None
        The publication date; relative dates count from it.
    narrative : bool
        True for texts that tell a story over years (encyclopedia articles): a date without a year takes the
        year the text gave last. False for news: the year that puts it on or before publication.

    Examples
    --------
    >>> r = DateReader(dt.date(2017, 11, 9))
    >>> [(m.date.isoformat(), m.precision) for m in r.read("ISIS withdrew on Thursday, after last weekend")]
    [('2017-11-09', 'day'), ('2017-11-04', 'week')]
    >>> r = DateReader(None, narrative=True)
    >>> [m.date.isoformat() for m in r.read("On 1 January 2014, X. On 9 July, Y. The next day, Z.")]
    ['2014-01-01', '2014-07-09', '2014-07-10']
    """

    def __init__(self, published: dt.date | None, *, narrative: bool = False) -> None:
        self.published = published
        self.narrative = narrative
        self.year: int | None = None if narrative or published is None else published.year
        self.last: dt.date | None = None
        #: The year before the last move into a new year by the autumn rule, until later dates confirm it.
        self._rolled_from: int | None = None
        self._confirmed = 0

    def note_years(self, text: str) -> None:
        """Take a year from a heading or "in 2014" (narrative texts only)."""
        if not self.narrative:
            return
        for m in _YEAR_ONLY.finditer(text):
            self.year = int(m.group(1) or m.group(2))

    def _year_for(self, month: int, day: int) -> int | None:
        if self.narrative and self.year:
            return self.year
        if self.published:
            y = self.published.year
            d = _safe_date(y, month, day)
            if d and d > self.published + dt.timedelta(days=1):
                return y - 1
            return y
        return self.year

    def read(self, text: str) -> list[DateMention]:
        """The dates of ``text`` (a sentence or more), in order; updates the narrative state."""
        present = _NEEDED.found(text.lower())
        if not present:
            return []  # every pattern needs one of these words
        found = sorted(((m.start(), -m.end(), name, m) for name, rx in _RXS
                        if not present.isdisjoint(_NEEDS[name]) for m in rx.finditer(text)),
                       key=lambda f: (f[0], f[1]))
        out: list[DateMention] = []
        end = -1
        explicit = [(m.start(), kind) for _, _, kind, m in found if kind in ("iso", "ymd", "dmy", "mdy")]
        for start, _neg_end, kind, m in found:
            if start < end:
                continue
            end = m.end()
            if kind == "weekday" and any(0 < s - end <= 3 and text[end:s].strip(" ,") == "" for s, _ in explicit):
                continue  # "on Saturday, March 28 2015": the explicit date says which Saturday
            aside = text.count("(", 0, start) > text.count(")", 0, start)
            dm = self._resolve(kind, m, aside)
            if dm is not None:
                out.append(dm)
                if (not dm.relative or dm.precision == "day") and not aside and not dm.forward \
                        and dm.precision != "year":
                    self.last = dm.date
        return out

    def _resolve(self, kind: str, m: re.Match[str], aside: bool = False) -> DateMention | None:
        g = m.groupdict()
        ref = self.published
        s, e = m.start(), m.end()
        if kind in ("iso", "ymd", "dmy", "mdy"):
            month = int(g["m"]) if kind == "iso" else _MONTHS[(g["mon"] or "").lower().rstrip(".")]
            day = int(g.get("d2") or g["d"])
            year = int(g["y"]) if g.get("y") else self._year_for(month, day)
            if year is None:
                return None
            d = _safe_date(year, month, day)
            if d is None:
                return None
            if g.get("y") and not aside:
                self.year = year
                self._rolled_from = None
            elif (not g.get("y") and self.narrative and self.last is not None and self.last.year == year
                  and self.last.month >= 10 and month <= 3):
                # A chronicle that reached the autumn and names January to March without a year has moved
                # into the next year ("On 1 December ... On 8 January").
                rolled = _safe_date(year + 1, month, day)
                if rolled is not None:
                    d, self.year = rolled, year + 1
                    self._rolled_from, self._confirmed = year, 0
            elif (not g.get("y") and self.narrative and self.last is not None and self.last.year == year
                  and self.last.month <= 3 and month >= 10 and _PAST_PERFECT.search(m.string)):
                # A chronicle in the new year that says what "had" happened in the autumn looks back at the
                # year before ("launched in January 2017. ISIL had retaken Palmyra from 8 to 11 December").
                d = _safe_date(year - 1, month, day) or d
            elif not g.get("y") and self.narrative and self._rolled_from is not None:
                if month >= 10 and year == self._rolled_from + 1:
                    # ... unless it goes on in the autumn: the January was a look ahead ("reported on 4
                    # January that ... between 1 November and 24 December"), and the year is the old one.
                    self.year, self._rolled_from = self._rolled_from, None
                    d = _safe_date(self.year, month, day) or d
                elif month <= 9:
                    self._confirmed += 1
                    if self._confirmed >= 2:
                        self._rolled_from = None
            return DateMention(s, e, d, "day")
        if kind == "my":
            month = _MONTHS[(g["mon"] or "").lower().rstrip(".")]
            year = int(g["y"]) if g.get("y") else self._year_for(month, 1)
            if year is None:
                return None
            if g.get("y") and not self.narrative:
                self.year = year
            part = (g.get("part") or "").lower()
            day = {"mid": 15, "late": 21, "end of": 25}.get(part, 1)
            return DateMention(s, e, dt.date(year, month, day), "month")
        if kind == "year":
            # Only the year is said: the claim is as sure as that ("in 2014").
            return DateMention(s, e, dt.date(int(g["y"]), 1, 1), "year")
        if kind == "nextmonth":
            base = self.last or self.published
            if base is None:
                return None
            month = _MONTHS[g["mon"].lower().rstrip(".")]
            year = base.year if month > base.month else base.year + 1
            return DateMention(s, e, dt.date(year, month, 1), "month", relative=True)
        if kind == "season":
            month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[g["season"].lower()]
            return DateMention(s, e, dt.date(int(g["y"]), month, 1), "month")
        if kind == "after":
            # "On 24 March, the rebels attacked Idlib, and after four days of fighting captured the city".
            if self.last is None:
                return None
            n = int(g["n"]) if g["n"].isdigit() else _NUM[g["n"].lower()]
            return DateMention(s, e, self.last + dt.timedelta(days=n), "day", relative=True, forward=True)
        if kind == "shift":
            base = self.last or ref
            if base is None:
                return None
            text = (g.get("shift") or "").lower()
            if g.get("n"):
                n = int(g["n"]) if g["n"].isdigit() else _NUM[g["n"].lower()]
                sign = 1 if g["dir"].lower() in ("later", "after") else -1
            else:
                n = 1
                sign = 1 if any(w in text for w in ("next", "following", "after")) else -1
            return DateMention(s, e, base + dt.timedelta(days=sign * n), "day", relative=True)
        if ref is None:
            return None
        if kind == "weekday":
            wd = _WEEKDAYS[g["wd"].lower()]
            back = (ref.weekday() - wd) % 7
            if g.get("last") and back == 0:
                back = 7
            return DateMention(s, e, ref - dt.timedelta(days=back), "day", relative=True)
        if kind == "weekend":
            back = (ref.weekday() - 5) % 7
            return DateMention(s, e, ref - dt.timedelta(days=back), "week", relative=True)
        if kind == "today":
            return DateMention(s, e, ref, "day", relative=True)
        if kind == "yesterday":
            return DateMention(s, e, ref - dt.timedelta(days=1), "day", relative=True)
        if kind == "lastweek":
            return DateMention(s, e, ref - dt.timedelta(days=7), "week", relative=True)
        if kind == "thismonth":
            return DateMention(s, e, ref.replace(day=1), "month", relative=True)
        if kind == "lastmonth":
            first = ref.replace(day=1) - dt.timedelta(days=1)
            return DateMention(s, e, first.replace(day=1), "month", relative=True)
        if kind == "lastyear":
            back = 0 if g["which"].lower().startswith(("this", "earlier")) else 1
            return DateMention(s, e, dt.date(ref.year - back, 1, 1), "year", relative=True)
        if kind == "ago":
            n = int(g["n"]) if g["n"].isdigit() else _NUM[g["n"].lower()]
            unit = g["unit"].lower()
            if unit == "year":
                return DateMention(s, e, dt.date(ref.year - n, 1, 1), "year", relative=True)
            if unit == "month":
                months = ref.year * 12 + ref.month - 1 - n
                return DateMention(s, e, dt.date(months // 12, months % 12 + 1, 1), "month", relative=True)
            return DateMention(s, e, ref - dt.timedelta(days=7 * n), "week", relative=True)
        return None


_PUB_PATTERNS = re.compile(
    rf"\b{_DAY.format(n='d')}\s+{_MONTH.format(n='mon')},?\s+{_YEAR.format(n='y')}\b"
    rf"|\b{_YEAR.format(n='y2')}\s+{_MONTH.format(n='mon2')}\s+{_DAY.format(n='d2')}\b"
    rf"|\b{_MONTH.format(n='mon3')}\s+{_DAY.format(n='d3')},\s+{_YEAR.format(n='y3')}\b"
    rf"|\b{_YEAR.format(n='y4')}-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)\b",
    re.IGNORECASE,
)


def publication_date_from_text(text: str, *, head_chars: int = 600) -> dt.date | None:
    """A publication date printed near the top of a report ("15 April, 2016", "2017 Nov 9").

    Only the first ``head_chars`` characters are read: a date deep in the text is an event, not a byline.

    >>> publication_date_from_text("IS captures villages\\n2 min read\\n15 April, 2016\\nText")
    datetime.date(2016, 4, 15)
    >>> publication_date_from_text("No date here") is None
    True
    """
    for m in _PUB_PATTERNS.finditer(text[:head_chars]):
        g = m.groupdict()
        for d, mon, y in (("d", "mon", "y"), ("d2", "mon2", "y2"), ("d3", "mon3", "y3")):
            if g.get(y) and g.get(mon):
                found = _safe_date(int(g[y]), _MONTHS[g[mon].lower().rstrip(".")], int(g[d]))
                if found:
                    return found
        if g.get("y4"):
            found = _safe_date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
            if found:
                return found
    return None

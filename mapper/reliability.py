"""How much a report weighs, by its source: a table users can extend (``--sources FILE``).

The bundled table, ``mapper/data/sources.csv``, lists monitors, wire agencies, broadcasters and partisan
outlets. Each row has a ``pattern`` (matched, case-insensitively, as a substring of a report's source name or
of its URL), a ``reliability`` 0..1, a ``type`` and the actors the outlet speaks for (``aligned_with``). A
partisan outlet's report of its own side's gain is weighed down by ``partisan_factor``.

Examples
--------
>>> table = load_sources()
>>> table.weight("Reuters", "", actor="government", gain=True)
0.9
>>> table.weight("SANA", "", actor="government", gain=True)
0.3
>>> table.weight("SANA", "", actor="isis", gain=True)
0.6
>>> table.weight("", "", actor="isis", gain=True)  # unknown source
0.75
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ._errors import MapperError

__all__ = ["DEFAULT_RELIABILITY", "PARTISAN_FACTOR", "SourceRule", "SourceTable", "load_sources"]

#: Weight of a report whose source no rule matches.
DEFAULT_RELIABILITY = 0.75
#: What a partisan outlet's report of its own side's gain is multiplied by.
PARTISAN_FACTOR = 0.5

_COLUMNS = ("pattern", "reliability", "type", "aligned_with", "note")


class SourceTableError(MapperError):
    """A source-reliability file that cannot be read."""


@dataclass(frozen=True, slots=True)
class SourceRule:
    """One row of the reliability table."""

    pattern: str
    reliability: float
    type: str
    aligned_with: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class SourceTable:
    """Source rules, the later ones (user files) first."""

    rules: tuple[SourceRule, ...]
    default: float = DEFAULT_RELIABILITY
    partisan_factor: float = PARTISAN_FACTOR

    def rule_for(self, source: str, url: str) -> SourceRule | None:
        """The first rule whose pattern is in the source name or the URL."""
        hay = f"{source}\n{url}".lower()
        for r in self.rules:
            if r.pattern in hay:
                return r
        return None

    def weight(self, source: str, url: str, *, actor: str | None, gain: bool) -> float:
        """How much a report from this source weighs (0..1) for a claim that ``actor`` gained (or holds)."""
        r = self.rule_for(source, url)
        if r is None:
            return self.default
        w = r.reliability
        if gain and actor is not None and actor in r.aligned_with:
            w *= self.partisan_factor
        return round(w, 6)


def _read(text: str, name: str) -> list[SourceRule]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("pattern", "reliability") if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceTableError(f"{name}: missing column(s) {', '.join(missing)}; a source table needs "
                               f"the columns {', '.join(_COLUMNS)} (type, aligned_with and note may be empty)")
    rules = []
    for n, row in enumerate(reader, start=2):
        pattern = (row.get("pattern") or "").strip().lower()
        if not pattern:
            continue
        try:
            rel = float(row.get("reliability") or "")
        except ValueError:
            raise SourceTableError(f"{name}, line {n}: reliability {row.get('reliability')!r} is not a number "
                                   f"between 0 and 1") from None
        if not 0.0 <= rel <= 1.0:
            raise SourceTableError(f"{name}, line {n}: reliability {rel} is outside 0..1")
        aligned = frozenset(a.strip() for a in (row.get("aligned_with") or "").split("|") if a.strip())
        rules.append(SourceRule(pattern, rel, (row.get("type") or "").strip(), aligned,
                                (row.get("note") or "").strip()))
    return rules


def load_sources(files: Sequence[str | Path] = (), *, partisan_factor: float = PARTISAN_FACTOR) -> SourceTable:
    """The bundled reliability table, with the rules of ``files`` taking precedence (last file first)."""
    bundled = resources.files("mapper").joinpath("data/sources.csv").read_text(encoding="utf-8")
    rules = _read(bundled, "sources.csv")
    for f in files:
        path = Path(f)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as e:
            raise SourceTableError(f"cannot read source table {path}: {e.strerror or e}") from None
        rules = _read(text, str(path)) + rules
    return SourceTable(tuple(rules), partisan_factor=partisan_factor)

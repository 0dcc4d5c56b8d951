"""Analyst overrides: a small CSV of corrections that wins over the automatic result.

Columns: ``place`` (a gazetteer id such as ``gn:169138``, or a name), ``actor`` (an actor id; empty for
"nobody known"), ``from`` (YYYY-MM-DD), ``to`` (YYYY-MM-DD, exclusive; empty for open-ended), and optionally
``status`` (``controlled`` by default) and ``note`` (shown with the override on maps and in exports).

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "overrides.csv")
>>> with open(path, "w", encoding="utf-8") as fh:
...     _ = fh.write("place,actor,from,to,note\\ngn:169138,isis,2016-05-01,,checked with SOHR\\n")
>>> [(o.place_id, o.actor, o.start.isoformat(), o.end, o.note) for o in load_overrides(path)]
[('gn:169138', 'isis', '2016-05-01', None, 'checked with SOHR')]
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from ._errors import MapperError
from .claims import STATUSES
from .model import Override

__all__ = ["OverrideError", "load_overrides"]

_STATUSES = (*STATUSES, "unknown")


class OverrideError(MapperError):
    """An overrides file that cannot be used."""


def load_overrides(path: str | Path, *, resolve: Callable[[str], str | None] | None = None,
                   actors: Iterable[str] | None = None) -> list[Override]:
    """Read an overrides CSV. ``resolve`` maps a place name to a gazetteer id (ids are used as given);
    ``actors`` are the known actor ids (unknown ones are refused)."""
    path = Path(path)
    known = set(actors) if actors is not None else None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise OverrideError(f"cannot read overrides {path}: {e.strerror or e}") from None
    reader = csv.DictReader(text.splitlines())
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    missing = [c for c in ("place", "actor", "from") if c not in fields]
    if missing:
        raise OverrideError(f"{path}: missing column(s) {', '.join(missing)}; overrides need the columns "
                            f"place, actor, from, to, note (status optional)")
    out = []
    for n, raw in enumerate(reader, start=2):
        row = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        place = row.get("place", "")
        if not place:
            continue
        place_id: str | None = place if ":" in place else None
        if place_id is None and resolve is not None:
            place_id = resolve(place)
        if place_id is None:
            raise OverrideError(f"{path}, line {n}: place {place!r} is not in the gazetteer; use its id "
                                f"(see `mapper resolve`) or add an alias file")
        actor = row.get("actor") or None
        if actor is not None and known is not None and actor not in known:
            raise OverrideError(f"{path}, line {n}: unknown actor {actor!r}; known: {', '.join(sorted(known))}")
        start = _date(row.get("from", ""), path, n, "from")
        end = _date(row["to"], path, n, "to") if row.get("to") else None
        if start is None:
            raise OverrideError(f"{path}, line {n}: 'from' is required (YYYY-MM-DD)")
        if end is not None and end <= start:
            raise OverrideError(f"{path}, line {n}: 'to' ({end}) must come after 'from' ({start})")
        status = row.get("status") or ("controlled" if actor else "unknown")
        if status not in _STATUSES:
            raise OverrideError(f"{path}, line {n}: status {status!r} is not one of {', '.join(_STATUSES)}")
        out.append(Override(place_id, actor, start, end, status, row.get("note", "")))
    return out


def _date(text: str, path: Path, n: int, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise OverrideError(f"{path}, line {n}: {column} {text!r} is not a date (YYYY-MM-DD)") from None

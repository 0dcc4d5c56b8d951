"""Values as JSON and SQLite take them: one conversion for every export and the store."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["plain", "plural"]


def plain(value: Any) -> Any:
    """Dates as ISO text, numpy scalars as Python ones, NaN and NaT as None; anything else as text.

    >>> import datetime as dt, numpy as np
    >>> [plain(v) for v in (dt.date(2016, 9, 4), np.int64(3), float("nan"), None, "x")]
    ['2016-09-04', 3, None, None, 'x']
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "isoformat"):
        return None if value != value else value.isoformat()  # NaT is not equal to itself
    if hasattr(value, "item"):
        return plain(value.item())
    return str(value)


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an s unless there is one.

    >>> plural(1, "report"), plural(3, "claim")
    ('1 report', '3 claims')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"

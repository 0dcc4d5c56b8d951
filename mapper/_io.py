"""Atomic file output: write to a temporary file beside the target, then rename over it.

A reader never sees a half-written file, and a killed run leaves the previous file in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ._errors import MapperError

__all__ = ["OutputError", "atomic_write_bytes", "atomic_write_text"]


class OutputError(MapperError):
    """An output file could not be written."""


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (same folder temp file, fsync, rename).

    Raises
    ------
    OutputError
        When the folder cannot be made or written to (the message names the path and the reason).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        msg = f"cannot write {path}: {exc.strerror or exc}; choose a folder you can write to"
        raise OutputError(msg) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        msg = f"cannot write {path}: {exc.strerror or exc}"
        raise OutputError(msg) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))

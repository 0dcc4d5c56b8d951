"""Atomic file output: write to a temporary file beside the target, then rename over it.

A reader never sees a half-written file, and a killed run leaves the previous file in place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ._errors import MapperError

__all__ = ["OutputError", "atomic_copy", "atomic_open", "atomic_write_bytes", "atomic_write_text", "folder_lock",
           "remove_stale_temporaries"]


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


@contextmanager
def atomic_open(path: str | Path) -> Iterator[TextIO]:
    """A UTF-8 text file to stream into; it replaces ``path`` only when the block ends without an error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_copy(src: str | Path, dst: str | Path) -> None:
    """Copy ``src`` to ``dst`` atomically, unless ``dst`` already holds the same bytes."""
    data = Path(src).read_bytes()
    dst = Path(dst)
    if not dst.is_file() or dst.stat().st_size != len(data) or dst.read_bytes() != data:
        atomic_write_bytes(dst, data)


def remove_stale_temporaries(folder: str | Path) -> int:
    """Remove the temporary files a killed run left in ``folder`` (``.NAME.*.tmp``, ``.NAME.*.gpkg`` and its
    SQLite journals).

    Call it only while holding :func:`folder_lock`: another run's temporaries are not stale.
    """
    removed = 0
    root = Path(folder)
    if not root.is_dir():
        return 0
    for p in root.rglob(".*"):
        if p.is_file() and p.name.count(".") >= 3 and (p.suffix == ".tmp" or p.suffix.startswith(".gpkg")):
            p.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def folder_lock(folder: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on a build folder (its ``.lock`` file) while writing into it.

    The operating system releases the lock when the process ends, even when it is killed.

    Raises
    ------
    OutputError
        When another process holds the lock.
    """
    root = Path(folder)
    try:
        root.mkdir(parents=True, exist_ok=True)
        fh = (root / ".lock").open("a+")
    except OSError as exc:
        raise OutputError(f"cannot write into {root}: {exc.strerror or exc}; choose a folder you can write "
                          "to") from None
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            yield
            return
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(f"another build is writing into {root}: wait for it to finish, or build into another "
                              "folder") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()

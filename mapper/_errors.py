"""Errors raised by the mapper: one base class, each also a subclass of the matching built-in.

The CLI turns any :class:`MapperError` (and :class:`gazetteer.GazetteerError`) into one line on stderr and
a non-zero exit: no traceback for a user's mistake.
"""

from __future__ import annotations

__all__ = ["DocumentError", "InputError", "MapperError"]


class MapperError(Exception):
    """Base class of every error the mapper raises on purpose."""


class InputError(MapperError, ValueError):
    """A command-line argument or input path is wrong: the message says how to fix it."""


class DocumentError(MapperError, ValueError):
    """A report cannot be read: the message names the file and what to do.

    ``where`` is the input (a file, ``file:row``), ``reason`` the message without it.
    """

    def __init__(self, message: str, *, where: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.reason = reason or message

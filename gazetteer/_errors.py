"""Errors raised by the gazetteer: one base class, each also a subclass of the matching built-in."""

from __future__ import annotations

__all__ = ["AliasFileError", "GazetteerDataError", "GazetteerError", "OnlineLookupError"]


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises on purpose."""


class GazetteerDataError(GazetteerError, OSError):
    """The bundled data is missing or unreadable: reinstall the package or rebuild the data."""


class AliasFileError(GazetteerError, ValueError):
    """An alias file cannot be read: its message names the file, the line and how to fix it."""


class OnlineLookupError(GazetteerError, RuntimeError):
    """An opt-in online geocoder failed or is not configured."""

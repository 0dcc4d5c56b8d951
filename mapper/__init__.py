"""mapper: read news reports about the wars in Syria and Iraq and map who controls what, date by date.

The command line is ``mapper`` (see ``mapper --help``); the place names are resolved by the
:mod:`gazetteer` package.
"""

from __future__ import annotations

from ._errors import DocumentError, InputError, MapperError

__version__ = "0.1.0"

__all__ = ["DocumentError", "InputError", "MapperError", "__version__"]

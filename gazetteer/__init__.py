"""gazetteer: resolve place names of the Syrian and Iraqi wars, in all their transliterations, offline.

The bundled data merges GeoNames (Syria, Iraq and the neighbouring border areas), the Wikipedia detailed
maps of the wars (the spellings the press uses) and OCHA's administrative units of Syria.

Examples
--------
>>> from gazetteer import load_gazetteer
>>> gaz = load_gazetteer()
>>> gaz.resolve("Jarabulus").match.place.name
'Jarabulus'
>>> [m.text for m in gaz.find_mentions("Rebels swept into Jarablus and al-Rae.")]
['Jarablus', 'al-Rae']
"""

from __future__ import annotations

from ._errors import AliasFileError, GazetteerDataError, GazetteerError, OnlineLookupError
from .context import Anchor, Context, context_from_text
from .index import THEATRE, Gazetteer, load_gazetteer
from .normalize import NameKeys, fold, name_keys
from .places import KINDS, Candidate, Place, Resolution

__all__ = [
    "KINDS",
    "THEATRE",
    "AliasFileError",
    "Anchor",
    "Candidate",
    "Context",
    "Gazetteer",
    "GazetteerDataError",
    "GazetteerError",
    "NameKeys",
    "OnlineLookupError",
    "Place",
    "Resolution",
    "context_from_text",
    "fold",
    "load_gazetteer",
    "name_keys",
]

"""Geoparse a text: find its place mentions and resolve each with the context of the whole text.

Two passes: the first resolves every mention with the text's hints (governorates, "north of X", borders);
the mentions that came out unambiguous then serve as anchors for the others, so that in a report about
al-Rai, "al-Suwaida" is the village near al-Rai and not the city in the south.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import Anchor, Context, context_from_text
from .index import Gazetteer
from .mentions import Mention
from .places import Resolution

__all__ = ["PlaceMention", "geoparse"]

#: A resolution at least this sure anchors the others.
ANCHOR_SCORE = 0.75
#: Kinds too large to anchor anything.
_NO_ANCHOR = frozenset({"country", "governorate", "district"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A mention and what it resolved to (``resolution.match`` may be None)."""

    mention: Mention
    resolution: Resolution


def geoparse(text: str, gazetteer: Gazetteer, context: Context | None = None) -> list[PlaceMention]:
    """Find and resolve every place mention of ``text``.

    Parameters
    ----------
    text : str
    gazetteer : Gazetteer
    context : Context, optional
        Hints known from outside the text (a country filter, a governorate).

    Examples
    --------
    >>> from gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> pm = geoparse("IS seized Hiwar Kallis, north of Aleppo near the Turkish border.", gaz)
    >>> [(p.mention.text, p.resolution.match.place.admin1) for p in pm]
    [('Hiwar Kallis', 'Aleppo'), ('Aleppo', 'Aleppo')]
    """
    mentions = gazetteer.find_mentions(text)
    if not mentions:
        return []
    ctx = context_from_text(text, gazetteer)
    if context is not None:
        ctx = context.merge(ctx)
    first = [gazetteer.resolve(m.text, context=ctx) for m in mentions]
    anchors: dict[str, Anchor] = {}
    for res in first:
        if res.match is not None and res.match.score >= ANCHOR_SCORE and res.match.place.kind not in _NO_ANCHOR:
            p = res.match.place
            anchors.setdefault(p.id, Anchor(p.lat, p.lon, weight=0.5, scale_km=80.0))
    out = []
    for m, res in zip(mentions, first, strict=True):
        if anchors and (res.match is None or res.match.score < ANCHOR_SCORE):
            own = res.match.place.id if res.match is not None else ""
            others = tuple(a for pid, a in anchors.items() if pid != own)
            if others:
                res = gazetteer.resolve(m.text, context=ctx.with_anchors(others))
        out.append(PlaceMention(m, res))
    return out

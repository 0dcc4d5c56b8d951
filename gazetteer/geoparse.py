"""Geoparse a text: find its place mentions and resolve each with the context of its sentence and text.

Two passes: the first resolves every mention with the hints of its own sentence (governorates,
"north of X", borders), and at half weight those of the whole text; the mentions that came out
unambiguous then serve as anchors for the others (at full weight in the same sentence, half elsewhere), so
that in a report about al-Rai, "al-Suwaida" is the village near al-Rai and not the city in the south, while
"Suruc, across the border from Kobane" stays the Turkish town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .context import Anchor, Context, context_from_text
from .index import Gazetteer
from .mentions import Mention
from .places import Resolution

__all__ = ["PlaceMention", "geoparse"]

#: A resolution at least this sure anchors the others.
ANCHOR_SCORE = 0.75
#: A governorate known only by its centre anchors the others when at least this sure, with this reach.
REGION_ANCHOR_SCORE = 0.5
REGION_REACH_KM = 150.0
#: Weight of what the rest of the text says, against what the mention's own sentence says.
_DOC_WEIGHT = 0.5
#: Where a sentence ends: a full stop, question or exclamation mark before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
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
    doc = context_from_text(text, gazetteer)
    # A report about one or two governorates says where its places are; one that names many says little.
    spread = min(1.0, 2.0 / len(doc.admin1)) if doc.admin1 else 1.0
    doc = replace(doc, admin1_weight=_DOC_WEIGHT * spread,
                  anchors=tuple(replace(a, weight=a.weight * _DOC_WEIGHT) for a in doc.anchors))
    if context is not None:
        doc = context.merge(doc)
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence_of = [_sentence_index(bounds, m.start) for m in mentions]
    sentence_ctx: dict[int, Context] = {}

    def ctx_for(k: int) -> Context:
        s = sentence_of[k]
        if s not in sentence_ctx:
            start = bounds[s - 1] if s > 0 else 0
            end = bounds[s] if s < len(bounds) else len(text)
            own = context_from_text(text[start:end], gazetteer)
            # A sentence with no hints of its own has the document's (the same object: resolutions shared).
            sentence_ctx[s] = doc if not own else replace(
                doc,
                admin1=own.admin1 or doc.admin1,
                admin1_weight=1.0 if own.admin1 else doc.admin1_weight,
                anchors=own.anchors + doc.anchors,
                borders=own.borders | doc.borders,
            )
        return sentence_ctx[s]

    # A name repeated under the same context resolves once.
    memo: dict[tuple[str, int], Resolution] = {}

    def resolve(name: str, ctx: Context) -> Resolution:
        key = (name, id(ctx))
        got = memo.get(key)
        if got is None:
            got = memo[key] = gazetteer.resolve(name, context=ctx)
        return got

    first = [resolve(m.text, ctx_for(k)) for k, m in enumerate(mentions)]
    # Each confidently resolved place anchors the others: at full weight in its own sentences, at the
    # document's weight elsewhere (a place named twice counts once: only the strongest pull counts).
    anchors: dict[str, tuple[set[int], Anchor, Anchor]] = {}
    for k, res in enumerate(first):
        if res.match is None:
            continue
        p = res.match.place
        # A governorate with no areas in the gazetteer (Iraq's: "Al Karmah in Anbar") says where its places
        # are by its centre, with a governorate's reach; Syria's say it by their areas (the context's admin1).
        region = p.kind == "governorate" and not p.admin1 and res.match.score >= REGION_ANCHOR_SCORE
        if region or (res.match.score >= ANCHOR_SCORE and p.kind not in _NO_ANCHOR):
            if p.id not in anchors:
                near = Anchor(p.lat, p.lon, weight=1.0, scale_km=REGION_REACH_KM if region else 80.0)
                anchors[p.id] = (set(), near, replace(near, weight=_DOC_WEIGHT))
            anchors[p.id][0].add(sentence_of[k])
    out = []
    again: dict[tuple[str, int, str], Resolution] = {}
    for k, (m, res) in enumerate(zip(mentions, first, strict=True)):
        if anchors and (res.match is None or res.match.score < ANCHOR_SCORE):
            own = res.match.place.id if res.match is not None else ""
            s = sentence_of[k]
            key = (m.text, s, own)
            if key not in again:
                others = tuple(near if s in sentences else far
                               for pid, (sentences, near, far) in anchors.items() if pid != own)
                again[key] = gazetteer.resolve(m.text, context=ctx_for(k).with_anchors(others)) if others else res
            res = again[key]
        out.append(PlaceMention(m, res))
    return out


def _sentence_index(bounds: list[int], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (``bounds``: sentence end offsets, sorted)."""
    from bisect import bisect_right

    return bisect_right(bounds, pos)

"""Claims as text: JSON lines, CSV and GeoJSON (RFC 7946: longitude first), and the unresolved names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .claims import CLAIM_COLUMNS, Claim, Unresolved

if TYPE_CHECKING:
    from .extract import DocumentResult

__all__ = ["claims_csv", "claims_geojson", "claims_jsonl", "set_aside_csv", "unresolved_csv"]


def claims_jsonl(claims: Sequence[Claim]) -> str:
    """One JSON object a line, with the :data:`~mapper.claims.CLAIM_COLUMNS`."""
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)


def claims_csv(claims: Sequence[Claim]) -> str:
    """A CSV table with the :data:`~mapper.claims.CLAIM_COLUMNS` as header."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    w.writeheader()
    for c in claims:
        w.writerow({k: ("" if v is None else v) for k, v in c.to_dict().items()})
    return buf.getvalue()


def claims_geojson(claims: Sequence[Claim]) -> str:
    """A FeatureCollection: a Point per claim, the claim's fields as properties."""
    features = []
    for c in claims:
        props = c.to_dict()
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [props["lon"], props["lat"]]},
                         "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"


def unresolved_csv(items: Sequence[Unresolved]) -> str:
    """``doc_id, name, start, end, sentence`` per name that resolved nowhere."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["doc_id", "name", "start", "end", "sentence"])
    for u in items:
        w.writerow([u.doc_id, u.name, u.start, u.end, u.sentence])
    return buf.getvalue()


def set_aside_csv(results: Sequence[DocumentResult]) -> str:
    """``doc_id, reason`` per report that was set aside (no publication date)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["doc_id", "reason"])
    w.writerows([r.doc_id, r.set_aside] for r in results if r.set_aside)
    return buf.getvalue()

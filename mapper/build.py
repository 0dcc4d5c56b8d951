"""The main job: read reports and write what the pipeline finds into an output folder.

Written so far: ``claims.csv`` (every control claim with its evidence), ``unresolved.csv`` (names used as
places that resolve nowhere), ``set_aside.csv`` (reports with no date), ``places.geojson`` (one feature per
place the reports name, with the reports that name it) and ``mentions.csv`` (one row per place mention, with
its character span). The control model and the maps build on these.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.places import Place

from ._io import atomic_write_text
from .documents import Columns, iter_documents
from .export import claims_csv, set_aside_csv, unresolved_csv
from .pipeline import extract_documents

__all__ = ["BuildSummary", "build"]

MENTION_COLUMNS = ["doc_id", "start", "end", "written_as", "place_id", "name", "lat", "lon", "country",
                   "admin1", "kind", "score"]


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build read and wrote."""

    documents: int
    mentions: int
    places: int
    claims: int
    unresolved: int
    set_aside: int
    out: Path

    def __str__(self) -> str:
        lines = [f"read {self.documents} reports: {self.claims} control claims, {self.mentions} place mentions "
                 f"of {self.places} places; wrote {self.out}/claims.csv, places.geojson, mentions.csv"]
        if self.set_aside:
            lines.append(f"set aside {self.set_aside} reports with no publication date (listed in "
                         f"{self.out}/set_aside.csv)")
        if self.unresolved:
            lines.append(f"{self.unresolved} names used as places resolve nowhere (listed in "
                         f"{self.out}/unresolved.csv)")
        return "\n".join(lines)


def build(inputs: Sequence[str | Path], out: Path, *, alias_files: Sequence[str | Path] = (),
          actor_files: Sequence[str | Path] = (), columns: Columns | None = None, workers: int = 1,
          progress: bool = True) -> BuildSummary:
    """Read the reports of ``inputs`` and write what they say into ``out`` (created if needed)."""
    docs = list(iter_documents(inputs, columns))
    results = list(extract_documents(docs, alias_files=alias_files, actor_files=actor_files, workers=workers,
                                     progress=progress))
    claims = [c for r in results for c in r.claims]
    unresolved = [u for r in results for u in r.unresolved]
    set_aside = [r for r in results if r.set_aside]
    atomic_write_text(out / "claims.csv", claims_csv(claims))
    atomic_write_text(out / "unresolved.csv", unresolved_csv(unresolved))
    atomic_write_text(out / "set_aside.csv", set_aside_csv(results))
    rows: list[list[object]] = []
    by_place: dict[str, set[str]] = defaultdict(set)
    places: dict[str, Place] = {}
    for r in results:
        for ref in r.places:
            p = ref.place
            if p.kind == "country":
                continue
            rows.append([r.doc_id, ref.start, ref.end, ref.text, p.id, p.name, p.lat, p.lon, p.country, p.admin1,
                         p.kind, round(ref.score, 4)])
            by_place[p.id].add(r.doc_id)
            places[p.id] = p
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(MENTION_COLUMNS)
    w.writerows(rows)
    atomic_write_text(out / "mentions.csv", buf.getvalue())
    features = []
    for pid in sorted(by_place):
        p = places[pid]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"place_id": p.id, "name": p.name, "country": p.country, "admin1": p.admin1,
                           "kind": p.kind, "documents": sorted(by_place[pid])},
        })
    atomic_write_text(out / "places.geojson",
                      json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                                 indent=1) + "\n")
    return BuildSummary(documents=len(docs), mentions=len(rows), places=len(by_place), claims=len(claims),
                        unresolved=len({u.name for u in unresolved}), set_aside=len(set_aside), out=out)

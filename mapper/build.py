"""The main job: read reports and write what the pipeline finds into an output folder.

So far the pipeline geoparses: every place each report names, resolved with the report's context, is
written as ``places.geojson`` (one feature per place, with the reports that name it) and
``mentions.csv`` (one row per mention, with its character span). Control claims, the control model and the
maps build on this.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from gazetteer import load_gazetteer
from gazetteer.geoparse import geoparse

from ._io import atomic_write_text
from .documents import iter_documents

__all__ = ["BuildSummary", "build"]

MENTION_COLUMNS = ["doc_id", "start", "end", "written_as", "place_id", "name", "lat", "lon", "country",
                   "admin1", "kind", "score"]


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build read and wrote."""

    documents: int
    mentions: int
    places: int
    out: Path

    def __str__(self) -> str:
        return (f"read {self.documents} reports: {self.mentions} place mentions of {self.places} places; "
                f"wrote {self.out}/places.geojson and {self.out}/mentions.csv")


def build(inputs: Sequence[str | Path], out: Path, *, alias_files: Sequence[str | Path] = (),
          progress: bool = True) -> BuildSummary:
    """Geoparse the reports of ``inputs`` into ``out`` (created if needed)."""
    gaz = load_gazetteer(alias_files)
    docs = list(iter_documents(inputs))
    rows: list[list[object]] = []
    by_place: dict[str, set[str]] = defaultdict(set)
    for doc in tqdm(docs, desc="reports", unit="doc", disable=not progress or len(docs) < 20):
        for pm in geoparse(doc.text, gaz):
            m = pm.resolution.match
            if m is None or m.place.kind == "country":
                continue
            p = m.place
            rows.append([doc.id, pm.mention.start, pm.mention.end, pm.mention.text, p.id, p.name, p.lat,
                         p.lon, p.country, p.admin1, p.kind, round(m.score, 4)])
            by_place[p.id].add(doc.id)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(MENTION_COLUMNS)
    w.writerows(rows)
    atomic_write_text(out / "mentions.csv", buf.getvalue())
    features = []
    for pid in sorted(by_place):
        p = gaz.get(pid)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"place_id": p.id, "name": p.name, "country": p.country, "admin1": p.admin1,
                           "kind": p.kind, "documents": sorted(by_place[pid])},
        })
    atomic_write_text(out / "places.geojson",
                      json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                                 indent=1) + "\n")
    return BuildSummary(documents=len(docs), mentions=len(rows), places=len(by_place), out=out)

"""The state on a date as text: GeoJSON (RFC 7946), CSV, a standalone HTML map; changes as a table."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ._plain import plain

__all__ = ["SNAPSHOT_COLUMNS", "changes_text", "snapshot_csv", "snapshot_features", "snapshot_geojson",
           "snapshot_html"]

#: The properties of a place on a date, in order.
SNAPSHOT_COLUMNS = ("place_id", "name", "actor", "status", "actors", "since", "until", "confidence", "reports",
                    "evidence", "source", "url", "evidence_date", "origin", "note", "country")


def snapshot_features(state: pd.DataFrame) -> list[dict[str, Any]]:
    """GeoJSON features (longitude, latitude order) of a :meth:`ControlModel.state_at` table."""
    cols = [c for c in SNAPSHOT_COLUMNS if c in state.columns]
    feats = []
    for rec in state[[*cols, "lat", "lon"]].to_dict("records"):
        props = {c: plain(rec[c]) for c in cols}
        feats.append({"type": "Feature",
                      "geometry": {"type": "Point", "coordinates": [round(float(rec["lon"]), 6),
                                                                    round(float(rec["lat"]), 6)]},
                      "properties": props})
    return feats


def snapshot_geojson(state: pd.DataFrame) -> str:
    """A FeatureCollection of the places of a state table."""
    return json.dumps({"type": "FeatureCollection", "features": snapshot_features(state)},
                      ensure_ascii=False) + "\n"


def snapshot_csv(state: pd.DataFrame) -> str:
    """The state as CSV: :data:`SNAPSHOT_COLUMNS` plus lat and lon."""
    cols = [c for c in SNAPSHOT_COLUMNS if c in state.columns] + ["lat", "lon"]
    return str(state[cols].to_csv(index=False, lineterminator="\n"))


def snapshot_html(model: Any, day: str) -> str:
    """A standalone HTML map of the state on ``day`` (works offline: Leaflet inlined)."""
    from .render import date_map_html

    return date_map_html(model, day)


def changes_text(changes: pd.DataFrame) -> str:
    """A readable list of changes, then who gained and lost how many places."""
    if changes.empty:
        return "no change of control in that span\n"
    lines = []
    for r in changes.to_dict("records"):
        before = _who(r["before_actor"], r["before_status"])
        after = _who(r["after_actor"], r["after_status"])
        name = r["name"] if isinstance(r["name"], str) else r["place_id"]
        lines.append(f"{r['date']}  {name}: {before} -> {after}  ({r['confidence']:.2f}; {r['source'] or '-'})")
    moved = changes["before_actor"].fillna("") != changes["after_actor"].fillna("")
    gained = changes[moved & changes["after_status"].isin(["controlled", "besieged"])].groupby("after_actor").size()
    lost = changes[moved & changes["before_status"].isin(["controlled", "besieged"])].groupby("before_actor").size()
    lines.append("")
    for actor in sorted(set(gained.index) | set(lost.index)):
        lines.append(f"{actor}: gained {int(gained.get(actor, 0))}, lost {int(lost.get(actor, 0))}")
    return "\n".join(lines) + "\n"


def _who(actor: Any, status: Any) -> str:
    if not isinstance(status, str):
        return "(no earlier state)"
    if status == "controlled":
        return str(actor)
    if not isinstance(actor, str):
        return status
    return f"{actor} ({status})"

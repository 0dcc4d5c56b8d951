"""Area claims, expanded to the places inside the area.

Extraction marks a claim made on an area rather than one place with its ``area`` field: "From Azaz to
Jarabulus, our 91 km border has been completely secured" gives claims on Azaz and Jarabulus with area
``border``; "securing the stretch between the towns" gives ``between:<id>:<id>``. The area is the band
along the line between its two ends (flat-ended, half as wide as a tenth of its length, 5 to 15 km). Every
place of the gazetteer inside that band, in the same country, gets the claim too, with origin ``area`` and a
lower confidence (the report did not name it).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .geometry import to_equal_area

__all__ = ["AREA_CONFIDENCE", "AREA_KINDS", "expand_areas", "universe_from_places"]

#: What an area claim's confidence is multiplied by for a place the report did not name.
AREA_CONFIDENCE = 0.8
#: Kinds of place an area claim covers.
AREA_KINDS = frozenset({"city", "town", "village", "hill", "base", "airbase", "crossing", "dam"})
#: Ends further apart than this (km) do not make a band.
MAX_SPAN_KM = 200.0


def universe_from_places(places: Iterable[object]) -> pd.DataFrame:
    """A table (place_id, name, lat, lon, country, kind) of the gazetteer places an area claim may cover."""
    rows = [(p.id, p.name, p.lat, p.lon, p.country, p.kind) for p in places  # type: ignore[attr-defined]
            if p.kind in AREA_KINDS]  # type: ignore[attr-defined]
    return pd.DataFrame(rows, columns=["place_id", "name", "lat", "lon", "country", "kind"])


def expand_areas(claims: pd.DataFrame, universe: pd.DataFrame) -> pd.DataFrame:
    """Claims for the places inside each area claim's band (the claims table's columns, plus ``origin``).

    Places already claimed by the same sentence are left out. Returns an empty table when there is no area.
    """
    if claims.empty or "area" not in claims.columns:
        return claims.iloc[0:0].assign(origin=pd.Series(dtype=object))
    areas = claims[claims["area"].fillna("").astype(str) != ""]
    if areas.empty or universe.empty:
        return claims.iloc[0:0].assign(origin=pd.Series(dtype=object))
    ux, uy = to_equal_area(universe["lon"].to_numpy(float), universe["lat"].to_numpy(float))
    rows: list[pd.Series] = []
    for _key, group in areas.groupby(["doc_id", "start", "area", "actor"], sort=True):
        ends = group.drop_duplicates("place_id")
        if len(ends) < 2:
            continue
        first, last = ends.iloc[0], ends.iloc[-1]
        (x1, x2), (y1, y2) = to_equal_area(np.array([first["lon"], last["lon"]], float),
                                            np.array([first["lat"], last["lat"]], float))
        dx, dy = x2 - x1, y2 - y1
        length = float(np.hypot(dx, dy))
        if length == 0 or length > MAX_SPAN_KM * 1000:
            continue
        half_width = min(max(0.1 * length, 5000.0), 15000.0)
        # Position along the line (0..1) and distance from it, for every candidate place.
        t = ((ux - x1) * dx + (uy - y1) * dy) / (length * length)
        dist = np.abs((ux - x1) * dy - (uy - y1) * dx) / length
        inside = (t >= 0) & (t <= 1) & (dist <= half_width) & (universe["country"].to_numpy() == first["country"])
        named = set(group["place_id"])
        template = group.sort_values("confidence").iloc[0]
        for idx in np.flatnonzero(inside):
            u = universe.iloc[idx]
            if u["place_id"] in named:
                continue
            row = template.copy()
            row["place_id"], row["place"], row["lat"], row["lon"] = u["place_id"], u["name"], u["lat"], u["lon"]
            row["written_as"] = ""
            row["previous_actor"] = None
            row["confidence"] = round(float(template["confidence"]) * AREA_CONFIDENCE, 3)
            rows.append(row)
    if not rows:
        return claims.iloc[0:0].assign(origin=pd.Series(dtype=object))
    out = pd.DataFrame(rows).reset_index(drop=True)
    out["origin"] = "area"
    return out

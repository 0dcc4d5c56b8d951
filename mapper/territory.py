"""Control zones, front lines and the area each actor holds.

Each place gets a cell: its Voronoi cell among all the places of the model, clipped to its country's
outline and to a disc of ``radius_km`` around it (a lone village does not colour half a desert). Cells do not
depend on the date, so they are computed once; on a date, each cell takes its place's state:

- **zones**: cells dissolved by actor, with contested places as their own class (``contested``);
- **front lines**: the edges shared by cells of two hostile actors (every pair not in ``allies``);
- **areas**: km² per class, the sum of its cells' areas in an equal-area projection.

Examples
--------
>>> import pandas as pd
>>> places = pd.DataFrame({"place_id": ["a", "b"], "lat": [36.0, 36.0], "lon": [37.0, 37.1],
...                        "country": ["SY", "SY"]})
>>> terr = Territory(places, radius_km=10)
>>> state = pd.DataFrame({"place_id": ["a", "b"], "actor": ["isis", "sdf"], "status": ["controlled"] * 2})
>>> sorted(terr.zones(state)["zone"])
['isis', 'sdf']
>>> front = terr.front_lines(state)
>>> front.loc[0, ["actor_a", "actor_b"]].tolist(), round(float(front.loc[0, "length_km"]))
(['isis', 'sdf'], 18)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import shapely

from .geometry import EQUAL_AREA, to_equal_area

__all__ = ["ALLIES", "DEFAULT_RADIUS_KM", "Territory"]

#: Pairs of actors whose zones meet without a front line between them.
ALLIES: frozenset[frozenset[str]] = frozenset({
    frozenset({"tfsa", "opposition"}), frozenset({"government", "iraq"}), frozenset({"iraq", "peshmerga"}),
})
#: How far (km) a place's cell may reach.
DEFAULT_RADIUS_KM = 25.0


def _country_outlines() -> dict[str, Any]:
    from gazetteer.geo import country_shapes

    out = {}
    for iso, geom in country_shapes().items():
        out[iso] = shapely.transform(geom, lambda xy: np.column_stack(to_equal_area(xy[:, 0], xy[:, 1])))
    return out


class Territory:
    """The cells of a set of places, and the zones, front lines and areas they make on a date.

    Parameters
    ----------
    places : DataFrame
        ``place_id, lat, lon`` and, optionally, ``country`` (ISO code: the cell is clipped to that country).
    radius_km : float
        How far a cell may reach from its place.
    allies : set of frozenset
        Pairs of actors that do not make a front line.
    """

    def __init__(self, places: pd.DataFrame, *, radius_km: float = DEFAULT_RADIUS_KM,
                 allies: Iterable[frozenset[str]] = ALLIES) -> None:
        self.allies = frozenset(allies)
        self.radius_km = radius_km
        table = places.drop_duplicates("place_id").sort_values("place_id").reset_index(drop=True)
        self.place_ids: np.ndarray = table["place_id"].to_numpy(dtype=object)
        self._row = {pid: i for i, pid in enumerate(self.place_ids)}
        x, y = to_equal_area(table["lon"].to_numpy(float), table["lat"].to_numpy(float))
        self.cells = self._cells(x, y, table["country"].to_numpy(dtype=object) if "country" in table else None)
        self.cell_km2 = shapely.area(self.cells) / 1e6

    # -- geometry built once ------------------------------------------------------------------------------

    def _cells(self, x: np.ndarray, y: np.ndarray, countries: np.ndarray | None) -> np.ndarray:
        """Each place's cell; also sets ``_pairs`` and ``_edges`` (the edges neighbouring cells share)."""
        n = len(x)
        self._pairs = np.empty((0, 2), dtype=np.int64)
        self._edges = np.array([], dtype=object)
        if n == 0:
            return np.array([], dtype=object)
        radius = self.radius_km * 1000.0
        discs = shapely.buffer(shapely.points(x, y), radius, quad_segs=8)
        # Coincident places share one Voronoi site.
        coords = np.round(np.column_stack([x, y]), 1)
        uniq, inverse = np.unique(coords, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        if len(uniq) < 2:
            cells = discs
            vor = None
        else:
            sites = shapely.multipoints(shapely.points(uniq))
            env = shapely.box(uniq[:, 0].min() - 2 * radius, uniq[:, 1].min() - 2 * radius,
                              uniq[:, 0].max() + 2 * radius, uniq[:, 1].max() + 2 * radius)
            vor = shapely.get_parts(shapely.voronoi_polygons(sites, extend_to=env, ordered=True))[inverse]
            cells = shapely.intersection(vor, discs)
        outlines = _country_outlines() if countries is not None else {}
        clip = np.full(n, None, dtype=object)
        if countries is not None:
            for iso in {c for c in countries if isinstance(c, str)}:
                shape = outlines.get(iso)
                if shape is None:
                    continue
                shapely.prepare(shape)
                idx = np.flatnonzero(countries == iso)
                cells[idx] = shapely.intersection(cells[idx], shape)
                clip[idx] = shape
        cells = np.asarray(shapely.make_valid(cells), dtype=object)
        if vor is not None:
            self._neighbours(vor, inverse, discs, clip)
        return cells

    def _neighbours(self, vor: np.ndarray, site: np.ndarray, discs: np.ndarray, clip: np.ndarray) -> None:
        """Shared edges, from the unclipped Voronoi cells (they share exact vertices), cut to both discs."""
        tree = shapely.STRtree(vor)
        left, right = tree.query(vor, predicate="intersects")
        keep = (left < right) & (site[left] != site[right])
        left, right = left[keep], right[keep]
        edges = shapely.intersection(vor[left], vor[right])
        edges = shapely.intersection(edges, shapely.intersection(discs[left], discs[right]))
        same = np.array([c is not None for c in clip[left]], dtype=bool) & (clip[left] == clip[right])
        if same.any():
            edges[same] = shapely.intersection(edges[same], clip[left][same])
        ok = shapely.length(edges) > 1.0  # cells that touch at a corner share no edge
        self._pairs = np.column_stack([left[ok], right[ok]])
        self._edges = edges[ok]

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """The pairs of neighbouring cells (row indices into ``place_ids``) and the edge each pair shares
        (equal-area coordinates)."""
        return self._pairs, self._edges

    # -- on a date ----------------------------------------------------------------------------------------

    def classes(self, state: pd.DataFrame) -> np.ndarray:
        """Each cell's class on this state: an actor id, ``contested``, or None (no known holder)."""
        out = np.full(len(self.place_ids), None, dtype=object)
        if state.empty:
            return out
        rows = state["place_id"].map(self._row)
        ok = rows.notna().to_numpy()
        idx = rows[ok].astype(int).to_numpy()
        status = state["status"].to_numpy(dtype=object)[ok]
        actor = state["actor"].to_numpy(dtype=object)[ok]
        cls = actor.copy()
        cls[pd.isna(actor)] = None
        cls[status == "contested"] = "contested"
        cls[status == "unknown"] = None
        out[idx] = cls
        return out

    def zones(self, state: pd.DataFrame) -> Any:
        """Zones on this state: a GeoDataFrame (EPSG:4326) of ``zone, area_km2, places, geometry``."""
        import geopandas as gpd

        cls = self.classes(state)
        rows = []
        for zone in sorted({c for c in cls if c is not None}):
            idx = np.flatnonzero(cls == zone)
            geom = _dissolve(self.cells[idx])
            rows.append((zone, round(float(self.cell_km2[idx].sum()), 1), len(idx), geom))
        frame = gpd.GeoDataFrame(rows, columns=["zone", "area_km2", "places", "geometry"], geometry="geometry",
                                 crs=EQUAL_AREA).to_crs("EPSG:4326")
        # Reprojection can make near-coincident vertices cross: repair, then follow RFC 7946's right-hand rule
        # (exterior rings counterclockwise, holes clockwise).
        geoms = frame.geometry.to_numpy()
        bad = ~shapely.is_valid(geoms)
        if bad.any():
            geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
        frame["geometry"] = shapely.orient_polygons(geoms, exterior_cw=False)
        return frame

    def front_lines(self, state: pd.DataFrame) -> Any:
        """Front lines on this state: a GeoDataFrame (EPSG:4326) of ``actor_a, actor_b, length_km, geometry``
        where the cells of two hostile actors meet."""
        import geopandas as gpd

        cls = self.classes(state)
        rows = []
        if len(self._pairs):
            a, b = cls[self._pairs[:, 0]], cls[self._pairs[:, 1]]
            hostile = np.array([x is not None and y is not None and x != y and x != "contested"
                                and y != "contested" and frozenset((x, y)) not in self.allies
                                for x, y in zip(a, b, strict=True)], dtype=bool)
            groups: dict[tuple[str, str], list[int]] = {}
            for k in np.flatnonzero(hostile):
                key = (min(a[k], b[k]), max(a[k], b[k]))
                groups.setdefault(key, []).append(int(k))
            for (x, y), ks in sorted(groups.items()):
                merged = shapely.get_parts(shapely.line_merge(shapely.union_all(self._edges[ks])))
                line = shapely.multilinestrings(merged[shapely.get_type_id(merged) == 1])  # one geometry type
                rows.append((x, y, round(float(shapely.length(line)) / 1000.0, 1), line))
        frame = gpd.GeoDataFrame(rows, columns=["actor_a", "actor_b", "length_km", "geometry"], geometry="geometry",
                                 crs=EQUAL_AREA)
        return frame.to_crs("EPSG:4326")

    def areas(self, state: pd.DataFrame) -> dict[str, float]:
        """km² per class on this state (actor ids and ``contested``)."""
        cls = self.classes(state)
        out: dict[str, float] = {}
        for zone in sorted({c for c in cls if c is not None}):
            out[zone] = round(float(self.cell_km2[cls == zone].sum()), 1)
        return out


def _dissolve(cells: np.ndarray) -> Any:
    """Union of non-overlapping cells (fast coverage union, checked, else a plain union)."""
    if len(cells) == 1:
        return cells[0]
    try:
        merged = shapely.coverage_union_all(cells)
        if shapely.is_valid(merged) and abs(shapely.area(merged) - shapely.area(cells).sum()) < 1e-6 * max(
                1.0, float(shapely.area(cells).sum())):
            return merged
    except shapely.errors.GEOSException:
        pass
    return shapely.union_all(cells)

"""The control model: who holds each place on any date, fused from claims, a baseline map and overrides.

A claim is turned into an *observation* (place, date, actor, status, weight). The weight is the claim's
confidence times its source's reliability (:mod:`mapper.reliability`). Observations become a timeline of
*intervals* per place by these rules (the docs and ``tests/test_model.py`` go through them one by one):

1. **Duplicates count once.** Two claims with the same place, actor, status, date and sentence are one
   observation, whatever report carries them (a syndicated copy is not corroboration).
2. **Reports of one event merge.** Observations whose dates cannot be told apart (their spans overlap: a day
   for a dated claim, a week for "last week", a month for "in August") form one *episode*. Agreeing
   observations corroborate: the confidence is ``1 - prod(1 - weight)``.
3. **Credible disagreement is contested.** When an episode has two or more holders (``controlled`` or
   ``besieged``) that are each credible (combined weight >= ``credible``), the place is ``contested`` between
   them, not silently given to one. A holder that is not credible loses to the strongest one. Fighting inside
   (``contested``) by an actor other than the holder makes the episode contested; by the holder, it is the
   holder's capture.
4. **Later supersedes earlier.** Episodes are read in date order; each one sets the state from its date until
   the next episode that changes it. An episode that repeats the state extends it (``since`` stays).
5. **A baseline map** (:mod:`mapper.baseline`) gives observations of its own, which any report of the same
   episode overrides.
6. **Area claims** ("From Azaz to Jarabulus, our border has been secured") were expanded before this step to
   the places inside the area (see :func:`expand_areas`).
7. **Decay** (optional, ``decay_days``): control that no observation confirms for that long becomes
   ``unknown``.
8. **Overrides** (:mod:`mapper.overrides`) win over everything for their span and are marked as such.

Examples
--------
>>> import datetime as dt
>>> obs = [Observation("p1", dt.date(2016, 4, 14), "isis", "controlled", 0.8, "c1"),
...        Observation("p1", dt.date(2016, 9, 3), "tfsa", "controlled", 0.7, "c2")]
>>> model = ControlModel.from_observations(obs)
>>> model.state_at(dt.date(2016, 5, 1)).loc[0, "actor"]
'isis'
>>> model.state_at(dt.date(2016, 9, 5)).loc[0, ["actor", "since"]].tolist()
['tfsa', datetime.date(2016, 9, 3)]
>>> [d.isoformat() for d in model.dates()]
['2016-04-14', '2016-09-03']
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "HOLDING",
    "INTERVAL_COLUMNS",
    "ControlModel",
    "FusionConfig",
    "Interval",
    "Observation",
    "Override",
    "claim_id",
    "observations_from_claims",
]

#: Statuses that say who holds a place.
HOLDING = frozenset({"controlled", "besieged"})
#: How many days a date of each precision may stand for.
PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
_FAR = np.datetime64("9999-12-31", "D")

#: The columns of :meth:`ControlModel.intervals`.
INTERVAL_COLUMNS = ("place_id", "start", "end", "actor", "status", "actors", "confidence", "reports",
                    "claim_ids", "evidence", "source", "url", "doc_id", "evidence_date", "origin", "note")


def claim_id(doc_id: str, place_id: str, actor: str | None, status: str, date: str, start: int) -> str:
    """A stable id for a claim: the same claim of the same report has the same id in every run."""
    key = f"{doc_id}\x1f{place_id}\x1f{actor}\x1f{status}\x1f{date}\x1f{start}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Observation:
    """One piece of evidence about a place's control on a date.

    ``weight`` is the claim's confidence times its source's reliability. ``key`` identifies duplicates
    (defaults to the claim id). ``origin`` is ``report``, ``area`` (a report's area claim, expanded) or
    ``baseline``.
    """

    place_id: str
    date: dt.date
    actor: str | None
    status: str
    weight: float
    claim: str
    precision_days: int = 1
    origin: str = "report"
    key: str = ""
    evidence: str = ""
    source: str = ""
    url: str = ""
    doc_id: str = ""

    @property
    def dedupe_key(self) -> str:
        return self.key or self.claim


@dataclass(frozen=True, slots=True)
class Override:
    """An analyst's correction: ``place_id`` is held by ``actor`` (``status``) from ``start`` to ``end``."""

    place_id: str
    actor: str | None
    start: dt.date
    end: dt.date | None = None
    status: str = "controlled"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Interval:
    """A span of a place's timeline with one state. ``end`` is exclusive; None means still so."""

    place_id: str
    start: dt.date
    end: dt.date | None
    actor: str | None
    status: str
    actors: tuple[str, ...]
    confidence: float
    claims: tuple[str, ...]
    reports: int
    best: Observation | None
    origin: str
    note: str = ""
    last_seen: dt.date | None = None


@dataclass(frozen=True, slots=True)
class FusionConfig:
    """The knobs of the fusion rules (see the module docs).

    Attributes
    ----------
    credible : float
        Combined weight from which a holder counts as credible (rule 3).
    min_weight : float
        Observations lighter than this are ignored.
    decay_days : int or None
        Control no observation confirms for this many days becomes ``unknown`` (rule 7); None: never.
    """

    credible: float = 0.45
    min_weight: float = 0.1
    decay_days: int | None = None


@dataclass(slots=True)
class _Episode:
    date: dt.date
    until: dt.date
    obs: list[Observation] = field(default_factory=list)


def _noisy_or(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - min(max(w, 0.0), 0.99)
    return round(1.0 - p, 6)


def _episodes(obs: list[Observation]) -> list[_Episode]:
    """Group observations whose date spans overlap (rule 2); ``obs`` sorted by date."""
    out: list[_Episode] = []
    for o in obs:
        until = o.date + dt.timedelta(days=max(o.precision_days, 1))
        if out and o.date < out[-1].until:
            e = out[-1]
            e.obs.append(o)
            e.until = max(e.until, until)
        else:
            out.append(_Episode(o.date, until, [o]))
    return out


@dataclass(frozen=True, slots=True)
class _State:
    actor: str | None
    status: str
    actors: tuple[str, ...]
    support: tuple[Observation, ...]


def _decide(ep: _Episode, credible: float) -> _State:
    """The state an episode says (rules 3 and 5)."""
    reports = [o for o in ep.obs if o.origin != "baseline"]
    obs = reports or ep.obs
    holders: dict[str, list[Observation]] = defaultdict(list)
    fighters: dict[str, list[Observation]] = defaultdict(list)
    unknown: list[Observation] = []
    for o in obs:
        if o.actor is None:
            unknown.append(o)
        elif o.status in HOLDING:
            holders[o.actor].append(o)
        elif o.status == "contested":
            fighters[o.actor].append(o)
        else:
            unknown.append(o)
    strength = {a: _noisy_or(o.weight for o in v) for a, v in holders.items()}
    strong = sorted(a for a, w in strength.items() if w >= credible)
    if len(strong) >= 2:
        support = tuple(o for a in strong for o in holders[a]) + tuple(o for v in fighters.values() for o in v)
        actors = tuple(sorted(set(strong) | set(fighters)))
        return _State(None, "contested", actors, support)
    if strength:
        holder = strong[0] if strong else min(strength, key=lambda a: (-strength[a], a))
        others = sorted(set(fighters) - {holder})
        if others:
            support = tuple(holders[holder]) + tuple(o for a in others for o in fighters[a])
            return _State(holder, "contested", tuple(sorted({holder, *others})), support)
        status = "besieged" if any(o.status == "besieged" for o in holders[holder]) else "controlled"
        return _State(holder, status, (holder,), tuple(holders[holder]) + tuple(fighters.get(holder, ())))
    if fighters:
        actors = tuple(sorted(fighters))
        support = tuple(o for a in actors for o in fighters[a])
        return _State(actors[0] if len(actors) == 1 else None, "contested", actors, support)
    return _State(None, "unknown", (), tuple(unknown))


def _best(support: Iterable[Observation]) -> Observation | None:
    return min(support, key=lambda o: (-o.weight, o.date, o.claim), default=None)


def _timeline(place_id: str, obs: list[Observation], cfg: FusionConfig) -> list[Interval]:
    """Rules 1-4 and 7 for one place."""
    unique: dict[str, Observation] = {}
    for o in obs:
        if o.weight < cfg.min_weight:
            continue
        k = o.dedupe_key
        cur = unique.get(k)
        if cur is None or (-o.weight, o.claim) < (-cur.weight, cur.claim):
            unique[k] = o
    ordered = sorted(unique.values(), key=lambda o: (o.date, o.claim))
    out: list[Interval] = []
    support: list[Observation] = []
    for ep in _episodes(ordered):
        st = _decide(ep, cfg.credible)
        last_seen = max(o.date for o in st.support) if st.support else ep.date
        if out and (out[-1].actor, out[-1].status, out[-1].actors) == (st.actor, st.status, st.actors):
            support.extend(st.support)
            prev = out[-1]
            out[-1] = replace(prev, confidence=_noisy_or(o.weight for o in support),
                              claims=tuple(sorted({o.claim for o in support})),
                              reports=len({o.doc_id or o.claim for o in support}), best=_best(support),
                              last_seen=max(prev.last_seen or last_seen, last_seen))
            continue
        if out:
            out[-1] = replace(out[-1], end=ep.date)
        support = list(st.support)
        origins = {o.origin for o in support}
        origin = "baseline" if origins == {"baseline"} else "reports"
        out.append(Interval(place_id, ep.date, None, st.actor, st.status, st.actors,
                            _noisy_or(o.weight for o in support), tuple(sorted({o.claim for o in support})),
                            len({o.doc_id or o.claim for o in support}), _best(support), origin,
                            last_seen=last_seen))
    if cfg.decay_days is not None:
        out = _decay(out, cfg.decay_days)
    return out


def _decay(intervals: list[Interval], days: int) -> list[Interval]:
    """Rule 7: control unconfirmed for ``days`` becomes unknown until the next change."""
    out: list[Interval] = []
    for iv in intervals:
        seen = iv.last_seen or iv.start
        expiry = seen + dt.timedelta(days=days)
        if iv.actor is not None and (iv.end is None or iv.end > expiry):
            out.append(replace(iv, end=expiry))
            out.append(Interval(iv.place_id, expiry, iv.end, None, "unknown", (), 0.0, (), 0, None, "decay",
                                note=f"no report for {days} days"))
        else:
            out.append(iv)
    return out


def _apply_overrides(intervals: list[Interval], overrides: Sequence[Override]) -> list[Interval]:
    """Rule 8: each override replaces whatever its span covers."""
    out = list(intervals)
    for ov in sorted(overrides, key=lambda o: (o.start, o.end or dt.date.max, o.actor or "", o.note)):
        end = ov.end
        cut: list[Interval] = []
        for iv in out:
            iv_end = iv.end or dt.date.max
            ov_end = end or dt.date.max
            if iv_end <= ov.start or iv.start >= ov_end:
                cut.append(iv)
                continue
            if iv.start < ov.start:
                cut.append(replace(iv, end=ov.start))
            if iv_end > ov_end:
                cut.append(replace(iv, start=ov_end))
        cut.append(Interval(ov.place_id, ov.start, end, ov.actor, ov.status, (ov.actor,) if ov.actor else (),
                            1.0, (), 0, None, "override", note=ov.note))
        out = sorted(cut, key=lambda i: i.start)
    return out


def observations_from_claims(claims: pd.DataFrame, sources: Any = None) -> list[Observation]:
    """Observations from a table of claims (the :data:`mapper.claims.CLAIM_COLUMNS`).

    ``sources`` is a :class:`mapper.reliability.SourceTable` (the bundled one when None). Rows with an
    ``origin`` column keep it (``area`` rows come from :func:`mapper.areas.expand_areas`).
    """
    from .reliability import load_sources

    table = sources if sources is not None else load_sources()
    out: list[Observation] = []
    if claims.empty:
        return out
    cols = claims.columns
    weight_cache: dict[tuple[str, str, str, bool], float] = {}
    origin_col = claims["origin"] if "origin" in cols else pd.Series("report", index=claims.index)
    row: Any
    for row, origin in zip(claims.itertuples(index=False), origin_col, strict=True):
        actor = row.actor if isinstance(row.actor, str) and row.actor else None
        status = str(row.status)
        source = str(row.source) if isinstance(row.source, str) else ""
        url = str(row.url) if isinstance(row.url, str) else ""
        gain = status in HOLDING and str(getattr(row, "kind", "event")) == "event"
        wk = (source, url, actor or "", gain)
        rel = weight_cache.get(wk)
        if rel is None:
            rel = weight_cache[wk] = table.weight(source, url, actor=actor, gain=gain)
        date = row.date if isinstance(row.date, dt.date) else dt.date.fromisoformat(str(row.date))
        cid = str(row.claim_id) if "claim_id" in cols else claim_id(
            str(row.doc_id), str(row.place_id), actor, status, date.isoformat(), int(row.start))
        evidence = str(row.evidence) if isinstance(row.evidence, str) else ""
        key = f"{row.place_id}\x1f{actor}\x1f{status}\x1f{date}\x1f{' '.join(evidence.split()).lower()}"
        out.append(Observation(
            place_id=str(row.place_id), date=date, actor=actor, status=status,
            weight=float(row.confidence) * rel, claim=cid,
            precision_days=PRECISION_DAYS.get(str(row.date_precision), 1), origin=str(origin), key=key,
            evidence=evidence, source=source, url=url, doc_id=str(row.doc_id)))
    return out


class ControlModel:
    """Timelines of control per place, and the questions asked of them.

    Build one with :meth:`from_observations` or :meth:`from_claims`. ``places`` (optional) is a table with
    ``place_id, name, lat, lon, country`` (and any more columns) used to describe and locate places.
    """

    def __init__(self, table: pd.DataFrame, places: pd.DataFrame | None = None) -> None:
        missing = [c for c in INTERVAL_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"an intervals table needs the column(s) {', '.join(missing)}")
        table = table[list(INTERVAL_COLUMNS)].copy()
        for c in ("start", "end", "evidence_date"):
            table[c] = [_opt_date(v) for v in table[c]]
        self._table = table.sort_values(["place_id", "start"], kind="stable").reset_index(drop=True)
        self.places = _place_table(places)
        self._start = self._table["start"].to_numpy(dtype="datetime64[D]")
        ends = self._table["end"].to_numpy(dtype="datetime64[D]")
        self._end = np.where(np.isnat(ends), _FAR, ends)
        rows = self._table.merge(self.places, on="place_id", how="left")
        for c in ("actor", "source", "url", "note", "evidence"):
            rows[c] = rows[c].astype(object).where(rows[c].notna(), None)
        self._place_rows = rows
        self._geo: Any = None

    # -- building -----------------------------------------------------------------------------------------

    @classmethod
    def from_observations(cls, observations: Iterable[Observation], *, overrides: Sequence[Override] = (),
                          config: FusionConfig | None = None, places: pd.DataFrame | None = None) -> ControlModel:
        """Fuse observations into timelines (rules 1-8)."""
        cfg = config or FusionConfig()
        by_place: dict[str, list[Observation]] = defaultdict(list)
        for o in observations:
            by_place[o.place_id].append(o)
        ovs: dict[str, list[Override]] = defaultdict(list)
        for ov in overrides:
            ovs[ov.place_id].append(ov)
        intervals: list[Interval] = []
        for pid in sorted(set(by_place) | set(ovs)):
            tl = _timeline(pid, by_place.get(pid, []), cfg)
            if pid in ovs:
                tl = _apply_overrides(tl, ovs[pid])
            intervals.extend(tl)
        return cls(_frame(intervals), places)

    @classmethod
    def from_claims(cls, claims: pd.DataFrame, *, baseline: Iterable[Observation] = (),
                    overrides: Sequence[Override] = (), config: FusionConfig | None = None,
                    sources: Any = None, places: pd.DataFrame | None = None) -> ControlModel:
        """Fuse a claims table (plus a baseline and overrides) into timelines."""
        obs = observations_from_claims(claims, sources)
        obs.extend(baseline)
        table = places
        if table is None and not claims.empty:
            table = claims.rename(columns={"place": "name"})[["place_id", "name", "lat", "lon", "country"]]
        return cls.from_observations(obs, overrides=overrides, config=config, places=table)

    # -- the questions ------------------------------------------------------------------------------------

    def intervals(self) -> pd.DataFrame:
        """Every interval of every place (:data:`INTERVAL_COLUMNS`), ordered by place and start."""
        return self._table.copy()

    def timeline(self, place_id: str) -> pd.DataFrame:
        """One place's intervals."""
        return self._table[self._table["place_id"] == place_id].reset_index(drop=True)

    def dates(self) -> list[dt.date]:
        """The dates on which anything changed, in order."""
        days = set(self._table["start"]) | {e for e in self._table["end"] if e is not None}
        return sorted(days)

    def state_at(self, date: dt.date | str) -> Any:
        """Places with their state on ``date``: a GeoDataFrame (EPSG:4326) of place, actor, status, since,
        until, confidence and evidence. Places with no interval on that date are left out."""
        import geopandas as gpd

        if self._geo is None:  # built once: each date only picks rows
            rows = self._place_rows.rename(columns={"start": "since", "end": "until"})
            geometry = gpd.points_from_xy(rows["lon"].astype(float), rows["lat"].astype(float))
            self._geo = gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")
        day = np.datetime64(_as_date(date), "D")
        idx = np.flatnonzero((self._start <= day) & (self._end > day))
        return self._geo.take(idx).reset_index(drop=True)

    def changes_between(self, start: dt.date | str, end: dt.date | str) -> pd.DataFrame:
        """Every change after ``start`` up to and including ``end``: place, date, who held it before and after
        (actor and status), and the evidence of the new state."""
        d1, d2 = np.datetime64(_as_date(start), "D"), np.datetime64(_as_date(end), "D")
        t = self._place_rows
        prev = t.groupby("place_id", sort=False)[["actor", "status"]].shift(1)
        mask = (self._start > d1) & (self._start <= d2)
        out = pd.DataFrame({
            "date": t["start"], "place_id": t["place_id"], "name": t["name"],
            "before_actor": prev["actor"], "before_status": prev["status"],
            "after_actor": t["actor"], "after_status": t["status"], "confidence": t["confidence"],
            "evidence": t["evidence"], "source": t["source"], "origin": t["origin"],
        })[mask]
        for c in ("before_actor", "before_status", "after_actor"):
            out[c] = out[c].astype(object).where(out[c].notna(), None)
        return out.sort_values(["date", "place_id"], kind="stable").reset_index(drop=True)

    def __len__(self) -> int:
        return len(self._table)


def _frame(intervals: Sequence[Interval]) -> pd.DataFrame:
    rows = []
    for i in intervals:
        b = i.best
        rows.append((i.place_id, i.start, i.end, i.actor, i.status, "|".join(i.actors), round(i.confidence, 3),
                     i.reports, "|".join(i.claims), b.evidence if b else "", b.source if b else "",
                     b.url if b else "", b.doc_id if b else "", b.date if b else None, i.origin, i.note))
    return pd.DataFrame(rows, columns=list(INTERVAL_COLUMNS))


def _opt_date(v: Any) -> dt.date | None:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT or v == "":
        return None
    return _as_date(v)


def _place_table(places: pd.DataFrame | None) -> pd.DataFrame:
    cols = ["place_id", "name", "lat", "lon", "country"]
    if places is None or places.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c in ("lat", "lon") else object) for c in cols})
    missing = [c for c in cols if c not in places.columns]
    if missing:
        raise ValueError(f"the places table lacks column(s) {', '.join(missing)}")
    return places.drop_duplicates("place_id").reset_index(drop=True)


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))

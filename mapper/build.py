"""The main job: read reports into a build folder's store, fuse the control model, and write what it finds.

``build()`` extracts the reports the store has not seen, fuses every stored claim (with the baselines and
overrides) into timelines, and writes into ``out``:

- ``store.sqlite``: the store (:mod:`mapper.store`);
- ``claims.csv``, ``unresolved.csv``, ``set_aside.csv``, ``mentions.csv``, ``places.geojson``: what
  extraction found;
- ``intervals.csv``: every place's timeline; ``changes.csv``: every change of control;
- ``areas.csv`` and ``areas.png``: km² per actor on each date where control changed;
- ``report.json``: what was read, what was skipped and why, warnings, reports set aside, unresolved names.

Inputs that cannot be read are skipped and listed; when none can be read, :class:`NothingReadError` is raised
(after ``report.json`` is written) and nothing else changes.

:func:`open_model` reads a build folder back for ``mapper snapshot`` and ``mapper changes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from ._errors import InputError, MapperError
from ._io import atomic_open, atomic_write_bytes, atomic_write_text, folder_lock, remove_stale_temporaries
from ._plain import plural
from .areas import expand_areas, universe_from_places
from .baseline import BUNDLED, gazetteer_resolver, load_baseline
from .documents import Columns, Document, Problem, ReadLog, iter_documents
from .extract import DocumentResult
from .model import ControlModel, FusionConfig, Observation, Override
from .overrides import load_overrides
from .pipeline import BATCH, ExtractionPool, batched, extraction_pool
from .reliability import load_sources
from .render import write_site
from .store import MENTION_COLUMNS, STORE_NAME, Store, document_hash
from .territory import DEFAULT_RADIUS_KM, Territory

__all__ = ["BuildOptions", "BuildSummary", "NoBuildError", "NothingReadError", "area_table", "build", "every_dates",
           "open_model", "parse_every"]


class NoBuildError(MapperError):
    """A folder with no store in it."""


class NothingReadError(InputError):
    """Every input of a build was skipped (``problems`` says why)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class BuildOptions:
    """How to build.

    ``baselines``/``overrides`` of None keep what the store has from earlier builds; a value replaces it
    (an empty list or ``""`` removes them).
    """

    alias_files: Sequence[str | Path] = ()
    actor_files: Sequence[str | Path] = ()
    source_files: Sequence[str | Path] = ()
    columns: Columns | None = None
    workers: int = 1
    progress: bool = True
    baselines: Sequence[str] | None = None
    overrides: str | Path | None = None
    fusion: FusionConfig = field(default_factory=FusionConfig)
    radius_km: float = DEFAULT_RADIUS_KM
    dates: Sequence[str] = ()
    every: str | None = None
    db: str | None = None
    """A PostgreSQL/PostGIS URL for the store (None: ``store.sqlite`` in the build folder)."""
    scheduler: str | None = None
    """A Dask scheduler for extraction: ``local`` or ``tcp://HOST:PORT`` (None: this machine's processes)."""
    every_change: bool = True
    """Write maps/, geojson/ and zones/ files for every date where control changed (else only ``dates`` and
    ``every``: a corpus of years has thousands of change dates)."""


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build read and wrote."""

    documents: int
    new: int
    claims: int
    places: int
    intervals: int
    changes: int
    unresolved: int
    set_aside: int
    out: Path
    problems: tuple[Problem, ...] = ()
    maps: int = 0
    """Per-date maps written for the dates where control changed (0 when only the dates asked)."""

    def __str__(self) -> str:
        seen = self.documents - self.new
        lines = [f"read {plural(self.documents, 'report')} ({self.new} new, {seen} already in the store): "
                 f"{plural(self.claims, 'control claim')} in all; {plural(self.places, 'place')}, "
                 f"{plural(self.intervals, 'interval')}, {plural(self.changes, 'change')} of control; "
                 f"wrote {self.out}/"]
        if self.set_aside:
            lines.append(f"set aside {self.set_aside} reports with no publication date (listed in "
                         f"{self.out}/set_aside.csv)")
        if self.unresolved:
            lines.append(f"{self.unresolved} names used as places resolve nowhere (listed in "
                         f"{self.out}/unresolved.csv)")
        if self.maps > 300:
            lines.append(f"wrote a map for each of {self.maps} dates: for years of reporting, "
                         "--snapshots asked --every 1M writes one a month, much faster")
        skipped = sum(p.skipped for p in self.problems)
        if self.problems:
            lines.append(f"skipped {skipped} inputs, {len(self.problems) - skipped} warnings (listed in "
                         f"{self.out}/report.json)")
        return "\n".join(lines)


def _extraction_key(opts: BuildOptions) -> str:
    """What the stored claims depend on besides the reports: the version and the user's data files."""
    h = hashlib.blake2b(digest_size=12)
    h.update(__version__.encode())
    for f in (*opts.alias_files, *opts.actor_files):
        h.update(Path(f).read_bytes())
    return h.hexdigest()


class _LazyGazetteer:
    def __init__(self, alias_files: Sequence[str | Path]) -> None:
        self._files = alias_files
        self._gaz: Any = None

    def __call__(self) -> Any:
        if self._gaz is None:
            from gazetteer import load_gazetteer

            self._gaz = load_gazetteer(self._files)
        return self._gaz


def build(inputs: Sequence[str | Path], out: Path, options: BuildOptions | None = None, *,
          log: Callable[[str], None] | None = None) -> BuildSummary:
    """Read the reports of ``inputs`` into the store of ``out`` and write the model's outputs there."""
    with folder_lock(out):
        removed = remove_stale_temporaries(out)
        if removed and log:
            log(f"removed {removed} temporary files an interrupted build left in {out}")
        return _build(inputs, out, options or BuildOptions(), log)


def _build(inputs: Sequence[str | Path], out: Path, opts: BuildOptions,
           log: Callable[[str], None] | None) -> BuildSummary:
    say = log or (lambda _msg: None)
    read_log = ReadLog()
    gaz = _LazyGazetteer(opts.alias_files)
    with Store(opts.db or out / STORE_NAME) as store, extraction_pool(opts.alias_files, opts.actor_files,
                                                           workers=opts.workers, scheduler=opts.scheduler) as pool:
        key = _extraction_key(opts)
        if store.get_meta("extraction") not in (None, key) and store.count("documents"):
            ids = store.document_ids()
            say(f"the extraction changed (version or alias/actor files): reading the {len(ids)} stored reports again")
            store.clear_extraction()
            for batch in batched(ids, BATCH):
                old = list(store.documents(batch))
                store.add(old, pool.map(old))
        n_docs, n_new = _extract_new(store, pool, iter_documents(inputs, opts.columns, log=read_log), opts.progress)
        if not n_docs and read_log.skipped:
            write_report(out, inputs, read_log, None, 0)
            first = read_log.skipped[0]
            raise NothingReadError(f"nothing could be read ({len(read_log.skipped)} inputs skipped, listed in "
                                   f"{out}/report.json); first: {first}", read_log.problems)
        pool.close()  # the workers' memory is free for the model
        store.set_meta("extraction", key)
        if opts.baselines is not None:
            for spec in opts.baselines:  # fail before storing a baseline that cannot be read
                load_baseline(spec, actors=_actor_ids(opts.actor_files))
            store.set_baselines(opts.baselines)
        if opts.overrides is not None:
            overrides = _read_overrides(opts.overrides, gaz, opts.actor_files) if str(opts.overrides) else []
            store.set_overrides(overrides)
        model, claims = fuse(store, opts, gaz)
        store.set_model(model.places, model.intervals())
        territory = Territory(model.places, radius_km=opts.radius_km)
        changes = model.changes_between("0001-01-01", "9999-12-30")
        _write_outputs(store, model, claims, changes, territory, out)
        extra = list(opts.dates)
        changed = model.dates()
        if opts.every and changed:
            extra += every_dates(opts.every, changed[0], changed[-1])
        site = write_site(model, territory, out, extra_dates=extra, progress=opts.progress,
                          every_change=opts.every_change)
        store.set_zones(site["zones"])
        write_report(out, inputs, read_log, store, n_new)
        return BuildSummary(documents=n_docs, new=n_new, claims=store.count("claims"),
                            places=model.intervals()["place_id"].nunique(), intervals=len(model),
                            changes=len(changes), unresolved=int(store.unresolved()["name"].nunique()),
                            set_aside=len(store.set_aside()), out=out, problems=tuple(read_log.problems),
                            maps=site["dates"] if opts.every_change else 0)


def write_report(out: Path, inputs: Sequence[str | Path], read_log: ReadLog, store: Store | None, new: int) -> None:
    """``report.json``: what the build read, skipped (and why), warned about, set aside and could not place.

    It holds no timestamp: the same inputs give the same bytes.
    """
    report: dict[str, Any] = {
        "mapper": __version__,
        "inputs": [str(i) for i in inputs],
        "reports": {"in_store": store.count("documents") if store else 0, "new": new},
        "skipped": [{"input": p.where, "reason": p.message} for p in read_log.skipped],
        "warnings": [{"input": p.where, "warning": p.message} for p in read_log.warnings],
        "set_aside": [], "unresolved": [],
    }
    if store is not None:
        report["set_aside"] = [{"report": r.doc_id, "reason": r.reason} for r in store.set_aside().itertuples()]
        names = store.unresolved()
        if not names.empty:
            counts = names.groupby("name").agg(mentions=("doc_id", "size"), reports=("doc_id", "nunique"))
            report["unresolved"] = [{"name": n, "mentions": int(r.mentions), "reports": int(r.reports)}
                                    for n, r in counts.sort_values(["mentions"], ascending=False, kind="stable")
                                    .iterrows()]
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / "report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")


_EVERY = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


def parse_every(every: str) -> tuple[int, str]:
    """A step (``7D``, ``2W``, ``1M``, ``1Y``) as (number, unit D/W/M/Y).

    >>> parse_every("2w")
    (2, 'W')
    """
    m = _EVERY.match(every)
    if not m or int(m.group(1)) == 0:
        raise InputError(f"--every {every!r} is not a step: use a number and D, W, M or Y (7D, 2W, 1M, 1Y)")
    return int(m.group(1)), m.group(2).upper()


def every_dates(every: str, first: dt.date, last: dt.date) -> list[str]:
    """Dates at a fixed step from ``first`` to ``last``: ``7D``, ``2W``, ``1M`` (1st of each month) or ``1Y``
    (1 January). Months and years start at the first of the month or year on or after ``first``.

    >>> every_dates("1M", dt.date(2016, 4, 15), dt.date(2016, 7, 2))
    ['2016-05-01', '2016-06-01', '2016-07-01']
    >>> every_dates("10d", dt.date(2016, 4, 15), dt.date(2016, 5, 5))
    ['2016-04-15', '2016-04-25', '2016-05-05']
    """
    n, unit = parse_every(every)
    out: list[str] = []
    if unit in "DW":
        step = dt.timedelta(days=n * (7 if unit == "W" else 1))
        day = first
        while day <= last:
            out.append(day.isoformat())
            day += step
        return out
    months = n * (12 if unit == "Y" else 1)
    year, month = first.year, first.month
    if unit == "Y":
        month = 1
    if dt.date(year, month, 1) < first:
        month += 12 if unit == "Y" else 1
    while True:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        day = dt.date(year, month, 1)
        if day > last:
            return out
        out.append(day.isoformat())
        month += months


def _extract_new(store: Store, pool: ExtractionPool, docs: Iterable[Document], progress: bool) -> tuple[int, int]:
    """Extract the reports the store has not seen (or has seen with other content), one batch at a time, and
    store each batch in one transaction. Returns (reports read, reports new)."""
    from tqdm import tqdm

    known = store.known()
    n_docs = n_new = 0
    # Shown once reading takes more than 10 s (the number of reports is not known before they are read).
    with tqdm(desc="reports", unit="doc", disable=not progress, delay=10) as bar:
        # The workers read the next batch while this one is stored.
        pending: tuple[list[Document], Callable[[], list[DocumentResult]]] | None = None
        for batch in batched(docs, BATCH):
            n_docs += len(batch)
            new = [d for d in batch if known.get(d.id) != document_hash(d)]
            started = (new, pool.submit(new)) if new else None
            known.update((d.id, document_hash(d)) for d in new)
            if pending is not None:
                store.add(pending[0], pending[1]())
                n_new += len(pending[0])
            pending = started
            bar.update(len(batch))
        if pending is not None:
            store.add(pending[0], pending[1]())
            n_new += len(pending[0])
    return n_docs, n_new


def _actor_ids(actor_files: Sequence[str | Path]) -> tuple[str, ...]:
    from .actors import load_actors

    return load_actors(actor_files).ids


def _read_overrides(path: str | Path, gaz: _LazyGazetteer, actor_files: Sequence[str | Path]) -> list[Override]:
    from .actors import load_actors

    def resolve(name: str) -> str | None:
        res = gaz().resolve(name)
        return None if res.match is None else str(res.match.place.id)

    return load_overrides(path, resolve=resolve, actors=load_actors(actor_files).ids)


def fuse(store: Store, opts: BuildOptions, gaz: Callable[[], Any]) -> tuple[ControlModel, pd.DataFrame]:
    """The control model of everything in the store; also the claims it was fused from (areas expanded)."""
    claims = store.claims()
    if not claims.empty and (claims["area"].fillna("") != "").any():
        claims = pd.concat([claims.assign(origin="report"),
                            expand_areas(claims, universe_from_places(gaz().places))], ignore_index=True)
    baseline: list[Observation] = []
    tables = []
    for spec in store.baselines():
        user_file = spec.split("@")[0] not in BUNDLED
        obs, table = load_baseline(spec, resolver=gazetteer_resolver(gaz()) if user_file else None,
                                   actors=_actor_ids(opts.actor_files))
        baseline.extend(obs)
        tables.append(table)
    overrides = store.overrides()
    if not claims.empty:
        tables.insert(0, claims.rename(columns={"place": "name"})[["place_id", "name", "lat", "lon", "country"]])
    known = {pid for t in tables for pid in t["place_id"]}
    extra = [o.place_id for o in overrides if o.place_id not in known]
    if extra:
        g = gaz()
        rows = [(p.id, p.name, p.lat, p.lon, p.country) for p in (g.get(pid) for pid in extra if pid in g)]
        tables.append(pd.DataFrame(rows, columns=["place_id", "name", "lat", "lon", "country"]))
    places: pd.DataFrame | None = None
    if tables:
        places = (pd.concat(tables, ignore_index=True).drop_duplicates("place_id").sort_values("place_id")
                  .reset_index(drop=True))
    model = ControlModel.from_claims(claims, baseline=baseline, overrides=overrides, config=opts.fusion,
                                     sources=load_sources(opts.source_files), places=places)
    return model, claims


def open_model(folder: str | Path, db: str | None = None) -> ControlModel:
    """The control model a build left in ``folder`` (or in the database ``db``)."""
    target: str | Path = db or Path(folder) / STORE_NAME
    if db is None and not Path(target).exists():
        raise NoBuildError(f"no build in {folder}: run `mapper build INPUT... --out {folder}` first")
    with Store(target) as store:
        return ControlModel(store.intervals(), store.places())


def area_table(model: ControlModel, territory: Territory) -> pd.DataFrame:
    """km² per class (actor or ``contested``) on each date where control changed: date, zone, km2."""
    rows = []
    for day in model.dates():
        state = model.state_at(day)
        for zone, km2 in territory.areas(state).items():
            rows.append((day.isoformat(), zone, km2))
    return pd.DataFrame(rows, columns=["date", "zone", "km2"])


def _csv(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def _write_outputs(store: Store, model: ControlModel, claims: pd.DataFrame, changes: pd.DataFrame,
                   territory: Territory, out: Path) -> None:
    from .charts import area_chart_png

    reports = claims[claims["origin"] == "report"].drop(columns="origin") if "origin" in claims else claims
    atomic_write_text(out / "claims.csv", _csv(reports))
    atomic_write_text(out / "unresolved.csv", _csv(store.unresolved()))
    atomic_write_text(out / "set_aside.csv", _csv(store.set_aside()))
    with atomic_open(out / "mentions.csv") as fh:  # streamed: a large corpus has millions of mentions
        header = True
        for frame in store.mention_frames():
            frame.to_csv(fh, index=False, header=header, lineterminator="\n")
            header = False
        if header:
            fh.write(",".join(MENTION_COLUMNS) + "\n")
    atomic_write_text(out / "places.geojson", _places_geojson(store))
    intervals = model.intervals().merge(model.places, on="place_id", how="left")
    atomic_write_text(out / "intervals.csv", _csv(intervals))
    atomic_write_text(out / "changes.csv", _csv(changes))
    areas = area_table(model, territory)
    atomic_write_text(out / "areas.csv", _csv(areas))
    atomic_write_bytes(out / "areas.png", area_chart_png(areas))


def write_gpkg(path: Path, layers: dict[str, Any], geometry_types: dict[str, str] | None = None) -> None:
    """Write GeoDataFrames as the layers of one GeoPackage, atomically (a temporary file, then renamed).

    ``geometry_types`` names a layer's geometry type (``MultiLineString``), so that an empty layer still has one.
    """
    import os
    import tempfile

    from ._io import OutputError

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gpkg", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        for name, frame in layers.items():
            kind = (geometry_types or {}).get(name)
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio",
                          **({"geometry_type": kind, "promote_to_multi": kind.startswith("Multi")} if kind else {}))
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _places_geojson(store: Store) -> str:
    features = []
    for pid, name, country, admin1, kind, lat, lon, docs in store.mentioned_places():
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {"place_id": pid, "name": name, "country": country, "admin1": admin1, "kind": kind,
                           "documents": docs},
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"

"""Baseline snapshots: a known map at a date, which reports then update.

A baseline is a CSV or GeoJSON of places with who holds them: columns (or properties) ``place`` (or
``name``), ``actor``, and optionally ``place_id``, ``lat``/``lon`` (or a Point geometry), ``status``
(``controlled`` by default, or ``contested``; ``a+b`` in ``actor`` for a place contested between two
actors), ``country`` and ``date``. Give the date of the whole map with ``FILE@YYYY-MM-DD`` when rows have no
``date``. Places are matched to the gazetteer by ``place_id`` when known, else by name near the given
coordinates.

The bundled baseline ``wikipedia-2017`` is the Wikipedia detailed maps of the Syrian (July 2017) and Iraqi
(August 2017) wars (CC BY-SA, Wikipedia contributors), rebuilt by ``tools/build_baseline.py``.

Examples
--------
>>> obs, places = load_baseline("wikipedia-2017")
>>> len(obs) > 6000, sorted({o.origin for o in obs})
(True, ['baseline'])
>>> held = {(o.place_id, o.actor) for o in obs}
>>> ("gn:174448", "isis") in held, ("gn:169138", "tfsa") in held  # Abu Kamal, al-Rai (Euphrates Shield)
(True, True)
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
from collections.abc import Callable, Collection
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import MapperError
from .claims import STATUSES
from .model import Observation

__all__ = ["BASELINE_CONFIDENCE", "BUNDLED", "BaselineError", "gazetteer_resolver", "load_baseline"]

#: The confidence of a baseline mark: a good map, but not a report of the day.
BASELINE_CONFIDENCE = 0.7
#: Baselines shipped with the package, by name.
BUNDLED = {"wikipedia-2017": "data/baseline_wikipedia_2017.csv.gz"}



class BaselineError(MapperError):
    """A baseline file that cannot be used."""


#: Resolves (name, lat, lon, country) to a gazetteer place id, or None.
Resolver = Callable[[str, float | None, float | None, str], "tuple[str, str, float, float, str] | None"]


def _read_table(path: Path) -> pd.DataFrame:
    suffix = "".join(path.suffixes[-2:]).lower()
    try:
        if suffix.endswith((".geojson", ".json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = []
            for f in data.get("features", []):
                props = dict(f.get("properties") or {})
                geom = f.get("geometry") or {}
                if geom.get("type") == "Point":
                    props.setdefault("lon", geom["coordinates"][0])
                    props.setdefault("lat", geom["coordinates"][1])
                rows.append(props)
            return pd.DataFrame(rows)
        if suffix.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return pd.read_csv(fh, dtype=str, keep_default_na=False)
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, json.JSONDecodeError) as e:
        raise BaselineError(f"cannot read baseline {path}: {e}") from None


def _bundled_table(name: str) -> pd.DataFrame:
    data = resources.files("mapper").joinpath(BUNDLED[name]).read_bytes()
    return pd.read_csv(io.StringIO(gzip.decompress(data).decode("utf-8")), dtype=str, keep_default_na=False)


def _fallback_id(name: str, lat: float | None, lon: float | None) -> str:
    key = f"{name}|{lat}|{lon}".encode()
    return "baseline:" + hashlib.blake2b(key, digest_size=6).hexdigest()


def load_baseline(spec: str | Path, *, resolver: Resolver | None = None,
                  confidence: float = BASELINE_CONFIDENCE,
                  actors: Collection[str] | None = None) -> tuple[list[Observation], pd.DataFrame]:
    """Observations and a places table (place_id, name, lat, lon, country) from a baseline.

    ``spec`` is a bundled name (:data:`BUNDLED`) or a path, optionally followed by ``@YYYY-MM-DD``.
    ``resolver`` matches rows without a known ``place_id`` to the gazetteer. ``actors``, when given, are the
    actor ids a row may name (others are an error).
    """
    text = str(spec)
    date: dt.date | None = None
    if "@" in text:
        text, _, when = text.rpartition("@")
        try:
            date = dt.date.fromisoformat(when)
        except ValueError:
            raise BaselineError(f"baseline {spec}: {when!r} after '@' is not a date (use FILE@YYYY-MM-DD)") from None
    label = Path(text).name
    if text in BUNDLED:
        table = _bundled_table(text)
    else:
        path = Path(text)
        if not path.exists():
            raise BaselineError(f"baseline {text} not found: give a CSV or GeoJSON file, or one of "
                                f"{', '.join(BUNDLED)}")
        table = _read_table(path)
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "place" not in table.columns and "name" in table.columns:
        table = table.rename(columns={"name": "place"})
    missing = [c for c in ("place", "actor") if c not in table.columns]
    if missing:
        raise BaselineError(f"baseline {label}: missing column(s) {', '.join(missing)}; a baseline needs place "
                            f"and actor (and place_id or lat/lon to place it, date or FILE@DATE)")
    if "date" not in table.columns and date is None:
        raise BaselineError(f"baseline {label} has no date column: give its date as {label}@YYYY-MM-DD")
    obs: list[Observation] = []
    places: list[tuple[str, str, float, float, str]] = []
    for n, row in enumerate(table.to_dict("records"), start=2):
        name = str(row.get("place") or "").strip()
        actor_field = str(row.get("actor") or "").strip()
        if not name or not actor_field:
            continue
        lat = _float(row.get("lat"), label, n)
        lon = _float(row.get("lon"), label, n)
        country = str(row.get("country") or "").strip().upper()
        day_text = str(row.get("date") or "").strip()
        try:
            day: dt.date | None = dt.date.fromisoformat(day_text) if day_text else date
        except ValueError:
            raise BaselineError(f"baseline {label}, row {n}: date {day_text!r} is not YYYY-MM-DD") from None
        assert day is not None
        status = str(row.get("status") or "controlled").strip().lower()
        if status not in STATUSES:
            raise BaselineError(f"baseline {label}, row {n}: status {status!r} is not one of {', '.join(STATUSES)}")
        pid = str(row.get("place_id") or "").strip()
        resolved = None
        if resolver is not None and (not pid or pid.startswith("baseline:")):
            resolved = resolver(name, lat, lon, country)
        if resolved is not None:
            pid, name, lat, lon, country = resolved
        elif not pid:
            if lat is None or lon is None:
                raise BaselineError(f"baseline {label}, row {n}: {name!r} is not in the gazetteer and has no "
                                    f"lat/lon: add coordinates or a place_id")
            pid = _fallback_id(name, lat, lon)
        holders = [a.strip().lower() for a in actor_field.split("+") if a.strip()]
        unknown = [a for a in holders if actors is not None and a not in actors]
        if unknown:
            raise BaselineError(f"baseline {label}, row {n}: unknown actor {unknown[0]!r}; known: "
                                f"{', '.join(sorted(actors or ()))} (add one with --actors FILE)")
        if len(holders) > 1:
            status = "contested"
        note = str(row.get("note") or "").strip()
        evidence = f"Baseline map {label} on {day.isoformat()}" + (f" ({note})" if note else "")
        for actor in holders:
            cid = f"baseline:{label}:{n}:{actor}"
            obs.append(Observation(pid, day, actor, status, confidence, cid, origin="baseline", key=cid,
                                   evidence=evidence, source=label, doc_id=f"baseline:{label}"))
        if lat is not None and lon is not None:
            places.append((pid, name, lat, lon, country))
    table_out = pd.DataFrame(places, columns=["place_id", "name", "lat", "lon", "country"])
    return obs, table_out.drop_duplicates("place_id").reset_index(drop=True)


def _float(value: Any, label: str, n: int) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BaselineError(f"baseline {label}, row {n}: {value!r} is not a number") from None


def gazetteer_resolver(gaz: Any, *, max_km: float = 5.0) -> Resolver:
    """A :data:`Resolver` backed by a :class:`gazetteer.Gazetteer`: with coordinates, the place of that name
    nearest to them (within ``max_km``); without, the gazetteer's best resolution of the name."""
    from gazetteer.geo import haversine_km

    def resolve(name: str, lat: float | None, lon: float | None, country: str) -> tuple[str, str, float, float,
                                                                                        str] | None:
        if lat is None or lon is None:
            res = gaz.resolve(name)
            if res.match is None:
                return None
            p = res.match.place
            return p.id, p.name, p.lat, p.lon, p.country
        best = None
        for idx, _level, _score, _matched in gaz.candidates(name, fuzzy=False):
            p = gaz.places[idx]
            d = haversine_km(lat, lon, p.lat, p.lon)
            if d <= max_km and (best is None or d < best[0]):
                best = (d, p)
        if best is None:
            return None
        p = best[1]
        return p.id, p.name, p.lat, p.lon, p.country

    return resolve

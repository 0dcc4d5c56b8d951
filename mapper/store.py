"""The store of a build: reports, claims, mentions, overrides, the timelines and the zones.

``mapper build`` keeps it in ``DIR/store.sqlite`` (SQLite, embedded), or with ``--db postgresql://...`` in a
PostgreSQL database with PostGIS, which several analysts share and QGIS reads directly (the ``places`` table
and the ``intervals_geo`` view have point geometries, ``zones`` has the control zones of each map date).

A report is known by its id and a hash of its text and metadata: a build extracts only the reports it has not
seen (or whose text changed), so adding reports does not re-read the old ones, and running it again on the
same reports changes nothing. The store keeps each report's text, so when the extraction itself changes (a new
version, other alias or actor files) the stored reports are extracted again without their files.

Every write is one transaction: an interrupted build leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import MapperError
from ._plain import plain
from .claims import CLAIM_COLUMNS
from .documents import Document
from .extract import DocumentResult
from .model import INTERVAL_COLUMNS, Override, claim_id

__all__ = ["MENTION_COLUMNS", "STORE_NAME", "Store", "StoreError", "document_hash"]

STORE_NAME = "store.sqlite"
SCHEMA_VERSION = "1"
MENTION_COLUMNS = ("doc_id", "start", "end", "written_as", "place_id", "name", "lat", "lon", "country",
                   "admin1", "kind", "score")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha TEXT NOT NULL, published TEXT, source TEXT, title TEXT, url TEXT, path TEXT,
    narrative INTEGER, period TEXT, text BLOB, set_aside TEXT);
CREATE TABLE IF NOT EXISTS claims (claim_id TEXT PRIMARY KEY, {", ".join(f'"{c}"' for c in CLAIM_COLUMNS)});
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
CREATE TABLE IF NOT EXISTS mentions ({", ".join(f'"{c}"' for c in MENTION_COLUMNS)});
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS unresolved (doc_id TEXT, name TEXT, start INTEGER, "end" INTEGER, sentence TEXT);
CREATE INDEX IF NOT EXISTS unresolved_doc ON unresolved(doc_id);
CREATE TABLE IF NOT EXISTS overrides (place_id TEXT, actor TEXT, start TEXT, "end" TEXT, status TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS baselines (spec TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS places (place_id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT);
CREATE TABLE IF NOT EXISTS intervals ({", ".join(f'"{c}"' for c in INTERVAL_COLUMNS)});
CREATE TABLE IF NOT EXISTS zones (date TEXT, zone TEXT, area_km2 REAL, places INTEGER, wkt TEXT);
"""

#: Column types in PostgreSQL (SQLite keeps what it is given); others are TEXT.
_PG_TYPES = {
    "claims": {"lat": "DOUBLE PRECISION", "lon": "DOUBLE PRECISION", "confidence": "DOUBLE PRECISION",
               "start": "INTEGER", "end": "INTEGER"},
    "mentions": {"start": "INTEGER", "end": "INTEGER", "lat": "DOUBLE PRECISION", "lon": "DOUBLE PRECISION",
                 "score": "DOUBLE PRECISION"},
    "intervals": {"confidence": "DOUBLE PRECISION", "reports": "INTEGER"},
}


def _pg_columns(table: str, columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}" {_PG_TYPES.get(table, {}).get(c, "TEXT")}' for c in columns)


_PG_SCHEMA = f"""
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha TEXT NOT NULL, published TEXT, source TEXT, title TEXT, url TEXT, path TEXT,
    narrative INTEGER, period TEXT, text BYTEA, set_aside TEXT);
CREATE TABLE IF NOT EXISTS claims (claim_id TEXT PRIMARY KEY, {_pg_columns("claims", CLAIM_COLUMNS)});
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
CREATE TABLE IF NOT EXISTS mentions ({_pg_columns("mentions", MENTION_COLUMNS)});
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS unresolved (doc_id TEXT, name TEXT, start INTEGER, "end" INTEGER, sentence TEXT);
CREATE INDEX IF NOT EXISTS unresolved_doc ON unresolved(doc_id);
CREATE TABLE IF NOT EXISTS overrides (place_id TEXT, actor TEXT, start TEXT, "end" TEXT, status TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS baselines (pos SERIAL, spec TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS places (place_id TEXT PRIMARY KEY, name TEXT, lat DOUBLE PRECISION,
    lon DOUBLE PRECISION, country TEXT,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED);
CREATE TABLE IF NOT EXISTS intervals ({_pg_columns("intervals", INTERVAL_COLUMNS)});
CREATE INDEX IF NOT EXISTS intervals_place ON intervals(place_id);
CREATE OR REPLACE VIEW intervals_geo AS
    SELECT i.*, p.name, p.country, p.geom FROM intervals i JOIN places p USING (place_id);
CREATE TABLE IF NOT EXISTS zones (date TEXT, zone TEXT, area_km2 DOUBLE PRECISION, places INTEGER,
    geom geometry(MultiPolygon, 4326));
CREATE INDEX IF NOT EXISTS zones_date ON zones(date);
"""


class _Connection:
    """SQLite or PostgreSQL behind one small interface: ``?`` placeholders, transactions, upserts."""

    def __init__(self, target: str | Path) -> None:
        self.postgres = isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))
        self.target = target
        if self.postgres:
            try:
                import psycopg
            except ImportError:
                raise StoreError("--db postgresql://... needs psycopg: pip install 'territory-mapper[postgis]'") \
                    from None
            self._db: Any = psycopg.connect(str(target), autocommit=True)
            self._tx_depth = 0
            with self._db.transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(4127)")  # two builds creating the schema at once
                for statement in _PG_SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
        else:
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.executescript(_SCHEMA)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.postgres:
            with self._db.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self._db.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.postgres:
            with self._db.transaction():
                yield
        else:
            with self._db:
                yield

    def upsert(self, table: str, key: str, columns: Sequence[str]) -> str:
        """An INSERT that replaces the row with the same ``key``."""
        marks = ", ".join("?" * len(columns))
        if not self.postgres:
            return f"INSERT OR REPLACE INTO {table} VALUES ({marks})"
        names = ", ".join(f'"{c}"' for c in columns)
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c != key)
        return f'INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ("{key}") DO UPDATE SET {sets}'

    def close(self) -> None:
        self._db.close()


class StoreError(MapperError):
    """A store that cannot be opened or used."""


def _redact(target: str) -> str:
    """A database URL without its password."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", target)


def document_hash(doc: Document) -> str:
    """What identifies a report's content: its text and the metadata that dates and sources its claims."""
    h = hashlib.blake2b(digest_size=16)
    for part in (doc.text, str(doc.published), doc.source, doc.title, doc.url, str(doc.narrative), doc.period):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


class Store:
    """A build's store: a SQLite file (a path), or a PostgreSQL/PostGIS database (a ``postgresql://`` URL).
    Use as a context manager, or call :meth:`close`."""

    def __init__(self, target: str | Path) -> None:
        self.path = target if isinstance(target, str) and "://" in target else Path(target)
        where = _redact(str(self.path))
        try:
            self._db = _Connection(self.path)
            version = self.get_meta("schema")
        except StoreError:
            raise
        except Exception as e:  # sqlite3.Error, OSError, psycopg.Error: all say the store cannot be opened
            hint = ("check the URL, that the server runs and that PostGIS is installed" if isinstance(self.path, str)
                    else "remove it to start afresh")
            raise StoreError(f"cannot open the store {where}: {str(e).strip().splitlines()[0]}; {hint}") from None
        if version is None:
            self.set_meta("schema", SCHEMA_VERSION)
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{where} was written by another version of territory-mapper (schema {version}); "
                             f"remove it, or build into a new folder")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- meta ---------------------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._db.transaction():
            self._db.execute(self._db.upsert("meta", "key", ("key", "value")), (key, value))

    # -- reports ------------------------------------------------------------------------------------------

    def known(self) -> dict[str, str]:
        """doc_id -> content hash of every stored report."""
        return {r[0]: r[1] for r in self._db.execute("SELECT doc_id, sha FROM documents")}

    def add(self, docs: Sequence[Document], results: Sequence[DocumentResult]) -> None:
        """Store reports and what extraction found in them, replacing earlier versions (one transaction)."""
        with self._db.transaction():
            for doc, res in zip(docs, results, strict=True):
                self._delete(doc.id)
                self._db.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, document_hash(doc), doc.published.isoformat() if doc.published else None, doc.source,
                     doc.title, doc.url, doc.path, int(doc.narrative), doc.period,
                     zlib.compress(doc.text.encode("utf-8", "surrogatepass")), res.set_aside))
                rows = []
                for c in res.claims:
                    d = c.to_dict()
                    cid = claim_id(c.doc_id, c.place_id, c.actor, c.status, d["date"], c.evidence.start)
                    rows.append((cid, *(d[k] for k in CLAIM_COLUMNS)))
                self._db.executemany(self._db.upsert("claims", "claim_id", ("claim_id", *CLAIM_COLUMNS)), rows)
                self._db.executemany(
                    f"INSERT INTO mentions VALUES ({', '.join('?' * len(MENTION_COLUMNS))})",
                    [(doc.id, r.start, r.end, r.text, r.place.id, r.place.name, r.place.lat, r.place.lon,
                      r.place.country, r.place.admin1, r.place.kind, round(r.score, 4))
                     for r in res.places if r.place.kind != "country"])
                self._db.executemany("INSERT INTO unresolved VALUES (?, ?, ?, ?, ?)",
                                     [(u.doc_id, u.name, u.start, u.end, u.sentence) for u in res.unresolved])

    def _delete(self, doc_id: str) -> None:
        for table in ("documents", "claims", "mentions", "unresolved"):
            self._db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def clear_extraction(self) -> None:
        """Forget every claim, mention and unresolved name (before extracting the stored reports again)."""
        with self._db.transaction():
            for table in ("claims", "mentions", "unresolved"):
                self._db.execute(f"DELETE FROM {table}")

    def document_ids(self) -> list[str]:
        """The ids of the stored reports, in order."""
        return [r[0] for r in self._db.execute("SELECT doc_id FROM documents ORDER BY doc_id")]

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """The stored reports (those of ``ids``, else all), in id order."""
        sql = "SELECT doc_id, published, source, title, url, path, narrative, period, text FROM documents"
        params: tuple[str, ...] = ()
        if ids is not None:
            sql += f" WHERE doc_id IN ({', '.join('?' * len(ids))})"
            params = tuple(ids)
        for row in self._db.execute(sql + " ORDER BY doc_id", params).fetchall():
            yield Document(id=row[0], text=zlib.decompress(row[8]).decode("utf-8", "surrogatepass"),
                           published=dt.date.fromisoformat(row[1]) if row[1] else None, source=row[2] or "",
                           title=row[3] or "", url=row[4] or "", path=row[5] or "", narrative=bool(row[6]),
                           period=row[7] or "")

    def count(self, table: str) -> int:
        if table not in ("documents", "claims", "mentions", "unresolved", "intervals", "overrides"):
            raise ValueError(table)
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # -- tables -------------------------------------------------------------------------------------------

    def _frame(self, sql: str) -> pd.DataFrame:
        cur = self._db.execute(sql)
        cols = [d[0] for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=cols)

    def claims(self) -> pd.DataFrame:
        """Every stored claim (``claim_id`` and the :data:`~mapper.claims.CLAIM_COLUMNS`), in a stable order."""
        return self._frame("SELECT * FROM claims ORDER BY doc_id, start, place_id, claim_id")

    def mentions(self) -> pd.DataFrame:
        return self._frame('SELECT * FROM mentions ORDER BY doc_id, start, "end"')

    def mention_frames(self, size: int = 50_000) -> Iterator[pd.DataFrame]:
        """:meth:`mentions` in frames of ``size`` rows (a large corpus has millions)."""
        cur = self._db.execute('SELECT * FROM mentions ORDER BY doc_id, start, "end"')
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(size):
            yield pd.DataFrame(rows, columns=cols)

    def mentioned_places(self) -> Iterator[tuple[Any, ...]]:
        """Each place mentioned: place_id, name, country, admin1, kind, lat, lon and the sorted ids of the
        reports that mention it."""
        concat = "string_agg(doc_id, chr(31))" if self._db.postgres else "group_concat(doc_id, char(31))"
        for row in self._db.execute("SELECT place_id, MIN(name), MIN(country), MIN(admin1), MIN(kind), MIN(lat), "
                                    f"MIN(lon), {concat} FROM mentions GROUP BY place_id ORDER BY place_id"):
            yield (*row[:7], sorted(set(row[7].split("\x1f"))) if row[7] else [])

    def unresolved(self) -> pd.DataFrame:
        return self._frame('SELECT doc_id, name, start, "end", sentence FROM unresolved ORDER BY doc_id, start')

    def set_aside(self) -> pd.DataFrame:
        return self._frame("SELECT doc_id, set_aside AS reason FROM documents WHERE set_aside != '' ORDER BY doc_id")

    # -- overrides and baselines --------------------------------------------------------------------------

    def set_overrides(self, overrides: Iterable[Override]) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM overrides")
            self._db.executemany("INSERT INTO overrides VALUES (?, ?, ?, ?, ?, ?)",
                                 [(o.place_id, o.actor, o.start.isoformat(), o.end.isoformat() if o.end else None,
                                   o.status, o.note) for o in overrides])

    def overrides(self) -> list[Override]:
        return [Override(r[0], r[1], dt.date.fromisoformat(r[2]), dt.date.fromisoformat(r[3]) if r[3] else None,
                         r[4], r[5] or "")
                for r in self._db.execute('SELECT * FROM overrides ORDER BY place_id, start, "end"')]

    def set_baselines(self, specs: Iterable[str]) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM baselines")
            self._db.executemany("INSERT INTO baselines (spec) VALUES (?)", [(s,) for s in specs])

    def baselines(self) -> list[str]:
        order = "pos" if self._db.postgres else "rowid"
        return [r[0] for r in self._db.execute(f"SELECT spec FROM baselines ORDER BY {order}")]

    # -- timelines ----------------------------------------------------------------------------------------

    def set_model(self, places: pd.DataFrame, intervals: pd.DataFrame) -> None:
        """Replace the places and the timelines, in one transaction (a reader never sees one without the other)."""
        cols = ["place_id", "name", "lat", "lon", "country"]
        place_rows = [tuple(plain(v) for v in r) for r in places[cols].itertuples(index=False)]
        rows = [tuple(plain(v) for v in r) for r in intervals[list(INTERVAL_COLUMNS)].itertuples(index=False)]
        with self._db.transaction():
            self._db.execute("DELETE FROM places")
            self._db.executemany(self._db.upsert("places", "place_id", cols), place_rows)
            self._db.execute("DELETE FROM intervals")
            self._db.executemany(f"INSERT INTO intervals VALUES ({', '.join('?' * len(INTERVAL_COLUMNS))})", rows)

    def intervals(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM intervals ORDER BY place_id, start")

    def places(self) -> pd.DataFrame:
        return self._frame("SELECT place_id, name, lat, lon, country FROM places ORDER BY place_id")

    def set_zones(self, zones: Any) -> None:
        """Replace the control zones (a GeoDataFrame of date, zone, area_km2, places, geometry in EPSG:4326)."""
        import shapely

        rows = [(str(r.date), str(r.zone), float(r.area_km2), int(r.places),
                 shapely.to_wkt(shapely.geometry.MultiPolygon([g]) if g.geom_type == "Polygon" else g,
                                rounding_precision=6))
                for r, g in zip(zones.itertuples(index=False), zones.geometry, strict=True)
                if g is not None and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon")]
        geom = "ST_Multi(ST_GeomFromText(?, 4326))" if self._db.postgres else "?"
        with self._db.transaction():
            self._db.execute("DELETE FROM zones")
            self._db.executemany(f"INSERT INTO zones VALUES (?, ?, ?, ?, {geom})", rows)

    def zones(self) -> pd.DataFrame:
        """date, zone, area_km2, places and the geometry as WKT."""
        geom = "ST_AsText(geom) AS wkt" if self._db.postgres else "wkt"
        return self._frame(f"SELECT date, zone, area_km2, places, {geom} FROM zones ORDER BY date, zone")


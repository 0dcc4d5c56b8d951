"""The embedded store (SQLite) of a build folder: reports, claims, mentions, overrides and the timelines.

``mapper build`` keeps it in ``DIR/store.sqlite``. A report is known by its id and a hash of its text and
metadata: a build extracts only the reports it has not seen (or whose text changed), so adding reports
does not re-read the old ones, and running it again on the same reports changes nothing. The store keeps
each report's text, so when the extraction itself changes (a new version, other alias or actor files) the
stored reports are extracted again without their files.

Every write is one transaction: an interrupted build leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
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
"""


class StoreError(MapperError):
    """A store that cannot be opened or used."""


def document_hash(doc: Document) -> str:
    """What identifies a report's content: its text and the metadata that dates and sources its claims."""
    h = hashlib.blake2b(digest_size=16)
    for part in (doc.text, str(doc.published), doc.source, doc.title, doc.url, str(doc.narrative), doc.period):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


class Store:
    """A build folder's store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.executescript(_SCHEMA)
            version = self.get_meta("schema")
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"cannot open the store {self.path}: {e}; remove it to start afresh") from None
        if version is None:
            self.set_meta("schema", SCHEMA_VERSION)
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by another version of territory-mapper (schema {version}); "
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
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reports ------------------------------------------------------------------------------------------

    def known(self) -> dict[str, str]:
        """doc_id -> content hash of every stored report."""
        return {r[0]: r[1] for r in self._db.execute("SELECT doc_id, sha FROM documents")}

    def add(self, docs: Sequence[Document], results: Sequence[DocumentResult]) -> None:
        """Store reports and what extraction found in them, replacing earlier versions (one transaction)."""
        with self._db:
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
                marks = ", ".join("?" * (len(CLAIM_COLUMNS) + 1))
                self._db.executemany(f"INSERT OR REPLACE INTO claims VALUES ({marks})", rows)
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
        with self._db:
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
        for row in self._db.execute("SELECT place_id, MIN(name), MIN(country), MIN(admin1), MIN(kind), MIN(lat), "
                                    "MIN(lon), group_concat(doc_id, char(31)) FROM mentions GROUP BY place_id "
                                    "ORDER BY place_id"):
            yield (*row[:7], sorted(set(row[7].split("\x1f"))) if row[7] else [])

    def unresolved(self) -> pd.DataFrame:
        return self._frame('SELECT doc_id, name, start, "end", sentence FROM unresolved ORDER BY doc_id, start')

    def set_aside(self) -> pd.DataFrame:
        return self._frame("SELECT doc_id, set_aside AS reason FROM documents WHERE set_aside != '' ORDER BY doc_id")

    # -- overrides and baselines --------------------------------------------------------------------------

    def set_overrides(self, overrides: Iterable[Override]) -> None:
        with self._db:
            self._db.execute("DELETE FROM overrides")
            self._db.executemany("INSERT INTO overrides VALUES (?, ?, ?, ?, ?, ?)",
                                 [(o.place_id, o.actor, o.start.isoformat(), o.end.isoformat() if o.end else None,
                                   o.status, o.note) for o in overrides])

    def overrides(self) -> list[Override]:
        return [Override(r[0], r[1], dt.date.fromisoformat(r[2]), dt.date.fromisoformat(r[3]) if r[3] else None,
                         r[4], r[5] or "")
                for r in self._db.execute('SELECT * FROM overrides ORDER BY place_id, start, "end"')]

    def set_baselines(self, specs: Iterable[str]) -> None:
        with self._db:
            self._db.execute("DELETE FROM baselines")
            self._db.executemany("INSERT INTO baselines VALUES (?)", [(s,) for s in specs])

    def baselines(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT spec FROM baselines ORDER BY rowid")]

    # -- timelines ----------------------------------------------------------------------------------------

    def set_model(self, places: pd.DataFrame, intervals: pd.DataFrame) -> None:
        """Replace the places and the timelines, in one transaction (a reader never sees one without the other)."""
        cols = ["place_id", "name", "lat", "lon", "country"]
        place_rows = [tuple(plain(v) for v in r) for r in places[cols].itertuples(index=False)]
        rows = [tuple(plain(v) for v in r) for r in intervals[list(INTERVAL_COLUMNS)].itertuples(index=False)]
        with self._db:
            self._db.execute("DELETE FROM places")
            self._db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?)", place_rows)
            self._db.execute("DELETE FROM intervals")
            self._db.executemany(f"INSERT INTO intervals VALUES ({', '.join('?' * len(INTERVAL_COLUMNS))})", rows)

    def intervals(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM intervals ORDER BY place_id, start")

    def places(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM places ORDER BY place_id")


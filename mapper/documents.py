"""Reports and their metadata: files and folders of ``.txt``, ``.md`` and ``.html`` reports, CSV tables of
reports and JSON lines.

A folder may hold a ``metadata.csv`` (``file, published, source, title, url``) that dates and names its
reports. A Markdown file may carry a YAML header (``title``, ``pubDate``/``date``, ``author``). A CSV of
reports has its columns found by common names (``text``/``article_content``/``content``,
``date``/``published``, ``id``, ``title``, ``source``, ``url``) or named by the caller; dates may be ISO,
``M/D/YY`` (as in the FA-KES corpus) or ``15 April 2016``. JSON lines hold ``{"id", "text", "published",
"source"?, "title"?, "url"?}``. Text is decoded as UTF-8, else cp1252 (Windows Latin-1); HTML is turned into
text with its script and style elements dropped. A report with no publication date in its metadata gets
the date printed at its top, if any (see :func:`mapper.dates.publication_date_from_text`).

Bad input does not stop a batch when a :class:`ReadLog` is passed: empty, binary, oversized or unreadable
files, tables without a text column and malformed JSON lines are skipped, non-UTF-8 text and dates that are
not dates are read with a warning, and the log says which input, what is wrong and what to do. Without a log,
the first problem raises :class:`~mapper.DocumentError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ._errors import DocumentError

__all__ = ["MAX_REPORT_BYTES", "REPORT_SUFFIXES", "TABLE_SUFFIXES", "Columns", "Document", "Problem", "ReadLog",
           "decode_bytes", "html_to_text", "iter_documents", "parse_date"]

#: File endings read as one report each.
REPORT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
#: File endings read as many reports each.
TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson"})
#: A report (a file, or the text of a row) larger than this is skipped: a report is an article, not a corpus.
MAX_REPORT_BYTES = 20_000_000
#: Publication dates outside these years are not believed (a typo, or a date that is not a publication date).
FIRST_YEAR = 1990


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input: where (a file, ``file:row``), what and what to do, and whether the input
    was skipped (else it was read, with this warning)."""

    where: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ReadLog:
    """What :func:`iter_documents` skipped, or read with a warning, while the rest of a batch went on."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str, *, skipped: bool = True) -> None:
        self.problems.append(Problem(where, message, skipped))

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]


def _problem(where: str, message: str) -> DocumentError:
    return DocumentError(f"{where}: {message}", where=where, reason=message)


@dataclass(frozen=True, slots=True)
class Document:
    """One report.

    Attributes
    ----------
    id : str
        The file name for a file; the ``id`` column for CSV and JSON lines.
    text : str
        Plain text (HTML removed).
    published : datetime.date or None
        Publication date; None when neither metadata nor text gives one.
    source, title, url : str
        From the metadata; empty when unknown.
    path : str
        Where it was read from.
    """

    id: str
    text: str
    published: dt.date | None = None
    source: str = ""
    title: str = ""
    url: str = ""
    path: str = ""
    narrative: bool = False
    """True for a text written long after the events it tells (an encyclopedia article)."""
    period: str = ""
    """When the events it tells happened, as its header says ("14 July – 21 October 2017"); may be empty."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Column names of a CSV of reports; None: found by common names."""

    text: str | None = None
    date: str | None = None
    id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None


_COMMON = {
    "text": ("text", "article_content", "content", "body", "article", "article_text", "full_text", "notes",
             "note", "description", "summary"),
    "date": ("published", "date", "pub_date", "publication_date", "published_at", "event_date", "datetime",
             "timestamp", "time"),
    "id": ("id", "doc_id", "document_id", "article_id", "event_id", "event_id_cnty", "data_id", "uid", "key"),
    "title": ("title", "article_title", "headline"),
    "source": ("source", "publisher", "outlet", "source_name"),
    "url": ("url", "link", "source_url", "href"),
}


_MAGIC = ((b"%PDF-", "a PDF document: convert it to text first (e.g. pdftotext)"),
          (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file): unpack it, or save the report as text"),
          (b"\x89PNG", "a PNG image, not a report"), (b"\xff\xd8\xff", "a JPEG image, not a report"),
          (b"GIF8", "a GIF image, not a report"), (b"\x1f\x8b", "a gzip archive: unpack it first"),
          (b"\xd0\xcf\x11\xe0", "an old Office document: save the report as text"))
_CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")


def _binary_reason(data: bytes) -> str | None:
    """Why these bytes are not a text report, or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"{what}"
    head = data[:8192]
    if b"\x00" in head or (head and sum(head.count(c) for c in _CONTROL) > 0.05 * len(head)):
        return "looks like a binary file, not text: pass .txt, .md, .html, .csv or .jsonl reports"
    return None


def _decode(data: bytes, where: str, log: ReadLog | None) -> str:
    reason = _binary_reason(data)
    if reason:
        raise _problem(where, reason)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if log is not None:
            log.add(where, f"not UTF-8 (byte {exc.start}); read as Windows-1252: check its accents, or save it as "
                           "UTF-8", skipped=False)
        return data.decode("cp1252", errors="replace")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), else cp1252.

    Raises
    ------
    DocumentError
        When the bytes look binary (NUL or other control bytes; PDF, ZIP, image or archive headers).
    """
    return _decode(data, name, None)


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                        "article", "blockquote", "header", "footer", "ul", "ol", "table", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML page: scripts and styles dropped, blocks on their own lines.

    >>> html_to_text("<p>Rebels took <b>al-Rai</b>.</p><script>alert(1)</script>")
    'Rebels took al-Rai.'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def parse_date(value: str, *, day_first: bool = False) -> dt.date | None:
    """A date from a metadata field: ISO (``2016-04-15``, with or without a time), ``M/D/YY`` or
    ``M/D/YYYY`` (``D/M`` with ``day_first``), or written out (``15 April 2016``, ``April 15, 2016``).

    >>> parse_date("8/24/16"), parse_date("2016-09-04T10:00:00Z"), parse_date("15 April, 2016")
    (datetime.date(2016, 8, 24), datetime.date(2016, 9, 4), datetime.date(2016, 4, 15))
    >>> parse_date("soon") is None
    True
    """
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    m = _MDY.match(value)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 2000 if y < 70 else 1900
        month, day = (b, a) if day_first else (a, b)
        try:
            return dt.date(y, month, day)
        except ValueError:
            try:
                return dt.date(y, day, month)
            except ValueError:
                return None
    from .dates import publication_date_from_text

    return publication_date_from_text(value)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown YAML header's simple ``key: value`` fields, and the text with the header blanked.

    The header is replaced by as many spaces and newlines so that offsets into the text stay those of the
    file.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    header = text[4:end]
    fields: dict[str, str] = {}
    key = ""
    for line in header.splitlines():
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            key = m.group(1).lower()
            if m.group(2) and not m.group(2).startswith(("|", ">")):
                fields[key] = m.group(2).strip().strip("\"'")
        elif key == "date" and line.strip().startswith("- ") and "date" not in fields:
            fields["date"] = line.strip()[2:]  # an infobox date list: "- 14 July – 21 October 2017"
    stop = end + 4
    blank = re.sub(r"[^\n]", " ", text[:stop])
    return fields, blank + text[stop:]


def _read_metadata(folder: Path, log: ReadLog | None = None) -> dict[str, dict[str, str]]:
    path = folder / "metadata.csv"
    if not path.is_file():
        return {}
    text = _decode(_read_bytes(path), str(path), log)
    rows = csv.DictReader(text.splitlines())
    if not rows.fieldnames or "file" not in [f.strip().lower() for f in rows.fieldnames]:
        raise _problem(str(path), "no 'file' column; expected file,published,source,title,url")
    out = {}
    for row in rows:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if clean.get("file"):
            out[clean["file"]] = clean
    return out


def _checked_date(value: str, where: str, log: ReadLog | None, *, day_first: bool = False,
                  quiet: bool = False) -> dt.date | None:
    """A metadata date, or None (with a warning) when it is not a date or not a believable publication date."""
    if not value.strip():
        return None
    day = parse_date(value, day_first=day_first)
    if day is not None and FIRST_YEAR <= day.year <= dt.date.today().year + 1:
        return day
    if log is not None and not quiet:
        why = "is not a date" if day is None else f"is outside {FIRST_YEAR}-{dt.date.today().year + 1}"
        log.add(where, f"publication date {value.strip()[:40]!r} {why}: use YYYY-MM-DD; the date printed at the top "
                       "of the report is used if there is one, else the report is set aside", skipped=False)
    return None


def _read_file(path: Path, meta: dict[str, str], log: ReadLog | None = None) -> Document:
    where = str(path)
    text = _decode(_read_bytes(path, limit=MAX_REPORT_BYTES), where, log)
    header: dict[str, str] = {}
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    elif path.suffix.lower() == ".md":
        header, text = _front_matter(text)
    if not text.strip():
        raise _problem(where, "empty: no text to read" if path.stat().st_size < 1024 else
                       "no text in it (markup only): nothing to read")
    published = (_checked_date(meta.get("published", "") or meta.get("date", ""), where, log)
                 or _checked_date(header.get("pubdate", ""), where, log))
    return _finish(Document(
        id=path.name,
        text=text,
        published=published,
        source=meta.get("source", "") or header.get("author", ""),
        title=meta.get("title", "") or header.get("title", "") or header.get("subject", ""),
        url=meta.get("url", "") or header.get("url", ""),
        path=str(path),
        period=header.get("date", ""),
    ), header)


_YEARS = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")


def _finish(doc: Document, header: dict[str, str] | None = None) -> Document:
    """Date a report from its text when its metadata did not; tell a history from news.

    A web copy with a YAML header (an encyclopedia article) published over a year after a year its title
    or text names is a history: its dates without a year follow its narrative, not the copy's date.
    News is never a history: reports name years long past ("since March 2011") as background.
    """
    published = doc.published
    if published is None:
        from .dates import publication_date_from_text

        published = publication_date_from_text(doc.text)
    narrative = doc.narrative
    if header:
        years = [int(y) for y in _YEARS.findall(f"{doc.title} {doc.text}")]
        narrative = bool(years) and published is not None and published.year > min(years) + 1
    if published == doc.published and narrative == doc.narrative:
        return doc
    return replace(doc, published=published, narrative=narrative)


def _pick(fields: list[str], wanted: str | None, role: str, where: str) -> str | None:
    lower = {f.strip().lower(): f for f in fields}
    if wanted:
        if wanted.strip().lower() not in lower:
            raise _problem(where, f"no column {wanted!r} for the {role}; the columns are: {', '.join(fields)}")
        return lower[wanted.strip().lower()]
    for name in _COMMON[role]:
        if name in lower:
            return lower[name]
    return None


def _day_first(values: Iterable[str]) -> bool:
    """Whether slashed dates of a column are D/M: some first field is above 12."""
    for v in values:
        m = _MDY.match(v.strip())
        if m and int(m.group(1)) > 12:
            return True
    return False


def _read_csv(path: Path, columns: Columns, log: ReadLog | None = None) -> Iterator[Document]:
    text = _decode(_read_bytes(path), str(path), log)
    csv.field_size_limit(2**31 - 1)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise _problem(str(path), f"not a readable CSV table ({exc}): check its quotes") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise _problem(str(path), "empty CSV file: nothing to read")
    fields = [f.strip() for f in rows[0]]
    text_col = _pick(fields, columns.text, "text", str(path))
    if text_col is None:
        raise _problem(str(path), f"no text column found (tried {', '.join(_COMMON['text'][:4])}, ...); name it "
                                  f"with --text-column; the columns are: {', '.join(fields)}")
    idx = {role: fields.index(c) if c is not None else None for role, c in {
        "text": text_col,
        "date": _pick(fields, columns.date, "date", str(path)),
        "id": _pick(fields, columns.id, "id", str(path)),
        "title": _pick(fields, columns.title, "title", str(path)),
        "source": _pick(fields, columns.source, "source", str(path)),
        "url": _pick(fields, columns.url, "url", str(path)),
    }.items()}

    def cell(row: list[str], role: str) -> str:
        i = idx[role]
        return row[i].strip() if i is not None and i < len(row) else ""

    body = rows[1:]
    day_first = _day_first(cell(r, "date") for r in body)
    seen: dict[str, int] = {}
    no_text, bad_dates = [], []
    for n, row in enumerate(body, start=2):
        if not any(c.strip() for c in row):
            continue
        doc_id = cell(row, "id") or f"{path.stem}:{n}"
        if doc_id in seen:
            seen[doc_id] += 1
            doc_id = f"{doc_id}#{seen[doc_id]}"
        else:
            seen[doc_id] = 1
        raw = cell(row, "text")
        if len(raw) > MAX_REPORT_BYTES:
            if log is None:
                raise _problem(f"{path}:{n}", _too_large(len(raw)))
            log.add(f"{path}:{n}", _too_large(len(raw)))
            continue
        if "<" in raw and re.search(r"</?(?:p|div|br|span|a)\b", raw, re.IGNORECASE):
            raw = html_to_text(raw)
        if not raw.strip():
            no_text.append(n)
            continue
        published = _checked_date(cell(row, "date"), f"{path}:{n}", log, day_first=day_first, quiet=True)
        if published is None and cell(row, "date"):
            bad_dates.append(n)
        yield _finish(Document(id=doc_id, text=raw, published=published, source=cell(row, "source"),
                               title=cell(row, "title"), url=cell(row, "url"), path=f"{path}:{n}"))
    if log is not None and no_text:
        log.add(str(path), f"{_rows(no_text)} with an empty text column ({text_col}) skipped")
    if log is not None and bad_dates:
        log.add(str(path), f"{_rows(bad_dates)} with a date that is not a believable publication date (use "
                           "YYYY-MM-DD): dated from their text if it prints a date, else set aside", skipped=False)


def _rows(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8]) + (", ..." if len(numbers) > 8 else "")
    return f"{len(numbers)} row{'s' if len(numbers) > 1 else ''} ({shown})"


def _too_large(size: int) -> str:
    return (f"{size / 1e6:.0f} MB is more than one report may hold ({MAX_REPORT_BYTES / 1e6:.0f} MB): split it "
            "into reports (one a file, or one a CSV row)")


def _read_jsonl(path: Path, log: ReadLog | None = None) -> Iterator[Document]:
    text = _decode(_read_bytes(path), str(path), log)
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
                raise _problem(where, 'each line must be an object with a "text" string (and "id", "published")')
            if len(obj["text"]) > MAX_REPORT_BYTES:
                raise _problem(where, _too_large(len(obj["text"])))
        except json.JSONDecodeError as exc:
            if log is None:
                raise _problem(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            log.add(where, f"not valid JSON ({exc.msg} at column {exc.colno}): line skipped")
            continue
        except DocumentError as exc:
            if log is None:
                raise
            log.add(where, exc.reason)
            continue
        published = obj.get("published") or obj.get("date") or ""
        yield _finish(Document(
            id=str(obj.get("id", f"{path.stem}:{n}")),
            text=obj["text"],
            published=_checked_date(str(published), where, log),
            source=str(obj.get("source") or ""),
            title=str(obj.get("title") or ""),
            url=str(obj.get("url") or ""),
            path=f"{path}:{n}",
        ))


def _read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    try:
        if limit is not None and path.stat().st_size > limit:
            raise _problem(str(path), _too_large(path.stat().st_size))
        return path.read_bytes()
    except OSError as exc:
        raise _problem(str(path), f"cannot read ({exc.strerror}): check that it exists and is readable") from None


def iter_documents(inputs: Iterable[str | Path], columns: Columns | None = None, *,
                   log: ReadLog | None = None) -> Iterator[Document]:
    """Read reports from files and folders (a folder: its report files, sorted, with its metadata.csv),
    CSV tables of reports and JSON-lines files.

    With ``log``, an input that cannot be read is skipped and logged, and the batch goes on; warnings (text
    that is not UTF-8, dates that are not dates) are logged too.

    Raises
    ------
    DocumentError
        Without ``log``: when an input does not exist, holds no report, or cannot be read.
    """
    cols = columns or Columns()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            try:
                meta = _read_metadata(path, log)
            except DocumentError as exc:
                if log is None:
                    raise
                log.add(exc.where, f"{exc.reason}; the folder's reports are read without it", skipped=False)
                meta = {}
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
            if not files:
                _skip(log, str(path), "no .txt, .md or .html reports in this folder")
            for f in files:
                yield from _guarded(log, _read_one, f, meta.get(f.name, {}), log)
        elif path.is_file() and path.suffix.lower() == ".csv":
            yield from _guarded(log, _read_csv, path, cols, log)
        elif path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from _guarded(log, _read_jsonl, path, log)
        elif path.is_file():
            yield from _guarded(log, _read_one, path, None, log)
        else:
            _skip(log, str(path), "no such file or folder")


def _skip(log: ReadLog | None, where: str, message: str) -> None:
    if log is None:
        raise _problem(where, message)
    log.add(where, message)


def _read_one(path: Path, meta: dict[str, str] | None, log: ReadLog | None) -> Iterator[Document]:
    if meta is None:  # a file named on its own: its folder's metadata.csv may describe it
        meta = _read_metadata(path.parent, log).get(path.name, {})
    yield _read_file(path, meta, log)


def _guarded(log: ReadLog | None, read: Callable[..., Iterator[Document]], *args: Any) -> Iterator[Document]:
    """The documents of one input; with a log, a problem with the input is logged instead of raised."""
    try:
        yield from read(*args)
    except DocumentError as exc:
        if log is None:
            raise
        log.add(exc.where, exc.reason)

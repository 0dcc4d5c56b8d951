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
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from ._errors import DocumentError

__all__ = ["REPORT_SUFFIXES", "TABLE_SUFFIXES", "Columns", "Document", "decode_bytes", "html_to_text",
           "iter_documents", "parse_date"]

#: File endings read as one report each.
REPORT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
#: File endings read as many reports each.
TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson"})


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


def decode_bytes(data: bytes, name: str) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), else cp1252.

    Raises
    ------
    DocumentError
        When the bytes look binary (NUL bytes).
    """
    if b"\x00" in data[:8192]:
        msg = f"{name}: looks like a binary file, not text; pass .txt, .md or .html reports"
        raise DocumentError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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


def _read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "metadata.csv"
    if not path.is_file():
        return {}
    text = decode_bytes(_read_bytes(path), str(path))
    rows = csv.DictReader(text.splitlines())
    if not rows.fieldnames or "file" not in [f.strip().lower() for f in rows.fieldnames]:
        msg = f"{path}: no 'file' column; expected file,published,source,title,url"
        raise DocumentError(msg)
    out = {}
    for row in rows:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if clean.get("file"):
            out[clean["file"]] = clean
    return out


def _read_file(path: Path, meta: dict[str, str]) -> Document:
    text = decode_bytes(_read_bytes(path), str(path))
    header: dict[str, str] = {}
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    elif path.suffix.lower() == ".md":
        header, text = _front_matter(text)
    published = (parse_date(meta.get("published", "") or meta.get("date", ""))
                 or parse_date(header.get("pubdate", "")))
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
            msg = (f"{where}: no column {wanted!r} for the {role}; the columns are: {', '.join(fields)}")
            raise DocumentError(msg)
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


def _read_csv(path: Path, columns: Columns) -> Iterator[Document]:
    text = decode_bytes(_read_bytes(path), str(path))
    csv.field_size_limit(2**31 - 1)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        msg = f"{path}: empty CSV file"
        raise DocumentError(msg)
    fields = [f.strip() for f in rows[0]]
    text_col = _pick(fields, columns.text, "text", str(path))
    if text_col is None:
        msg = (f"{path}: no text column found (tried {', '.join(_COMMON['text'][:4])}, ...); name it with "
               f"--text-column; the columns are: {', '.join(fields)}")
        raise DocumentError(msg)
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
        if "<" in raw and re.search(r"</?(?:p|div|br|span|a)\b", raw, re.IGNORECASE):
            raw = html_to_text(raw)
        yield _finish(Document(id=doc_id, text=raw, published=parse_date(cell(row, "date"), day_first=day_first),
                               source=cell(row, "source"), title=cell(row, "title"), url=cell(row, "url"),
                               path=f"{path}:{n}"))


def _read_jsonl(path: Path) -> Iterator[Document]:
    text = decode_bytes(_read_bytes(path), str(path))
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{path} line {n}: not valid JSON ({exc.msg} at column {exc.colno})"
            raise DocumentError(msg) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            msg = f'{path} line {n}: each line must be an object with a "text" string (and "id", "published")'
            raise DocumentError(msg)
        published = obj.get("published") or obj.get("date") or ""
        yield _finish(Document(
            id=str(obj.get("id", f"{path.stem}:{n}")),
            text=obj["text"],
            published=parse_date(str(published)),
            source=str(obj.get("source") or ""),
            title=str(obj.get("title") or ""),
            url=str(obj.get("url") or ""),
            path=f"{path}:{n}",
        ))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise DocumentError(msg) from exc


def iter_documents(inputs: Iterable[str | Path], columns: Columns | None = None) -> Iterator[Document]:
    """Read reports from files and folders (a folder: its report files, sorted, with its metadata.csv),
    CSV tables of reports and JSON-lines files.

    Raises
    ------
    DocumentError
        When an input does not exist or holds no report.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            meta = _read_metadata(path)
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
            if not files:
                msg = f"{path}: no .txt, .md or .html reports in this folder"
                raise DocumentError(msg)
            for f in files:
                yield _read_file(f, meta.get(f.name, {}))
        elif path.is_file() and path.suffix.lower() == ".csv":
            yield from _read_csv(path, columns or Columns())
        elif path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path)
        elif path.is_file():
            yield _read_file(path, _read_metadata(path.parent).get(path.name, {}))
        else:
            msg = f"{path}: no such file or folder"
            raise DocumentError(msg)

"""Reports and their metadata: read files and folders of ``.txt``, ``.md`` and ``.html`` reports.

A folder may hold a ``metadata.csv`` (``file, published, source, title, url``) that dates and names its
reports. Text is decoded as UTF-8, else cp1252 (Windows Latin-1); HTML is turned into text with its script
and style elements dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ._errors import DocumentError

__all__ = ["REPORT_SUFFIXES", "Document", "decode_bytes", "html_to_text", "iter_documents"]

#: File endings read as reports.
REPORT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})


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


def _parse_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "metadata.csv"
    if not path.is_file():
        return {}
    text = decode_bytes(path.read_bytes(), str(path))
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise DocumentError(msg) from exc
    text = decode_bytes(data, str(path))
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return Document(
        id=path.name,
        text=text,
        published=_parse_date(meta.get("published", "") or meta.get("date", "")),
        source=meta.get("source", ""),
        title=meta.get("title", ""),
        url=meta.get("url", ""),
        path=str(path),
    )


def iter_documents(inputs: Iterable[str | Path]) -> Iterator[Document]:
    """Read reports from files and folders (a folder: its report files, sorted, with its metadata.csv).

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
        elif path.is_file():
            yield _read_file(path, _read_metadata(path.parent).get(path.name, {}))
        else:
            msg = f"{path}: no such file or folder"
            raise DocumentError(msg)

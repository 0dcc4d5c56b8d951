"""Fuzzing: the document reader, the name normaliser, the gazetteer and the date resolver take any input
without crashing or hanging (each example has a deadline; the whole file runs in seconds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.normalize import name_keys
from mapper._errors import DocumentError
from mapper.dates import DateReader, publication_date_from_text
from mapper.documents import ReadLog, decode_bytes, html_to_text, iter_documents, parse_date

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like reports: words of war news, markup, dates, odd characters and control bytes.
WORDS = st.sampled_from(["ISIS", "captured", "al-Rai", "the", "village", "of", "on", "Monday", "15", "April",
                         "2016", "<p>", "</script>", "<script>", "&amp;", "'", '"', ",", "\n", "\u200f", "ع",
                         "\x00", "\r\n", "last", "weekend", "since", "1/2/16", "2016-02-30", "Jarabulus"])
REPORTISH = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".csv", ".jsonl"])


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), REPORTISH.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=SUFFIXES)
def test_the_reader_takes_any_file(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    log = ReadLog()
    docs = list(iter_documents([path], log=log))  # lenient: never raises
    assert len(docs) + len(log.skipped) >= 1 or data.strip() == b"" or suffix in (".csv", ".jsonl")
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip()
    try:  # strict: raises DocumentError only
        list(iter_documents([path]))
    except DocumentError as exc:
        assert str(exc).startswith(str(path))


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries({"text": REPORTISH, "date": st.one_of(st.text(max_size=12), WORDS),
                                            "id": st.text(max_size=5)}), max_size=6))
def test_the_reader_takes_any_table(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "date", "text"])
        w.writeheader()
        w.writerows(rows)
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    log = ReadLog()
    docs = list(iter_documents([tmp_path / "t.csv", tmp_path / "t.jsonl"], log=log))
    assert len(docs) <= 2 * len(rows)
    for d in docs:
        assert d.published is None or 1990 <= d.published.year <= dt.date.today().year + 1


@FUZZ
@given(st.binary(max_size=3000))
def test_decoding_and_markup_removal_never_crash(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x")
    except DocumentError:
        return
    assert isinstance(html_to_text(text), str)


@FUZZ
@given(st.one_of(st.text(max_size=80), REPORTISH))
def test_name_keys_and_resolution_never_crash(gaz: Gazetteer, name: str) -> None:
    keys = name_keys(name)
    assert all(isinstance(k, str) for k in (keys.exact, keys.words, keys.sound, keys.skel))
    res = gaz.resolve(name)
    assert res.match is None or 0.0 <= res.match.score <= 1.0
    for m in gaz.find_mentions(name):
        assert 0 <= m.start <= m.end <= len(name)


@FUZZ
@given(text=REPORTISH, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
       narrative=st.booleans())
def test_the_date_resolver_takes_any_text(text: str, published: dt.date | None, narrative: bool) -> None:
    reader = DateReader(published, narrative=narrative)
    reader.note_years(text)
    for m in reader.read(text):
        assert isinstance(m.date, dt.date) and m.precision in ("day", "week", "month", "year")
        assert 0 <= m.start <= m.end <= len(text)
    found = publication_date_from_text(text)
    assert found is None or isinstance(found, dt.date)
    assert parse_date(text) is None or isinstance(parse_date(text), dt.date)


@pytest.mark.parametrize("text", ["On 31 February 2016", "2016-02-30", "on 0 April", "April 99, 2016",
                                  "9999-12-31", "last weekend" * 1000, "(" * 5000])
def test_impossible_and_pathological_dates(text: str) -> None:
    reader = DateReader(dt.date(2016, 3, 1))
    for m in reader.read(text):
        assert dt.date(1900, 1, 1) <= m.date <= dt.date(2100, 1, 1)

"""Reading reports: folders with metadata, CSV tables (Latin-1, M/D/YY), JSON lines, dates, boilerplate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mapper._errors import DocumentError
from mapper.dates import DateReader, publication_date_from_text
from mapper.documents import Columns, Document, iter_documents, parse_date
from mapper.extract import Extractor
from mapper.sentences import split_sentences

from .conftest import ROOT


def test_seed_folder_with_metadata() -> None:
    docs = list(iter_documents([ROOT / "seeds"]))
    assert len(docs) == 5
    assert all(d.published is not None for d in docs)
    assert docs[0].source == "The Independent"


def test_csv_latin1_with_slashed_dates(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_bytes("article_title,article_content,source,date\n"
                     "Raid,Rebels took Azaz \u2013 caf\xe9 closed,SANA,8/24/16\n"
                     "Other,\"Text, with comma\",Reuters,12/1/17\n".encode("cp1252"))
    docs = list(iter_documents([path]))
    assert [d.published for d in docs] == [dt.date(2016, 8, 24), dt.date(2017, 12, 1)]
    assert "café" in docs[0].text and docs[0].title == "Raid" and docs[0].source == "SANA"
    assert docs[0].id == "reports:2"


def test_csv_named_columns_and_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("event_id_cnty,event_date,notes\nSYR1,2017-03-02,On 2 March 2017 the SAA took Palmyra.\n")
    docs = list(iter_documents([path]))
    assert docs[0].id == "SYR1" and docs[0].published == dt.date(2017, 3, 2)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(DocumentError, match="--text-column"):
        list(iter_documents([bad]))
    with pytest.raises(DocumentError, match="no column 'body'"):
        list(iter_documents([path], Columns(text="body")))


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": "IS seized Hit.", "published": "2014-10-04",
                                "source": "AFP"}) + "\n\n" + json.dumps({"id": "a2", "text": "No date."}) + "\n")
    docs = list(iter_documents([path]))
    assert [(d.id, d.published) for d in docs] == [("a1", dt.date(2014, 10, 4)), ("a2", None)]
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    with pytest.raises(DocumentError, match="line 1"):
        list(iter_documents([tmp_path / "bad.jsonl"]))


def test_publication_date_from_the_top_of_the_text() -> None:
    assert publication_date_from_text("Title\n2 min read\n15 April, 2016\nBody") == dt.date(2016, 4, 15)
    assert publication_date_from_text("By someone 2017 Nov 9, 10:29am 192 views") == dt.date(2017, 11, 9)
    assert parse_date("4/5/17") == dt.date(2017, 4, 5)
    assert parse_date("25/5/17", day_first=True) == dt.date(2017, 5, 25)


def test_relative_dates_against_publication() -> None:
    r = DateReader(dt.date(2016, 9, 4))  # a Sunday
    got = {text: (m.date, m.precision) for text, m in zip(
        ["on Saturday", "last weekend", "On August 24", "earlier this month", "yesterday"],
        r.read("on Saturday; last weekend; On August 24; earlier this month; yesterday"), strict=True)}
    assert got["on Saturday"] == (dt.date(2016, 9, 3), "day")
    assert got["last weekend"] == (dt.date(2016, 9, 3), "week")
    assert got["On August 24"] == (dt.date(2016, 8, 24), "day")
    assert got["earlier this month"] == (dt.date(2016, 9, 1), "month")
    assert got["yesterday"] == (dt.date(2016, 9, 3), "day")


def test_a_date_later_in_the_year_than_publication_is_last_year() -> None:
    r = DateReader(dt.date(2017, 1, 5))
    assert r.read("On December 30 the army took it")[0].date == dt.date(2016, 12, 30)


def test_a_month_or_a_year_alone_keeps_its_precision() -> None:
    """"in May" (no day, no digit in the sentence) and "in 2014" date a capture told in a later report."""
    r = DateReader(dt.date(2015, 7, 28))
    assert [(m.date, m.precision) for m in r.read("Insurgents captured Jisr al-Shughour in May.")] == [
        (dt.date(2015, 5, 1), "month")]
    assert [(m.date, m.precision) for m in r.read("IS took Manbij in 2014, and held it.")] == [
        (dt.date(2014, 1, 1), "year")]
    assert r.read("The rebels may take the town.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The army took Daraya last year.", (dt.date(2016, 1, 1), "year")),
    ("IS has held the town since 2014.", (dt.date(2014, 1, 1), "year")),
    ("Rebels stormed the city in the summer of 2012.", (dt.date(2012, 6, 1), "month")),
    ("The YPG took it two years ago.", (dt.date(2015, 1, 1), "year")),
    ("Nusra took Idlib about three months ago.", (dt.date(2017, 1, 1), "month")),
    ("It fell earlier this year.", (dt.date(2017, 1, 1), "year")),
])
def test_years_seasons_and_spans_ago(text: str, expected: tuple[dt.date, str]) -> None:
    """Background said in passing ("which fell to the army last year") keeps its year, not the report's day."""
    assert [(m.date, m.precision) for m in DateReader(dt.date(2017, 4, 2)).read(text)] == [expected]


def test_the_following_month_counts_from_the_date_told_last() -> None:
    r = DateReader(None, narrative=True)
    got = [(m.date, m.precision) for m in r.read("The siege began on 12 November 2016 and ended the following May.")]
    assert got == [(dt.date(2016, 11, 12), "day"), (dt.date(2017, 5, 1), "month")]


def test_a_weekday_written_with_its_date_is_that_date() -> None:
    r = DateReader(dt.date(2015, 7, 31))
    assert [m.date for m in r.read("Idlib was taken on Saturday March 28 2015, and on Monday, 27 July, too.")] == [
        dt.date(2015, 3, 28), dt.date(2015, 7, 27)]
    assert [m.date for m in r.read("They left on Saturday.")] == [dt.date(2015, 7, 25)]


def test_a_capture_dated_by_its_month_in_a_later_report(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document(id="d", text="Kurdish-led forces retook Manbij in August, two years after IS moved in.",
                   published=dt.date(2016, 10, 6))
    claims = extractor.extract(doc).claims
    assert [(c.place, c.actor, c.date, c.date_precision) for c in claims] == [
        ("Manbij", "sdf", dt.date(2016, 8, 1), "month")]


def test_boilerplate_and_sentences() -> None:
    text = "Advertisement\nRebels took Azaz. Gen. Ali said U.S. jets helped.\nComment as anon or log in at top"
    sents = split_sentences(text)
    assert [s.text for s in sents if not s.boilerplate] == ["Rebels took Azaz.", "Gen. Ali said U.S. jets helped."]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_set_aside_when_no_date(extractor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Rebels captured Azaz yesterday.")
    result = extractor.extract(next(iter(iter_documents([tmp_path / "a.txt"]))))
    assert result.set_aside and not result.claims


def test_a_chronicle_moves_into_the_next_year() -> None:
    r = DateReader(dt.date(2023, 6, 1), narrative=True)
    got = [m.date for m in r.read("On 1 December 2016 the army advanced. On 8 January, rebels took the hill.")]
    assert got == [dt.date(2016, 12, 1), dt.date(2017, 1, 8)]
    r = DateReader(dt.date(2023, 6, 1), narrative=True)
    got = [m.date for m in r.read("On 1 June 2016 X. (In September 2014 it had fallen.) On 8 July, Y.")]
    assert got[-1] == dt.date(2016, 7, 8)  # a look back in brackets does not move the story


def test_a_look_ahead_to_january_does_not_move_the_chronicle() -> None:
    """"reported on 4 January that ... between 1 November and 24 December", then more December: the story is
    still in its first year. Two more dates early in the year confirm a move."""
    r = DateReader(dt.date(2023, 6, 1), narrative=True)
    text = ("On 12 December 2017 X. The UN reported on 4 January that people fled between 1 November and "
            "24 December. On 28 December, the army took Abu Dali. On 3 January, Y. On 5 January, Z.")
    got = [m.date for m in r.read(text)]
    assert got == [dt.date(2017, 12, 12), dt.date(2018, 1, 4), dt.date(2017, 11, 1), dt.date(2017, 12, 24),
                   dt.date(2017, 12, 28), dt.date(2018, 1, 3), dt.date(2018, 1, 5)]


def test_a_name_ending_in_one_letter_ends_a_sentence() -> None:
    """"al-Fu'a." ends a sentence; "J. Smith" and "U.S." do not."""
    text = "They besieged Kafarya and al-Fu'a. The rebels then attacked. J. Smith said U.S. forces left."
    assert [s.text for s in split_sentences(text)] == [
        "They besieged Kafarya and al-Fu'a.", "The rebels then attacked.", "J. Smith said U.S. forces left."]


def test_after_days_of_fighting_dates_what_follows_it() -> None:
    r = DateReader(dt.date(2023, 6, 1), narrative=True)
    found = r.read("On 24 March 2015, rebels assaulted Idlib and after four days of fighting captured the city.")
    assert [(m.date, m.forward) for m in found] == [(dt.date(2015, 3, 24), False), (dt.date(2015, 3, 28), True)]
    assert r.last == dt.date(2015, 3, 24)  # what came before it keeps its date


def test_after_days_of_fighting_does_not_redate_the_capture_before_it(extractor: Extractor) -> None:
    from mapper.documents import Document

    doc = Document("a", "On 19 March 2014, the Syrian Army captured Ras al-Ain near Yabrud, after two days of "
                        "fighting. On 24 March 2015, rebels assaulted Idlib from three sides and after four days "
                        "of fighting the rebels captured the city.", dt.date(2015, 4, 1))
    dates = {(c.written_as, c.date) for c in extractor.extract(doc).claims}
    assert ("Ras al-Ain", dt.date(2014, 3, 19)) in dates and ("Idlib", dt.date(2015, 3, 28)) in dates


def test_a_chronicle_in_the_new_year_looks_back_with_the_past_perfect() -> None:
    """An article on a January offensive says what "had" happened in December: the December before. Without
    the past perfect the story has moved on to December."""
    def dates(second: str) -> list[dt.date]:
        r = DateReader(dt.date(2023, 6, 1), narrative=True)
        r.note_years("# Battle for Tadmur (2017)")
        return [m.date for s in ("The army began its offensive in January 2017.", second) for m in r.read(s)]

    assert dates("The jihadists had recaptured the town between 8 and 11 December.")[-1] == dt.date(2016, 12, 11)
    assert dates("The army retook the town between 8 and 11 December.")[-1] == dt.date(2017, 12, 11)

"""Mention finding and geoparsing on real report text."""

from __future__ import annotations

from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.geoparse import geoparse

SEEDS = Path(__file__).parent.parent / "seeds"


def _texts(gaz: Gazetteer, text: str) -> list[str]:
    return [m.text for m in gaz.find_mentions(text)]


def test_spans_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Turkish-backed rebels took over al-Rae town north of Aleppo; Deir ez-Zor's airport held."
    ms = gaz.find_mentions(text)
    assert [m.text for m in ms] == ["al-Rae", "Aleppo", "Deir ez-Zor's airport"] or \
        [m.text for m in ms][:2] == ["al-Rae", "Aleppo"]
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_longest_match_wins(gaz: Gazetteer) -> None:
    assert "Ras al-Ain" in _texts(gaz, "Clashes in Ras al-Ain continued.")
    assert "Deir ez-Zor" in _texts(gaz, "They reached Deir ez-Zor on Monday.")


def test_a_generic_word_alone_is_no_name_but_a_name_that_sounds_like_one_is(gaz: Gazetteer) -> None:
    # "Tell", "Deir", "Kafr", "Kabir" alone name nothing; "Ad Dawr" (Iraq), "Al-Kubar" and "al-Qubeir" are
    # towns whose names only sound like "Deir" and "Kabir".
    assert _texts(gaz, "The Tell and the Deir were shelled; Kafr and Kabir were quiet.") == []
    assert _texts(gaz, "Iraqi forces retook al-Dawr, and the SDF took Al-Kubar and al-Qubeir.") == [
        "al-Dawr", "Al-Kubar", "al-Qubeir"]


def test_in_at_the_start_of_a_sentence_is_no_ayn(gaz: Gazetteer) -> None:
    # "In Daraa" sounds like 'Ayn Dara, a village by Afrin; "Ain Dara" written so is that village.
    assert _texts(gaz, "In Daraa, rebels captured Nawa.") == ["Daraa", "Nawa"]
    assert _texts(gaz, "Ain Dara fell on Monday.") == ["Ain Dara"]
    found = _texts(gaz, "But Hamdan said no; Beit Hamdan fell.")
    assert "But Hamdan" not in found and "Beit Hamdan" in found


def test_english_words_that_open_a_sentence_are_not_part_of_a_name(gaz: Gazetteer) -> None:
    # "By the" sounds like a village's name; "An", "As" and "At" are Arabic articles only before a word of
    # their own consonant (the "sun letters": as-Safira, At Tall), else the English words.
    assert _texts(gaz, "By the next day, rebels had taken Tal Jabin.") == ["Tal Jabin"]
    assert _texts(gaz, "An Iraqi soldier and an SDF fighter spoke. As US forces left, At Khan Shaykhun it was calm.") \
        == ["Khan Shaykhun"]
    assert _texts(gaz, "IS left As Safira, Ash Shaddadi, Ar Raqqah and An Nabk.") == [
        "As Safira", "Ash Shaddadi", "Ar Raqqah", "An Nabk"]


def test_outlets_and_speakers_are_not_places(gaz: Gazetteer) -> None:
    # Outlets named for places (al-Mayadin, al-Rai) or like them (Al Jazeera, Al-Arabiya, al-Manar are villages
    # too), and capitals that speak for their government.
    text = ("Al-Mayadeen TV reported that the army took Morek. The Lebanese Al-Manar channel agreed. Al Jazeera "
            "said so, according to Al-Arabiya. Speaking to Al Hayat, Damascus said it would go on.")
    assert _texts(gaz, text) == ["Morek"]


def test_places_before_a_word_of_the_media_or_of_saying_stay_places(gaz: Gazetteer) -> None:
    # Text that lost its commas: after a preposition, the name is the place.
    assert _texts(gaz, "IS withdrew from al-Mayadeen said the monitor.") == ["al-Mayadeen"]
    assert _texts(gaz, "rebels near the town of Al Tabqah media reported.") == ["Al Tabqah"]
    assert _texts(gaz, "battles raged in Hardatain and Ratain said the Observatory.") == ["Hardatain", "Ratain"]
    assert _texts(gaz, "Rebels captured Morek said the monitor.") == ["Morek"]


def test_a_date_or_a_people_before_a_name_is_no_first_name(gaz: Gazetteer) -> None:
    # "Monday Manbij" is no person's name: news text often leaves out the comma after a date.
    assert _texts(gaz, "On Monday Manbij fell. In July al-Bab was besieged.") == ["Manbij", "al-Bab"]
    assert _texts(gaz, "Turkish troops entered Kurdish Afrin and took Alawite Qardaha.") == ["Afrin", "Qardaha"]


def test_hill_written_after_the_name(gaz: Gazetteer) -> None:
    assert "al-Battal hill" in _texts(gaz, "Rebels took al-Battal hill and Aar hill.")


def test_common_words_and_people_are_not_places(gaz: Gazetteer) -> None:
    text = ("Share\nThe army said: It is over. There were 100 fighters. "
            "Rami Abdulrahman and President Barack Obama spoke. Prime Minister Binali Yildirim said so.")
    assert _texts(gaz, text) == []


def test_map_labels_that_only_describe_a_site_are_not_looked_for(gaz: Gazetteer) -> None:
    """The war maps label sites "Military Camp" or "Air Defense Base": in text those words are the tail of a
    longer name or describe some other site."""
    assert _texts(gaz, "HTS took Khirbet Bantanta Military Camp and the Air Defense Base near Palmyra.") == ["Palmyra"]
    assert "Military Camp" in {p.name for p in gaz.places}


def test_english_articles_are_not_arabic_ones(gaz: Gazetteer) -> None:
    found = _texts(gaz, "as Syrian forces advanced, an IS unit fled")
    assert all(not t.startswith(("as ", "an ")) for t in found)


def test_seed_places_are_all_found(gaz: Gazetteer) -> None:
    wanted = {
        "000": ["Jarablus", "Al-Rai"],
        "001": ["al-Rae", "Raqqa", "Al-Bab", "Afrin", "Kobane", "al-Battal hill", "al-Suwaida", "Waqef"],
        "002": ["Azaz", "Jarabulus", "Aleppo", "Diyarbakir"],
        "003": ["Hiwar Kallis", "Al-Rai"],
        "004": ["Albu Kamal", "al-Qaim", "Damascus"],
    }
    for prefix, names in wanted.items():
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        found = _texts(gaz, path.read_text(encoding="utf-8"))
        for n in names:
            assert n in found, f"{n} not found in {path.name}"


def test_geoparse_uses_the_document_as_context(gaz: Gazetteer) -> None:
    (path,) = SEEDS.glob("001_*.txt")
    parsed = {pm.mention.text: pm.resolution.match for pm in geoparse(path.read_text(encoding="utf-8"), gaz)}
    suwaida = parsed["al-Suwaida"]
    assert suwaida is not None and suwaida.place.admin1 == "Aleppo", "the village north of Aleppo, not the city"


def test_people_with_al_surnames_are_not_places(gaz: Gazetteer) -> None:
    assert _texts(gaz, "Syria's army, loyal to Bashar al-Assad, advanced.") == ["Syria"]


def test_a_town_followed_by_an_arabic_word_for_its_part_is_no_person(gaz: Gazetteer) -> None:
    # "X al-Y" after a capitalised word looks like a person's name, unless Y is "old town", "eastern"...
    assert _texts(gaz, "Troops entered Daraa al-Balad and Kafr Nabudah al-Sharqiya.") == ["Daraa", "Kafr Nabudah"]


def test_possessive_that_lost_its_apostrophe(gaz: Gazetteer) -> None:
    # Corpora converted through Latin-1 drop the apostrophe: "Syrias" is Syria's, not a town in Iraq.
    pm = geoparse("Syrias army shelled Aleppos eastern districts.", gaz)
    assert [(p.mention.text, p.resolution.match.place.name) for p in pm if p.resolution.match] == [
        ("Syria", "Syria"), ("Aleppo", "Aleppo")]


def test_famous_names_and_the_sentence_decide(gaz: Gazetteer) -> None:
    text = ("Rebels in Aleppo province took al-Rai and Azaz. Turkey and Moscow talked in Ankara. "
            "The wall runs to Suruc, which lies across from the Syrian town of Kobane.")
    got = {p.mention.text: p.resolution.match.place for p in geoparse(text, gaz) if p.resolution.match}
    assert got["Turkey"].kind == "country"
    assert (got["Moscow"].country, got["Ankara"].country, got["Suruc"].country) == ("RU", "TR", "TR")

"""Resolution against the bundled gazetteer: the seeds' spellings, context, unknown names, aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import AliasFileError, Anchor, Context, Gazetteer, context_from_text, load_gazetteer
from gazetteer.geo import haversine_km

from .conftest import make_place, read_csv


def _km(gaz: Gazetteer, name: str, lat: float, lon: float, **kw: object) -> float:
    res = gaz.resolve(name, **kw)  # type: ignore[arg-type]
    assert res.match is not None, f"{name!r} did not resolve"
    return haversine_km(lat, lon, res.match.place.lat, res.match.place.lon)


@pytest.mark.parametrize("row", read_csv("seeds_gold.csv"), ids=lambda r: f"{r['doc']}-{r['written_as']}")
def test_every_seed_place_resolves_within_5_km(gaz: Gazetteer, row: dict[str, str]) -> None:
    assert _km(gaz, row["written_as"], float(row["lat"]), float(row["lon"])) <= 5.0


@pytest.mark.parametrize(
    ("spellings", "lat", "lon"),
    [
        (["Jarablus", "Jarabulus", "Jarābulus", "Djerablous"], 36.8175, 38.0111),
        (["Al-Rai", "al-Rae", "Ar Ra'i", "Ar Rā‘ī", "al Rai"], 36.6118, 37.4478),
        (["Albu Kamal", "Abu Kamal", "Al-Bukamal", "Al Bu Kamal", "Abukamal"], 34.4523, 40.9185),
        (["Hiwar Kallis", "Hawar Kilis", "Hawar Killis"], 36.6586, 37.2128),
        (["Raqqa", "Ar-Raqqah", "Rakka", "al-Raqqa"], 35.9528, 39.0079),
        (["Deir ez-Zor", "Deir el-Zour", "Dayr az Zawr", "Deir Ezzor"], 35.336, 40.141),
        (["Kobane", "Kobani", "Ayn al-Arab", "Ain al-Arab"], 36.8910, 38.3535),
    ],
)
def test_transliterations_resolve_to_one_place(gaz: Gazetteer, spellings: list[str], lat: float, lon: float) -> None:
    for s in spellings:
        assert _km(gaz, s, lat, lon) <= 5.0, s


def test_unknown_name_gives_no_match(gaz: Gazetteer) -> None:
    res = gaz.resolve("Xqzvlorp Nonexistent")
    assert res.match is None and res.alternatives == ()
    assert res.to_dict() == {"query": "Xqzvlorp Nonexistent", "match": None, "alternatives": []}


@pytest.mark.parametrize("words", ["the town", "The City", "the village", "town", "the strategic town"])
def test_reference_back_is_no_name(gaz: Gazetteer, words: str) -> None:
    # Read as one key, "the town" sounded like Zaytan and "the city" like Zuwayqat.
    assert gaz.resolve(words).match is None


def test_english_article_is_not_part_of_a_name(gaz: Gazetteer) -> None:
    assert _km(gaz, "the Yarmouk camp", 33.4747, 36.3036) <= 5.0
    assert _km(gaz, "the town of Jarablus", 36.8175, 38.0115) <= 5.0
    gambia = gaz.resolve("The Gambia").match
    assert gambia is not None and gambia.place.kind == "country"


def test_feature_name_in_the_other_number(gaz: Gazetteer) -> None:
    m = gaz.resolve("Shaer gas field").match  # the map writes "Sha'er Gas Fields"
    assert m is not None and m.place.kind == "oil field" and m.name_score >= 0.9


def test_person_name_is_not_a_place(gaz: Gazetteer) -> None:
    assert gaz.resolve("Obama").match is None


def test_context_picks_the_namesake(gaz: Gazetteer) -> None:
    # As-Suwayda is a city in the south; al-Suwaida a village north of Aleppo.
    plain = gaz.resolve("al-Suwaida")
    assert plain.match is not None and plain.match.place.admin1 == "As-Sweida"
    assert plain.alternatives, "alternatives are returned"
    ctx = context_from_text("al-Suwaida and Waqef in Aleppo northern countryside", gaz)
    assert ctx.admin1 == frozenset({"Aleppo"})
    near = gaz.resolve("al-Suwaida", context=ctx)
    assert near.match is not None and near.match.place.admin1 == "Aleppo"


@pytest.mark.parametrize(("text", "governorates"), [
    ("SDF forces took control of the village of Karama (Raqqa) after clashes", {"Ar-Raqqa"}),
    ("Ghwairan (al-Hasakah)", {"Al-Hasakeh"}),
    ("Tal Shana (Salahuddin province)", {"Salahuddin"}),
    ("the Syrian Democratic Forces (SDF) took it", set()),  # brackets that name no governorate
    ("Suruj (Hama/Idlib pocket)", set()),
])
def test_governorate_in_brackets_after_a_name(gaz: Gazetteer, text: str, governorates: set[str]) -> None:
    assert context_from_text(text, gaz).admin1 == frozenset(governorates)


def test_bracketed_governorate_chooses_the_namesake(gaz: Gazetteer) -> None:
    # Karama: a town in Raqqa; Al Karamah: villages in Iraq, Hasakah, Deir ez-Zor.
    ctx = context_from_text("the village of Al Karamah (Deir ez-Zor)", gaz)
    res = gaz.resolve("Al Karamah", context=ctx)
    assert res.match is not None and res.match.place.admin1 == "Deir-ez-Zor"


def test_direction_from_an_anchor(gaz: Gazetteer) -> None:
    ctx = context_from_text("the village of Suwaydah, north of Aleppo", gaz)
    assert ctx.anchors and ctx.anchors[0].direction == "north"
    res = gaz.resolve("Suwaydah", context=ctx)
    assert res.match is not None and res.match.place.admin1 == "Aleppo"


def test_border_hint(gaz: Gazetteer) -> None:
    ctx = context_from_text("near the Turkish border", gaz)
    assert ctx.borders == frozenset({"TR"})


def test_near_and_country_arguments(gaz: Gazetteer) -> None:
    res = gaz.resolve("Al-Rai", country="IQ")
    assert res.match is not None and res.match.place.country == "IQ"
    res = gaz.resolve("al-Suwaida", near="Jarablus")
    assert res.match is not None and res.match.place.admin1 == "Aleppo"
    res = gaz.resolve("al-Suwaida", near=(36.6, 37.5))
    assert res.match is not None and res.match.place.admin1 == "Aleppo"


def test_scores_share_ambiguity() -> None:
    places = [make_place("t:1", "Judaydah", 36.0, 37.0), make_place("t:2", "Judaydah", 33.0, 36.0)]
    gaz = Gazetteer(places)
    res = gaz.resolve("Judaydah")
    assert res.match is not None and len(res.alternatives) == 1
    assert res.match.score == pytest.approx(0.5, abs=0.01)
    ctx = Context(anchors=(Anchor(33.1, 36.1),))
    res = gaz.resolve("Judaydah", context=ctx)
    assert res.match is not None and res.match.place.id == "t:2" and res.match.score > 0.8


def test_of_sound_alikes_the_closer_spelling_wins() -> None:
    # "Baghouz" sounds like both (every vowel alike); in letters it is Baghuz, though Bughaz is better known.
    places = [make_place("t:1", "Bughaz", 35.0, 36.5, kind="town"), make_place("t:2", "Baghuz", 34.46, 40.95)]
    res = Gazetteer(places).resolve("Baghouz")
    assert res.match is not None and res.match.place.id == "t:2" and res.match.level == "sound"
    assert res.alternatives and res.alternatives[0].place.id == "t:1"


@pytest.mark.parametrize(("written", "meant"), [("Kafr Nasih", "t:1"), ("kafr naseh", "t:2"), ("Kafr Nāşiḩ", None)])
def test_a_namesakes_own_spelling_breaks_the_tie(written: str, meant: str | None) -> None:
    # Two villages share every transliteration; the maps spell one "Kafr Nasih" and the other "Kafr Naseh".
    spellings = ("Kafr Nāşiḩ", "Kafr Nasih", "Kafr Naseh")
    places = [make_place("t:1", "Kafr Nasih", 36.1, 36.8, names=spellings),
              make_place("t:2", "Kafr Naseh", 35.5, 36.3, names=spellings)]
    res = Gazetteer(places).resolve(written)
    assert res.match is not None and len(res.alternatives) == 1
    if meant is None:  # a spelling neither map uses leaves them even
        assert res.match.score == pytest.approx(0.5, abs=0.01)
    else:
        assert res.match.place.id == meant and 0.5 < res.match.score < 0.7  # preferred, not certain


def test_duplicates_of_one_place_are_one_answer() -> None:
    places = [make_place("t:1", "Tall Ahmar", 36.0, 37.0), make_place("t:2", "Tal Ahmar", 36.01, 37.01)]
    res = Gazetteer(places).resolve("Tell Ahmar")
    assert res.match is not None and res.alternatives == () and res.match.score > 0.85


@pytest.mark.parametrize(
    ("written", "meant", "reduced"),
    [
        ("the town of Mardikh", "t:1", False),  # descriptive words: the same name, full score
        ("Mardikh Castle", "t:1", True),  # a feature at the place
        ("Mardikh Gas Plant", "t:1", True),
        ("East Mardikh", "t:1", True),
        ("Mardikh Saghira", "t:1", True),  # "little Mardikh", its namesake next door
        ("Tall Mardikh", "t:1", True),  # a hill named for the village
        ("Khirbet al-Mardikh", "t:1", True),
    ],
)
def test_names_with_words_not_in_the_gazetteer_fall_back_to_the_place(written: str, meant: str,
                                                                     reduced: bool) -> None:
    gaz = Gazetteer([make_place("t:1", "Mardikh", 36.0, 37.0), make_place("t:2", "Kafr Nabl", 35.6, 36.56)])
    res = gaz.resolve(written)
    assert res.match is not None and res.match.place.id == meant
    assert (res.match.name_score < 0.95) == reduced


@pytest.mark.parametrize("written", ["Mleiha al-Atash", "Mleihah al-Atash", "Mleihat al-Atash"])
def test_the_feminine_ending_before_an_article_with_or_without_its_t(written: str) -> None:
    # Matched by sound (>= 0.8), not only by a loose reading of the consonants.
    gaz = Gazetteer([make_place("t:1", "Mleihat al Atash", 32.8, 36.3), make_place("t:2", "Mleiha", 33.5, 36.4)])
    res = gaz.resolve(written)
    assert res.match is not None and res.match.place.id == "t:1" and res.match.name_score >= 0.8
    # And the other way: a name the gazetteer writes without it.
    res = Gazetteer([make_place("t:3", "Qalaa al-Madiq", 35.4, 36.4)]).resolve("Qalaat al-Madiq")
    assert res.match is not None and res.match.place.id == "t:3"


def test_fallbacks_never_beat_a_known_name() -> None:
    places = [make_place("t:1", "Mardikh", 36.0, 37.0), make_place("t:2", "Tall Mardikh", 36.3, 37.3, kind="hill")]
    res = Gazetteer(places).resolve("Tell Mardikh")
    assert res.match is not None and res.match.place.id == "t:2" and res.alternatives == ()
    # Feature words alone are no place.
    assert Gazetteer(places).resolve("Castle").match is None


def test_user_alias_file_adds_names_and_places(tmp_path: Path) -> None:
    f = tmp_path / "my_aliases.csv"
    f.write_text(
        "name,place_id,lat,lon,country,kind,note\n"
        "Zzyxq Qwrt,gn:169179,,,,,a scraper's spelling\n"
        "Tal Ahmar Outpost,,36.55,38.01,SY,hill,\n"
        "Ahmar Lookout,,36.55,38.01,SY,hill,second name of the same place\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([f])
    res = gaz.resolve("Zzyxq Qwrt")
    assert res.match is not None and res.match.place.id == "gn:169179"
    assert "my_aliases.csv" in res.match.place.sources
    res = gaz.resolve("Tal Ahmar Outpost")
    assert res.match is not None and res.match.place.kind == "hill" and res.match.place.id.startswith("user:")
    other = gaz.resolve("Ahmar Lookout").match
    assert other is not None and other.place.id == res.match.place.id
    assert set(other.place.names) == {"Tal Ahmar Outpost", "Ahmar Lookout"}
    assert load_gazetteer().resolve("Zzyxq Qwrt").match is None, "aliases do not leak into other gazetteers"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("place,lat\nX,1\n", "no 'name' column"),
        ("name,lat,lon\nX,abc,37\n", "needs a place_id"),
        ("name,lat,lon\nX,137,37\n", "out of range"),
        ("name,place_id\nX,gn:0\n", "unknown place_id"),
        ("name,lat,lon,kind\nX,36,37,castle\n", "unknown kind"),
    ],
)
def test_bad_alias_files_say_what_to_fix(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match=message):
        load_gazetteer([f])


def test_missing_alias_file(tmp_path: Path) -> None:
    with pytest.raises(AliasFileError, match="not found"):
        load_gazetteer([tmp_path / "nope.csv"])


def test_places_carry_admin_and_sources(gaz: Gazetteer) -> None:
    res = gaz.resolve("Jarablus")
    assert res.match is not None
    p = res.match.place
    assert (p.country, p.admin1, p.admin2) == ("SY", "Aleppo", "Jarablus")
    assert {"geonames", "wikipedia_map"} <= set(p.sources)
    assert p.population > 0 and p.kind in ("town", "city")
    assert gaz.get(p.id) is p


def test_war_map_labels_by_the_border_are_in_the_maps_country(gaz: Gazetteer) -> None:
    """Natural Earth's outline puts Tal Battal and Barsaya mountain a few hundred metres inside Turkey; the
    Syrian war map marks them as Syrian places. Turkish border towns stay Turkish."""
    for name in ("Tal Battal", "Barsaya mountain"):
        place = gaz.resolve(name).match.place
        assert (place.country, place.admin1) == ("SY", "Aleppo"), name
    for name in ("Kilis", "Karkamis", "Nusaybin"):
        assert gaz.resolve(name).match.place.country == "TR", name


@pytest.mark.parametrize(("text", "governorate"), [
    ("clashes in the Homs Governorate", "Homs"),
    ("Idlib Province", "Idleb"),
    ("the Governorate of Hama", "Hama"),
    ("Aleppo Northern Countryside", "Aleppo"),
])
def test_governorate_words_in_any_case(gaz: Gazetteer, text: str, governorate: str) -> None:
    # Encyclopedia text capitalises the word ("Daraa Governorate"); news agencies often do not.
    assert context_from_text(text, gaz).admin1 == frozenset({governorate})


def test_a_sentence_governorate_beats_another_place_of_the_sentence(gaz: Gazetteer) -> None:
    # Nawa is a town in Daraa and a village in Hama; Kessab (Latakia) is nearer the village, but the
    # sentence says which governorate.
    from gazetteer.geoparse import geoparse

    text = "Fighting raged in Kessab in the Latakia Governorate and near the town of Nawa in the Daraa Governorate."
    found = {pm.mention.text: pm.resolution.match for pm in geoparse(text, gaz)}
    nawa = found["Nawa"]
    assert nawa is not None and nawa.place.admin1 == "Dar'a"


def test_a_theatre_city_keeps_its_own_name_in_a_report_about_elsewhere(gaz: Gazetteer) -> None:
    # The report is about Aleppo's countryside: "Ramadi", spelled as the Iraqi city's own name, is still the
    # city (not the village Remadiyah near Aleppo); "al-Hamah" near Damascus is the suburb, not Hama.
    from gazetteer.geoparse import geoparse

    text = ("Rebels shelled al-Bab and Manbij in the Aleppo countryside. Government troops advanced near "
            "Dayr Hafir and Maskanah. In Iraq, the army retook Ramadi and Fallujah in western Anbar province.")
    found = {pm.mention.text: pm.resolution.match for pm in geoparse(text, gaz)}
    ramadi = found["Ramadi"]
    assert ramadi is not None and (ramadi.place.name, ramadi.place.country) == ("Ramadi", "IQ")
    hamah = gaz.resolve("al-Hamah", near="Damascus").match
    assert hamah is not None and hamah.place.admin1 == "Rural Damascus"


def test_a_report_naming_many_governorates_says_little_about_each_place(gaz: Gazetteer) -> None:
    # Four governorates named: none of them pulls Qusair (al-Qusayr, Homs) to a namesake in one of them.
    from gazetteer.geoparse import geoparse

    text = ("Fighting was reported in Damascus Governorate, Aleppo Governorate, Idlib Governorate and Quneitra "
            "Governorate. Hezbollah took Qusair.")
    qusair = {pm.mention.text: pm.resolution.match for pm in geoparse(text, gaz)}["Qusair"]
    assert qusair is not None and qusair.place.admin1 == "Homs"


@pytest.mark.parametrize(("written", "meant"), [
    ("Jisr Ash Shugur", "Jisr Shughur"), ("Kafr Nobol", "Kafr Nabl"), ("Ain Al Arab", "Kobanî"),
])
def test_the_spelling_of_a_district_named_for_its_seat_means_the_town(gaz: Gazetteer, written: str,
                                                                       meant: str) -> None:
    """OCHA's spelling of a district or subdistrict, as conflict monitors write it, is first its seat."""
    res = gaz.resolve(written)
    assert res.match is not None and (res.match.place.name, res.match.place.kind) == (meant, "town")


@pytest.mark.parametrize(("written", "meant"), [
    ("Garma", "Al-Karmah"), ("Jurf al-Nasr", "Jurf Al Sakhar"), ("Ain al-Asad", "Al Asad Airbase"),
    ("Speicher", "Tikrit Air Academy"), ("Kisik", "Al Kisik Military Base"), ("Ajeel", "Ajil oil field"),
    ("al-Ubaydi", "Al Obaidy Sharqi"),
])
def test_iraqi_press_spellings_the_sources_lack(gaz: Gazetteer, written: str, meant: str) -> None:
    """Curated aliases (gazetteer/data/aliases.csv): Iraqi G for Q, a renamed town, a base's press name."""
    res = gaz.resolve(written)
    assert res.match is not None and res.match.place.name == meant
    assert [m.text for m in gaz.find_mentions(f"Iraqi forces entered {written} on Monday.")] == [written]


def test_iraqs_governorates_are_places_and_say_where_their_towns_are(gaz: Gazetteer) -> None:
    """Curated: the sources have Syria's governorates only; "Anbar" was a Syrian village."""
    for name in ("Anbar", "Nineveh", "Salahuddin", "Diyala"):
        res = gaz.resolve(name)
        assert res.match is not None and (res.match.place.country, res.match.place.kind) == ("IQ", "governorate")
    # Alone, "Al Karmah" is as likely Mahardah in Hama; in Anbar it is the town by Fallujah.
    from gazetteer.geoparse import geoparse

    got = {pm.mention.text: pm.resolution.match for pm in geoparse("IS took Al Karmah town in Anbar.", gaz)}
    karmah = got["Al Karmah"]
    assert karmah is not None and karmah.place.country == "IQ" and _km(gaz, "Garma", karmah.place.lat,
                                                                        karmah.place.lon) < 1

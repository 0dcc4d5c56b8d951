"""The actor registry: the contract ids, aliases, generic terms decided by context, user extension files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mapper._errors import InputError
from mapper.actors import load_actors

CONTRACT = {"isis", "government", "opposition", "tfsa", "sdf", "hts", "iraq", "peshmerga"}


def test_contract_ids_and_colours() -> None:
    reg = load_actors()
    assert set(reg.ids) >= CONTRACT
    assert len({reg.colour(a) for a in CONTRACT}) == len(CONTRACT)


@pytest.mark.parametrize(("text", "actor"), [
    ("Daesh", "isis"), ("ISIL", "isis"), ("the Islamic State group", "isis"), ("YPG", "sdf"),
    ("Tiger Forces", "government"), ("Jabhat Fateh al-Sham", "hts"), ("Hashd al-Shaabi", "iraq"),
    ("Peshmerga", "peshmerga"), ("Ankara-backed", "tfsa"), ("Jaish al-Islam", "opposition"),
    # Names conflict-event notes use: the Turkish Armed Forces, the Levant Front's Arabic name, the NFL.
    ("TAF", "tfsa"), ("Jabhat al-Shamiya", "tfsa"), ("National Front for Liberation", "opposition"),
    ("Iraqi Kurdish Peshmerga", "peshmerga"),
    # Units and groups by the names event notes give them: Maher al-Assad's division, the SDF's Arabic
    # initials, Iraq's rapid-reaction police and tribal units, a Turkish-backed division, al-Qaeda's branch
    # after HTS, the Yarmouk valley's IS affiliate.
    ("4th Division", "government"), ("Qasad", "sdf"), ("Emergency Response Division", "iraq"),
    ("Tribal Mobilization", "iraq"), ("Mutasim Division", "tfsa"), ("Horas al-Din", "hts"),
    ("Liwa Shuhada al-Yarmouk", "isis"), ("Rahman Legion", "opposition"),
])
def test_aliases(text: str, actor: str) -> None:
    reg = load_actors()
    m = reg.find(f"Fighters of {text} moved in.")
    assert m and reg.resolve(m[0]) == actor


@pytest.mark.parametrize(("text", "actor"), [("SDF troops", "sdf"), ("YPG soldiers", "sdf"), ("HTS militants", "hts")])
def test_a_force_noun_after_a_name_is_that_actor_s_men(text: str, actor: str) -> None:
    # Not a name and a generic "troops" (the government's, in a count of who else is in the story).
    reg = load_actors()
    m = reg.find(f"{text} withdrew from the town.")
    assert [(x.text, reg.resolve(x)) for x in m] == [(text, actor)]


def test_is_only_in_capitals() -> None:
    reg = load_actors()
    assert [m.text for m in reg.find("It is clear that IS lost.")] == ["IS"]


def test_generic_terms_by_country_date_and_context() -> None:
    reg = load_actors()
    rebels = reg.find("rebels")[0]
    assert reg.resolve(rebels, country="SY", date=dt.date(2017, 1, 1), recent=["tfsa"], district="Al Bab") == "tfsa"
    before = reg.resolve(rebels, country="SY", date=dt.date(2015, 1, 1), recent=["tfsa"], district="Al Bab")
    assert before == "opposition"
    assert reg.resolve(rebels, country="SY", date=dt.date(2017, 1, 1), recent=["tfsa"],
                       district="Jebel Saman") == "opposition"
    # With nothing named before, a shared term means the actor the registry gives the district to...
    assert reg.resolve(rebels, country="SY", date=dt.date(2017, 1, 1), district="Jarablus") == "tfsa"
    # ... elsewhere, the one that fits.
    assert reg.resolve(rebels, country="SY", date=dt.date(2017, 1, 1), district="Jebel Saman") == "opposition"
    assert reg.resolve(rebels, country="SY", date=dt.date(2015, 1, 1), district="Jarablus") == "opposition"
    # The conflict monitors' "NSAG" (non-state armed group) is the same shared term.
    nsag = reg.find("NSAG fighters moved in.")[0]
    assert reg.resolve(nsag, country="SY", date=dt.date(2016, 9, 1), district="Al Qunaytirah") == "opposition"
    assert reg.resolve(nsag, country="SY", date=dt.date(2019, 1, 1), district="Afrin") == "tfsa"
    for words in ("Kurdish forces", "Kurdish units", "Kurdish troops"):
        kurds = reg.find(words)[0]
        assert reg.resolve(kurds, country="IQ") == "peshmerga"
        assert reg.resolve(kurds, country="SY") == "sdf"


def test_user_file_adds_actor_and_alias(tmp_path: Path) -> None:
    f = tmp_path / "extra.csv"
    f.write_text("id,name,colour,aliases\nsdf,,,Jazira Storm\nrussia,Russian forces,#aa3366,Wagner\n")
    reg = load_actors([f])
    assert reg.resolve(reg.find("Jazira Storm")[0]) == "sdf"
    assert reg.resolve(reg.find("Wagner")[0]) == "russia"
    assert reg.colour("russia") == "#aa3366"


def test_bad_user_file(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("id,colour\nNew Actor,red\n")
    with pytest.raises(InputError, match="lower-case"):
        load_actors([f])
    with pytest.raises(InputError, match="cannot read"):
        load_actors([tmp_path / "missing.csv"])


def test_possessive_without_apostrophe() -> None:
    reg = load_actors()
    assert [(m.text, reg.resolve(m)) for m in reg.find("Despite the regimes recapture of the city")] == [
        ("regimes", "government")]


def test_the_longest_name_wins_where_names_overlap() -> None:
    # "the army" is a generic word; "the Army of Islam" (which starts later) names a rebel group.
    reg = load_actors()
    got = [(m.text, reg.resolve(m, country="SY")) for m in reg.find("Douma is held by the Army of Islam and the army")]
    assert got == [("Army of Islam", "opposition"), ("the army", "government")]


def test_a_user_alias_takes_a_bundled_name_from_its_actor(tmp_path: Path) -> None:
    # The bundled registry files the IRGC under `government`; a user who maps Iran separately gets it.
    f = tmp_path / "iran.csv"
    f.write_text("id,name,colour,aliases\niran,Iranian forces,#117733,IRGC|Quds Force\n")
    reg = load_actors([f])
    assert reg.resolve(reg.find("The IRGC took the hill.")[0]) == "iran"
    assert reg.resolve(reg.find("Hezbollah took the hill.")[0]) == "government"
    assert reg.resolve(load_actors().find("The IRGC took the hill.")[0]) == "government"


def test_tribal_fighters_are_iraqi_forces_in_iraq_only() -> None:
    reg = load_actors()
    tribal = reg.find("Sunni tribal fighters moved in.")[0]
    assert reg.resolve(tribal, country="IQ") == "iraq"
    assert reg.resolve(tribal, country="SY") is None  # in Syria they fight on every side


@pytest.mark.parametrize(("written", "actor"), [
    ("Hayat Tahrir al Sham", "hts"), ("Ahrar al Sham", "opposition"), ("Jaish al Izza", "opposition"),
    ("Faylaq al Sham", "opposition"), ("Liwa al Quds", "government"), ("Jabhat Fateh al Sham", "hts"),
])
def test_names_written_without_the_hyphen_of_their_article(written: str, actor: str) -> None:
    """ACLED and others write "al Sham" for "al-Sham": the same actor, without a second alias for each."""
    reg = load_actors()
    found = reg.find(f"On 3 May, {written} captured the village.")
    assert [(m.text, m.specific) for m in found] == [(written, (actor,))]
    # The hyphen of other words is not an article's: "Kurdish-led" is not "Kurdish led".
    assert [m.text for m in reg.find("Kurdish led forces")] == []

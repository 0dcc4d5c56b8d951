"""Claim extraction: the seed reports against their gold claims, and each reading rule on real-style sentences
(not the seeds' own) so that a rule that only fits one sentence fails here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from gazetteer.geo import haversine_km
from gazetteer.normalize import name_keys
from mapper.claims import Claim
from mapper.documents import Document, iter_documents
from mapper.extract import Extractor

from .conftest import ROOT, read_csv, read_report


@pytest.fixture(scope="module")
def seed_claims(extractor: Extractor) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = defaultdict(list)
    for r in extractor.extract_many(iter_documents([ROOT / "seeds"])):
        out[r.doc_id[:3]].extend(r.claims)
    return out


def _found(claims: list[Claim], g: dict[str, str]) -> bool:
    lo = dt.date.fromisoformat(g["date_from"]) - dt.timedelta(days=1)
    hi = dt.date.fromisoformat(g["date_to"]) + dt.timedelta(days=1)
    return any(haversine_km(c.lat, c.lon, float(g["lat"]), float(g["lon"])) <= 10 and c.actor == g["actor"]
               and c.status == g["status"] and lo <= c.date <= hi for c in claims)


@pytest.mark.parametrize("gold", [g for g in read_csv("seeds_gold.csv") if g["required"] == "yes"],
                         ids=lambda g: f"{g['doc']}-{g['place']}-{g['actor']}")
def test_seed_required_claims(seed_claims: dict[str, list[Claim]], gold: dict[str, str]) -> None:
    assert _found(seed_claims[gold["doc"]], gold), [
        (c.written_as, c.actor, c.status, c.date) for c in seed_claims[gold["doc"]]]


def test_claims_only_reading_gives_the_same_claims(extractor: Extractor) -> None:
    """``places=False`` (what `mapper extract` uses) skips reports with no sentence of control: the same
    claims, no place mentions, and such a report is neither geoparsed nor parsed."""
    quick = Extractor(extractor.gaz, extractor.actors, extractor.nlp, places=False)
    quiet = Document(id="quiet", text="Talks on Aleppo and Idlib resumed in Geneva on Monday. Nothing was agreed.",
                     published=dt.date(2016, 5, 2))
    docs = [*iter_documents([ROOT / "seeds"]), quiet]
    full, fast = list(extractor.extract_many(docs)), list(quick.extract_many(docs))
    assert [r.claims for r in fast] == [r.claims for r in full]
    assert sum(len(r.claims) for r in fast) >= 10
    assert all(r.places == [] for r in fast) and all(r.places for r in full)
    assert (fast[-1].parsed, fast[-1].sentences) == (0, 2)


@pytest.mark.parametrize("neg", read_csv("seeds_negative.csv"), ids=lambda n: f"{n['doc']}-{n['place']}")
def test_seed_negative_claims(seed_claims: dict[str, list[Claim]], neg: dict[str, str]) -> None:
    k = name_keys(neg["place"]).words
    bad = [c for c in seed_claims[neg["doc"]] if k in (name_keys(c.place).words, name_keys(c.written_as).words)
           and neg["actor"] in ("*", c.actor)]
    assert not bad, neg["why"]


def _claims(ex: Extractor, text: str, published: str = "2017-03-10") -> list[tuple[str, str, str | None, str]]:
    return [(c.place, c.actor, c.previous_actor, c.status) for c in read_report(ex, text, published)]


def test_active_capture_with_previous_holder(extractor: Extractor) -> None:
    claims = read_report(extractor, "On Tuesday, the Syrian Democratic Forces captured Tabqa from ISIS.",
                         "2017-05-11")
    assert [(c.actor, c.previous_actor, c.status) for c in claims] == [("sdf", "isis", "controlled")]
    assert claims[0].date == dt.date(2017, 5, 9)
    assert claims[0].evidence.sentence.startswith("On Tuesday")


def test_passive_capture_and_list_of_places(extractor: Extractor) -> None:
    claims = _claims(extractor, "The villages of Tal Shair, Tweis and Sheikh Hilal were captured by the YPG.")
    assert {a for _, a, _, _ in claims} == {"sdf"}
    assert len(claims) >= 2


def test_withdrawal_gives_the_place_to_the_other_side(extractor: Extractor) -> None:
    text = ("Government troops advanced in eastern Homs. Islamic State fighters withdrew from Palmyra on "
            "Thursday after the army stormed its outskirts.")
    claims = read_report(extractor, text, "2017-03-03")
    palmyra = [c for c in claims if name_keys(c.place).words in ("palmyra", "tadmur")]
    assert palmyra and palmyra[0].actor == "government" and palmyra[0].previous_actor == "isis"
    assert palmyra[0].date == dt.date(2017, 3, 2)


@pytest.mark.parametrize(("subject", "changes_hands"), [
    ("Some Islamic State fighters", False),
    ("Many of the jihadists", False),
    ("Part of the IS garrison", False),
    ("Most IS units", False),
    ("The last Islamic State fighters", True),
    ("Islamic State fighters", True),
])
def test_part_of_a_force_withdrawing_does_not_hand_over_the_place(extractor: Extractor, subject: str,
                                                                 changes_hands: bool) -> None:
    text = f"The SDF shelled the town for days. {subject} pulled out of Tabqa on Sunday."
    claims = _claims(extractor, text, "2017-05-10")
    assert bool(claims) is changes_hands
    assert all(actor == "sdf" for _, actor, _, _ in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels captured the courthouse in Saraqib.", [("Saraqib", "opposition", "contested")]),
    ("The YPG took control of the prison in Hasakah.", [("Hasakah", "sdf", "contested")]),
    ("Iraqi forces captured the Mosul government complex.", [("Mosul", "iraq", "contested")]),
    ("Airstrikes hit a school in Saraqib.", []),
    ("IS seized 20 hostages in Saraqib.", []),
    # A bakery or offices taken over by the side that runs the town: no fight for it.
    ("HTS seized control of the bakery in Saraqib and distributed bread.", []),
])
def test_taking_a_building_in_a_town_contests_the_town(extractor: Extractor, text: str,
                                                       expected: list[tuple[str, str, str]]) -> None:
    claims = read_report(extractor, text, "2016-08-10")
    assert [(c.written_as, c.actor, c.status) for c in claims] == expected


def test_the_city_is_not_a_building_named_for_a_town(extractor: Extractor) -> None:
    text = ("Turkish-backed rebels entered al-Bab on Monday and took the Qabasin school. "
            "The city fell to the rebels on Thursday.")
    fell = [c for c in read_report(extractor, text, "2016-08-10") if c.evidence.sentence.startswith("The city")]
    assert [c.written_as for c in fell] == ["al-Bab"]


@pytest.mark.parametrize(("text", "place", "actor"), [
    # "Baiji" parsed as a compound of "refinery", itself a compound of "town".
    ("Iraqi security forces and Popular Mobilization Units regained full control of Baiji refinery town from "
     "ISIS after months of fighting.", "Baiji", "iraq"),
    # "Mayadin" parsed as a second subject of "fled": the headline's own verb takes it.
    ("Syrian troops retake Mayadin from IS; the jihadists fled to the east.", "Mayadin", "government"),
])
def test_misparsed_lines_keep_their_capture(extractor: Extractor, text: str, place: str, actor: str) -> None:
    claims = read_report(extractor, text, "2016-08-10")
    assert [(c.written_as, c.actor, c.status) for c in claims] == [(place, actor, "controlled")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Heavy street fighting raged inside Tabqa between the SDF and IS.", {("sdf", "contested"), ("isis", "contested")}),
    ("Clashes continued within Azaz between Turkish-backed rebels and the YPG.",
     {("tfsa", "contested"), ("sdf", "contested")}),
    ("Government troops battled rebels inside Saraqib.", {("government", "contested")}),
    # Not fighting that may come, nor fighting whose sides are not named, nor fighting near or "in" a place
    # (an event note's location).
    ("Clashes could erupt inside Tabqa between the SDF and IS.", set()),
    ("Heavy clashes broke out inside Tabqa.", set()),
    ("The SDF and IS clashed near Tabqa.", set()),
    ("The SDF and IS clashed in Tabqa.", set()),
])
def test_fighting_inside_a_place_contests_it(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(c.actor, c.status) for c in read_report(extractor, text, "2017-04-20")} == expected


@pytest.mark.parametrize("text", ["Rebels recaptured several key points of Saraqib.",
                                  "Rebels seized the main positions of Saraqib after heavy clashes."])
def test_points_of_a_town_are_part_of_it(extractor: Extractor, text: str) -> None:
    claims = read_report(extractor, text, "2016-08-10")
    assert [(c.written_as, c.actor, c.status) for c in claims] == [("Saraqib", "opposition", "contested")]


@pytest.mark.parametrize("text", [
    "Iraqi forces launched an offensive to recapture Tal Afar.",
    "The army advanced towards Deir ez-Zor from the west.",
    "Rebels tried to capture Morek but were repelled.",
    "The YPG was not able to capture Tell Brak.",
    "Turkey said its forces should also liberate Manbij.",
    "Government aircraft shelled Saraqib and Maarrat al-Numan.",
    "The SDF closed in on Raqqa.",
])
def test_no_claim_for_intent_advance_failure_negation_shelling(extractor: Extractor, text: str) -> None:
    assert _claims(extractor, text) == []


def test_siege_of_rebel_held_area(extractor: Extractor) -> None:
    claims = _claims(extractor, "Regime forces laid siege to rebel-held Douma.", "2017-03-10")
    assert ("opposition", "besieged") in {(a, s) for _, a, _, s in claims}


def test_partial_capture_is_contested(extractor: Extractor) -> None:
    claims = _claims(extractor, "ISIS captured parts of Palmyra on Saturday.", "2016-12-11")
    assert claims and claims[0][1:] [0] == "isis" and claims[0][3] == "contested"


def test_generic_actor_follows_the_country(extractor: Extractor) -> None:
    iraq = _claims(extractor, "The army recaptured Baiji from the militants.", "2015-10-20")
    syria = _claims(extractor, "The army recaptured Khanasir from the militants.", "2016-02-25")
    assert iraq and iraq[0][1] == "iraq"
    assert syria and syria[0][1] == "government"


def test_turkish_backed_context_decides_rebels(extractor: Extractor) -> None:
    text = ("Turkish tanks crossed the border to back the rebels. The rebels took Dabiq on Sunday.")
    claims = read_report(extractor, text, "2016-10-17")
    assert claims and claims[-1].actor == "tfsa"
    before = read_report(extractor, text, "2015-10-17")
    assert before and before[-1].actor == "opposition"  # no Turkish operation in 2015


def test_statement_of_who_holds_a_place(extractor: Extractor) -> None:
    claims = read_report(extractor, "Coalition jets struck Mosul, the largest city held by the Islamic State.",
                         "2016-11-02")
    assert [(c.actor, c.kind) for c in claims] == [("isis", "statement")]


def test_places_outside_the_war_get_no_claim(extractor: Extractor) -> None:
    assert _claims(extractor, "Turkish police captured Gaziantep suspects as ISIS seized Diyarbakir headlines.") == []


def test_actor_names_are_not_places(extractor: Extractor) -> None:
    claims = read_report(extractor, "Al-Nusra captured Jisr al-Shughur from government forces.", "2015-04-25")
    assert {c.actor for c in claims} == {"hts"}
    assert all(name_keys(c.written_as).words != "nusra" for c in claims)


def test_narrative_dates_follow_the_text(extractor: Extractor) -> None:
    text = "## 2015\nOn 20 April, YPG forces captured Ras al-Ayn.\nThe next day, the YPG recaptured Sarrin."
    claims = read_report(extractor, text, "2023-06-01", narrative=True)
    dates = {c.written_as: c.date for c in claims}
    assert dates.get("Ras al-Ayn") == dt.date(2015, 4, 20)
    assert dates.get("Sarrin") == dt.date(2015, 4, 21)


def test_hostile_text_is_kept_as_data(extractor: Extractor) -> None:
    text = 'ISIS captured Manbij <script>alert("x")</script> on Monday.'
    claims = read_report(extractor, text, "2014-01-15")
    assert all("<script>" in c.evidence.sentence for c in claims)  # escaping is the renderer's job


def test_unknown_names_are_reported_not_dropped(extractor: Extractor) -> None:
    doc_text = "Regime forces regained control of Tal Qwerzaba village in southern Aleppo countryside."
    from mapper.documents import Document

    result = extractor.extract(Document("u", doc_text, dt.date(2016, 10, 10)))
    assert [u.name for u in result.unresolved] == ["Tal Qwerzaba"]
    assert doc_text[result.unresolved[0].start:result.unresolved[0].end] == "Tal Qwerzaba"


def test_an_unknown_name_that_opens_with_its_article_is_the_place_taken(extractor: Extractor) -> None:
    # "al-Qwertzabad" first in its name was read as a preposition, and "the first town" then went back to the
    # province named after it: the name is reported, the province only says where it is.
    from mapper.documents import Document

    text = ("Government forces seized al-Qwertzabad in southern Idlib, the first town they have captured in the "
            "province this year.")
    result = extractor.extract(Document("u", text, dt.date(2019, 8, 11)))
    assert result.claims == []
    assert [u.name for u in result.unresolved] == ["al-Qwertzabad"]


def test_an_unknown_name_keeps_its_article_part(extractor: Extractor) -> None:
    # "Bab al-Qwertz" parsed as "Bab" and a second name: reported whole, not as "Bab" (which is al-Bab).
    from mapper.documents import Document

    text = "The Syrian Army said it captured three more villages: Hamamiyat, Tal Malah and Bab al-Qwertz."
    result = extractor.extract(Document("u", text, dt.date(2019, 5, 11)))
    assert [u.name for u in result.unresolved] == ["Bab al-Qwertz"]
    assert all(c.written_as != "Bab" for c in result.claims)


def test_event_database_wording(extractor: Extractor) -> None:
    claims = read_report(extractor, "Military Forces of Syria took over the village of Rasm al-Harmal from IS.",
                         "2017-06-14")
    assert [(c.actor, c.previous_actor) for c in claims] == [("government", "isis")]


def test_announced_plan_is_not_a_capture(extractor: Extractor) -> None:
    plan = _claims(extractor, "The army announced an operation to recapture the rebel-held east of Aleppo.",
                   "2016-10-07")
    assert ("government", "controlled") not in {(a, s) for _, a, _, s in plan}
    claims = _claims(extractor, "The Syrian military declared the city of Mayadin liberated.", "2017-10-14")
    assert [(a, s) for _, a, _, s in claims] == [("government", "controlled")]


def test_capture_the_parser_misreads_is_read_from_the_words(extractor: Extractor) -> None:
    # The small parser reads "the army retook" as a name and the town as the subject of "after"; the words
    # before the place still say it, and the army is not the town's holder.
    claims = _claims(extractor, "Yesterday the army retook Deir Hafer, after a week of fighting.", "2016-12-31")
    assert claims == [("Dayr Hafir", "government", None, "controlled")]


def test_expelled_from_when_the_parser_hangs_from_on_the_loser(extractor: Extractor) -> None:
    claims = _claims(extractor, "On Monday, after ten days of fighting, the Syrian Army had fully expelled the "
                                "rebels from Handarat.", "2015-03-20")
    assert claims == [("Handarat", "government", "opposition", "controlled")]


@pytest.mark.parametrize(("text", "expected"), [
    # Driving out the fighters "in" a place is driving them out of it, hung on the fighters or the verb...
    ("After Kurdish militia expelled jihadists in Ras al-Ain last month, Al-Qaeda attacked.",
     [("Ras al-Ain", "sdf")]),
    ("Government forces expelled IS fighters in Palmyra on Sunday.", [("Palmyra", "government")]),
    # ... not driving out people, or killing fighters there.
    ("Government forces expelled the residents in Palmyra on Sunday.", []),
    ("Government forces killed IS fighters in Palmyra on Sunday.", []),
])
def test_driving_out_the_fighters_in_a_place(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    got = [(c.written_as, c.actor) for c in read_report(extractor, text, "2016-07-01")]
    assert got == expected


def test_verbs_the_lemmatizer_misreads(extractor: Extractor) -> None:
    # The lemmatizer reads "routed" as a form of "route".
    claims = _claims(extractor, "On Monday the SDF routed IS from Manbij.", "2016-08-20")
    assert claims == [("Manbij", "sdf", "isis", "controlled")]
    assert _claims(extractor, "IS was routed from Dabiq by Turkish-backed rebels.", "2016-10-17") == [
        ("Dabiq", "tfsa", "isis", "controlled")]
    assert _claims(extractor, "Aid convoys were routed through Azaz.", "2016-10-17") == []
    # ... and "reentered" as one of "reentere": entering a place is fighting in it.
    assert _claims(extractor, "IS fighters reentered the city of Palmyra on Sunday.", "2016-12-12") == [
        ("Palmyra", "isis", None, "contested")]


def test_police_patrols_and_convoys_that_enter_a_town_do_not_fight_for_it(extractor: Extractor) -> None:
    for text in ("On Friday Russian military police entered Kobani as part of the Sochi agreement.",
                 "On Friday a joint Russian-Turkish patrol entered Darbasiyah and toured several villages."):
        assert _claims(extractor, text, "2019-11-02") == [], text
    # Troops entering are fighting there.
    assert _claims(extractor, "On Wednesday Turkish tanks entered Jarablus with Syrian rebels.", "2016-08-25") == [
        ("Jarabulus", "tfsa", None, "contested")]


def test_a_country_written_as_a_place_is_no_side(extractor: Extractor) -> None:
    # "Turkey" is an actor's name (tfsa) and a country: civilians fleeing to it do not make Turkey the
    # besieged side.
    claims = _claims(extractor, "On Friday IS besieged Kobani villages and civilians started fleeing to Turkey.",
                     "2014-09-20")
    assert ("tfsa", "besieged") not in {(a, s) for _, a, _, s in claims}
    assert _claims(extractor, "On Wednesday, rebels backed by Turkey captured Jarablus.", "2016-08-25") == [
        ("Jarabulus", "tfsa", None, "controlled")]


def test_a_declared_defeat_of_a_side_in_a_place_is_its_capture(extractor: Extractor) -> None:
    for text in ("On Saturday the SDF declared the territorial defeat of IS at Baghouz.",
                 "On Saturday the SDF announced the defeat of IS in Baghouz.",
                 "On Saturday the SDF announced the complete elimination of IS in Baghouz."):
        assert [(place[:5], a, p, s) for place, a, p, s in _claims(extractor, text, "2019-03-24")] == [
            ("Baghu", "sdf", "isis", "controlled")], text
    # Aims and promises are no defeat.
    for text in ("The coalition aims at the defeat of IS in Raqqa.",
                 "On Sunday the SDF said they would soon announce the defeat of IS in Raqqa.",
                 "The SDF vowed the elimination of IS in Raqqa."):
        assert _claims(extractor, text, "2016-05-01") == [], text


def test_who_held_a_place_before_its_capture_from_the_clause_after_it(extractor: Extractor) -> None:
    """The side that withdrew before, or that the takers fought, held the place: "from" is not needed."""
    assert _claims(extractor, "On Thursday IS militants seized the town of Qaraqosh after Peshmerga forces "
                              "withdrew.", "2014-08-08") == [("Al-Hamdaniya", "isis", "peshmerga", "controlled")]
    assert _claims(extractor, "On Tuesday Turkish-backed armed groups took control of Tal Halaf village after "
                              "clashes with the SDF.", "2019-10-16")[0][1:] == ("tfsa", "sdf", "controlled")
    # A passive capture after a side retreated: the other side took it.
    claims = _claims(extractor, "In late 2016 the army advanced in Aleppo. By the end of the day, Old Aleppo had "
                                "been taken after the rebels retreated from its three neighborhoods.", "2016-12-07")
    assert [(a, p) for _, a, p, _ in claims] == [("government", "opposition")]


def test_by_a_time_says_when_not_who(extractor: Extractor) -> None:
    assert _claims(extractor, "By November 2012, Sarmin was back under FSA control.", "2012-11-20") == [
        ("Sarmin", "opposition", None, "controlled")]
    assert _claims(extractor, "By Friday, Raqqa was taken by the SDF.", "2016-05-05")[0][1] == "sdf"
    # Lost "by that point", said by a rebel spokesman: lost by the rebels, to whom the sentence does not say.
    text = ("A National Front for Liberation spokesman announced the group's withdrawal from the area, stating that "
            "Qalaat al-Madiq was already militarily lost for them by that point.")
    assert _claims(extractor, text, "2019-05-10") == []


def test_a_side_named_just_before_a_second_verb_is_its_doer(extractor: Extractor) -> None:
    # The parser reads "Syrian forces" as one more thing handed over, and "took" as done by Jaish al-Islam.
    text = "Jaish al-Islam handed over its heavy weapons and Syrian forces took control of Douma."
    assert _claims(extractor, text, "2018-04-14") == [("Douma", "government", None, "controlled")]


def test_a_place_lost_to_an_offensive_named_for_its_side(extractor: Extractor) -> None:
    # "a Turkish offensive" names the side that gained the place ("Turkish" alone names no side).
    assert _claims(extractor, "The YPG lost Afrin after a two-month Turkish offensive.", "2018-03-18") == [
        ("Afrin", "tfsa", "sdf", "controlled")]
    assert _claims(extractor, "The SDF withdrew from Ras al-Ain during the Turkish military operation.",
                   "2019-10-20") == [("Ras al-Ayn", "tfsa", "sdf", "controlled")]


def test_a_place_that_opens_the_sentence_without_a_comma(extractor: Extractor) -> None:
    # The parser reads "Idlib HTS" as one name and the clause loses its subject, as with "On Friday ...".
    assert _claims(extractor, "In Idlib HTS took control of Sarmada.", "2018-08-18") == [
        ("Sarmada", "hts", None, "controlled")]
    assert _claims(extractor, "In eastern Aleppo government forces captured Sakhour.", "2016-11-29")[0][1:] == (
        "government", None, "controlled")


def test_recovered_a_place(extractor: Extractor) -> None:
    assert _claims(extractor, "Regime forces recovered the village of al-Hader south of Aleppo.", "2015-10-17") == [
        ("Hader", "government", None, "controlled")]
    assert _claims(extractor, "Civil defence teams recovered 12 bodies in Raqqa on Monday.", "2018-05-01") == []


def test_back_in_a_sides_hands(extractor: Extractor) -> None:
    # The parser hangs "in government hands" on "back", not on "is".
    assert _claims(extractor, "Nasib is back in government hands.", "2018-07-06") == [
        ("Nassib", "government", None, "controlled")]
    assert _claims(extractor, "Daraa will soon be back in government hands.", "2018-07-06") == []


def test_held_all_of_a_place(extractor: Extractor) -> None:
    assert _claims(extractor, "IS holds all of Raqqa city.", "2017-05-01") == [
        ("Ar Raqqah", "isis", None, "controlled")]
    assert _claims(extractor, "The rebels held all their positions despite the assault.", "2017-05-01") == []


def test_an_outlet_named_like_a_town_is_no_antecedent(extractor: Extractor) -> None:
    # "the town" is the town of the report (Al-Dana), not al-Mayadin or the village of Al Jazeera.
    text = ("Al-Dana had been under rebel control since July 2012. However, al-Jazeera reported that IS controlled "
            "the town entirely. Al-Mayadeen TV reported that the army took control of the town.")
    places = {p for p, *_ in _claims(extractor, text, "2013-07-10")}
    assert places == {"Al-Dana"}


def test_a_withdrawal_by_no_known_side_gives_no_one_the_place(extractor: Extractor) -> None:
    # The 2nd Division is no actor of the registry: the sides named elsewhere did not take the town.
    text = "Russian jets bombed rebel positions near Idlib. On Monday the 2nd Division had deserted Saraqib."
    assert _claims(extractor, text, "2019-10-20") == []
    # People evacuated by a force: nobody lost the town.
    assert _claims(extractor, "By January 18, over 3,800 civilians had been evacuated from Ramadi by Iraqi forces.",
                   "2016-01-20") == []


def test_re_verbs_written_with_a_hyphen(extractor: Extractor) -> None:
    # Split at the hyphen, "re" is read as a noun and the clause loses its verb.
    for text in ("On Sunday IS re-gained control of Palmyra.", "On Sunday, Palmyra was re-captured by IS.",
                 "On Sunday IS re-took Palmyra.", "On Sunday IS re-imposed its control over Palmyra."):
        assert _claims(extractor, text, "2016-12-12") == [("Palmyra", "isis", None, "controlled")], text
    assert _claims(extractor, "On Sunday regime forces re-established control over Douma.", "2018-04-02") == [
        ("Douma", "government", None, "controlled")]
    assert _claims(extractor, "On Sunday IS fighters re-entered Palmyra.", "2016-12-12") == [
        ("Palmyra", "isis", None, "contested")]
    assert _claims(extractor, "On Sunday the re-election of the council was held in Palmyra.", "2016-12-12") == []


def test_a_facility_named_for_a_town_is_the_facility(extractor: Extractor) -> None:
    claims = read_report(extractor, "On Friday the SDF captured the Tishrin Dam after heavy fighting.", "2015-12-28")
    assert [(c.place, c.actor) for c in claims] == [("Tishrin Dam", "sdf")]
    claims = read_report(extractor, "Government forces entered the Kuweires airport on Tuesday.", "2015-11-12")
    assert [(c.place, c.status) for c in claims] == [("Kuweires Airbase", "contested")]


def test_towns_naming_a_checkpoint_are_not_taken(extractor: Extractor) -> None:
    claims = _claims(extractor, "On Saturday rebels captured the Kafr Nabl and Hish intersection checkpoints.",
                     "2014-05-26")
    assert claims == []


def test_a_range_of_days_dates_the_capture_by_its_last_day(extractor: Extractor) -> None:
    claims = read_report(extractor, "Between 3 and 7 May the SDF seized Tabqa after a week of fighting.",
                         "2017-05-20")
    assert [(c.actor, c.date) for c in claims] == [("sdf", dt.date(2017, 5, 7))]


def test_places_an_area_is_composed_of_are_taken_with_it(extractor: Extractor) -> None:
    claims = _claims(extractor, "On Monday, government forces captured the entire rebel pocket, composed of the "
                                "towns of Kafr Nabl and Kafr Zita.", "2019-08-27")
    assert sorted(c[:2] for c in claims) == [("Kafr Nabl", "government"), ("Kafr Zita", "government")]


def test_a_pronoun_is_the_subject_of_the_earlier_clause(extractor: Extractor) -> None:
    text = ("Government troops shelled Idlib on Friday. On Saturday, the rebels launched an assault on army-held "
            "positions, with activists reporting that they captured Kafr Nabl.")
    assert _claims(extractor, text, "2015-06-14") == [("Kafr Nabl", "opposition", None, "controlled")]


def test_fighters_led_by_a_group_are_that_group(extractor: Extractor) -> None:
    claims = _claims(extractor, "On Friday, jihadist rebels led by al-Nusra imposed full control over the town of "
                                "Kafr Nabl.", "2016-06-20")
    assert claims == [("Kafr Nabl", "hts", None, "controlled")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The clashes left rebels in control of the town of Kafr Nabl.", [("Kafr Nabl", "opposition")]),
    ("By Friday, the SDF remained in control of Tabqa.", [("al-Thawrah", "sdf")]),
    ("Rebels said they hoped to be in control of Kafr Nabl soon.", []),
])
def test_in_control_of(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [c[:2] for c in _claims(extractor, text)] == expected


@pytest.mark.parametrize("text", [
    "On Friday IS withdrew its fighters from Maskanah; it was unclear who would enter the town.",
    "On Friday local residents expelled the rebels of Ahrar al-Sham from the town of Kafr Nabl.",
    "There were unconfirmed reports on Friday that the rebels had retaken Kafr Nabl.",
    "After the rebels captured Kafr Zita on Friday, thousands fled from Kafr Nabl as the militants advanced.",
    "On Friday IS claimed to have captured the village of Kafr Nabl, but the rebels denied the claim.",
])
def test_no_claim_when_the_text_does_not_know_who_took_it(extractor: Extractor, text: str) -> None:
    assert [c for c in _claims(extractor, text, "2017-02-12") if c[0] != "Kafr Zita"] == []


def test_control_over_and_a_list_under_a_landmark(extractor: Extractor) -> None:
    claims = _claims(extractor, "Regime forces regained control over al-Sukhnah on Sunday.", "2017-08-08")
    assert [c[:2] for c in claims] == [("Al-Sukhnah", "government")]
    claims = _claims(extractor, "SDF forces seized 3 villages north of Raqqa, including Hazimah.", "2017-04-08")
    assert [c[:2] for c in claims] == [("Al Hazimah", "sdf")]  # Raqqa is only the landmark


def test_a_list_member_read_as_a_namesake_abroad_is_claimed_once(extractor: Extractor) -> None:
    claims = read_report(extractor, "Rebels from Jaish al-Islam retook the towns of Hazeh and Hamouriyeh.",
                         "2017-03-01")
    assert sorted(c.written_as for c in claims) == ["Hamouriyeh", "Hazeh"]
    assert {c.country for c in claims} == {"SY"}


def test_they_is_the_actor_the_story_followed_in_the_sentence_before(extractor: Extractor) -> None:
    # The subject of the sentence before, not the last actor named (the army, in it).
    text = ("On Friday the rebels stormed positions of the Syrian Army north of Idlib. "
            "They also captured the town of Kafr Nabl.")
    claims = _claims(extractor, text, "2014-03-30")
    assert ("Kafr Nabl", "opposition") in [c[:2] for c in claims]


@pytest.mark.parametrize(("text", "expected"), [
    ("Maskanah is now under the control of government forces.", [("Maskanah", "government")]),
    ("Raqqa is now in the hands of the Syrian Democratic Forces.", [("Ar Raqqah", "sdf")]),
    ("On Sunday the town of Maskanah fell to government forces.", [("Maskanah", "government")]),
    ("The army said it had restored security and stability to Deir Hafer.", [("Dayr Hafir", "government")]),
    ("Tabqa was recaptured from IS by US-backed forces on Wednesday.", [("al-Thawrah", "sdf")]),
])
def test_statements_and_generic_gainers(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [c[:2] for c in _claims(extractor, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Who besieges whom must be said; the side that breaks a siege holds the place.
    ("On Saturday the rebels battled in a bid to ease the siege of the town of Kafr Nabl.", []),
    ("On Tuesday government troops broke the siege of Deir ez-Zor maintained by IS.",
     [("Deir ez-Zor", "government", "controlled")]),
    ("On Friday fighting raged as the rebels launched an offensive to recapture the road and break the "
     "siege of Kafr Nabl.", []),
    ("On Monday rebels and their families left areas under regime siege around Kafr Nabl in evacuation deals.",
     [("Kafr Nabl", "opposition", "besieged")]),
    # Fighters besieged in a place hold it; fighters captured or killed there say nothing of it.
    ("On Friday Iraqi forces encircled hundreds of IS fighters in Fallujah.", [("Fallujah", "isis", "besieged")]),
    ("On Friday the SDF surrounded Islamic State militants inside Manbij, cutting their last road.",
     [("Manbij", "isis", "besieged")]),
    ("On Friday the army captured dozens of IS fighters in Hama.", []),
    ("On Friday Kurdish forces killed ten IS militants in Hasakah.", []),
    ("On Friday hundreds of IS fighters remained besieged in the old city of Raqqa.",
     [("Ar Raqqah", "isis", "besieged")]),
    ("On Friday civilians were besieged in Madaya.", []),
    # A siege's breaking said as a noun: who broke it holds the place, when said; else those it besieged.
    ("On Wednesday government forces completed the breaking of the siege of Nubl.", [("Nubl", "government",
                                                                                      "controlled")]),
    ("On Tuesday the army's offensive culminated in the lifting of the IS siege of Deir ez-Zor.",
     [("Deir ez-Zor", "government", "controlled")]),
    ("On Tuesday rebels vowed to prevent the lifting of the siege of Nubl.", []),
])
def test_sieges_said_and_broken(extractor: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2017-09-08")] == expected


def test_the_passive_subject_of_an_expulsion_is_the_loser(extractor: Extractor) -> None:
    # Nobody is said to have taken it: no claim, and above all not one for IS.
    assert _claims(extractor, "After days of fighting, IS militants were expelled from the town of Maskanah.") == []
    text = "Government forces attacked on Sunday. IS militants were expelled from the town of Maskanah."
    assert [c[:3] for c in _claims(extractor, text)] == [("Maskanah", "government", "isis")]


def test_a_town_handed_over_goes_to_whom_it_is_handed(extractor: Extractor) -> None:
    claims = _claims(extractor, "The town of Douma was handed over to regime forces after the rebels left.")
    assert [c[:2] for c in claims] == [("Douma", "government")]


def test_its_fighters_are_the_actor_named_before(extractor: Extractor) -> None:
    claims = _claims(extractor, "The SDF said its fighters had entered the eastern districts of Raqqa.")
    assert [(c[0], c[1], c[3]) for c in claims] == [("Ar Raqqah", "sdf", "contested")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The army reached the town of Albu Kamal on Sunday and took control of it.", [("Abu Kamal", "government")]),
    ("IS attacked Deir ez-Zor on Sunday, and the army repelled it.", []),
    ("The rebels said Kafr Nabl was important and they would take it soon.", []),
])
def test_it_refers_back_to_the_place_named_before(extractor: Extractor, text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert [c[:2] for c in _claims(extractor, text, "2017-11-13")] == expected


def test_spelling_the_gazetteer_lacks_is_read_loosely(extractor: Extractor) -> None:
    """"Hammam al-Turkman" is not a spelling of Hammam at Turkuman the gazetteer holds: read loosely, in a
    control clause, it is."""
    claims = read_report(extractor, "IS regained control of Hammam al-Turkman village following clashes with "
                                    "the YPG.", "2016-04-20")
    assert [(c.written_as, c.place_id, c.actor) for c in claims] == [("Hammam al-Turkman", "gn:169971", "isis")]


def test_loose_reading_far_from_the_reports_places_is_refused(extractor: Extractor) -> None:
    """Read loosely, "Kwi" is a village 200 km from Kobani: in a report about Kobani that reading is refused
    and the name reported as unresolved; "Kafarya" beside Idlib is Kafriya."""
    from mapper.documents import Document

    text = ("IS fighters advanced on Kobani. The YPG withdrew from the villages of Kwi and Kendal east of "
            "Kobani on Wednesday.")
    result = extractor.extract(Document("k", text, dt.date(2014, 7, 10)))
    assert "Kwi" in [u.name for u in result.unresolved]
    assert all(c.written_as != "Kwi" for c in result.claims)
    claims = read_report(extractor, "After taking Idlib city, the rebels captured Kafarya from government "
                                    "forces.", "2015-04-01")
    assert ("Kafarya", "government") not in [(c.written_as, c.actor) for c in claims]
    kafarya = [c for c in claims if c.written_as == "Kafarya"]
    assert kafarya and haversine_km(kafarya[0].lat, kafarya[0].lon, 35.99, 36.68) < 5


def test_backer_says_who_the_forces_are(extractor: Extractor) -> None:
    """"fighters backed by Turkey" are tfsa whatever else they are called; of two actors joined by "and",
    the first named acts."""
    claims = read_report(extractor, "Syrian opposition fighters backed by Turkey captured Dabiq from IS.",
                         "2016-10-16")
    assert [(c.written_as, c.actor, c.previous_actor) for c in claims] == [("Dabiq", "tfsa", "isis")]
    claims = read_report(extractor, "HTS and Turkish-backed fighters retook Saraqib city from regime forces.",
                         "2020-02-27")
    assert [(c.written_as, c.actor) for c in claims] == [("Saraqib", "hts")]

    # The backer as the agent of "supported/backed by", in any of its names.
    claims = read_report(extractor, "Free Syrian Army groups supported by Ankara entered Tal Rifaat on Monday.",
                         "2018-03-20")
    assert [(c.written_as, c.actor) for c in claims] == [("Tal Rifaat", "tfsa")]
    claims = read_report(extractor, "Local militias backed by Iran seized the village of Hader.", "2016-02-10")
    assert [(c.written_as, c.actor) for c in claims] == [("Hader", "government")]


def test_declared_or_kept_control(extractor: Extractor) -> None:
    claims = read_report(extractor, "The SDF declared full control over Baghuz village after the last IS "
                                    "fighters surrendered.", "2019-03-23")
    assert [(c.written_as, c.actor, c.status) for c in claims] == [("Baghuz", "sdf", "controlled")]
    claims = read_report(extractor, "Iraqi forces announced full control of Fallujah.", "2016-06-26")
    assert [(c.written_as, c.actor) for c in claims] == [("Fallujah", "iraq")]


def test_place_located_by_a_direction_is_the_one_taken(extractor: Extractor) -> None:
    """"Tadef south of al-Bab" is parsed as a compound of "south": Tadef is taken, al-Bab is a landmark."""
    claims = read_report(extractor, "Regime forces seized the town of Tadef south of al-Bab from IS.", "2017-02-26")
    assert [(c.written_as, c.actor, c.previous_actor) for c in claims] == [("Tadef", "government", "isis")]
    claims = read_report(extractor, "SDF fighters captured Tal Samen north of Raqqa.", "2017-02-01")
    assert [(c.written_as, c.actor) for c in claims] == [("Tal Samen", "sdf")]


def test_a_base_named_by_its_own_name_and_a_facility_word(extractor: Extractor) -> None:
    """"the Menagh airbase": "Menagh" alone already means the base; the claim is the base's."""
    claims = read_report(extractor, "Kurdish YPG fighters captured the Menagh airbase from rebels.", "2016-02-10")
    assert [(c.written_as, c.actor, c.previous_actor) for c in claims] == [
        ("Menagh airbase", "sdf", "opposition")]
    assert claims[0].place_id.startswith("wm:")


def test_the_syrian_government_is_an_actor_and_the_airbase_refers_back(extractor: Extractor) -> None:
    claims = read_report(extractor, "Rebels captured the Abu al-Duhur airbase in September 2015. The Syrian "
                                    "government recaptured the airbase on 21 January 2018.", "2018-01-25")
    assert [(c.actor, c.date.isoformat()) for c in claims] == [("opposition", "2015-09-01"),
                                                               ("government", "2018-01-21")]
    assert len({c.place_id for c in claims}) == 1


def test_besieged_with_no_besieger_and_no_holder_is_no_claim(extractor: Extractor) -> None:
    """"Jets of the Syrian government struck the besieged Al-Waer": who besieges whom is not said, and the
    side that bombs is not the side besieged."""
    assert _claims(extractor, "Jets thought to belong to the Syrian government struck the besieged Al-Waer "
                              "neighbourhood in Homs.", "2016-08-28") == []


def test_places_taken_along_with_others(extractor: Extractor) -> None:
    """"along with", "together with" and "alongside" join more places to what was taken."""
    got = _claims(extractor, "Rebels seized Kafr Nabudah along with the nearby town of Kafr Zita on Tuesday. "
                             "The army recaptured Morek together with Lataminah on Wednesday.", "2019-05-08")
    assert {(c[0], c[1]) for c in got} == {("Kafr Nabudah", "opposition"), ("Kafr Zita", "opposition"),
                                            ("Morek", "government"), ("Al Lataminah", "government")}
    assert _claims(extractor, "Turkish troops along with rebels shelled Tal Rifaat on Monday.", "2018-02-05") == []


def test_a_site_of_a_place_is_the_place(extractor: Extractor) -> None:
    got = _claims(extractor, "On 2 March the army captured the ancient site of Tell Mardikh.", "2018-03-03")
    assert [(c[0], c[1]) for c in got] == [("Tall Mardikh", "government")]


def test_a_name_the_tagger_reads_as_a_noun_is_read_loosely(extractor: Extractor) -> None:
    """"Tramla" (Tarmala), tagged a common noun after "and", is still a name in the list of towns taken."""
    got = _claims(extractor, "On Monday the rebels captured the city of Saraqib, the towns of Ariha and Tramla, and "
                             "two hills.", "2018-02-21")
    assert {c[0] for c in got} == {"Saraqib", "Ariha", "Tarmala"}


@pytest.mark.parametrize(("text", "expected"), [
    # Walking in after the holder left is taking the place; entering while it fights is contesting it.
    ("Regime troops entered Manbij following the withdrawal of the YPG on Friday.",
     [("Manbij", "government", "controlled")]),
    ("Rebels entered Khan Tuman on Friday as government forces fled.", [("Khan Tuman", "opposition", "controlled")]),
    ("IS fighters entered Palmyra on Friday after heavy fighting.", [("Palmyra", "isis", "contested")]),
    ("The army entered Saraqib on Friday after it withdrew from Khan Tuman.", [("Saraqib", "government", "contested")]),
])
def test_entering_after_the_holder_left(extractor: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    entered = text.split(" entered ")[1]
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2017-09-09") if entered.startswith(c[0])] == expected


def test_victory_declared_in_a_place_and_a_village_listed_by_a_landmark(extractor: Extractor) -> None:
    assert [c[:2] for c in _claims(extractor, "The SDF declared victory in Tabqa on Friday.", "2017-05-13")] == [
        ("al-Thawrah", "sdf")]
    assert _claims(extractor, "The army hopes to declare victory in Idlib soon.", "2017-05-13") == []
    got = _claims(extractor, "On Monday the SDF captured 12 villages near Manbij, including Fatisah.", "2016-06-01")
    assert [c[:2] for c in got] == [("Fatisah", "sdf")]


@pytest.mark.parametrize(("text", "expected"), [
    # "including" hung on the landmark: the list names the villages taken, not parts of the landmark.
    ("Iraqi troops retook several villages near Qayyarah, including Bajwaniya and al-Mashraf.",
     [("Baijwaniya", "iraq"), ("Mashraf", "iraq")]),
    ("SDF fighters took over three villages in the vicinity of Hajin, including al-Susa.", [("As Susah", "sdf")]),
    # Only what was taken: an attack on the villages, or an advance near the landmark, takes nothing.
    ("IS attacked several villages near Hajin, including al-Susa.", []),
    ("The SDF advanced near Hajin, including al-Susa.", []),
])
def test_villages_listed_after_the_landmark_they_are_near(extractor: Extractor, text: str,
                                                          expected: list[tuple[str, str]]) -> None:
    assert sorted(c[:2] for c in _claims(extractor, text, "2018-12-14")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A participle after a comma tells what the action did, whatever governs the action.
    ("In consequence, the SDF began to intensify their offensive in the southern countryside, capturing Al-Kasra "
     "on 21 August.", [("Al-Kasra", "sdf")]),
    ("The SDF launched an offensive to capture Al-Kasra, hoping to cut the road.", []),
    # "the villages at the borders" are other places than the city named before; "the towns" after a list are
    # those of the list.
    ("On 15 September 2014, ISIL launched a massive offensive to take the city of Kobani, pushing into the "
     "villages at the western and eastern borders of the Canton.", []),
    ("On 3 May 2018, opposition fighters in Yalda agreed to leave for the north, handing the towns to regime "
     "forces.", [("Yalda", "government")]),
])
def test_participles_and_plural_references(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.written_as, c.actor) for c in read_report(extractor, text, "2018-05-05")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Going in under a deal is a handover: the place is the entrant's, from the side the deal was made with.
    ("Regime forces entered Manbij following an agreement with QSD.", [("Manbij", "government", "sdf", "controlled")]),
    ("Military Forces of Syria deployed in Manbij following an agreement with QSD.",
     [("Manbij", "government", "sdf", "controlled")]),
    ("Regime forces were deployed to Tal Tamr under a deal with the SDF.",
     [("Tal Tamr", "government", "sdf", "controlled")]),
    # Entering with no deal is contesting; sending troops or observers somewhere under a deal holds nothing.
    ("Regime forces entered Manbij on Monday.", [("Manbij", "government", None, "contested")]),
    ("Turkey deployed troops to Taftanaz under the agreement with Russia.", []),
    ("Turkish troops deployed in Taftanaz to set up an observation post under the Sochi agreement.", []),
])
def test_going_in_under_a_deal(extractor: Extractor, text: str,
                               expected: list[tuple[str, str, str | None, str]]) -> None:
    got = [(c.written_as, c.actor, c.previous_actor, c.status) for c in read_report(extractor, text, "2019-10-14")]
    assert got == expected


def test_including_after_the_attack_lists_the_villages_taken(extractor: Extractor) -> None:
    text = ("The SDF attacked. Four villages southwest of Tabqa were captured in the attack, including Abu "
            "Hurayrah and al-Krain.")
    assert sorted((c.written_as, c.actor) for c in read_report(extractor, text, "2017-03-25")) == [
        ("Abu Hurayrah", "sdf"), ("al-Krain", "sdf")]
    assert read_report(extractor, "The SDF killed many IS fighters in the offensive, including Abu Hurayrah.",
                       "2017-03-25") == []


@pytest.mark.parametrize(("text", "expected"), [
    # Having had to leave is leaving; having had to take a place is not taking it.
    ("On 13 January, the rebels managed to capture Suflaniyah temporarily, but had to retreat from it after an "
     "ISIL counter-attack.", [("Suflaniyah", "isis")]),
    ("A source told AFP the army still had to recapture Suflaniyah.", []),
    ("The committee decided it had to capture Suflaniyah.", []),
    # "ceded/amod control of Kirkuk to the Peshmerga": the verb read as an adjective, its "to" on the noun.
    ("The Iraqi army ceded control of Kirkuk to the Kurdish Peshmerga.", [("Kirkuk", "peshmerga")]),
])
def test_had_to_leave_and_ceded_control(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.written_as, c.actor) for c in read_report(extractor, text, "2017-01-14")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "including" hung on the verb (and "to" on "including"): a village of the verb's object, given to the army.
    ("The SDF-affiliated Manbij Military Council handed over several villages west of Manbij, including Arima, to "
     "Syrian government forces on 3 March 2017.", [("Arima", "government", "sdf")]),
    # The side named after "was" is the one the clause after it tells of, not the words before "was".
    ("The second largest group was Faylaq al-Rahman, controlling much of the east of Ghouta, including the Jobar "
     "district.", [("Jobar", "opposition", None)]),
])
def test_places_listed_after_including_hung_on_the_verb(extractor: Extractor, text: str,
                                                         expected: list[tuple[str, str, str | None]]) -> None:
    got = [(c.written_as, c.actor, c.previous_actor) for c in read_report(extractor, text, "2017-03-05")]
    assert [c for c in got if c[0] in {e[0] for e in expected}] == expected


@pytest.mark.parametrize("text", [
    # A purpose announced, a deal's outcome still to come, people moved out: nothing changed hands.
    "In late May the army announced an operation to recapture Douma after the truce collapsed.",
    "The blast targeted buses carrying residents evacuated from the northern towns of Nubl and Zahraa under a deal "
    "reached between the regime and rebels.",
    "People who were evacuated from the two villages of Nubl and Zahraa wait near buses after a stall in an "
    "agreement between the opposition and the regime.",
    "A deal reached on Monday will see rebels evacuated to Idlib from the town of Al-Tal.",
    # "the city of <a name>" names its own city, found or not: it does not refer back to Raqqa.
    "IS held Raqqa for years. When it controlled the ancient Syrian city of Palmira Daesh carried out beheadings.",
    # "they" are the convoys, which hold nothing.
    "Regime troops pounded Madaya on Monday. \"The city hospital is short of medicine\" he said saying that medical "
    "aid was removed from humanitarian convoys before they entered the city.",
    # "the importance of capturing" is a purpose.
    "The importance of capturing Tabqa and Raqqa is to stop the missile fire, the director said on Monday.",
    # What is likely, set or poised to happen has not.
    "Analysts said IS is likely to capture Marea within days.",
    "The army is poised to retake Deir Hafer, state media said.",
    "Turkish-backed rebels are set to enter Manbij.",
])
def test_plans_evacuations_and_named_cities_give_no_claim(extractor: Extractor, text: str) -> None:
    assert _claims(extractor, text, "2017-04-12") == []


def test_fighters_evacuated_leave_the_place(extractor: Extractor) -> None:
    """Fighters (a side), not only their families, were moved out: the other side holds the place."""
    got = _claims(extractor, "On Thursday 120 opposition fighters and their families were evacuated from the last "
                             "opposition-held district of Homs under a deal with the regime.", "2016-09-23")
    assert [(c[0], c[1]) for c in got] == [("Homs", "government")]


def test_who_was_evacuated_is_read_from_the_clause_not_the_sentence_before(extractor: Extractor) -> None:
    """The regime, named in the sentence before, did not leave Homs: the opposition-held district did."""
    got = _claims(extractor, "The regime's focus has been to consolidate its grip over the cities of the west. On "
                             "Thursday around 120 opposition fighters and their families were evacuated from the last "
                             "opposition-held district of Homs under an agreement with the regime.", "2016-09-23")
    assert [(c[0], c[1], c[2]) for c in got] == [("Homs", "government", "opposition")]


@pytest.mark.parametrize(("text", "expected"), [
    # A place that only says where another is ("al-Rastan in northern Homs") is not what was stormed.
    ("On Friday soldiers stormed Nusra Front strongholds in Talbiseh in northern Homs.",
     [("Talbiseh", "government", "contested")]),
    # "in the grip of" a crisis is not in an actor's grip, whoever caused the crisis.
    ("Eastern Ghouta is in the grip of a humanitarian crisis caused by a crushing regime siege of the area.", []),
    # Falling from an actor's control: that actor lost it; who gained it must be said.
    ("On Friday the Tabqa airbase fell from regime control to IS fighters.", [("Tabqa Airbase", "isis", "controlled")]),
    ("On Friday the Tabqa airbase fell from regime control, but IS fighters have not yet moved into it.", []),
    # ... nor does a region a place taken is said to be in ("one of the strongholds in western Afrin").
    ("On Friday the Turkish-led forces said they had captured Bulbul, one of the major Kurdish strongholds in "
     "northern Afrin.", [("Bulbul", "tfsa", "controlled")]),
    # An event said to be still to come.
    ("Iraqi forces attacked ISIL in Tikrit on Thursday. On Friday an official said the recapture of Tikrit was at "
     "least two weeks away.", []),
    # "they" after a passive clause is its agent.
    ("Ten residents were killed by government forces after they regained control of Al-Qaryatayn on Friday.",
     [("Al-Qaryatayn", "government", "controlled")]),
])
def test_locators_grips_falls_and_agents(extractor: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2016-07-18")] == expected


def test_it_is_the_place_not_the_city_that_locates_it(extractor: Extractor) -> None:
    got = _claims(extractor, "He visited the battered Baba Amr district in the central city of Homs after troops "
                             "seized it from rebels in March 2012.", "2012-05-02")
    assert [(c[1], c[2]) for c in got] == [("government", "opposition")]
    assert "Homs" not in {c[0] for c in got}


def test_some_positions_in_a_town_are_part_of_it(extractor: Extractor) -> None:
    got = _claims(extractor, "Regime forces retook several positions in Zamalka on Friday after clashes with rebels.",
                  "2017-05-06")
    assert [(c[0], c[1], c[3]) for c in got] == [("Zamalka", "government", "contested")]
    got = _claims(extractor, "Regime forces retook the last rebel positions in Zamalka on Friday.", "2017-05-06")
    assert [(c[0], c[1], c[3]) for c in got] == [("Zamalka", "government", "controlled")]


def test_an_unknown_neighbourhood_in_a_city_is_part_of_it(extractor: Extractor) -> None:
    got = _claims(extractor, "On Friday the SDF took control of the Mashlab neighbourhood in Raqqa city.", "2017-06-10")
    assert [(c[0], c[1], c[3]) for c in got] == [("Ar Raqqah", "sdf", "contested")]
    assert _claims(extractor, "On Friday rebels shelled a district in Aleppo.", "2017-06-10") == []


@pytest.mark.parametrize(("text", "expected"), [
    # "the Aleppo district of Sheikh Saeed" is all of Sheikh Saeed, and not Aleppo; "the Sheikh Saeed district of
    # Aleppo" is all of Sheikh Saeed and a part of Aleppo: the larger place is the one that locates the other.
    ("On Saturday the army took the Aleppo district of Sheikh Saeed.", [("Hayy ash Shaykh Sa`id", "government",
                                                                         "controlled")]),
    ("On Saturday the army took the Sheikh Saeed district of Aleppo.", [
        ("Aleppo", "government", "contested"), ("Hayy ash Shaykh Sa`id", "government", "controlled")]),
    # A siege imposed on a place, then broken: the breaker holds it.
    ("On Tuesday government forces broke the siege imposed by IS on Deir ez-Zor city.",
     [("Deir ez-Zor", "government", "controlled")]),
])
def test_districts_named_with_their_city_and_sieges_imposed_on(extractor: Extractor, text: str,
                                                               expected: list[tuple[str, str, str]]) -> None:
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2017-09-09")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A sentence that opens with its date and no comma keeps its subject.
    ("On Friday the army captured Palmyra.", [("Palmyra", "government")]),
    ("On Friday Kurdish forces seized Manbij.", [("Manbij", "sdf")]),
    ("Late on Saturday IS fighters captured Palmyra.", [("Palmyra", "isis")]),
    ("On 3 March government forces captured Palmyra.", [("Palmyra", "government")]),
    ("On Friday government warplanes struck Palmyra.", []),
])
def test_a_date_opening_the_sentence_without_a_comma(extractor: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert [(c[0], c[1]) for c in _claims(extractor, text, "2017-03-06")] == expected


def test_a_direction_makes_a_landmark_and_far_sound_alikes_are_dropped(extractor: Extractor) -> None:
    """Palmyra only locates the villages; "al-Hail" is no spelling of Al-Hawl, 300 km away in Hasakah."""
    got = _claims(extractor, "Regime forces took the villages of Arak and al-Hail east of Palmyra on Saturday.",
                  "2017-05-14")
    assert [c[0] for c in got] == ["Arak"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels were forced out of Khan Tuman by government forces on Friday.", [("Khan Tuman", "government")]),
    ("The army forced IS to withdraw from Palmyra on Friday.", [("Palmyra", "government")]),
    # Those forced to retreat lose the town; who took it is not said.
    ("Government forces were forced to retreat from Khan Tuman on Friday.", []),
])
def test_forced_out(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c[0], c[1]) for c in _claims(extractor, text, "2016-05-08")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A side that left a place, said plainly in the past: the other side, or the one it handed it to, holds it.
    ("Opposition fighters left Khan Shaykhun on Tuesday, handing the town to government forces.",
     [("Khan Shaykhun", "government", "opposition", "controlled")]),
    ("The army entered Tadmur after IS fighters left the city on Sunday.",
     [("Palmyra", "government", "isis", "controlled")]),
    # Leaving that is no withdrawal: an attempt, a condition, people, a convoy, a visit.
    ("IS executed members who tried to leave Raqqa last week.", []),
    ("The army will keep fighting until the rebels leave Douma, the minister said on Tuesday.", []),
    ("A UN delegation left Damascus for Homs on Tuesday.", []),
    ("The IS convoy left Tabqa under the agreement on Tuesday.", []),
])
def test_a_side_that_left_a_place(extractor: Extractor, text: str, expected: list[tuple[str, ...]]) -> None:
    assert sorted(set(_claims(extractor, text, "2017-06-08"))) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Government troops raised the Syrian flag over the town of Khan Tuman on Friday.",
     [("Khan Tuman", "government", "controlled")]),
    ("The Iraqi flag was hoisted over Rawa by Iraqi troops on Friday.",
     [("Rawa", "iraq", "controlled")]),
    # Raising a flag elsewhere, or meaning to: no claim.
    ("Protesters raised the revolution flag in Saraqib on Friday.", []),
    ("The army hopes to raise the flag over Raqqa soon, the minister said on Friday.", []),
])
def test_a_flag_raised_over_a_place(extractor: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2017-11-18")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The place hung on the verb, the object part of it: contested. A facility or people there: no claim on it.
    ("IS seized two neighbourhoods in Hasakah on Thursday.", [("Hasakah", "isis", "contested")]),
    ("The SDF took over most of the camp in Ayn Issa on Thursday.", [("Ayn Issa", "sdf", "contested")]),
    ("Regime forces captured 30 IS fighters in Mayadin on Thursday.", []),
    # "all of" a place is the whole of it; "almost all of" it a part.
    ("The YPG took control of all of Hasakah city on Thursday.", [("Hasakah", "sdf", "controlled")]),
    ("The YPG took control of almost all of Hasakah city on Thursday.", [("Hasakah", "sdf", "contested")]),
    ("The rebels control nearly all of Qabun on Thursday.", [("Al Qabun", "opposition", "contested")]),
    ("Rebels seized the airbase in Taftanaz on Thursday.", []),
    # "full control over", the place hung on the verb; a village whose name starts with "al-".
    ("The SDF announced full control over Manbij city on Thursday.", [("Manbij", "sdf", "controlled")]),
    ("Government forces captured the village of Hosh al-Dawahra on Thursday.",
     [("Hawsh ad Dawahirah", "government", "controlled")]),
    ("Government forces imposed full control over the village of Hosh al-Dawahra on Thursday.",
     [("Hawsh ad Dawahirah", "government", "controlled")]),
])
def test_parts_taken_full_control_and_names_that_start_with_an_article(
        extractor: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(c[0], c[1], c[3]) for c in _claims(extractor, text, "2017-11-18")] == expected


def test_a_place_left_encircled_is_besieged_by_those_who_did_it(extractor: Extractor) -> None:
    text = ("Opposition fighters still hold the Bustan al-Qasr district. On Monday the army captured the Salaheddine "
            "district, leaving Bustan al-Qasr encircled.")
    got = {(c[0], c[1], c[3]) for c in _claims(extractor, text, "2016-12-06")}
    assert ("Hayy Bustan al Qasr", "opposition", "besieged") in got
    assert ("Hayy Salah ad Din", "government", "controlled") in got


def test_who_gains_a_place_left_is_a_side_named_before_a_generic_word(extractor: Extractor) -> None:
    # "soldiers" could be anyone's; the side named by name takes the town the YPG left.
    text = ("On Saturday soldiers and civilians fled as Turkish-backed factions shelled the area. "
            "The YPG withdrew from Tal Abyad on Sunday.")
    assert [(c[0], c[1]) for c in _claims(extractor, text, "2019-10-14")] == [("Tell Abyad", "tfsa")]


@pytest.mark.parametrize(("text", "expected"), [
    # "came under" says who holds a place only when what it came under is control, hands, a grip.
    ("The town of Sarmada came under the control of Tahrir al-Sham on Monday.", [("Sarmada", "hts")]),
    ("Parts of Deir ez-Zor are still in government hands, the monitor said on Monday.",
     [("Deir ez-Zor", "government")]),
    ("The town of Saraqib came under heavy shelling on Monday, and the village of Tell Mardikh fell to the army.",
     [("Tall Mardikh", "government")]),
    ("The villages near Sarmada came under the bombardment of the Syrian army's aircraft on Monday.", []),
])
def test_what_a_place_came_under(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c[0], c[1]) for c in _claims(extractor, text, "2017-07-25")] == expected


def test_declared_it_liberated_and_the_old_city_of_a_place(extractor: Extractor) -> None:
    got = {(c[0], c[1], c[3]) for c in _claims(extractor, "Iraqi forces entered Rawa and declared it liberated "
                                                           "on Friday.", "2017-11-18")}
    assert ("Rawa", "iraq", "controlled") in got
    # The old city is a part of the city: contested, not taken whole.
    got2 = _claims(extractor, "Government forces took the old city of Homs on Friday.", "2014-05-10")
    assert [(c[0], c[1], c[3]) for c in got2] == [("Homs", "government", "contested")]


def test_a_loose_reading_must_be_near_the_places_of_its_own_sentence(extractor: Extractor) -> None:
    """"Minian" sounds like Manin near Damascus, which the report names; its sentence is about Aleppo."""
    text = ("Rebels shelled Douma near Damascus on Friday. The army established full control over the town of "
            "Minian on the southwestern outskirts of Aleppo city on Saturday.")
    doc = Document(id="t", text=text, published=dt.date(2016, 10, 30))
    result = extractor.extract(doc)
    assert [c.place for c in result.claims] == []
    assert [u.name for u in result.unresolved] == ["Minian"]


@pytest.mark.parametrize(("text", "expected"), [
    # The side a victory was "over" is the loser, never the winner.
    ("Prime Minister Abadi declared victory over IS in Tal Afar on Thursday.", [("Tal Afar", "iraq", "isis")]),
    # A date read by the parser as a second subject is not the doer.
    ("On 29 December 2016, Iraqi forces took back the Zahraa and Qadisiya neighbourhoods of Mosul.",
     [("Mosul", "iraq", None)]),
])
def test_who_won_over_whom_and_dates_read_as_subjects(extractor: Extractor, text: str,
                                                       expected: list[tuple[str, str, str | None]]) -> None:
    got = [(c[0], c[1], c[2]) for c in _claims(extractor, text, "2017-08-31")]
    assert [c for c in got if c[0] in {e[0] for e in expected}] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A participle with its doer and no "was": a passive.
    ("Sheikh Maqsoud recaptured by YPG units", [("Sheikh Maqsoud", "sdf", "controlled")]),
    ("Mhardeh retaken by the Syrian army and NDF", [("Mhardeh", "government", "controlled")]),
    # No verb at all: a statement of who holds the place, also when a clause is spliced on with a comma.
    ("Tadef in regime hands after IS pullout", [("Tadef", "government", "controlled")]),
    ("Manbij under SDF control, IS fighters fled north", [("Manbij", "sdf", "controlled")]),
    # The doer written before the verb when the parse hangs the whole line on the second clause.
    ("YPG captured Tal Brak, IS fled east", [("Tal Brak", "sdf", "controlled")]),
    # "controlled X town" read by the parser as an adjective and a noun ("a controlled town"): still the verb.
    ("Regime forces controlled Kafr Zita town on Monday.", [("Kafr Zita", "government", "controlled")]),
    ("Regime forces fully controlled Kafr Zita town on Monday.", [("Kafr Zita", "government", "controlled")]),
])
def test_headlines_and_notes_without_auxiliaries(extractor: Extractor, text: str,
                                                 expected: list[tuple[str, str, str]]) -> None:
    got = [(c.written_as, c.actor, c.status) for c in read_report(extractor, text, "2016-03-01")]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Tadef bombed by Turkish jets",
    "Manbij hit by coalition airstrikes, 12 dead",
    "Mhardeh under heavy shelling by rebels",
    "Tal Brak defended by YPG units as IS attacks continue",
    # An adjective before a town, with a verb of its own elsewhere: not a capture.
    "The IS controlled Raqqa city was shelled.",
])
def test_headlines_of_strikes_and_defence_claim_nothing(extractor: Extractor, text: str) -> None:
    assert read_report(extractor, text, "2016-03-01") == []


def test_a_place_that_had_been_held_is_no_statement(extractor: Extractor) -> None:
    # "had been in government hands": until the capture the sentence tells, not now.
    text = ("The YPG captured Ghwairan, the only major Arab neighbourhood in Hasakah that had been in government "
            "hands.")
    assert ("Hasakah", "government") not in [(c.written_as, c.actor) for c in read_report(extractor, text,
                                                                                           "2016-08-22")]


@pytest.mark.parametrize(("text", "expected"), [
    # The present tense of headlines: "lose" (the trigger had matched only "losing").
    ("IS militants lose Shaddadi to Kurdish-led forces", [("Shaddadi", "sdf", "isis")]),
    # A place's event written with the possessive: "X's recapture" is the recapture of X.
    ("Kinsabba's recapture by the army was confirmed on Tuesday.", [("Kinsabba", "government", None)]),
    ("Manbij's liberation by the SDF ended two years of IS rule.", [("Manbij", "sdf", None)]),
    # "secure" in the present, tagged an adjective in a headline: a word with an object is a verb.
    ("YPG fighters secure Tal Hamis after IS pullout", [("Tal Hamis", "sdf", None)]),
    ("Regime wins back Kinsabba from rebels", [("Kinsabba", "government", "opposition")]),
])
def test_present_tense_and_possessive_events(extractor: Extractor, text: str,
                                             expected: list[tuple[str, str, str | None]]) -> None:
    got = [(c.written_as, c.actor, c.previous_actor) for c in read_report(extractor, text, "2016-08-14")]
    assert got == expected


def test_a_place_handed_to_no_armed_side_is_no_claim(extractor: Extractor) -> None:
    # Given to a council or to civilians: not to "the other side" of the document.
    assert read_report(extractor, "The SDF handed Tabqa to a local civil council after IS was defeated.",
                       "2017-06-01") == []
    claims = read_report(extractor, "The rebels handed Khan Tuman to the Syrian army.", "2016-06-01")
    assert [(c.written_as, c.actor) for c in claims] == [("Khan Tuman", "government")]


@pytest.mark.parametrize(("text", "expected"), [
    # The place a relative clause is about, wherever the parser hung the clause; with the clause's date.
    ("Jets struck near Tadmur which the army recaptured from IS in March.",
     [("Tadmur", "government", "controlled", dt.date(2016, 3, 1))]),
    ("Shells hit the district of Sheikh Maqsoud, seized by Kurdish fighters earlier this month.",
     [("Sheikh Maqsoud", "sdf", "controlled", dt.date(2016, 6, 1))]),
    ("The raid hit the town of Mhambal which has been held by Nusra Front since 2015.",
     [("Mhambal", "hts", "controlled", dt.date(2015, 1, 1))]),
    # "held" with words between it and "by", or held as a share.
    ("Idlib is held almost entirely by the Nusra Front.", [("Idlib", "hts", "controlled", dt.date(2016, 6, 20))]),
    ("The SDF now held 70 percent of the town of Manbij.", [("Manbij", "sdf", "contested", dt.date(2016, 6, 20))]),
    ("IS attacked the border town of Tal Abyad, from which it was driven out by the YPG last year.",
     [("Tal Abyad", "sdf", "controlled", dt.date(2015, 1, 1))]),
    # A part of the place: contested.
    ("Shells fell on a neighbourhood of the city of Hasakah held by the YPG.",
     [("Hasakah", "sdf", "contested", dt.date(2016, 6, 20))]),
])
def test_places_of_relative_clauses(extractor: Extractor, text: str,
                                    expected: list[tuple[str, str, str, dt.date]]) -> None:
    got = [(c.written_as, c.actor, c.status, c.date) for c in read_report(extractor, text, "2016-06-20")]
    assert got == expected


def test_a_relative_clause_after_a_landmark_belongs_to_what_it_locates(extractor: Extractor) -> None:
    # "which are surrounded by ..." is said of the towns, not of Damascus they are near.
    text = "Buses left Madaya and Zabadani, towns near Damascus which are surrounded by pro-government forces."
    assert "Damascus" not in [c.written_as for c in read_report(extractor, text, "2017-04-14")]


@pytest.mark.parametrize(("text", "expected"), [
    # ... said of it, not a description in passing, as "rebel-held Kafr Nabl" is not.
    ("Jets struck the rebel stronghold of Kafr Nabl in Idlib province.", []),
    ("The town of Al-Shaddadi is the main Daesh bastion in Hasakah province.", [("Al-Shaddadi", "isis")]),
    ("Shells fell on Qardaha, a stronghold of the Syrian government.", [("Qardaha", "government")]),
    # A stronghold that was, is no claim now.
    ("A strike hit the group's former stronghold of Manbij.", []),
    ("Tal Abyad, once an IS stronghold, was calm on Monday.", []),
    ("Jarablus was the main IS bastion on the border.", []),
])
def test_statements_of_whose_stronghold_a_place_is(extractor: Extractor, text: str,
                                                   expected: list[tuple[str, str]]) -> None:
    claims = read_report(extractor, text, "2016-06-20")
    assert [(c.written_as, c.actor) for c in claims] == expected
    assert all(c.kind == "statement" for c in claims)


@pytest.mark.parametrize("text", [
    # The verb left out of the second clause; each place with the date written after it.
    "IS overran Rawa on 2 October, and Anah on 4 October.",
    # The date after the second place though the parser hangs it elsewhere.
    "IS began its offensive with an attack on Haditha on 1 October, followed by the seizure of Rawa on 2 October "
    "and Anah on 4 October.",
    # ... with a comma, the second place hung on the verb that governs the first one's noun.
    "IS and its allies took several towns, beginning with an attack on Haditha on 1 October, followed by the "
    "seizure of Rawa on 2 October, and Anah on 4 October.",
])
def test_gapped_lists_keep_each_place_its_date(extractor: Extractor, text: str) -> None:
    claims = {c.written_as: c for c in read_report(extractor, text, "2014-10-20")}
    assert (claims["Rawa"].actor, claims["Rawa"].date) == ("isis", dt.date(2014, 10, 2))
    assert (claims["Anah"].actor, claims["Anah"].date) == ("isis", dt.date(2014, 10, 4))


def test_the_city_refers_to_the_place_told_of_not_its_landmark(extractor: Extractor) -> None:
    # Mosul only says where Tal Afar is; "the city" is Tal Afar. A landmark the story is about stays one.
    text = ("Iraqi forces launched an offensive to retake Tal Afar, one of the last cities held by the militants, "
            "located 55 km west of Mosul, on 20 August. The city was captured on 28 August by Iraqi forces.")
    claims = read_report(extractor, text, "2017-09-05")
    assert [(c.place, c.actor) for c in claims if c.evidence.sentence.startswith("The city")] == [("Tal Afar", "iraq")]
    text = "Kurdish fighters made fresh advances near Kobani, a week after the town was recaptured by the YPG."
    assert [c.written_as for c in read_report(extractor, text, "2015-02-05")] == ["Kobani"]
    # A region named after the place ("in southern Idleb") only says where it is, as "west of" does.
    text = ("Syrian regime forces fully controlled Khan Shaykhun city in southern Idleb after opposition fighters "
            "withdrew from the city and the surrounding area.")
    assert [(c.written_as, c.actor) for c in read_report(extractor, text, "2019-08-21")] == [
        ("Khan Shaykhun", "government")]


def test_a_capture_undone_in_the_same_sentence_leaves_the_place_to_who_made_them_leave(extractor: Extractor) -> None:
    text = ("On 3 May, rebels captured Khan Tuman and two nearby villages, but withdrew after a government "
            "counterattack.")
    assert [(c.written_as, c.actor, c.previous_actor) for c in read_report(extractor, text, "2016-05-10")] == [
        ("Khan Tuman", "government", "opposition")]
    # Undone days later: the capture happened too, on its own date.
    text = ("On 8 April 2016, rebels from the Hawar Kilis Operations Room captured al-Rai and more than a dozen "
            "other villages, but withdrew after an ISIL counter-offensive 3 days later.")
    assert sorted((c.written_as, c.actor, c.previous_actor, c.date.isoformat())
                  for c in read_report(extractor, text, "2016-04-20")) == [
        ("al-Rai", "isis", "opposition", "2016-04-11"), ("al-Rai", "opposition", "isis", "2016-04-08")]
    # Undone, with no one named to hold it after: no claim either way, as before.
    assert read_report(extractor, "Rebels captured Khan Tuman but were pushed back.", "2016-05-10") == []


def test_its_capture_refers_to_the_place_named_before(extractor: Extractor) -> None:
    # "its liberation": the place the sentence named; "its allies" is no place.
    text = "The offensive on Fallujah began in May 2016; it ended in its liberation by Iraqi forces in late June."
    assert [(c.written_as, c.actor) for c in read_report(extractor, text, "2016-07-10")] == [("Fallujah", "iraq")]
    assert [(c.written_as, c.actor) for c in read_report(extractor, "IS and its allies captured Mosul.",
                                                          "2014-06-12")] == [("Mosul", "isis")]


@pytest.mark.parametrize(("text", "expected"), [
    # A clause dated by a capture: the capture happened, whatever the clause then plans or starts.
    ("After the fall of Jarablus to Turkish-backed rebels, the group moved south.", [("Jarablus", "tfsa", None)]),
    ("Following the capture of Shaddadi, the SDF launched an attack on Markada.", [("Shaddadi", "sdf", None)]),
    # Who announces a place's fall took it; who reports or confirms it may be a monitor or the loser.
    ("The Iraqi army announced the fall of Rutba.", [("Rutba", "iraq", None)]),
    ("The government confirmed the fall of Tabqa airbase.", []),
    # "its capture" with no place after it: "its" is the place, not who took it; who lost it is said.
    ("Turkish-backed rebels shelled SDF positions. A car bomb killed 13 people in Suluk, days after its "
     "capture from the SDF.", [("Suluk", "tfsa", "sdf")]),
    # ... and when no side is said at all, the clause dated by it makes no claim.
    ("A car bomb killed 13 people in Suluk, days after its capture.", []),
])
def test_events_that_date_a_clause_and_falls_announced(extractor: Extractor, text: str,
                                                       expected: list[tuple[str, str, str | None]]) -> None:
    got = [(c.written_as, c.actor, c.previous_actor) for c in read_report(extractor, text, "2016-08-14")]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Event notes write where a place is in brackets: its district and governorate are not taken too.
    ("Turkish forces and affiliated groups took control of Hamam (Jandairis, Afrin) following clashes with YPG.",
     [("Hamam", "tfsa")]),
    ("SDF took control of Hazima village (Ar-Raqqa, Ar-Raqqa) after clashes with IS.", [("Hazima", "sdf")]),
    ("The Syrian army regained control of Mhardeh (Hama) on Sunday.", [("Mhardeh", "government")]),
    # A bracket that lists the places taken is no qualifier.
    ("SDF took control of three villages (Hazima, Tal Saman) after clashes with IS.",
     [("Hazima", "sdf"), ("Tal Saman", "sdf")]),
])
def test_places_in_brackets_that_say_where_a_place_is(extractor: Extractor, text: str,
                                                      expected: list[tuple[str, str]]) -> None:
    got = sorted((c.written_as, c.actor) for c in read_report(extractor, text, "2018-02-10"))
    assert got == expected


def test_fast_trigger_search_agrees_with_the_plain_one() -> None:
    """has_trigger finds where a word of control may be in the lower-cased text, then checks from there with
    the case-sensitive expression: the same answers as searching each sentence with it from the start."""
    from mapper import extract
    from mapper.sentences import split_sentences

    assert "(?-i:" not in extract._TRIGGER_LOWER.pattern, "every case-sensitive part has a lower-case form"
    texts = [r["sentence"] for r in read_csv(ROOT / "tests" / "data" / "dev_gold.csv")]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [s.text for s in split_sentences(path.read_text(encoding="utf-8"))]
    texts += ["Rebels took Azaz.", "rebels took azaz.", "The talks took place in Geneva.", "İdlib rebels took Azaz."]
    answers = [extract.has_trigger(t) for t in texts]
    assert answers == [extract._TRIGGER.search(t) is not None for t in texts]
    assert sum(answers) > len(texts) // 3 and answers[-4:] == [True, False, False, True]

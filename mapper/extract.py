"""Read control claims from reports: who took, holds, lost, besieges or fights inside which place, when.

How a report is read
--------------------
1. Its sentences are split and boilerplate dropped (:mod:`mapper.sentences`); its places are found and
   resolved with the report's context (:func:`gazetteer.geoparse.geoparse`); its actors are found by the
   registry (:mod:`mapper.actors`); its dates are read in order (:mod:`mapper.dates`). Names that are both
   an actor and a place ("al-Nusra", "al-Qaeda") are actors.
2. A sentence can carry a claim when it names a place (or refers back to one: "the town", "their last
   stronghold") and a word of control (captured, withdrew, besieged, held...). Only those sentences are
   parsed: parsing is the expensive step.
3. For each place of a parsed sentence, the grammar is walked up from the place to the word that governs
   it, through lists ("Abdi, Kwi and Sor"), containers ("the town of", "control of", "parts of") and
   prepositions ("withdrew from", "swept into"). A place that is only a landmark ("south of X", "the
   outskirts of X", "an offensive towards X") gets no claim. The governing word decides:

   ========================  ==============================================================
   captured, seized, took    the subject gains it (passive: the "by" agent); "from Y": previous
   withdrew, lost, fled      the subject loses it: the other side (said, or from context) gains
   expelled Y from           the subject gains, Y loses (passive: the subject loses)
   fell to Y, came under Y   Y gains it
   besieged, siege of        besieged: held by its holder ("rebel-held"), else the besieger's enemy
                             (no claim when neither is said)
   broke the siege of        the side that broke it holds the place
   entered, stormed,         contested: the subject fights inside
   parts of, most of
   held by Y, Y-held,        a statement that Y holds it
   under the control of Y,
   in the hands of Y
   left Y in control of      Y holds it
   ========================  ==============================================================

   When the small parser joins a place to the wrong word, the words right before the place are read
   ("the army retook Deir Hafer" parsed as a name "army retook"): a word of taking there takes it.

4. No claim for words that are negated ("were not able to capture"), wanted ("should liberate",
   "attempts to recapture", "the aim of capturing", "began an operation to capture"), undone ("before
   retreating back", "but were repelled"), or asked.
5. A generic actor ("the rebels", "the army") is decided by the place's country, the date and the actor
   the report named last; a pronoun subject by the actor the report named last.
6. The date is the one the sentence gives nearest the words of control, else the date the narrative
   gave last (histories) or the publication date (news), with its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer import Anchor, Context, Gazetteer
from gazetteer.geo import haversine_km
from gazetteer.geoparse import geoparse
from gazetteer.normalize import is_generic
from gazetteer.places import Place

from .actors import ActorMention, ActorRegistry
from .claims import Claim, Evidence, Unresolved
from .dates import DateMention, DateReader
from .documents import Document
from .sentences import Sentence, split_sentences
from .substrings import Substrings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["DocumentResult", "Extractor", "PlaceRef", "candidate_sentence"]

#: The countries whose places the wars are fought over; others get no claims.
WAR_COUNTRIES = frozenset({"SY", "IQ"})
#: Kinds of place too large to be held as one ("Syria", "Aleppo governorate").
_TOO_LARGE = frozenset({"country", "governorate", "district"})
#: A name the mention finder missed is read loosely when its name score is at least this...
LOOSE_NAME_SCORE = 0.75
#: ... and it lies this close to another place of the report...
LOOSE_NEAR_KM = 60.0
#: ... or, in a report that names no other place, its name score is at least this.
LOOSE_ALONE_SCORE = 0.78
#: Last words of a name that make it no settlement: a road, a building, a unit.
_NOT_A_PLACE_END = re.compile(r"\b(?:road|highway|street|route|bridge|roundabout|junction|square|gate|school|hospital|"
                              r"mosque|church|factory|company|council|brigade|battalion|division|regiment|army|"
                              r"front|movement|party|forces?|group|ministry|agency)$", re.IGNORECASE)

#: A place written after a verb: "the town", "several villages", "the strategic Menagh airbase", "al-Rai".
_A_PLACE = (r"(?:the\s+|a\s+|several\s+)?(?:[\w-]+\s+){0,2}(?:town|city|village|area|neighbou?rhood|district|"
            r"hill|base|airport|airbase|dam|crossing|camp|positions?)|(?:al-|el-|ar-|as-)?(?-i:[A-Z])")
#: Words of control, cheap to find: a sentence without one is not parsed. Kept narrow: "held talks",
#: "security", "route", "the capital Damascus" and "Free Syrian Army" are not words of control.
_TRIGGER = re.compile(
    r"\b(?:captur|seiz|(?:was|were|been|being|be)\s+taken\b|"
    r"(?:took|takes?|taken|taking)\s+(?:over\b|back\b|control|full|complete|total|by\b|from\b|it\b|them\b|"
    rf"{_A_PLACE})|"
    # "IS left the Yarmouk camp", "handing the town to Turkish forces"; not "left 20 dead", "left behind".
    rf"(?:left|leav(?:e|es|ing)|hand(?:ed|s|ing)?)\s+(?:{_A_PLACE})|"
    r"retak|retook|re-tak|re-took|recaptur|regain|liberat|freed\b|frees\b|overr[au]n|"
    r"storm|enter|swept|sweep|(?<!-)control|held\s+(?:[a-z]+\s+){0,2}?by|still\s+(?:held|holds?)|(?<!-)(?:holds?|held)\s+(?:the|most|much|all|parts?|\d+\s*(?:%|percent))\b|"
    r"fell\b|falls?\b|fallen\b|withdr[ae]w|retreat|pull(?:ed|s|ing)?\s+(?:out|back)|abandon|evacuat|fled\b|flee|"
    r"expel|oust|drove|driv(?:e|en|es|ing)\s+(?:\w+\s+){0,3}?(?:out|from)|push\w*\s+(?:\w+\s+){0,3}?(?:out|from|into)|"
    r"forc(?:e|ed|es|ing)\s+(?:\w+\s+){0,3}?(?:out|from)|"
    r"clear(?:ed|s|ing)?\b|secur(?:e|ed|es|ing)\b|besieg|siege|encircl|surround|lost\b|los(?:e|es|ing)\b|"
    r"stronghold|hands\s+of|in\s+(?:[\w-]+\s+){0,2}?hands\b|penetrat|broke\s+into|break\s+into|advanc\w*\s+(?:deep\s+)?into|conquer|occup|"
    r"wrest|reclaim|recover|restor|surrender|cede|ceding|handed\s+over|hand\s+over|seizure|bastion|capital\s+of|"
    r"de\s+facto\s+capital|kick\w*\s+out|evict|dislodg|rout(?:ed|s|ing)?\b|purg|flush|vacat|desert(?:ed|s)\b|"
    r"won\s+(?:back|control)|wins?\s+(?:back|control)|gain\w*\s+control|re-?enter|infiltrat|blockad|declar|"
    r"victory\s+(?:in|over)\b|deploy(?:ed|s|ing)?\b(?=[^.;]{0,80}\b(?:agreement|deal|settlement|reconciliation|"
    r"understanding|accord)s?\b)|(?:announc|proclaim)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:defeat|elimination|eradication)\s+of\b|(?:rais|hoist|plant)\w*\s+(?:[\w-]+\s+){0,3}?flags?\b|"
    r"flags?\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+(?:raised|hoisted|planted)\b|"
    # Fighting inside a place ("battled IS inside Raqqa", "clashes raged within the town"), not "in" or near it.
    r"(?:fight|fought|clash|battl|street\s+fighting)\w*\s+(?:[\w'’-]+\s+){0,8}?(?:inside|within)\b)",
    re.IGNORECASE,
)
#: :data:`_TRIGGER` for lower-case text, without the case of names ("took Azaz"): it matches wherever
#: :data:`_TRIGGER` does and more. Matching without IGNORECASE is four times faster, so it finds where
#: :data:`_TRIGGER` may match, and :data:`_TRIGGER` only checks from there.
_TRIGGER_LOWER = re.compile(_TRIGGER.pattern.replace("(?-i:[A-Z])", "[a-z]"))
#: Every word of control contains one of these: a sentence with none is not searched further (fast).
_TRIGGER_STEMS = Substrings((
    "captur", "seiz", "took", "tak", "overr", "storm", "enter", "swept", "sweep", "control", "held", "hold",
    "fell", "fall", "withdr", "retreat", "pull", "abandon", "evacuat", "fled", "flee", "expel", "oust", "drove",
    "driv", "push", "clear", "secur", "besieg", "siege", "encircl", "surround", "lost", "los", "stronghold",
    "hands", "penetrat", "break", "broke", "advanc", "conquer", "occup", "wrest", "reclaim", "restor",
    "surrender", "cede", "ceding", "hand", "bastion", "capital", "kick", "evict", "dislodg", "rout", "purg",
    "flush", "vacat", "desert", "won", "win", "gain", "infiltrat", "blockad", "declar", "liberat", "free", "victor",
    "recover", "forc", "left", "leav", "flag", "fight", "fought", "clash", "battl", "defeat", "elimin", "eradic",
    "deploy",
))
_ANAPHOR = re.compile(r"\b(?:the|its|their|this|that)\s+(?:\w+\s+){0,2}?(?:town|city|village|stronghold|bastion|"
                      r"airbase|airport|dam)\b", re.IGNORECASE)
#: Nouns that refer back to a place named before ("the town", "their last stronghold", "the airbase")...
_ANAPHORIC_NOUNS = frozenset({"town", "city", "village", "stronghold", "bastion", "airbase", "airport", "dam"})
#: ... and the kinds of place each may refer to (the others: a city, town or village).
_ANTECEDENT_KINDS = {"city": ("city", "town"), "town": ("town", "village", "city"), "village": ("village", "town"),
                     "airbase": ("base", "airbase"), "airport": ("base", "airbase"), "dam": ("dam",)}

GAIN = frozenset({
    "capture", "seize", "take", "retake", "recapture", "regain", "liberate", "free", "overrun", "secure",
    "conquer", "occupy", "wrest", "reclaim", "recover", "control", "win", "gain", "restore", "sweep", "annex",
    "hold", "re-take", "re-capture", "establish", "assume", "impose",
})
CONTEST = frozenset({"storm", "enter", "penetrate", "infiltrate", "break", "advance", "push", "reenter",
                     "re-enter", "fight", "clash", "battle", "move"})
#: Verbs of raising a flag over a place ("raised the flag over", "hoisted their banner in").
_FLAG_VERBS = frozenset({"raise", "hoist", "plant", "fly"})
LOSS = frozenset({"withdraw", "retreat", "pull", "flee", "abandon", "evacuate", "lose", "cede", "surrender",
                  "vacate", "desert", "concede", "hand", "relinquish", "leave"})
EXPEL = frozenset({"expel", "oust", "drive", "kick", "evict", "dislodge", "rout", "chase", "purge", "flush",
                   "clear", "cleanse", "eject", "force", "push"})
FALL = frozenset({"fall", "come", "return", "collapse"})
SIEGE = frozenset({"besiege", "encircle", "surround", "siege", "encirclement", "blockade"})
#: Verbs the parser may read as an adjective of the place or its "control" ("ceded control of Kirkuk").
_VERBS_READ_AS_ADJECTIVES = GAIN | SIEGE | LOSS
#: Words after "the villages" that make them other places than those named before ("the villages at the
#: borders", "the villages that IS held"), also when the parse hangs them elsewhere.
_NEW_PLACES_AFTER = frozenset({"at", "in", "near", "of", "around", "along", "outside", "north", "south", "east",
                               "west", "northeast", "northwest", "southeast", "southwest", "that", "which", "held",
                               "controlled", "surrounding", "between"})
#: Nouns of places a list after "including" may name ("Four villages were captured, including X").
_SETTLEMENTS = frozenset({"village", "town", "city", "hamlet", "settlement", "locality", "neighbourhood",
                          "neighborhood", "district", "hill", "area", "farm"})
#: Nouns for the land around a place ("villages in the vicinity of Hajin").
_SURROUNDINGS = frozenset({"vicinity", "outskirts", "countryside", "surroundings", "environs", "periphery"})
#: Verbs of driving a side out that say so of the fighters "in" a place as well as "from" it.
_DRIVE_OUT = frozenset({"expel", "oust", "drive", "kick", "evict", "dislodge", "rout", "chase", "purge", "flush",
                        "eject"})
NOUN_EVENTS = {
    "capture": "gain", "seizure": "gain", "recapture": "gain", "takeover": "gain", "liberation": "gain",
    "conquest": "gain", "fall": "fall", "loss": "loss", "withdrawal": "loss", "retreat": "loss",
    "expulsion": "loss", "siege": "siege", "encirclement": "siege", "blockade": "siege",
}
#: Verbs that with "control" as object say their subject holds the place ("declared full control over X").
_CONTROL_HOLDERS = frozenset({"declare", "announce", "proclaim", "assert", "retain", "maintain", "keep",
                              "exercise", "have", "extend", "consolidate", "cement", "tighten"})
#: Verbs whose "to"-infinitive happened ("managed to capture", "forced the YPG to withdraw").
REALISING = frozenset({"manage", "succeed", "able", "force", "compel", "oblige", "go", "proceed", "help",
                       "claim", "say", "report", "reporting", "appear", "seem", "believe", "confirm", "announce"})
#: Prepositions that date a clause by an event that happened before it.
_SINCE = frozenset({"after", "since", "following", "upon"})
#: Words that make what they govern a wish, plan, attempt or expectation.
INTENT = frozenset({
    "attempt", "try", "seek", "aim", "plan", "intend", "want", "vow", "threaten", "prepare", "hope", "fail",
    "expect", "order", "call", "urge", "bid", "effort", "goal", "objective", "purpose", "intention", "offensive",
    "operation", "campaign", "assault", "attack", "push", "drive", "battle", "fight", "move", "advance", "launch",
    "begin", "start", "continue", "close", "poise", "set", "ready", "about", "deny", "refuse", "reject",
    "pledge", "promise", "demand", "wish", "need", "plot", "unable", "race", "struggle", "mission",
    "possibility", "chance", "prospect", "way", "step", "strategy", "preparation", "would", "could",
    "determined", "determine", "eager", "keen", "willing", "resolve", "poised", "bent", "importance",
    "significance",
})
#: Words that put an event said to be something still to come ("two weeks away", "imminent").
_NOT_YET = frozenset({"away", "imminent", "expected", "likely", "unlikely", "possible", "near", "close", "soon",
                      "inevitable", "only", "matter"})
#: Verbs of saying: what they report happened, but not what they announce as a purpose ("announced an
#: operation to recapture X").
_SPEECH = frozenset({"claim", "say", "report", "reporting", "confirm", "announce", "believe"})
_MODALS = frozenset({"should", "would", "could", "might", "may", "must", "will", "shall", "can", "'ll", "ca",
                     "wo", "need", "ought"})
#: Nouns through which a place is still the thing taken ("the town of", "control of").
CONTAINER = frozenset({
    "town", "city", "village", "hamlet", "settlement", "neighbourhood", "neighborhood", "district", "quarter",
    "control", "hill", "hilltop", "mount", "mountain", "base", "airbase", "airport", "dam", "crossing", "camp",
    "stronghold", "bastion", "capital", "municipality", "subdistrict", "locality", "rest", "remainder",
    "whole", "all", "entirety", "area", "region", "border", "island", "suburb", "farm", "farms", "field",
    "checkpoint", "hold", "hands", "hand", "grip", "grasp", "possession", "authority", "rule", "sway",
    "heart", "cent", "centre", "center", "downtown", "governorate", "province", "countryside", "hub", "site",
    "gateway", "junction", "crossroads", "citadel", "fortress", "castle", "fort", "garrison", "airfield",
    "oilfield", "prison", "complex", "hills", "heights", "ridge", "plain", "valley", "outpost",
})
#: Nouns that make the place only partly taken ("parts of Aleppo", "most of the city").
PARTIAL = frozenset({
    "part", "most", "half", "third", "quarter", "percent", "%", "section", "much", "some", "portion",
    "center", "centre", "heart", "downtown", "neighbourhood", "neighborhood", "district", "suburb", "area",
    "street", "side", "bulk", "majority", "large", "parts", "sections", "point", "position", "building",
    "block",
})
#: Determiners standing for the amount of a place taken ("all of Hasakah", "most of the city").
_QUANTIFIERS = frozenset({"all", "both", "most", "much", "half", "some"})
#: Adverbs that make "all" a part ("almost all of Hasakah").
_NEARLY = frozenset({"almost", "nearly", "virtually", "practically", "not"})
#: Containers that are the place only when written with it ("al-Rae town"), not "the countryside of X".
_ONLY_COMPOUND = frozenset({"countryside", "governorate", "province", "border", "region", "area"})
_PRONOUNS = frozenset({"they", "it", "he", "she", "we", "who", "which", "that", "them", "their", "its"})
_UNDONE = re.compile(
    r"\b(?:before|but|only to be|then)\b[^.;]{0,40}?\b(?:retreat\w*|withdr[ae]w\w*|pushed back|repell?ed|"
    r"repulsed|beaten back|driven back|forced back|forced out|lost it|lost them)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(r"\b(?:reportedly|claimed|claims|allegedly|unconfirmed|according to|said to have)\b",
                    re.IGNORECASE)
#: Reports the text itself doubts: no claim ("unconfirmed reports of retaking X").
_UNCONFIRMED = re.compile(r"\bunconfirmed\b|\bcould not be (?:independently )?(?:confirmed|verified)\b", re.IGNORECASE)
#: A claim the same sentence says was denied ("IS claimed to have captured X, but the SDF denied it").
_DENIED = re.compile(r"\b(?:but|although|though|however|while)\b[^.;]{0,80}?\b(?:denied|denies|deny|refuted|"
                     r"dismissed|rejected)\b", re.IGNORECASE)
#: The text says nobody knows who moves in after a withdrawal.
_UNKNOWN_SUCCESSOR = re.compile(r"\b(?:unknown|unclear|not (?:yet )?(?:known|clear|moved in(?:to)?|entered))\b",
                                re.IGNORECASE)
#: Doers who are no armed side: what they drive out is not taken by the other side.
_NON_COMBATANTS = frozenset({"civilian", "resident", "local", "people", "protester", "demonstrator", "inhabitant",
                             "villager", "population", "crowd", "family", "families", "child", "children", "woman",
                             "women", "patient", "wounded", "refugee", "displaced", "person", "persons",
                             # who move in and out of places without holding them
                             "convoy", "journalist", "reporter", "inspector", "monitor", "observer", "delegation",
                             "bus", "truck", "vehicle", "ambulance", "evacuee"})
#: Words before a country's name that make it a place, not a side: "fled to Turkey", "in Turkey".
_TO_A_COUNTRY = re.compile(r"\b(?:to|into|towards?|across|inside|in|through|via)\s+(?:the\s+)?$", re.IGNORECASE)
#: Nouns of time: "by" before them says when, not who ("lost by that point", "taken by the end of May").
_TIMES = frozenset({"point", "time", "end", "then", "now", "morning", "afternoon", "evening", "night", "day", "week",
                    "month", "year", "weekend", "noon", "midnight", "dawn", "dusk", "mid", "middle", "start",
                    "beginning", "january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                    "friday", "saturday", "sunday"})
#: Nouns of a side's end in a place, declared by the side that beat it ("declared the defeat of IS at Baghouz",
#: "announced the complete elimination of IS in Baghuz").
_DEFEATS = frozenset({"defeat", "elimination", "eradication"})
#: Nouns of fighting between two sides ("after clashes with the SDF").
_FIGHTS = frozenset({"clash", "fighting", "fight", "battle", "confrontation", "combat", "skirmish", "engagement"})
#: Who enter a place to police or watch it, not to fight for it (the actor registry files them under a side).
_POLICING = re.compile(r"\b(?:military\s+police|patrols?|observers?|monitors?|inspectors?|delegations?)\b",
                       re.IGNORECASE)
#: An entry or deployment under a deal ("entered Manbij following an agreement with the SDF", "deployed in Tal
#: Tamr under a reconciliation deal"): the holder handed the place over; "with X" names that holder.
_AGREED = re.compile(
    r"\b(?:under|following|after|as\s+part\s+of|in\s+line\s+with|according\s+to|in\s+accordance\s+with|"
    r"per)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:agreement|deal|settlement|reconciliation|understanding|"
    r"accord)s?\b(?:\s+(?:reached\s+|signed\s+|struck\s+)?with\b)?", re.IGNORECASE)
#: ... unless what went in were observers: the posts and patrols of the de-escalation deals hold nothing.
_OBSERVERS = re.compile(r"\b(?:observation|monitoring)\s+(?:posts?|points?|towers?)\b|\bpatrols?\b", re.IGNORECASE)
_SUCCESS = frozenset({"successful", "victorious", "decisive", "swift", "rapid", "final", "completed"})
#: Areas a claim can be made on: "the stretch between the towns", "our border from Azaz to Jarabulus".
AREA = frozenset({"border", "stretch", "strip", "area", "territory", "line", "corridor", "road", "highway",
                  "frontier", "pocket", "region", "belt", "zone", "countryside", "band", "enclave"})
#: Verbs that say a place was taken by saying so ("declared the town liberated").
DECLARE = frozenset({"declare", "announce", "proclaim", "report", "confirm", "pronounce"})
#: Who announces a place's fall took it ("the SDF declared the fall of Baghouz"); who confirms or reports it
#: may have lost it or be a monitor.
_HAILERS = frozenset({"declare", "announce", "proclaim", "celebrate", "hail"})
#: What a force holds in a place: losing them loses the place.
_POSTS = frozenset({"post", "position", "base", "checkpoint", "headquarters", "garrison", "presence", "stronghold",
                    "positions", "posts", "building", "buildings"})
#: What stands between a place and the larger place that only says where it is ("Baba Amr district in the
#: central city of Homs", "al-Rai in Aleppo province").
_LOCATOR_GAP = re.compile(r"\s+(?:(?:district|neighbou?rhood|quarter|area|village|town|suburb|camp)\s+)?"
                          r"(?:in|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:city|town|province|governorate)\s+of\s+)?",
                          re.IGNORECASE)
#: Buildings and compounds inside a town: taking one "in" the town ("seized the hospital in Manbij", "the
#: government complex in central Ramadi") takes part of it.
_BUILDINGS = frozenset({"hospital", "school", "complex", "compound", "headquarters", "headquarter", "barracks",
                        "prison", "jail", "mosque", "church", "square", "roundabout", "stadium", "market",
                        "building", "buildings", "palace", "courthouse", "bakery", "silo", "silos", "office",
                        "offices"})
#: A building's own name: a name written just before one of those words.
_BUILDING_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(_BUILDINGS)) + r")\b", re.IGNORECASE)
#: Nouns of fighting: "fighting/clashes raged inside X between A and B" contests X.
_FIGHTING = frozenset({"fighting", "fight", "clash", "clashes", "battle", "battles", "combat", "skirmish"})
#: Parts of a city: taking one "in" the city takes part of it.
_CITY_PARTS = frozenset({"neighbourhood", "neighborhood", "district", "quarter", "suburb", "neighbourhoods",
                         "neighborhoods", "districts", "quarters", "suburbs"})
#: Prepositions that place what was taken by a landmark ("villages near Manbij").
_LANDMARK_PREPS = frozenset({"near", "around", "outside", "by", "beside", "in"})
#: Who fights: "besieged IS fighters in the town of X" besieges the town, held by those fighters.
_FIGHTERS = frozenset({"fighter", "militant", "jihadist", "rebel", "force", "troop", "soldier", "terrorist",
                       "gunman", "insurgent", "member", "unit", "remnant", "holdout", "defender", "garrison"})
#: Past forms the lemmatizer leaves as they are.
_LEMMAS = {"retook": "retake", "lost": "lose", "overran": "overrun", "re-took": "retake", "retaken": "retake",
           "besieged": "besiege", "encircled": "encircle", "liberated": "liberate", "freed": "free",
           # The lemmatizer reads "routed" as a form of "route" (in reports of war it is "rout"), and
           # "reentered" as one of "reentere".
           "route": "rout", "reentere": "reenter",
           # Done again is done: "re-established control", "re-imposed its control", "re-occupied".
           "reestablish": "establish", "reimpose": "impose", "reoccupie": "occupy", "resecure": "secure",
           "reseize": "seize", "reconquer": "conquer"}


@dataclass
class DocumentResult:
    """What one report gave. ``places`` are the place mentions of the report (left empty by an extractor made
    with ``places=False``, which reads only what claims need)."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    set_aside: str = ""
    sentences: int = 0
    parsed: int = 0
    words: int = 0


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention of a report and the place it resolved to (``score``: how sure, 0..1)."""

    start: int
    end: int
    text: str
    place: Place
    score: float


@dataclass
class _Prepared:
    doc: Document
    sentences: list[Sentence]
    places: list[PlaceRef]
    actors: list[ActorMention]
    dates: dict[int, list[DateMention]]
    last_date: dict[int, DateMention | None]
    candidates: list[int]
    words: int


@dataclass(frozen=True, slots=True)
class _Slot:
    """How a place hangs on the word that governs it."""

    verb: Token
    rel: str
    partial: bool
    #: Who did it, when the words say so plainly and the parse does not ("SDF captured X, IS retreated").
    doer: Token | None = None


#: A name the gazetteer may not know, written as a place: "the village of X", "X village".
_NAMED_PLACE = re.compile(r"\b(?:village|town|city|hill|neighbou?rhood|district|area)s?\s+of\s+"
                          r"(?:al-|el-|ar-|as-)?[A-Z]|\b[A-Z][\w'’-]+\s+(?:village|town|hill|neighbou?rhood)\b")


def _claimable(place: Place) -> bool:
    """A place of the wars small enough to be held as one (not a country or a governorate)."""
    return place.country in WAR_COUNTRIES and place.kind not in _TOO_LARGE


def candidate_sentence(text: str, has_place: bool) -> bool:
    """Whether a sentence may carry a claim and is worth parsing.

    >>> candidate_sentence("Rebels captured Azaz on Monday.", True)
    True
    >>> candidate_sentence("Talks resumed in Geneva.", True), candidate_sentence("IS captured the town.", False)
    (False, True)
    """
    return has_trigger(text) and _candidate(text, has_place)


def _candidate(text: str, has_place: bool) -> bool:
    """A sentence of control (:func:`has_trigger`) is worth parsing when it names a place, refers back
    to one ("the town") or names one the gazetteer may not know ("the village of X")."""
    return has_place or bool(_ANAPHOR.search(text)) or bool(_NAMED_PLACE.search(text))


#: A place read from a loose spelling this far from every place its sentence spells out is a sound-alike
#: elsewhere ("al-Hail" east of Palmyra read as Al-Hawl, 300 km away), not the place meant.
FAR_SOUND_ALIKE_KM = 150.0
#: How large each kind of place is, to tell which of two places names the other's part.
_KIND_SIZE = {"country": 6, "governorate": 5, "district": 5, "subdistrict": 4, "city": 4, "town": 3, "village": 2,
              "neighbourhood": 1, "camp": 1}
#: Kinds a loose spelling is rarely wrong about: cities and administrative areas.
_BIG_KINDS = frozenset(k for k, size in _KIND_SIZE.items() if size >= 4)


def _drop_far_sound_alikes(places: list[PlaceRef], loose: list[bool], sentences: list[Sentence]) -> list[PlaceRef]:
    """``places`` less the loosely spelled ones far from all the places their sentence spells out; a name so
    dropped is read again as an unknown name (and reported when that fails too)."""
    if not any(loose):
        return places
    bounds = [s.end for s in sentences]
    sentence = [bisect_right(bounds, p.start) for p in places]
    keep = []
    for i, p in enumerate(places):
        if loose[i] and p.place.kind not in _BIG_KINDS:
            sure = [q.place for j, q in enumerate(places) if sentence[j] == sentence[i] and j != i and (
                    not loose[j] or q.place.kind in ("governorate", "district")) and q.place.kind != "country"]
            if sure and min(haversine_km(p.place.lat, p.place.lon, q.lat, q.lon) for q in sure) > FAR_SOUND_ALIKE_KM:
                continue
        keep.append(p)
    return keep


def _size(place: Place) -> tuple[int, int]:
    return _KIND_SIZE.get(place.kind, 2), place.population


def has_trigger(text: str) -> bool:
    """Whether a sentence has a word of control (captured, withdrew, besieged, held...): without one it
    carries no claim, whatever places it names."""
    lower = text.lower()
    if not _TRIGGER_STEMS.any(lower):
        return False
    near = _TRIGGER_LOWER.search(lower)
    if near is None:
        return False
    # (Lower-casing may change the length of a text with rare letters: then search it all.)
    return _TRIGGER.search(text, near.start() if len(lower) == len(text) else 0) is not None


#: Single words that are not the name of a place, when they stand where a place would.
_NOT_A_NAME = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "division", "brigade", "regiment", "battalion", "hill", "university", "college", "hospital", "airport",
    "airbase", "base", "school", "mosque", "church", "prison", "factory", "station", "district", "province",
    "governorate", "countryside", "road", "highway", "street", "square", "bridge", "dam", "border", "city", "town",
    "village", "camp", "area", "region", "north", "south", "east", "west", "towns", "villages", "cities", "areas",
    "centre", "center", "government",
    "army", "state", "forces", "group", "old", "territory", "christians", "christian", "sunnis", "sunni", "shias",
    "shia", "shiites", "alawites", "alawite", "kurds", "arabs", "turkmen", "yazidis", "druze", "assyrians",
    "armenians",
})


class Extractor:
    """Reads reports into claims with a gazetteer, an actor registry and an English parser.

    Parameters
    ----------
    gazetteer : Gazetteer
    actors : ActorRegistry
    nlp : spacy.language.Language
        From :func:`mapper.nlp.load_parser`.
    parse_all : bool
        Parse every sentence, not only those that may carry a claim (to measure what the selection saves).
        The readings differ a little: parsed sentences also tell who acted, for the sentences after them.
    places : bool
        Return every report's place mentions (``DocumentResult.places``, for the mentions table of a build).
        Without them, a report with no sentence of control (:func:`has_trigger`) is not read further.
    """

    def __init__(self, gazetteer: Gazetteer, actors: ActorRegistry, nlp: Language, *,
                 parse_all: bool = False, places: bool = True) -> None:
        self.gaz = gazetteer
        self.actors = actors
        self.nlp = nlp
        self.parse_all = parse_all
        self.places = places

    # -- preparation ----------------------------------------------------------------------------------
    def _prepare(self, doc: Document) -> _Prepared:
        text = doc.text
        sentences = split_sentences(text)
        control = [not s.boilerplate and not s.heading and has_trigger(s.text) for s in sentences]
        if not self.places and not self.parse_all and not any(control):
            # No sentence says anything changed hands or is held: no claim, nothing to geoparse or parse.
            return _Prepared(doc, sentences, [], [], {}, {}, [], sum(s.text.count(" ") + 1 for s in sentences))
        actors = [a for a in self.actors.find(text) if not self._country_as_place(text, a)]
        places: list[PlaceRef] = []
        loose: list[bool] = []
        ai = 0
        for pm in geoparse(text, self.gaz):
            m = pm.resolution.match
            if m is None:
                continue
            s, e = pm.mention.start, pm.mention.end
            while ai < len(actors) and actors[ai].end <= s:
                ai += 1
            # A name that is also an actor's ("al-Nusra", "Shammar") is the actor.
            if any(a.start < e and s < a.end for a in actors[max(0, ai - 1):ai + 2]):
                continue
            places.append(self._facility(text, PlaceRef(s, e, pm.mention.text, m.place, m.score)))
            loose.append(m.level not in ("exact", "words"))
        places = _drop_far_sound_alikes(places, loose, sentences)
        reader = DateReader(doc.published, narrative=doc.narrative)
        if doc.narrative:
            # The story starts in the first year of its period, else the year of its title.
            first = re.search(r"\b(?:19|20)\d\d\b", doc.period)
            reader.note_years(f"# {first.group(0) if first else doc.title}")
        dates: dict[int, list[DateMention]] = {}
        last: dict[int, DateMention | None] = {}
        candidates: list[int] = []
        pi = 0
        current: DateMention | None = None
        words = 0
        for k, sent in enumerate(sentences):
            words += sent.text.count(" ") + 1
            if sent.boilerplate:
                continue
            last[k] = current
            if sent.text.startswith(("![", "[!")) or sent.text.startswith("|"):
                continue  # an image caption or a table row: not the narrative
            if sent.heading:
                reader.note_years(sent.text)
            found = reader.read(sent.text)
            if found:
                dates[k] = [DateMention(d.start + sent.start, d.end + sent.start, d.date, d.precision, d.relative,
                                        d.forward) for d in found]
                current = next((d for d in reversed(dates[k]) if not d.forward), current)
            if sent.heading:
                continue
            while pi < len(places) and places[pi].end <= sent.start:
                pi += 1
            has_place = False
            j = pi
            while j < len(places) and places[j].start < sent.end:
                p = places[j].place
                if _claimable(p):
                    has_place = True
                    break
                j += 1
            if self.parse_all or (control[k] and _candidate(sent.text, has_place)):
                candidates.append(k)
        return _Prepared(doc, sentences, places, actors, dates, last, candidates, words)

    def _country_as_place(self, text: str, mention: ActorMention) -> bool:
        """Whether an actor's name that is also a country's is written as the country, a place: "civilians
        fled to Turkey", "a summit in Turkey" (not "Turkey and its rebel allies", "backed by Turkey")."""
        if not _TO_A_COUNTRY.search(text, max(0, mention.start - 12), mention.start):
            return False
        res = self.gaz.resolve(mention.text)
        return res.match is not None and res.match.place.kind == "country" and res.match.name_score >= 0.95

    def _facility(self, text: str, ref: PlaceRef) -> PlaceRef:
        """The facility a town's name starts, when the gazetteer knows it: "Tishrin Dam", "Kuweires
        airbase", "Abu al-Duhur Military Airport" are bases and dams, not the towns they are named for."""
        if not _FACILITY.match(text, ref.end):
            return ref
        words = _FOLLOWING_WORDS.match(text, ref.end)
        if words is None:
            return ref
        ends = [m.end() + ref.end for m in re.finditer(r"\s+[\w'’-]+", words.group(0))]
        for end in reversed(ends):
            written = text[ref.start:end]
            res = self.gaz.resolve(written)
            if res.match is not None and res.match.place.kind in _FACILITY_KINDS and res.match.name_score >= 0.85:
                return PlaceRef(ref.start, end, written, res.match.place, res.match.score)
        own = _FACILITY_WORDS.match(text, ref.end)
        if own is not None and ref.place.kind in _FACILITY_KINDS:
            # "the Menagh airbase": the name alone already meant the base (Minakh Airbase).
            return PlaceRef(ref.start, own.end(), text[ref.start:own.end()], ref.place, ref.score)
        return ref

    def loose_place(self, prep: _Prepared, start: int, end: int) -> PlaceRef | None:
        """The place a name the mention finder missed stands for, read loosely (skeleton and fuzzy
        spellings), or None when that reading is not sure enough.

        Loose readings are right about half the time with no context ("Kwi" is also a village 200 km
        away), so: a name score of at least :data:`LOOSE_NAME_SCORE`; and when the report names other
        places, within :data:`LOOSE_NEAR_KM` of one of them (the nearest namesake is ranked first) and of one
        its own sentence names, if any ("Minian ... of Aleppo city" is no Manin near Damascus, though the
        report names Damascus too; "Kayful" listed with villages by Kobani is no Al Qafl 130 km away)."""
        name = prep.doc.text[start:end]
        if is_generic(name) or _NOT_A_PLACE_END.search(name):
            return None  # "Deir" cut from "Deir e-Zzor"; "Castello Road"
        anchors = {p.place.id: p.place for p in prep.places
                   if p.score >= 0.75 and _claimable(p.place) and p.place.kind != "subdistrict"}
        sent = next((x for x in prep.sentences if x.start <= start < x.end), None)
        own = {p.place.id: p.place for p in prep.places if p.place.id in anchors and sent is not None
               and sent.start <= p.start < sent.end and p.place.kind not in ("country", "governorate")}
        # The places of its own sentence pull hardest: of namesakes, the one by them.
        ctx = Context(anchors=tuple(Anchor(p.lat, p.lon, weight=1.0 if p.id in own else 0.5,
                                           scale_km=LOOSE_NEAR_KM) for p in anchors.values()))
        res = self.gaz.resolve(name, context=ctx if anchors else None)
        m = res.match
        if m is None or not _claimable(m.place) or m.name_score < LOOSE_NAME_SCORE:
            return None
        if anchors and min(haversine_km(m.place.lat, m.place.lon, a.lat, a.lon)
                           for a in anchors.values()) > LOOSE_NEAR_KM:
            return None
        if own and min(haversine_km(m.place.lat, m.place.lon, a.lat, a.lon)
                       for a in own.values()) > LOOSE_NEAR_KM:
            return None  # near a place the report names elsewhere, but far from those of its own sentence
        if not anchors and m.name_score < LOOSE_ALONE_SCORE:
            return None
        return PlaceRef(start, end, name, m.place, m.score)

    # -- the public API -------------------------------------------------------------------------------
    def extract(self, doc: Document) -> DocumentResult:
        """The claims of one report (a report with no date is set aside, with the reason)."""
        return next(iter(self.extract_many([doc])))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 128) -> Iterator[DocumentResult]:
        """The claims of many reports, in order. The candidate sentences of consecutive reports are parsed
        together, about ``batch_size`` at a time: the parser is fastest on batches of about a hundred
        sentences (a third faster than on one report's few)."""
        chunk: list[tuple[Document, _Prepared | None]] = []
        sentences = 0
        for doc in docs:
            prep = self._prepare(doc) if doc.published is not None else None
            chunk.append((doc, prep))
            sentences += len(prep.candidates) if prep is not None else 0
            if sentences >= batch_size or len(chunk) >= 4 * batch_size:  # (bounded memory without candidates)
                yield from self._read_chunk(chunk, batch_size)
                chunk, sentences = [], 0
        if chunk:
            yield from self._read_chunk(chunk, batch_size)

    def _read_chunk(self, chunk: list[tuple[Document, _Prepared | None]],
                    batch_size: int) -> Iterator[DocumentResult]:
        texts = [_parse_text(p.sentences[k], p.actors, p.places) for _, p in chunk if p for k in p.candidates]
        parsed = iter(self.nlp.pipe(texts, batch_size=batch_size))
        for doc, prep in chunk:
            if prep is None:
                yield DocumentResult(doc.id, set_aside="no publication date in its metadata or at its top; "
                                                       "add it to metadata.csv (published column)")
                continue
            result = DocumentResult(doc.id, sentences=len(prep.sentences), parsed=len(prep.candidates),
                                    words=prep.words, places=prep.places if self.places else [])
            history: list[tuple[int, str]] = []
            agents: list[tuple[int, str]] = []  # (sentence, actor) of each subject, in order
            ai = 0
            for k in prep.candidates:
                sdoc = next(parsed)
                sent = prep.sentences[k]
                while ai < len(prep.actors) and prep.actors[ai].start < sent.start:
                    history.extend((prep.actors[ai].start, a) for a in prep.actors[ai].specific[:1])
                    ai += 1
                _SentenceReader(self, prep, k, sdoc, [a for _, a in history], agents, result).read()
            result.claims = _dedupe(result.claims)
            yield result


def _dedupe(claims: list[Claim]) -> list[Claim]:
    best: dict[tuple[object, ...], Claim] = {}
    for c in claims:
        key = (c.place_id, c.actor, c.status, c.date, c.evidence.start)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.evidence.start, c.place_id, c.actor))


#: What separates the places of one list: commas, "and", and a kind word ("hill", "village").
_LIST_GAP = re.compile(r"(?:\s+(?:hill|hills|village|town|mountain|mount|farms?|district|neighbou?rhood)s?)?"
                       r"\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)"
                       r"(?:the\s+)?(?:villages? of\s+)?",
                       re.IGNORECASE)
#: Arabic article forms written before a name with a hyphen ("al-", "ash-", "ez-").
_ARTICLE_FORM = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Ee][dnrstz])"
_ARTICLE_HYPHEN = re.compile(rf"\b{_ARTICLE_FORM}-(?=[A-Z])")
#: The rest of a name written after its first word: an Arabic article and a capitalised word ("Bab al-Taqa").
_ARTICLE_NAME_AFTER = re.compile(rf"\s+{_ARTICLE_FORM}-[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*")
#: A word written as a name: capitalised, or an article before a capital ("al-Dawahra", as parsed "alxDawahra").
_NAME_CASE = re.compile(rf"[A-Z]|{_ARTICLE_FORM}[-x](?=[A-Z])")


#: Words that make a force part of a side ("some fighters", "many of the militants"): when part of a side
#: withdraws, the place has not changed hands.
_PARTIAL_WORDS = frozenset({"some", "many", "several", "few", "most", "part"})


def _partial_force(tok: Token) -> bool:
    """Whether ``tok`` (the subject of a withdrawal) is part of a force: "some IS fighters", "many of the
    militants", "part of the garrison"."""
    if tok.lower_ in _PARTIAL_WORDS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return True
    return any(c.dep_ in ("det", "amod", "nummod", "advmod", "compound") and c.lower_ in _PARTIAL_WORDS
               for c in tok.children)


#: Buildings a side that runs a town takes over as its authority ("HTS seized control of the bakery in
#: Saraqib", "seized the offices of the local council"): no sign of a fight for the town.
_CIVIL_BUILDINGS = frozenset({"bakery", "office", "offices"})


def _takes_building(verb: Token) -> bool:
    """Whether what ``verb`` takes is a building: "seized the hospital", "took control of the prison"."""
    for c in verb.children:
        if c.dep_ not in ("dobj", "obj") or not (c.pos_ == "NOUN" or c.lower_ in _QUANTIFIERS):
            continue
        if c.lemma_.lower() == "control" or c.lower_ in _QUANTIFIERS:  # "control of", "all of the checkpoints"
            c = next((g for p in c.children if p.dep_ == "prep" and p.lower_ in ("of", "over")
                      for g in p.children if g.dep_ == "pobj"), c)
        if c.lemma_.lower() in _BUILDINGS and c.lemma_.lower() not in _CIVIL_BUILDINGS:
            return True
    return False


def _with_adverbs(v: Token, preps: tuple[str, ...]) -> list[Token]:
    """The words hung on ``v``, and those hung on its adverbs (other than ``preps``): the parser hangs "in" on
    "back" in "is back in government hands", and "under" on "firmly" in "firmly under rebel control"."""
    return [*v.children, *(g for c in v.children if c.dep_ == "advmod" and c.lower_ not in preps
                           for g in c.children)]


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return _LEMMAS.get(lemma, lemma)


#: Compass words of a landmark ("north of Raqqa", "north-east of Aleppo").
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern",
                         "southeastern", "southwestern", "northern", "southern", "eastern", "western"})
#: Verbs whose subject besieges when a siege is their object ("the army tightened its siege of X"); the
#: subject of others (break, ease, lift, escape) is the other side, or nobody.
_SIEGE_MAKERS = frozenset({"impose", "lay", "tighten", "maintain", "enforce", "renew", "complete", "begin",
                           "establish", "put", "place", "continue", "start", "keep", "reimpose"})
#: Verbs of backing a force: the force is filed under its backer's actor ("rebels supported by Turkey").
_BACKING = frozenset({"back", "support", "sponsor", "arm", "fund", "train", "equip"})
#: Kinds of place that are themselves a part of a city, and the words that name them ("the district of X").
_PART_KINDS = frozenset({"neighbourhood", "district", "subdistrict", "industrial site", "camp"})
_PART_NAMES = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb", "area"})
#: Nouns that say whose a place is ("the rebel stronghold of X", "Raqqa, the de facto capital of IS"), and
#: the words that make it a thing of the past.
_STRONGHOLDS = frozenset({"stronghold", "bastion", "capital", "enclave", "heartland", "fiefdom", "bulwark"})
_FORMER = frozenset({"former", "once", "onetime", "one-time", "erstwhile", "previous", "ex", "past", "formerly"})
#: What may stand between a place and its own date ("Tikrit on 11 June").
_DATE_GAP = re.compile(r"\s*(?:(?:on|in|by)\s+(?:the\s+)?)?", re.IGNORECASE)
#: Words that put an infinitive in the future ("likely to", "poised to", "set to").
_LIKELY = frozenset({"likely", "unlikely", "set", "poised", "ready", "due", "about", "sure", "certain", "bound",
                     "prepared", "determined", "eager", "keen", "willing", "expected", "possible", "going"})
#: Words just before a place that make it a landmark ("west of Mosul", "near Aleppo", "outside Homs").
_LANDMARK_BEFORE = re.compile(r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|\bnear|\boutside|"
                              r"\bclose\s+to|\boutskirts\s+of|"
                              # "X city in southern Idleb", "in rural Hama": the region X is in
                              r"\bin\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|rural))"
                              r"\s+(?:the\s+(?:city|town|village)\s+of\s+)?$",
                              re.IGNORECASE)
#: Verbs of giving a place up to someone named after "to".
_HANDING = frozenset({"hand", "cede", "surrender", "relinquish", "concede"})
#: Verbs that end a siege: their doer holds the place.
_SIEGE_BREAKERS = frozenset({"break", "lift", "end", "relieve", "breach", "broke"})
#: The rest of a bracket after a qualifying place: "(Raqqa province)".
_QUALIFIER_END = re.compile(r"\s*(?:(?:province|governorate|countryside|district|city)\s*)?\)", re.IGNORECASE)
_NAME_WORD = rf"(?:[A-Z][\w'’`]*|{_ARTICLE_FORM}|ibn|bin|abu)"
_KIND_WORD = r"(?:province|governorate|countryside|district|sub-?district|city|town|village|area|region)"
#: A bracket holding only names, each with its kind at most, separated by commas: "Jandairis, Afrin".
_NAMES_ONLY = re.compile(rf"\s*{_NAME_WORD}(?:[\s-]+{_NAME_WORD})*(?:\s+{_KIND_WORD})?"
                         rf"(?:\s*,\s*{_NAME_WORD}(?:[\s-]+{_NAME_WORD})*(?:\s+{_KIND_WORD})?)*\s*")
#: A name (and its kind) just before a bracket.
_NAME_BEFORE_BRACKET = re.compile(rf"[A-Z][\w'’`-]*(?:\s+{_KIND_WORD})?\s*$")
#: Nouns of a siege's breaking ("the lifting of the siege of X"); not "end", which a surrender is too.
_SIEGE_LIFTINGS = frozenset({"lifting", "breaking", "relief", "lift"})
#: Verbs whose subject did what their object says ("completed the capture"), unlike "prevent" or "oppose".
_ACHIEVED = frozenset({"complete", "achieve", "accomplish", "finish", "announce", "declare", "celebrate"})
#: Verbs that say what an area is made of ("the pocket, composed of the towns of X and Y").
_MEMBERSHIP = frozenset({"compose", "consist", "comprise", "include", "contain", "encompass", "span"})
#: Words of control the grammar may join a place to: when the parse joins a place to something else, the
#: words just before it are read (:meth:`_SentenceReader._surface_slot`).
_CONTROL_WORDS = GAIN | CONTEST | LOSS | EXPEL | FALL | SIEGE | set(NOUN_EVENTS) | DECLARE
#: Verbs of taking that govern the place written right after them.
_SURFACE_GAIN = frozenset({"capture", "seize", "take", "retake", "recapture", "regain", "liberate", "overrun",
                           "conquer", "wrest", "reclaim", "storm", "enter", "besiege", "encircle"})
_SURFACE_FORMS = {
    form: lemma
    for lemma in _SURFACE_GAIN
    for form in (lemma, lemma + "s", lemma + "d", lemma + "ed", lemma.removesuffix("e") + "ing",
                 lemma.removesuffix("e") + "ed")
} | {"took": "take", "taken": "take", "retook": "retake", "retaken": "retake", "overran": "overrun",
     "overrunning": "overrun", "taking": "take", "retaking": "retake"}


def _surface_lemma(tok: Token) -> str:
    """The verb a word is, by its form, whatever the tagger said ("recaptured" tagged a name)."""
    return _SURFACE_FORMS.get(tok.lower_, "")


class _VerbView:
    """A token read as the verb it is by form, when the tagger took it for a noun or an adjective: its lemma
    and part of speech are the verb's; the rest is the token's."""

    def __init__(self, tok: Token, lemma: str, dep: str | None = None) -> None:
        self._tok = tok
        self.lemma_ = lemma
        self.pos_ = "VERB"
        self.tag_ = "VBG" if tok.lower_.endswith("ing") else "VBD"
        self.dep_ = dep if dep is not None else tok.dep_

    def __getattr__(self, name: str) -> object:
        return getattr(self._tok, name)


def _as_verb(tok: Token, lemma: str) -> Token:
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return _VerbView(tok, lemma)  # type: ignore[return-value]


#: Words after a town's name that make it another thing: "the Afrin Dam", "Aleppo countryside".
_FACILITY = re.compile(
    r"\s+(?:Dam|Airport|Air\s?[Bb]ase|Military|Base|Prison|Hospital|Bridge|Road|Highway|Plant|Factory|Oil\s?[Ff]ield|"
    r"Gas\s?[Ff]ield|Station|Camp|Gate|Roundabout|Square|River|Lake|Canal|Plains?|Mountains|Desert|Valley|Pocket|"
    r"Front|Operations\s+Room|Council|Brigade|Division|Governorate|[Cc]ountryside|[Pp]rovince)\b", re.IGNORECASE)
#: The words after a base's own name that say it is one ("Menagh airbase", "Tabqa Military Airport").
_FACILITY_WORDS = re.compile(r"\s+(?:Military\s+)?(?:Dam|Airport|Air\s?[Bb]ase|Air\s?[Ff]ield|Base)\b", re.IGNORECASE)
#: Up to three words after a name: where the name of a facility named for a town ends.
_FOLLOWING_WORDS = re.compile(r"(?:[ \t]+[\w'’-]+){1,3}")
#: Kinds of place that are facilities, not settlements.
_FACILITY_KINDS = frozenset({"base", "airbase", "dam", "crossing", "oil field", "industrial site", "port", "hill"})
#: One-word names the parser takes for English words ("IS" for the verb).
_PARSER_CONFUSED = frozenset({"is", "tip", "nlf", "sna"})


#: A date that opens a sentence and ends with a word ("On Friday", "Late on Saturday", "On 3 March"), before a
#: space.
_LEAD_DATE = re.compile(
    r"(?:(?:early|late|later|earlier)\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december))(?:\s+(?:morning|afternoon|evening|night))?(?= )", re.IGNORECASE)

#: "In Idlib", "Near eastern Aleppo": a place a sentence opens with (see :func:`_parse_text`), and the word of
#: its kind that may follow it ("In Idlib province").
_LEAD_PLACE = re.compile(r"(?:In|Near|Outside|Around|Across)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|"
                         r"central|rural)\s+)?")
_LEAD_PLACE_KIND = re.compile(r"\s+(?:province|governorate|countryside|city|town)\b")


#: A verb written with a hyphen after "re": "re-gained", "Re-captured", "re-taking", "re-taken", "re-took"
#: (a verb's ending; not "re-election" or "re-run").
_RE_HYPHEN = re.compile(r"\b[Rr]e-[a-z]{3,}(?:ed|ing|s|e|en|k|ok)\b")


def _parse_text(sent: Sentence, actors: Sequence[ActorMention], places: Sequence[PlaceRef] = ()) -> str:
    """The sentence as given to the parser: the same length, each actor and place name of several words (or
    that is an English word) masked as one made-up name ("Tahrir al-Sham" -> "Txxxxxxxxxxxxx", "IS" -> "Ix").

    Names of several words, or that are English words ("IS"), confuse the parser; one unknown capitalised
    word is read as a proper noun, which is what they are. Offsets are unchanged.
    """
    chars = list(sent.text)
    spans = [(a.start, a.end) for a in actors] + [(p.start, p.end) for p in places]
    for start, end in spans:
        if start < sent.start or end > sent.end or end - start < 2:
            continue
        s, e = start - sent.start, end - sent.start
        name = sent.text[s:e]
        if "-" in name and name.split("-")[-1].lower() in ("held", "controlled", "backed"):
            continue  # "rebel-held": the parser reads these well
        if not any(c in name for c in " -'’") and name.lower() not in _PARSER_CONFUSED:
            continue  # one word already: the parser reads "SDF" or "Raqqa" well
        chars[s] = chars[s].upper() if chars[s].isalpha() else "X"
        for i in range(s + 1, e):
            chars[i] = "x"
    # Names the gazetteer does not know stay one word too: "Kobbet al-Turikman".
    for m in _ARTICLE_HYPHEN.finditer(sent.text):
        chars[m.end() - 1] = "x"
        if chars[m.start()] == sent.text[m.start()]:  # (not inside a name masked above)
            chars[m.start()] = chars[m.start()].upper()  # "AlxHbeit" is a name; "alxHbeit" was read as a word
    # "re-gained", "re-captured": split at the hyphen, the verb is lost ("re" read as a noun). Written as one
    # word, the space the hyphen leaves goes after it.
    for m in _RE_HYPHEN.finditer(sent.text):
        s, e = m.start(), m.end()
        chars[s:e] = [*sent.text[s:s + 2], *sent.text[s + 3:e], " "]
    # "On Friday government forces captured X": with no comma the parser takes the actor into the date phrase
    # and the clause loses its subject. The comma the sentence leaves out is put back (same length).
    lead = _LEAD_DATE.match(sent.text)
    if lead is not None and any(a.start == sent.start + lead.end() + 1 for a in actors):
        chars[lead.end()] = ","
    # "In Idlib HTS took control of Sarmada": the same for a place the sentence opens with.
    lead = _LEAD_PLACE.match(sent.text)
    first = next((p for p in places if p.start == sent.start + lead.end()), None) if lead is not None else None
    if first is not None:
        kind = _LEAD_PLACE_KIND.match(sent.text, first.end - sent.start)
        end = kind.end() if kind else first.end - sent.start
        if sent.text[end : end + 1] == " " and any(a.start == sent.start + end + 1 for a in actors):
            chars[end] = ","
    return "".join(chars)


class _SentenceReader:
    """Reads the claims of one parsed sentence."""

    def __init__(self, ex: Extractor, prep: _Prepared, k: int, sdoc: Doc, history: list[str],
                 agents: list[tuple[int, str]], result: DocumentResult) -> None:
        self.ex = ex
        self.prep = prep
        self.k = k
        self.sent = prep.sentences[k]
        self.sdoc = sdoc
        #: The parsed text (``Doc.text`` joins the tokens again at each use).
        self.text = sdoc.text
        self.history = history
        self.agents = agents
        self.result = result
        off = self.sent.start
        self.places = [p for p in prep.places if p.start >= off and p.end <= self.sent.end]
        self.actor_mentions = [a for a in prep.actors if a.start >= off and a.end <= self.sent.end]
        self.dates = prep.dates.get(k, [])
        #: Where the mentions that got a claim start.
        self.claimed_at: set[int] = set()
        #: Names in a control clause that no reading resolved: (head word, start, end).
        self._unknown: list[tuple[Token, int, int]] = []

    # -- spans and tokens -----------------------------------------------------------------------------
    def _span(self, start: int, end: int) -> Span | None:
        off = self.sent.start
        return self.sdoc.char_span(start - off, end - off, alignment_mode="expand")

    def _actors_in(self, tokens: Iterable[Token]) -> list[ActorMention]:
        off = self.sent.start
        chars = [(t.idx + off, t.idx + off + len(t.text)) for t in tokens]
        out = []
        for a in self.actor_mentions:
            if any(s < a.end and a.start < e for s, e in chars):
                out.append(a)
        return out

    def _actor_of(self, tok: Token | None, place: Place | None) -> tuple[str | None, bool]:
        """The actor a subject/agent token stands for, and whether context had to decide it."""
        if tok is None:
            return None, False
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() == "lead":
                # "the jihadist rebels led by al-Nusra": the group that leads them.
                leader = self._agent(c)
                if leader is not None:
                    actor, inferred = self._actor_of(leader, place)
                    if actor:
                        return actor, inferred
        # "Syrian opposition fighters backed by Turkey", "US-backed Kurdish forces": who backs them says who
        # they are (the registry files the backed forces under their backer's actor).
        # Its own words first: in "HTS and Turkish-backed fighters" HTS comes first.
        text = self.prep.doc.text
        joined = {t.i for c in tok.subtree if c.dep_ == "conj" and c != tok for t in c.subtree}
        own = self._actors_in(t for t in tok.subtree if t.i not in joined)
        # The backer written as the agent of "backed/supported by" ("FSA factions backed by Ankara").
        backers = {a.start for t in tok.subtree if t.dep_ == "pobj" and t.head.dep_ == "agent"
                   and t.head.head.dep_ == "acl" and t.head.head.lemma_.lower() in _BACKING
                   for a in self._actors_in(t.subtree)}
        mentions = sorted(own, key=lambda a: a.start not in backers and "backed" not in text[a.start:a.end].lower()) \
            + [a for a in self._actors_in(tok.subtree) if a not in own]
        date = self._date_near(tok)[0]
        country = place.country if place else None
        for a in mentions:
            if a.holder:
                continue
            actor = self.ex.actors.resolve(a, country=country, date=date, recent=self._recent(a.start),
                                           district=place.admin2 if place else None)
            if actor:
                return actor, not a.specific
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owner is not None and tok.pos_ == "NOUN":
            return self._actor_of(owner, place)  # "the SDF said its fighters had entered ..."
        if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
            plural = next((t for t in reversed(self.sdoc[:tok.i]) if t.tag_ in ("NNS", "NNPS")), None)
            if tok.lower_ in ("they", "them") and plural is not None and plural.lemma_.lower() in _NON_COMBATANTS \
                    and not self._actors_in(self.sdoc[plural.i + 1:tok.i]):
                return None, False  # "aid was removed from convoys before they entered the city"
            # "The rebels launched an assault, with the SOHR reporting that they captured ...": the subject
            # of an earlier clause of the sentence.
            # (or the agent of an earlier passive: "residents were killed by government forces after they
            # regained control of the town").
            for subj in reversed([t for t in self.sdoc[:tok.i] if (t.dep_ == "nsubj" or (
                    t.dep_ == "pobj" and t.head.dep_ == "agent")) and t.pos_ != "PRON" and t.lower_ not in _PRONOUNS]):
                actor, _ = self._actor_of(subj, place)
                if actor:
                    return actor, True
            # "The rebels attacked Idlib on Friday. They captured ...": the subject of the sentence before (the
            # actor the story follows), else the last actor named before the pronoun.
            before = [a for k, a in self.agents if k == self.k - 1]
            if before and self.ex.actors[before[0]].fits(country, date, place.admin2 if place else None):
                return before[0], True
            for named in reversed(self._recent(tok.idx + self.sent.start)):
                if self.ex.actors[named].fits(country, date, place.admin2 if place else None):
                    return named, True
            return self._recent_actor(country, date), True
        return None, False

    def _first_named(self, tokens: Iterable[Token], place: Place | None, near: Token, *,
                     holders: bool = True) -> str | None:
        """The first actor these words name (``holders``: "rebel-held" counts too), resolved for the place
        and the date of ``near``."""
        date = self._date_near(near)[0]
        for a in self._actors_in(tokens):
            if a.holder and not holders:
                continue
            actor = self.ex.actors.resolve(a, country=place.country if place else None, date=date,
                                           recent=self.history, district=place.admin2 if place else None)
            if actor:
                return actor
        return None

    def _recent(self, pos: int) -> list[str]:
        """Actors named by name before ``pos``: the report's earlier sentences, then this one."""
        return self.history + [a.specific[0] for a in self.actor_mentions
                               if a.specific and a.end <= pos and not a.holder]

    def _recent_actor(self, country: str | None, date: dt.date | None, exclude: str | None = None) -> str | None:
        """The actor that last did something in the report (a subject), else the last one named."""
        for a in (*reversed([a for _, a in self.agents]), *reversed(self.history)):
            if a != exclude and self.ex.actors[a].fits(country, date):
                return a
        return None

    def _recent_for(self, v: Token, place: Place, exclude: str | None) -> str | None:
        """:meth:`_recent_actor` for a place, on the date of what ``v`` says."""
        return self._recent_actor(place.country, self._date_near(v)[0], exclude=exclude)

    def _note_agents(self) -> None:
        """Remember who acts in this sentence (the subjects of its verbs), for the sentences after it."""
        for tok in self.sdoc:
            if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB",) and tok.lower_ not in _PRONOUNS:
                actor, _ = self._actor_of(tok, None)
                if actor:
                    self.agents.append((self.k, actor))

    # -- grammar ------------------------------------------------------------------------------------------
    @staticmethod
    def _left_for_good(v: Token, leaver: Token | None) -> bool:
        """Whether "left" says a side withdrew: a past tense, its subject named (not "who", "they", "a
        convoy"), and not "until they leave", "before leaving"."""
        if leaver is None or leaver.pos_ == "PRON" or leaver.tag_ in ("WP", "WDT") \
                or leaver.lemma_.lower() in _NON_COMBATANTS:
            return False  # "the ISIL convoy left Raqqa": some of them, moved out under a deal
        if v.tag_ != "VBD" and not (v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                                              for c in v.children)):
            return False
        return not any(c.dep_ == "mark" and c.lower_ in ("until", "unless", "before", "if", "once", "till")
                       for c in v.children)

    def _held_part(self, v: Token) -> bool:
        """Whether the object of ``v`` is an unnamed part of a place ("most of the camp", "a neighbourhood",
        "the city centre"): not a facility of its own ("the airbase") nor anything else ("20 fighters")."""
        obj = self._dobj(v)
        if obj is None:
            return False
        if obj.lemma_.lower() in ("most", "part", "parts", "half", "much", "bulk", "majority"):
            obj = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), obj)
        lemma = obj.lemma_.lower()
        return (lemma in PARTIAL or lemma in ("camp", "quarter")) and lemma not in ("%", "percent") \
            and not self._is_place(obj) and not any(c.dep_ == "prep" for c in obj.children)

    def _slot(self, tok: Token) -> _Slot | None:
        """Walk up from a place's head word to the word that governs it."""
        partial = False
        t = tok
        for _ in range(12):
            dep, h = t.dep_, t.head
            if t.pos_ == "NOUN" and t.lemma_.lower() in CONTAINER:
                misread = self._verb_read_as_adjective(t, partial)
                if misread is not None:
                    return misread
            if h == t or (dep in ("advcl", "npadvmod", "dep", "parataxis") and t.pos_ not in ("VERB", "AUX")):
                # A sentence, or a clause spliced on with a comma, with no verb: "Khan Shaykhun under SAA
                # control, rebels withdrew".
                return self._headline_slot(t, partial)
            if dep == "conj" and h.pos_ in ("VERB", "AUX") and t.pos_ in ("PROPN", "NOUN") and t.i > h.i \
                    and not any(c.dep_ in ("nsubj", "dobj") for c in t.children):
                # "captured Mosul on 10 June, and Tikrit on 11 June": the verb left out, a second object; "followed
                # by the seizure of Mosul on 10 June, and Tikrit on 11 June": as the place before it.
                if self._dobj(h) is not None:
                    return _Slot(h, "dobj", partial)
                inside = {x.i for x in h.subtree} - {x.i for x in t.subtree}
                before = [r for r in self.places if r.start < t.idx + self.sent.start]
                for r in reversed(before):
                    span = self._span(r.start, r.end)
                    if span is not None and span.root.i in inside and span.root.dep_ != "conj":
                        return self._slot(span.root)
                return None
            if dep in ("conj", "appos"):
                t = h
                continue
            if dep in ("compound", "nmod", "amod", "poss"):
                if dep == "compound" and h.lower_ in _DIRECTIONS and h.pos_ in ("NOUN", "ADV", "PROPN") \
                        and any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children):
                    t = h  # "seized Tadef south of al-Bab", parsed as a compound of "south": Tadef is taken
                    continue
                if dep == "poss" and h.pos_ == "NOUN" and h.lemma_.lower() in NOUN_EVENTS:
                    return _Slot(h, "of", partial)  # "Aleppo's recapture by the army": the recapture of Aleppo
                if self._locates(t, h):
                    return None  # "the Damascus suburb of Qudsaya": the claim is Qudsaya's
                if h.pos_ in ("NOUN", "PROPN") and (h.lemma_.lower() in CONTAINER or self._is_place(h)):
                    if h.lemma_.lower() in PARTIAL and h.lemma_.lower() not in ("area", "center", "centre") and any(
                            c.dep_ == "prep" and c.lower_ == "of" and not any(self._is_place(g) for g in c.children)
                            for c in h.children):
                        partial = True  # "the Mosul neighbourhood of al-Yarmouk": a part of Mosul
                    named = self._ref_at(t) if dep == "compound" and h.lemma_.lower() in _BUILDINGS else None
                    if named is not None and named.place.kind in ("city", "town"):
                        partial = True  # "captured the Mosul government complex": a building of Mosul
                    t = h
                    continue
                if h.pos_ == "PROPN":
                    t = h
                    continue
                if dep == "compound" and h.pos_ == "NOUN" and h.dep_ == "compound" \
                        and h.head.pos_ in ("NOUN", "PROPN") and h.head.lemma_.lower() in ("town", "city", "village"):
                    t = h.head  # "regained control of Baiji refinery town": the town is Baiji
                    continue
                return None
            if dep == "pobj" and h.lower_ in ("including", "like", "notably") and h.head != h \
                    and h.head.pos_ in ("NOUN", "PROPN", "PRON"):
                # "23 villages, including Khafsah", "the entirety of the pocket, including Suruj".
                t = h.head
                if self._is_place(t) and t.dep_ == "pobj" and t.head.lower_ == "of" \
                        and t.head.head.lower_ in _DIRECTIONS and t.head.head.head != t.head.head:
                    # "seized 3 villages north of Raqqa, including Hazimah": the villages, not Raqqa.
                    gov = t.head.head.head
                    if gov.pos_ in ("VERB", "AUX"):
                        obj = self._dobj(gov)
                        if obj is None:
                            return _Slot(gov, "dobj", partial)
                        t = obj
                    else:
                        t = gov
                elif self._is_place(t) and t.dep_ == "pobj" and t.head.lower_ in _LANDMARK_PREPS | {"of"}:
                    gov = t.head.head
                    if t.head.lower_ == "of" and gov.lemma_.lower() in _SURROUNDINGS and gov.dep_ == "pobj":
                        gov = gov.head.head  # "villages in the vicinity of Hajin, including al-Susa"
                    if gov.pos_ in ("VERB", "AUX"):
                        t = self._dobj(gov) or t  # "captured 10 villages near Manbij, including Fatisah"
                    elif gov.pos_ == "NOUN" and gov.tag_ == "NNS" and gov.lemma_.lower() in _SETTLEMENTS:
                        t = gov  # "took several villages near Hajin, including al-Susa": the villages
                elif t.pos_ == "NOUN" and t.lemma_.lower() not in CONTAINER and t.dep_ == "pobj" \
                        and t.head.head.pos_ in ("VERB", "AUX"):
                    # "Four villages were captured in the attack, including Abu Hurayrah": the villages.
                    t = next((c for c in t.head.head.children if c.dep_ in ("dobj", "obj", "nsubjpass") and (
                        c.lemma_.lower() in _SETTLEMENTS or (c.lower_ in _DIRECTIONS and any(
                            g.dep_ == "compound" and g.lemma_.lower() in _SETTLEMENTS for g in c.children)))), t)
                continue
            obj = self._dobj(h.head) if dep == "pobj" and h.lower_ == "including" and h.head.pos_ in (
                "VERB", "AUX") else None
            if obj is not None:
                t = obj  # "handed over several villages west of Manbij, including Arima": the parser hangs
                continue  # "including" on the verb; Arima is one of its object's villages
            if dep == "pobj":
                p = h
                ph = p.head
                prep = p.lower_
                if prep == "of" and ph.lower_ == "out":
                    prep, ph = "out of", ph.head
                elif ph.pos_ == "ADP" and prep in ("to", "and", "through") and ph.head != ph:
                    # "from Azaz to Jarabulus": the second end hangs on the first.
                    prep, ph = ph.lower_, ph.head
                if ph == p:
                    return None
                if prep == "of" and p.i > 1 and self.sdoc[p.i - 1].lower_ in _DIRECTIONS \
                        and self.sdoc[p.i - 2].lower_ not in ("the", "its", "their"):
                    return None  # "took the villages of Arak and al-Hail east of Palmyra": Palmyra is a landmark
                if prep == "in" and p.i > 0 and (self._is_place(self.sdoc[p.i - 1]) or self._describes_place(ph)):
                    # "strongholds in al-Rastan in northern Homs", "captured Rajo, one of the Kurdish
                    # strongholds in western Afrin": Homs and Afrin only say where the place taken is.
                    return None
                if prep == "in" and ph.pos_ == "VERB" and _lemma(ph) in GAIN and self._held_part(ph):
                    # "took over most of the camp in Baghouz", the place hung on the verb: part of it was taken.
                    return _Slot(ph, "dobj", True)
                if prep == "alongside" or (prep == "with" and p.i > 0 and self.sdoc[p.i - 1].lower_ in ("along",
                                                                                                   "together")):
                    # "captured 23 villages along with the strategic Mount Salmah": as one more object.
                    return self._co_object(p, partial)
                if ph.dep_ in ("dobj", "obj") and ph.head.pos_ in ("VERB", "AUX") and (
                        (prep in ("in", "over") and ph.lemma_.lower() == "victory")
                        or (prep in ("in", "at") and ph.lemma_.lower() in _DEFEATS)):
                    # "declared victory in Mosul", "declared the defeat of IS at Baghouz": as if said of the verb
                    return _Slot(ph.head, prep, partial)
                if prep in ("over", "on") and ph.pos_ == "NOUN" and ph.lemma_.lower() in ("control", "grip", "hold"):
                    t = ph  # "regained control over al-Sukhnah": as "control of"
                    continue
                if prep == "of" and ph.pos_ == "DET" and ph.lower_ in _QUANTIFIERS:
                    # "seized all of Hasakah": the whole of it; "almost all of", "most of": a part
                    partial = partial or ph.lower_ not in ("all", "both") or any(
                        c.dep_ == "advmod" and c.lower_ in _NEARLY for c in ph.children)
                    t = ph
                    continue
                if ph.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") and prep == "of":
                    lemma = ph.lemma_.lower()
                    if lemma in NOUN_EVENTS:
                        return _Slot(ph, "of", partial)
                    if lemma in PARTIAL or ph.pos_ == "NUM" or ph.text == "%":
                        # ... but "the Aleppo district of Sheikh Saeed" is all of Sheikh Saeed, and so is "the
                        # district of Ramussa" when Ramussa is a district.
                        partial = partial or not (self._names_the_part(ph, tok) or self._located(ph))
                        t = ph
                        continue
                    if lemma in CONTAINER and lemma not in _ONLY_COMPOUND:
                        if lemma in ("city", "town") and any(c.dep_ in ("compound", "amod") and c.lower_ == "old"
                                                             for c in ph.children):
                            partial = True  # "the Old City of Aleppo": a part of Aleppo
                        t = ph
                        continue
                    return None
                if prep == "in" and t.lemma_.lower() == "control" and ph.pos_ in ("NOUN", "PROPN", "VERB", "AUX"):
                    # "leaving YPG forces in control of the town", "remained in control of Raqqa".
                    return _Slot(ph, "in control", partial)
                if ph.lower_ == "including" and ph.head != ph:
                    ph = ph.head
                if prep == "of" and ph.pos_ == "VERB" and ph.lemma_.lower() in _MEMBERSHIP and ph.head != ph \
                        and ph.head.pos_ in ("NOUN", "PROPN"):
                    t = ph.head  # "the pocket, composed of the towns of Morek, ...": what is said of the pocket
                    continue
                if ph.pos_ in ("VERB", "AUX") and ph.dep_ == "acl" and prep in ("on", "around") \
                        and ph.head.lemma_.lower() in NOUN_EVENTS and ph.head.pos_ == "NOUN":
                    return _Slot(ph.head, prep, partial)  # "broke the siege imposed by IS on Deir ez-Zor"
                if ph.pos_ in ("VERB", "AUX") and prep in ("in", "inside", "within") and _lemma(ph) in GAIN \
                        and _takes_building(ph):
                    return _Slot(ph, "dobj", True)  # "IS seized the hospital in Manbij", parsed with "in" on the verb
                if ph.pos_ in ("VERB", "AUX"):
                    obj = self._dobj(ph) if prep in ("in", "inside") and _lemma(ph) in _DRIVE_OUT else None
                    # "expelled IS fighters in Palmyra": out of it, as "from".
                    return _Slot(ph, "from" if obj is not None and self._fighters(obj) else prep, partial)
                if prep in ("from", "out of") and ph.pos_ in ("NOUN", "PROPN", "PRON") and ph.dep_ in ("dobj", "obj") \
                        and _lemma(ph.head) in EXPEL | GAIN:
                    # "expelled the rebels from Handarat": the parser hangs "from" on the rebels.
                    return _Slot(ph.head, prep, partial)
                if prep in ("in", "inside") and ph.dep_ in ("dobj", "obj") and _lemma(ph.head) in _DRIVE_OUT \
                        and self._fighters(ph):
                    # "Kurdish militia expelled jihadists in Ras al-Ain": the fighters of the place, out of it.
                    return _Slot(ph.head, "from", partial)
                if ph.pos_ == "NOUN" and ph.lemma_.lower() in _POSTS and prep in ("in", "at", "inside", "around"):
                    # "abandoned their posts in Al-Sadiyah": the posts stand for the place; but taking some
                    # positions in a town ("retook several positions in Zamalka") is taking part of it.
                    if _lemma(ph.head) in GAIN and ph.tag_ == "NNS" and not any(
                            c.lower_ in ("all", "last", "remaining", "every") for c in ph.children):
                        partial = True
                    t = ph
                    continue
                if prep == "in" and ph.pos_ == "NOUN" and ph.lemma_.lower() in _CITY_PARTS:
                    partial = True  # "took the Mashlab neighbourhood in Raqqa city": a part of Raqqa
                    t = ph
                    continue
                if prep in ("in", "inside", "within") and ph.pos_ == "NOUN" and ph.lemma_.lower() in _BUILDINGS:
                    partial = True  # "recaptured the government complex in central Ramadi": a part of Ramadi
                    t = ph
                    continue
                if prep in ("in", "at", "inside") and self._besieged_fighters(ph):
                    t = ph  # "besieging the remaining ISIL fighters in the town of X": the town is besieged
                    continue
                if ph.pos_ == "NOUN" and ph.lemma_.lower() in NOUN_EVENTS and prep in ("to", "on", "around"):
                    return _Slot(ph, prep, partial)
                if ph.pos_ == "ADP" and prep in ("inside", "within"):
                    return _Slot(ph.head, "into", partial)
                return None
            if dep in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "obj"):
                if dep in ("dobj", "obj") and h.lemma_.lower() in _MEMBERSHIP and h.dep_ in ("acl", "relcl") \
                        and h.head.pos_ in ("NOUN", "PROPN"):
                    t = h.head  # "the pocket, comprising Morek and Kafr Zita"
                    continue
                if h.pos_ in ("VERB", "AUX"):
                    if dep == "nsubj" and t.i > h.i and any(c.dep_ == "nsubj" and c.i < h.i for c in h.children):
                        dep = "dobj"  # "ISIL recaptured Ayn Issa" misparsed with two subjects
                    return _Slot(h, dep, partial)
                if dep in ("dobj", "obj") and _lemma(h) in GAIN | LOSS | EXPEL:
                    # A word with an object is a verb, whatever its tag ("SDF secure/ADJ Tabqa dam").
                    return _Slot(_as_verb(h, _lemma(h)), dep, partial)
                return None
            return None
        return None

    def _headline_slot(self, root: Token, partial: bool) -> _Slot | None:
        """The slot of a place that heads a sentence with no verb of its own, as headlines and notes are
        written: "Tal Rifaat captured by YPG" (a participle with its doer: a passive), "Maskanah in SAA
        hands", "Jarabulus under FSA control" (a statement, as if with "is")."""
        if not self._is_place(root) and (root.pos_ not in ("NOUN", "PROPN") or root.lemma_.lower() not in CONTAINER):
            return None  # (a place may be tagged anything: "Tadef/ADJ in regime hands")
        for c in root.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and self._agent(c) is not None:
                return _Slot(c, "nsubjpass", partial)
        if self._control_noun(root, ("under", "in")) is not None:
            return _Slot(root, "headline", partial)
        return None

    def _verb_read_as_adjective(self, noun: Token, partial: bool) -> _Slot | None:
        """"Regime forces controlled Kafr Zita town": in a sentence left with no verb, the parser read the
        participle before "X town" as an adjective ("a controlled town"); right after an actor's name it is the
        verb, that actor its doer, the town its object."""
        if noun.pos_ != "NOUN" or noun.sent.root.pos_ in ("VERB", "AUX"):
            return None
        for c in noun.children:
            if c.dep_ != "amod" or c.i > noun.i or c.tag_ not in ("VBN", "VBD") \
                    or _lemma(c) not in _VERBS_READ_AS_ADJECTIVES:
                continue
            before = c.i - 1
            while before >= 0 and self.sdoc[before].pos_ == "ADV":
                before -= 1  # "fully controlled"
            if before < 0:
                return None
            doer = self.sdoc[before]
            if self._actors_in([doer]):
                return _Slot(_VerbView(c, _lemma(c), dep="ROOT"), "dobj", partial, doer=doer)  # type: ignore[arg-type]
            return None
        return None

    def _describes_place(self, noun: Token) -> bool:
        """Whether ``noun`` is said of a place named before it: "Rajo, one of the strongholds"."""
        node = noun
        for _ in range(3):
            if node.dep_ == "appos":
                return self._is_place(node.head)
            if node.dep_ != "pobj" or node.head.lower_ != "of":
                return False
            node = node.head.head
        return False

    def _co_object(self, p: Token, partial: bool) -> _Slot | None:
        """The slot of a place joined to a verb's object by ``p`` ("along with", "alongside"): the object's."""
        gov = p.head
        for _ in range(4):
            if gov.pos_ in ("VERB", "AUX") or gov.head == gov:
                break
            gov = gov.head
        if gov.pos_ not in ("VERB", "AUX"):
            return None
        if self._dobj(gov) is not None:
            return _Slot(gov, "dobj", partial)
        if self._passive(gov) and any(c.dep_ == "nsubjpass" for c in gov.children):
            return _Slot(gov, "nsubjpass", partial)
        return None

    def _is_place(self, tok: Token) -> bool:
        return self._ref_at(tok) is not None

    def _ref_at(self, tok: Token) -> PlaceRef | None:
        s = tok.idx + self.sent.start
        return next((p for p in self.places if p.start <= s < p.end), None)

    def _locates(self, big: Token, container: Token) -> bool:
        """In "X <container> of Y" (``big`` is X): whether X is the larger place that only says where Y is
        ("the Damascus suburb of Qudsaya", "the Aleppo district of Sheikh Saeed"), not a part of Y ("the Qadi
        Askar neighbourhood of Aleppo")."""
        a = self._ref_at(big)
        if a is None:
            return False
        for c in container.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    b = self._ref_at(g)
                    if b is not None:
                        return _size(a.place) >= _size(b.place)
        return False

    def _realised(self, v: Token) -> bool:
        """Whether what ``v`` says happened (not negated, wished, tried, planned or undone)."""
        own = list(v.children)
        if v.dep_ in ("acomp", "attr") and v.head != v:
            own += list(v.head.children)  # "was not able"
        for c in own:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")):
                return False
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
                return False
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return False
        if v.pos_ == "NOUN" and v.dep_ == "nsubj" and v.head.lemma_.lower() == "be" and any(
                c.lower_ in _NOT_YET for c in v.head.subtree if c.i > v.i and c not in set(v.subtree)):
            return False  # "the recapture of Tikrit was at least two weeks away", "the fall of X is imminent"
        if v.dep_ in ("csubj", "csubjpass") and v.head != v and self._negated(v.head):
            return False  # "Capturing the whole city would be a major prize"
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)
        h = v.head
        if infinitive or v.dep_ in ("xcomp", "pcomp", "acl", "advcl", "ccomp", "conj") or v.pos_ == "NOUN":
            # Climb through the words that govern it.
            node = v
            for _ in range(4):
                h = node.head
                if h == node:
                    break
                lemma = h.lemma_.lower()
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children) and node.dep_ in (
                        "ccomp", "acl", "advcl"):
                    # "with the SOHR reporting that they captured X": a fact told, unless hoped or denied.
                    return lemma not in INTENT and not self._negated(h)
                if lemma in REALISING:
                    if infinitive and node == v and lemma in _SPEECH and any(
                            c.dep_ in ("dobj", "obj") for c in h.children) and not any(
                            c.dep_ in ("aux", "auxpass") and c.lower_ in ("have", "has", "had", "be", "been")
                            for c in v.children):
                        return False  # "announced an operation to recapture X" (not "said to have taken X")
                    # "managed to capture", "reported that they captured": it happened unless that is denied.
                    return not self._negated(h)
                if (node.dep_ in ("ccomp", "xcomp", "oprd") or (node.dep_ == "dobj" and node != v)) and any(
                        c.dep_ == "aux" and c.lower_ in _MODALS for c in h.children):
                    return False  # "a deal that will see rebels evacuated from X"
                if node.dep_ == "prep" and node.lower_ in _SINCE and node != v:
                    # "After the fall of Palmyra, the group moved on", "Following the capture of X, they launched
                    # an attack on Y": a time set by what happened, whatever the clause then says.
                    break
                intent = lemma in INTENT or lemma.rsplit("-", 1)[-1] in INTENT  # "counter-offensive"
                if intent and (infinitive or node.pos_ == "NOUN" or node.dep_ in ("pcomp", "pobj", "prep")
                               or any(c.tag_ == "TO" for c in node.children)):
                    # "a successful battle to seize Jarablus" happened.
                    return any(c.dep_ == "amod" and c.lemma_.lower() in _SUCCESS for c in h.children)
                if node.tag_ == "VBG" and node.dep_ in ("advcl", "conj") and (node != v or (
                        node.dep_ == "advcl" and node.i > 0 and node.nbor(-1).text == ",")):
                    # "ISIL advanced ..., forcing the YPG to withdraw", "began to intensify their offensive,
                    # capturing Al-Kasra": it happened
                    break
                if node.dep_ in ("conj", "dobj", "nsubj", "nsubjpass", "ROOT", "relcl"):
                    if node.dep_ == "conj" or (node == v and infinitive and node.dep_ == "relcl"):
                        node = h  # ("trying for months to surround X", read as a relative clause of "months")
                        continue
                    break
                if infinitive and node == v and h.lower_ == "had" and h.lemma_.lower() == "have" \
                        and _lemma(v) in LOSS and not any(c.lower_ in ("still", "yet") for c in h.children):
                    # "had to retreat from it": they did ("had to capture X", "still had to": not yet)
                    return not self._negated(h)
                if infinitive and node == v and h.pos_ in ("VERB", "AUX", "NOUN"):
                    # "launched an assault to capture", "moved to take": a purpose, not a result.
                    return False
                if infinitive and node == v and lemma in _LIKELY:
                    return False  # "IS is likely to capture Azaz", "poised to enter the city": not yet
                if node != v and node.dep_ in ("advcl", "acl") and any(
                        c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
                    return False  # "killed during an offensive to recapture the road and break the siege"
                node = h
        # An ancestor negated ("were not able to capture", "despite not entering").
        for a in list(v.ancestors)[:3]:
            if any(c.dep_ == "neg" for c in a.children) and a.lemma_.lower() in REALISING:
                return False
        if v.dep_ == "pcomp" and v.head.lower_ in ("without", "despite"):
            return False  # "despite not entering it", "without capturing"
        return not (self.text.rstrip().endswith("?"))

    def _negated(self, v: Token) -> bool:
        """Negated or under a modal: "was not able", "would manage"."""
        own = list(v.children)
        if v.dep_ in ("acomp", "attr") and v.head != v:
            own += list(v.head.children)
        return any(c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS) for c in own)

    def _passive(self, v: Token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (
            v.tag_ == "VBN" and v.dep_ in ("acl", "amod"))

    def _subject(self, v: Token) -> Token | None:
        """The doer of ``v``: its subject, or the subject it shares (conjoined, infinitive, relative)."""
        if v.dep_ == "conj" and v.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in v.children):
            prev = self.sdoc[v.i - 1]
            if prev.dep_ == "conj" and prev.pos_ in ("PROPN", "NOUN") and prev.head.dep_ in ("dobj", "obj") \
                    and self._actors_in([prev]):
                # "IS handed over its weapons and Syrian forces took Douma", parsed with the forces as one more
                # thing handed over and "took" sharing the first verb's subject: the side just before it took it.
                return prev
        node = v
        for _ in range(8):
            # A number the parser took for a subject is the sentence's date ("On 29 December 2016, Iraqi forces
            # took back ...", parsed with two subjects).
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
            for c in [c for c in subjects if c.pos_ != "NUM"] or subjects:
                if c.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                    return node.head
                if node.lemma_ == "be" and node != v and not self._actors_in(c.subtree):
                    # "The second largest was Faylaq al-Rahman, ..., controlling Jobar": the side named after "was"
                    named = next((a for a in node.children if a.dep_ == "attr" and self._actors_in([a])), None)
                    if named is not None:
                        return named
                return c
            if node.dep_ == "relcl":
                return node.head
            if node.dep_ == "acl" and node.tag_ == "VBG" and self._actors_in(
                    self.sdoc[node.head.left_edge.i : node.head.i + 1]):
                return node.head  # "the terrorist group controlling it"; not "their advances seizing X"
            if node.pos_ == "NOUN":
                by = self._agent(node)
                if by is not None:
                    return by
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in ("force", "compel", "oblige", "push"):
                # "forced IS to withdraw": IS withdrew; "government forces were forced to retreat": they did.
                obj = next((c for c in node.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
                if obj is not None:
                    return obj
            if node.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "advmod", "npadvmod", "agent") \
                    and node.head != node:
                node = node.head
                continue
            break
        return self._first_doer_before(v)

    def _first_doer_before(self, v: Token) -> Token | None:
        """When the parse gives no subject: the first actor the sentence names before ``v`` that is not the
        object of a preposition ("closing in on ISIS") or a holder."""
        off = self.sent.start
        for a in self.actor_mentions:
            if a.start >= v.idx + off or a.holder:
                continue
            span = self._span(a.start, a.end)
            if span is None:
                continue
            root = span.root
            if root.dep_ == "pobj" and root.head.lower_ not in ("by",):
                continue
            if root.dep_ in ("dobj", "nsubjpass", "poss"):
                continue
            return root
        return None

    def _agent(self, v: Token) -> Token | None:
        for c in v.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() not in _TIMES:
                        return g  # not "by that point", "by the end of May": when, not who
        return None

    def _prep_obj(self, v: Token, *preps: str) -> Token | None:
        for c in v.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
            if c.dep_ in ("prt", "advmod") and c.lower_ == "out" and "out of" in preps:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "of":
                        for gg in g.children:
                            if gg.dep_ == "pobj":
                                return gg
        return None

    def _moved(self, v: Token) -> list[Token]:
        """Who a passive verb moved: its passive subject ("who" stands for the noun it relates to), or the
        noun a participle describes ("residents evacuated from X")."""
        out = [c for c in v.children if c.dep_ == "nsubjpass"]
        if v.dep_ in ("acl", "relcl") and v.head != v:
            out.append(v.head)
        return out

    def _left_before(self, v: Token, place: Place) -> str | None:
        """Who left before ``v`` happened, when the clause says so: "after the YPG withdrew", "following
        the withdrawal of the YPG", "as the rebels fled"."""
        for c in v.children:
            clause: Token | None = c if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("after", "as", "once", "when") for m in c.children) else None
            if c.dep_ == "prep" and c.lower_ in ("after", "following", "upon"):
                # "after Peshmerga forces withdrew", parsed as the object of "after".
                clause = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "VERB"), None)
            if clause is not None and _lemma(clause) in LOSS and _lemma(clause) not in ("lose", "hand", "cede"):
                origin = self._prep_obj(clause, "from")
                if origin is not None and origin.pos_ == "PROPN" and origin.i not in {t.i for t in v.subtree
                                                                                      if t.dep_ in ("dobj", "obj")}:
                    return None  # "after the YPG withdrew from Tal Rifaat": left some other place
                return self._actor_of(self._subject(clause), place)[0]
            if c.dep_ == "prep" and c.lower_ in ("after", "following", "upon", "on"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in ("withdrawal", "retreat", "departure", "pullout",
                                                                 "evacuation", "flight"):
                        return self._actor_of(self._prep_obj(g, "of") or next(
                            (x for x in g.children if x.dep_ == "poss"), None), place)[0]
        return None

    def _fought_before(self, v: Token, place: Place) -> str | None:
        """Whom the doer of ``v`` fought just before, when the clause says so: "after clashes with the SDF",
        "following heavy fighting against IS"."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("after", "following", "amid"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in _FIGHTS:
                        foe = self._prep_obj(g, "with", "against")
                        if foe is not None:
                            return self._actor_of(foe, place)[0]
        return None

    def _besieged_fighters(self, tok: Token) -> bool:
        """Whether ``tok`` is fighters a siege verb has as its object ("encircled IS militants [at X]")."""
        if tok.dep_ not in ("dobj", "obj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN", "NUM") \
                or _lemma(tok.head) not in SIEGE:
            return False
        return self._fighters(tok)

    def _fighters(self, tok: Token) -> bool:
        """Whether ``tok`` names fighters or an armed side ("hundreds of IS fighters": said after "of")."""
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return any(t.lemma_.lower() in _FIGHTERS or self._actors_in([t]) for t in (tok, *of))

    def _dobj(self, v: Token) -> Token | None:
        return next((c for c in v.children if c.dep_ in ("dobj", "obj")), None)

    def _holder_actor(self, root: Token, place: Place, stands_for: Token | None = None,
                      after: Token | None = None) -> str | None:
        """The holder written on the place's own words: "rebel-held parts of Aleppo", "IS-held Raqqa"; only
        words after ``after`` (the verb of an active clause, whose object the place is)."""
        off = self.sent.start
        lo = root.left_edge.idx
        node = root
        for _ in range(4):
            if node.dep_ in ("pobj",) and node.head.lower_ in ("of", "in", "at") and node.head.head.pos_ == "NOUN" \
                    and node.head.head.lemma_.lower() not in NOUN_EVENTS \
                    and (node.head.lower_ == "of" or node.head.head.lemma_.lower() in _POSTS
                         or self._besieged_fighters(node.head.head)):
                node = node.head.head
                lo = min(lo, node.left_edge.idx)
                continue
            if node.dep_ in ("compound", "conj", "appos") and node.head.pos_ in ("NOUN", "PROPN"):
                node = node.head
                lo = min(lo, node.left_edge.idx)
                continue
            break
        chain_lo = lo
        if stands_for is not None:
            lo = min(lo, stands_for.left_edge.idx)
        hi = root.idx + len(root.text)
        modifiers = self._modifiers()
        for a in self.actor_mentions:
            if a.end > hi + off or (after is not None and a.start <= after.idx + off):
                continue
            if (a.holder and lo + off <= a.start) or (a.start in modifiers and chain_lo + off <= a.start):
                date = self._date_near(root)[0]
                return self.ex.actors.resolve(a, country=place.country, date=date, recent=self.history,
                                              district=place.admin2)
        return None

    def _modifiers(self) -> set[int]:
        """Text offsets of the sentence's modifier words (computed once a sentence)."""
        if not hasattr(self, "_modifier_offsets"):
            off = self.sent.start
            self._modifier_offsets = {t.idx + off for t in self.sdoc if t.dep_ in ("amod", "compound", "nmod")}
        return self._modifier_offsets

    # -- dates --------------------------------------------------------------------------------------------
    def _date_governors(self) -> list[tuple[DateMention, int]]:
        """Each date of the sentence with the word it modifies (a verb or an event noun)."""
        if not hasattr(self, "_governors"):
            self._governors: list[tuple[DateMention, int]] = []
            for d in self.dates:
                span = self._span(d.start, d.end)
                if span is None:
                    continue
                t = span.root
                for _ in range(6):
                    if t.head == t or t.pos_ in ("VERB", "AUX") or (
                            t.pos_ == "NOUN" and t.lemma_.lower() in NOUN_EVENTS and t not in span):
                        break
                    t = t.head
                self._governors.append((d, t.i))
        return self._governors

    def _date_near(self, tok: Token, place_root: Token | None = None) -> tuple[dt.date, str]:
        """The date of what ``tok`` says: a date in the place's own words ("and Tikrit on 11 June"), else
        one on ``tok`` or the words above it, else the last one before it, else the narrative's or the
        publication date."""
        off = self.sent.start
        if self.dates:
            if place_root is not None:
                own = [d for d in self.dates if place_root.left_edge.idx + off <= d.start
                       and d.end <= place_root.right_edge.idx + len(place_root.right_edge.text) + off]
                if own:
                    return own[0].date, own[0].precision
                # ... or written right after them, wherever the parse hung it ("the seizure of Mosul on 10
                # June and Tikrit on 11 June").
                after = place_root.right_edge.idx + len(place_root.right_edge.text) + off
                text = self.prep.doc.text
                right = next((d for d in self.dates if d.start >= after
                              and _DATE_GAP.fullmatch(text, after, d.start)), None)
                if right is not None:
                    return right.date, right.precision
            governors = self._date_governors()
            node = tok
            pos = tok.idx + off
            for _ in range(8):
                attached = [d for d, g in governors if g == node.i and (not d.forward or d.end <= pos)]
                if attached:
                    pos = tok.idx + off
                    pick = min(attached, key=lambda d: abs(d.start - pos))
                    return pick.date, pick.precision
                if node.head == node:
                    break
                node = node.head
            pos = tok.idx + off
            before = [d for d in self.dates if d.end <= pos]
            if before:
                return before[-1].date, before[-1].precision
        last = self.prep.last_date.get(self.k)
        if self.prep.doc.narrative and last is not None:
            return last.date, last.precision
        pub = self.prep.doc.published
        assert pub is not None
        return pub, "day"

    # -- claims -------------------------------------------------------------------------------------------
    def read(self) -> None:
        self._resolve_unknown()
        seen: set[int] = set()
        for ref in self.places:
            if not self._takes_claims(ref):
                continue
            span = self._span(ref.start, ref.end)
            if span is None:
                continue
            self._claim_for(span.root, ref)
            seen.update(t.i for t in span)
        for tok in self.sdoc:
            if tok.i in seen or tok.pos_ != "NOUN" or tok.lemma_.lower() not in _ANAPHORIC_NOUNS:
                continue
            if tok.tag_ == "NNS" and (any(c.dep_ in ("prep", "advmod", "relcl", "acl") for c in tok.children) or (
                    tok.i + 1 < len(self.sdoc) and self.sdoc[tok.i + 1].lower_ in _NEW_PLACES_AFTER)) \
                    and not (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one"):
                # "pushing into the villages at the western borders", "the villages to the south of Kobani": other
                # places than those named ("handing the towns to regime forces", "one of the last cities held by
                # the militants" refer back)
                continue
            if not any(c.lower_ in ("the", "its", "their", "this", "that") for c in tok.children):
                continue
            if any(self._is_place(c) for c in tok.subtree if c.dep_ in ("pobj", "compound", "appos", "nmod")):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.text[:1].isupper()
                                                                 for g in c.children) for c in tok.children):
                continue  # "the ancient city of Palmyra" names its city, even when the name was not found
            antecedent = self._antecedent(tok)
            if antecedent is not None:
                self._claim_for(tok, antecedent, anaphor=True)
        for tok in self.sdoc:
            its_event = tok.lower_ == "its" and tok.dep_ == "poss" and tok.head.lemma_.lower() in NOUN_EVENTS \
                and NOUN_EVENTS[tok.head.lemma_.lower()] in ("gain", "fall")  # "ended in its liberation"
            if not its_event and (tok.lower_ != "it" or (tok.dep_ not in ("dobj", "pobj", "nsubjpass") and not (
                    tok.dep_ == "nsubj" and _lemma(tok.head) in GAIN and _lemma(tok.head.head) in DECLARE))):
                continue  # ("declared it liberated": the small clause's subject)
            # "reached the town of Albu Kamal and took control of it": the place the sentence named just before.
            off = self.sent.start
            before = [p for p in self.places if p.end <= tok.idx + off and self._takes_claims(p)]
            slot = self._slot(tok)
            if before and slot is not None and (_lemma(slot.verb) in GAIN | LOSS | EXPEL | SIEGE or its_event):
                last = before[-1]
                if len(before) > 1 and _LOCATOR_GAP.fullmatch(self.prep.doc.text[before[-2].end:last.start]):
                    last = before[-2]  # "the Baba Amr district in the city of Homs ... seized it": Baba Amr
                self._claim_for(tok, last, anaphor=True)
        self._lists()
        self._areas({c.place_id for c in self.result.claims if c.evidence.start == self.sent.start})
        self._note_agents()
        self._unresolved()

    def _lists(self) -> None:
        """Places written as one list ("Abdi, Kwi, Kendal and Sor") share what is said of the list: when the
        parse gave a claim to some of them, the others get it too."""
        text = self.prep.doc.text
        places = [p for p in self.places if self._takes_claims(p)]
        groups: list[list[PlaceRef]] = []
        for p in places:
            if groups and _LIST_GAP.fullmatch(text[groups[-1][-1].end:p.start]):
                groups[-1].append(p)
            else:
                groups.append([p])
        mine = [c for c in self.result.claims if c.evidence.start == self.sent.start]
        for group in groups:
            if len(group) < 2:
                continue
            ids = {p.place.id for p in group}
            # The claim of a member of this list (not of the same place named elsewhere in the sentence).
            starts = {p.start for p in group} & self.claimed_at
            model = next((c for c in mine if c.place_id in ids and c.written_as in
                          {p.text for p in group if p.start in starts}), None)
            if model is None:
                continue
            for p in group:
                if any(c.place_id == p.place.id or c.written_as == p.text for c in mine):
                    continue  # claimed already (perhaps on the namesake where the actor fights)
                if not self.ex.actors[model.actor].fits(p.place.country, None):
                    continue
                self._add(p, model.actor, model.previous_actor, model.status, model.date, model.date_precision,
                          model.confidence * 0.9, model.kind, model.area)

    def _takes_claims(self, ref: PlaceRef) -> bool:
        """A mention a claim can be about: a place of the wars, not a bracketed qualifier ("Karamah
        (Raqqa)"), not the first word of a facility ("the Afrin Dam")."""
        return _claimable(ref.place) and not self._qualifier(ref) and not _FACILITY.match(self.prep.doc.text, ref.end)

    def _qualifier(self, ref: PlaceRef) -> bool:
        """A place in brackets after another that only says where it is: "Karamah (Raqqa)", and the districts
        of event notes, "Hamam (Jandairis, Afrin)"."""
        text = self.prep.doc.text
        before = text[max(0, ref.start - 2):ref.start]
        after = text[ref.end:ref.end + 30]
        if "(" in before and _QUALIFIER_END.match(after):
            return True
        opening = text.rfind("(", max(0, ref.start - 80), ref.start)
        closing = text.find(")", ref.end, ref.end + 80)
        if opening < 0 or closing < 0 or ")" in text[opening:ref.start] or "(" in text[ref.end:closing]:
            return False
        # Only names in the brackets, right after a name (and its kind: "Tal Saman village (Raqqa, Raqqa)").
        return _NAMES_ONLY.fullmatch(text, opening + 1, closing) is not None and _NAME_BEFORE_BRACKET.search(
            text, max(0, opening - 60), opening) is not None

    def _unknown_names(self) -> Iterator[tuple[Token, int, int]]:
        """Names written as places in a control clause ("captured Kafarya", "the village of X") that
        neither the gazetteer's mentions nor the registry cover: (the name's head word, start, end)."""
        off = self.sent.start
        known = [(p.start, p.end) for p in self.places] + [(a.start, a.end) for a in self.actor_mentions]
        for tok in self.sdoc:
            first, last = tok, tok
            pos = tok.pos_
            if pos != "PROPN" and pos != "NOUN":
                continue
            # A capitalised word inside the sentence is a name even when tagged a noun ("Ariha and Tramla").
            name_like = pos == "PROPN" or (
                tok.i > 0 and tok.text[:1].isupper() and not tok.text.isupper() and tok.lower_ not in _NOT_A_NAME
                and tok.dep_ in ("conj", "pobj", "dobj", "appos", "nsubjpass")
                and not any(c.dep_ == "compound" for c in tok.children))
            if name_like and tok.dep_ != "compound" and _NAME_CASE.match(tok.text):
                first = min((c for c in tok.subtree if c.dep_ == "compound" and c.i < tok.i), default=tok,
                            key=lambda c: c.i)
            elif tok.lemma_.lower() in ("village", "town", "city", "hill", "neighbourhood", "neighborhood"):
                names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
                if not names:
                    continue
                first = min(min(c.subtree, key=lambda x: x.i) for c in names)
                last = max(names, key=lambda c: c.i)
            else:
                continue
            if any(a <= first.idx + off < b or a <= last.idx + off < b for a, b in known):
                continue
            if first.i == last.i and (first.lower_ in _NOT_A_NAME or first.ent_type_ in ("NORP", "DATE")):
                continue  # "August", "Christians", "the Division": not a place name that failed to resolve
            start, end = first.idx + off, last.idx + len(last.text) + off
            more = _ARTICLE_NAME_AFTER.match(self.prep.doc.text, end)
            if more is not None:
                end = more.end()  # "Bab al-Taqa", parsed as two names: one name, not "Bab"
            slot = self._slot(tok)
            if slot is None or _lemma(slot.verb) not in GAIN | LOSS | EXPEL | SIEGE | FALL | {"enter", "storm"}:
                slot = self._surface_slot(start, end)  # "Ix regained control of X village" read as a name
                if slot is None:
                    continue
            if slot.rel not in ("dobj", "nsubjpass", "of", "into", "from", "out of", "obj", "over"):
                continue
            yield tok, start, end

    def _resolve_unknown(self) -> None:
        """Give the names of :meth:`_unknown_names` a second chance: a looser reading of the name (a
        spelling the gazetteer lacks, "Kafarya" for Kafriya), kept only when it is sure enough and, when
        the report names other places, near one of them. Kept names join the report's places."""
        self._unknown = []
        for tok, start, end in list(self._unknown_names()):
            ref = self.ex.loose_place(self.prep, start, end)
            if ref is not None:
                insort(self.places, ref, key=lambda p: p.start)
                insort(self.prep.places, ref, key=lambda p: p.start)
            else:
                self._unknown.append((tok, start, end))

    def _unresolved(self) -> None:
        """Names used as places in a control clause that neither the gazetteer nor the registry knows."""
        for _, start, end in self._unknown:
            self.result.unresolved.append(Unresolved(self.prep.doc.id, self.prep.doc.text[start:end],
                                                     self.sent.text, start, end))

    def _antecedent(self, tok: Token) -> PlaceRef | None:
        """The place "the town" refers back to: the last place of that kind named in the five sentences
        before it ("the city" is a city or a town; "the town" and "the village" are not cities), else the
        place the report's title is about ("Fall of Mosul")."""
        pos = tok.idx + self.sent.start
        lo = self.prep.sentences[max(0, self.k - 5)].start
        kinds = _ANTECEDENT_KINDS.get(tok.lemma_.lower(), ("city", "town", "village"))
        text = self.prep.doc.text
        before = [p for p in self.prep.places
                  if lo <= p.start < pos and p.place.country in WAR_COUNTRIES and p.place.kind in kinds
                  and not (tok.lemma_.lower() != "city" and p.place.population >= 1_000_000)]
        # A name that names a building ("the al-Hal market, the al-Thor school ... in the city") only when no
        # other place will do ("from the town's notorious Tadmur prison ... the town fell").
        before = [p for p in before if not _BUILDING_AFTER.match(text, p.end)] or before
        if before:
            # A place that only located another ("Tal Afar, ... 55 km west of Mosul. The city was captured")
            # is not what the story goes on about.
            # (only when its sentence named that other place before it: "fresh advances near Kobani ... a week
            # after the flashpoint town was recaptured" is about Kobani).
            bounds = [x.end for x in self.prep.sentences]

            def locates_an_earlier(p: PlaceRef) -> bool:
                if not _LANDMARK_BEFORE.search(text, max(0, p.start - 40), p.start):
                    return False
                s = bisect_right(bounds, p.start)
                return any(q.start < p.start and bisect_right(bounds, q.start) == s
                           and not _LANDMARK_BEFORE.search(text, max(0, q.start - 40), q.start) for q in before) \
                    or any(start < p.start and bisect_right(bounds, start) == s for _, start, _ in self._unknown)

            # (None when each only locates a name the gazetteer does not know: "seized al-Hbeit in southern
            # Idlib, the first town it has taken": the town is al-Hbeit.)
            told = [p for p in before if not locates_an_earlier(p)]
            return told[-1] if told else None
        for m in self.ex.gaz.find_mentions(self.prep.doc.title):
            res = self.ex.gaz.resolve(m.text)
            if res.match is not None and res.match.place.kind in kinds and _claimable(res.match.place):
                # Offsets of the words "the town" in the text: the evidence is the sentence.
                return PlaceRef(pos, pos + len(tok.text), m.text, res.match.place, res.match.score * 0.8)
        return None

    def _claim_for(self, root: Token, ref: PlaceRef, anaphor: bool = False) -> None:
        slot = self._slot(root)
        if slot is not None and slot.verb.lemma_.lower() == "be" and slot.rel in ("attr", "nsubj"):
            # "The most important village to come under IS control is Hiwar Kallis": the place stands for
            # the other side of "is", and takes what is said of it.
            other = next((c for c in slot.verb.children if c.dep_ in ("nsubj", "attr") and c != root
                          and c.i not in {t.i for t in root.subtree}), None)
            if other is not None:
                for c in other.children:
                    if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX"):
                        proxy = _Slot(c, "nsubjpass" if self._passive(c) else "nsubj", slot.partial)
                        if self._event(proxy, root, ref, anaphor, stands_for=other):
                            return
        if slot is not None and self._event(slot, root, ref, anaphor):
            return
        # (Not a place the parse made a second subject: "Iraqi forces retake Rutba from IS; the militants
        # fled", parsed with Rutba and the militants the subjects of "fled".)
        control = slot is not None and _lemma(slot.verb) in _CONTROL_WORDS and not (
            slot.rel == "nsubj" and any(c.dep_ == "nsubj" and c.i not in {x.i for x in root.subtree}
                                        for c in slot.verb.children))
        surface = None if control else self._surface_slot(ref.start, ref.end)
        if surface is not None and self._event(surface, root, ref, anaphor):
            return
        relative = self._relative_slot(ref.start, ref.end)
        if relative is not None and self._event(relative, root, ref, anaphor):
            return
        self._statement(root, ref)

    def _names_the_part(self, noun: Token, tok: Token) -> bool:
        """Whether a part word names the place itself: "the district of Ramussa" when Ramussa is a district
        or neighbourhood, not "a district of Aleppo"."""
        if noun.lemma_.lower() not in _PART_NAMES or noun.tag_ in ("NNS", "NNPS") \
                or any(c.lower_ in ("a", "an", "one", "some", "several") for c in noun.children):
            return False
        ref = self._ref_at(tok)
        return ref is not None and ref.place.kind in _PART_KINDS

    def _located(self, noun: Token) -> bool:
        """Whether a part word is located by a place of its own words: "the Damascus suburb of Daraya" is all
        of Daraya."""
        return any(c.dep_ in ("compound", "poss", "nmod") and self._locates(c, noun) for c in noun.children)

    def _part_of(self, tok: Token) -> bool:
        """Whether a place is named as holding the thing spoken of: "a neighbourhood of Aleppo", "an area in
        Aleppo", "the Old City of Homs"."""
        node = tok
        for _ in range(3):  # through the kind words: "a neighbourhood of the city of Aleppo"
            if node.dep_ == "compound" and node.head.lemma_.lower() in ("city", "town"):
                node = node.head
            if node.dep_ != "pobj" or node.head.lower_ not in ("of", "in"):
                return False
            noun = node.head.head
            lemma = noun.lemma_.lower()
            if lemma in ("city", "town") and any(c.lower_ == "old" for c in noun.children):
                return True
            if lemma in PARTIAL:
                return not (self._names_the_part(noun, tok) or self._located(noun))
            if lemma not in ("city", "town", "village"):
                return False
            node = noun
        return False

    def _relative_slot(self, start: int, end: int) -> _Slot | None:
        """The slot of a place in the relative clause written right after it, wherever the parse hung the
        clause: "near Palmyra, which government forces recaptured in March" (the place is what "which"
        stands for), "the district of Ramussa, seized by rebels earlier this month" (a participle with its
        doer: a passive). Only a comma, a kind word ("Idlib city") or an adverb may come between."""
        span = self._span(start, end)
        if span is None:
            return None
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in ("near", "around", "outside", "beside", "by", "towards",
                                                         "toward", "from", "to") \
                and root.head.head.pos_ in ("NOUN", "PROPN"):
            return None  # "towns near Damascus which are surrounded by ...": the clause is the towns'
        partial = self._part_of(root)
        doc = self.sdoc
        i = span.end
        while i < len(doc) and (doc[i].text == "," or doc[i].lower_ in ("city", "town", "village", "province",
                                                                          "district", "neighbourhood", "area")):
            i += 1
        if i >= len(doc):
            return None
        t = doc[i]
        if t.lower_ in ("from", "into", "over") and i + 1 < len(doc) and doc[i + 1].lower_ == "which" \
                and doc[i + 1].dep_ == "pobj" and t.head.pos_ in ("VERB", "AUX") and t.head.i > t.i:
            return _Slot(t.head, t.lower_, partial)  # "Ras al-Ain, from which the jihadists were expelled"
        if t.lower_ in ("which", "that") and t.dep_ in ("dobj", "nsubj", "nsubjpass"):
            v = t.head
            if v.pos_ in ("VERB", "AUX") and v.dep_ in ("relcl", "ccomp", "acl", "advcl") and v.i > t.i:
                return _Slot(v, t.dep_, partial)
            return None
        if t.pos_ == "ADV" and i + 1 < len(doc):
            t = doc[i + 1]  # "recently captured by Kurdish forces"
        if t.tag_ == "VBN" and t.dep_ in ("acl", "relcl", "amod") and self._agent(t) is not None:
            return _Slot(t, "nsubjpass", partial)
        return None

    def _surface_slot(self, start: int, end: int) -> _Slot | None:
        """The word of taking just before a place, when the parse did not join them: "ISIL recaptured Ayn
        Issa" read as a name "recaptured Ayn Issa", "capturing the strategic Barsaya mountain". Only
        determiners, adjectives, numbers and containers ("the town of") may stand between them."""
        span = self._span(start, end)
        if span is None:
            return None
        head = span.root
        while head.dep_ == "conj" and head.head != head:
            head = head.head
        if head.dep_ in ("compound", "nmod", "amod") and head.head.lemma_.lower() not in CONTAINER:
            return None  # "the Kafr Bassin and Hish intersection checkpoints" are not the towns
        if head.dep_ in ("compound", "nmod", "poss") and self._locates(head, head.head):
            return None  # "took the Aleppo district of Sheikh Saeed": Sheikh Saeed was taken
        i = span.start - 1
        partial = False
        while i >= 0:
            t = self.sdoc[i]
            low = t.lower_
            if t.pos_ in ("DET", "ADJ", "NUM") or low in ("of", "strategic", "key", "entire", "whole", "most"):
                partial = partial or low in PARTIAL
                i -= 1
                continue
            if t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in CONTAINER or low in CONTAINER):
                i -= 1
                continue
            break
        if i < 0:
            return None
        v = self.sdoc[i]
        lemma = _surface_lemma(v)
        if lemma not in _SURFACE_GAIN:
            return None
        # The parse that missed the verb's object may miss its subject too ("SDF captured al-Shaddadi, ISIS
        # retreated south", parsed with ISIS the subject of all): an actor written just before the verb did it.
        prev = self.sdoc[i - 1] if i > 0 else None
        doer = prev if prev is not None and prev.pos_ in ("NOUN", "PROPN") and self._actors_in([prev]) else None
        return _Slot(_as_verb(v, lemma), "dobj", partial, doer)

    def _event(self, slot: _Slot, root: Token, ref: PlaceRef, anaphor: bool,
               stands_for: Token | None = None) -> bool:
        """Read a claim from the word that governs a place; whether one was made."""
        v, rel = slot.verb, slot.rel
        if v.pos_ in ("VERB", "AUX") and rel in ("to", "on", "around", "over"):
            # "laid siege to X", "imposed control over X": the noun says what happened.
            noun = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() in NOUN_EVENTS), None)
            if noun is not None:
                v = noun
        lemma = _lemma(v)
        if rel in ("inside", "within") and v.pos_ in ("VERB", "AUX") and lemma not in CONTEST:
            fight = next((c for c in v.children if c.dep_ == "nsubj" and c.lemma_.lower() in _FIGHTING), None)
            if fight is not None:
                return self._fighting_inside(v, fight, ref)
        declared_by: Token | None = None
        beaten: Token | None = None
        won = next((c for c in v.children if c.dep_ in ("dobj", "obj") and (
            (c.lemma_.lower() == "victory" and rel in ("in", "over") and lemma in DECLARE | {"achieve", "win", "claim"})
            or (c.lemma_.lower() in _DEFEATS and rel in ("in", "at") and lemma in DECLARE))), None) \
            if v.pos_ in ("VERB", "AUX") else None
        if won is not None:
            # "Iraqi forces announced victory in Mosul", "the SDF declared the defeat of IS at Baghouz": they hold
            # it; not those it was "over", or whose defeat it was.
            if not self._realised(v):
                return False
            declared_by = self._subject(v)
            beaten = next((g for c in (*won.children, *v.children) if c.dep_ == "prep" and c.lower_ == (
                "over" if won.lemma_.lower() == "victory" else "of") for g in c.children
                           if g.dep_ == "pobj" and not self._is_place(g)), None)
            lemma, rel = "capture", "dobj"
        elif v.pos_ == "VERB" and lemma in _FLAG_VERBS and rel in ("over", "in", "on", "above", "atop", "at") \
                and any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in ("flag", "banner")
                        for c in v.children):
            # "the army raised the national flag over Daraa al-Balad": the way a capture is marked.
            if not self._realised(v):
                return False
            declared_by = self._agent(v) if self._passive(v) else self._subject(v)
            lemma, rel = "capture", "dobj"
        elif v.pos_ in ("VERB", "AUX") and lemma in _CONTROL_HOLDERS and rel in ("dobj", "obj", "over") and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("control", "grip", "hold") for c in v.children):
            lemma = "control"  # "declared full control over X", "retained control of the town": it holds X
        elif v.pos_ in ("VERB", "AUX") and lemma in DECLARE:
            pred = next((c for c in v.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl")
                         and c.lemma_.lower() in GAIN and c.tag_ in ("VBN", "JJ", "VBD")), None)
            if pred is None or not self._realised(pred):
                return False  # "announced an operation to recapture" is a plan, "declared X liberated" is not
            declared_by = self._subject(v)
            lemma, rel = "capture", "dobj"
        elif rel == "nsubj" and v.tag_ in ("VBN", "VBD") and v.head.lemma_.lower() in DECLARE and lemma in GAIN \
                and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            # "declared the town of Albu Kamal liberated": a small clause.
            declared_by = self._subject(v.head)
            rel = "nsubjpass"
        elif rel == "nsubj" and v.tag_ in ("VBN", "VBD") and lemma in SIEGE and v.dep_ in ("ccomp", "xcomp", "oprd") \
                and _lemma(v.head) == "leave":
            # "the Army captured Qadi Askar, leaving Sha'ar encircled": besieged by those who left it so.
            declared_by = self._subject(v.head)
            rel = "nsubjpass"
        undone = _UNDONE.search(self.text[v.idx:]) is not None
        if not self._realised(v) or _UNCONFIRMED.search(self.text) or _DENIED.search(self.text[v.idx:]):
            return False
        # "Mayadin liberated by SAA": a headline's passive, its "was" left out, parsed as an active verb with a
        # place for subject; an active verb has no "by" agent.
        headline_passive = rel == "nsubj" and v.tag_ in ("VBN", "VBD") and self._agent(v) is not None \
            and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in v.children)
        if headline_passive:
            rel = "nsubjpass"
        # A doer written before the verb makes it active, whatever the parse ("SDF captured X" parsed as an adjective).
        passive = (self._passive(v) and slot.doer is None) or declared_by is not None or headline_passive
        place = ref.place
        object_of = v if rel in ("dobj", "obj") and not passive and stands_for is None else None
        holder = self._holder_actor(root, ref.place, stands_for, after=object_of)
        actor: str | None = None
        previous: str | None = None
        status = "controlled"
        inferred = False
        kind = "event"
        area = ""
        # A deal the entry or deployment was made under, unless observers went in (see :data:`_AGREED`).
        deal = _AGREED.search(self.sent.text) if (lemma in CONTEST or lemma == "deploy") and not _OBSERVERS.search(
            self.sent.text) else None
        if v.pos_ in ("NOUN", "PROPN") and rel != "headline":
            nkind = NOUN_EVENTS.get(lemma)
            if nkind is None or nkind == "hold" or rel not in ("of", "to", "on", "around", "over"):
                return False
            # A possessive is who did it when the place follows ("IS's capture of Mosul"); with no place after it,
            # it is the place ("after its capture", "Aleppo's recapture").
            agent = self._agent(v) or next((c for c in v.children if c.dep_ == "poss"), None) \
                if self._prep_obj(v, "of") is not None else self._agent(v)
            actor, inferred = self._actor_of(agent, place)
            if nkind == "fall" and actor is None:
                # "the fall of Albu Kamal": who took it is said elsewhere, if at all.
                gainer = self._prep_obj(v, "to")
                if gainer is None and v.dep_ in ("dobj", "obj") and _lemma(v.head) in _HAILERS:
                    gainer = self._subject(v.head)  # "the SDF announced the fall of Baghouz": theirs now
                actor = self._actor_of(gainer, place)[0] if gainer is not None else None
                if actor is None:
                    return False
            if nkind in ("gain", "fall"):
                if actor is None and v.dep_ not in ("nsubj", "nsubjpass"):
                    # "completed the capture of X": who completed it (but "the liberation of X was followed
                    # by bombardment from government forces" says nothing of who liberated it).
                    actor, inferred = self._actor_of(self._subject(v), place)
                loser = self._prep_obj(v, "from")  # "its capture from the SDF"
                previous = holder or (self._actor_of(loser, place)[0] if loser is not None else None)
                if actor is None and previous is not None and previous != holder:
                    actor, inferred = self._other_side(previous, place, v), True
                if actor is None and v.dep_ == "pobj" and v.head.lower_ in _SINCE:
                    return False  # "two weeks after its capture": who took it is told elsewhere
                if actor is None:
                    actor = self._recent_for(v, place, exclude=holder)
                    inferred = True
            elif nkind == "loss":
                previous = actor
                actor = self._other_side(previous, place, v)
                inferred = True
            elif nkind == "siege":
                status = "besieged"
                besieger = actor
                for c in v.children:
                    if besieger is None and c.dep_ in ("compound", "amod", "nmod"):
                        besieger = self._actor_of(c, place)[0]  # "areas under regime siege"
                if besieger is None and v.head.lemma_.lower() in _SIEGE_MAKERS and v.dep_ in ("dobj", "obj"):
                    besieger = self._actor_of(self._subject(v.head), place)[0]  # "the army tightened its siege"
                breaker = v.head if v.dep_ in ("dobj", "obj", "nsubjpass") else None
                lifting = v.head.head if v.dep_ == "pobj" and v.head.lower_ == "of" and v.head.head.pos_ == "NOUN" \
                    and v.head.head.lemma_.lower() in _SIEGE_LIFTINGS else None
                if lifting is not None and self._realised(lifting):
                    # "the lifting of the siege of Nubl by government forces", "their breaking of the siege":
                    # who lifted it holds the place (when the text says who, or who held it).
                    side = self._prep_obj(lifting, "by") or next(
                        (c for c in lifting.children if c.dep_ == "poss"), None)
                    if side is None and lifting.dep_ in ("dobj", "obj") and _lemma(lifting.head) in _ACHIEVED:
                        side = self._subject(lifting.head)  # "completed the breaking of the siege"
                    actor, inferred = self._actor_of(side, place)
                    if actor is None and (holder is not None or besieger is not None):
                        # "culminated in the breaking of the ISIL siege of Deir ez-Zor": those it had besieged
                        actor, inferred = holder or self._other_side(besieger, place, lifting), True
                    if actor is None:
                        return False
                    status = "controlled"
                elif breaker is not None and breaker.lemma_.lower() in _SIEGE_BREAKERS and self._realised(breaker):
                    # "Syrian troops broke the siege of Deir ez-Zor", "the siege of Mare' was broken": the
                    # side that broke it holds the place, no longer besieged.
                    side = self._agent(breaker) if self._passive(breaker) else self._subject(breaker)
                    actor, inferred = self._actor_of(side, place)
                    if actor is None:
                        actor, inferred = holder or self._other_side(besieger, place, breaker), True
                    status = "controlled"
                elif besieger is None and holder is None:
                    return False  # "a bid to ease the siege", "fears of a siege": who besieges whom is not said
                else:
                    actor = holder or self._other_side(besieger, place, v)
                    inferred = holder is None
        elif rel == "in control":
            if v.pos_ in ("NOUN", "PROPN"):
                holder_tok: Token | None = v
            elif lemma in ("leave", "put", "place"):
                holder_tok = self._dobj(v)  # "left rebels in control of the town"
            else:
                holder_tok = self._subject(v)
            actor, inferred = self._actor_of(holder_tok, place)
            if actor is None and v.pos_ in ("VERB", "AUX"):
                # "clashes ended with regime forces in control of the area"
                actor, inferred = self._actor_of(self._prep_obj(v, "with"), place)
            kind = "event" if v.pos_ in ("NOUN", "PROPN") or lemma in ("leave", "put", "place") else "statement"
        elif lemma in SIEGE:
            trapped = None
            if rel in ("in", "at", "inside"):
                # "besieged ISIL militants at the Lafarge Cement Plant", "IS fighters are / remain besieged in
                # Raqqa": those fighters hold the place.
                if passive or v.dep_ in ("acomp", "oprd"):
                    subj = self._subject(v.head) if v.dep_ in ("acomp", "oprd") else next(
                        (c for c in v.children if c.dep_ == "nsubjpass"), None)
                    trapped = subj if subj is not None and self._fighters(subj) else None
                else:
                    trapped = next((c for c in v.children if c.dep_ in ("dobj", "obj") and self._besieged_fighters(c)),
                                   None)
                if trapped is None:
                    return False
                holder = holder or self._actor_of(trapped, place)[0]
                if holder is None:
                    return False
            elif rel not in ("dobj", "nsubjpass", "of", "to") or (v.dep_ == "acl" and v.tag_ == "VBG"):
                return False  # "the areas surrounding Jisr al-Shugur" is not a siege
            status = "besieged"
            besieger = self._actor_of(declared_by if declared_by is not None else slot.doer if slot.doer is not None
                                      else self._agent(v) if passive else self._subject(v), place)[0]
            if besieger is None and holder is None:
                return False  # "jets struck the besieged Al-Waer": who besieges whom is not said
            actor = holder or self._other_side(besieger, place, v)
            inferred = holder is None
        elif lemma in FALL and rel == "nsubj":
            if lemma == "collapse":
                return False
            out_of = self._control_noun(v, ("from", "out"))
            if out_of is not None:
                # "the base has fallen from army control", "fell out of regime hands": the army lost it.
                previous = self._np_actor(out_of, place)
                if previous is None:
                    return False
                gainer = self._prep_obj(v, "to")
                actor = self._actor_of(gainer, place)[0] if gainer is not None else self._other_side(
                    previous, place, v)
                inferred = gainer is None
            elif lemma in ("come", "return"):
                # "came under the control of IS", "returned to government hands"; not "came under heavy attack".
                ctl = self._control_noun(v, ("under", "into", "to", "in", "back"))
                if ctl is None:
                    return False
                actor = self._np_actor(ctl, place) or self._first_actor_after(v, root)
                previous = holder
            else:
                actor = self._first_actor_after(v, root)
                previous = holder
            if actor is None:
                return False
        elif (rel == "headline" or (lemma in ("be", "remain", "stay") and rel == "nsubj")) and any(
                c.dep_ == "prep" and c.lower_ in ("under", "in") and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in ("control", "hand", "hands", "grip") for g in c.children)
                for c in _with_adverbs(v, ("under", "in"))):
            # "Maskanah is now under the control of government forces", "Raqqa remains in the hands of IS";
            # not "in the grip of a crisis caused by a regime siege". With no verb ("Maskanah in SAA hands"),
            # the control noun's own words.
            if any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children):
                return False  # "the neighbourhood that had been in government hands": before what is told
            ctl = self._control_noun(v, ("under", "in")) if rel == "headline" else None
            actor = self._np_actor(ctl, place) if ctl is not None else self._first_actor_after(v, root, clauses=False)
            if actor is None:
                return False
            kind = "statement"
        elif lemma in ("restore", "bring") and rel == "to" and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("security", "stability", "control", "calm", "order")
                for c in v.children):
            # "the army restored security and stability to Deir Hafer" (how state media say a capture).
            actor, inferred = self._actor_of(self._subject(v), place)
            previous = holder
        elif (lemma in EXPEL and rel in ("from", "out of")) or (lemma == "clear" and rel in ("dobj", "nsubjpass")):
            if passive:
                # "IS militants were expelled from Maskanah": the passive subject loses it.
                loser = self._prep_obj(v, "of") if lemma == "clear" else (
                    next((c for c in v.children if c.dep_ == "nsubjpass"), None) or self._subject(v))
                previous = self._actor_of(loser, place)[0]
                actor, inferred = self._actor_of(self._agent(v), place)
            else:
                actor, inferred = self._actor_of(self._subject(v), place)
                previous = self._actor_of(self._dobj(v) or self._prep_obj(v, "of"), place)[0]
            if actor is None:
                actor = self._other_side(previous, place, v)
                inferred = True
        elif lemma in ("push", "drive", "beat", "force") and rel in ("in", "at") and any(
                c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in v.children):
            # "the jihadists pushed them back, including in the strategic town of Al-Rai".
            actor, inferred = self._actor_of(self._subject(v), place)
            obj = self._dobj(v)
            previous = self._actor_of(obj, place)[0] if obj is not None and obj.pos_ != "PRON" else None
        elif lemma in LOSS and (rel in ("from", "out of") or (rel in ("dobj", "of") and lemma in (
                "abandon", "evacuate", "lose", "cede", "surrender", "vacate", "desert", "concede", "hand",
                "relinquish", "leave")) or (rel == "nsubjpass" and lemma in (
                    "abandon", "evacuate", "lose", "cede", "hand", "surrender"))):
            loser_tok = self._agent(v) if passive else self._subject(v)
            previous = None
            if passive and loser_tok is None and rel in ("from", "out of"):
                # "opposition fighters and their families were evacuated from Homs": those moved out lose it.
                previous = next((a for m in self._moved(v) for t in (m, *m.conjuncts)
                                 for a in [self._first_named(t.subtree, place, t, holders=False)] if a), None) or holder
            previous = previous or self._actor_of(loser_tok, place)[0]
            if previous is None and loser_tok is not None and (
                    loser_tok.lemma_.lower() in _NON_COMBATANTS or loser_tok.lower_ == "thousands"):
                return False  # "thousands fled the city": people, not a side that held it
            if loser_tok is not None and _partial_force(loser_tok):
                return False  # "some IS fighters withdrew from Manbij", "many militants had abandoned the city"
            if lemma == "leave" and (previous is None or not self._left_for_good(v, loser_tok)):
                # "the delegation left Damascus", "members who tried to leave Raqqa", "until they leave Aleppo":
                # people leave places all the time; a side that left one is said so plainly, in the past.
                return False
            moved = [t for m in self._moved(v) for t in (m, *m.conjuncts)]
            if lemma == "evacuate" and (previous is None or loser_tok is None or passive) and moved and all(
                    t.lemma_.lower() in _NON_COMBATANTS or t.pos_ == "PRON" for t in moved) \
                    and not self._actors_in(self.sdoc[max(0, v.left_edge.i):v.i]):
                # "buses carrying residents evacuated from Fuaa", "civilians were evacuated from Ramadi by Iraqi
                # forces": people moved, whoever held it
                return False
            gainer = self._prep_obj(v, "to") or next(
                (g for c in v.children if c.dep_ == "prep" and c.lower_ == "including"
                 for g in [self._prep_obj(c, "to")] if g is not None), None)  # ("..., including Arima, to X")
            if gainer is None and isinstance(v, _VerbView):
                gainer = self._prep_obj(v.head, "to")  # "ceded/amod control to the Peshmerga"
            actor, inferred = self._actor_of(gainer, place)
            if gainer is not None and actor is None and lemma in _HANDING:
                return False  # "the SDF handed Raqqa to a civil council": given to no armed side
            if actor is None:
                actor = self._governing_actor(v, place, previous)
                if actor is not None and previous is None and passive:
                    return False  # "a rebel spokesman said the town was lost": by them, to whom it does not say
            if actor is None and previous is not None:
                # (With neither side known, the side named most may be the one that lost it.)
                actor = self._other_side(previous, place, v)
                inferred = True
        elif lemma in CONTEST and ((rel in ("dobj", "into", "inside", "in", "within") and lemma in (
                "storm", "enter", "penetrate", "infiltrate", "reenter", "re-enter")) or rel in ("into", "inside")):
            status = "contested"
            entrant = self._agent(v) if passive else self._subject(v)
            if entrant is not None and _POLICING.search(self.sent.text, entrant.left_edge.idx,
                                                        entrant.idx + len(entrant)):
                return False  # "Russian military police entered Kobani", "a joint patrol entered X": no fight
            actor, inferred = self._actor_of(entrant, place)
            previous = holder
            left = self._left_before(v, place)
            if left is not None and left != actor:
                # "entered Afrin after the YPG withdrew", "following the withdrawal of the YPG": walked in.
                status, previous = "controlled", left
            elif deal is not None:
                status, previous = "controlled", self._deal_party(deal, place, actor) or previous
        elif lemma == "deploy" and rel in ("in", "into", "to") and deal is not None \
                and self._dobj(v) is None:  # (not "deployed troops to X")
            # "Military Forces of Syria deployed in Manbij following an agreement with QSD": handed over. (Who
            # "were deployed" is who went.)
            entrant = next((c for c in v.children if c.dep_ == "nsubjpass"), None) if passive else self._subject(v)
            if entrant is not None and _POLICING.search(self.sent.text, entrant.left_edge.idx,
                                                        entrant.idx + len(entrant)):
                return False  # "Russian military police deployed in Manbij": patrols, not the holder
            actor, inferred = self._actor_of(entrant, place)
            status, previous = "controlled", self._deal_party(deal, place, actor) or holder
        elif lemma in GAIN and rel in ("from", "to", "between") and self._area_object(v) is not None:
            # "From Azaz to Jarabulus, our 91 km border has been completely secured".
            actor, inferred = self._actor_of(self._agent(v) if passive else self._subject(v), place)
            if actor is None and passive:
                actor = self._speaker(place, holder)
            if actor is None:
                actor = self._recent_for(v, place, exclude=holder)
                inferred = True
            area = self._area_object(v) or ""
        elif lemma in GAIN and (rel in ("dobj", "nsubjpass", "of", "into", "over", "obj", "oprd")
                                or (rel == "nsubj" and lemma in ("control",) and passive)):
            agent_tok = declared_by if declared_by is not None else slot.doer if slot.doer is not None else (
                self._agent(v) if passive else self._subject(v))
            actor, inferred = self._actor_of(agent_tok, place)
            if lemma == "hold" or (lemma == "control" and v.tag_ in ("VBZ", "VBP")):
                kind = "statement"
            src = self._prep_obj(v, "from") or beaten
            previous = self._actor_of(src, place)[0] if src is not None else holder
            if previous is None:
                # "took X after the YPG withdrew", "seized X after clashes with the SDF": who held it before.
                before = self._left_before(v, place) or self._fought_before(v, place)
                previous = before if before != actor else None
            if actor is None and passive:
                actor = self._speaker(place, previous) or self._other_side(previous, place, v)
                inferred = True
            if actor is None:
                actor = self._recent_for(v, place, exclude=previous)
                inferred = True
        else:
            return False
        if slot.partial and status == "controlled":
            status = "contested"
        if actor is not None and not self.ex.actors[actor].fits(place.country, None):
            # "the SDF captured al-Sinaa": the SDF holds nothing in Iraq, so the name means a Syrian namesake.
            other = self._namesake_for(ref, actor)
            if other is None:
                return False
            ref = other
            place = ref.place
        if actor is None or actor == previous:
            return False
        date, precision = self._date_near(v, root)
        confidence = 0.85 if kind == "event" else 0.65
        if inferred:
            confidence -= 0.2
        if anaphor:
            confidence -= 0.15
        if _HEDGE.search(self.text):
            confidence -= 0.1
        if undone:
            return self._undone(v, ref, place, actor, status, confidence, (date, precision))
        self._add(ref, actor, previous, status, date, precision, confidence, kind, area)
        return True

    def _fighting_inside(self, v: Token, fight: Token, ref: PlaceRef) -> bool:
        """Fighting inside a place between two sides ("street fighting raged inside Manbij between the SDF and
        IS", "clashes continued within al-Bab between Turkish-backed rebels and IS"): each side named contests
        it. No claim when the sides are not named, or for fighting that did not happen ("could erupt")."""
        if not self._realised(v) or _UNCONFIRMED.search(self.text):
            return False
        sides = [t for c in (*fight.children, *v.children) if c.dep_ == "prep" and c.lower_ == "between"
                 for g in c.children if g.dep_ == "pobj" for t in (g, *g.conjuncts)]
        actors = []
        for t in sides:
            actor = self._actor_of(t, ref.place)[0]
            if actor is not None and actor not in actors:
                actors.append(actor)
        if len(actors) < 2:
            return False
        date, precision = self._date_near(v)
        confidence = 0.6 - (0.1 if _HEDGE.search(self.text) else 0.0)
        for actor in actors:
            self._add(ref, actor, None, "contested", date, precision, confidence, "event")
        return True

    def _undone(self, v: Token, ref: PlaceRef, place: Place, taker: str, status: str, confidence: float,
                taken: tuple[dt.date, str]) -> bool:
        """A capture undone in the same breath ("rebels captured al-Rai ..., but withdrew after an ISIL
        counterattack"): the place stays with, or goes back to, the side named in what made the takers leave,
        else the other side; no claim when neither is known, or when the takers' leaving has a place of its
        own ("captured X but withdrew from Y" is read from its own words). When the leaving came on a later day
        ("... 3 days later"), the capture (on its own date, ``taken``) is a claim too: both happened."""
        back = next((c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB" and _lemma(c) in
                     ("withdraw", "retreat", "pull") and not any(g.dep_ == "nsubj" for g in c.children)
                     and self._realised(c)), None)
        if back is None or status != "controlled" or _lemma(v) not in GAIN or any(
                self._is_place(t) for t in back.subtree if t.i != back.i):
            return False
        cause = next((g for c in back.children if c.dep_ == "prep" and c.lower_ in ("after", "under", "following")
                      for g in c.children if g.dep_ == "pobj"), None)
        holder = self._np_actor(cause, place) if cause is not None else None
        inferred = holder is None
        if holder is None:
            holder = self._other_side(taker, place, back)
        if holder is None or holder == taker:
            return False
        date, precision = self._date_near(back)
        if date > taken[0] and precision == "day" and taken[1] == "day":
            self._add(ref, taker, holder, "controlled", taken[0], taken[1], confidence - 0.1, "event")
        self._add(ref, holder, taker, "controlled", date, precision, confidence - (0.2 if inferred else 0.05),
                  "event")
        return True

    def _add(self, ref: PlaceRef, actor: str, previous: str | None, status: str, date: dt.date, precision: str,
             confidence: float, kind: str, area: str = "") -> None:
        place = ref.place
        doc = self.prep.doc
        confidence *= 0.6 + 0.4 * min(1.0, ref.score)
        self.claimed_at.add(ref.start)
        self.result.claims.append(Claim(
            doc_id=doc.id, place_id=place.id, place=place.name, written_as=ref.text, lat=place.lat,
            lon=place.lon, country=place.country, actor=actor, previous_actor=previous, status=status,
            date=date, date_precision=precision, confidence=round(max(0.05, min(1.0, confidence)), 3),
            evidence=Evidence(self.sent.text, self.sent.start, self.sent.end, doc.source, doc.title, doc.url),
            kind=kind, area=area, published=doc.published,
        ))

    def _speaker(self, place: Place, exclude: str | None) -> str | None:
        """Who says the sentence ("...," Yildirim said): in an agentless passive, the speaker's side acted."""
        for tok in self.sdoc:
            if tok.lemma_.lower() in ("say", "announce", "declare", "tell", "state", "claim") and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                actor = self._actor_of(subj, place)[0] if subj is not None else None
                if actor and actor != exclude:
                    return actor
        return None

    def _governing_actor(self, v: Token, place: Place, exclude: str | None) -> str | None:
        """The doer of the clause that governs ``v`` ("ISIL seized ..., after security forces abandoned ...",
        "ISIL advanced, forcing the YPG to withdraw"), when it is not ``exclude``."""
        node = v
        for _ in range(4):
            if node.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "pobj", "prep") or node.head == node:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                actor = self._actor_of(self._subject(node), place)[0]
                if actor and actor != exclude:
                    return actor
        return None

    def _namesake_for(self, ref: PlaceRef, actor: str) -> PlaceRef | None:
        """The place of the same name in a country where ``actor`` holds ground, if the gazetteer has one."""
        countries = sorted(self.ex.actors[actor].countries & WAR_COUNTRIES)
        if not countries:
            return None
        res = self.ex.gaz.resolve(ref.text, country=countries)
        if res.match is None or res.match.place.kind in _TOO_LARGE:
            return None
        return PlaceRef(ref.start, ref.end, ref.text, res.match.place, res.match.score * 0.8)

    def _control_noun(self, v: Token, preps: tuple[str, ...]) -> Token | None:
        """The control/hands/grip noun of a "from/out of/under/in ..." phrase on ``v``, or on an adverb of it
        ("is back in government hands", "firmly under rebel control")."""
        for c in _with_adverbs(v, preps):
            if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
                for g in c.subtree:
                    if g.dep_ == "pobj" and g.lemma_.lower() in ("control", "hand", "hands", "grip", "grasp"):
                        return g
        return None

    def _np_actor(self, noun: Token, place: Place) -> str | None:
        """The actor a noun phrase names in its own words: its modifiers ("army control", "Kurdish hands")
        and its "of" object ("the control of government forces"), not clauses hung on them."""
        words = [noun]
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss"):
                words.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        hung = {t.i for a in g.children if a.dep_ in ("acl", "relcl", "prep") for t in a.subtree}
                        words.extend(t for t in g.subtree if t.i not in hung)
        return self._first_named(words, place, noun)

    def _deal_party(self, deal: re.Match[str], place: Place, exclude: str | None) -> str | None:
        """The side ``deal`` (a match of :data:`_AGREED`) was made "with", when the sentence names it and it is
        not ``exclude``."""
        if not deal.group(0).lower().endswith("with"):
            return None
        at = self.sent.start + deal.end()
        date = self.prep.doc.published
        for a in self.actor_mentions:
            if a.start >= at:
                actor = self.ex.actors.resolve(a, country=place.country, date=date, recent=(), district=place.admin2)
                return actor if actor != exclude else None
        return None

    def _first_actor_after(self, v: Token, root: Token, *, clauses: bool = True) -> str | None:
        """The actor named in what ``v`` governs, after it ("fell to the ISIL", "came under IS control");
        with ``clauses=False``, not in a clause hung on a noun ("in the grip of a crisis caused by a regime
        siege")."""
        own = {t.i for t in root.subtree}
        if not clauses:
            own |= {t.i for c in v.subtree if c.dep_ in ("acl", "relcl") and c.i > v.i for t in c.subtree}
        tokens = [t for t in v.subtree if t.i > v.i and t.i not in own]
        place = None
        for r in self.places:
            span = self._span(r.start, r.end)
            if span is not None and span.root.i == root.i:
                place = r.place
        return self._first_named(tokens, place, v)

    def _area_object(self, v: Token) -> str | None:
        for c in v.children:
            if c.dep_ in ("dobj", "nsubjpass", "obj") and c.lemma_.lower() in AREA:
                return f"{c.lemma_.lower()}"
        return None

    def _areas(self, claimed: set[str]) -> None:
        """"securing the stretch between the towns": the towns the sentence named before, as an area."""
        if " between " not in self.text:
            return
        for tok in self.sdoc:
            if tok.lemma_.lower() not in AREA or tok.dep_ not in ("dobj", "nsubjpass", "obj"):
                continue
            v = tok.head
            if v.lemma_.lower() not in GAIN or not self._realised(v):
                continue
            between = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None)
            if between is None:
                continue
            obj = next((g for g in between.children if g.dep_ == "pobj"), None)
            if obj is None or obj.tag_ not in ("NNS",) or self._is_place(obj):
                continue
            pos = obj.idx + self.sent.start
            before = [p for p in self.places if p.start < pos and _claimable(p.place)]
            ends: list[PlaceRef] = []
            for p in reversed(before):
                if p.place.id not in {e.place.id for e in ends}:
                    ends.append(p)
                if len(ends) == 2:
                    break
            if len(ends) < 2:
                continue
            place = ends[0].place
            actor, inferred = self._actor_of(self._subject(v), place)
            if actor is None:
                continue
            date, precision = self._date_near(v)
            area = f"between:{ends[1].place.id}:{ends[0].place.id}"
            for e in reversed(ends):
                if e.place.id in claimed:
                    continue
                self._add(e, actor, None, "controlled", date, precision, 0.6 if inferred else 0.7, "event", area)

    def _statement(self, root: Token, ref: PlaceRef) -> None:
        """"Raqqa, held by IS", "IS-held Raqqa", "Raqqa, the de facto capital of the group"."""
        place = ref.place
        if ref.place.country not in WAR_COUNTRIES:
            return
        holder: str | None = None
        for c in root.children:
            lemma = c.lemma_.lower()
            if c.dep_ in ("acl", "relcl") and lemma in ("hold", "control") and self._realised(c):
                holder = self._actor_of(self._agent(c), place)[0]
            elif c.dep_ == "appos":
                holder = self._stronghold_of(c, place)  # "Raqqa, the de facto capital of the group"
            if holder:
                break
        node = root
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in CONTAINER \
                and node.head.head.lemma_.lower() not in _STRONGHOLDS:
            node = node.head.head  # "the city of Al Mayadin is ..."
        if holder is None and node.dep_ == "nsubj" and node.head.lemma_.lower() in ("be", "remain") and (
                node.head.tag_ in ("VBZ", "VBP") or any(c.lemma_ == "have" and c.dep_ == "aux"
                                                        for c in node.head.children)):
            # "Idlib is the main Syrian opposition stronghold" (now: not "was", "was once").
            attr = next((c for c in node.head.children if c.dep_ == "attr"), None)
            holder = self._stronghold_of(attr, place) if attr is not None else None
        if holder is None:
            return
        date, precision = self._date_near(root)
        doc = self.prep.doc
        self.claimed_at.add(ref.start)
        self.result.claims.append(Claim(
            doc_id=doc.id, place_id=place.id, place=place.name, written_as=ref.text, lat=place.lat,
            lon=place.lon, country=place.country, actor=holder, previous_actor=None, status="controlled",
            date=date, date_precision=precision, confidence=round(0.55 * (0.6 + 0.4 * min(1.0, ref.score)), 3),
            evidence=Evidence(self.sent.text, self.sent.start, self.sent.end, doc.source, doc.title, doc.url),
            kind="statement", published=doc.published,
        ))

    def _stronghold_of(self, noun: Token, place: Place) -> str | None:
        """The side a place is said to be the stronghold (bastion, capital, enclave) of, by its modifiers or
        its "of" ("the Daesh stronghold", "a stronghold of Iranian-backed militias"); None for a former one
        ("once a government stronghold", "the group's former capital")."""
        if noun.lemma_.lower() not in _STRONGHOLDS:
            return None
        if any(c.lower_ in _FORMER for c in noun.children) or (
                noun.i > 0 and self.sdoc[noun.i - 1].lower_ in _FORMER):
            return None
        return self._np_actor(noun, place)

    def _other_side(self, loser: str | None, place: Place, v: Token) -> str | None:
        """Who gains a place its holder left, when the clause does not say: the actor named most often, besides
        the loser, in this sentence and the one before it (by name before by a generic word). None when they
        name no other side, when the sentence says it is unknown who moves in, or when those who drove the
        holder out are no armed side ("local civilians expelled the rebels"): the claim is then not made."""
        if _UNKNOWN_SUCCESSOR.search(self.text):
            return None
        doer = self._subject(v) if v.pos_ in ("VERB", "AUX") and not self._passive(v) else None
        if doer is not None and doer.lemma_.lower() in _NON_COMBATANTS:
            return None
        date = self._date_near(v)[0]
        lo = self.prep.sentences[max(0, self.k - 1)].start
        # Per actor: how often named by name, how often by a generic word. A side named by name outweighs any
        # number of generic words ("soldiers", "militants").
        counts: dict[str, tuple[int, int]] = {}
        for a in self.prep.actors:
            if a.start < lo or a.start >= self.sent.end or a.holder:
                continue
            actor = self.ex.actors.resolve(a, country=place.country, date=date, recent=(), district=place.admin2)
            if actor and actor != loser:
                named, generic = counts.get(actor, (0, 0))
                counts[actor] = (named + 1, generic) if a.specific else (named, generic + 1)
        if not counts:
            return None
        return max(counts, key=lambda a: counts[a])

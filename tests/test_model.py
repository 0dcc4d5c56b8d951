"""The control model's fusion rules, one by one, and its properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.model import ControlModel, FusionConfig, Observation, Override, observations_from_claims
from mapper.reliability import load_sources

D = dt.date


def obs(place: str, day: dt.date, actor: str | None, status: str = "controlled", weight: float = 0.8,
        claim: str | None = None, precision: int = 1, origin: str = "report", doc: str = "") -> Observation:
    cid = claim or f"{place}-{day}-{actor}-{status}-{weight}"
    return Observation(place, day, actor, status, weight, cid, precision_days=precision, origin=origin,
                       doc_id=doc or cid)


def state(model: ControlModel, day: dt.date, place: str = "p") -> dict[str, object]:
    s = model.state_at(day)
    row = s[s["place_id"] == place]
    assert len(row) <= 1
    return {} if row.empty else row.iloc[0].to_dict()


# -- rules --------------------------------------------------------------------------------------------------

def test_later_report_supersedes_earlier_state() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 4, 14), "isis"), obs("p", D(2016, 9, 3), "tfsa")])
    assert state(m, D(2016, 4, 13)) == {}
    assert state(m, D(2016, 4, 14))["actor"] == "isis"
    assert state(m, D(2016, 9, 2))["actor"] == "isis"
    after = state(m, D(2016, 9, 3))
    assert (after["actor"], after["since"], after["until"]) == ("tfsa", D(2016, 9, 3), None)


def test_reports_of_one_event_merge_and_corroboration_raises_confidence() -> None:
    one = ControlModel.from_observations([obs("p", D(2017, 11, 9), "government", weight=0.6, doc="a")])
    two = ControlModel.from_observations([obs("p", D(2017, 11, 9), "government", weight=0.6, doc="a"),
                                          obs("p", D(2017, 11, 9), "government", weight=0.5, doc="b")])
    s1, s2 = state(one, D(2017, 11, 10)), state(two, D(2017, 11, 10))
    assert s1["confidence"] == pytest.approx(0.6)
    assert s2["confidence"] == pytest.approx(1 - 0.4 * 0.5)
    assert s2["reports"] == 2 and len(two) == 1


def test_a_later_report_of_the_same_state_keeps_since() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 8, 24), "tfsa"), obs("p", D(2016, 9, 4), "tfsa")])
    assert len(m) == 1
    assert state(m, D(2016, 9, 5))["since"] == D(2016, 8, 24)


def test_credible_disagreement_on_the_same_day_is_contested() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 5, 1), "isis", weight=0.7),
                                        obs("p", D(2016, 5, 1), "opposition", weight=0.7)])
    s = state(m, D(2016, 5, 2))
    assert s["status"] == "contested" and s["actor"] is None and s["actors"] == "isis|opposition"


def test_a_weak_dissent_loses_to_the_credible_report() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 5, 1), "isis", weight=0.8),
                                        obs("p", D(2016, 5, 1), "opposition", weight=0.2)])
    s = state(m, D(2016, 5, 2))
    assert (s["actor"], s["status"]) == ("isis", "controlled")


def test_imprecise_dates_overlap_and_disagree() -> None:
    """'last week' (precision 7 days) cannot be ordered against a day inside that week."""
    m = ControlModel.from_observations([obs("p", D(2016, 5, 1), "isis", precision=7),
                                        obs("p", D(2016, 5, 4), "sdf")])
    assert state(m, D(2016, 5, 5))["status"] == "contested"
    seq = ControlModel.from_observations([obs("p", D(2016, 5, 1), "isis"), obs("p", D(2016, 5, 4), "sdf")])
    assert state(seq, D(2016, 5, 5))["actor"] == "sdf"


def test_fighting_inside_by_another_actor_is_contested_and_by_the_holder_is_its_capture() -> None:
    fight = ControlModel.from_observations([obs("p", D(2016, 1, 1), "isis"),
                                            obs("p", D(2016, 6, 1), "sdf", "contested")])
    s = state(fight, D(2016, 6, 2))
    assert (s["status"], s["actor"], s["actors"]) == ("contested", "sdf", "sdf")
    won = ControlModel.from_observations([obs("p", D(2016, 6, 1), "sdf", "contested"),
                                          obs("p", D(2016, 6, 1), "sdf", "controlled")])
    assert state(won, D(2016, 6, 2))["status"] == "controlled"
    mixed = ControlModel.from_observations([obs("p", D(2016, 6, 1), "isis", "controlled"),
                                            obs("p", D(2016, 6, 1), "sdf", "contested")])
    s = state(mixed, D(2016, 6, 2))
    assert (s["status"], s["actor"], s["actors"]) == ("contested", "isis", "isis|sdf")


def test_besieged_keeps_the_holder() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 7, 1), "opposition", "besieged"),
                                        obs("p", D(2016, 7, 1), "opposition", "controlled")])
    s = state(m, D(2016, 7, 2))
    assert (s["actor"], s["status"]) == ("opposition", "besieged")


def test_a_partisan_outlet_reporting_its_own_side_gain_weighs_less() -> None:
    table = load_sources()
    claims = pd.DataFrame([
        {"doc_id": "sana", "place_id": "p", "place": "P", "lat": 35.0, "lon": 38.0, "country": "SY",
         "actor": "government", "status": "controlled", "date": "2016-03-27", "date_precision": "day",
         "confidence": 0.8, "kind": "event", "evidence": "The army liberated P.", "start": 0,
         "source": "SANA", "url": ""},
        {"doc_id": "wire", "place_id": "p", "place": "P", "lat": 35.0, "lon": 38.0, "country": "SY",
         "actor": "isis", "status": "controlled", "date": "2016-03-27", "date_precision": "day",
         "confidence": 0.8, "kind": "event", "evidence": "IS still holds P.", "start": 0,
         "source": "Reuters", "url": ""},
    ])
    weights = {o.doc_id: o.weight for o in observations_from_claims(claims, table)}
    assert weights["sana"] == pytest.approx(0.8 * 0.6 * 0.5)
    assert weights["wire"] == pytest.approx(0.8 * 0.9)
    m = ControlModel.from_claims(claims, sources=table)
    # The partisan claim is not credible on its own, so the independent report decides.
    assert state(m, D(2016, 3, 28))["actor"] == "isis"


def test_a_baseline_is_updated_by_reports_and_loses_to_a_report_of_the_same_day() -> None:
    base = obs("p", D(2017, 7, 15), "isis", origin="baseline", weight=0.7)
    m = ControlModel.from_observations([base, obs("p", D(2017, 7, 15), "sdf", weight=0.5),
                                        obs("p", D(2017, 10, 17), "sdf")])
    s = state(m, D(2017, 7, 16))
    assert (s["actor"], s["origin"]) == ("sdf", "reports")
    m2 = ControlModel.from_observations([base, obs("p", D(2017, 10, 17), "sdf")])
    assert state(m2, D(2017, 8, 1))["origin"] == "baseline"
    assert state(m2, D(2017, 10, 18))["actor"] == "sdf"


def test_decay_turns_unconfirmed_control_unknown() -> None:
    observations = [obs("p", D(2016, 1, 1), "isis"), obs("p", D(2016, 1, 20), "isis"),
                    obs("p", D(2016, 12, 1), "sdf")]
    m = ControlModel.from_observations(observations, config=FusionConfig(decay_days=90))
    assert state(m, D(2016, 4, 18))["actor"] == "isis"  # 89 days after the last confirmation
    s = state(m, D(2016, 4, 20))
    assert (s["status"], s["actor"], s["origin"]) == ("unknown", None, "decay")
    assert state(m, D(2016, 12, 2))["actor"] == "sdf"
    never = ControlModel.from_observations(observations)
    assert state(never, D(2016, 6, 1))["actor"] == "isis"


def test_an_override_wins_for_its_span_and_is_marked() -> None:
    observations = [obs("p", D(2016, 1, 1), "isis"), obs("p", D(2016, 3, 1), "sdf")]
    m = ControlModel.from_observations(observations, overrides=[
        Override("p", "government", D(2016, 2, 1), D(2016, 4, 1), note="checked with a monitor")])
    assert state(m, D(2016, 1, 15))["actor"] == "isis"
    s = state(m, D(2016, 3, 15))
    assert (s["actor"], s["origin"], s["note"]) == ("government", "override", "checked with a monitor")
    assert state(m, D(2016, 4, 2))["actor"] == "sdf"


def test_changes_between_lists_before_and_after() -> None:
    m = ControlModel.from_observations([obs("p", D(2016, 4, 14), "isis"), obs("p", D(2016, 9, 3), "tfsa"),
                                        obs("q", D(2016, 9, 10), "sdf")])
    ch = m.changes_between(D(2016, 9, 1), D(2016, 9, 30))
    assert ch[["place_id", "before_actor", "after_actor"]].values.tolist() == [
        ["p", "isis", "tfsa"], ["q", None, "sdf"]]
    assert m.changes_between(D(2016, 9, 3), D(2016, 9, 9)).empty  # after the start, up to the end


# -- properties ---------------------------------------------------------------------------------------------

ACTORS = ["isis", "sdf", "government", "tfsa"]
PLACES = ["p", "q", "r"]
observation_lists = st.lists(
    st.builds(lambda place, day, actor, status, weight: obs(place, D(2016, 1, 1) + dt.timedelta(days=day), actor,
                                                            status, weight),
              st.sampled_from(PLACES), st.integers(0, 40), st.sampled_from(ACTORS),
              st.sampled_from(["controlled", "controlled", "contested", "besieged"]),
              st.sampled_from([0.5, 0.6, 0.7, 0.9])),
    max_size=25)
days = st.integers(-1, 45).map(lambda d: D(2016, 1, 1) + dt.timedelta(days=d))


def _states(m: ControlModel, day: dt.date) -> list[tuple[object, ...]]:
    s = m.state_at(day)
    return sorted(tuple(r) for r in s[["place_id", "actor", "status", "actors", "since", "confidence"]]
                  .itertuples(index=False))


@settings(max_examples=60, deadline=None)
@given(observation_lists, st.randoms(use_true_random=False), days)
def test_the_order_of_reports_does_not_change_the_result(observations: list[Observation], rnd: object,
                                                          day: dt.date) -> None:
    shuffled = list(observations)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = ControlModel.from_observations(observations), ControlModel.from_observations(shuffled)
    assert _states(a, day) == _states(b, day)
    pd.testing.assert_frame_equal(a.intervals(), b.intervals())


@settings(max_examples=60, deadline=None)
@given(observation_lists, days)
def test_a_duplicate_report_changes_no_state(observations: list[Observation], day: dt.date) -> None:
    dup = [Observation(o.place_id, o.date, o.actor, o.status, o.weight, "copy-" + o.claim, key=o.dedupe_key,
                       doc_id="copy") for o in observations]
    a = ControlModel.from_observations(observations)
    b = ControlModel.from_observations(observations + dup)
    assert _states(a, day) == _states(b, day)


@settings(max_examples=60, deadline=None)
@given(observation_lists, st.sampled_from(PLACES), st.sampled_from(ACTORS), st.integers(0, 40),
       st.integers(1, 20), days)
def test_an_override_always_wins(observations: list[Observation], place: str, actor: str, start: int,
                                 length: int, day: dt.date) -> None:
    o_start = D(2016, 1, 1) + dt.timedelta(days=start)
    ov = Override(place, actor, o_start, o_start + dt.timedelta(days=length), note="analyst")
    m = ControlModel.from_observations(observations, overrides=[ov])
    s = state(m, day, place)
    if ov.start <= day < ov.end:  # type: ignore[operator]
        assert (s["actor"], s["origin"]) == (actor, "override")
    else:
        assert s.get("origin") != "override"


def _replay(observations: list[Observation], day: dt.date, credible: float = 0.45) -> dict[str, tuple[object, ...]]:
    """Brute force: for each place, the claims of the last day on or before ``day``, read by the rules."""
    out: dict[str, tuple[object, ...]] = {}
    by_place: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_place[o.place_id].append(o)
    for place, items in by_place.items():
        seen = [o for o in items if o.date <= day]
        if not seen:
            continue
        last = max(o.date for o in seen)
        today = {(o.actor, o.status, o.weight) for o in seen if o.date == last}
        holders: dict[str, float] = {}
        for actor, status, weight in sorted(today, key=str):
            if status in ("controlled", "besieged"):
                holders[actor] = 1 - (1 - holders.get(actor, 0.0)) * (1 - weight)
        fighters = {a for a, s, _ in today if s == "contested"}
        strong = sorted(a for a, w in holders.items() if w >= credible)
        if len(strong) >= 2:
            out[place] = (None, "contested")
        elif holders:
            h = strong[0] if strong else min(holders, key=lambda a: (-holders[a], a))
            if fighters - {h}:
                out[place] = (h, "contested")
            else:
                besieged = any(a == h and s == "besieged" for a, s, _ in today)
                out[place] = (h, "besieged" if besieged else "controlled")
        else:
            out[place] = (sorted(fighters)[0] if len(fighters) == 1 else None, "contested")
    return out


@settings(max_examples=100, deadline=None)
@given(observation_lists, days)
def test_state_at_agrees_with_a_brute_force_replay(observations: list[Observation], day: dt.date) -> None:
    m = ControlModel.from_observations(observations)
    s = m.state_at(day)
    got = {r.place_id: (r.actor, r.status) for r in s.itertuples()}
    assert got == _replay(observations, day)

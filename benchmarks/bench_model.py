"""Control model benchmark: 10,000 places and 200,000 claims over 10 years.

Prints: model build time (fusion of every claim into timelines), one `state_at`, every daily snapshot over the
10 years, zones + front lines for 5,000 places, and peak memory. Targets (issue 4): build < 10 s, state_at
< 20 ms, every daily snapshot < 30 s, zones for 5,000 places < 2 s.
"""

from __future__ import annotations

import datetime as dt
import resource
import time

import numpy as np
import pandas as pd

from mapper.model import ControlModel, Observation
from mapper.territory import Territory

ACTORS = ["isis", "government", "opposition", "tfsa", "sdf", "hts", "iraq", "peshmerga"]


def main() -> None:
    rng = np.random.default_rng(7)
    n_places, n_claims, days = 10_000, 200_000, 3650
    start = dt.date(2014, 1, 1)
    places = pd.DataFrame({"place_id": [f"p{i}" for i in range(n_places)],
                           "name": [f"Place {i}" for i in range(n_places)],
                           "lat": rng.uniform(32.5, 37.2, n_places), "lon": rng.uniform(36.0, 42.0, n_places),
                           "country": "SY"})
    pl = rng.integers(0, n_places, n_claims)
    day = rng.integers(0, days, n_claims)
    actor = rng.integers(0, len(ACTORS), n_claims)
    status = rng.choice(["controlled", "controlled", "controlled", "contested", "besieged"], n_claims)
    weight = rng.uniform(0.3, 0.95, n_claims)
    prec = rng.choice([1, 1, 1, 7, 31], n_claims)
    obs = [Observation(f"p{pl[i]}", start + dt.timedelta(days=int(day[i])), ACTORS[actor[i]], str(status[i]),
                       float(weight[i]), f"c{i}", precision_days=int(prec[i]), evidence=f"sentence {i}",
                       source="bench", doc_id=f"d{i % 50_000}") for i in range(n_claims)]
    t = time.perf_counter()
    model = ControlModel.from_observations(obs, places=places)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    model.state_at(start + dt.timedelta(days=999))
    first_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    for k in range(20):
        model.state_at(start + dt.timedelta(days=1000 + k))
    state_ms = (time.perf_counter() - t) / 20 * 1000
    t = time.perf_counter()
    for d in range(days):
        model.state_at(start + dt.timedelta(days=d))
    daily_s = time.perf_counter() - t
    sub = places.iloc[:5000]
    t = time.perf_counter()
    terr = Territory(sub)
    state = model.state_at(start + dt.timedelta(days=2000))
    state = state[state["place_id"].isin(sub["place_id"])]
    zones = terr.zones(state)
    fronts = terr.front_lines(state)
    zones_s = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n_places:,} places, {n_claims:,} claims over {days} days -> {len(model):,} intervals")
    print(f"build (fusion)             {build_s:6.2f} s   (target < 10 s)")
    print(f"state_at                   {state_ms:6.1f} ms  (target < 20 ms; the first call {first_ms:.0f} ms "
          f"builds the table it picks from)")
    print(f"every daily snapshot       {daily_s:6.2f} s   (target < 30 s, {days} days)")
    print(f"zones + fronts, 5,000 pl.  {zones_s:6.2f} s   (target < 2 s; {len(zones)} zones, "
          f"{len(fronts)} front lines)")
    print(f"peak memory                {peak_mb:6.0f} MB")


if __name__ == "__main__":
    main()

"""Measure the gazetteer: how often a press spelling resolves within 5 km of the place it means.

Three measures, each printed:

1. ``seeds``: every place of ``tests/data/seeds_gold.csv`` as written in the report (must be 100%).
2. ``dev, full``: the dev set ``tests/data/press_spellings.csv`` (the labels of the Wikipedia war maps, a
   deterministic sample) resolved with no context by the full bundled gazetteer. The labels are names in
   the gazetteer, so this measures ranking among namesakes, not spelling; and since they are the preferred
   names of the maps' places, it is also printed with each written "the town of X", where the tie-break for
   a place's own letter-for-letter spelling cannot apply.
3. ``dev, GeoNames only``: the same labels resolved by a gazetteer built from GeoNames alone (the map
   labels left out), restricted to labels whose place GeoNames has (a GeoNames place within 5 km whose
   name is at least 60% similar): this measures the transliteration matching on spellings the gazetteer
   has never seen.

Usage: ``python tools/eval_gazetteer.py [--shared ../shared] [--show-misses N]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from gazetteer.geo import haversine_km  # noqa: E402
from gazetteer.normalize import fold  # noqa: E402
from gazetteer.places import Place  # noqa: E402

DATA = ROOT / "tests" / "data"


def within(gaz: Gazetteer, name: str, lat: float, lon: float, km: float = 5.0) -> tuple[bool, str]:
    res = gaz.resolve(name)
    if res.match is None:
        return False, "no match"
    p = res.match.place
    d = haversine_km(lat, lon, p.lat, p.lon)
    return d <= km, f"{p.name} ({p.id}) at {d:.1f} km"


def eval_seeds(gaz: Gazetteer) -> tuple[int, int, list[str]]:
    misses = []
    n = ok = 0
    with (DATA / "seeds_gold.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            n += 1
            good, what = within(gaz, row["written_as"], float(row["lat"]), float(row["lon"]))
            ok += good
            if not good:
                misses.append(f"{row['written_as']}: {what}")
    return ok, n, misses


def read_dev() -> list[dict[str, str]]:
    with (DATA / "press_spellings.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def geonames_only(shared: Path) -> Gazetteer:
    sys.path.insert(0, str(ROOT / "tools"))
    from build_gazetteer import add_bare_names, read_geonames_sy

    built = read_geonames_sy(shared)
    add_bare_names(built)  # as the full build does
    places = [
        Place(id=p.id, name=p.name, names=tuple(p.names), lat=p.lat, lon=p.lon, country=p.country, admin1="",
              admin2="", kind=p.kind, population=p.population, sources=("geonames",))
        for p in built
    ]
    return Gazetteer(places)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show-misses", type=int, default=15)
    args = ap.parse_args(argv)

    gaz = load_gazetteer()
    ok, n, misses = eval_seeds(gaz)
    print(f"seeds: {ok}/{n} within 5 km ({ok / n:.1%})")
    for m in misses:
        print("  miss:", m)

    dev = read_dev()
    # A spelling the maps give to places more than 5 km apart cannot be resolved right without context.
    spots: dict[str, list[tuple[float, float]]] = {}
    for row in dev:
        spots.setdefault(fold(row["spelling"]), []).append((float(row["lat"]), float(row["lon"])))
    t = time.perf_counter()
    ok = ok_unique = n_unique = 0
    misses = []
    for row in dev:
        lat, lon = float(row["lat"]), float(row["lon"])
        good, what = within(gaz, row["spelling"], lat, lon)
        unique = all(haversine_km(lat, lon, a, b) <= 5 for a, b in spots[fold(row["spelling"])])
        ok += good
        n_unique += unique
        ok_unique += good and unique
        if not good:
            misses.append(f"{row['spelling']} [{row['lat']},{row['lon']}]: {what}")
    dt = time.perf_counter() - t
    print(f"dev, full gazetteer, no context: {ok}/{len(dev)} within 5 km ({ok / len(dev):.1%}); "
          f"{len(dev) / dt:,.0f} resolves/s")
    print(f"dev, spellings the maps give to one place only: {ok_unique}/{n_unique} ({ok_unique / n_unique:.1%}); "
          f"{len(dev) - n_unique} spellings name places > 5 km apart (namesakes: context decides)")
    for m in misses[: args.show_misses]:
        print("  miss:", m)
    # The dev spellings are the maps' labels, the preferred names of the maps' places: written otherwise, the
    # tie-break that favours a place whose own spelling is the query letter for letter cannot help.
    ok = sum(within(gaz, f"the town of {row['spelling']}", float(row["lat"]), float(row["lon"]))[0] for row in dev)
    print(f"dev, written 'the town of X' (no letter-for-letter tie-break): {ok}/{len(dev)} ({ok / len(dev):.1%})")

    if (args.shared / "data" / "geonames_sy").is_dir():
        gn = geonames_only(args.shared)
        ok = total = 0
        misses = []
        for row in dev:
            if row["country"] != "SY":
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            # Only labels whose place GeoNames has: a GeoNames place nearby with a similar name.
            has = False
            for p in gn.places:
                near = abs(p.lat - lat) < 0.05 and abs(p.lon - lon) < 0.06 and haversine_km(lat, lon, p.lat, p.lon) <= 5
                if near and max(fuzz.ratio(fold(row["spelling"]), fold(x)) for x in p.names) >= 60:
                    has = True
                    break
            if not has:
                continue
            total += 1
            good, what = within(gn, row["spelling"], lat, lon)
            ok += good
            if not good:
                misses.append(f"{row['spelling']} [{row['lat']},{row['lon']}]: {what}")
        print(f"dev, GeoNames only (unseen spellings), no context: {ok}/{total} within 5 km ({ok / total:.1%})")
        for m in misses[: args.show_misses]:
            print("  miss:", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure claim extraction against the gold files: the seeds and the hand-labelled encyclopedia sentences.

    python tools/eval_claims.py                 # seeds (tests/data) and dev (needs ../shared/data/news)
    python tools/eval_claims.py --seeds-only
    python tools/eval_claims.py --show-errors

Seeds: a gold claim is found when the product reports, for that document, a place within 10 km with the
same actor and status and a date inside the window, one day either side. Dev: the articles of
``dev_gold.csv`` are read whole (so that each sentence has its context); a gold claim is found when a claim
of the same sentence names the same place (as written, or within 10 km of the gazetteer's reading of the
gold name), with the same actor and a date within 3 days (the same month for month precision).
Precision counts the claims made on labelled sentences.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazetteer import load_gazetteer  # noqa: E402
from gazetteer.geo import haversine_km  # noqa: E402
from gazetteer.normalize import name_keys  # noqa: E402
from mapper.actors import load_actors  # noqa: E402
from mapper.claims import Claim  # noqa: E402
from mapper.documents import iter_documents  # noqa: E402
from mapper.extract import Extractor  # noqa: E402
from mapper.nlp import load_parser  # noqa: E402

DATA = ROOT / "tests" / "data"
ARTICLES = ROOT.parent / "shared" / "data" / "news" / "wikipedia_battles"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def eval_seeds(ex: Extractor, gaz: object, show: bool) -> tuple[int, int, int]:
    claims: dict[str, list[Claim]] = defaultdict(list)
    for r in ex.extract_many(iter_documents([ROOT / "seeds"])):
        claims[r.doc_id[:3]].extend(r.claims)
    gold = _read(DATA / "seeds_gold.csv")
    req_ok = req = opt_ok = 0
    for g in gold:
        lo = dt.date.fromisoformat(g["date_from"]) - dt.timedelta(days=1)
        hi = dt.date.fromisoformat(g["date_to"]) + dt.timedelta(days=1)
        ok = any(haversine_km(c.lat, c.lon, float(g["lat"]), float(g["lon"])) <= 10 and c.actor == g["actor"]
                 and c.status == g["status"] and lo <= c.date <= hi for c in claims[g["doc"]])
        if g["required"] == "yes":
            req += 1
            req_ok += ok
        else:
            opt_ok += ok
        if show or not ok:
            print(f"  {'found  ' if ok else 'MISSED '} {g['doc']} {g['place']:14} {g['actor']:10} {g['status']:10} "
                  f"required={g['required']}")
    bad = 0
    for n in _read(DATA / "seeds_negative.csv"):
        k = name_keys(n["place"]).words
        for c in claims[n["doc"]]:
            if (name_keys(c.place).words == k or name_keys(c.written_as).words == k) and n["actor"] in ("*", c.actor):
                bad += 1
                print(f"  FALSE   {n['doc']} {c.written_as} {c.actor} {c.status}: {n['why']}")
    n_opt = sum(g["required"] != "yes" for g in gold)
    print(f"seeds: required {req_ok}/{req}, optional {opt_ok}/{n_opt}, negatives yielded {bad}")
    return req_ok, req, bad


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def eval_dev(ex: Extractor, gaz, show: bool) -> None:  # type: ignore[no-untyped-def]
    gold = _read(DATA / "dev_gold.csv")
    articles = sorted({g["article"] for g in gold})
    paths = [ARTICLES / f"{a}.md" for a in articles if (ARTICLES / f"{a}.md").is_file()]
    if not paths:
        print(f"dev: articles not found in {ARTICLES}; skipped")
        return
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for r in ex.extract_many(iter_documents(paths)):
        by_article[r.doc_id.removesuffix(".md")].extend(r.claims)
    sentences: dict[str, dict[str, str]] = {}
    for g in gold:
        sentences.setdefault(g["id"], g)

    def in_sentence(c: Claim, sent: str) -> bool:
        a, b = _norm(c.evidence.sentence), _norm(sent)
        return bool(a) and (a in b or b in a)

    def same_place(c: Claim, g: dict[str, str]) -> bool:
        for name in (g["place"], g["place_canonical"]):
            if name and name_keys(c.written_as).words == name_keys(name).words:
                return True
        r = gaz.resolve(g["place"], context=None)
        if r.match is None:
            r = gaz.resolve(re.sub(r"\s*\(.*\)", "", g["place_canonical"]))
        if r.match is None:
            return False
        return haversine_km(c.lat, c.lon, r.match.place.lat, r.match.place.lon) <= 10

    def same_date(c: Claim, g: dict[str, str]) -> bool:
        d = dt.date.fromisoformat(g["date"])
        if g["date_precision"] == "month":
            return (c.date.year, c.date.month) == (d.year, d.month)
        return abs((c.date - d).days) <= 3

    pos = [g for g in gold if g["is_negative"] != "yes"]
    found = 0
    place_actor = 0
    misses = []
    for g in pos:
        cands = [c for c in by_article[g["article"]] if in_sentence(c, g["sentence"]) and same_place(c, g)]
        if any(c.actor == g["actor"] and same_date(c, g) for c in cands):
            found += 1
        else:
            misses.append((g, cands))
        place_actor += any(c.actor == g["actor"] for c in cands)
    made = correct = 0
    wrong = []
    for sid, g in sentences.items():
        golds = [x for x in pos if x["id"] == sid]
        for c in by_article[g["article"]]:
            if not in_sentence(c, g["sentence"]):
                continue
            made += 1
            if any(same_place(c, x) and c.actor == x["actor"] and same_date(c, x) for x in golds):
                correct += 1
            else:
                wrong.append((c, g))
    neg = [g for g in gold if g["is_negative"] == "yes"]
    neg_claims = 0
    for g in neg:
        cs = [c for c in by_article[g["article"]] if in_sentence(c, g["sentence"])
              and (not g["place"] or same_place(c, g))]
        neg_claims += bool(cs)
        if cs and show:
            print(f"  NEG-CLAIM {g['id']} {g['place']}: {[(c.written_as, c.actor) for c in cs]} | {g['note'][:70]}")
    print(f"dev: recall {found}/{len(pos)} = {found / len(pos):.1%} (place+actor {place_actor / len(pos):.1%}); "
          f"precision {correct}/{made} = {correct / max(made, 1):.1%}; negative sentences with a claim on their "
          f"place {neg_claims}/{len(neg)}")
    if show:
        for g, cands in misses:
            print(f"  MISS {g['id']} {g['place']} {g['actor']} {g['status']} {g['date']} got="
                  f"{[(c.written_as, c.actor, c.status, c.date.isoformat()) for c in cands]} | {g['sentence'][:150]}")
        for c, g in wrong:
            print(f"  WRONG {g['id']} {c.written_as} {c.actor} {c.status} {c.date} | {g['sentence'][:150]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds-only", action="store_true")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    gaz = load_gazetteer()
    ex = Extractor(gaz, load_actors(), load_parser())
    eval_seeds(ex, gaz, args.show_errors)
    if not args.seeds_only:
        eval_dev(ex, gaz, args.show_errors)


if __name__ == "__main__":
    main()

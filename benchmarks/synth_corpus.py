"""A generator of synthetic war reports: realistic sentences over thousands of real place names of the bundled
gazetteer, several actors named the ways the press names them, relative and absolute dates over 2014-2019,
background sentences and page boilerplate. It writes JSON lines (one report a line), streamed.

    python benchmarks/synth_corpus.py 10000 corpus.jsonl [--seed 1]

The reports are not meant to be true; they are meant to cost what real reports cost to read: most sentences
carry no claim, some name a place without one (air strikes, refugees), and the rest say who took, lost,
besieges or fights in a place.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ACTORS = {
    "isis": ["Islamic State fighters", "ISIS militants", "Daesh", "IS jihadists", "the Islamic State group"],
    "government": ["Syrian government forces", "the Syrian army", "pro-government forces", "regime troops"],
    "sdf": ["the Kurdish-led SDF", "SDF fighters", "the Syrian Democratic Forces"],
    "tfsa": ["Turkish-backed rebels", "Ankara-backed rebels", "Turkey and its rebel allies"],
    "opposition": ["rebel groups", "opposition fighters", "the Free Syrian Army"],
    "hts": ["Hayat Tahrir al-Sham", "Nusra Front militants", "jihadists of HTS"],
}
IRAQ = {"isis": ACTORS["isis"], "iraq": ["Iraqi forces", "the Iraqi army", "Iraqi troops and paramilitaries"]}
CONTROL = [
    "{a} captured the {kind} of {p} {when}, a monitoring group said.",
    "{a} seized control of {p} {when} after days of heavy fighting.",
    "{p} fell to {a} {when}, according to activists.",
    "{a} recaptured {p} from {b} {when}.",
    "{b} withdrew from {p} {when}, leaving it to {a}.",
    "{a} said {when} that they had taken full control of {p}.",
]
OTHER = [
    "Clashes between {a} and {b} continued near {p} {when}.",
    "{a} besieged {p}, cutting the last road into the {kind}.",
    "{a} launched an offensive to recapture {p} {when}.",
    "Air strikes hit {p} overnight, residents said.",
    "Thousands of civilians have fled {p} since the fighting began.",
    "Aid agencies warned of shortages of food and medicine in {p}.",
]
BACKGROUND = [
    "The war has killed hundreds of thousands of people since 2011.",
    "The United Nations called for a ceasefire and for access for aid convoys.",
    "The monitor relies on a network of sources on the ground.",
    "Talks between the parties are due to resume next month in Geneva.",
    "It was not possible to verify the reports independently.",
    "Officials did not respond to requests for comment.",
]
BOILERPLATE = ["Advertisement", "Share this article", "Read more", "Comments are closed."]
SOURCES = ["Reuters", "AFP", "Associated Press", "SOHR", "Al Jazeera", "BBC News", "SANA", "Anadolu Agency"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _places(seed: int) -> list[tuple[str, str, str]]:
    """(name, kind, country) of real towns and villages of Syria and Iraq."""
    from gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out = [(p.name, p.kind if p.kind in ("town", "village", "city") else "town", p.country)
           for p in gaz.places if p.country in ("SY", "IQ") and p.kind in ("city", "town", "village")
           and p.name.isascii() and "`" not in p.name and len(p.name) > 3]
    random.Random(seed).shuffle(out)
    return out[:6000]


def _when(rng: random.Random, published: dt.date) -> str:
    k = rng.random()
    if k < 0.4:
        return f"on {WEEKDAYS[(published - dt.timedelta(days=rng.randint(0, 6))).weekday()]}"
    if k < 0.7:
        day = published - dt.timedelta(days=rng.randint(0, 10))
        return f"on {day.day} {day:%B}"
    if k < 0.8:
        return "last weekend"
    return "on " + f"{published:%B} {published.day}, {published.year}"


def reports(n: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """``n`` synthetic reports as dicts: id, text, published, source."""
    rng = random.Random(seed)
    places = _places(seed)
    start = dt.date(2014, 1, 1)
    for i in range(n):
        published = start + dt.timedelta(days=rng.randrange(6 * 365))
        sentences: list[str] = []
        for _ in range(rng.randint(5, 11)):
            name, kind, country = places[int(rng.paretovariate(1.2) * 40) % len(places)]
            actors = IRAQ if country == "IQ" else ACTORS
            a, b = rng.sample(sorted(actors), 2)
            k = rng.random()
            # As in real reporting (FA-KES: 13.5% of sentences name a place and a word of control), most
            # sentences are background.
            template = (rng.choice(CONTROL) if k < 0.07 else rng.choice(OTHER) if k < 0.2
                        else rng.choice(BACKGROUND))
            s = template.format(a=rng.choice(actors[a]), b=rng.choice(actors[b]), p=name, kind=kind,
                                when=_when(rng, published))
            sentences.append(s[0].upper() + s[1:])
        if rng.random() < 0.3:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(BOILERPLATE))
        yield {"id": f"synth-{i:07d}", "text": "\n".join(sentences), "published": published.isoformat(),
               "source": rng.choice(SOURCES)}


def write(n: int, path: Path, seed: int = 1) -> int:
    """Write ``n`` reports to ``path`` (JSON lines); returns the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in reports(n, seed):
            words += len(r["text"].split())
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("out", type=Path, help="JSON-lines file to write")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    words = write(args.n, args.out, args.seed)
    print(f"wrote {args.n} reports, {words} words, to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Gazetteer benchmarks: load time, resolves per second, mention finding in MB of text per second.

Targets (issue 2): load < 1 s; >= 50,000 resolves/s; >= 1 MB/s of mention finding on one core.
Prints its figures; never fails on a number. Usage::

    python benchmarks/bench_gazetteer.py [--corpus FILE.csv --text-column article_content]

Without ``--corpus`` the text is the seed reports repeated to 5 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_time() -> float:
    """Load time in a fresh interpreter (imports included), best of three."""
    code = ("import time; t=time.perf_counter(); import gazetteer; gazetteer.load_gazetteer(); "
            "print(time.perf_counter()-t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(3)]
    return min(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="a CSV of reports to find mentions in")
    ap.add_argument("--text-column", default="article_content")
    ap.add_argument("--encoding", default="utf-8")
    args = ap.parse_args(argv)

    from gazetteer import load_gazetteer

    print(f"load (fresh process, with imports): {load_time():.2f} s   [target < 1 s]")
    gaz = load_gazetteer()

    with (ROOT / "tests" / "data" / "press_spellings.csv").open(encoding="utf-8") as fh:
        names = [r["spelling"] for r in csv.DictReader(fh)]
    rng = random.Random(7)
    t = time.perf_counter()
    for n in names:
        gaz._resolve_uncached(n, None, 5, False)  # every name once, no cache
    cold = len(names) / (time.perf_counter() - t)
    # A corpus names the same places again and again: a Zipf-like stream over the dev names.
    weights = [1.0 / (i + 1) for i in range(len(names))]
    stream = rng.choices(names, weights=weights, k=200_000)
    t = time.perf_counter()
    for n in stream:
        gaz.resolve(n)
    warm = len(stream) / (time.perf_counter() - t)
    print(f"resolve, {len(names):,} distinct names, uncached: {cold:,.0f} /s")
    print(f"resolve, {len(stream):,} names of a Zipf stream (cached): {warm:,.0f} /s   [target >= 50,000 /s]")

    if args.corpus:
        with args.corpus.open(encoding=args.encoding, newline="") as fh:
            texts = [r[args.text_column] for r in csv.DictReader(fh) if r.get(args.text_column)]
        source = str(args.corpus)
    else:
        seed_texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        texts = []
        while sum(len(x) for x in texts) < 5_000_000:
            texts.extend(seed_texts)
        source = "seeds repeated"
    mb = sum(len(x.encode("utf-8")) for x in texts) / 1e6
    finder = gaz.mention_finder
    finder.find(texts[0])
    t = time.perf_counter()
    count = sum(len(finder.find(x)) for x in texts)
    dt = time.perf_counter() - t
    print(f"mentions: {mb:.1f} MB ({source}) in {dt:.2f} s = {mb / dt:.2f} MB/s, {count:,} mentions"
          "   [target >= 1 MB/s, one core]")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

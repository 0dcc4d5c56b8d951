"""Benchmark: claim extraction, words per second end to end, on the FA-KES corpus repeated to 2 million words.

    python benchmarks/bench_extract.py [--corpus PATH] [--words 2000000] [--workers 2] [--sample 150000]

End to end: reading the CSV, sentences, geoparsing, actors, dates, parsing the candidate sentences and the
rules. The same run also reads a sample with every sentence parsed, and prints the ratio of the two rates.
The corpus is not in the repository (see ../shared/data/README.md); another CSV of reports can be passed.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.documents import Document, iter_documents  # noqa: E402
from mapper.pipeline import extract_documents  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "news" / "fakes_syria_news.csv"


def _words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def _run(docs: list[Document], workers: int, parse_all: bool) -> tuple[float, int, int, int]:
    t = time.perf_counter()
    claims = sentences = parsed = 0
    # As `mapper extract` does: claims only, no list of every place each report names.
    for r in extract_documents(docs, workers=workers, progress=False, parse_all=parse_all, places=False):
        claims += len(r.claims)
        sentences += r.sentences
        parsed += r.parsed
    return time.perf_counter() - t, claims, sentences, parsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--words", type=int, default=2_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=150_000, help="words read with every sentence parsed")
    args = ap.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"corpus {args.corpus} not found: pass --corpus PATH (a CSV of reports)")
    t0 = time.perf_counter()
    base = list(iter_documents([args.corpus]))
    read_s = time.perf_counter() - t0
    base_words = _words(base)
    docs: list[Document] = []
    n = 0
    while _words(docs) < args.words:
        docs.extend(replace(d, id=f"{d.id}#{n}") for d in base)
        n += 1
    words = _words(docs)
    print(f"corpus: {len(base)} reports, {base_words:,} words (read in {read_s:.2f} s); repeated x{n}: "
          f"{len(docs)} reports, {words:,} words; {args.workers} workers")
    secs, claims, sentences, parsed = _run(docs, args.workers, parse_all=False)
    rate = words / secs
    print(f"selective parsing: {secs:.1f} s, {rate:,.0f} words/s; {claims:,} claims; parsed {parsed:,} of "
          f"{sentences:,} sentences ({parsed / max(sentences, 1):.1%})")
    sample: list[Document] = []
    for d in base:
        if _words(sample) >= args.sample:
            break
        sample.append(d)
    sw = _words(sample)
    s_sel, c_sel, _, _ = _run(sample, args.workers, parse_all=False)
    s_all, c_all, _, _ = _run(sample, args.workers, parse_all=True)
    print(f"sample of {sw:,} words: selective {sw / s_sel:,.0f} words/s ({c_sel} claims), every sentence parsed "
          f"{sw / s_all:,.0f} words/s ({c_all} claims): selective is {s_all / s_sel:.1f}x faster")


if __name__ == "__main__":
    main()

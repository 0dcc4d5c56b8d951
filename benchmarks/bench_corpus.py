"""Scale benchmark: `mapper build` on synthetic corpora of 10^3, 10^4 and 10^5 reports (benchmarks/synth_corpus.py).

Each size runs in a fresh process: a build from scratch into an empty folder (reports streamed in batches into
the store, the model fused, every output written; maps on the 1st of each month, not on each of the thousands of
change dates). Prints, per size: words, claims, time, words/s, claims/s, time per 1,000 reports and peak memory
(the build process and its workers). Linear time shows as a flat time per 1,000 reports; bounded memory as a
peak that does not grow with the corpus.

    python benchmarks/bench_corpus.py [--sizes 1000,10000,100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(corpus: Path, out: Path, workers: int) -> None:
    from mapper.build import BuildOptions, build

    t = time.perf_counter()
    summary = build([corpus], out, BuildOptions(workers=workers, progress=False, every="1M", every_change=False))
    seconds = time.perf_counter() - t
    usage = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    peak = max(u.ru_maxrss for u in usage)
    print(json.dumps({"seconds": seconds, "claims": summary.claims, "reports": summary.documents,
                      "places": summary.places, "changes": summary.changes, "peak_mb": peak / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.workers)
        return
    sys.path.insert(0, str(HERE))
    from synth_corpus import write

    print(f"{'reports':>8} {'words':>11} {'claims':>8} {'time s':>8} {'words/s':>8} {'claims/s':>8} "
          f"{'s/1k rep':>8} {'peak MB':>8}")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            words = write(n, corpus)
            done = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / "out"),
                                   "--workers", str(args.workers)], capture_output=True, text=True, check=False)
            if done.returncode:
                print(f"{n:>8} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            s = r["seconds"]
            print(f"{n:>8} {words:>11,} {r['claims']:>8,} {s:>8.1f} {words / s:>8,.0f} {r['claims'] / s:>8,.0f} "
                  f"{s / n * 1000:>8.2f} {r['peak_mb']:>8,.0f}", flush=True)


if __name__ == "__main__":
    main()

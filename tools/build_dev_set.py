"""Build the gazetteer dev set ``tests/data/press_spellings.csv`` from the Wikipedia war maps.

Each row is one label of the maps (its first name: the press spelling) with the map's coordinates:
``spelling, lat, lon, country, feature``. Inset maps, commented-out and broken rows are left out.
Usage: ``python tools/build_dev_set.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_gazetteer import label_names, read_wiki_rows  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["spelling", "lat", "lon", "country", "feature"])
    seen = set()
    for row in read_wiki_rows(args.shared):
        if row["feature"] == "inset_map" or row.get("commented_out") == "yes" or row.get("coords_ok") == "NO":
            continue
        names = label_names(row["label"])
        if not names:
            continue
        key = (names[0], row["lat"], row["lon"])
        if key in seen:
            continue
        seen.add(key)
        country = {"sy": "SY", "iq": "IQ"}.get(row["module"], "")
        w.writerow([names[0], row["lat"], row["lon"], country, row["feature"]])
    (ROOT / "tests" / "data" / "press_spellings.csv").write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {len(seen)} spellings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``mapper`` command line: one command, with subcommands for each stage of the pipeline.

``mapper resolve`` resolves place names; ``mapper build`` reads reports and writes what the pipeline makes of
them into an output folder. Errors in the input give one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gazetteer import GazetteerError, load_gazetteer
from gazetteer.places import Resolution

from . import __version__
from ._errors import InputError, MapperError

__all__ = ["main"]


def _resolve_table(results: list[Resolution]) -> str:
    rows = [("query", "match", "id", "lat", "lon", "country", "admin1", "kind", "score", "others")]
    for r in results:
        m = r.match
        if m is None:
            rows.append((r.query, "-", "-", "", "", "", "", "", "", ""))
            continue
        p = m.place
        rows.append((r.query, p.name, p.id, f"{p.lat:.4f}", f"{p.lon:.4f}", p.country, p.admin1, p.kind,
                     f"{m.score:.2f}", str(len(r.alternatives))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def _read_names_file(path: str) -> list[str]:
    if path == "-":
        return [line.strip() for line in sys.stdin if line.strip()]
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        msg = f"names file {path} not found"
        raise InputError(msg) from None
    except UnicodeDecodeError:
        msg = f"names file {path} is not UTF-8 text: save it as UTF-8, one name a line"
        raise InputError(msg) from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def cmd_resolve(args: argparse.Namespace) -> int:
    names = list(args.names)
    if args.file:
        names += _read_names_file(args.file)
    if not names:
        msg = "give names to resolve, or --file NAMES.txt (one name a line; - for stdin)"
        raise InputError(msg)
    gaz = load_gazetteer(args.aliases or ())
    country = [c.strip().upper() for c in args.country.split(",")] if args.country else None
    results = [gaz.resolve(n, country=country, near=args.near, limit=args.limit) for n in names]
    out = sys.stdout
    if args.json:
        for r in results:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(_resolve_table(results) + "\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    summary = build(args.inputs or ["seeds"], Path(args.out), alias_files=args.aliases or (),
                    progress=not args.quiet)
    print(summary, file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="mapper",
        description="Turn news reports about the wars in Syria and Iraq into dated maps of who controls what.",
    )
    ap.add_argument("--version", action="version", version=f"mapper {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("resolve", help="resolve place names to coordinates (offline gazetteer)",
                       description="Resolve place names, in any transliteration, to places of the bundled "
                                   "gazetteer. An unknown name gives match null, not an error.")
    p.add_argument("names", nargs="*", metavar="NAME", help="place names as written (quote multi-word names)")
    p.add_argument("--file", metavar="NAMES.txt", help="read names from a file, one a line (- for stdin)")
    p.add_argument("--country", metavar="CC", help="only places in these countries (ISO codes, e.g. SY or SY,IQ)")
    p.add_argument("--near", metavar="PLACE", help="prefer places near this one (e.g. \"Aleppo\")")
    p.add_argument("--limit", type=int, default=5, help="alternatives to list besides the match (default 5)")
    p.add_argument("--aliases", action="append", metavar="FILE",
                   help="an alias CSV (name,place_id or name,lat,lon); may be repeated")
    p.add_argument("--json", action="store_true", help="one JSON object a line (the stable contract)")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("build", help="read reports and write maps and data into an output folder",
                       description="Read reports (files or folders) and write what the pipeline finds into "
                                   "the output folder.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="report files or folders (default: seeds/)")
    p.add_argument("--out", default="output", help="output folder (default: output/)")
    p.add_argument("--aliases", action="append", metavar="FILE", help="an alias CSV; may be repeated")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    ap = _parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except (MapperError, GazetteerError) as exc:
        print(f"mapper {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mapper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader closed the pipe (`mapper resolve ... | head`): not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``mapper`` command line: one command, with subcommands for each stage of the pipeline.

``mapper resolve`` resolves place names; ``mapper build`` reads reports and writes what the pipeline makes of
them into an output folder. Errors in the input give one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gazetteer import GazetteerError, load_gazetteer
from gazetteer.places import Resolution

from . import __version__
from ._errors import InputError, MapperError
from ._io import atomic_write_text
from ._plain import plural
from .claims import Claim, Unresolved
from .documents import Columns, Problem, ReadLog, iter_documents
from .extract import DocumentResult
from .model import ControlModel

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


def _columns(args: argparse.Namespace) -> Columns:
    return Columns(text=args.text_column, date=args.date_column, id=args.id_column, title=args.title_column,
                   source=args.source_column, url=args.url_column)


def cmd_extract(args: argparse.Namespace) -> int:
    from .export import claims_csv, claims_geojson, claims_jsonl, unresolved_csv
    from .pipeline import extract_documents

    if not args.inputs:
        msg = "give report files or folders (.txt, .md, .html, a CSV of reports or JSON lines)"
        raise InputError(msg)
    read_log = ReadLog()
    docs = list(iter_documents(args.inputs, _columns(args), log=read_log))
    _print_problems(read_log.problems, None)
    if not docs and read_log.skipped:
        raise InputError(f"nothing could be read ({len(read_log.skipped)} inputs skipped)")
    results = list(extract_documents(docs, alias_files=args.aliases or (), actor_files=args.actors or (),
                                     workers=args.workers, progress=not args.quiet, scheduler=args.scheduler,
                                     places=False))
    claims = [c for r in results for c in r.claims if c.confidence >= args.min_confidence]
    render = {"jsonl": claims_jsonl, "csv": claims_csv, "geojson": claims_geojson}[args.format]
    text = render(claims)
    if args.out:
        atomic_write_text(Path(args.out), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    unresolved = [u for r in results for u in r.unresolved]
    if args.unresolved:
        atomic_write_text(Path(args.unresolved), unresolved_csv(unresolved))
    set_aside = [r for r in results if r.set_aside]
    print(_summary(len(docs), claims, unresolved, set_aside, args.unresolved), file=sys.stderr)
    return 0


def _summary(n_docs: int, claims: list[Claim], unresolved: list[Unresolved], set_aside: list[DocumentResult],
             unresolved_file: str | None) -> str:
    n_places = len({c.place_id for c in claims})
    lines = [f"read {plural(n_docs, 'report')}: {plural(len(claims), 'claim')} on {plural(n_places, 'place')}"]
    if set_aside:
        ids = ", ".join(r.doc_id for r in set_aside[:5]) + (" ..." if len(set_aside) > 5 else "")
        lines.append(f"set aside {len(set_aside)} reports with no publication date ({ids}): "
                     "add a published date in metadata.csv or the date column")
    if unresolved:
        names = sorted({u.name for u in unresolved})
        shown = ", ".join(names[:8]) + (" ..." if len(names) > 8 else "")
        where = f" (listed in {unresolved_file})" if unresolved_file else " (list them with --unresolved FILE)"
        lines.append(f"{len(names)} names used as places resolve nowhere{where}: {shown}; "
                     "add them to an alias file (--aliases)")
    return "\n".join(lines)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, NothingReadError, build
    from .model import FusionConfig

    if args.decay is not None and args.decay <= 0:
        raise InputError("--decay takes a number of days above 0")
    if args.radius <= 0:
        raise InputError("--radius takes a distance in km above 0")
    baselines = None if args.baseline is None else [b for b in args.baseline if b]
    dates = [_date_arg(d, "--date") for d in args.date or ()]
    if args.every:
        from .build import parse_every

        parse_every(args.every)  # check the step before reading anything
    opts = BuildOptions(
        alias_files=args.aliases or (), actor_files=args.actors or (), source_files=args.sources or (),
        columns=_columns(args), workers=args.workers, progress=not args.quiet, baselines=baselines,
        overrides=args.overrides, fusion=FusionConfig(decay_days=args.decay), radius_km=args.radius,
        dates=dates, every=args.every, every_change=args.snapshots == "changes", scheduler=args.scheduler,
        db=args.db)
    try:
        summary = build(args.inputs or ["seeds"], Path(args.out), opts,
                        log=None if args.quiet else (lambda m: print(m, file=sys.stderr)))
    except NothingReadError as exc:
        _print_problems(exc.problems, f"{args.out}/report.json")
        raise
    _print_problems(list(summary.problems), f"{args.out}/report.json")
    print(summary, file=sys.stderr)
    return 0


def _print_problems(problems: list[Problem], listed: str | None, shown: int = 20) -> None:
    """One line per skipped input or warning on stderr (the first ``shown``; the rest are in ``listed``)."""
    for p in problems[:shown]:
        print(f"{'skipped' if p.skipped else 'warning'}: {p}", file=sys.stderr)
    if len(problems) > shown:
        rest = f" (all are in {listed})" if listed else ""
        print(f"... and {len(problems) - shown} more{rest}", file=sys.stderr)


def _db_arg(text: str) -> str:
    if not text.startswith(("postgresql://", "postgres://")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a PostgreSQL URL: use postgresql://USER@HOST:PORT/DB "
                                         "(or postgresql:///DB?host=/path/to/socket)")
    return text


def _scheduler_arg(text: str) -> str:
    from .cluster import check_scheduler

    try:
        return check_scheduler(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date_arg(text: str, option: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date: use YYYY-MM-DD") from None


def _emit(text: str, out: str | None) -> None:
    if out:
        atomic_write_text(Path(out), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_snapshot(args: argparse.Namespace) -> int:
    from .build import open_model
    from .snapshot import snapshot_csv, snapshot_geojson, snapshot_html

    day = _date_arg(args.date, "--date")
    model = open_model(args.source, args.db)
    state = model.state_at(day)
    if args.format == "geojson":
        text = snapshot_geojson(state)
    elif args.format == "csv":
        text = snapshot_csv(state)
    else:
        text = snapshot_html(model, day)
    _emit(text, args.out)
    held = state[state["actor"].notna()]
    counts = ", ".join(f"{a} {n}" for a, n in held["actor"].value_counts().sort_index().items())
    print(f"{day}: {len(state)} places with a known state" + (f" ({counts})" if counts else "")
          + ("" if len(state) else f"; the model's dates run {_span(model)}"), file=sys.stderr)
    return 0


def _span(model: ControlModel) -> str:
    dates = model.dates()
    return f"{dates[0]} to {dates[-1]}" if dates else "nowhere: the build has no claims"


def cmd_changes(args: argparse.Namespace) -> int:
    from .build import open_model
    from .snapshot import changes_text

    since = _date_arg(args.since, "--since")
    until = _date_arg(args.until, "--until") if args.until else "9999-12-30"
    if until < since:
        raise InputError(f"--until {until} comes before --since {since}")
    model = open_model(args.source, args.db)
    changes = model.changes_between(since, until)
    if args.format == "csv":
        buf = changes.to_csv(index=False, lineterminator="\n")
        _emit(buf, args.out)
    else:
        _emit(changes_text(changes), args.out)
    return 0


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--aliases", action="append", metavar="FILE",
                   help="a gazetteer alias CSV (name,place_id or name,lat,lon); may be repeated")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="an actor CSV that adds actors or aliases (columns as mapper/data/actors.csv)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="processes that parse reports (default: up to 2; with --scheduler local, Dask workers)")
    p.add_argument("--scheduler", metavar="local|tcp://HOST:PORT", type=_scheduler_arg,
                   help="read the reports on a Dask cluster: 'local' starts one on this machine's cores; an "
                        "address uses a running scheduler (its workers need territory-mapper installed)")
    g = p.add_argument_group("CSV of reports (columns are found by common names when not given)")
    g.add_argument("--text-column", metavar="NAME", help="the report text (e.g. article_content)")
    g.add_argument("--date-column", metavar="NAME", help="the publication date (ISO, M/D/YY or 15 April 2016)")
    g.add_argument("--id-column", metavar="NAME", help="a report id (default: FILE:ROW)")
    g.add_argument("--title-column", metavar="NAME")
    g.add_argument("--source-column", metavar="NAME")
    g.add_argument("--url-column", metavar="NAME")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


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

    p = sub.add_parser("extract", help="read control claims from reports (JSON lines, CSV or GeoJSON)",
                       description="Read reports and print every claim that an actor took, holds, lost, "
                                   "besieges or fights inside a place, with its date and evidence.",
                       epilog="Inputs: .txt/.md/.html files or folders (with an optional metadata.csv: file,"
                              "published,source,title,url), a CSV of reports, or JSON lines {id, text, "
                              "published, source?, title?, url?}. Reports with no publication date are set "
                              "aside and listed.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="report files, folders, CSV or JSON-lines files")
    p.add_argument("--format", choices=("jsonl", "csv", "geojson"), default="jsonl",
                   help="output format (default: jsonl, one claim a line)")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--unresolved", metavar="FILE", help="write the names that resolve nowhere to this CSV")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="only claims at least this sure (0..1; default 0)")
    _add_input_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="read reports and write maps and data into an output folder",
                       description="Read reports (files or folders) into the output folder's store, fuse the "
                                   "control model, and write its tables, maps and exports. Only reports the "
                                   "store has not seen are read; running it again changes nothing.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="report files or folders (default: seeds/)")
    p.add_argument("--out", default="output", help="output folder, with its store (default: output/)")
    p.add_argument("--baseline", action="append", metavar="SPEC",
                   help="a known map the reports update: wikipedia-2017 (bundled), or FILE.csv/.geojson "
                        "(place, actor, lat, lon, date; or FILE@YYYY-MM-DD); may be repeated; kept for later "
                        "builds ('--baseline \"\"' removes it)")
    p.add_argument("--overrides", metavar="FILE",
                   help="analyst corrections (CSV: place, actor, from, to, note) that win over the reports; "
                        "kept for later builds ('--overrides \"\"' removes them)")
    p.add_argument("--sources", action="append", metavar="FILE",
                   help="a source-reliability CSV (pattern, reliability, type, aligned_with, note) that comes "
                        "before the bundled one")
    p.add_argument("--decay", type=int, metavar="DAYS",
                   help="control no report confirms for this many days becomes unknown (default: never)")
    p.add_argument("--db", metavar="postgresql://...", type=_db_arg,
                   help="keep the store in PostgreSQL with PostGIS (shared by a team, read by QGIS) instead of "
                        "OUT/store.sqlite; kept for later builds only when given again")
    p.add_argument("--radius", type=float, default=25.0, metavar="KM",
                   help="how far a place's control zone may reach (default 25 km)")
    p.add_argument("--date", action="append", metavar="YYYY-MM-DD",
                   help="also write maps/DATE.html and geojson/DATE.geojson for this date; may be repeated")
    p.add_argument("--every", metavar="STEP",
                   help="also write a map every STEP between the first and last change: 7D, 2W, 1M (the 1st "
                        "of each month), 1Y")
    p.add_argument("--snapshots", choices=("changes", "asked"), default="changes",
                   help="which dates get maps/, geojson/ and zones/ files: every date where control changed "
                        "(default), or only those of --date/--every (for corpora with thousands of changes)")
    _add_input_options(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("snapshot", help="who holds each place on a date (GeoJSON, CSV or an HTML map)",
                       description="Print the state of every known place on a date, from a build folder.")
    p.add_argument("--from", dest="source", default="output", metavar="DIR",
                   help="the build folder (default: output/)")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--db", metavar="postgresql://...", type=_db_arg, help="read the store from PostgreSQL")
    p.add_argument("--format", choices=("geojson", "csv", "html"), default="geojson",
                   help="geojson (RFC 7946, default), csv, or a standalone html map")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("changes", help="who gained and lost which places between two dates",
                       description="List every change of control after --since up to --until, from a build "
                                   "folder, with the actor before and after and the evidence.")
    p.add_argument("--from", dest="source", default="output", metavar="DIR",
                   help="the build folder (default: output/)")
    p.add_argument("--since", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="last day included (default: the last change)")
    p.add_argument("--db", metavar="postgresql://...", type=_db_arg, help="read the store from PostgreSQL")
    p.add_argument("--format", choices=("text", "csv"), default="text")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    p.set_defaults(func=cmd_changes)
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

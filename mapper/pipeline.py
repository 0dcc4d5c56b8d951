"""Run extraction over many reports: load the gazetteer, the actors and the parser once (per worker process),
read the reports in order, and report progress.

With ``workers > 1`` the reports are shared among processes, each with its own parser: the parser is the
expensive part and runs on one core per process.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from gazetteer import load_gazetteer

from .actors import load_actors
from .documents import Document
from .extract import DocumentResult, Extractor
from .nlp import load_parser

__all__ = ["extract_documents", "make_extractor"]

_WORKER: Extractor | None = None
_INIT_ERROR: BaseException | None = None


def make_extractor(alias_files: Sequence[str | Path] = (), actor_files: Sequence[str | Path] = (), *,
                   parse_all: bool = False) -> Extractor:
    """An :class:`Extractor` with the bundled data, user alias and actor files, and the installed parser."""
    return Extractor(load_gazetteer(alias_files), load_actors(actor_files), load_parser(), parse_all=parse_all)


def _init(alias_files: Sequence[str], actor_files: Sequence[str], parse_all: bool) -> None:
    global _WORKER, _INIT_ERROR
    try:
        _WORKER = make_extractor(alias_files, actor_files, parse_all=parse_all)
    except Exception as exc:  # raised by _work, so the parent sees it (a failing initializer respawns forever)
        _INIT_ERROR = exc


def _work(doc: Document) -> DocumentResult:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    assert _WORKER is not None
    return _WORKER.extract(doc)


def extract_documents(docs: Sequence[Document], *, alias_files: Sequence[str | Path] = (),
                      actor_files: Sequence[str | Path] = (), workers: int = 1, progress: bool = True,
                      parse_all: bool = False) -> Iterator[DocumentResult]:
    """The results of ``docs``, in their order.

    Parameters
    ----------
    docs : sequence of Document
    alias_files, actor_files : paths
        User gazetteer aliases and actor registries.
    workers : int
        Processes to use (1: this one).
    progress : bool
        A progress bar on stderr (shown for 20 reports or more).
    parse_all : bool
        Parse every sentence (for benchmarks).
    """
    global _WORKER
    fork = "fork" in mp.get_all_start_methods()
    # Loaded here first: a bad alias or actor file fails once, in this process, with its message. Forked
    # workers share this extractor (copy-on-write) instead of loading their own.
    ex = make_extractor(alias_files, actor_files, parse_all=parse_all) if fork or workers <= 1 or len(docs) < 4 \
        else None
    bar = tqdm(total=len(docs), desc="reports", unit="doc", disable=not progress or len(docs) < 20)
    try:
        if ex is not None and (workers <= 1 or len(docs) < 4):
            for r in ex.extract_many(docs):
                bar.update()
                yield r
            return
        if fork:
            _WORKER = ex
            pool = mp.get_context("fork").Pool(workers)
        else:
            args = ([str(a) for a in alias_files], [str(a) for a in actor_files], parse_all)
            pool = mp.get_context("spawn").Pool(workers, initializer=_init, initargs=args)
        with pool:
            for r in pool.imap(_work, docs, chunksize=4):
                bar.update()
                yield r
    finally:
        _WORKER = None
        bar.close()

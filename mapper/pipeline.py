"""Run extraction over many reports: load the gazetteer, the actors and the parser once (per worker process),
read the reports in order, and report progress.

With ``workers > 1`` the reports are shared among processes, each with its own parser: the parser is the
expensive part and runs on one core per process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from tqdm import tqdm

from gazetteer import load_gazetteer

from .actors import load_actors
from .documents import Document
from .extract import DocumentResult, Extractor
from .nlp import load_parser

__all__ = ["BATCH", "ExtractionPool", "batched", "extract_documents", "make_extractor"]

T = TypeVar("T")

_WORKER: Extractor | None = None
_INIT_ERROR: BaseException | None = None


def make_extractor(alias_files: Sequence[str | Path] = (), actor_files: Sequence[str | Path] = (), *,
                   parse_all: bool = False, places: bool = True) -> Extractor:
    """An :class:`Extractor` with the bundled data, user alias and actor files, and the installed parser."""
    return Extractor(load_gazetteer(alias_files), load_actors(actor_files), load_parser(), parse_all=parse_all,
                     places=places)


def one_blas_thread() -> None:
    """Let NumPy's BLAS use one thread in this process: with one worker process per core, a BLAS pool of
    several threads in each makes them fight for the cores (parsing was 4x slower on 2 cores)."""
    import numpy  # noqa: F401  (loads the BLAS library, which must be loaded to be limited)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


#: Allocations between two collections of the youngest generation while reports are read (Python's default:
#: 700), and how many of those make a collection of the next (default: 10 and 10). Reading a report makes tens
#: of thousands of short-lived objects and few cycles: collecting every 700 cost about a tenth of the time.
GC_THRESHOLDS = (50_000, 50, 100)


def fewer_collections() -> None:
    """Collect cyclic garbage less often in this process (:data:`GC_THRESHOLDS`): for worker processes, which
    only read reports."""
    gc.set_threshold(*GC_THRESHOLDS)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """:func:`fewer_collections` for a while, in a process that does other things too."""
    before = gc.get_threshold()
    fewer_collections()
    try:
        yield
    finally:
        gc.set_threshold(*before)


#: Blocks up to this size are taken from the process's heap, and freed memory up to four times it is kept
#: there. By default glibc maps blocks above a threshold (at most 32 MB) afresh and gives them back on free,
#: so the parser's arrays faulted in zeroed pages batch after batch (1.4 million page faults and 5 s of
#: system time on 2 million words).
MALLOC_KEEP_BYTES = 64 * 1024 * 1024
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def keep_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed memory for the next allocations (:data:`MALLOC_KEEP_BYTES`): for
    worker processes, which allocate and free the same large arrays batch after batch. Whether it could
    (not on other C libraries)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MALLOC_KEEP_BYTES) and mallopt(_M_TRIM_THRESHOLD, 4 * MALLOC_KEEP_BYTES))


def _init_forked() -> None:
    """What every worker process sets up for itself: one BLAS thread, fewer collections, freed memory kept."""
    one_blas_thread()
    fewer_collections()
    keep_freed_memory()


def _init(alias_files: Sequence[str], actor_files: Sequence[str], parse_all: bool, places: bool) -> None:
    global _WORKER, _INIT_ERROR
    _init_forked()
    try:
        _WORKER = make_extractor(alias_files, actor_files, parse_all=parse_all, places=places)
    except Exception as exc:  # raised by _work, so the parent sees it (a failing initializer respawns forever)
        _INIT_ERROR = exc


def _work(docs: list[Document]) -> list[DocumentResult]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    assert _WORKER is not None
    return list(_WORKER.extract_many(docs))


class Extraction:
    """What the extraction backends share: a context manager that closes them (their workers) on exit."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers; the backend cannot be used after."""

    def map(self, docs: Sequence[Document]) -> list[DocumentResult]:
        """The results of one batch, in its order."""
        raise NotImplementedError

    def submit(self, docs: Sequence[Document]) -> Callable[[], list[DocumentResult]]:
        """Start on one batch; call what is returned for its results. Backends that can work on a batch
        while the results of the one before are used start it at once (here: when its results are asked)."""
        return lambda: self.map(docs)


class ExtractionPool(Extraction):
    """Extraction for a stream of reports, with the extractor loaded once and (``workers > 1``) one pool of
    processes kept for every batch. Use as a context manager; :meth:`map` takes one batch at a time, so memory
    holds one batch, not the corpus.

    The extractor is loaded on the first batch, in this process: a bad alias or actor file fails once, with its
    message. Forked workers share it (copy-on-write) instead of loading their own.
    """

    def __init__(self, alias_files: Sequence[str | Path] = (), actor_files: Sequence[str | Path] = (), *,
                 workers: int = 1, parse_all: bool = False, places: bool = True) -> None:
        self.alias_files, self.actor_files = list(alias_files), list(actor_files)
        self.workers, self.parse_all, self.places = workers, parse_all, places
        self._ex: Extractor | None = None
        self._pool: Any = None

    def close(self) -> None:
        global _WORKER
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            gc.unfreeze()
        _WORKER = None

    def _start(self) -> None:
        global _WORKER
        fork = "fork" in mp.get_all_start_methods()
        if self._ex is None and (fork or self.workers <= 1):
            self._ex = self._make()
        if self.workers > 1 and self._pool is None:
            if fork:
                _WORKER = self._ex
                # The extractor's millions of objects are shared with the workers: frozen, the workers'
                # collector never walks them (no copy-on-write of their pages, less time collecting).
                gc.freeze()
                self._pool = mp.get_context("fork").Pool(self.workers, initializer=_init_forked)
            else:
                args = ([str(a) for a in self.alias_files], [str(a) for a in self.actor_files], self.parse_all,
                        self.places)
                self._pool = mp.get_context("spawn").Pool(self.workers, initializer=_init, initargs=args)

    def _make(self) -> Extractor:
        return make_extractor(self.alias_files, self.actor_files, parse_all=self.parse_all, places=self.places)

    def map(self, docs: Sequence[Document]) -> list[DocumentResult]:
        """The results of one batch, in its order."""
        if not docs:
            return []
        self._start()
        if self._pool is None or len(docs) < 4:
            if self._ex is None:
                self._ex = self._make()
            with _collecting_less():
                return list(self._ex.extract_many(docs))
        return self.submit(docs)()

    def submit(self, docs: Sequence[Document]) -> Callable[[], list[DocumentResult]]:
        """Send one batch to the workers now; call what is returned for its results. The workers go on with
        this batch while the caller uses the results of the one before (no core idles between batches)."""
        if not docs:
            return list
        self._start()
        if self._pool is None or len(docs) < 4:
            return super().submit(docs)
        # Several reports a task: the parser reads their candidate sentences in one batch (faster than one
        # report at a time), and small enough tasks keep both workers busy to the end of the batch.
        size = max(1, min(64, len(docs) // (4 * self.workers)))
        chunks = self._pool.imap(_work, batched(docs, size))
        return lambda: [r for chunk in chunks for r in chunk]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Reports extracted per batch: enough to keep the workers busy, few enough to keep memory flat.
BATCH = 1024


def extraction_pool(alias_files: Sequence[str | Path] = (), actor_files: Sequence[str | Path] = (), *,
                    workers: int = 1, parse_all: bool = False, places: bool = True,
                    scheduler: str | None = None) -> Any:
    """An :class:`ExtractionPool` on this machine, or a :class:`mapper.cluster.DaskExtraction` on a Dask
    scheduler (``local`` or ``tcp://HOST:PORT``)."""
    if scheduler:
        from .cluster import DaskExtraction

        return DaskExtraction(scheduler, alias_files, actor_files, workers=workers, parse_all=parse_all,
                              places=places)
    return ExtractionPool(alias_files, actor_files, workers=workers, parse_all=parse_all, places=places)


def extract_documents(docs: Iterable[Document], *, alias_files: Sequence[str | Path] = (),
                      actor_files: Sequence[str | Path] = (), workers: int = 1, progress: bool = True,
                      parse_all: bool = False, places: bool = True,
                      scheduler: str | None = None) -> Iterator[DocumentResult]:
    """The results of ``docs``, in their order, streamed (one batch of reports in memory at a time).

    Parameters
    ----------
    docs : iterable of Document
    alias_files, actor_files : paths
        User gazetteer aliases and actor registries.
    workers : int
        Processes to use (1: this one).
    progress : bool
        A progress bar on stderr (shown for 20 reports or more when their number is known; always otherwise).
    parse_all : bool
        Parse every sentence (for benchmarks).
    places : bool
        Return each report's place mentions; without them, reports with no sentence of control are skipped
        sooner (what ``mapper extract`` does: it writes claims only).
    scheduler : str, optional
        A Dask scheduler (``local`` or ``tcp://HOST:PORT``): extraction runs on its workers.
    """
    total = len(docs) if isinstance(docs, Sized) else None
    bar = tqdm(total=total, desc="reports", unit="doc", disable=not progress or (total is not None and total < 20),
               delay=0 if total else 10)
    try:
        with extraction_pool(alias_files, actor_files, workers=workers, parse_all=parse_all, places=places,
                             scheduler=scheduler) as pool:
            # Two batches at a time: the next one is worked on while this one's results are used.
            pending: Callable[[], list[DocumentResult]] | None = None
            for batch in batched(docs, BATCH):
                started = pool.submit(batch)
                if pending is not None:
                    for r in pending():
                        bar.update()
                        yield r
                pending = started
            for r in pending() if pending is not None else ():
                bar.update()
                yield r
    finally:
        bar.close()

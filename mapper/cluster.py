"""Extraction on a Dask cluster: ``--scheduler local`` (a local cluster on this machine's cores) or
``--scheduler tcp://HOST:PORT`` (an existing cluster whose workers have territory-mapper installed).

Reports are partitioned by document: each batch of reports is cut into tasks of a few reports, the tasks run on
the workers and their results come back in order, so the store receives exactly what a serial run gives. The
alias and actor files travel with the tasks as bytes (workers need not share this machine's disk); each worker
loads the extractor once per set of files and keeps it.

Needs the ``dask`` extra: ``pip install 'territory-mapper[dask]'``.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import InputError, MapperError
from .documents import Document
from .extract import DocumentResult, Extractor
from .pipeline import Extraction

__all__ = ["DaskExtraction", "check_scheduler"]

#: Extractors loaded in this (worker) process, by the digest of their alias and actor files.
_EXTRACTORS: dict[str, Extractor] = {}


def check_scheduler(spec: str) -> str:
    """``local`` or a ``tcp://HOST:PORT`` address; anything else is an input error."""
    if spec == "local" or (spec.startswith(("tcp://", "tls://")) and ":" in spec.split("://", 1)[1]):
        return spec
    raise InputError(f"--scheduler {spec!r}: use 'local' (a cluster on this machine) or the address of a "
                     "running Dask scheduler, tcp://HOST:PORT")


def _files_key(files: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.blake2b(digest_size=12)
    for name, data in files:
        h.update(name.encode())
        h.update(data)
    return h.hexdigest()


def _worker_extractor(aliases: Sequence[tuple[str, bytes]], actors: Sequence[tuple[str, bytes]],
                      parse_all: bool, places: bool = True) -> Extractor:
    """This worker's extractor for these files (loaded on first use)."""
    key = _files_key([*aliases, ("--actors--", b""), *actors]) + str(parse_all) + str(places)
    ex = _EXTRACTORS.get(key)
    if ex is None:
        from .pipeline import make_extractor

        folder = Path(tempfile.mkdtemp(prefix="territory-mapper-"))
        paths = []
        for i, (name, data) in enumerate([*aliases, *actors]):
            path = folder / f"{i}-{Path(name).name}"
            path.write_bytes(data)
            paths.append(path)
        ex = make_extractor(paths[:len(aliases)], paths[len(aliases):], parse_all=parse_all, places=places)
        _EXTRACTORS[key] = ex
    return ex


@dataclass(frozen=True)
class _Setup:
    """What a worker needs besides the reports (an object, so that Dask sends it as data, not as a graph)."""

    aliases: tuple[tuple[str, bytes], ...]
    actors: tuple[tuple[str, bytes], ...]
    parse_all: bool
    places: bool = True


def extract_task(docs: Sequence[Document], setup: _Setup) -> list[DocumentResult]:
    """One task: the results of a few reports (runs on a worker)."""
    ex = _worker_extractor(setup.aliases, setup.actors, setup.parse_all, setup.places)
    return list(ex.extract_many(docs))


class DaskExtraction(Extraction):
    """The same interface as :class:`mapper.pipeline.ExtractionPool`, on a Dask cluster."""

    def __init__(self, scheduler: str, alias_files: Sequence[str | Path] = (),
                 actor_files: Sequence[str | Path] = (), *, workers: int = 2, parse_all: bool = False,
                 places: bool = True, task_size: int = 16) -> None:
        self.scheduler = check_scheduler(scheduler)
        self.workers, self.parse_all, self.task_size = workers, parse_all, task_size
        # Read here: a missing or bad file fails once, in this process, before any task is sent.
        from gazetteer.sources import read_aliases

        from .actors import load_actors

        for f in alias_files:
            read_aliases(f)
        load_actors(actor_files)
        self._setup = _Setup(tuple((str(f), Path(f).read_bytes()) for f in alias_files),
                             tuple((str(f), Path(f).read_bytes()) for f in actor_files), parse_all, places)
        self._cluster: Any = None
        self._client: Any = None

    def _start(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            import distributed
        except ImportError:
            raise MapperError("--scheduler needs Dask: pip install 'territory-mapper[dask]'") from None
        Client: Any = distributed.Client
        LocalCluster: Any = distributed.LocalCluster
        try:
            if self.scheduler == "local":
                self._cluster = LocalCluster(n_workers=max(1, self.workers), threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=40)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise MapperError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}; start one with "
                              "`dask scheduler` and workers with `dask worker ADDRESS`, or use --scheduler local")\
                from None
        return self._client

    def map(self, docs: Sequence[Document]) -> list[DocumentResult]:
        """The results of one batch, in its order, computed on the cluster."""
        if not docs:
            return []
        client = self._start()
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
        size = max(1, min(self.task_size, math.ceil(len(docs) / (2 * n_workers))))
        parts = [list(docs[i:i + size]) for i in range(0, len(docs), size)]
        futures = client.map(extract_task, parts, setup=self._setup, pure=False)
        return [r for part in client.gather(futures) for r in part]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

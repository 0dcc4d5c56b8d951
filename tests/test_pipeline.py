"""Extraction over many reports: batches, worker processes, and the order of the results."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from mapper import pipeline
from mapper.documents import iter_documents
from mapper.pipeline import ExtractionPool, extract_documents

from .conftest import ROOT


@pytest.fixture(scope="module")
def reports() -> list:
    seeds = list(iter_documents([ROOT / "seeds"]))
    return [replace(d, id=f"{d.id}#{n}") for n in range(3) for d in seeds]


def _key(results: list) -> list:
    return [(r.doc_id, [(c.place_id, c.actor, c.status, c.date) for c in r.claims]) for r in results]


def test_two_workers_and_small_batches_give_the_results_of_one_process_in_order(
        reports: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches overlap (the workers read the next while this one's results are used): the results still
    come in the reports' order, each once, the same as in one process."""
    one = list(extract_documents(reports, workers=1, progress=False, places=False))
    monkeypatch.setattr(pipeline, "BATCH", 4)
    two = list(extract_documents(reports, workers=2, progress=False, places=False))
    assert [r.doc_id for r in two] == [d.id for d in reports]
    assert _key(two) == _key(one)
    assert sum(len(r.claims) for r in two) >= 3 * 10


def test_a_submitted_batch_is_worked_on_before_its_results_are_asked(reports: list) -> None:
    import time

    with ExtractionPool(workers=2, places=False) as pool:
        first = pool.submit(reports[:8])
        second = pool.submit(reports[8:])
        deadline = time.monotonic() + 120
        while pool._pool._cache and time.monotonic() < deadline:  # the tasks the workers have not finished
            time.sleep(0.05)
        assert not pool._pool._cache, "both batches were done by the workers, no result asked for yet"
        # Asked in any order, each batch's results are its own, in its order.
        assert [r.doc_id for r in second()] == [d.id for d in reports[8:]]
        assert [r.doc_id for r in first()] == [d.id for d in reports[:8]]
    with ExtractionPool(workers=1, places=False) as pool:
        assert [r.doc_id for r in pool.submit(reports[:2])()] == [d.id for d in reports[:2]]
        assert pool.submit([])() == []


def _thresholds(_: object) -> tuple[int, int, int]:
    import gc

    return gc.get_threshold()


def test_workers_collect_garbage_less_often_and_this_process_is_left_as_it_was(reports: list) -> None:
    """Reading reports makes many short-lived objects: workers collect every 50,000 allocations, not 700; an
    extraction in this process collects less often only while it runs."""
    import gc

    before = gc.get_threshold()
    with ExtractionPool(workers=1, places=False) as pool:
        assert len(pool.map(reports[:2])) == 2
    assert gc.get_threshold() == before
    with ExtractionPool(workers=2, places=False) as pool:
        pool._start()
        assert pool._pool.map(_thresholds, range(2)) == [pipeline.GC_THRESHOLDS] * 2
    assert gc.get_threshold() == before


def _faults_of_reused_arrays(_: object) -> tuple[int, int]:
    """Page faults of writing one new 40 MB array, then of writing nine more, one after another."""
    import resource

    import numpy

    def faults() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    size = 40 * 1024 * 1024 // 8  # above glibc's largest default threshold for mapping a block afresh (32 MB)
    start = faults()
    a = numpy.ones(size)  # every page written
    del a
    first = faults() - start
    for _ in range(9):
        a = numpy.ones(size)
        del a
    return first, faults() - start - first


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_workers_reuse_freed_memory_instead_of_faulting_in_fresh_pages(reports: list) -> None:
    """The parser allocates and frees the same large arrays batch after batch: in a worker, nine more arrays
    of 40 MB after a first one reuse its pages, instead of faulting in fresh ones each time."""
    with ExtractionPool(workers=2, places=False) as pool:
        pool._start()
        for first, next_nine in pool._pool.map(_faults_of_reused_arrays, range(2)):
            assert next_nine < first / 2, (first, next_nine)

"""Extraction on a Dask cluster (a real local cluster with 2 worker processes) gives exactly the serial claims."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as c:
        yield str(c.scheduler_address)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds and the encyclopedia sentences of the dev set (one report each)."""
    path = tmp_path_factory.mktemp("dask") / "dev.jsonl"
    seen = set()
    with (DATA / "dev_gold.csv").open(encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(fh):
            if row["id"] not in seen:
                seen.add(row["id"])
                out.write(json.dumps({"id": row["id"], "text": row["sentence"], "published": row["date"]}) + "\n")
    return [str(ROOT / "seeds"), str(path)]


def test_the_claims_of_a_cluster_are_those_of_a_serial_run(cluster: str, reports: list[str],
                                                           tmp_path: Path) -> None:
    serial, dask = tmp_path / "serial.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", *reports, "--out", str(serial), "--workers", "1", "-q"]) == 0
    assert main(["extract", *reports, "--out", str(dask), "--scheduler", cluster, "-q"]) == 0
    lines = serial.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100
    assert dask.read_text(encoding="utf-8").splitlines() == lines


def test_a_build_on_a_local_cluster_equals_the_serial_build(tmp_path: Path) -> None:
    a, b = tmp_path / "serial", tmp_path / "local"
    assert main(["build", str(ROOT / "seeds"), "--out", str(a), "--workers", "1", "-q"]) == 0
    assert main(["build", str(ROOT / "seeds"), "--out", str(b), "--scheduler", "local", "--workers", "2", "-q"]) == 0
    for name in ("claims.csv", "intervals.csv", "mentions.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_scheduler_that_is_not_an_address_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", str(ROOT / "seeds"), "--scheduler", "my-cluster"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "tcp://HOST:PORT" in err and "Traceback" not in err

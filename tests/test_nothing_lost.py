"""Nothing lost: a build killed with SIGKILL at any point leaves complete outputs and an intact store, and
running it again gives what an uninterrupted build gives; the same inputs give byte-identical exports."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
EXPORTS = (".csv", ".geojson", ".json")


@pytest.fixture(scope="module")
def more_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 80 encyclopedia sentences of the dev set as JSON-lines reports (2014-2016)."""
    path = tmp_path_factory.mktemp("more") / "dev.jsonl"
    seen = set()
    with (DATA / "dev_gold.csv").open(encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(fh):
            if row["id"] in seen or len(seen) == 80:
                continue
            seen.add(row["id"])
            out.write(json.dumps({"id": row["id"], "text": row["sentence"], "published": row["date"],
                                  "source": "Wikipedia"}) + "\n")
    return path


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "-q", "--workers", "1"]) == 0
    return out


def _command(more: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "mapper.cli", "build", str(ROOT / "seeds"), str(more), "--out", str(out),
            "-q", "--workers", "1"]


def _exports(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in EXPORTS and p.name != "report.json"}


def _check_complete(folder: Path) -> None:
    """Every file in the build folder is whole, and the store is intact."""
    import pyogrio

    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name == ".lock" or p.name.startswith("."):
            continue  # a temporary file of the killed run: removed by the next run
        data = p.read_bytes()
        if p.suffix in (".json", ".geojson"):
            json.loads(data)
        elif p.suffix == ".csv":
            rows = list(csv.reader(data.decode("utf-8").splitlines()))
            assert rows and all(len(r) == len(rows[0]) for r in rows if r), p
        elif p.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), p
        elif p.suffix == ".png":
            assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), p
        elif p.suffix == ".gpkg":
            assert {name for name, _ in pyogrio.list_layers(p)} == {"places", "intervals", "zones", "front_lines"}
    db = sqlite3.connect(folder / "store.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        claims = db.execute("SELECT COUNT(DISTINCT doc_id) FROM claims").fetchone()[0]
        assert docs in (5, 5 + 80) and claims <= docs
    finally:
        db.close()


def test_a_killed_build_loses_nothing_and_the_next_run_completes_it(seed_build: Path, more_reports: Path,
                                                                    tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(seed_build, reference)
    t = time.monotonic()
    subprocess.run(_command(more_reports, reference), check=True, capture_output=True, timeout=600)
    whole = time.monotonic() - t
    work = tmp_path / "work"
    shutil.copytree(seed_build, work)
    kills = 0
    for fraction in (0.25, 0.5, 0.8):
        proc = subprocess.Popen(_command(more_reports, work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        _check_complete(work)
    assert kills >= 2  # the build was interrupted at several points, not only after it had finished
    done = subprocess.run(_command(more_reports, work), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    _check_complete(work)
    assert not [p for p in work.rglob(".*") if p.name != ".lock"]  # no temporary file left behind
    assert _exports(work) == _exports(reference)


def test_the_same_inputs_give_byte_identical_exports(seed_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["build", str(ROOT / "seeds"), "--out", str(again), "-q", "--workers", "2"]) == 0
    first, second = _exports(seed_build), _exports(again)
    assert first.keys() == second.keys() and len(first) > 10
    assert first == second
    assert (seed_build / "index.html").read_bytes() == (again / "index.html").read_bytes()
    assert (seed_build / "report.json").read_bytes() == (again / "report.json").read_bytes()


def test_a_second_build_into_the_same_folder_waits_its_turn(seed_build: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from mapper._io import folder_lock

    out = tmp_path / "locked"
    shutil.copytree(seed_build, out)
    with folder_lock(out):
        done = subprocess.run([sys.executable, "-m", "mapper.cli", "build", str(ROOT / "seeds"), "--out", str(out),
                               "-q"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 2 and "another build is writing into" in done.stderr
    assert "Traceback" not in done.stderr


def test_only_the_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    from mapper._io import remove_stale_temporaries

    names = [".index.html.k2j3.tmp", "maps/.2016-04-15.html.x8.tmp", ".territory.gpkg.ab12.gpkg",
             ".territory.gpkg.ab12.gpkg-journal", "store.sqlite-journal", "index.html", ".lock"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert remove_stale_temporaries(tmp_path) == 4
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == [".lock", "index.html", "store.sqlite-journal"]  # SQLite's own journal is its to replay

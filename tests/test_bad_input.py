"""Bad input: each problem gets one line naming the input, what is wrong and what to do; a batch goes on and
report.json lists what was skipped; when nothing can be read the exit is non-zero and nothing is lost."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Kurdish-led SDF fighters captured the town of Manbij on Friday, 12 August 2016, the monitor said.\n"


def _seed_name() -> str:
    return sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[0]


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    """A folder of reports with one of each bad input beside good ones, a table without text, bad JSON lines."""
    reports = tmp_path / "reports"
    reports.mkdir()
    seed = _seed_name()
    shutil.copy(ROOT / "seeds" / seed, reports / seed)
    (reports / "good.txt").write_text(GOOD, encoding="utf-8")
    (reports / "empty.txt").write_bytes(b"")
    (reports / "blank.html").write_text("<html><head><script>x()</script></head><body> </body></html>")
    (reports / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (reports / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (reports / "latin1.txt").write_bytes("Rebels took Tall Rif\u2019at on Monday, 15 February 2016, "
                                         "said the caf\u00e9 owner.".encode("cp1252"))
    with (reports / "huge.txt").open("wb") as fh:  # 100 MB, sparse: nothing to read before it is refused
        fh.truncate(100 * 1024 * 1024)
    (reports / "nodate.txt").write_text(GOOD.replace("Friday, 12 August 2016", "Friday"), encoding="utf-8")
    (reports / "future.txt").write_text(GOOD, encoding="utf-8")
    meta = (ROOT / "seeds" / "metadata.csv").read_text(encoding="utf-8").splitlines()
    header, rows = meta[0], [r for r in meta[1:] if r.startswith(seed)]
    rows += ["good.txt,2016-08-13,Reuters,,", "latin1.txt,2016-02-16,AFP,,", "nodate.txt,2016-02-30,X,,",
             "future.txt,2099-01-01,X,,"]
    (reports / "metadata.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (tmp_path / "notext.csv").write_text("town,who\nRaqqa,isis\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f'id,date,text\nr1,2016-08-13,"{GOOD.strip()}"\nr2,2016-08-14,\n'
                                       f'r3,someday,"{GOOD.strip()}"\n', encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "j1", "text": "' + GOOD.strip() + '", "published": "2016-08-13"}'
                                          '\n{not json\n{"id": "j3"}\n', encoding="utf-8")
    return tmp_path


def _build(batch: Path, out: Path, *extra: str) -> int:
    return main(["build", str(batch / "reports"), str(batch / "notext.csv"), str(batch / "rows.csv"),
                 str(batch / "lines.jsonl"), str(batch / "missing.txt"), *extra, "--out", str(out), "-q",
                 "--workers", "1"])


def test_a_batch_skips_each_bad_input_says_why_and_goes_on(batch: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = batch / "out"
    assert _build(batch, out) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {Path(s["input"].split(" line ")[0]).name + (" line" if " line " in s["input"] else ""): s["reason"]
               for s in report["skipped"]}
    expected = {"empty.txt": "empty", "blank.html": "no text", "blob.txt": "binary", "scan.txt": "PDF",
                "huge.txt": "more than one report may hold", "notext.csv": "--text-column",
                "lines.jsonl line": "", "missing.txt": "no such file", "rows.csv": "empty text column"}
    for name, words in expected.items():
        assert name in skipped and words in skipped[name], (name, skipped)
    warned = {Path(w["input"].split(":")[0]).name: w["warning"] for w in report["warnings"]}
    assert "UTF-8" in warned["latin1.txt"]
    assert "not a date" in warned["nodate.txt"] and "outside" in warned["future.txt"]
    assert "1 row (4)" in warned["rows.csv"]
    for p in (*report["skipped"], *report["warnings"]):  # one line each on stderr, naming the input
        assert sum(p["input"] in line for line in err.splitlines()) >= 1, p
    # The good reports were read: the seed, good.txt, latin1.txt (as cp1252), r1 and j1.
    with (out / "claims.csv").open(encoding="utf-8") as fh:
        claims = list(csv.DictReader(fh))
    assert {"good.txt", "latin1.txt", "r1", "j1", _seed_name()} <= {c["doc_id"] for c in claims}
    assert any("Tall Rif\u2019at" in c["evidence"] for c in claims)  # the cp1252 quote decoded
    # A date that is not a date is replaced by the one the text prints at its top; with none, set aside.
    assert {r["report"] for r in report["set_aside"]} == {"nodate.txt"}


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "report.json"}


def test_when_nothing_can_be_read_the_exit_is_2_and_nothing_is_lost(batch: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = batch / "out"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "-q", "--workers", "1"]) == 0
    before = _digests(out)
    capsys.readouterr()
    bad = [str(batch / "reports" / n) for n in ("empty.txt", "blob.txt", "huge.txt")] + [str(batch / "notext.csv")]
    assert main(["build", *bad, "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line.split(": ")[0] for line in err.splitlines()] == ["skipped"] * 4 + ["mapper build"]
    assert "nothing could be read" in err.splitlines()[-1]
    assert _digests(out) == before
    assert len(json.loads((out / "report.json").read_text())["skipped"]) == 4
    capsys.readouterr()
    assert main(["extract", *bad]) == 2
    assert "nothing could be read" in capsys.readouterr().err


def test_names_that_resolve_nowhere_are_listed(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "u.txt").write_text("IS fighters captured the village of Zzyzxqab on Monday.\n")
    (tmp_path / "r" / "metadata.csv").write_text("file,published\nu.txt,2016-05-02\n")
    assert main(["build", str(tmp_path / "r"), "--out", str(tmp_path / "o"), "-q", "--workers", "1"]) == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["unresolved"] == [{"name": "Zzyzxqab", "mentions": 1, "reports": 1}]


def test_an_unknown_actor_in_a_baseline_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.csv"
    base.write_text("place,actor,lat,lon,date\nDabiq,martians,36.54,37.27,2016-01-01\n", encoding="utf-8")
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--baseline", str(base), "-q",
                 "--workers", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "unknown actor 'martians'" in err and "--actors" in err


@pytest.mark.parametrize("option", ["--aliases", "--actors", "--sources"])
def test_a_bad_data_file_stops_with_one_line_even_with_workers(tmp_path: Path, option: str) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mapper.cli", "build", str(ROOT / "seeds"), "--out",
                           str(tmp_path / "o"), option, str(bad), "--workers", "2", "-q"],
                          capture_output=True, text=True, timeout=300)  # a failing worker must not hang the pool
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr and "Traceback" not in done.stderr

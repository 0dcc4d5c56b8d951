"""The `mapper` command line: the resolve contract, errors without tracebacks, the build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).parent.parent


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["resolve", "Al-Rai", "Nowhere Qqzx", "--json"], capsys)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["query"] for d in lines] == ["Al-Rai", "Nowhere Qqzx"]
    match = lines[0]["match"]
    assert {"id", "name", "lat", "lon", "country", "admin1", "kind", "score"} <= set(match)
    assert match["country"] == "SY" and 0 < match["score"] <= 1
    assert isinstance(lines[0]["alternatives"], list)
    assert lines[1] == {"query": "Nowhere Qqzx", "match": None, "alternatives": []}


def test_resolve_file_country_near(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.txt"
    names.write_text("al-Suwaida\n\nAlbu Kamal\n", encoding="utf-8")
    code, out, _ = run(["resolve", "--file", str(names), "--near", "Aleppo", "--country", "SY", "--json"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["match"]["admin1"] for r in rows] == ["Aleppo", "Deir-ez-Zor"]


def test_resolve_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["resolve", "Hiwar Kallis"], capsys)
    assert code == 0 and "Hawar Killis" in out and out.startswith("query")


def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["resolve", "--file", str(tmp_path / "missing.txt")], capsys)
    assert code == 2 and "not found" in err and "Traceback" not in err
    code, _, err = run(["resolve"], capsys)
    assert code == 2 and "give names" in err
    code, _, err = run(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "no such file" in err


def test_build_seeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", str(ROOT / "seeds"), "--out", str(out), "-q"], capsys)
    assert code == 0, err
    gj = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in gj["features"]}
    assert {"Jarabulus", "al-Rai", "Abu Kamal"} <= names
    for f in gj["features"]:
        lon, lat = f["geometry"]["coordinates"]  # RFC 7946: longitude first
        if f["properties"]["country"] in ("SY", "IQ"):
            assert 29 < lat < 38 and 35 < lon < 49, f


def test_console_script_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "mapper.cli", "resolve", "Raqqa", "--json"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["match"]["admin1"] == "Ar-Raqqa"


EXTRACT_KEYS = {"doc_id", "place", "written_as", "place_id", "lat", "lon", "actor", "previous_actor", "status",
                "date", "date_precision", "confidence", "evidence", "source"}


def test_extract_jsonl_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ROOT / "seeds"), "--format", "jsonl", "-q", "--workers", "1"], capsys)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(set(r) >= EXTRACT_KEYS for r in rows)
    assert {r["doc_id"] for r in rows} <= {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert all(0 <= r["confidence"] <= 1 and r["status"] in ("controlled", "contested", "besieged") for r in rows)
    assert "claims" in err


def test_extract_geojson_csv_and_jsonl_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "notes.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "On 3 March 2017, government forces recaptured Palmyra from "
                                                  "ISIS.", "published": "2017-03-03"}) + "\n"
                   + json.dumps({"id": "n2", "text": "Rebels captured Azaz."}) + "\n")
    out = tmp_path / "c.geojson"
    code, _, err = run(["extract", str(src), "--format", "geojson", "--out", str(out), "-q"], capsys)
    assert code == 0, err
    gj = json.loads(out.read_text())
    f = gj["features"][0]
    assert f["properties"]["doc_id"] == "n1" and f["properties"]["actor"] == "government"
    lon, lat = f["geometry"]["coordinates"]
    assert 38 < lon < 39 and 34 < lat < 35
    assert "set aside 1 reports" in err and "n2" in err
    code, out_csv, _ = run(["extract", str(src), "--format", "csv", "-q"], capsys)
    assert code == 0 and out_csv.splitlines()[0].startswith("doc_id,place,written_as,place_id")


def test_extract_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract"], capsys)
    assert code == 2 and "give report files" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n")
    code, _, err = run(["extract", str(bad), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2 and "--text-column" in err and "Traceback" not in err
    assert not (tmp_path / "o.jsonl").exists()


def test_build_writes_claims(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", str(ROOT / "seeds"), "--out", str(out), "-q", "--workers", "2"], capsys)
    assert code == 0, err
    header = (out / "claims.csv").read_text().splitlines()[0]
    assert header.startswith("claim_id,doc_id,place")
    assert (out / "unresolved.csv").read_text().startswith("doc_id,name")


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(["extract", str(ROOT / "seeds"), "-q", "--out", str(blocker / "claims.jsonl")], capsys)
    assert code == 2 and "cannot write" in err and "Traceback" not in err

"""The control model from the command line: mapper build's store, mapper snapshot, mapper changes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
OUTPUTS = ("claims.csv", "intervals.csv", "changes.csv", "areas.csv", "areas.png", "mentions.csv",
           "places.geojson", "unresolved.csv", "set_aside.csv")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-build")
    assert main(["build", str(SEEDS), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


def snapshot(folder: Path, day: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["snapshot", "--from", str(folder), "--date", day]) == 0
    data = json.loads(capsys.readouterr().out)
    return {f["properties"]["name"]: f for f in data["features"]}


@pytest.mark.parametrize(("day", "expected"), [
    ("2016-04-15", {"al-Rai": "isis", "Hawar Killis": "isis"}),
    ("2016-09-05", {"al-Rai": "tfsa", "Jarabulus": "tfsa", "Ar Raqqah": "isis"}),
    ("2017-11-10", {"Abu Kamal": "government", "Al Qā’im": "iraq"}),
])
def test_seed_snapshots(seed_build: Path, capsys: pytest.CaptureFixture[str], day: str,
                        expected: dict[str, str]) -> None:
    places = snapshot(seed_build, day, capsys)
    for name, actor in expected.items():
        props = places[name]["properties"]
        assert props["actor"] == actor, (name, props)
        assert props["evidence"] and props["source"] and props["since"] <= day
        lon, lat = places[name]["geometry"]["coordinates"]
        assert 34 < lat < 37.5 and 36 < lon < 42  # RFC 7946: longitude first


def test_snapshot_before_any_report_is_empty_and_says_where_the_dates_are(
        seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", "--from", str(seed_build), "--date", "2010-01-01", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("place_id,name,actor,status") and len(out.splitlines()) == 1
    assert "2016-" in err and "0 places" in err


def test_changes_lists_who_gained_what(seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", "--from", str(seed_build), "--since", "2016-08-01", "--until", "2016-09-30",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    rai = [r for r in rows if r["name"] == "al-Rai"]
    assert [(r["before_actor"], r["after_actor"]) for r in rai] == [("isis", "tfsa")]
    assert all("2016-08-01" < r["date"] <= "2016-09-30" for r in rows)
    assert main(["changes", "--from", str(seed_build), "--since", "2016-08-01", "--until", "2016-09-30"]) == 0
    text = capsys.readouterr().out
    assert "al-Rai: isis -> tfsa" in text and "tfsa: gained" in text


def _digests(folder: Path) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in OUTPUTS}


def test_running_again_on_the_same_reports_changes_nothing(seed_build: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "again"
    shutil.copytree(seed_build, copy)
    before = _digests(copy)
    capsys.readouterr()
    assert main(["build", str(SEEDS), "--out", str(copy), "--workers", "1", "-q"]) == 0
    assert "0 new, 5 already in the store" in capsys.readouterr().err
    assert _digests(copy) == before


def test_a_build_on_new_reports_reads_only_those(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    meta = (SEEDS / "metadata.csv").read_text(encoding="utf-8").splitlines()
    for folder, chosen in ((first, names[:3]), (second, names[3:])):
        for n in chosen:
            shutil.copy(SEEDS / n, folder / n)
        (folder / "metadata.csv").write_text("\n".join([meta[0], *[m for m in meta[1:] if m.split(",")[0] in chosen]])
                                             + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(first), "--out", str(out), "--workers", "1", "-q"]) == 0
    capsys.readouterr()
    assert main(["build", str(second), "--out", str(out), "--workers", "1", "-q"]) == 0
    assert "2 new, 0 already" in capsys.readouterr().err
    places = snapshot(out, "2016-09-05", capsys)
    assert places["al-Rai"]["properties"]["actor"] == "tfsa"  # from the first build's reports
    assert "Abu Kamal" in snapshot(out, "2017-11-10", capsys)  # from the second's


def test_overrides_win_and_are_kept_for_later_builds(seed_build: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ov"
    shutil.copytree(seed_build, out)
    ov = tmp_path / "overrides.csv"
    ov.write_text("place,actor,from,to,note\nJarabulus,sdf,2016-09-01,2016-10-01,analyst check\n", encoding="utf-8")
    assert main(["build", str(SEEDS), "--out", str(out), "--overrides", str(ov), "-q", "--workers", "1"]) == 0
    props = snapshot(out, "2016-09-05", capsys)["Jarabulus"]["properties"]
    assert (props["actor"], props["origin"], props["note"]) == ("sdf", "override", "analyst check")
    assert main(["build", str(SEEDS), "--out", str(out), "-q", "--workers", "1"]) == 0
    assert snapshot(out, "2016-09-05", capsys)["Jarabulus"]["properties"]["origin"] == "override"
    assert main(["build", str(SEEDS), "--out", str(out), "--overrides", "", "-q", "--workers", "1"]) == 0
    assert snapshot(out, "2016-09-05", capsys)["Jarabulus"]["properties"]["actor"] == "tfsa"


def test_a_baseline_map_is_updated_by_reports(seed_build: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "base"
    shutil.copytree(seed_build, out)
    assert main(["build", str(SEEDS), "--out", str(out), "--baseline", "wikipedia-2017", "-q",
                 "--workers", "1"]) == 0
    july = snapshot(out, "2017-07-20", capsys)
    assert len(july) > 5000
    assert july["Abu Kamal"]["properties"]["actor"] == "isis"
    assert july["Abu Kamal"]["properties"]["origin"] == "baseline"
    november = snapshot(out, "2017-11-10", capsys)["Abu Kamal"]["properties"]
    assert (november["actor"], november["origin"]) == ("government", "reports")


@pytest.mark.parametrize(("argv", "message"), [
    (["snapshot", "--from", "{tmp}/nothing", "--date", "2016-01-01"], "no build in"),
    (["snapshot", "--from", "{build}", "--date", "2016-13-01"], "not a date"),
    (["changes", "--from", "{build}", "--since", "2017-01-01", "--until", "2016-01-01"], "comes before"),
    (["build", "seeds", "--out", "{tmp}/o", "--baseline", "{tmp}/missing.csv"], "not found"),
    (["build", "seeds", "--out", "{tmp}/o", "--overrides", "{tmp}/bad.csv"], "missing column"),
    (["build", "seeds", "--out", "{tmp}/o", "--overrides", "{tmp}/badactor.csv"], "unknown actor"),
])
def test_bad_input_gives_one_line_and_exit_2(seed_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             argv: list[str], message: str) -> None:
    (tmp_path / "bad.csv").write_text("town,who\nRaqqa,isis\n", encoding="utf-8")
    (tmp_path / "badactor.csv").write_text("place,actor,from\nRaqqa,martians,2016-01-01\n", encoding="utf-8")
    args = [a.format(tmp=tmp_path, build=seed_build) for a in argv]
    if args[0] == "build":
        args[1] = str(SEEDS)
        args += ["-q", "--workers", "1"]
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1

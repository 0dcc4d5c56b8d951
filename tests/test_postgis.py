"""The PostgreSQL/PostGIS store (a real server from Debian packages) passes the tests of the embedded store:
the seed snapshots, a rebuild that changes nothing, incremental builds, overrides; its exports are those of
the SQLite store, and QGIS finds geometries in it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXPORTS = ("claims.csv", "intervals.csv", "changes.csv", "areas.csv", "mentions.csv", "places.geojson",
           "timeline.geojson", "unresolved.csv", "set_aside.csv", "report.json")


def _build(out: Path, db: str, *inputs: str | Path, extra: tuple[str, ...] = ()) -> int:
    return main(["build", *map(str, inputs or (SEEDS,)), "--out", str(out), "--db", db, "-q", "--workers", "1",
                 *extra])


def _snapshot(out: Path, db: str, day: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["snapshot", "--from", str(out), "--db", db, "--date", day]) == 0
    return {f["properties"]["name"]: f["properties"] for f in json.loads(capsys.readouterr().out)["features"]}


def test_the_seed_build_in_postgis_matches_the_embedded_store(postgis_url: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    pg, lite = tmp_path / "pg", tmp_path / "lite"
    assert _build(pg, postgis_url) == 0
    assert main(["build", str(SEEDS), "--out", str(lite), "-q", "--workers", "1"]) == 0
    assert not (pg / "store.sqlite").exists()
    for name in EXPORTS:
        assert (pg / name).read_bytes() == (lite / name).read_bytes(), name
    for day, expected in (("2016-04-15", {"al-Rai": "isis", "Hawar Killis": "isis"}),
                          ("2016-09-05", {"al-Rai": "tfsa", "Jarabulus": "tfsa", "Ar Raqqah": "isis"}),
                          ("2017-11-10", {"Abu Kamal": "government", "Al Qā’im": "iraq"})):
        places = _snapshot(pg, postgis_url, day, capsys)
        for name, actor in expected.items():
            assert places[name]["actor"] == actor and places[name]["evidence"], (day, name)
    capsys.readouterr()
    assert main(["changes", "--from", str(pg), "--db", postgis_url, "--since", "2016-08-01",
                 "--until", "2016-09-30"]) == 0
    assert "al-Rai: isis -> tfsa" in capsys.readouterr().out


def test_rebuilds_incremental_builds_and_overrides(postgis_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir()
    more.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for f in seeds[:3]:
        shutil.copy(f, first / f.name)
    for f in seeds:
        shutil.copy(f, more / f.name)
    for folder in (first, more):
        shutil.copy(SEEDS / "metadata.csv", folder / "metadata.csv")
    out = tmp_path / "out"
    capsys.readouterr()
    assert _build(out, postgis_url, first) == 0
    assert "3 new" in capsys.readouterr().err
    assert _build(out, postgis_url, more) == 0
    assert "(2 new, 3 already in the store)" in capsys.readouterr().err
    same = [n for n in EXPORTS if n != "report.json"]  # report.json counts the new reports of each build
    before = {n: (out / n).read_bytes() for n in same}
    assert _build(out, postgis_url, more) == 0
    assert "(0 new, 5 already in the store)" in capsys.readouterr().err
    assert {n: (out / n).read_bytes() for n in same} == before
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("place,actor,from,to,note\nal-Rai,government,2016-09-01,,analyst check\n", encoding="utf-8")
    assert _build(out, postgis_url, more, extra=("--overrides", str(overrides))) == 0
    rai = _snapshot(out, postgis_url, "2016-09-05", capsys)["al-Rai"]
    assert rai["actor"] == "government" and rai["origin"] == "override"
    assert _build(out, postgis_url, more) == 0  # kept for later builds, as in the embedded store
    assert _snapshot(out, postgis_url, "2016-09-05", capsys)["al-Rai"]["origin"] == "override"


def test_qgis_finds_points_and_zones_in_postgis(postgis_url: str, tmp_path: Path) -> None:
    import psycopg

    assert _build(tmp_path / "out", postgis_url) == 0
    with psycopg.connect(postgis_url) as conn:
        columns = dict(conn.execute("SELECT f_table_name, type FROM geometry_columns").fetchall())
        assert columns == {"places": "POINT", "intervals_geo": "POINT", "zones": "MULTIPOLYGON"}
        n, valid, srid = conn.execute("SELECT COUNT(*), bool_and(ST_IsValid(geom)), MIN(ST_SRID(geom)) "
                                      "FROM zones").fetchone()
        assert n > 0 and valid and srid == 4326
        lon, lat = conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM intervals_geo WHERE name = 'al-Rai' "
                                "LIMIT 1").fetchone()
        assert 37 < lon < 38 and 36 < lat < 37


def test_a_database_that_cannot_be_reached_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://nobody:secret@/nothing?host={tmp_path}"
    assert _build(tmp_path / "out", url) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "cannot open the store" in err
    assert "secret" not in err and "Traceback" not in err

"""Shared fixtures: the bundled gazetteer (loaded once) and small builders for test places."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from gazetteer import Gazetteer, Place, load_gazetteer
from mapper.claims import Claim
from mapper.documents import Document
from mapper.extract import Extractor

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def extractor(gaz: Gazetteer) -> Extractor:
    from mapper.actors import load_actors
    from mapper.nlp import load_parser

    return Extractor(gaz, load_actors(), load_parser())


def read_report(ex: Extractor, text: str, published: str = "2017-03-10", *, narrative: bool = False) -> list[Claim]:
    """The claims of one report text."""
    doc = Document(id="t", text=text, published=dt.date.fromisoformat(published), narrative=narrative)
    return ex.extract(doc).claims


def make_place(pid: str, name: str, lat: float, lon: float, *, names: tuple[str, ...] = (), country: str = "SY",
               admin1: str = "", kind: str = "village", population: int = 0) -> Place:
    """A place for a small test gazetteer."""
    return Place(id=pid, name=name, names=(name, *names), lat=lat, lon=lon, country=country, admin1=admin1,
                 admin2="", kind=kind, population=population, sources=("test",))


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def postgis_server() -> Iterator[str]:
    """A real PostgreSQL server with PostGIS (Debian packages), started for the tests in a temporary folder;
    yields the socket folder. Skipped, with the reason, only where the server cannot start."""
    import glob
    import os
    import shutil
    import subprocess

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins or not glob.glob("/usr/share/postgresql/*/extension/postgis.control"):
        pytest.skip("PostgreSQL with PostGIS is not installed (.ci/run installs postgresql and "
                    "postgresql-15-postgis-3 from Debian)")
    import tempfile

    # Not under pytest's folder: the server's user must reach it (and a socket path must stay short).
    folder = Path(tempfile.mkdtemp(prefix="tm-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the postgres user
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    run = subprocess.run([*as_user, f"{bins[-1]}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres"],
                         capture_output=True, text=True, check=False)
    if run.returncode:
        pytest.skip(f"PostgreSQL cannot start here (initdb: {run.stderr.strip()[-200:]})")
    start = subprocess.run([*as_user, f"{bins[-1]}/pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w",
                            "-o", f"-k {folder} -c listen_addresses='' -F", "start"],
                           capture_output=True, text=True, check=False)
    if start.returncode:
        pytest.skip(f"PostgreSQL cannot start here: {(folder / 'log').read_text()[-300:]}")
    try:
        yield str(folder)
    finally:
        subprocess.run([*as_user, f"{bins[-1]}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def postgis_url(postgis_server: str, request: pytest.FixtureRequest) -> str:
    """A fresh database on the test server (one per test)."""
    import re

    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    with psycopg.connect(f"postgresql://postgres@/postgres?host={postgis_server}", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@/{name}?host={postgis_server}"

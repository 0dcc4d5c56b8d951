"""Shared fixtures: the bundled gazetteer (loaded once) and small builders for test places."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gazetteer import Gazetteer, Place, load_gazetteer

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


def make_place(pid: str, name: str, lat: float, lon: float, *, names: tuple[str, ...] = (), country: str = "SY",
               admin1: str = "", kind: str = "village", population: int = 0) -> Place:
    """A place for a small test gazetteer."""
    return Place(id=pid, name=name, names=(name, *names), lat=lat, lon=lon, country=country, admin1=admin1,
                 admin2="", kind=kind, population=population, sources=("test",))


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))

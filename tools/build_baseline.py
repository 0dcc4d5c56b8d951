"""Rebuild mapper/data/baseline_wikipedia_2017.csv.gz from the Wikipedia detailed maps of the war.

Source: ../shared/data/wikipedia_detailed_map/ (CC BY-SA, Wikipedia contributors; see its README for what
each mark means). Each mark becomes a row: place_id (the gazetteer place of that name within 5 km, else a
``baseline:`` id), place, lat, lon, country, actor, status, date, mark, note.

Sides map to actor ids as the source README suggests: gov -> government (Syria) / iraq (Iraq); opp ->
opposition, or tfsa inside the Euphrates Shield area (the Jarablus, Al Bab and A'zaz districts); SDF -> sdf
(Syria) / peshmerga (Iraq, where the module's SDF mark means Kurdish forces); JaN -> hts; IS -> isis;
Trk -> tfsa; a mixed mark ``a+b`` -> both actors, contested.

    python tools/build_baseline.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from gazetteer import load_gazetteer
from gazetteer.geo import country_shapes
from mapper.baseline import gazetteer_resolver

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "mapper" / "data" / "baseline_wikipedia_2017.csv.gz"
FILES = {"syria_2017-07.csv": ("SY", "2017-07-15"), "iraq_2017-08.csv": ("IQ", "2017-08-01")}
EUPHRATES_SHIELD = {"Jarablus", "Al Bab", "A'zaz"}
SIDES = {
    "SY": {"gov": "government", "opp": "opposition", "SDF": "sdf", "JaN": "hts", "IS": "isis", "Trk": "tfsa"},
    "IQ": {"gov": "iraq", "opp": "opposition", "SDF": "peshmerga", "JaN": "hts", "IS": "isis", "Trk": "tfsa"},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    src = args.shared / "data" / "wikipedia_detailed_map"
    resolve = gazetteer_resolver(load_gazetteer())
    admin2 = json.loads((ROOT / "gazetteer" / "data" / "syria_admin2.geojson").read_text(encoding="utf-8"))
    shield = shapely.union_all([shape(f["geometry"]) for f in admin2["features"]
                                if f["properties"]["NAME_EN"] in EUPHRATES_SHIELD])
    shapely.prepare(shield)
    countries = country_shapes()
    for geom in countries.values():
        shapely.prepare(geom)
    rows = []
    for name, (module_country, date) in FILES.items():
        with open(src / name, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["feature"] == "inset_map" or r["commented_out"] or r["coords_ok"] == "NO":
                    continue
                if not r["label"] or not r["side"]:
                    continue
                lat, lon = float(r["lat"]), float(r["lon"])
                point = shapely.Point(lon, lat)
                country = next((iso for iso in ("SY", "IQ", "TR", "LB", "JO") if countries[iso].contains(point)),
                               module_country)
                actors = []
                for side in r["side"].split("+"):
                    actor = SIDES[module_country][side]
                    if actor == "opposition" and shield.contains(point):
                        actor = "tfsa"
                    actors.append(actor)
                found = resolve(r["label"], lat, lon, country)
                place_id, place = (found[0], found[1]) if found else ("", r["label"])
                status = "contested" if len(actors) > 1 else "controlled"
                note = "stable mixed control" if "stable" in r["mark"] else r["note"]
                rows.append([place_id, place, f"{lat:.5f}", f"{lon:.5f}", country, "+".join(actors), status, date,
                             r["mark"], note])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["place_id", "place", "lat", "lon", "country", "actor", "status", "date", "mark", "note"])
    w.writerows(rows)
    OUT.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    matched = sum(1 for r in rows if r[0])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} marks, {matched} matched to the gazetteer")


if __name__ == "__main__":
    main()

"""Map benchmark: 5,000 real places with 200 change dates, our index.html next to a naive folium page.

Our page receives each place's intervals once and computes every date's state in the browser. The naive page is
what one builds with folium's ``TimestampedGeoJson``: a copy of every place for every date (5,000 × 200 point
features), each with its popup. Both are opened offline in headless Chromium (Debian ``chromium``); a step is
timed from the call that changes the date to the second animation frame after it (the markers are drawn).

Prints, for each page: its size with the data and scripts it loads, the time to open it, and the median and
worst of 30 date steps. Targets (issue 5): our page and its data < 10 MB, one step < 100 ms.

The naive page needs jQuery, jQuery UI, moment and leaflet-timedimension; ``make bench`` installs them from the
npm registry into ``benchmarks/naive/node_modules`` (they are not part of the product).

    python benchmarks/bench_maps.py [--places 5000] [--dates 200] [--no-naive]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gazetteer import load_gazetteer
from mapper.model import ControlModel, Observation
from mapper.render import index_html, page_data
from mapper.territory import Territory

HERE = Path(__file__).resolve().parent
NAIVE_MODULES = HERE / "naive" / "node_modules"
ACTORS = ["government", "opposition", "isis", "sdf", "tfsa", "hts"]
COLOURS = {"government": "#d62728", "opposition": "#2ca02c", "isis": "#000000", "sdf": "#f2c500",
           "tfsa": "#8fd14f", "hts": "#7f7f7f"}
SOURCES = ["Reuters", "AFP", "SOHR", "SANA", "Anadolu Agency", "Hawar News"]
VERBS = ["took control of", "captured", "recaptured", "drove the defenders out of", "entered"]


def synthetic_model(n_places: int, n_dates: int, seed: int = 11) -> tuple[ControlModel, pd.DataFrame]:
    """Real Syrian places; fronts that move: on each change date, a patch of neighbouring places changes hands."""
    rng = np.random.default_rng(seed)
    gaz = load_gazetteer()
    pool = [p for p in gaz.places if p.country == "SY" and p.kind != "neighbourhood"]
    pick = rng.choice(len(pool), size=min(n_places, len(pool)), replace=False)
    chosen = sorted((pool[i] for i in pick), key=lambda p: p.id)
    places = pd.DataFrame({"place_id": [p.id for p in chosen], "name": [p.name for p in chosen],
                           "lat": [p.lat for p in chosen], "lon": [p.lon for p in chosen], "country": "SY"})
    xy = np.column_stack([places["lon"].to_numpy(), places["lat"].to_numpy()])
    # Start: each place held by the actor of the nearest of a few "capitals".
    capitals = xy[rng.choice(len(xy), size=12, replace=False)]
    owner = np.array([ACTORS[k % len(ACTORS)] for k in
                      np.argmin(((xy[:, None, :] - capitals[None]) ** 2).sum(-1), axis=1)], dtype=object)
    start = dt.date(2014, 1, 1)
    obs: list[Observation] = []

    def report(i: int, day: dt.date, actor: str, k: int) -> Observation:
        name = places.at[i, "name"]
        sentence = (f"{actor.upper()} fighters {VERBS[k % len(VERBS)]} {name} on "
                    f"{day:%d %B %Y} after days of clashes, a monitoring group said.")
        return Observation(str(places.at[i, "place_id"]), day, actor, "controlled", 0.8, f"c{len(obs)}",
                           evidence=sentence, source=SOURCES[k % len(SOURCES)],
                           url=f"https://example.org/report/{len(obs)}", doc_id=f"d{len(obs)}")

    for i in range(len(places)):
        obs.append(report(i, start, str(owner[i]), i))
    days = np.sort(rng.choice(np.arange(30, 5 * 365), size=n_dates - 1, replace=False))
    patch = max(5, len(places) // 200)
    for k, d in enumerate(days):
        day = start + dt.timedelta(days=int(d))
        centre = xy[rng.integers(len(xy))]
        near = np.argsort(((xy - centre) ** 2).sum(1))[:patch]
        holder = owner[near[0]]
        winner = [a for a in ACTORS if a != holder][int(rng.integers(len(ACTORS) - 1))]
        for i in near:
            if owner[i] != winner:
                owner[i] = winner
                obs.append(report(int(i), day, winner, k))
    return ControlModel.from_observations(obs, places=places), places


def write_ours(model: ControlModel, places: pd.DataFrame, folder: Path) -> tuple[Path, float]:
    from mapper.render import _leaflet_dir

    t = time.perf_counter()
    data = page_data(model, Territory(places), title="benchmark")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(_leaflet_dir(), folder / "lib", dirs_exist_ok=True)
    page = folder / "index.html"
    page.write_text(index_html(data), encoding="utf-8")
    return page, time.perf_counter() - t


def write_naive(model: ControlModel, folder: Path) -> tuple[Path, float]:
    """folium + TimestampedGeoJson, the state of every place copied for every change date."""
    import folium
    from folium.plugins import TimestampedGeoJson

    t = time.perf_counter()
    features: list[dict[str, Any]] = []
    for day in model.dates():
        iso = day.isoformat()
        for r in model.state_at(day).itertuples(index=False):
            popup = (f"<b>{r.name}</b><br>{r.actor} ({r.status}) since {r.since}<br>"
                     f"<i>{r.evidence}</i><br>{r.source}, {r.evidence_date}")
            features.append({"type": "Feature",
                             "geometry": {"type": "Point", "coordinates": [round(r.lon, 5), round(r.lat, 5)]},
                             "properties": {"times": [iso], "popup": popup, "icon": "circle",
                                            "iconstyle": {"fillColor": COLOURS.get(r.actor, "#aaa"),
                                                          "fillOpacity": 0.9, "stroke": "true", "radius": 5}}})
    m = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None)
    TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D", duration="P1D",
                       add_last_point=False, auto_play=False, loop=False).add_to(m)
    html = m.get_root().render()
    del features
    folder.mkdir(parents=True, exist_ok=True)
    html = _localise(html, folder)
    page = folder / "naive.html"
    page.write_text(html, encoding="utf-8")
    return page, time.perf_counter() - t


def _localise(html: str, folder: Path) -> str:
    """Point the page's CDN scripts at local copies (npm packages), and drop the ones it does not need."""
    lib = folder / "naive-lib"
    lib.mkdir(exist_ok=True)
    from mapper.render import _leaflet_dir

    local = {
        "leaflet.js": _leaflet_dir() / "leaflet.js",
        "leaflet.css": _leaflet_dir() / "leaflet.css",
        "jquery.min.js": NAIVE_MODULES / "jquery" / "dist" / "jquery.min.js",
        "jquery-ui.min.js": NAIVE_MODULES / "jquery-ui-dist" / "jquery-ui.min.js",
        "iso8601.min.js": NAIVE_MODULES / "iso8601-js-period" / "iso8601.js",
        "leaflet.timedimension.min.js": NAIVE_MODULES / "leaflet-timedimension" / "dist" /
        "leaflet.timedimension.min.js",
        "leaflet.timedimension.control.css": NAIVE_MODULES / "leaflet-timedimension" / "dist" /
        "leaflet.timedimension.control.css",
        "moment.min.js": NAIVE_MODULES / "moment" / "min" / "moment.min.js",
    }
    for name, src in local.items():
        if not src.exists():
            sys.exit(f"{src} is missing: run `make bench` (it installs benchmarks/naive from the npm registry)")
        shutil.copy2(src, lib / name)

    def repl(m: re.Match[str]) -> str:
        name = m.group(2).rsplit("/", 1)[-1]
        return m.group(1) + f"naive-lib/{name}" + m.group(3) if name in local else ""

    html = re.sub(r'(<script src=")(https?://[^"]+)("></script>)', repl, html)
    return re.sub(r'(<link rel="stylesheet" href=")(https?://[^"]+)("/>)', repl, html)


_STEP_OURS = """async (n) => {
  const tm = window.territoryMap;
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const times = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7 + 3) % tm.dates.length;
    const t0 = performance.now();
    tm.setIndex(i);
    await frames();
    times.push(performance.now() - t0);
  }
  return {times, markers: tm.markers().length};
}"""

_STEP_NAIVE = """async ([n, dates]) => {
  const key = Object.keys(window).find(k => k.startsWith("map_") && window[k] && window[k].timeDimension);
  const td = window[key].timeDimension;
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const all = dates.map(d => Date.parse(d + "T00:00:00Z")), times = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7 + 3) % all.length;
    const t0 = performance.now();
    const loaded = new Promise(r => td.once("timeload", r));
    td.setCurrentTime(all[i]);
    await loaded;
    await frames();
    times.push(performance.now() - t0);
  }
  let markers = 0;
  window[key].eachLayer(l => { if (l instanceof L.CircleMarker) markers++; });
  return {times, markers};
}"""


def measure(page: Path, script: str, arg: Any, ready: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--js-flags=--max-old-space-size=8192"])
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        ctx.route(re.compile(r"^https?://"), lambda route: (failed.append(route.request.url), route.abort()))
        pg = ctx.new_page()
        pg.set_default_timeout(600_000)
        t = time.perf_counter()
        pg.goto(page.as_uri(), wait_until="load")
        pg.wait_for_function(ready, timeout=600_000)
        open_s = time.perf_counter() - t
        result = pg.evaluate(script, arg)
        browser.close()
    times = result["times"]
    return {"open_s": open_s, "median_ms": statistics.median(times), "worst_ms": max(times),
            "markers": result["markers"], "blocked": len(failed)}


def folder_mb(page: Path, libs: list[str]) -> float:
    size = page.stat().st_size + sum(f.stat().st_size for d in libs for f in (page.parent / d).rglob("*")
                                     if f.is_file())
    return size / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", type=int, default=5000)
    ap.add_argument("--dates", type=int, default=200)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--no-naive", action="store_true", help="only our page")
    args = ap.parse_args()
    t = time.perf_counter()
    model, places = synthetic_model(args.places, args.dates)
    print(f"synthetic model: {len(places):,} places, {len(model.dates())} change dates, {len(model):,} intervals "
          f"({time.perf_counter() - t:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page, build_s = write_ours(model, places, folder)
        ours = measure(page, _STEP_OURS, args.steps, "window.territoryMap && window.territoryMap.dates.length")
        print(f"index.html (intervals once):   {folder_mb(page, ['lib']):7.1f} MB with its data and Leaflet; "
              f"written in {build_s:.1f} s; opens in {ours['open_s']:.1f} s; step median {ours['median_ms']:.0f} ms, "
              f"worst {ours['worst_ms']:.0f} ms; {ours['markers']:,} markers; {ours['blocked']} blocked requests")
        print(json.dumps({"page": "ours", "mb": round(folder_mb(page, ['lib']), 2), **ours}))
        if args.no_naive:
            return
        page, build_s = write_naive(model, folder)
        try:
            ready = "Object.keys(window).some(k => k.startsWith('map_') && window[k] && window[k].timeDimension)"
            naive = measure(page, _STEP_NAIVE, [args.steps, [d.isoformat() for d in model.dates()]], ready)
        except Exception as e:  # the naive page may not open at all: say so
            print(f"naive TimestampedGeoJson page: {folder_mb(page, ['naive-lib']):.1f} MB; did not run in Chromium: "
                  f"{str(e).splitlines()[0]}")
            return
        print(f"naive TimestampedGeoJson page: {folder_mb(page, ['naive-lib']):7.1f} MB with its data and scripts; "
              f"written in {build_s:.1f} s; opens in {naive['open_s']:.1f} s; step median {naive['median_ms']:.0f} ms, "
              f"worst {naive['worst_ms']:.0f} ms; {naive['markers']:,} markers; {naive['blocked']} blocked requests")
        print(json.dumps({"page": "naive", "mb": round(folder_mb(page, ['naive-lib']), 2), **naive}))


if __name__ == "__main__":
    main()

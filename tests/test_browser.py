"""The seed build's pages in a real headless Chromium (Debian chromium, Playwright), with no network."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mapper.cli import main

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = 'Rebels said <img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & `${window.__xss=3}`'
# Markup inside the evidence sentence itself, and in every metadata field (source, title, url).
HOSTILE_EVIDENCE = ('Turkish-backed rebels captured the village of Akhtarin </script><script>window.__xss=4</script>'
                    '<img src=x onerror="window.__xss=5"> on Sunday, 2 October 2016, a monitor said.')
HOSTILE_META = ('akhtarin.txt,2016-10-03,"</script><svg onload=window.__xss=6>",'
                '"<img src=x onerror=window.__xss=7>",javascript:window.__xss=8')

if not CHROMIUM.exists():  # CI installs it (.ci/run); say so rather than skip silently elsewhere
    pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)", pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus one report whose text carries markup and script."""
    reports = tmp_path_factory.mktemp("reports")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, reports / f.name)
    (reports / "hostile.txt").write_text(
        f"Turkish-backed rebels captured the village of Dabiq on Sunday, 16 October 2016. {HOSTILE}\n",
        encoding="utf-8")
    (reports / "akhtarin.txt").write_text(HOSTILE_EVIDENCE + "\n", encoding="utf-8")
    with (reports / "metadata.csv").open("a", encoding="utf-8") as fh:
        fh.write('hostile.txt,2016-10-17,<b>Hostile</b> source,"<script>alert(1)</script> title",\n')
        fh.write(HOSTILE_META + "\n")
    out = tmp_path_factory.mktemp("site")
    assert main(["build", str(reports), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    def __init__(self, browser: Any, url: str, ready: str | None = None) -> None:
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1300, "height": 800})
        self.page.route("http*://**", lambda route: (self.failed.append(route.request.url), route.abort()))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        if ready is None:
            self.page.wait_for_function("window.territoryMap !== undefined")
        else:
            self.page.wait_for_selector(ready)

    def markers(self) -> dict[str, dict[str, Any]]:
        return {m["place_id"]: m for m in self.page.evaluate("window.territoryMap.markers()")}


def snapshot(folder: Path, day: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    capsys.readouterr()
    assert main(["snapshot", "--from", str(folder), "--date", day]) == 0
    return {f["properties"]["place_id"]: f["properties"] for f in json.loads(capsys.readouterr().out)["features"]}


def test_index_loads_offline_and_matches_the_snapshots(site: Path, browser: Any,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    colours = {"isis": "#1a1a1a", "government": "#d62728", "tfsa": "#98df8a", "iraq": "#1f77b4"}
    for day in ("2016-04-15", "2016-09-05", "2017-11-10"):
        p = Page(browser, (site / "index.html").as_uri() + "#" + day)
        expected = snapshot(site, day, capsys)
        shown = p.markers()
        assert set(shown) == set(expected), day
        for pid, props in expected.items():
            assert shown[pid]["actor"] == props["actor"] and shown[pid]["status"] == props["status"]
            if props["status"] == "controlled" and props["actor"] in colours:
                assert shown[pid]["fill"] == colours[props["actor"]], (day, props["name"])
        assert p.failed == [] and p.errors == [], (p.failed, p.errors)
        p.page.close()


def test_the_slider_and_keys_change_the_markers(site: Path, browser: Any) -> None:
    p = Page(browser, (site / "index.html").as_uri() + "#2016-04-15")
    dates = p.page.evaluate("window.territoryMap.dates")
    before = p.markers()
    slider = p.page.locator("#tm-slider")
    slider.fill(str(dates.index("2016-09-04")))
    after = p.markers()
    assert len(after) > len(before)
    assert next(m for m in after.values() if m["name"] == "al-Rai")["actor"] == "tfsa"
    assert next(m for m in before.values() if m["name"] == "al-Rai")["actor"] == "isis"
    assert p.page.locator("#tm-date").text_content() == "2016-09-04"
    p.page.locator("#map").click(position={"x": 5, "y": 300})
    p.page.keyboard.press("ArrowLeft")
    assert p.page.locator("#tm-date").text_content() == dates[dates.index("2016-09-04") - 1]
    p.page.locator("#tm-next").click()
    assert p.page.locator("#tm-date").text_content() == "2016-09-04"
    assert "change" in p.page.locator("#tm-changes").text_content()
    assert p.page.evaluate("window.territoryMap.zones()") > 0
    assert p.failed == [] and p.errors == []


def _open_popup(p: Page, name: str) -> str:
    p.page.evaluate("() => { window.territoryMap.map.closePopup(); }")
    p.page.wait_for_selector(".leaflet-popup", state="detached")
    pid = next(k for k, m in p.markers().items() if m["name"] == name)
    point = p.page.evaluate(
        "(pid) => { const m = window.territoryMap.markerFor(pid); const map = window.territoryMap.map;"
        " map.setView(m.getLatLng(), 12, {animate: false}); const pt = map.latLngToContainerPoint(m.getLatLng());"
        " return [pt.x, pt.y]; }", pid)
    p.page.locator("#map").click(position={"x": point[0], "y": point[1]})
    p.page.wait_for_selector(".leaflet-popup-content .tm-popup")
    return str(p.page.locator(".leaflet-popup-content").text_content())


def test_popups_show_the_evidence_escaped_and_no_script_runs(site: Path, browser: Any) -> None:
    p = Page(browser, (site / "index.html").as_uri() + "#2016-10-20")
    text = _open_popup(p, "Dabiq")
    assert "captured the village of Dabiq" in text and "<b>Hostile</b> source" in text
    jarablus = _open_popup(p, "Jarabulus")
    assert "Jarab" in jarablus and "since 2016-08-24" in jarablus
    assert p.page.evaluate("window.__xss === undefined")
    assert p.page.locator(".leaflet-popup-content img").count() == 0
    assert p.dialogs == [] and p.failed == [] and p.errors == []


def test_the_per_date_map_works_offline(site: Path, browser: Any) -> None:
    p = Page(browser, (site / "maps" / "2016-09-04.html").as_uri(), ready=".leaflet-control-layers")
    assert p.page.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").count() > 0
    assert p.failed == [] and p.errors == []


def test_markup_in_the_evidence_and_the_metadata_stays_text(site: Path, browser: Any) -> None:
    p = Page(browser, (site / "index.html").as_uri() + "#2016-10-05")
    text = _open_popup(p, "Akhtarin")
    assert "</script><script>window.__xss=4</script>" in text  # shown as the text it is
    assert "<svg onload=window.__xss=6>" in text
    popup = p.page.locator(".leaflet-popup-content")
    assert popup.locator("img, svg, script").count() == 0
    hrefs = popup.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not any(h and not h.startswith(("http://", "https://")) for h in hrefs)  # no javascript: link
    assert p.page.evaluate("window.__xss === undefined")
    assert p.dialogs == [] and p.failed == [] and p.errors == []


def _open_every_popup(p: Page) -> str:
    """Open the popup of every place on a folium map; their text, joined."""
    return str(p.page.evaluate("""() => {
        const map = Object.keys(window).filter(k => k.startsWith("map_")).map(k => window[k])
            .find(m => m && m.eachLayer);
        const texts = [];
        map.eachLayer(l => { if (l.getPopup && l.getPopup() && l.feature) {
            l.openPopup(); texts.push(l.getPopup().getElement().textContent); } });
        return texts.join("\\n");
    }"""))


def test_the_per_date_map_and_the_snapshot_page_keep_markup_as_text(site: Path, browser: Any,
                                                                       tmp_path: Path) -> None:
    assert main(["snapshot", "--from", str(site), "--date", "2016-10-05", "--format", "html",
                 "--out", str(tmp_path / "snap.html")]) == 0
    for page in (site / "maps" / "2016-10-02.html", tmp_path / "snap.html"):
        p = Page(browser, page.as_uri(), ready=".leaflet-control-layers")
        text = _open_every_popup(p)
        assert "<script>window.__xss=4</script>" in text and "<svg onload=window.__xss=6>" in text, page
        assert p.page.locator(".leaflet-popup-content a[href^='javascript']").count() == 0
        assert p.page.evaluate("window.__xss === undefined"), page
        assert p.dialogs == [] and p.failed == [] and p.errors == [], (page, p.errors)
        p.page.close()

"""Take a screenshot of a built index.html at a date (headless Chromium, offline), e.g. docs/seed-map.png:

    python tools/screenshot.py output/index.html 2016-09-05 docs/seed-map.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> int:
    page_path, day, out = Path(sys.argv[1]).resolve(), sys.argv[2], Path(sys.argv[3])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.route("http*://**", lambda route: route.abort())
        page.goto(page_path.as_uri() + "#" + day)
        page.wait_for_function("window.territoryMap !== undefined")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Copy the JavaScript and CSS the generated maps need (Leaflet, from the npm registry) into mapper/static/.

`make install` runs `npm ci` (package.json, package-lock.json) and then this script, so every map works with no
internet. The copied files are not committed (third-party code; see .gitignore); their licence is copied
beside them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "node_modules" / "leaflet"
DEST = ROOT / "mapper" / "static" / "leaflet"


def main() -> int:
    dist = SRC / "dist"
    if not (dist / "leaflet.js").exists():
        print(f"{dist}/leaflet.js not found: run `npm ci` in {ROOT} first", file=sys.stderr)
        return 1
    if DEST.exists():
        shutil.rmtree(DEST)
    (DEST / "images").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy2(dist / name, DEST / name)
    for image in (dist / "images").glob("*.png"):
        shutil.copy2(image, DEST / "images" / image.name)
    shutil.copy2(SRC / "LICENSE", DEST / "LICENSE")
    print(f"copied Leaflet {__import__('json').loads((SRC / 'package.json').read_text())['version']} into "
          f"{DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

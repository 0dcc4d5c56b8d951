"""The notebook in notebooks/ runs from top to bottom (executed with nbclient in a real kernel)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "seed_tour.ipynb"


def _text(cell: object) -> str:
    parts = []
    for out in getattr(cell, "outputs", []):
        parts.append(out.get("text", ""))
        for kind, value in out.get("data", {}).items():
            if kind.startswith("text/"):
                parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def test_the_seed_notebook_runs_and_shows_maps_widget_and_chart(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("TM_NOTEBOOK_OUT", str(tmp_path / "build"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.get("output_type") == "error" for o in c.outputs) for c in code)
    assert "read 5 reports" in _text(code[0])
    assert "Jarabulus" in _text(code[1]) and "tfsa" in _text(code[1])
    # The inline map is a standalone page in an iframe: Leaflet inlined, no request to a CDN.
    inline = _text(code[2])
    page = html.unescape(inline[inline.index("<iframe srcdoc="):])
    assert "L.map(" in page and "Leaflet" in page
    assert not re.search(r"""<(script|link|img)[^>]*\s(src|href)=["']?(https?:)?//""", page)
    widget = code[3].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in widget)
    first_dates = sorted({p.stem for p in (tmp_path / "build" / "maps").glob("*.html")})[:3]
    assert f"now showing {first_dates[-1]}" in _text(code[3])
    # The widget's state after stepping in code: the slider on the third date, the output showing its map and
    # what changed on it.
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    sliders = [m["state"] for m in state.values() if m["model_name"] == "SelectionSliderModel"]
    assert [s["index"] for s in sliders] == [2]
    shown = [m["state"]["outputs"] for m in state.values() if m["model_name"] == "OutputModel"]
    assert len(shown) == 1
    assert "<iframe srcdoc=" in shown[0][0]["data"]["text/html"]
    assert shown[0][1]["text"].startswith(first_dates[-1]) and "-> " in shown[0][1]["text"]
    chart = code[4].outputs
    assert any("image/png" in o.get("data", {}) for o in chart)
    assert (tmp_path / "build" / "areas.png").exists()

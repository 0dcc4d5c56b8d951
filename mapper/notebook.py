"""Maps in Jupyter: a date's map shown inline, and a widget that steps through the dates.

The maps are the standalone folium pages of :func:`mapper.render.date_map_html` (Leaflet inlined), shown in
an ``<iframe srcdoc>``: they work offline and their scripts stay in the frame. The widget needs the
``notebook`` extra (``pip install territory-mapper[notebook]``: ipywidgets and ipykernel).

>>> view = MapView("<p>a map</p>", height=300)
>>> view._repr_html_().startswith('<iframe srcdoc="&lt;p&gt;a map&lt;/p&gt;"')
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from ._errors import MapperError

__all__ = ["MapView", "date_stepper", "show_map"]


@dataclass(frozen=True)
class MapView:
    """A standalone HTML map that Jupyter shows inline (an iframe)."""

    page: str
    height: int = 520

    def __repr__(self) -> str:
        return f"MapView({len(self.page):,} characters of HTML)"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" style="width:100%;height:{self.height}px;'
                f'border:1px solid #ccc" sandbox="allow-scripts allow-popups"></iframe>')


def show_map(model: Any, day: str, *, territory: Any = None, height: int = 520) -> MapView:
    """The map of ``day`` (YYYY-MM-DD): places, zones and front lines, Leaflet inlined."""
    from .render import date_map_html

    return MapView(date_map_html(model, day, lib=None, territory=territory), height=height)


def date_stepper(model: Any, *, territory: Any = None, dates: list[str] | None = None, height: int = 520) -> Any:
    """A widget: a date slider with previous/next buttons, the map of the chosen date and what changed on it.

    ``dates`` are the steps (default: every date where control changed). The returned ``VBox`` has the
    slider as ``.slider`` and the output area as ``.output``; setting ``.slider.value`` steps in code.
    """
    try:
        import ipywidgets as widgets
    except ImportError:
        raise MapperError("the date widget needs ipywidgets: pip install 'territory-mapper[notebook]'") from None
    from .snapshot import changes_text
    from .territory import Territory

    steps = dates or [d.isoformat() for d in model.dates()]
    if not steps:
        raise MapperError("the model has no dates to step through: build from reports that have claims first")
    terr = territory if territory is not None else Territory(model.places)
    slider = widgets.SelectionSlider(options=steps, value=steps[-1], description="Date",
                                     continuous_update=False, layout=widgets.Layout(width="70%"))
    prev_b, next_b = widgets.Button(description="◀ prev"), widgets.Button(description="next ▶")
    out = widgets.Output()

    def draw(day: str) -> None:
        # The output's contents are set directly (not `with out:`, which waits on a front end): this works
        # the same in JupyterLab, in VS Code and in a headless run (nbclient).
        i = steps.index(day)
        since = steps[i - 1] if i else "0001-01-01"
        out.outputs = ()
        out.append_display_data(show_map(model, day, territory=terr, height=height))
        out.append_stdout(changes_text(model.changes_between(since, day)))

    def step(delta: int) -> None:
        i = steps.index(slider.value) + delta
        if 0 <= i < len(steps):
            slider.value = steps[i]

    slider.observe(lambda change: draw(change["new"]), names="value")
    prev_b.on_click(lambda _b: step(-1))
    next_b.on_click(lambda _b: step(1))
    box = widgets.VBox([widgets.HBox([prev_b, slider, next_b]), out])
    box.slider, box.output = slider, out
    draw(slider.value)
    return box

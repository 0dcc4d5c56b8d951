"""The area chart: km² each actor holds over time, as a matplotlib figure or a PNG."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

__all__ = ["area_chart_png", "area_figure"]


def area_figure(areas: pd.DataFrame, *, title: str = "Territory held (km²)") -> Any:
    """A line chart of ``areas`` (columns date, zone, km2), one line per actor in its map colour.

    The figure is not attached to pyplot (nothing opens a window); in a notebook, leave it as a cell's value.
    """
    from matplotlib.figure import Figure

    from .actors import load_actors

    colours = {a.id: a.colour for a in load_actors()}
    colours["contested"] = "#9467bd"
    fig = Figure(figsize=(9, 4.5), dpi=100)
    ax = fig.subplots()
    if areas.empty:
        ax.text(0.5, 0.5, "no control claims yet", ha="center", va="center", transform=ax.transAxes)
    else:
        table = areas.pivot_table(index="date", columns="zone", values="km2", aggfunc="sum").fillna(0.0)
        table.index = pd.to_datetime(table.index)
        for zone in table.columns:
            ax.step(table.index, table[zone], where="post", label=zone, color=colours.get(zone, "#888888"),
                    linewidth=2 if zone != "isis" else 2.5)
        ax.legend(loc="upper left", fontsize=8, ncol=2)
        fig.autofmt_xdate()
    ax.set_title(title)
    ax.set_ylabel("km²")
    ax.grid(alpha=0.3)
    return fig


def area_chart_png(areas: pd.DataFrame, *, title: str = "Territory held (km²)") -> bytes:
    """:func:`area_figure` as PNG bytes. The PNG carries no timestamp: the same table gives the same bytes."""
    fig = area_figure(areas, title=title)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight")
    return buf.getvalue()

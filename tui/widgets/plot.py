"""A plotext plot as a line widget: rebuilt from a spec, repainted line by line."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.text import Text

from tui.palette import PlotextColor
from tui.widgets.lines import LinesView

Limits = tuple[float, float]


@dataclass(frozen=True)
class Series:
    """One line or set of points; non-finite points are dropped before drawing."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    color: PlotextColor
    marker: str = "braille"
    points: bool = False


@dataclass(frozen=True)
class PlotSpec:
    """What to draw: series and axis limits (None lets plotext choose)."""

    series: tuple[Series, ...] = ()
    xlim: Limits | None = None
    ylim: Limits | None = None
    note: str = field(default="")


def _finite_pairs(s: Series) -> tuple[list[float], list[float]]:
    xs, ys = [], []
    for x, y in zip(s.x, s.y):
        if math.isfinite(x) and math.isfinite(y):
            xs.append(x)
            ys.append(y)
    return xs, ys


def render_plot(spec: PlotSpec, width: int, height: int) -> str:
    """The plot as ANSI text of ``height`` lines, drawn by plotext (imported on first use)."""
    import plotext as plt

    plt.clf()
    plt.plotsize(width, height)
    plt.theme("clear")
    plt.frame(True)
    for s in spec.series:
        xs, ys = _finite_pairs(s)
        if not xs:
            continue
        draw = plt.scatter if s.points else plt.plot
        draw(xs, ys, marker=s.marker, color=s.color)
    if spec.xlim:
        plt.xlim(*spec.xlim)
    if spec.ylim:
        plt.ylim(*spec.ylim)
    return plt.build()


class PlotView(LinesView):
    """Shows a :class:`PlotSpec`; only the rows whose characters or colours changed repaint."""

    DEFAULT_CSS = """
    PlotView { height: 1fr; min-height: 4; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spec = PlotSpec()
        self._built_for: tuple[PlotSpec, int, int] | None = None

    def plot(self, spec: PlotSpec) -> None:
        """Draw ``spec`` (nothing is rebuilt if it equals what is already drawn)."""
        self._spec = spec
        self.rebuild()

    def rebuild(self) -> None:
        """Re-render the plot at the current size."""
        width, height = self.size.width, self.size.height
        if width < 10 or height < 3:
            self.show([])
            return
        key = (self._spec, width, height)
        if key == self._built_for:
            return
        self._built_for = key
        ansi = render_plot(self._spec, width, height)
        self.show(Text.from_ansi(ansi).split("\n")[:height])

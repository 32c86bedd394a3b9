"""A plotext plot as a line widget: rebuilt from a spec, repainted line by line."""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def _finite_pairs(s: Series) -> tuple[list[float], list[float]]:
    xs, ys = [], []
    for x, y in zip(s.x, s.y):
        if math.isfinite(x) and math.isfinite(y):
            xs.append(x)
            ys.append(y)
    return xs, ys


SCALE_ABOVE = 1e9
"""Axes whose values pass this magnitude are drawn in units of a power of ten, noted on the plot."""


def _exponent(values: list[float]) -> int:
    """k such that values / 10ᵏ have magnitude below 1000 (0 when no scaling is needed)."""
    top = max((abs(v) for v in values), default=0.0)
    if top < SCALE_ABOVE:
        return 0
    return int(math.floor(math.log10(top))) // 3 * 3


def _scaled_series(spec: PlotSpec) -> tuple[list[tuple[Series, list[float], list[float]]], int, int]:
    pairs = [(s, *_finite_pairs(s)) for s in spec.series]
    all_x = [v for _, xs, _ in pairs for v in xs] + list(spec.xlim or ())
    all_y = [v for _, _, ys in pairs for v in ys] + list(spec.ylim or ())
    kx, ky = _exponent(all_x), _exponent(all_y)
    scaled = [(s, [x / 10.0**kx for x in xs], [y / 10.0**ky for y in ys]) for s, xs, ys in pairs]
    return scaled, kx, ky


def render_plot(spec: PlotSpec, width: int, height: int) -> str:
    """The plot as ANSI text of ``height`` lines, drawn by plotext (imported on first use).

    Values too large for plotext's arithmetic are drawn in units of 10ᵏ, and the unit is
    written above the plot. Should plotext still fail, one line says so instead of a plot.
    """
    import plotext as plt

    scaled, kx, ky = _scaled_series(spec)
    plt.clf()
    plt.plotsize(width, height)
    plt.theme("clear")
    plt.frame(True)
    units = " · ".join(u for u in (f"x in units of 1e{kx}" if kx else "",
                                   f"y in units of 1e{ky}" if ky else "") if u)
    if units:
        plt.title(units)
    for s, xs, ys in scaled:
        if xs:
            (plt.scatter if s.points else plt.plot)(xs, ys, marker=s.marker, color=s.color)
    if spec.xlim:
        plt.xlim(*(v / 10.0**kx for v in spec.xlim))
    if spec.ylim:
        plt.ylim(*(v / 10.0**ky for v in spec.ylim))
    try:
        return plt.build()
    except (ArithmeticError, ValueError):
        return "(these values are beyond what the plot can draw)"


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
            self._built_for = None  # so growing back to the old size draws again
            self.show([])
            return
        key = (self._spec, width, height)
        if key == self._built_for:
            return
        self._built_for = key
        ansi = render_plot(self._spec, width, height)
        self.show(Text.from_ansi(ansi).split("\n")[:height])

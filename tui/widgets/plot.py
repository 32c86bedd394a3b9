"""A plotext plot as a line widget: rebuilt from a spec, repainted line by line.

A spec's ``series`` are drawn by plotext and kept; its ``overlay`` is drawn over that kept plot,
so a change to the overlay alone (markers that move, a cost curve that grows) costs no plotext
build at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text

from tui.drawing.palette import PlotextColor
from tui.widgets.lines import LinesView
from tui.widgets.plot_layer import Overdraw, PlotLayer

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
    """What to draw: series, axis limits (None lets plotext choose) and series drawn over them.

    ``overlay`` is drawn after ``series``, over a kept copy of them, when both limits are given.
    Without them plotext's choice of limits would depend on the overlay, so it joins the series.
    """

    series: tuple[Series, ...] = ()
    xlim: Limits | None = None
    ylim: Limits | None = None
    overlay: tuple[Series, ...] = ()

    @property
    def base(self) -> PlotSpec:
        """The part drawn by plotext: everything but a drawable overlay."""
        if self.xlim is None or self.ylim is None:
            return PlotSpec(self.series + self.overlay, self.xlim, self.ylim)
        return PlotSpec(self.series, self.xlim, self.ylim)


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
    pairs = [(s, *_finite_pairs(s)) for s in spec.series + spec.overlay]
    all_x = [v for _, xs, _ in pairs for v in xs] + list(spec.xlim or ())
    all_y = [v for _, _, ys in pairs for v in ys] + list(spec.ylim or ())
    kx, ky = _exponent(all_x), _exponent(all_y)
    scaled = [(s, [x / 10.0**kx for x in xs], [y / 10.0**ky for y in ys]) for s, xs, ys in pairs]
    return scaled, kx, ky


_FAILED = "(these values are beyond what the plot can draw)"


def render_plot(spec: PlotSpec, width: int, height: int) -> str:
    """The whole plot, overlay included, drawn by plotext in one go, as ANSI text.

    Values too large for plotext's arithmetic are drawn in units of 10ᵏ, and the unit is
    written above the plot. Should plotext still fail, one line says so instead of a plot.
    """
    return _build(spec, width, height)[0]


def render_layer(spec: PlotSpec, width: int, height: int) -> tuple[PlotLayer, int, int]:
    """``spec.base`` drawn by plotext and kept, with the powers of ten its axes are in."""
    base = spec.base
    if base.xlim and base.ylim and not any(_finite_pairs(s)[0] for s in base.series):
        base = PlotSpec((_anchor(base.xlim, base.ylim),), base.xlim, base.ylim)
    ansi, kx, ky = _build(base, width, height)
    if ansi is _FAILED:
        return PlotLayer.failed(ansi), kx, ky
    limits = [None if lim is None else tuple(v / 10.0**k for v in lim)
              for lim, k in ((base.xlim, kx), (base.ylim, ky))]
    return PlotLayer.capture(ansi, height, *limits), kx, ky


def _anchor(xlim: Limits, ylim: Limits) -> Series:
    """A point left of the canvas: plotext writes tick labels only on axes that have data."""
    return Series((xlim[0] - (xlim[1] - xlim[0]),), (ylim[0],), "default", marker=" ",
                  points=True)


def _build(spec: PlotSpec, width: int, height: int) -> tuple[str, int, int]:
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
        return plt.build(), kx, ky
    except (ArithmeticError, ValueError):
        return _FAILED, kx, ky


def draw_overlay(layer: PlotLayer, overlay: tuple[Series, ...], kx: int, ky: int) -> list[Text]:
    """The layer's lines with the overlay drawn over them, scaled as its axes are."""
    sets = []
    for s in overlay:
        xs, ys = _finite_pairs(s)
        sets.append(Overdraw([x / 10.0**kx for x in xs], [y / 10.0**ky for y in ys],
                             plotext_marker(s.marker), s.color, lines=not s.points))
    return layer.drawn_over(sets)


def plotext_marker(marker: str) -> str:
    """The marker as plotext keeps it: a high-resolution name, or one character."""
    from plotext._utility import hd_symbols, marker_codes

    marker = marker_codes.get(marker, marker)
    return marker if marker in hd_symbols else marker[0]


class PlotView(LinesView):
    """Shows a :class:`PlotSpec`; only the rows whose characters or colours changed repaint."""

    DEFAULT_CSS = """
    PlotView { height: 1fr; min-height: 4; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spec = PlotSpec()
        self._built_for: tuple[PlotSpec, int, int] | None = None
        self._layer_for: tuple[PlotSpec, int, int] | None = None
        self._layer: tuple[PlotLayer, int, int] | None = None

    def plot(self, spec: PlotSpec) -> None:
        """Draw ``spec`` (nothing is rebuilt if it equals what is already drawn)."""
        self._spec = spec
        self.rebuild()

    def rebuild(self) -> None:
        """Re-render the plot at the current size; plotext runs only if the base changed."""
        width, height = self.size.width, self.size.height
        if width < 10 or height < 3:
            self._built_for = None  # so growing back to the old size draws again
            self.show([])
            return
        key = (self._spec, width, height)
        if key == self._built_for:
            return
        self._built_for = key
        base_key = (self._spec.base, width, height)
        if base_key != self._layer_for:
            self._layer_for = base_key
            self._layer = render_layer(self._spec, width, height)
        layer, kx, ky = self._layer
        overlay = self._spec.overlay if layer.takes_overlay else ()
        self.show(draw_overlay(layer, overlay, kx, ky)[:height])

"""A plotext plot as a line widget: rebuilt from a spec, repainted line by line.

A spec's ``series`` are drawn by plotext and kept; its ``overlay`` is drawn over that kept plot,
so a change to the overlay alone (markers that move, a cost curve that grows) costs no plotext
build at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.text import Text

from tui.drawing.palette import PlotextColor
from tui.drawing.plotext_module import plotext
from tui.widgets.plot_axes import (HIGH_RESOLUTION, X_DOTS, Y_DOTS, Axis, bare_axis, plan_axis,
                                   snap)
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
    if all(map(math.isfinite, s.x)) and all(map(math.isfinite, s.y)):
        return list(s.x), list(s.y)
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


def _exponents(spec: PlotSpec) -> tuple[list[tuple[Series, list[float], list[float]]], int, int]:
    """Each series' finite points, and the powers of ten the x and y axes are drawn in."""
    pairs = [(s, *_finite_pairs(s)) for s in spec.series + spec.overlay]
    all_x = [v for _, xs, _ in pairs for v in xs] + list(spec.xlim or ())
    all_y = [v for _, _, ys in pairs for v in ys] + list(spec.ylim or ())
    return pairs, _exponent(all_x), _exponent(all_y)


def _scaled_series(spec: PlotSpec) -> tuple[list[tuple[Series, list[float], list[float]]], int, int]:
    pairs, kx, ky = _exponents(spec)
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
    ansi, kx, ky, axes = _build(base, width, height)
    if ansi is _FAILED:
        return PlotLayer.failed(ansi), kx, ky
    limits = (axes[0].lim, axes[1].lim) if base.xlim and base.ylim else (None, None)
    return PlotLayer.capture(ansi, height, *limits), kx, ky


def _anchor(xlim: Limits, ylim: Limits) -> Series:
    """A point left of the canvas: plotext writes tick labels only on axes that have data."""
    return Series((xlim[0] - (xlim[1] - xlim[0]),), (ylim[0],), "default", marker=" ",
                  points=True)


def plot_axes(spec: PlotSpec, width: int, height: int) -> tuple[Axis, Axis]:
    """The x and y axes of a plot of ``width`` × ``height`` cells (round ticks, see
    :mod:`tui.widgets.plot_axes`), over the spec's limits or else all of its data, in the
    units the plot is drawn in."""
    def span(lim: Limits | None, k: int, values: list[float]) -> Limits:
        if lim is not None:
            return lim[0] / 10.0**k, lim[1] / 10.0**k
        return (min(values), max(values)) if values else (0.0, 0.0)

    scaled, kx, ky = _scaled_series(spec)
    ys = span(spec.ylim, ky, [y for _, _, ys in scaled for y in ys])
    xs = span(spec.xlim, kx, [x for _, xs, _ in scaled for x in xs])
    rows = height - 3 - bool(kx or ky)  # the frame's two rules and the x labels; the units
    yaxis, label_width = _y_axis(ys, rows, width)
    cols = width - 2 - label_width
    xaxis = plan_axis(*xs, cols, X_DOTS, min_gap=_gap(cols, 10),
                      labels_fit=partial(_x_labels_fit, width, label_width + 1))
    if not xaxis.ticks:  # plotext then leaves out the row for x labels: the canvas gains it
        yaxis, label_width = _y_axis(ys, rows + 1, width)
        xaxis = bare_axis(*xs, width - 2 - label_width, X_DOTS)
    return xaxis, yaxis


def _y_axis(ys: Limits, rows: int, width: int) -> tuple[Axis, int]:
    """The y axis on ``rows`` rows, and the width of its labels: none if they would take
    more than half the plot's width."""
    yaxis = plan_axis(*ys, rows, Y_DOTS, min_gap=_gap(rows, 8))
    label_width = max((len(text) for text in yaxis.labels), default=0)  # a cell a character
    if label_width > (width - 2) // 2:
        return bare_axis(*ys, rows, Y_DOTS), 0
    return yaxis, label_width


def _x_labels_fit(width: int, col_start: int, ticks: tuple[float, ...], labels: tuple[str, ...],
                  cells: list[int]) -> bool:
    """Whether plotext draws every one of these x labels, each over its tick's column.

    plotext moves a label clear of its neighbours and the plot's edges, then leaves it out if
    it still touches anything; this does what it does, in the order it does it (its own
    de-duplication shuffles the ticks), on an empty row of ``width`` cells.
    """
    ut = plotext()._utility
    brush, correct_coord, space = ut.brush, ut.correct_coord, ut.space

    cell_of = dict(zip(ticks, cells))
    row = [space] * width
    for tick_value, text in zip(*brush(list(ticks), list(labels))):
        cell = cell_of[tick_value]
        tick = col_start + cell
        col = correct_coord(row, text, tick)
        end = col + len(text)
        if col < 0 or end > width or not col <= tick < end:
            return False
        if any(row[i] is not space for i in range(max(col - 1, 0), min(end + 1, width))):
            return False
        row[col:end] = list(text)
    return True


def _gap(cells: int, most: int) -> int:
    """Cells between ticks: at least 2, and few enough for at most ``most`` + 1 ticks."""
    return max(2, math.ceil((cells - 1) / most)) if cells >= 5 else 1


def _build(spec: PlotSpec, width: int, height: int) -> tuple[str, int, int, tuple[Axis, Axis] | None]:
    plt = plotext()

    scaled, kx, ky = _scaled_series(spec)
    plt.clf()
    plt.limit_size(False, False)  # exactly this size, whatever plotext takes the terminal's to be
    plt.plotsize(width, height)
    plt.theme("clear")
    plt.frame(True)
    units = " · ".join(u for u in (f"x in units of 1e{kx}" if kx else "",
                                   f"y in units of 1e{ky}" if ky else "") if u)
    if units:
        plt.title(units)
    try:
        xaxis, yaxis = plot_axes(spec, width, height)
        for s, xs, ys in scaled:
            if xs:
                if s.points and plotext_marker(s.marker) not in HIGH_RESOLUTION:
                    xs = snap(xs, xaxis.lim, xaxis.cells, X_DOTS)
                    ys = snap(ys, yaxis.lim, yaxis.cells, Y_DOTS)
                (plt.scatter if s.points else plt.plot)(xs, ys, marker=s.marker, color=s.color)
        plt.xlim(*xaxis.lim)
        plt.ylim(*yaxis.lim)
        plt.xticks(list(xaxis.ticks), list(xaxis.labels))
        plt.yticks(list(yaxis.ticks), list(yaxis.labels))
        return plt.build(), kx, ky, (xaxis, yaxis)
    except (ArithmeticError, ValueError):
        return _FAILED, kx, ky, None


def draw_overlay(layer: PlotLayer, overlay: tuple[Series, ...], kx: int, ky: int) -> list[Text]:
    """The layer's lines with the overlay drawn over them, scaled as its axes are."""
    sets = []
    for s in overlay:
        xs, ys = _finite_pairs(s)
        if kx or ky:
            xs, ys = [x / 10.0**kx for x in xs], [y / 10.0**ky for y in ys]
        marker = plotext_marker(s.marker)
        if s.points and marker not in HIGH_RESOLUTION and layer.canvas is not None:
            c = layer.canvas
            xs, ys = snap(xs, c.xlim, c.width, X_DOTS), snap(ys, c.ylim, c.height, Y_DOTS)
        sets.append(Overdraw(xs, ys, marker, s.color, lines=not s.points))
    return layer.drawn_over(sets)


def plotext_marker(marker: str) -> str:
    """The marker as plotext keeps it: a high-resolution name, or one character."""
    ut = plotext()._utility
    marker = ut.marker_codes.get(marker, marker)
    return marker if marker in ut.hd_symbols else marker[0]


class PlotView(LinesView):
    """Shows a :class:`PlotSpec`; only the rows whose characters or colours changed repaint."""

    DEFAULT_CSS = """
    PlotView { height: 1fr; min-height: 4; }
    """

    BREAKS_LONG_LINES = False  # drawn to the widget's width already

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

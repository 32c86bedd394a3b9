"""What the playground shows besides the state: focus, cursor, points, messages; and drawing it.

The view computes every neuron's map for the big grid and the small one in one batched pass
(kept while only the cursor or the focus moves), then hands each pane its rows.
"""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual.content import Content
from textual.screen import Screen

from core.playground.features import FEATURES
from core.playground.state import PlayState
from tui.drawing.palette import Palette
from tui.lab.plots import nice_ceil
from tui.playground.colours import SOFTMAX_BASE, STEPS, MapScale
from tui.playground.grids import Grid, Maps, feature_levels
from tui.playground.map_rows import CURSOR, SHOWN, map_rows, map_size, point_cells, point_marks
from tui.playground.network_rows import Focus, NetworkRows, small_size
from tui.playground.rows import BandedRows
from tui.playground.texts import focus_lines, focus_title, spark_lines, thin, training_lines
from tui.widgets.lines import LinesView
from tui.widgets.plot import PlotSpec, PlotView, Series

PLOT_ROWS = 6
"""A pane this many rows tall or more draws the loss curves as a plot; a shorter one as bars."""


def discrete(lv: np.ndarray) -> np.ndarray:
    """Levels pushed to full strength: each cell shows only its side (or class)."""
    out = lv.copy()
    two = lv < SOFTMAX_BASE
    out[two & (lv < STEPS)] = 0
    out[two & (lv > STEPS)] = 2 * STEPS
    cls = (lv[~two] - SOFTMAX_BASE) // (STEPS + 1)
    out[~two] = SOFTMAX_BASE + cls * (STEPS + 1) + STEPS
    return out


class PlaygroundView:
    """The focused neuron, the cursor, which points show, the last message; and the panes."""

    def __init__(self, state: PlayState) -> None:
        self.state = state
        self.focus = Focus(len(state.net.sizes) - 1, 0)
        x_lo, x_hi, y_lo, y_hi = state.data.domain
        self.cursor = ((x_lo + x_hi) / 2, (y_lo + y_hi) / 2)
        self.points = SHOWN[0]
        self.metric = "loss"
        self.discrete = False
        self.message = ""
        self.running = False
        self.big: Grid | None = None
        self._maps: Maps | None = None
        self._marks: tuple | None = None
        self._shown_titles: dict[str | None, Content] = {}

    # ----------------------------------------------------------------- changes

    def moved(self, state: PlayState, running: bool) -> PlaygroundView:
        """The view of ``state`` (the focus kept where the network still has it)."""
        if state.data.domain != self.state.data.domain:
            x_lo, x_hi, y_lo, y_hi = state.data.domain
            self.cursor = ((x_lo + x_hi) / 2, (y_lo + y_hi) / 2)
        self.state, self.running = state, running
        return self.with_focus(self.focus)

    def refocused(self, state: PlayState) -> PlaygroundView:
        """As :meth:`moved`, for a state reached by undo or loading (same running flag)."""
        return self.moved(state, self.running)

    def with_focus(self, focus: Focus) -> PlaygroundView:
        """Focus on ``focus``, moved to the nearest neuron the network has."""
        sizes = self.state.net.sizes
        layer = min(max(focus.layer, 0), len(sizes) - 1)
        units = len(FEATURES) if layer == 0 else sizes[layer]
        self.focus = Focus(layer, min(max(focus.unit, 0), units - 1))
        return self

    def focus_moved(self, dx: int, dy: int) -> PlaygroundView:
        """The neuron beside (dx) or above/below (dy) the focused one."""
        return self.with_focus(Focus(self.focus.layer + dx, self.focus.unit + dy))

    def cursor_moved(self, dx: int, dy: int) -> PlaygroundView:
        """The cursor one pixel over, kept on the map."""
        x_lo, x_hi, y_lo, y_hi = self.state.data.domain
        cols, rows = (self.big.cols, self.big.rows) if self.big else (40, 20)
        x = self.cursor[0] + dx * (x_hi - x_lo) / cols
        y = self.cursor[1] - dy * (y_hi - y_lo) / (2 * rows)
        self.cursor = (min(max(x, x_lo), x_hi), min(max(y, y_lo), y_hi))
        return self

    def with_message(self, message: str) -> PlaygroundView:
        """Say ``message`` in the training pane until the next change."""
        self.message = message
        return self

    def with_points(self, points: str) -> PlaygroundView:
        """Mark these points on the map."""
        self.points = points
        return self

    def with_metric(self, metric: str) -> PlaygroundView:
        """Draw the curves of ``metric``: "loss" or "accuracy"."""
        self.metric = metric
        return self

    def with_discrete(self, on: bool) -> PlaygroundView:
        """Show the map as its sides only."""
        self.discrete = on
        return self

    # ----------------------------------------------------------------- drawing

    def draw(self, screen: Screen, pal: Palette, mono: bool, ansi: bool = False) -> None:
        """Give every pane its rows for the current state (without colour if ``mono``, in
        16 colours if ``ansi``)."""
        scale = MapScale(mono, ansi and not mono)
        state = self.state
        map_view, net_view = screen.query_one("#pg-map", BandedRows), screen.query_one("#pg-net", BandedRows)
        (mw, mh), (nw, nh) = map_view.size, net_view.size
        map_shown, net_shown = bool(mw and mh), bool(nw and nh)  # one pane at a time: one is
        if map_shown or net_shown:
            maps = self._grids(state, mw if map_shown else 0, mh, nh if net_shown else 0)
            if map_shown:
                self._draw_map(map_view, maps, scale, mw)
            if net_shown:
                net_view.show(NetworkRows(maps, self.focus, pal, scale).rows(nw, nh))
        focus = screen.query_one("#pg-focus", LinesView)
        width = max(focus.size.width, 40)
        focus.show(focus_lines(state, self.focus, self.cursor, width, pal, focus.size.height or 3))
        numbers = screen.query_one("#pg-numbers", LinesView)
        numbers.show(training_lines(state, self.running, self.message,
                                    max(numbers.size.width, 30), pal))
        self._draw_curves(screen, pal)
        self._titles(screen, pal)

    def _grids(self, state: PlayState, mw: int, mh: int, nh: int) -> Maps:
        """The maps for a map pane ``mw`` × ``mh`` and a network pane ``nh`` tall; a pane not
        on show (0) gets a grid of one cell, and the cursor keeps the map's last grid."""
        domain = state.data.domain
        big = Grid(domain, *map_size(mw, mh, domain)) if mw else Grid(domain, 1, 1)
        small = Grid(domain, *small_size(state.net.sizes, nh)) if nh else Grid(domain, 1, 1)
        kept = self._maps
        if kept is None or kept.state is not state or kept.big != big or kept.small != small:
            self._maps = Maps(state, big, small)
        if mw:
            self.big = big
        return self._maps

    def _draw_map(self, view: BandedRows, maps: Maps, scale: MapScale, width: int) -> None:
        big, focus = maps.big, self.focus
        if focus.layer == 0:
            lv = feature_levels(big, list(FEATURES)[focus.unit])
        else:
            last = focus.layer == len(self.state.net.sizes) - 1
            softmax = self.state.rules.head.name == "softmax"
            lv = maps.big_levels(focus.layer, None if last and softmax else focus.unit)
        if self.discrete:
            lv = discrete(lv)
        key = (self.state.data, big, self.points)
        if self._marks is None or self._marks[0] != key:
            self._marks = (key, point_cells(self.state.data, big, self.points))
        marks = point_marks(self._marks[1], lv, scale)
        col, prow = big.pixel(*self.cursor)
        marks[(prow // 2, col)] = (CURSOR, scale.mark(int(lv[prow, col])))
        view.show(map_rows(lv, big, scale, marks, width))

    def _draw_curves(self, screen: Screen, pal: Palette) -> None:
        """A plot where the pane has room for one, else a line of bars per curve: loss from 0
        up, or accuracy from 0 to 1."""
        pane = screen.query_one("#pg-curve-pane")
        plot, spark = screen.query_one("#pg-curve", PlotView), screen.query_one("#pg-spark", LinesView)
        roomy = pane.content_size.height >= PLOT_ROWS
        if plot.display != roomy or spark.display == roomy:
            plot.display, spark.display = roomy, not roomy
        if not self.state.data.classification:
            self.metric = "loss"  # a number to fit has no accuracy
        first = 3 if self.metric == "accuracy" else 1
        points = [(p[0], p[first], p[first + 1]) for p in screen.history.curve()]
        values = [v for p in points for v in p[1:] if math.isfinite(v)]
        top = 1.0 if self.metric == "accuracy" or not values else nice_ceil(max(values) * 1.05)
        if roomy:
            plot.plot(curve_spec(points, pal, 2 * max(plot.size.width, 10), top))
        else:
            spark.show(spark_lines(points, max(spark.size.width, 20), top, pal))

    def _titles(self, screen: Screen, pal: Palette) -> None:
        """Each pane's title, the longest form that fits; set only when it changed, since
        setting one repaints the whole pane, and as plain text (a file name is not markup)."""
        state, focus = self.state, self.focus
        data = state.data
        made = f" · noise {data.noise:g}% · data seed {data.seed}" if data.generated else ""
        if focus.layer == 0:
            what = f"Input {FEATURES[list(FEATURES)[focus.unit]].label}"
        elif focus.layer == len(state.net.sizes) - 1:
            what = "Output"
        else:
            what = f"Layer {focus.layer} · neuron {focus.unit + 1}"
        sizes = "→".join(str(n) for n in state.net.sizes)
        act = state.settings.activation
        titles = {
            "#pg-map-pane": [f"{what} · {data.title}{made}", f"{what} · {data.title}", what],
            "#pg-net-pane": [f"Network {sizes} · {act} · seed {state.settings.seed}",
                             f"Network {sizes} · {act}", f"Network {sizes}"],
            "#pg-focus-pane": focus_title(state, focus, self.cursor),
            "#pg-numbers-pane": ["Training"],
            "#pg-fields-pane": ["Settings: tab to a field, then + − or type", "Settings"],
        }
        for selector, forms in titles.items():
            pane = screen.query_one(selector)
            room = pane.size.width - 4
            self._title(pane, Content(next((f for f in forms if len(f) <= room), forms[-1])))
        legend = Content.from_rich_text(Text(f"{self.metric.capitalize()}: ") +
                                        Text("test", pal.curve.style) + Text(" · ") +
                                        Text("train", pal.muted.style))
        self._title(screen.query_one("#pg-curve-pane"), legend)

    def _title(self, pane, title: Content) -> None:
        if self._shown_titles.get(pane.id) != title:
            self._shown_titles[pane.id] = title
            pane.border_title = title


def curve_spec(points: list[tuple[int, float, float]], pal: Palette, most: int,
               top: float) -> PlotSpec:
    """The training curve (muted) and the test curve over the epochs of the current run, from
    0 to ``top``, thinned to ``most`` points (two per braille column: more would not show)."""
    shown = thin(points, most)
    xs = tuple(float(p[0]) for p in shown)
    ylim = (0.0, top)
    first = xs[0] if xs else 0.0
    xlim = (first, first + nice_ceil(max((xs[-1] - first) if xs else 0.0, 10.0)))
    series = []
    for index, role in ((1, pal.muted), (2, pal.curve)):
        ys = tuple(float(p[index]) for p in shown)
        if any(math.isfinite(y) for y in ys):
            series.append(Series(xs, ys, role.plot, marker="braille" if len(xs) > 1 else "●",
                                 points=len(xs) == 1))
    return PlotSpec(xlim=xlim, ylim=ylim, overlay=tuple(series))

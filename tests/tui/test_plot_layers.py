"""The kept plot with its overlay drawn over it is exactly what plotext draws in one go."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from core.neuron.activations import ACTIVATIONS
from tui.lab.plots import cost_spec, curve_series, curve_ylim, marker
from tui.widgets.plot import PlotSpec, Series, draw_overlay, render_layer, render_plot
from tui.widgets.plot_layer import JOINED_BY_NUMPY, Canvas, Overdraw, PlotLayer

COLOURS = [(200, 120, 40), "blue", "red+", "default", (10, 200, 90)]


class _Role:
    def __init__(self, colour) -> None:
        self.plot = colour


class _Palette:
    curve = _Role((90, 160, 250))
    derivative = _Role("magenta")
    marker = _Role((250, 80, 80))
    muted = _Role("white")


def layered(spec: PlotSpec, width: int, height: int) -> list[Text]:
    """What a PlotView shows: the base from plotext, the overlay drawn over it."""
    layer, kx, ky = render_layer(spec, width, height)
    overlay = spec.overlay if layer.takes_overlay else ()
    return draw_overlay(layer, overlay, kx, ky)[:height]


def in_one_go(spec: PlotSpec, width: int, height: int) -> list[Text]:
    """The same spec with the overlay as ordinary series, all drawn by plotext."""
    whole = PlotSpec(spec.series + spec.overlay, spec.xlim, spec.ylim)
    return Text.from_ansi(render_plot(whole, width, height)).split("\n")[:height]


def assert_same_picture(a: list[Text], b: list[Text]) -> None:
    assert [line.plain for line in a] == [line.plain for line in b]
    for row, (x, y) in enumerate(zip(a, b)):
        cells_a = [(seg.text, seg.style) for seg in x.render(_console())]
        cells_b = [(seg.text, seg.style) for seg in y.render(_console())]
        assert _per_cell(cells_a) == _per_cell(cells_b), f"row {row} differs in colour"


def _per_cell(segments):
    return [(ch, style) for text, style in segments for ch in text]


def _console():
    from rich.console import Console

    return Console(color_system="truecolor", width=200)


def activation_like_spec(name: str, w: float, b: float, xs: np.ndarray, example: int,
                         derivative: bool) -> PlotSpec:
    act = ACTIVATIONS[name]
    lo, hi = act.plot_range
    z = np.clip(w * xs + b, lo - 1, hi + 1)  # some markers may fall off either side
    series = curve_series(act, lo, hi, _Palette(), derivative)
    others = [j for j in range(len(xs)) if j != example]
    points = [Series(tuple(z[others]), tuple(act.f(z[others])), "white", marker="•", points=True),
              marker(float(z[example]), float(act.f(z[example:example + 1])[0]), _Palette())]
    return PlotSpec(tuple(series), (lo, hi), curve_ylim(series), tuple(points))


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(ACTIVATIONS)), w=st.floats(-4, 4), b=st.floats(-4, 4),
       xs=st.lists(st.floats(-3, 3), min_size=1, max_size=12), derivative=st.booleans(),
       size=st.sampled_from([(80, 14), (56, 12), (40, 8), (120, 30)]), data=st.data())
def test_markers_over_the_kept_curve_match_plotext(name, w, b, xs, derivative, size, data):
    example = data.draw(st.integers(0, len(xs) - 1))
    spec = activation_like_spec(name, w, b, np.array(xs), example, derivative)
    assert_same_picture(layered(spec, *size), in_one_go(spec, *size))


@settings(max_examples=40, deadline=None)
@given(costs=st.lists(st.floats(0, 5) | st.floats(0, sys.float_info.max), min_size=1,
                      max_size=80),
       size=st.sampled_from([(56, 14), (40, 10), (100, 20)]),
       colour=st.sampled_from(COLOURS))
def test_a_cost_curve_over_its_kept_axes_matches_plotext(costs, size, colour):
    spec = cost_spec(list(range(len(costs))), costs, _one_colour_palette(colour))
    assert spec.series == () and spec.overlay  # the whole curve is drawn over the kept axes
    assert_same_picture(layered(spec, *size), in_one_go(spec, *size))


def _one_colour_palette(colour):
    return type("P", (), {"curve": _Role(colour)})()


def test_kept_axes_have_their_tick_labels_before_any_curve_is_drawn():
    spec = cost_spec([0, 1], [0.7, 0.6], _one_colour_palette("blue"))
    layer, _, _ = render_layer(spec, 56, 14)
    text = "\n".join(line.plain for line in layer.lines)
    assert text.rstrip().endswith("10") and "1.0┤" in text and "0.0┤" in text  # x; y 0 to 1
    assert not any(ch in text for ch in "⠁⠂⠄⡀⢀⣀")  # …and no data drawn yet


def test_only_rows_with_points_are_rebuilt():
    act = ACTIVATIONS["sigmoid"]
    series = curve_series(act, -6, 6, _Palette(), False)
    base = PlotSpec(tuple(series), (-6, 6), curve_ylim(series))
    layer, kx, ky = render_layer(base, 60, 14)
    drawn = draw_overlay(layer, (marker(0.0, 0.5, _Palette()),), kx, ky)
    changed = [i for i, (a, b) in enumerate(zip(layer.lines, drawn)) if a is not b]
    assert len(changed) == 1 and "●" in drawn[changed[0]].plain
    assert "●" not in "".join(line.plain for line in layer.lines)  # the kept copy is untouched


def test_an_empty_range_is_widened_as_plotext_widens_one():
    spec = PlotSpec((Series((1.0, 1.0), (1.0, 2.0), "blue"),), (1.0, 1.0), (1.0, 2.0),
                    (Series((1.0,), (1.5,), "red", marker="●", points=True),))
    layer, kx, ky = render_layer(spec, 40, 10)  # plotext alone would divide by zero
    assert layer.takes_overlay and layer.canvas.xlim[0] <= 0.5 and layer.canvas.xlim[1] >= 1.5
    assert "●" in "".join(line.plain for line in draw_overlay(layer, spec.overlay, kx, ky))


def test_a_failed_base_draws_nothing_over_it(monkeypatch):
    import plotext

    def fail() -> str:
        raise ZeroDivisionError

    monkeypatch.setattr(plotext, "build", fail)
    spec = PlotSpec((Series((0.0, 1.0), (1.0, 2.0), "blue"),), (0.0, 1.0), (1.0, 2.0),
                    (Series((0.5,), (1.5,), "red", marker="●", points=True),))
    layer, kx, ky = render_layer(spec, 40, 10)
    assert not layer.takes_overlay and "beyond what the plot can draw" in layer.lines[0].plain
    lines = draw_overlay(layer, spec.overlay if layer.takes_overlay else (), kx, ky)
    assert "●" not in "".join(line.plain for line in lines)


def test_without_limits_the_overlay_is_drawn_by_plotext_with_the_rest():
    spec = PlotSpec(overlay=(Series((0.0, 1.0, 2.0), (3.0, 1.0, 2.0), "blue"),))
    assert spec.base.series == spec.overlay
    layer, _, _ = render_layer(spec, 40, 10)
    assert not layer.takes_overlay
    assert_same_picture(layer.lines, in_one_go(spec, 40, 10))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_curve_limits_hold_every_marker_on_the_curve(name):
    act = ACTIVATIONS[name]
    lo, hi = act.plot_range
    series = curve_series(act, lo, hi, _Palette(), True)
    ylo, yhi = curve_ylim(series)
    z = np.linspace(lo, hi, 1001)
    assert ylo <= act.f(z).min() and act.f(z).max() <= yhi


def plotext_marks(canvas: Canvas, d: Overdraw) -> set[tuple[int, int, str]]:
    """The marks as plotext's own functions place them, one point at a time (the reference)."""
    import plotext._utility as ut

    xf, yf = ut.marker_factor(d.marker, 2, 2, 2), ut.marker_factor(d.marker, 2, 3, 4)
    x = ut.get_matrix_data(d.xs, list(canvas.xlim), canvas.width * xf)
    y = ut.get_matrix_data(d.ys, list(canvas.ylim), canvas.height * yf)
    if not x:
        return set()
    if d.lines:
        x, y, _ = ut.get_lines(x, y, [0] * len(x))
    x, y = ut.transpose(ut.no_duplicates(zip(x, y)), 2)
    if xf * yf == 1:
        chars = [d.marker] * len(x)
    else:
        x, y, codes = ut.hd_group(x, y, [xf] * len(x), [yf] * len(x))
        chars = [ut.get_hd_marker(code) for code in codes]
    return {(canvas.col + i, canvas.row + j, char) for i, j, char in zip(x, y, chars)
            if isinstance(i, int) and isinstance(j, int)
            and 0 <= i < canvas.width and 0 <= j < canvas.height}


near = st.floats(-12, 12)
far_or_odd = st.sampled_from([1e12, -1e12, 1e9, -1e9, float("nan")])  # plotext overflows past ~1e290


@settings(max_examples=300, deadline=None)
@given(xs=st.lists(near | far_or_odd, min_size=1, max_size=30), data=st.data(),
       marker=st.sampled_from(["braille", "hd", "fhd", "•"]), lines=st.booleans())
def test_marks_are_placed_as_plotext_places_them(xs, data, marker, lines):
    """Far-off points, points plotext cannot place (nan), joined or not, every marker size."""
    ys = data.draw(st.lists(near | far_or_odd, min_size=len(xs), max_size=len(xs)))
    if lines:  # plotext joins every pair point by point: keep joined points near the canvas
        xs = [v if not abs(v) < float("inf") or abs(v) <= 12 else 12.0 for v in xs]
        ys = [v if not abs(v) < float("inf") or abs(v) <= 12 else -12.0 for v in ys]
    canvas = Canvas(3, 1, 30, 9, (-10.0, 10.0), (-5.0, 5.0))
    layer = PlotLayer([Text("")] * 11, [[(" ", "", "", "")] * 36] * 11, canvas)
    d = Overdraw(xs, ys, marker, "red", lines)
    marks = layer._marks(d)
    assert len(marks) == len(set(marks))
    assert set(marks) == plotext_marks(canvas, d)


@pytest.mark.parametrize("far", [2e305, -2e305, 1.7e308])
def test_a_marker_far_beyond_the_axes_is_left_off_not_a_crash(far):
    # plotext's rounding multiplies a coordinate by 10⁸: a marker at z = 2·10³⁰⁵ (weights
    # near 10³⁰⁵) overflowed to infinity and crashed the lab's screen.
    act = ACTIVATIONS["sigmoid"]
    curves = curve_series(act, -6.0, 6.0, _Palette, derivative=False)
    on_canvas = marker(1.0, float(act.f(np.array(1.0))), _Palette)
    for xs, ys in (((far,), (1.0,)), ((0.5,), (far,)), ((far,), (far,))):
        spec = PlotSpec(tuple(curves), (-6.0, 6.0), curve_ylim(curves),
                        overlay=(on_canvas, Series(xs, ys, "red", marker="●", points=True)))
        assert_same_picture(layered(spec, 60, 16),
                            layered(PlotSpec(spec.series, spec.xlim, spec.ylim,
                                             overlay=(on_canvas,)), 60, 16))


@settings(max_examples=150, deadline=None)
@given(first=st.lists(st.tuples(near, near), min_size=1, max_size=20),
       edits=st.lists(st.tuples(st.sampled_from(["add", "add", "add", "undo", "amend", "colour"]),
                                near, near | far_or_odd), max_size=12),
       marker=st.sampled_from(["braille", "hd", "fhd", "•"]))
def test_a_line_that_grows_is_placed_as_plotext_places_it_each_time(first, edits, marker):
    """A cost curve gains a point a step, loses one on undo, changes its last on a new example:
    whatever the line kept from the last drawing, the marks are plotext's for the whole line."""
    canvas = Canvas(3, 1, 30, 9, (-10.0, 10.0), (-5.0, 5.0))
    layer = PlotLayer([Text("")] * 11, [[(" ", "", "", "")] * 36] * 11, canvas)
    xs, ys = [p[0] for p in first], [p[1] for p in first]
    colour = "red"
    for what, x, y in [("add", xs.pop(), ys.pop())] + edits:
        y = y if abs(y) < float("inf") and abs(y) <= 12 else -12.0  # plotext joins point by point
        if what == "add":
            xs, ys = xs + [x], ys + [y]
        elif what == "undo" and len(xs) > 1:
            xs, ys = xs[:-1], ys[:-1]
        elif what == "amend":
            xs, ys = xs[:-1] + [x], ys[:-1] + [y]
        elif what == "colour":
            colour = "blue" if colour == "red" else "red"
        d = Overdraw(list(xs), list(ys), marker, colour, lines=True)
        marks = layer._marks(d, 0)
        assert len(marks) == len(set(marks))
        assert set(marks) == plotext_marks(canvas, d), (what, len(xs))


def test_a_line_one_point_longer_places_only_its_new_point(monkeypatch):
    import plotext._utility as ut

    canvas = Canvas(3, 1, 30, 9, (0.0, 60.0), (0.0, 1.0))
    layer = PlotLayer([Text("")] * 11, [[(" ", "", "", "")] * 36] * 11, canvas)
    xs, ys = [float(k) for k in range(50)], [0.9 ** k for k in range(50)]
    layer._marks(Overdraw(xs, ys, "braille", "red", lines=True), 0)
    placed = []
    whole = ut.get_matrix_data
    monkeypatch.setattr(ut, "get_matrix_data",
                        lambda data, lim, bins: placed.append(len(data)) or whole(data, lim, bins))
    d = Overdraw(xs + [50.0], ys + [0.9 ** 50], "braille", "red", lines=True)
    assert set(layer._marks(d, 0)) == plotext_marks(canvas, d)
    assert placed[:2] == [1, 1]  # x and y of the new point, not of all 51


@settings(max_examples=20, deadline=None)
@given(ys=st.lists(st.floats(-5, 5), min_size=JOINED_BY_NUMPY + 1, max_size=JOINED_BY_NUMPY + 60),
       marker=st.sampled_from(["braille", "•"]))
def test_a_long_line_is_joined_with_numpy_and_placed_as_plotext_places_it(ys, marker):
    canvas = Canvas(3, 1, 30, 9, (0.0, float(len(ys))), (-5.0, 5.0))
    layer = PlotLayer([Text("")] * 11, [[(" ", "", "", "")] * 36] * 11, canvas)
    d = Overdraw([float(k) for k in range(len(ys))], ys, marker, "red", lines=True)
    assert set(layer._marks(d)) == plotext_marks(canvas, d)


def test_a_short_line_is_joined_without_numpy(monkeypatch):
    """NumPy's functions for joining are 384 kB of its code that the lab reads nowhere else;
    the lab's first step joins a cost curve of two points."""
    import tui.widgets.plot_layer as plot_layer

    monkeypatch.setattr(plot_layer, "_joined", lambda x, y: pytest.fail("joined with NumPy"))
    canvas = Canvas(3, 1, 30, 9, (0.0, 10.0), (0.0, 1.0))
    layer = PlotLayer([Text("")] * 11, [[(" ", "", "", "")] * 36] * 11, canvas)
    xs = [float(k) for k in range(JOINED_BY_NUMPY)]
    d = Overdraw(xs, [0.9 ** k for k in xs], "braille", "red", lines=True)
    assert set(layer._marks(d)) == plotext_marks(canvas, d)

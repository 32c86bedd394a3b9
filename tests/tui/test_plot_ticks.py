"""Plot ticks are round values, each on the row or column that plotext draws its value in."""

from __future__ import annotations

from decimal import Decimal

import plotext._utility as ut
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from tui.lab.plots import cost_spec
from tui.widgets.plot import PlotSpec, Series, plot_axes, render_plot
from tui.widgets.plot_axes import MANTISSAS


def value(label: str) -> float:
    return float(label.replace("−", "-"))


def dot_cell(v: float, lim: tuple[float, float], cells: int, dots: int) -> int:
    """The cell plotext draws a braille dot of ``v`` in: its own rounding, then its grouping."""
    return ut.get_matrix_data([v], list(lim), cells * dots)[0] // dots


def drawn(spec: PlotSpec, width: int, height: int) -> list[str]:
    return [line.plain for line in Text.from_ansi(render_plot(spec, width, height)).split("\n")]


def assert_round(labels: tuple[str, ...]) -> None:
    """Labels that step by 1, 2, 2.5 or 5 × 10ᵏ, each a multiple of the step (read exactly)."""
    values = [Decimal(text.replace("−", "-")) for text in labels]
    step = values[1] - values[0]
    assert all(b - a == step for a, b in zip(values, values[1:])), labels
    assert step.scaleb(-step.adjusted()).normalize() in {Decimal(str(m)) for m in MANTISSAS}
    assert all(v % step == 0 for v in values), labels


def check_plot(spec: PlotSpec, width: int, height: int, point: tuple[float, float]) -> None:
    xaxis, yaxis = plot_axes(spec, width, height)
    lines = drawn(spec, width, height)
    label_width = max((len(text) for text in yaxis.labels), default=0)
    bottom = len(lines) - 2 - bool(xaxis.labels)  # the lowest row: above the rule (and labels)
    # y: every label on the canvas row where plotext draws a dot of its value
    on_rows = {bottom - row: lines[row][:label_width].strip()
               for row in range(len(lines)) if lines[row][label_width:label_width + 1] == "┤"}
    assert sorted(on_rows.values(), key=value) == sorted(yaxis.labels, key=value)
    for cell, text in on_rows.items():
        assert dot_cell(value(text), yaxis.lim, yaxis.cells, 4) == cell, (text, lines)
    if len(yaxis.labels) > 1:
        assert_round(yaxis.labels)
    # x: a ┬ on the rule over the column where a dot of each tick's value is drawn, its label
    # under it
    rule, under = lines[bottom + 1], lines[-1]
    start = label_width + 1
    marks = [col - start for col, ch in enumerate(rule) if ch == "┬"]
    assert marks == [dot_cell(v, xaxis.lim, xaxis.cells, 2) for v in xaxis.ticks], lines
    for col, text in zip(marks, xaxis.labels):
        left = under.rfind(" ", 0, start + col) + 1
        assert under[left:].split(" ")[0] == text, (text, under)
    if len(xaxis.labels) > 1:
        assert_round(xaxis.labels)
    # a ● marker lies in the cell a dot of its value is drawn in
    px, py = point
    row = bottom - dot_cell(py, yaxis.lim, yaxis.cells, 4)
    col = start + dot_cell(px, xaxis.lim, xaxis.cells, 2)
    assert lines[row][col] == "●", (point, lines)


@settings(max_examples=60, deadline=None)
@given(lo=st.floats(-1e6, 1e6), span=st.floats(1e-3, 1e6), limits=st.booleans(),
       width=st.integers(12, 90), height=st.integers(4, 24), data=st.data())
def test_ticks_are_round_and_each_sits_where_its_value_is_drawn(lo, span, limits, width,
                                                                 height, data):
    hi = lo + span
    if hi <= lo:
        return
    px = data.draw(st.floats(lo, hi))
    py = data.draw(st.floats(lo, hi))
    curve = Series((lo, hi), (lo, hi), "blue")
    dot = Series((px,), (py,), "red", marker="●", points=True)
    spec = PlotSpec((curve, dot), (lo, hi) if limits else None, (lo, hi) if limits else None)
    check_plot(spec, width, height, (px, py))


def test_the_cost_that_was_drawn_on_the_wrong_row_is_drawn_on_its_own():
    # The free lab's cost plot at 80×24: six rows of plotext's ticks put 0.685 on "0.83".
    spec = cost_spec([0, 1, 2], [0.70, 0.685, 0.60], type("P", (), {
        "curve": type("R", (), {"plot": "blue"})()})())
    for height in range(6, 20):
        xaxis, yaxis = plot_axes(spec, 40, height)
        ticks = [value(t) for t in yaxis.labels]
        assert ticks[0] == 0 and ticks[-1] >= 0.7, ticks
        assert_round(yaxis.labels)
        cell = dot_cell(0.685, yaxis.lim, yaxis.cells, 4)
        per_cell = (ticks[1] - ticks[0]) / ((yaxis.cells - 1) // (len(ticks) - 1))
        assert abs(cell * per_cell - 0.685) <= per_cell / 2 + 1e-9, (height, ticks)


def test_a_plot_too_small_for_its_labels_draws_without_them():
    for width in range(10, 24):
        for height in range(3, 7):
            spec = PlotSpec((Series((-0.1, 0.1), (-123456.5, 0.1), "blue"),))
            xaxis, yaxis = plot_axes(spec, width, height)
            lines = drawn(spec, width, height)
            assert len(lines) >= height
            for axis in (xaxis, yaxis):
                if len(axis.labels) > 1:
                    assert_round(axis.labels)


def test_a_marker_far_off_the_axes_is_left_where_it_is():
    from tui.widgets.plot_axes import snap

    far = [1e305, -1.7e308, float("nan"), float("inf"), 3.0]
    snapped = snap(far, (0.0, 1.0), 10, 4)
    assert snapped[:2] == far[:2] and snapped[3] == far[3] and snapped[2] != snapped[2]
    spec = PlotSpec((Series((0.0, 1.0), (0.0, 1.0), "blue"),), (0.0, 1.0), (0.0, 1.0),
                    (Series((1e305,), (-1e305,), "red", marker="●", points=True),))
    assert "●" not in "".join(drawn(spec, 40, 10))

"""Plot specs: axis limits that rarely move, and nothing non-finite drawn."""

import math
import sys

import pytest

from tui.lab.plots import cost_spec, nice_ceil
from tui.widgets.plot import PlotSpec, Series, render_plot


@pytest.mark.parametrize("value,expected", [(0.7, 1.0), (1.0, 1.0), (1.01, 2.0), (3.0, 5.0),
                                            (7.0, 10.0), (0.013, 0.02), (120.0, 200.0)])
def test_nice_ceil(value, expected):
    assert nice_ceil(value) == pytest.approx(expected)


def test_nice_ceil_survives_extremes():
    assert nice_ceil(float("inf")) == sys.float_info.max
    assert nice_ceil(1e308) == sys.float_info.max and nice_ceil(0.0) == 1.0


def test_cost_axes_start_at_zero_and_hold_still_while_the_cost_falls():
    pal = type("P", (), {"curve": type("R", (), {"plot": "blue"})()})()
    falling = [0.70, 0.66, 0.64, 0.40, 0.05, 0.001]
    specs = [cost_spec(list(range(n)), falling[:n], pal) for n in range(1, len(falling) + 1)]
    assert {s.ylim for s in specs} == {(0.0, 1.0)}  # one axis, 0 to a round value above 0.70
    assert {s.xlim for s in specs} == {(0.0, 10.0)}
    rising = cost_spec([0, 1, 2], [0.70, 0.66, 1.3], pal)
    assert rising.ylim == (0.0, 2.0)  # a cost past the top does rescale


def test_cost_axes_with_huge_costs_stay_finite():
    pal = type("P", (), {"curve": type("R", (), {"plot": "blue"})()})()
    spec = cost_spec([0, 1], [1e308, 1.0], pal)
    assert all(math.isfinite(v) for v in spec.ylim)


def test_non_finite_points_are_never_drawn():
    spec = PlotSpec(series=(Series((0.0, 1.0, 2.0), (1.0, float("nan"), float("inf")), "blue"),))
    text = render_plot(spec, 40, 10)
    assert "nan" not in text and "inf" not in text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


class _Role:
    plot = "blue"


class _Pal:
    curve = _Role()


@settings(max_examples=60, deadline=None)
@given(costs=st.lists(st.floats(0, sys.float_info.max), min_size=1, max_size=30))
def test_cost_plot_of_any_costs_draws_no_nan_or_inf(costs):
    spec = cost_spec(list(range(len(costs))), costs, _Pal())
    text = render_plot(spec, 40, 10)
    assert "nan" not in text and "inf" not in text


def test_huge_values_are_drawn_in_stated_units():
    spec = PlotSpec(series=(Series((0.0, 1.0, 2.0), (1e300, 3e300, 2e300), "blue"),))
    text = render_plot(spec, 50, 12)
    assert "y in units of 1e300" in text and "3┤" in text and "inf" not in text
    plain = render_plot(PlotSpec(series=(Series((0.0, 1.0), (1.0, 2.0), "blue"),)), 50, 12)
    assert "units" not in plain

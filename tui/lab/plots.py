"""Plot specs for the lab: the activation curve with its markers, and the cost over steps."""

from __future__ import annotations

import math
import sys
from functools import lru_cache

import numpy as np

from core.neuron.activations import Activation
from tui.drawing.palette import Palette
from tui.lab.view import LabView
from tui.widgets.plot import PlotSpec, Series

CURVE_POINTS = 161
Z_VIEW_LIMIT = 1e6
"""The activation plot widens to show every example's z, but never beyond ±this."""


def nice_ceil(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ᵏ that is ≥ value (value > 0).

    Axis limits snap to these, so a plot rescales now and then rather than on every step, and
    the rows it repaints stay few.
    """
    if not value > 0:
        return 1.0
    if not math.isfinite(value) or value >= sys.float_info.max / 10:
        return sys.float_info.max
    exponent = math.floor(math.log10(value))
    for mantissa in (1.0, 2.0, 5.0):
        if mantissa * 10.0**exponent >= value * (1 - 1e-12):
            return mantissa * 10.0**exponent
    return 10.0 ** (exponent + 1)


def _z_range(view: LabView, z: np.ndarray) -> tuple[float, float]:
    lo, hi = view.state.neuron.activation.plot_range
    finite = z[np.isfinite(z)]
    if finite.size:
        zmin = max(float(finite.min()), -Z_VIEW_LIMIT)
        zmax = min(float(finite.max()), Z_VIEW_LIMIT)
        if zmin < lo * 0.95:
            lo = -nice_ceil(-zmin * 1.1)
        if zmax > hi * 0.95:
            hi = nice_ceil(zmax * 1.1)
    return lo, hi


def curve_series(act: Activation, lo: float, hi: float, palette: Palette,
                 derivative: bool) -> list[Series]:
    """f(z) over [lo, hi], and f′(z) too if ``derivative``."""
    grid = np.linspace(lo, hi, CURVE_POINTS)
    series = [Series(tuple(grid), tuple(act.f(grid)), palette.curve.plot)]
    if derivative:
        series.append(Series(tuple(grid), tuple(act.df(grid)), palette.derivative.plot))
    return series


def marker(z: float, a: float, palette: Palette) -> Series:
    """The large dot at (z, a)."""
    return Series((z,), (a,), palette.marker.plot, marker="●", points=True)


def activation_spec(view: LabView, palette: Palette) -> PlotSpec:
    """f(z) (and f′(z) if shown) over a range holding every example's z; a marker per example,
    the example on show drawn larger."""
    st = view.state
    act = st.neuron.activation
    fw = st.neuron.forward(st.data.X)
    lo, hi = _z_range(view, fw.z)
    series, ylim = _curves(act, lo, hi, palette, view.show_derivative)
    others = [j for j in range(st.data.n_examples) if j != st.example]
    points = []
    if others:
        points.append(Series(tuple(fw.z[others]), tuple(fw.a[others]), palette.muted.plot,
                             marker="•", points=True))
    points.append(marker(float(fw.z[st.example]), float(fw.a[st.example]), palette))
    return PlotSpec(series=series, xlim=(lo, hi), ylim=ylim, overlay=tuple(points))


@lru_cache(maxsize=16)
def _curves(act: Activation, lo: float, hi: float, palette: Palette,
            derivative: bool) -> tuple[tuple[Series, ...], tuple[float, float]]:
    """The curves and their y range, kept: a step moves the markers, rarely the z range."""
    series = curve_series(act, lo, hi, palette, derivative)
    return tuple(series), curve_ylim(series)


def curve_ylim(series: list[Series]) -> tuple[float, float]:
    """The y range of the curves, chosen as plotext would choose it from them alone.

    Fixing it lets the markers be drawn over a kept copy of the curves; every marker sits on
    the curve f(z) within the plotted z range, so none is lost.
    """
    values = [y for s in series for y in s.y if math.isfinite(y)]
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
    if lo != hi:
        return lo, hi
    return (0.5 * lo, 1.5 * lo) if lo else (-1.0, 1.0)


def cost_spec(steps: list[int], costs: list[float], palette: Palette) -> PlotSpec:
    """The whole-dataset cost at each recorded state, against the step count.

    The y axis runs from 0 (no cost is negative) to a round value above the highest cost, so
    the curve shows how far towards zero training has come, and the axis holds still while
    the cost falls: it is redrawn only when a cost rises past the top, or at 10, 20, 50, …
    steps along x.
    """
    xs = tuple(map(float, steps))
    ys = tuple(map(float, costs))
    finite = [c for c in ys if math.isfinite(c)]
    ylim = (0.0, nice_ceil(max(finite) * 1.05)) if finite else None
    first = xs[0] if xs else 0.0
    xlim = (first, first + nice_ceil(max((xs[-1] - first) if xs else 0.0, 10.0)))
    marker = "braille" if len(xs) > 1 else "●"
    line = Series(xs, ys, palette.curve.plot, marker=marker, points=len(xs) == 1)
    return PlotSpec(xlim=xlim, ylim=ylim, overlay=(line,))

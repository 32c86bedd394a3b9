"""Chapter 5's three landscapes, and what the lab can truthfully say about a point on one."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from core.data.datasets import Dataset
from core.data.landscapes import BOWL, SHELF, TWO_VALLEYS
from core.neuron.activations import LINEAR, SIGMOID, Activation
from core.neuron.losses import MSE
from core.neuron.minima import Minimum, local_minima
from core.neuron.neuron import Neuron
from core.neuron.train import TrainState
from tui.values.numbers import fmt
from tui.widgets.lines import fit

MINIMA_GRID = (61, 41)
"""The grid local minima are searched on: finer than any map the lab draws at 120×40."""
NEAR = 0.05
"""A point this far from a minimum, as a share of the map's width, counts as near it."""
FLAT_STEP = 1e-3
"""A step shorter than this share of the map's width, away from any minimum, is on a shelf."""


@dataclass(frozen=True)
class Landscape:
    """A neuron with exactly two parameters (w, b), so the map shows the whole picture."""

    name: str
    description: str
    data: Dataset
    activation: Activation
    w_range: tuple[float, float]
    b_range: tuple[float, float]
    start: tuple[float, float]
    lr: float

    def neuron(self, w: float, b: float) -> Neuron:
        """This landscape's neuron at (w, b)."""
        return Neuron(w=[w], b=b, activation=self.activation)

    def inside(self, w: float, b: float) -> bool:
        """Whether (w, b) lies on the map."""
        return bool(self.w_range[0] <= w <= self.w_range[1] and self.b_range[0] <= b <= self.b_range[1])

    @property
    def width(self) -> float:
        """The longer side of the map, in parameter units."""
        return max(self.w_range[1] - self.w_range[0], self.b_range[1] - self.b_range[0])


LANDSCAPES = (
    Landscape("bowl", "convex (linear neuron, noisy line)", BOWL, LINEAR,
              (-1.0, 5.0), (-2.0, 4.0), (-0.5, 1.5), 0.3),
    Landscape("two valleys", "sigmoid, 3 points: 2 minima", TWO_VALLEYS, SIGMOID,
              (-3.0, 7.0), (-4.0, 6.0), (2.0, 4.0), 2.0),
    Landscape("shelf", "sigmoid, soft threshold at x = 0", SHELF, SIGMOID,
              (-7.0, 5.0), (-6.0, 6.0), (-6.0, 0.0), 2.0),
)
"""The landscapes the lab cycles through with c."""


@cache
def minima(landscape: Landscape) -> tuple[Minimum, ...]:
    """Every local minimum on the landscape's map, lowest first (computed once)."""
    cols, rows = MINIMA_GRID
    return tuple(local_minima(landscape.neuron(0.0, 0.0), landscape.data, MSE, 0, 1,
                              np.linspace(*landscape.w_range, cols),
                              np.linspace(*landscape.b_range, rows)))


def valley_of(landscape: Landscape, w: float, b: float) -> Minimum | None:
    """The minimum (w, b) is near, if any."""
    for m in minima(landscape):
        if np.hypot(w - m.at[0], b - m.at[1]) <= NEAR * landscape.width:
            return m
    return None


def status(landscape: Landscape, cur: TrainState, next_finite: bool, grad: np.ndarray,
           width: int | None) -> tuple[str, bool]:
    """What is happening at ``cur``, in words that fit ``width``, and whether it is a warning.

    Only what the numbers show is said: η is blamed only when the last step raised C (a shorter
    step down a slope always lowers it), and a flat shelf is called slow, never stuck.
    """
    w, b = float(cur.neuron.w[0]), cur.neuron.b
    if cur.diverged or not next_finite:
        return fit(width, "diverged: steps overshoot ever more. u, lower η",
                   "diverged: u, lower η"), True
    last = cur.last
    if last is not None and cur.cost > last.cost * (1 + 1e-12):
        return fit(width, "C rose: the step overshot, η too large here",
                   "C rose: η too large here"), True
    if not landscape.inside(w, b):
        return fit(width, f"◆ off the map: w {fmt(w, 2)}, b {fmt(b, 2)}", "◆ off the map"), True
    if last is not None and cur.cost >= last.cost * (1 - 1e-12) and np.hypot(*grad) > 1e-6:
        return fit(width, "C did not fall: the step jumped the valley",
                   "C did not fall: jumped across"), False
    valley = valley_of(landscape, w, b)
    found = minima(landscape)
    if valley is not None:
        there = fmt(valley.cost)
        if len(found) == 1:
            return f"near the minimum (C {there} there)", False
        if valley is found[0]:
            return f"near the lowest minimum (C {there} there)", False
        lowest = fmt(found[0].cost)
        return fit(width, f"near a local minimum (C {there}); lowest {lowest}",
                   f"local minimum C {there}, lowest {lowest}"), False
    if cur.lr * np.hypot(*grad) < FLAT_STEP * landscape.width:
        return fit(width, "flat: ∇C is tiny, so each step is tiny",
                   "flat: tiny ∇C, tiny steps"), False
    return fit(width, f"{landscape.name}: {landscape.description}", landscape.name), False

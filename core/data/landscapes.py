"""Tiny one-input datasets whose cost landscapes, over (w, b), each show one idea of descent.

Their targets are 0.1 and 0.9 rather than 0 and 1, so a sigmoid can meet them at finite w and
b, and every valley has a bottom inside the map instead of running off to infinity.
"""

from __future__ import annotations

from core.data.datasets import Dataset, get_dataset

BOWL = get_dataset("line")
"""20 points near y = 2x + 1: with a linear neuron and squared error, a convex bowl."""

TWO_VALLEYS = Dataset("two-valleys", "two valleys", [[-1.0], [0.0], [4.0]], [0.1, 0.9, 0.1], "mse",
                      "low, high, then low again far to the right: no sigmoid follows all three")
"""Three points that a sigmoid neuron with squared error fits in two different ways: a local
minimum that meets the first two exactly, and a lower one that meets none of them exactly."""

SHELF = Dataset("shelf", "soft threshold", [[-2.0], [-1.0], [1.0], [3.0]], [0.1, 0.1, 0.9, 0.9],
                "mse", "0.1 for negative x, 0.9 for positive x")
"""A threshold at x = 0. Started with a large negative w, the sigmoid is saturated the wrong
way on every point: a flat shelf, where descent is slow but not stuck."""

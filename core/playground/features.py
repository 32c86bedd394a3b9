"""The inputs a playground network may take from a point (x₁, x₂): Playground's seven features."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Feature:
    """One input computed from the point: its key, its label on screen and its function."""

    name: str
    label: str
    f: Callable[[np.ndarray, np.ndarray], np.ndarray]


FEATURES: dict[str, Feature] = {f.name: f for f in (
    Feature("x1", "x₁", lambda a, b: a),
    Feature("x2", "x₂", lambda a, b: b),
    Feature("x1sq", "x₁²", lambda a, b: a * a),
    Feature("x2sq", "x₂²", lambda a, b: b * b),
    Feature("x1x2", "x₁x₂", lambda a, b: a * b),
    Feature("sin1", "sin x₁", lambda a, b: np.sin(a)),
    Feature("sin2", "sin x₂", lambda a, b: np.sin(b)),
)}
"""Every feature by key, in Playground's order (src/playground.ts, INPUTS)."""
DEFAULT_FEATURES = ("x1", "x2")


def feature_matrix(points: np.ndarray, active: tuple[str, ...]) -> np.ndarray:
    """The active features of each point, in the order of :data:`FEATURES`: shape (n, k)."""
    points = np.asarray(points, float).reshape(-1, 2)
    a, b = points[:, 0], points[:, 1]
    cols = [FEATURES[name].f(a, b) for name in FEATURES if name in active]
    return np.column_stack(cols) if cols else np.empty((len(points), 0))


def ordered(active: set[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``active`` in the order of :data:`FEATURES` (so a state has one way to name a set)."""
    return tuple(name for name in FEATURES if name in active)

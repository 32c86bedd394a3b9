"""Statistics of a layer over a batch: histograms, the share of saturated activations and of dead units."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SATURATION = 0.97
"""|tanh| above this counts as saturated: its slope 1 − a² is below 0.06."""


def histogram(values: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """Counts of ``values`` in ``bins`` equal bins over [lo, hi]; values outside land in the
    end bins, so every value is counted and a spread wider than the range still shows."""
    v = np.asarray(values, float).ravel()
    v = v[np.isfinite(v)]
    idx = np.floor((np.clip(v, lo, hi) - lo) / (hi - lo) * bins).astype(int)
    return np.bincount(np.minimum(idx, bins - 1), minlength=bins)


def saturated_share(a: np.ndarray, threshold: float = SATURATION) -> float:
    """The share of activations with |a| > threshold (for tanh: pinned near ±1)."""
    a = np.asarray(a, float)
    return float(np.mean(np.abs(a) > threshold)) if a.size else 0.0


def dead_share(a: np.ndarray) -> float:
    """The share of units (columns of a, shape (n, units)) that output 0 for every example:
    a ReLU unit like that passes no gradient, so it never learns again."""
    a = np.asarray(a, float)
    return float(np.mean(np.all(a == 0.0, axis=0))) if a.size else 0.0


@dataclass(frozen=True)
class Spread:
    """Summary of an array of values: mean, standard deviation and largest magnitude."""

    mean: float
    std: float
    max_abs: float

    @classmethod
    def of(cls, values: np.ndarray) -> Spread:
        """The spread of ``values`` (any shape)."""
        v = np.asarray(values, float)
        return cls(float(v.mean()), float(v.std()), float(np.max(np.abs(v))))

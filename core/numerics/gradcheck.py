"""Central finite differences: an independent check of any analytic gradient."""

from __future__ import annotations

from typing import Callable

import numpy as np


def numeric_grad(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every component of x (any shape)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    flat = x.reshape(-1)
    g = grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        up = f(x)
        flat[i] = keep - h
        down = f(x)
        flat[i] = keep
        g[i] = (up - down) / (2.0 * h)
    return grad


def elementwise_numeric_derivative(f: Callable[[np.ndarray], np.ndarray], z: np.ndarray,
                                   h: float = 1e-6) -> np.ndarray:
    """df/dz for an elementwise f at every point of z, by central differences."""
    z = np.asarray(z, dtype=float)
    return (f(z + h) - f(z - h)) / (2.0 * h)


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a − n| / max(1, |a|, |n|): small (≲1e-6) when the two gradients agree."""
    a = np.asarray(analytic, float)
    n = np.asarray(numeric, float)
    scale = np.maximum(1.0, np.maximum(np.abs(a), np.abs(n)))
    return float(np.max(np.abs(a - n) / scale)) if a.size else 0.0

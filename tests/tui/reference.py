"""Formulas written out independently of core/, for tests that check the exercises' answers."""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """σ(z) for moderate z."""
    return 1.0 / (1.0 + np.exp(-z))


def activate(name: str, z: float) -> float:
    """The five activations."""
    return {"sigmoid": lambda: 1 / (1 + np.exp(-z)), "tanh": lambda: np.tanh(z),
            "relu": lambda: max(z, 0.0), "leaky_relu": lambda: z if z > 0 else 0.01 * z,
            "linear": lambda: z}[name]()


def slope(name: str, z: float) -> float:
    """The five slopes (ReLU's is 0 at the kink, as the core takes the left derivative)."""
    return {"sigmoid": lambda: activate("sigmoid", z) * activate("sigmoid", -z),
            "tanh": lambda: 1 / np.cosh(z) ** 2, "relu": lambda: float(z > 0),
            "leaky_relu": lambda: 1.0 if z > 0 else 0.01, "linear": lambda: 1.0}[name]()


def dc_dz(act: str, loss: str, z: float, y: float) -> float:
    """∂C/∂z of one example: squared error 2(a − y)·f′(z); cross-entropy after a sigmoid a − y;
    cross-entropy after anything else (−y/a + (1 − y)/(1 − a))·f′(z), and 0 where a lies
    outside [1e−12, 1 − 1e−12] (its clip, where C is flat)."""
    a = activate(act, z)
    if loss == "mse":
        return 2 * (a - y) * slope(act, z)
    if act == "sigmoid":
        return a - y
    if not 1e-12 <= a <= 1 - 1e-12:
        return 0.0
    return (-y / a + (1 - y) / (1 - a)) * slope(act, z)

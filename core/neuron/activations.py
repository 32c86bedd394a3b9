"""Activation functions, each with its derivative, a name and a formula for display.

Every function here is vectorised over NumPy arrays and finite and warning-free for any finite
float64 input, including magnitudes up to 1e308.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from core.numerics import workspace

ArrayFn = Callable[[np.ndarray], np.ndarray]

LEAKY_SLOPE = 0.01
"""Slope of leaky ReLU for negative inputs."""


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), in place on one buffer.

    Exact in both tails without branches: for very negative z, e^(−z) is huge and the
    quotient tiny but correct (σ(−40) ≈ 4.2e−18); past z ≈ −709 it overflows to ∞ and the
    quotient is exactly 0, which is σ to within a subnormal. Overflow is expected there, so
    its warning is silenced.
    """
    with np.errstate(over="ignore"):
        z = np.asarray(z, dtype=float)
        t = workspace.take(z.size).reshape(z.shape)  # a free buffer, then all in place
        np.negative(z, out=t)
        np.exp(t, out=t)
        t += 1.0
        return np.divide(1.0, t, out=t)


def _sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """σ′(z) = σ(z)·(1 − σ(z)), written with e^(−|z|) so it stays exact in both tails."""
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1.0 + e) ** 2


def _tanh(z: np.ndarray) -> np.ndarray:
    return np.tanh(np.asarray(z, dtype=float))


TANH_FLAT = 400.0
"""Past |z| = 400, tanh′(z) = 4e^(−800)… is below the smallest float: exactly 0."""


def _tanh_prime(z: np.ndarray) -> np.ndarray:
    """tanh′(z) = 1 − tanh²(z) = 4e / (1 + e)² with e = e^(−2|z|), exact in both tails.

    1 − tanh² subtracts two numbers near 1 and loses every digit once |z| passes about 19;
    this form has no such subtraction. |z| is capped so that −2|z| cannot overflow.
    """
    e = np.exp(-2.0 * np.minimum(np.abs(np.asarray(z, dtype=float)), TANH_FLAT))
    return 4.0 * e / (1.0 + e) ** 2


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def _relu_prime(z: np.ndarray) -> np.ndarray:
    return (np.asarray(z, dtype=float) > 0).astype(float)


def _leaky(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _leaky_prime(z: np.ndarray) -> np.ndarray:
    return np.where(np.asarray(z, dtype=float) > 0, 1.0, LEAKY_SLOPE)


def _linear(z: np.ndarray) -> np.ndarray:
    return np.array(z, dtype=float)


def _linear_prime(z: np.ndarray) -> np.ndarray:
    return np.ones_like(np.asarray(z, dtype=float))


@dataclass(frozen=True)
class Activation:
    """A non-linearity a = f(z) together with its derivative f′(z).

    Attributes:
        name: key used on the command line and in saved state, e.g. ``"sigmoid"``.
        title: human name, e.g. ``"sigmoid"`` or ``"leaky ReLU"``.
        symbol: the function's symbol in written arithmetic, e.g. ``"σ"``.
        formula: a one-line formula for display.
        f: the function, elementwise on an array of any shape.
        df: its derivative, elementwise; at a kink (ReLU at 0) the left derivative.
        plot_range: a z interval that shows the function's interesting part.
    """

    name: str
    title: str
    symbol: str
    formula: str
    f: ArrayFn
    df: ArrayFn
    plot_range: tuple[float, float] = (-6.0, 6.0)

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Apply the activation elementwise."""
        return self.f(z)


SIGMOID = Activation("sigmoid", "sigmoid", "σ", "σ(z) = 1 / (1 + e⁻ᶻ)", _sigmoid, _sigmoid_prime)
TANH = Activation("tanh", "tanh", "tanh", "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)", _tanh, _tanh_prime,
                  (-4.0, 4.0))
RELU = Activation("relu", "ReLU", "ReLU", "ReLU(z) = max(0, z)", _relu, _relu_prime, (-3.0, 3.0))
LEAKY_RELU = Activation("leaky_relu", "leaky ReLU", "lReLU",
                        f"lReLU(z) = z if z > 0 else {LEAKY_SLOPE}·z", _leaky, _leaky_prime,
                        (-3.0, 3.0))
LINEAR = Activation("linear", "linear", "id", "id(z) = z", _linear, _linear_prime, (-3.0, 3.0))

ACTIVATIONS: dict[str, Activation] = {
    a.name: a for a in (SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR)
}
"""Every activation by name, in the order the app cycles through them."""


def get_activation(name: str) -> Activation:
    """Return the activation called ``name``; raise KeyError naming the valid choices."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; choose from {', '.join(ACTIVATIONS)}") from None

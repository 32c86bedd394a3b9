"""Cost functions: the value over a batch and its gradient with respect to the prediction.

Costs are means over the examples of a batch, so the gradient for example i carries a 1/n.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from core.numerics import workspace
from core.neuron.activations import Activation

BCE_EPS = 1e-12
"""Predictions are clipped to [ε, 1 − ε] before cross-entropy takes their logarithm."""


def _finite(values: np.ndarray) -> np.ndarray:
    """Clamp values that overflowed on the way to ±(largest float), silently."""
    big = np.finfo(float).max
    return np.clip(np.nan_to_num(values, nan=0.0, posinf=big, neginf=-big), -big, big)


def _mean(values: np.ndarray) -> float:
    """Mean that cannot overflow: sums v/n rather than v, and clamps the last rounding.

    A mean never exceeds the largest term, so when every term sits near the largest float and
    the sum rounds past it, the largest float is the right answer to the last place.
    """
    if not values.size:
        return 0.0
    with np.errstate(over="ignore"):
        total = float(np.sum(values / values.size))
    big = float(np.finfo(float).max)
    return min(max(total, -big), big)


@dataclass(frozen=True)
class Loss(ABC):
    """Base class of a cost C(a, y) averaged over a batch of n predictions a and targets y."""

    name: str = ""
    title: str = ""
    formula: str = ""

    @abstractmethod
    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """The mean cost over the batch. a, y: shape (n,)."""

    @abstractmethod
    def grad(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """∂C/∂aᵢ for each example, shape (n,), including the 1/n of the mean."""

    def fuses(self, act: Activation) -> bool:
        """Whether :meth:`delta` computes ∂C/∂z in one fused form for ``act`` rather than as
        the product ∂C/∂a · f′(z) (so a screen that writes it out must write that form)."""
        return False

    def clipped(self, a: np.ndarray) -> np.ndarray:
        """Where the cost clips the prediction (and is flat in it); nowhere, unless overridden."""
        return np.zeros(np.shape(a), dtype=bool)

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, act: Activation, *,
              reuse_a: bool = False) -> np.ndarray:
        """∂C/∂zᵢ by the chain rule, ∂C/∂aᵢ · f′(zᵢ); subclasses may fuse it stably.

        ``reuse_a`` says the caller has no further use for ``a``, so a fused form may write
        the result over it instead of into a new batch-sized array.
        """
        return self.grad(a, y) * act.df(z)

    def cost(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, act: Activation) -> float:
        """The mean cost given pre-activations too, so subclasses may use a stable form."""
        return _mean(self.per_example(z, a, y, act))

    @abstractmethod
    def per_example(self, z: np.ndarray, a: np.ndarray, y: np.ndarray,
                    act: Activation | None) -> np.ndarray:
        """Each example's cost term (before the mean), elementwise over arrays of any shape.

        ``act`` lets a cost use a form that is more exact for that activation; None means a
        plain function of the prediction a.
        """


@dataclass(frozen=True)
class MeanSquaredError(Loss):
    """C = (1/n) Σ (aᵢ − yᵢ)²."""

    name: str = "mse"
    title: str = "squared error"
    formula: str = "C = (1/n) Σ (a − y)²"

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """Mean of the squared differences; a, y: shape (n,)."""
        return _mean(self.per_example(a, a, y, None))

    def per_example(self, z: np.ndarray, a: np.ndarray, y: np.ndarray,
                    act: Activation | None) -> np.ndarray:
        """(aᵢ − yᵢ)², clamped to the largest float rather than overflowing."""
        with np.errstate(over="ignore"):
            d = np.asarray(a, float) - np.asarray(y, float)
            return _finite(d * d)

    def grad(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """2(aᵢ − yᵢ)/n, shape (n,)."""
        with np.errstate(over="ignore"):
            d = np.asarray(a, float) - np.asarray(y, float)
            return _finite(2.0 * _finite(d / d.size))


@dataclass(frozen=True)
class BinaryCrossEntropy(Loss):
    """C = −(1/n) Σ [yᵢ ln aᵢ + (1 − yᵢ) ln(1 − aᵢ)] for predictions a in (0, 1).

    Predictions outside [ε, 1 − ε] are clipped there first, so the cost stays finite; the
    gradient of the clipped cost is 0 where the clip is active. With a sigmoid neuron the cost and
    ∂C/∂z are computed from z directly (ln(1 + e^z) − y·z and (σ(z) − y)/n), which is exact in
    both tails where the clipped form would lose precision.
    """

    name: str = "bce"
    title: str = "cross-entropy"
    formula: str = "C = −(1/n) Σ [y·ln a + (1−y)·ln(1−a)]"

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """Mean binary cross-entropy of clipped predictions; a, y: shape (n,)."""
        return _mean(self._clipped_terms(a, y))

    @staticmethod
    def _clipped_terms(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        a = np.clip(np.asarray(a, float), BCE_EPS, 1.0 - BCE_EPS)
        y = np.asarray(y, float)
        return -(y * np.log(a) + (1.0 - y) * np.log1p(-a))

    def per_example(self, z: np.ndarray, a: np.ndarray, y: np.ndarray,
                    act: Activation | None) -> np.ndarray:
        """Each term; with a sigmoid, softplus(z) − y·z, stable for any finite z."""
        if act is None or not self.fuses(act):
            return self._clipped_terms(a, y)
        z = np.asarray(z, float)
        y = np.asarray(y, float)
        # softplus(z) − y·z rewritten so that no two huge numbers are ever subtracted:
        # = (1 − y)·max(z, 0) − y·min(z, 0) + ln(1 + e^(−|z|)).
        return (1.0 - y) * np.maximum(z, 0.0) - y * np.minimum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))

    def grad(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(−yᵢ/aᵢ + (1−yᵢ)/(1−aᵢ))/n inside the clip, 0 outside; shape (n,)."""
        a = np.asarray(a, float)
        y = np.asarray(y, float)
        inside = ~self.clipped(a)
        ac = np.clip(a, BCE_EPS, 1.0 - BCE_EPS)
        g = (-y / ac + (1.0 - y) / (1.0 - ac)) / a.size
        return np.where(inside, g, 0.0)

    def fuses(self, act: Activation) -> bool:
        """With a sigmoid, σ′(z) = a(1 − a) cancels the denominator of ∂C/∂a: ∂C/∂z = a − y."""
        return act.name == "sigmoid"

    def clipped(self, a: np.ndarray) -> np.ndarray:
        """Where the clip to [ε, 1 − ε] is active: the cost is flat there, ∂C/∂a = 0."""
        a = np.asarray(a, float)
        return (a < BCE_EPS) | (a > 1.0 - BCE_EPS)

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, act: Activation, *,
              reuse_a: bool = False) -> np.ndarray:
        """∂C/∂zᵢ; with a sigmoid this is exactly (aᵢ − yᵢ)/n (over ``a`` itself if reuse_a)."""
        if self.fuses(act):
            a = np.asarray(a, dtype=float)
            own = reuse_a and a.flags.writeable and a.flags.c_contiguous
            d = np.subtract(a, y, out=a if own else workspace.take(a.size).reshape(a.shape))
            d *= 1.0 / d.size  # a multiply costs a third of a divide over the batch
            return d
        return super().delta(z, a, y, act)


MSE = MeanSquaredError()
BCE = BinaryCrossEntropy()

LOSSES: dict[str, Loss] = {loss.name: loss for loss in (MSE, BCE)}
"""Every cost by name, in the order the app cycles through them."""


def get_loss(name: str) -> Loss:
    """Return the cost called ``name``; raise KeyError naming the valid choices."""
    try:
        return LOSSES[name]
    except KeyError:
        raise KeyError(f"unknown loss {name!r}; choose from {', '.join(LOSSES)}") from None

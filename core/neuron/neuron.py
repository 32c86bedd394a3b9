"""A single artificial neuron: a = f(w·x + b)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.numerics import seeded
from core.numerics import workspace
from core.neuron.activations import Activation


@dataclass(frozen=True, eq=False)
class Forward:
    """What a forward pass computed.

    Attributes:
        z: pre-activations w·x + b, shape (n,) for a batch or () for one example.
        a: activations f(z), same shape as z.
    """

    z: np.ndarray
    a: np.ndarray


@dataclass(frozen=True, eq=False)
class Neuron:
    """An immutable neuron.

    Attributes:
        w: weights, shape (d,), one per input.
        b: the bias, added to the weighted sum.
        activation: the non-linearity f.
    """

    w: np.ndarray
    b: float
    activation: Activation

    def __post_init__(self) -> None:
        w = np.array(self.w, dtype=float).reshape(-1)
        w.setflags(write=False)
        object.__setattr__(self, "w", w)
        object.__setattr__(self, "b", float(self.b))

    @property
    def n_inputs(self) -> int:
        """Number of inputs d."""
        return int(self.w.size)

    def weighted_sum(self, x: np.ndarray) -> np.ndarray:
        """z = x·w + b for one example x of shape (d,) or a batch of shape (n, d)."""
        x = np.asarray(x, dtype=float)
        if x.ndim == 2:
            z = np.matmul(x, self.w, out=workspace.take(x.shape[0]))
        else:
            z = x @ self.w
        z += self.b  # in place: no second array the size of the batch
        return z

    def forward(self, x: np.ndarray) -> Forward:
        """Run the neuron on one example (d,) or a batch (n, d)."""
        z = self.weighted_sum(x)
        return Forward(z=z, a=self.activation.f(z))

    def with_params(self, w: np.ndarray | None = None, b: float | None = None) -> Neuron:
        """A copy with new weights and/or bias."""
        return replace(self, w=self.w if w is None else w, b=self.b if b is None else b)

    def with_weight(self, i: int, value: float) -> Neuron:
        """A copy with weight i set to ``value``."""
        w = self.w.copy()
        w[i] = value
        return self.with_params(w=w)

    def with_activation(self, activation: Activation) -> Neuron:
        """A copy with another activation."""
        return replace(self, activation=activation)

    @property
    def params(self) -> np.ndarray:
        """All parameters as one vector (w₁ … w_d, b), shape (d + 1,)."""
        return np.append(self.w, self.b)


def init_neuron(n_inputs: int, activation: Activation, seed: int) -> Neuron:
    """A neuron with weights drawn from N(0, 1/d) by a seeded generator and a zero bias."""
    w = seeded.normal(seed, n_inputs, sd=1.0 / np.sqrt(max(n_inputs, 1)))
    return Neuron(w=w, b=0.0, activation=activation)

"""The output layer of a playground network: its activation, its targets and its loss.

Each head takes the output layer's pre-activations z, shape (n, k), and the labels, shape (n,):
class indices 0, 1 (or 2), or numbers for regression. Losses are per example; a batch's loss
is their mean, and :meth:`Head.delta` is ∂(mean loss)/∂z, so it carries the 1/n.

Squared error is ½‖a − t‖², as in TensorFlow Playground (its gradient is then a − t). Cross-
entropy is computed from z directly, exact for any finite z: with a sigmoid it is the binary
cross-entropy of a = σ(z); with tanh it is that of p = (1 + tanh z)/2 = σ(2z), the output read
as a probability; with softmax it is −ln p_y, from the log-softmax.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import SIGMOID, TANH

LOSS_NAMES = ("squared", "cross_entropy")
LOSS_TITLES = {"squared": "squared error ½(a − t)²", "cross_entropy": "cross-entropy"}


def _softplus_ce(u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """−[y ln σ(u) + (1 − y) ln(1 − σ(u))], written so no two large numbers are subtracted."""
    return (1.0 - y) * np.maximum(u, 0.0) - y * np.minimum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _squared(d: np.ndarray) -> np.ndarray:
    """½ Σ d² over each row; an overflow is an infinite loss, silently."""
    with np.errstate(over="ignore"):
        return 0.5 * np.sum(d * d, axis=1)


@dataclass(frozen=True)
class Head:
    """An output activation for one kind of problem.

    Attributes:
        name: key, e.g. ``"tanh"``.
        title: how the screen names it.
        formula: a = f(z), for display.
        n_classes: the problem it serves: 2 or 3 classes, or 0 for regression.
    """

    name: str
    title: str
    formula: str
    n_classes: int

    @property
    def units(self) -> int:
        """Neurons in the output layer."""
        return 3 if self.n_classes == 3 else 1

    @property
    def losses(self) -> tuple[str, ...]:
        """The losses this head can be trained with."""
        return LOSS_NAMES if self.n_classes else ("squared",)

    def activate(self, z: np.ndarray) -> np.ndarray:
        """a = f(z), shape (n, k)."""
        z = np.asarray(z, float)
        if self.name == "tanh":
            return TANH.f(z)
        if self.name == "sigmoid":
            return np.array(SIGMOID.f(z))  # a copy: the sigmoid writes into a shared buffer
        if self.name == "softmax":
            return np.exp(_log_softmax(z))
        return z.copy()

    def targets(self, labels: np.ndarray) -> np.ndarray:
        """What squared error compares a with: ±1 for tanh, 0/1 for sigmoid, one-hot for
        softmax, the number itself for regression. Shape (n, k)."""
        y = np.asarray(labels, float).reshape(-1)
        if self.name == "tanh":
            return (2.0 * y - 1.0)[:, None]
        if self.name == "softmax":
            return np.eye(3)[y.astype(int)]
        return y[:, None]

    def loss(self, z: np.ndarray, labels: np.ndarray, loss: str) -> np.ndarray:
        """Each example's loss, shape (n,)."""
        z = np.asarray(z, float)
        y = np.asarray(labels, float).reshape(-1)
        if loss == "cross_entropy":
            if self.name == "softmax":
                return -_log_softmax(z)[np.arange(len(y)), y.astype(int)]
            return _softplus_ce(self._logit(z)[:, 0], y)
        return _squared(self.activate(z) - self.targets(y))

    def delta(self, z: np.ndarray, labels: np.ndarray, loss: str) -> np.ndarray:
        """∂(mean loss)/∂z, shape (n, k)."""
        z = np.asarray(z, float)
        y = np.asarray(labels, float).reshape(-1)
        n = max(len(y), 1)
        if loss == "cross_entropy":
            if self.name == "softmax":
                return (self.activate(z) - self.targets(y)) / n
            scale = 2.0 if self.name == "tanh" else 1.0
            return scale * (SIGMOID.f(self._logit(z)) - y[:, None]) / n
        a = self.activate(z)
        with np.errstate(over="ignore", invalid="ignore"):
            g = a - self.targets(y)
            if self.name == "tanh":
                return g * (1.0 - a * a) / n
            if self.name == "sigmoid":
                return g * SIGMOID.df(z) / n
            if self.name == "softmax":
                return a * (g - np.sum(g * a, axis=1, keepdims=True)) / n
            return g / n

    def _logit(self, z: np.ndarray) -> np.ndarray:
        """u such that the output read as a probability is σ(u): 2z for tanh, z for sigmoid."""
        z = np.clip(z, -1e300, 1e300)  # so 2z stays finite
        return 2.0 * z if self.name == "tanh" else z

    def predict(self, z: np.ndarray) -> np.ndarray:
        """The predicted class of each example (z ≥ 0, or the largest), or its number; (n,)."""
        z = np.asarray(z, float)
        if self.name == "softmax":
            return np.argmax(z, axis=1).astype(float)
        if self.n_classes:
            return (z[:, 0] >= 0).astype(float)
        return z[:, 0].copy()

    def shade(self, a: np.ndarray) -> np.ndarray:
        """The output as a colour value in [−1, 1] (0 on the decision boundary); (n,).

        Softmax has none: a map shows its three probabilities instead.
        """
        a = np.asarray(a, float)[:, 0]
        return np.clip(2.0 * a - 1.0 if self.name == "sigmoid" else a, -1.0, 1.0)


HEADS: dict[str, Head] = {h.name: h for h in (
    Head("tanh", "tanh", "a = tanh(z)", 2),
    Head("sigmoid", "sigmoid", "a = σ(z)", 2),
    Head("softmax", "softmax", "pₖ = e^zₖ / Σⱼ e^zⱼ", 3),
    Head("linear", "linear", "a = z", 0),
)}
"""Every output head by name."""


def heads_for(n_classes: int) -> tuple[str, ...]:
    """The heads that suit a problem with ``n_classes`` classes (0: regression)."""
    return tuple(name for name, h in HEADS.items() if h.n_classes == n_classes)

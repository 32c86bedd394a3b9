"""Chapter 10's neuron: one sigmoid neuron reading the 64 pixels of a digit, "is this a 3?".

It is trained by full-batch gradient descent on a small training set and judged on a test
set it never learns from. The cost it minimises is the mean cross-entropy plus an L2 penalty
on the weights (not the bias):

    C = −(1/n) Σ [y ln a + (1 − y) ln(1 − a)] + (λ/2) Σ wᵢ²,    a = σ(w·x + b)

so ∂C/∂w = (1/n) Σ (a − y) x + λw and ∂C/∂b = (1/n) Σ (a − y). The cross-entropy is computed
from z directly (ln(1 + eᶻ) − y z), exact and silent at any z.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from core.data.digits import load_digits, split

N_TRAIN = 100
"""Training examples: few on purpose, so that a neuron with 65 parameters can overfit them."""
MAX_WEIGHT = 1e6


@dataclass(frozen=True, eq=False)
class PixelTask:
    """Which digit is the positive class, and the split (from ``seed``) into train and test."""

    digit: int
    seed: int
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    train_index: np.ndarray
    """Each training example's row in the whole dataset."""
    test_index: np.ndarray


def pixel_task(digit: int, seed: int, n_train: int = N_TRAIN) -> PixelTask:
    """Inputs scaled to [0, 1] and targets 1 for ``digit``, 0 otherwise, split by ``seed``."""
    data = load_digits()
    train, test = split(data.labels.size, seed, n_train)
    X, y = data.inputs, (data.labels == digit).astype(float)
    return PixelTask(digit, seed, X[train], y[train], X[test], y[test], train, test)


def cross_entropy(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> float:
    """−(1/n) Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))] with z = Xw + b, from z (no clipping)."""
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^−z), without overflow for any z."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def objective(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, lam: float) -> float:
    """The cost the steps minimise: cross-entropy + (λ/2)‖w‖²."""
    return cross_entropy(w, b, X, y) + 0.5 * lam * float(w @ w)


def gradient(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray,
             lam: float) -> tuple[np.ndarray, float]:
    """(∂C/∂w, ∂C/∂b) of :func:`objective`."""
    delta = (sigmoid(X @ w + b) - y) / y.size
    return X.T @ delta + lam * w, float(delta.sum())


def accuracy(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> float:
    """Share of examples on the right side of a = 0.5 (z = 0)."""
    return float(np.mean((X @ w + b > 0) == (y > 0.5)))


@dataclass(frozen=True, eq=False)
class PixelState:
    """The neuron after ``steps`` steps with learning rate ``lr`` and penalty ``lam``."""

    task: PixelTask
    w: np.ndarray
    b: float
    lr: float
    lam: float
    steps: int = 0

    @cached_property
    def train_cost(self) -> float:
        """Cross-entropy on the training set (the penalty is not part of it)."""
        return cross_entropy(self.w, self.b, self.task.X_train, self.task.y_train)

    @cached_property
    def test_cost(self) -> float:
        """Cross-entropy on the test set."""
        return cross_entropy(self.w, self.b, self.task.X_test, self.task.y_test)

    @cached_property
    def train_accuracy(self) -> float:
        """Share of training examples classified right."""
        return accuracy(self.w, self.b, self.task.X_train, self.task.y_train)

    @cached_property
    def test_accuracy(self) -> float:
        """Share of test examples classified right."""
        return accuracy(self.w, self.b, self.task.X_test, self.task.y_test)

    def edited(self, **changes: object) -> PixelState:
        """The same neuron with ``lr`` or ``lam`` changed."""
        return replace(self, **changes)


def start_state(task: PixelTask, lr: float, lam: float) -> PixelState:
    """Every weight and the bias at 0: a = 0.5 for every image."""
    return PixelState(task, np.zeros(task.X_train.shape[1]), 0.0, lr, lam)


def pixel_steps(state: PixelState, count: int = 1) -> PixelState | None:
    """``count`` full-batch steps on the training set, or None if a weight would pass ±10⁶."""
    w, b, t = state.w, state.b, state.task
    for _ in range(count):
        gw, gb = gradient(w, b, t.X_train, t.y_train, state.lam)
        w, b = w - state.lr * gw, b - state.lr * gb
        if not (np.all(np.abs(w) < MAX_WEIGHT) and abs(b) < MAX_WEIGHT):
            return None
    return replace(state, w=w, b=b, steps=state.steps + count)

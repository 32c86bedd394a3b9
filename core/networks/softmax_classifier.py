"""Chapter 11's classifier: ten neurons side by side (W: 64×10, b: 10) and a softmax.

For one image x the ten logits are z = xW + b, and p = softmax(z) gives a probability to each
digit. The cost is the multi-class cross-entropy, C = −(1/n) Σ ln p_y, whose gradient with
respect to the logits is (p − y)/n with y the one-hot label; so ∂C/∂W = Xᵀ(P − Y)/n and
∂C/∂b = Σ (P − Y)/n. Training takes mini-batches in an order shuffled from a seed, one epoch
after another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from core.data.digits import load_digits, split
from core.neuron.softmax import log_softmax, softmax

N_CLASSES = 10
N_TRAIN = 1297
"""Training images; the other 500 are the test set."""
MAX_WEIGHT = 1e6


@dataclass(frozen=True, eq=False)
class DigitSplit:
    """Inputs in [0, 1] and labels 0–9, split into train and test by ``seed``."""

    seed: int
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def digit_split(seed: int, n_train: int = N_TRAIN) -> DigitSplit:
    """The digits split by ``seed``."""
    data = load_digits()
    train, test = split(data.labels.size, seed, n_train)
    X, y = data.inputs, data.labels
    return DigitSplit(seed, X[train], y[train], X[test], y[test])


def logits(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """z = XW + b, shape (n, 10) (or (10,) for one image)."""
    return X @ W + b


def cost(W: np.ndarray, b: np.ndarray, X: np.ndarray, labels: np.ndarray) -> float:
    """−(1/n) Σ ln p_y: the mean multi-class cross-entropy, exact at any logits."""
    logp = log_softmax(logits(W, b, X))
    return float(-np.mean(logp[np.arange(labels.size), labels]))


def gradients(W: np.ndarray, b: np.ndarray, X: np.ndarray,
              labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(∂C/∂W, ∂C/∂b): Xᵀ(P − Y)/n and the column sums of (P − Y)/n."""
    delta = softmax(logits(W, b, X))
    delta[np.arange(labels.size), labels] -= 1.0
    delta /= labels.size
    return X.T @ delta, delta.sum(axis=0)


def predictions(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The digit with the largest logit, for each image."""
    return np.argmax(logits(W, b, X), axis=1)


def confusion(labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """M[t, p]: how many images of digit t were read as p; shape (10, 10)."""
    return np.bincount(labels * N_CLASSES + predicted,
                       minlength=N_CLASSES * N_CLASSES).reshape(N_CLASSES, N_CLASSES)


def epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    """The order the training images are visited in during ``epoch`` (from ``seed``)."""
    return np.random.default_rng([seed, epoch]).permutation(n)


@dataclass(frozen=True, eq=False)
class ClassifierState:
    """The layer after ``steps`` mini-batch steps; ``epoch`` and ``position`` say where the next
    batch starts in that epoch's order."""

    data: DigitSplit
    W: np.ndarray
    b: np.ndarray
    lr: float
    batch: int
    steps: int = 0
    epoch: int = 0
    position: int = 0

    def next_batch(self) -> np.ndarray:
        """Rows of the training set the next step learns from (fewer at an epoch's end)."""
        order = epoch_order(self.data.y_train.size, self.data.seed, self.epoch)
        return order[self.position:self.position + self.batch]

    @cached_property
    def train_cost(self) -> float:
        """Cross-entropy over the whole training set."""
        return cost(self.W, self.b, self.data.X_train, self.data.y_train)

    @cached_property
    def test_cost(self) -> float:
        """Cross-entropy over the test set."""
        return cost(self.W, self.b, self.data.X_test, self.data.y_test)

    @cached_property
    def test_predictions(self) -> np.ndarray:
        """The digit read for each test image."""
        return predictions(self.W, self.b, self.data.X_test)

    @property
    def test_accuracy(self) -> float:
        """Share of test images read right."""
        return float(np.mean(self.test_predictions == self.data.y_test))

    @cached_property
    def train_accuracy(self) -> float:
        """Share of training images read right."""
        return float(np.mean(predictions(self.W, self.b, self.data.X_train) == self.data.y_train))

    @cached_property
    def test_confusion(self) -> np.ndarray:
        """The test set's confusion matrix."""
        return confusion(self.data.y_test, self.test_predictions)

    def edited(self, **changes: object) -> ClassifierState:
        """The same layer with ``lr`` or ``batch`` changed."""
        return replace(self, **changes)


def start_state(data: DigitSplit, lr: float, batch: int) -> ClassifierState:
    """W and b at 0: every digit gets p = 0.1 for every image."""
    return ClassifierState(data, np.zeros((data.X_train.shape[1], N_CLASSES)),
                           np.zeros(N_CLASSES), lr, batch)


def classifier_step(state: ClassifierState) -> ClassifierState | None:
    """One step on the next mini-batch, or None if a weight would pass ±10⁶."""
    rows = state.next_batch()
    gW, gb = gradients(state.W, state.b, state.data.X_train[rows], state.data.y_train[rows])
    W, b = state.W - state.lr * gW, state.b - state.lr * gb
    if not (np.all(np.abs(W) < MAX_WEIGHT) and np.all(np.abs(b) < MAX_WEIGHT)):
        return None
    position, epoch = state.position + rows.size, state.epoch
    if position >= state.data.y_train.size:
        position, epoch = 0, epoch + 1
    return replace(state, W=W, b=b, steps=state.steps + 1, epoch=epoch, position=position)

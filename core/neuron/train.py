"""Gradient descent on one neuron: forward, cost, backward, update, as pure functions.

A step never changes its input; it returns a new :class:`TrainState` together with a
:class:`StepRecord` of every number it computed, so the interface can show the whole step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np

from core.neuron.activations import Activation
from core.data.datasets import Dataset
from core.neuron.losses import Loss
from core.neuron.neuron import Neuron, init_neuron

Mode = Literal["batch", "stochastic"]
MODES: tuple[Mode, ...] = ("batch", "stochastic")

PARAM_LIMIT = 1e6
"""A parameter whose magnitude passes this bound means training has diverged."""


@dataclass(frozen=True, eq=False)
class StepRecord:
    """Everything one gradient-descent step computed, for m examples and d inputs.

    A step computes only what the update needs (z, ∂C/∂z, the gradient, the new neuron); the
    activations, the cost and the two chain-rule factors are worked out when first read, so a
    step on a large dataset costs little more than its unavoidable kernels. (The activations
    are computed in the step too, but ∂C/∂z may be written over them: one batch-sized array
    fewer to fill and read.)

    Attributes:
        mode: ``"batch"`` (all examples) or ``"stochastic"`` (one).
        indices: which examples the step used, shape (m,).
        z: pre-activations w·x + b, shape (m,).
        y: the targets of those examples, shape (m,).
        delta: ∂C/∂zᵢ = ∂C/∂aᵢ · f′(zᵢ) (computed fused where that is more exact), shape (m,).
        grad_w: ∂C/∂w = Σᵢ ∂C/∂zᵢ · xᵢ, shape (d,).
        grad_b: ∂C/∂b = Σᵢ ∂C/∂zᵢ.
        lr: the learning rate η.
        old: the neuron before the step.
        new: the neuron after w ← w − η·∂C/∂w, b ← b − η·∂C/∂b.
        loss: the cost function.
    """

    mode: Mode
    indices: np.ndarray
    z: np.ndarray
    y: np.ndarray
    delta: np.ndarray
    grad_w: np.ndarray
    grad_b: float
    lr: float
    old: Neuron
    new: Neuron
    loss: Loss

    @cached_property
    def a(self) -> np.ndarray:
        """Activations f(zᵢ), shape (m,)."""
        return self.old.activation.f(self.z)

    @cached_property
    def cost(self) -> float:
        """The cost C on the step's examples before the update."""
        return self.loss.cost(self.z, self.a, self.y, self.old.activation)

    @cached_property
    def dc_da(self) -> np.ndarray:
        """∂C/∂aᵢ, shape (m,)."""
        return self.loss.grad(self.a, self.y)

    @cached_property
    def da_dz(self) -> np.ndarray:
        """f′(zᵢ), shape (m,)."""
        return self.old.activation.df(self.z)

    @property
    def grad(self) -> np.ndarray:
        """The full gradient (∂C/∂w₁ … ∂C/∂w_d, ∂C/∂b), shape (d + 1,)."""
        return np.append(self.grad_w, self.grad_b)

    @property
    def finite(self) -> bool:
        """Whether the gradient and the new parameters are all finite."""
        return bool(np.all(np.isfinite(self.new.params)) and np.all(np.isfinite(self.grad)))


@dataclass(frozen=True, eq=False)
class TrainState:
    """An immutable snapshot of training.

    Attributes:
        neuron: the current neuron.
        data: the dataset trained on.
        loss: the cost function.
        lr: learning rate η.
        mode: batch or stochastic steps.
        seed: seed that initialised the neuron.
        steps: number of gradient steps taken so far.
        example: index of the example on show; a stochastic step learns from it.
        last: the step that produced this state, or None if it came from an edit or a reset.
        action: a few words on what produced this state (``"step"``, ``"edit w₁"``, …).
    """

    neuron: Neuron
    data: Dataset
    loss: Loss
    lr: float
    mode: Mode = "batch"
    seed: int = 0
    steps: int = 0
    example: int = 0
    last: StepRecord | None = None
    action: str = "start"

    @cached_property
    def cost(self) -> float:
        """The cost over the whole dataset at the current neuron."""
        fw = self.neuron.forward(self.data.X)
        return self.loss.cost(fw.z, fw.a, self.data.y, self.neuron.activation)

    @cached_property
    def diverged(self) -> bool:
        """True when a parameter or the cost is non-finite or past :data:`PARAM_LIMIT`."""
        p = self.neuron.params
        return bool(not np.all(np.isfinite(p)) or np.max(np.abs(p)) > PARAM_LIMIT
                    or not np.isfinite(self.cost))

    def edited(self, action: str, **changes: object) -> TrainState:
        """A copy with ``changes`` applied, recorded as a user edit rather than a step."""
        return replace(self, last=None, action=action, **changes)


def new_state(data: Dataset, activation: Activation, loss: Loss, lr: float,
              seed: int = 0, mode: Mode = "batch") -> TrainState:
    """A fresh state: a neuron initialised from ``seed`` with one weight per input of ``data``."""
    neuron = init_neuron(data.n_inputs, activation, seed)
    return TrainState(neuron=neuron, data=data, loss=loss, lr=lr, mode=mode, seed=seed)


@lru_cache(maxsize=8)
def _all_indices(n: int) -> np.ndarray:
    indices = np.arange(n)
    indices.setflags(write=False)
    return indices


def batch_indices(state: TrainState) -> np.ndarray:
    """The examples the next step will learn from: all of them, or the one on show."""
    if state.mode == "stochastic":
        return np.array([state.example])
    return _all_indices(state.data.n_examples)  # made once per size, read-only


def plan_step(state: TrainState) -> StepRecord:
    """Compute the next step without taking it: forward, backward and the new neuron."""
    idx = batch_indices(state)
    if state.mode == "batch":
        X, y = state.data.X, state.data.y  # all of it: no copy
    else:
        X, y = state.data.X[idx], state.data.y[idx]
    neuron, act, loss = state.neuron, state.neuron.activation, state.loss
    fw = neuron.forward(X)
    delta = loss.delta(fw.z, fw.a, y, act, reuse_a=True)  # the record works a out again if read
    with np.errstate(over="ignore", invalid="ignore"):
        grad_w = delta @ X
        grad_b = float(np.sum(delta))
        new = neuron.with_params(w=neuron.w - state.lr * grad_w, b=neuron.b - state.lr * grad_b)
    return StepRecord(mode=state.mode, indices=idx, z=fw.z, y=y, delta=delta,
                      grad_w=grad_w, grad_b=grad_b, lr=state.lr, old=neuron, new=new, loss=loss)


def apply_step(state: TrainState, record: StepRecord) -> TrainState:
    """The state after ``record``'s update; a stochastic step moves on to the next example."""
    example = state.example
    if record.mode == "stochastic":
        example = (example + 1) % state.data.n_examples
    return replace(state, neuron=record.new, steps=state.steps + 1, example=example,
                   last=record, action="step")


def step(state: TrainState) -> TrainState:
    """One gradient-descent step: forward, backward, update (the cost is read on demand)."""
    return apply_step(state, plan_step(state))

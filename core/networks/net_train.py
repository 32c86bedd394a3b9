"""Gradient descent on a small network with one output, as pure functions over snapshots."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from core.neuron.activations import SIGMOID, TANH
from core.data.datasets import Dataset
from core.networks.init import XAVIER
from core.networks.layers import MLP, build_mlp, network_cost, network_gradients
from core.neuron.losses import BCE, Loss
from core.neuron.train import PARAM_LIMIT


@dataclass(frozen=True, eq=False)
class NetState:
    """An immutable snapshot of a network in training on a dataset (full-batch steps)."""

    net: MLP
    data: Dataset
    loss: Loss
    lr: float
    steps: int = 0

    @cached_property
    def cost(self) -> float:
        """The mean cost over the dataset."""
        return network_cost(self.net, self.data.X, self.data.y, self.loss)

    @cached_property
    def outputs(self) -> np.ndarray:
        """The network's output for each example, shape (n,)."""
        return self.net.predict(self.data.X)[:, 0]

    @property
    def accuracy(self) -> float:
        """Share of examples on the right side of 0.5."""
        return float(np.mean((self.outputs > 0.5) == (self.data.y > 0.5)))

    @property
    def diverged(self) -> bool:
        """True when a parameter is non-finite or past :data:`PARAM_LIMIT`."""
        p = self.net.params
        return bool(not np.all(np.isfinite(p)) or np.max(np.abs(p)) > PARAM_LIMIT)


def net_step(state: NetState) -> NetState:
    """One full-batch gradient-descent step."""
    grads = network_gradients(state.net, state.data.X, state.data.y, state.loss)
    return replace(state, net=state.net.with_step(grads, state.lr), steps=state.steps + 1)


def xor_network(data: Dataset, seed: int, lr: float, hidden: int = 2) -> NetState:
    """A 2-hidden-1 network for XOR-like data: tanh hidden units, a sigmoid output and
    cross-entropy, Xavier-initialised from ``seed``."""
    net = build_mlp([data.n_inputs, hidden, 1], [TANH, SIGMOID], XAVIER, 1.0, seed)
    return NetState(net=net, data=data, loss=BCE, lr=lr)


def grid_outputs(net: MLP, xs: np.ndarray, ys: np.ndarray, layer: int = -1,
                 unit: int = 0) -> np.ndarray:
    """One unit's activation over the input plane: shape (len(ys), len(xs)), row i at ys[i].

    ``layer`` −1 is the output; 0 is the hidden layer of a 2-hidden-1 network.
    """
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    return net.forward(points)[layer].a[:, unit].reshape(gy.shape)

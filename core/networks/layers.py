"""Dense layers and a multi-layer perceptron, with backpropagation over the layers.

Shapes follow the row convention: a batch X is (n, n_in), a layer's weights W are
(n_in, n_out), so z = X·W + b is (n, n_out) and column j of W feeds neuron j.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.neuron.activations import Activation
from core.networks.init import InitScheme
from core.neuron.losses import Loss


@dataclass(frozen=True, eq=False)
class Dense:
    """A layer of neurons that share their inputs: a = f(x·W + b)."""

    W: np.ndarray
    b: np.ndarray
    activation: Activation

    def __post_init__(self) -> None:
        W = np.array(self.W, dtype=float, ndmin=2)
        b = np.array(self.b, dtype=float).reshape(-1)
        if b.size != W.shape[1]:
            raise ValueError(f"b has {b.size} values for {W.shape[1]} neurons")
        object.__setattr__(self, "W", W)
        object.__setattr__(self, "b", b)

    @property
    def shape(self) -> tuple[int, int]:
        """(n_in, n_out)."""
        return self.W.shape[0], self.W.shape[1]

    def forward(self, x: np.ndarray) -> LayerPass:
        """z and a for a batch x of shape (n, n_in)."""
        x = np.asarray(x, float)
        z = x @ self.W
        z += self.b
        return LayerPass(x=x, z=z, a=self.activation.f(z))


@dataclass(frozen=True, eq=False)
class LayerPass:
    """What one layer computed on a batch: its input x, pre-activations z and activations a."""

    x: np.ndarray
    z: np.ndarray
    a: np.ndarray


@dataclass(frozen=True, eq=False)
class LayerGrad:
    """Gradients at one layer: ∂C/∂W, ∂C/∂b, and ∂C/∂z and ∂C/∂a over the batch (n, n_out)."""

    dW: np.ndarray
    db: np.ndarray
    dz: np.ndarray
    da: np.ndarray


def dense_backward(layer: Dense, p: LayerPass, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(∂C/∂W, ∂C/∂b, ∂C/∂x) of ``layer`` given ∂C/∂z at its output."""
    return p.x.T @ dz, dz.sum(axis=0), dz @ layer.W.T


@dataclass(frozen=True, eq=False)
class MLP:
    """Dense layers applied in order; the last one's activations are the network's output."""

    layers: tuple[Dense, ...]

    def forward(self, X: np.ndarray) -> list[LayerPass]:
        """Every layer's pass over the batch X, first layer first."""
        passes, x = [], np.asarray(X, float)
        for layer in self.layers:
            p = layer.forward(x)
            passes.append(p)
            x = p.a
        return passes

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The output activations for the batch X, shape (n, n_out)."""
        return self.forward(X)[-1].a

    def backward(self, passes: list[LayerPass], dz_out: np.ndarray,
                 da_out: np.ndarray | None = None) -> list[LayerGrad]:
        """Backpropagation: given ∂C/∂z at the output layer, every layer's gradients.

        Each layer hands ∂C/∂x = ∂C/∂z·Wᵀ down; that is ∂C/∂a of the layer below, which turns
        it into its own ∂C/∂z by multiplying by f′(z) elementwise. ``da_out`` (∂C/∂a at the
        output) is only recorded, for display; without it the top layer records ∂C/∂z there.
        """
        grads: list[LayerGrad] = []
        dz, da = dz_out, dz_out if da_out is None else da_out
        for i in range(len(self.layers) - 1, -1, -1):
            dW, db, dx = dense_backward(self.layers[i], passes[i], dz)
            grads.append(LayerGrad(dW=dW, db=db, dz=dz, da=da))
            if i:
                da = dx
                dz = dx * self.layers[i - 1].activation.df(passes[i - 1].z)
        grads.reverse()
        return grads

    def with_step(self, grads: list[LayerGrad], lr: float) -> MLP:
        """The network after W ← W − η·∂C/∂W and b ← b − η·∂C/∂b in every layer."""
        return MLP(tuple(replace(l, W=l.W - lr * g.dW, b=l.b - lr * g.db)
                         for l, g in zip(self.layers, grads)))

    @property
    def params(self) -> np.ndarray:
        """Every weight and bias in one flat vector, layer by layer (W then b)."""
        return np.concatenate([np.concatenate([l.W.ravel(), l.b]) for l in self.layers])

    def with_params(self, flat: np.ndarray) -> MLP:
        """A network of the same shape whose parameters are read from the flat vector."""
        layers, at = [], 0
        for l in self.layers:
            n_w = l.W.size
            W = np.asarray(flat[at:at + n_w], float).reshape(l.W.shape)
            b = np.asarray(flat[at + n_w:at + n_w + l.b.size], float)
            layers.append(replace(l, W=W, b=b))
            at += n_w + l.b.size
        return MLP(tuple(layers))


def build_mlp(sizes: list[int], activations: list[Activation], scheme: InitScheme,
              gain: float, seed: int, bias: float = 0.0) -> MLP:
    """An MLP with layer widths ``sizes`` (inputs first), weights drawn by ``scheme`` and every
    bias set to ``bias``."""
    if len(activations) != len(sizes) - 1:
        raise ValueError("one activation per layer")
    rng = np.random.default_rng(seed)
    return MLP(tuple(Dense(scheme.draw(i, o, gain, rng), np.full(o, float(bias)), act)
                     for i, o, act in zip(sizes[:-1], sizes[1:], activations)))


def output_delta(passes: list[LayerPass], y: np.ndarray, loss: Loss, act: Activation) -> np.ndarray:
    """∂C/∂z at a single-output layer for targets y (n,), using the loss's stable fused form."""
    out = passes[-1]
    return loss.delta(out.z[:, 0], out.a[:, 0], np.asarray(y, float), act)[:, None]


def network_cost(net: MLP, X: np.ndarray, y: np.ndarray, loss: Loss) -> float:
    """The mean cost of a single-output network on (X, y)."""
    out = net.forward(X)[-1]
    return loss.cost(out.z[:, 0], out.a[:, 0], np.asarray(y, float), net.layers[-1].activation)


def network_gradients(net: MLP, X: np.ndarray, y: np.ndarray, loss: Loss) -> list[LayerGrad]:
    """Every layer's gradients of a single-output network's mean cost on (X, y)."""
    passes = net.forward(X)
    return net.backward(passes, output_delta(passes, y, loss, net.layers[-1].activation))

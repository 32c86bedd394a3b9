"""A playground network: its weights, the forward pass, backpropagation and regularisation.

Shapes follow the row convention of core/networks/layers.py: a batch of features X is (n, k),
layer l's weights W[l] are (n_in, n_out) and its biases b[l] (n_out,), so z = h·W + b. Hidden
layers share one activation; the last layer's z goes to the output head.

The objective gradient descent minimises is the mean loss over a batch plus a penalty on the
weights (never the biases), as in Playground: λ·Σ|w| for L1, λ·Σ½w² for L2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import Activation
from core.networks.init import HE, XAVIER
from core.playground.heads import Head

REGULARISATIONS = ("none", "l1", "l2")
INITS = {
    "playground": "U(−0.5, 0.5), biases 0.1 (as Playground)",
    "xavier": "N(0, 2/(in + out)), biases 0",
    "he": "N(0, 2/in), biases 0",
    "zero": "all weights and biases 0",
}
"""Ways to draw a new network's parameters, with what each draws."""


@dataclass(frozen=True, eq=False)
class PlayNet:
    """The parameters of a network: W[l] of shape (n_in, n_out) and b[l] of shape (n_out,)."""

    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, the inputs first: (k, h₁, …, out)."""
        return (self.W[0].shape[0],) + tuple(w.shape[1] for w in self.W)

    @property
    def params(self) -> np.ndarray:
        """Every weight and bias in one flat vector, layer by layer (W then b)."""
        return np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(self.W, self.b)])

    def with_params(self, flat: np.ndarray) -> PlayNet:
        """A network of the same shape whose parameters are read from ``flat``."""
        W, b, at = [], [], 0
        for w, bias in zip(self.W, self.b):
            W.append(np.array(flat[at:at + w.size], float).reshape(w.shape))
            at += w.size
            b.append(np.array(flat[at:at + bias.size], float))
            at += bias.size
        return PlayNet(tuple(W), tuple(b))

    def largest(self) -> float:
        """The largest parameter in size (∞ or nan if any is not finite)."""
        p = self.params
        return float(np.max(np.abs(p))) if np.all(np.isfinite(p)) else float("inf")


@dataclass(frozen=True)
class Rules:
    """How a network computes and learns, beside its parameters.

    Attributes:
        activation: of every hidden neuron.
        head: the output layer's activation.
        loss: ``"squared"`` or ``"cross_entropy"``.
        reg: ``"none"``, ``"l1"`` or ``"l2"``.
        rate: λ, the regularisation rate.
    """

    activation: Activation
    head: Head
    loss: str = "squared"
    reg: str = "none"
    rate: float = 0.0


def forward(W: tuple[np.ndarray, ...] | list[np.ndarray], b, X: np.ndarray,
            act: Activation) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Every layer's z, and the inputs h each layer received (h[0] is X): two lists."""
    zs, hs = [], [np.asarray(X, float)]
    for layer, (w, bias) in enumerate(zip(W, b)):
        z = hs[-1] @ w
        z += bias
        zs.append(z)
        if layer < len(W) - 1:
            hs.append(act.f(z))
    return zs, hs


def backward(W, zs: list[np.ndarray], hs: list[np.ndarray], dz: np.ndarray,
             act: Activation) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """∂/∂W and ∂/∂b of every layer, given ∂/∂z at the output layer (chain rule, layer by
    layer: ∂/∂W = hᵀ·∂z, ∂/∂b = Σ ∂z, and ∂h = ∂z·Wᵀ, turned into ∂z by f′ below)."""
    dW, db = [None] * len(W), [None] * len(W)
    for layer in range(len(W) - 1, -1, -1):
        dW[layer] = hs[layer].T @ dz
        db[layer] = dz.sum(axis=0)
        if layer:
            dz = (dz @ W[layer].T) * act.df(zs[layer - 1])
    return dW, db


def penalty(net: PlayNet, rules: Rules) -> float:
    """λ·Σ|w| (L1) or λ·Σ½w² (L2) over every weight; 0 without regularisation."""
    if rules.reg == "none" or not rules.rate:
        return 0.0
    with np.errstate(over="ignore"):
        terms = [np.abs(w).sum() if rules.reg == "l1" else 0.5 * (w * w).sum() for w in net.W]
    return float(rules.rate * sum(terms))


def penalty_slope(w: np.ndarray, rules: Rules) -> np.ndarray | None:
    """∂(penalty)/∂w: λ·sign(w) for L1 (0 at 0), λ·w for L2; None without regularisation."""
    if rules.reg == "none" or not rules.rate:
        return None
    return rules.rate * (np.sign(w) if rules.reg == "l1" else w)


def mean_loss(net: PlayNet, X: np.ndarray, labels: np.ndarray, rules: Rules) -> float:
    """The mean loss over the examples (without the penalty); 0 for no examples."""
    if not len(labels):
        return 0.0
    zs, _ = forward(net.W, net.b, X, rules.activation)
    return float(np.mean(rules.head.loss(zs[-1], labels, rules.loss)))


def objective(net: PlayNet, X: np.ndarray, labels: np.ndarray, rules: Rules) -> float:
    """What a step descends: the mean loss plus the penalty."""
    return mean_loss(net, X, labels, rules) + penalty(net, rules)


def gradients(net: PlayNet, X: np.ndarray, labels: np.ndarray,
              rules: Rules) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """∂(objective)/∂W and ∂/∂b of every layer on the batch (X, labels)."""
    zs, hs = forward(net.W, net.b, X, rules.activation)
    dW, db = backward(net.W, zs, hs, rules.head.delta(zs[-1], labels, rules.loss),
                      rules.activation)
    for layer, w in enumerate(net.W):
        slope = penalty_slope(w, rules)
        if slope is not None:
            dW[layer] = dW[layer] + slope
    return dW, db


def train_epoch(net: PlayNet, X: np.ndarray, labels: np.ndarray, rules: Rules, lr: float,
                batch: int) -> PlayNet:
    """One pass over the examples in order, a step every ``batch`` of them (0: all at once).

    Each step is w ← w − η·(∂loss/∂w + ∂penalty/∂w) with the batch's mean loss, and b ← b −
    η·∂loss/∂b. As in Playground, an L1 step that would carry a weight across 0 leaves it at 0.
    Numbers that overflow are left to show themselves as divergence in the result, silently.
    """
    W = [w.copy() for w in net.W]
    b = [bias.copy() for bias in net.b]
    n = len(labels)
    size = n if batch <= 0 else batch
    with np.errstate(all="ignore"):
        for start in range(0, n, max(size, 1)):
            xb, yb = X[start:start + size], labels[start:start + size]
            zs, hs = forward(W, b, xb, rules.activation)
            dW, db = backward(W, zs, hs, rules.head.delta(zs[-1], yb, rules.loss),
                              rules.activation)
            for layer in range(len(W)):
                slope = penalty_slope(W[layer], rules)
                W[layer] -= lr * dW[layer]
                b[layer] -= lr * db[layer]
                if slope is not None:
                    after = W[layer] - lr * slope
                    if rules.reg == "l1":
                        after[W[layer] * after < 0] = 0.0
                    W[layer] = after
    return PlayNet(tuple(W), tuple(b))


def outputs(net: PlayNet, X: np.ndarray, rules: Rules) -> list[np.ndarray]:
    """What every neuron outputs for each row of X: one (n, units) array per layer after the
    inputs, the hidden layers' activations and then the head's. One batched pass."""
    with np.errstate(all="ignore"):
        zs, hs = forward(net.W, net.b, X, rules.activation)
        return [np.array(h) for h in hs[1:]] + [rules.head.activate(zs[-1])]


def draw_layer(n_in: int, n_out: int, init: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """New weights (n_in, n_out) and biases (n_out,) drawn the way ``init`` names."""
    if init == "playground":
        return rng.uniform(-0.5, 0.5, (n_in, n_out)), np.full(n_out, 0.1)
    if init == "zero":
        return np.zeros((n_in, n_out)), np.zeros(n_out)
    scheme = XAVIER if init == "xavier" else HE
    return scheme.draw(max(n_in, 1), n_out, 1.0, rng)[:n_in], np.zeros(n_out)


def new_net(sizes: tuple[int, ...], init: str, seed: int) -> PlayNet:
    """A network with ``sizes`` units per layer (inputs first), drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    layers = [draw_layer(i, o, init, rng) for i, o in zip(sizes[:-1], sizes[1:])]
    return PlayNet(tuple(w for w, _ in layers), tuple(b for _, b in layers))


@dataclass(frozen=True)
class LayerMap:
    """Where a layer of a reshaped network comes from.

    Attributes:
        old: the index of the old layer it was (0 for the inputs), or None for a new layer.
        units: for each of its units, the index of the old unit it keeps, or None for a new one.
    """

    old: int | None
    units: tuple[int | None, ...]


def remap(net: PlayNet, layers: list[LayerMap], init: str, seed: int) -> PlayNet:
    """The network reshaped to ``layers`` (inputs first), keeping what can be kept.

    A weight keeps its value when both its ends are kept units of two layers that were next to
    each other; a bias when its neuron is kept. Everything else is drawn new, from ``seed`` and
    the new shape, so the same change always gives the same network.
    """
    W, b = [], []
    for layer in range(len(layers) - 1):
        src, dst = layers[layer], layers[layer + 1]
        rng = np.random.default_rng([seed, layer, len(src.units), len(dst.units)])
        w, bias = draw_layer(len(src.units), len(dst.units), init, rng)
        kept_neurons = dst.old is not None and dst.old >= 1
        kept_links = kept_neurons and src.old is not None and dst.old == src.old + 1
        for j, oj in enumerate(dst.units):
            if not kept_neurons or oj is None:
                continue
            bias[j] = net.b[dst.old - 1][oj]
            for i, oi in enumerate(src.units):
                if kept_links and oi is not None:
                    w[i, j] = net.W[dst.old - 1][oi, oj]
        W.append(w)
        b.append(bias)
    return PlayNet(tuple(W), tuple(b))

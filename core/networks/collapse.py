"""Why a layer needs its non-linearity: a stack of linear layers is one linear layer.

With row vectors, two layers compute (x·W₁ + b₁)·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂). Folding
every layer in this way gives one matrix and one bias that reproduce the stack exactly. Put
an activation between the layers and no single matrix can: the best one still misses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import LINEAR, Activation
from core.networks.init import XAVIER
from core.networks.layers import MLP, Dense


def fold(net: MLP) -> tuple[np.ndarray, np.ndarray]:
    """The single (W, b) that a stack of layers equals when their activations are ignored."""
    W, b = net.layers[0].W, net.layers[0].b
    for layer in net.layers[1:]:
        W, b = W @ layer.W, b @ layer.W + layer.b
    return W, b


@dataclass(frozen=True)
class Collapse:
    """How well one linear layer stands in for the stack on a batch.

    Attributes:
        folded_gap: max |stack(X) − (X·W + b)| with the folded (W, b).
        best_gap: max |stack(X) − (X·W* + b*)| for the least-squares best single layer.
        scale: max |stack(X)|, for reading the gaps against.
    """

    folded_gap: float
    best_gap: float
    scale: float


def collapse(net: MLP, X: np.ndarray) -> Collapse:
    """Compare the stack's output on X with the folded layer and the best linear fit."""
    X = np.asarray(X, float)
    out = net.predict(X)
    W, b = fold(net)
    folded = X @ W + b
    design = np.hstack([X, np.ones((X.shape[0], 1))])
    coef, *_ = np.linalg.lstsq(design, out, rcond=None)
    best = design @ coef
    return Collapse(folded_gap=float(np.max(np.abs(out - folded))),
                    best_gap=float(np.max(np.abs(out - best))),
                    scale=float(np.max(np.abs(out))))


def random_stack(sizes: list[int], between: Activation, seed: int) -> MLP:
    """Layers of widths ``sizes`` with normal weights (Xavier spread) and normal biases, the
    activation ``between`` after every layer but the last, which stays linear."""
    rng = np.random.default_rng(seed)
    layers = []
    for k, (i, o) in enumerate(zip(sizes[:-1], sizes[1:])):
        act = between if k < len(sizes) - 2 else LINEAR
        layers.append(Dense(rng.normal(0.0, XAVIER.std(i, o), (i, o)), rng.normal(0.0, 0.5, o), act))
    return MLP(tuple(layers))

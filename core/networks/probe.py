"""A deep stack of dense layers fed one batch, measured layer by layer.

This is the experiment behind the initialisation chapter: draw the weights with some scheme,
push a batch of standard-normal inputs through, backpropagate a cost, and look at what each
layer's pre-activations, activations and gradients have become.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import Activation
from core.networks.init import InitScheme
from core.networks.layers import MLP, build_mlp
from core.networks.stats import Spread, dead_share, saturated_share


@dataclass(frozen=True)
class ProbeSetup:
    """The stack's shape and how it was initialised (``bias``: where every bias starts)."""

    scheme: InitScheme
    gain: float
    activation: Activation
    bias: float = 0.0
    depth: int = 5
    width: int = 64
    batch: int = 256
    seed: int = 0


@dataclass(frozen=True, eq=False)
class LayerProbe:
    """One layer's numbers over the batch, each of shape (batch, width).

    Attributes:
        z: pre-activations.
        a: activations.
        grad: ∂C/∂z, the error signal backpropagation hands this layer.
        saturated: share of activations in the flat tails of a bounded activation: |a| > 0.97
            for tanh, |2a − 1| > 0.97 for the sigmoid (both: slope below 6% of its largest);
            0 for ReLU and linear, which have no upper bound.
        dead: share of units whose activation is 0 for the whole batch.
    """

    z: np.ndarray
    a: np.ndarray
    grad: np.ndarray
    saturated: float
    dead: float

    def spread(self, kind: str) -> Spread:
        """Spread of ``"z"``, ``"a"`` or ``"grad"``."""
        return Spread.of(getattr(self, kind))


def probe_stack(setup: ProbeSetup) -> tuple[MLP, list[LayerProbe]]:
    """Build the stack, run one batch forward and back, and measure every layer.

    The inputs and the targets are standard normal, drawn from the seed; the cost is
    C = (1/2n)·Σ‖a_out − t‖² over the batch.
    """
    rng = np.random.default_rng(setup.seed)
    sizes = [setup.width] * (setup.depth + 1)
    net = build_mlp(sizes, [setup.activation] * setup.depth, setup.scheme, setup.gain,
                    int(rng.integers(2**31)), setup.bias)
    X = rng.standard_normal((setup.batch, setup.width))
    T = rng.standard_normal((setup.batch, setup.width))
    passes = net.forward(X)
    out = passes[-1]
    da = (out.a - T) / setup.batch
    grads = net.backward(passes, da * setup.activation.df(out.z), da)
    return net, [LayerProbe(z=p.z, a=p.a, grad=g.dz, saturated=saturation(p.a, setup.activation),
                            dead=dead_share(p.a)) for p, g in zip(passes, grads)]


def saturation(a: np.ndarray, activation: Activation) -> float:
    """The share of activations ``a`` pinned near a bound of ``activation`` (see LayerProbe)."""
    if activation.name == "tanh":
        return saturated_share(a)
    if activation.name == "sigmoid":
        return saturated_share(2.0 * np.asarray(a, float) - 1.0)  # σ(z) = (1 + tanh(z/2))/2
    return 0.0

"""Chapter 9's 2-2-1 network on its four XOR points, as a playground state."""

from __future__ import annotations

import numpy as np

from core.data.datasets import get_dataset
from core.data.planar import fixed
from core.networks.layers import MLP
from core.playground.network import PlayNet
from core.playground.settings import Settings
from core.playground.state import PlayState

DOMAIN = (-0.5, 1.5, -0.5, 1.5)
"""The plane chapter 9's map shows: a margin of 0.5 around the four corners."""


def chapter9_state(net: MLP, lr: float, seed: int, steps: int = 0) -> PlayState:
    """The playground holding chapter 9's network as it stands: tanh hidden units, a sigmoid
    output, cross-entropy, full-batch steps of η on all four points (none held out for
    testing), so its next epoch is the chapter's next step."""
    xor = get_dataset("xor")
    data = fixed("xor4", "XOR, chapter 9", xor.X, xor.y, 2, 100, seed, DOMAIN)
    settings = Settings(dataset=data.name, train_pct=100, data_seed=seed, hidden=(2,),
                        activation="tanh", output="sigmoid", loss="cross_entropy", lr=lr,
                        batch=0, init="xavier", seed=seed)
    params = PlayNet(tuple(np.array(layer.W) for layer in net.layers),
                     tuple(np.array(layer.b) for layer in net.layers))
    return PlayState(settings, data, params, steps, "from chapter 9")

"""Every setting of the playground in one immutable record, with the ranges each may take."""

from __future__ import annotations

from dataclasses import dataclass

from core.playground.features import DEFAULT_FEATURES

HIDDEN_ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
"""The hidden layers' activations Playground offers."""
MAX_LAYERS, MAX_NEURONS = 6, 8
"""Up to six hidden layers of one to eight neurons each, as in Playground."""
LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""Playground's menus of learning and regularisation rates: + and − step through them."""
MAX_SEED = 2**32 - 1

LIMITS: dict[str, tuple[float, float, bool]] = {
    "lr": (1e-6, 1e3, False),
    "batch": (0, 30, True),
    "rate": (0.0, 10.0, False),
    "noise": (0, 50, True),
    "train_pct": (10, 100, True),
    "data_seed": (0, MAX_SEED, True),
    "seed": (0, MAX_SEED, True),
    "stop_loss": (0.0, 10.0, False),
}
"""Each number setting's range (low, high, whole numbers only). A batch of 0 means every
training point at once; a stop at 0 means no stop."""


@dataclass(frozen=True)
class Settings:
    """What the playground trains and how.

    Attributes:
        dataset: a generated dataset's name, or the name of fixed points (your CSV file).
        noise: percent, 0 to 50. train_pct: the share of points used for training, 10 to 100.
        data_seed: draws and splits the points. seed: draws the network's weights.
        features: the active inputs, in the order of core.playground.features.FEATURES.
        hidden: neurons in each hidden layer (0 to 6 layers of 1 to 8).
        activation: of the hidden layers. output: the output head. loss: what is minimised.
        lr: η. batch: training points per step, 0 for all. reg, rate: penalty and λ.
        init: how new weights are drawn. stop_loss: a run pauses at or below it (0: never).
    """

    dataset: str = "circle"
    noise: float = 0.0
    train_pct: float = 50.0
    data_seed: int = 0
    features: tuple[str, ...] = DEFAULT_FEATURES
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    output: str = "tanh"
    loss: str = "squared"
    lr: float = 0.03
    batch: int = 10
    reg: str = "none"
    rate: float = 0.0
    init: str = "playground"
    seed: int = 0
    stop_loss: float = 0.0


def in_range(name: str, value: float) -> bool:
    """Whether ``value`` is allowed for the number setting ``name``."""
    lo, hi, whole = LIMITS[name]
    return lo <= value <= hi and (not whole or float(value).is_integer())


def next_in(menu: tuple[float, ...], value: float, direction: int) -> float:
    """The menu's next value above (direction 1) or below (−1) ``value``; the end stays put."""
    if direction > 0:
        return next((v for v in menu if v > value * (1 + 1e-9)), menu[-1])
    return next((v for v in reversed(menu) if v < value * (1 - 1e-9)), menu[0])

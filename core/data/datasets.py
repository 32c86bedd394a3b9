"""Small named datasets to train a neuron on."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.numerics import seeded

MAX_INPUTS = 8
"""The most inputs a dataset may have: the lab shows one weight field per input."""
LINE_SEED = 7
"""The noisy line is always drawn from this seed, so its points are the same for everyone."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Examples X with targets y.

    Attributes:
        name: key, e.g. ``"or"``.
        title: display name, e.g. ``"OR"``.
        X: inputs, shape (n, d).
        y: targets, shape (n,).
        loss: name of the cost that suits the targets (``"bce"`` for 0/1, ``"mse"`` otherwise).
        description: one line on what the data is.
        editable: whether the user may edit inputs and target (the single example).
    """

    name: str
    title: str
    X: np.ndarray
    y: np.ndarray
    loss: str
    description: str
    editable: bool = False

    def __post_init__(self) -> None:
        X = np.array(self.X, dtype=float)
        y = np.array(self.y, dtype=float).reshape(-1)
        if X.ndim != 2 or X.shape[0] != y.size or y.size == 0:
            raise ValueError(f"X must be (n, d) and y (n,) with n ≥ 1; got {X.shape} and {y.shape}")
        X.setflags(write=False)
        y.setflags(write=False)
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)

    @property
    def n_examples(self) -> int:
        """Number of examples n."""
        return int(self.y.size)

    @property
    def n_inputs(self) -> int:
        """Number of inputs d per example."""
        return int(self.X.shape[1])

    def with_example(self, x: np.ndarray, y: float) -> Dataset:
        """A copy whose only example is (x, y); for the editable single example."""
        return replace(self, X=np.asarray(x, float).reshape(1, -1), y=[y])


_GATE_X = [[0, 0], [0, 1], [1, 0], [1, 1]]


def _gate(name: str, title: str, y: list[int], note: str) -> Dataset:
    return Dataset(name, title, _GATE_X, y, "bce", note)


def _line() -> Dataset:
    x = np.linspace(-1.0, 1.0, 20)
    y = 2.0 * x + 1.0 + seeded.normal(LINE_SEED, x.size, sd=0.1)
    return Dataset("line", "noisy line", x.reshape(-1, 1), y, "mse",
                   "20 points near y = 2x + 1 (noise sd 0.1); fit with a linear neuron")


def _single() -> Dataset:
    return Dataset("single", "single example", [[1.0, 0.3]], [1.0], "mse",
                   "one example whose inputs and target you edit", editable=True)


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        _gate("and", "AND", [0, 0, 0, 1], "fires only when both inputs are 1"),
        _gate("or", "OR", [0, 1, 1, 1], "fires when either input is 1"),
        _gate("nand", "NAND", [1, 1, 1, 0], "fires unless both inputs are 1"),
        _gate("xor", "XOR", [0, 1, 1, 0], "fires when exactly one input is 1; no line separates it"),
        _line(),
        _single(),
    )
}
"""Every built-in dataset by name, in the order the app cycles through them."""


def get_dataset(name: str) -> Dataset:
    """Return the built-in dataset called ``name``; raise KeyError naming the valid choices."""
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}") from None

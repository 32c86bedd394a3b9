"""Where gradient descent can stop: the local minima of a neuron's cost over two parameters.

A minimum is found in two stages. A grid of the cost (``cost_surface``) shows every point lower
than its eight neighbours; Newton's method, with the exact gradient and a Hessian taken by
central differences of it, then moves each such point to where the gradient vanishes. Only a
point whose gradient is (numerically) zero and whose Hessian is positive definite counts: a
point on a shelf that merely slopes very gently is not a minimum, however flat it looks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.data.datasets import Dataset
from core.neuron.losses import Loss
from core.neuron.neuron import Neuron
from core.neuron.surface import cost_surface
from core.neuron.train import TrainState, plan_step

GRAD_TOL = 1e-10
"""A point whose gradient is smaller than this (in length) is stationary."""


@dataclass(frozen=True)
class Minimum:
    """A local minimum of the cost over parameters θᵢ and θⱼ (the others held fixed).

    Attributes:
        at: (θᵢ, θⱼ) at the minimum.
        cost: C there.
        curvature: the Hessian's eigenvalues there, smallest first (both > 0).
    """

    at: tuple[float, float]
    cost: float
    curvature: tuple[float, float]


def _state(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int,
           p: np.ndarray) -> TrainState:
    params = neuron.params.copy()
    params[[i, j]] = p
    d = neuron.n_inputs
    return TrainState(neuron=neuron.with_params(w=params[:d], b=params[d]), data=data,
                      loss=loss, lr=0.0)


def gradient(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int,
             p: np.ndarray) -> tuple[float, np.ndarray]:
    """C and (∂C/∂θᵢ, ∂C/∂θⱼ) at θᵢ, θⱼ = p, the other parameters as in ``neuron``."""
    state = _state(neuron, data, loss, i, j, np.asarray(p, float))
    return state.cost, plan_step(state).grad[[i, j]]


def hessian(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int, p: np.ndarray,
            h: float = 1e-5) -> np.ndarray:
    """The 2×2 matrix of second derivatives of C over (θᵢ, θⱼ), by central differences of the
    exact gradient, made symmetric."""
    p = np.asarray(p, float)
    rows = []
    for k in range(2):
        e = np.zeros(2)
        e[k] = h
        rows.append((gradient(neuron, data, loss, i, j, p + e)[1]
                     - gradient(neuron, data, loss, i, j, p - e)[1]) / (2 * h))
    H = np.array(rows)
    return (H + H.T) / 2


def _newton(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int,
            p: np.ndarray, iterations: int = 50, patience: int = 10) -> np.ndarray:
    """From p towards a stationary point: Newton steps where the Hessian is positive definite,
    each halved until the cost does not rise. A point where the Hessian stays indefinite or
    flat for ``patience`` steps is on a shelf or a ridge, not in a valley: it is left there."""
    flat = 0
    for _ in range(iterations):
        cost, g = gradient(neuron, data, loss, i, j, p)
        if np.hypot(*g) < GRAD_TOL:
            break
        H = hessian(neuron, data, loss, i, j, p)
        if np.all(np.linalg.eigvalsh(H) > 0):
            move, flat = -np.linalg.solve(H, g), 0
        else:
            flat += 1
            if flat >= patience:
                break
            move = -g / max(np.hypot(*g), 1.0)
        for _ in range(40):
            if gradient(neuron, data, loss, i, j, p + move)[0] <= cost:
                break
            move = move / 2
        p = p + move
    return p


def local_minima(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int,
                 along_i: np.ndarray, along_j: np.ndarray) -> list[Minimum]:
    """Every local minimum of C inside the grid ``along_i`` × ``along_j``, lowest first.

    Parameters are numbered as in ``Neuron.params``. Each candidate the grid shows is refined
    by Newton's method and kept only if it stays inside the grid's range, its gradient vanishes
    and its Hessian is positive definite; candidates that refine to the same point count once.
    """
    along_i, along_j = np.asarray(along_i, float), np.asarray(along_j, float)
    surface = cost_surface(neuron, data, loss, i, j, along_i, along_j)
    inner = surface[1:-1, 1:-1]
    lowest = np.ones(inner.shape, bool)
    rows, cols = surface.shape
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                lowest &= inner < surface[1 + dr:rows - 1 + dr, 1 + dc:cols - 1 + dc]
    found: list[Minimum] = []
    step = max(np.ptp(along_i) / along_i.size, np.ptp(along_j) / along_j.size)
    for r, c in np.argwhere(lowest) + 1:
        p = _newton(neuron, data, loss, i, j, np.array([along_i[c], along_j[r]]))
        cost, g = gradient(neuron, data, loss, i, j, p)
        inside = (along_i.min() <= p[0] <= along_i.max()) and (along_j.min() <= p[1] <= along_j.max())
        curvature = np.linalg.eigvalsh(hessian(neuron, data, loss, i, j, p))
        if not inside or np.hypot(*g) >= GRAD_TOL or curvature[0] <= 0:
            continue
        if any(np.hypot(p[0] - m.at[0], p[1] - m.at[1]) < step for m in found):
            continue
        found.append(Minimum((float(p[0]), float(p[1])), float(cost),
                             (float(curvature[0]), float(curvature[1]))))
    return sorted(found, key=lambda m: m.cost)

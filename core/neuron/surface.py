"""The cost as a function of two chosen parameters, on a grid, for maps of the landscape."""

from __future__ import annotations

import numpy as np

from core.data.datasets import Dataset
from core.neuron.losses import Loss
from core.neuron.neuron import Neuron


def cost_surface(neuron: Neuron, data: Dataset, loss: Loss, i: int, j: int,
                 along_i: np.ndarray, along_j: np.ndarray) -> np.ndarray:
    """C over the whole dataset at every (θᵢ, θⱼ) of the grid ``along_i`` × ``along_j``.

    Parameters are numbered as in ``Neuron.params``: w₁ … w_d are 0 … d−1 and b is d. Every
    other parameter keeps the neuron's value. Returns shape (len(along_j), len(along_i)): one
    row per value of θⱼ, so row 0 is the smallest θⱼ. All grid points are computed at once.
    """
    along_i = np.asarray(along_i, float)
    along_j = np.asarray(along_j, float)
    d = neuron.n_inputs
    grid_i, grid_j = np.meshgrid(along_i, along_j)
    params = np.tile(neuron.params, (grid_i.size, 1))
    params[:, i] = grid_i.ravel()
    params[:, j] = grid_j.ravel()
    with np.errstate(over="ignore", invalid="ignore"):
        z = params[:, :d] @ data.X.T + params[:, d:]
        z = np.clip(np.nan_to_num(z), -np.finfo(float).max, np.finfo(float).max)
    act = neuron.activation
    terms = loss.per_example(z, act.f(z), data.y[None, :], act)
    costs = np.sum(terms / data.n_examples, axis=1)
    return costs.reshape(along_j.size, along_i.size)

"""A layer taken apart: the weights part, the normalisation part and the non-linearity part."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import Activation
from core.networks.batchnorm import BatchNorm
from core.networks.layers import Dense


@dataclass(frozen=True, eq=False)
class LayerParts:
    """What each part of one layer made of a batch, each (n, units) but x (n, n_in).

    Attributes:
        x: the layer's input.
        z: after the weights, x·W + b.
        normed: after batch normalisation (z itself when the layer has none).
        a: after the non-linearity.
    """

    x: np.ndarray
    z: np.ndarray
    normed: np.ndarray
    a: np.ndarray


def run_layer(x: np.ndarray, weights: Dense, norm: BatchNorm | None, train: bool,
              act: Activation) -> tuple[LayerParts, BatchNorm | None]:
    """Push a batch through weights → batch norm (optional) → activation.

    In training mode the batch's own statistics normalise it and the running statistics move;
    otherwise the running statistics are used and left alone. Returns the parts and the
    normalisation as it is after this batch.
    """
    z = np.asarray(x, float) @ weights.W + weights.b
    normed, after = z, norm
    if norm is not None:
        if train:
            normed, _, after = norm.train_forward(z)
        else:
            normed = norm.eval_forward(z)
    return LayerParts(x=np.asarray(x, float), z=z, normed=normed, a=act.f(normed)), after

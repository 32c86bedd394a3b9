"""Batch normalisation: standardise each unit over the batch, then rescale by γ and shift by β.

In training, each unit's pre-activations are centred and scaled by the batch's own mean and
variance, and running averages of those statistics are kept. At inference there may be a
single example, so the running averages are used instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

BN_EPS = 1e-5
"""Added to the variance before its square root, so a constant unit does not divide by zero."""
BN_MOMENTUM = 0.1
"""How far each training batch pulls the running statistics towards its own."""


@dataclass(frozen=True, eq=False)
class BatchNorm:
    """Per-unit scale γ and shift β, with running mean and variance; shapes (units,)."""

    gamma: np.ndarray
    beta: np.ndarray
    running_mean: np.ndarray
    running_var: np.ndarray
    batches: int = 0

    @classmethod
    def fresh(cls, units: int) -> BatchNorm:
        """γ = 1, β = 0, running mean 0 and variance 1: the identity before any batch."""
        return cls(np.ones(units), np.zeros(units), np.zeros(units), np.ones(units))

    def train_forward(self, x: np.ndarray) -> tuple[np.ndarray, BNCache, BatchNorm]:
        """Normalise x (n, units) by its batch statistics.

        Returns the output, what backward needs, and this layer with its running statistics
        moved towards the batch's (the unbiased variance, as is usual).
        """
        x = np.asarray(x, float)
        n = x.shape[0]
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        inv_std = 1.0 / np.sqrt(var + BN_EPS)
        x_hat = (x - mean) * inv_std
        unbiased = var * n / (n - 1) if n > 1 else var
        moved = replace(self,
                        running_mean=(1 - BN_MOMENTUM) * self.running_mean + BN_MOMENTUM * mean,
                        running_var=(1 - BN_MOMENTUM) * self.running_var + BN_MOMENTUM * unbiased,
                        batches=self.batches + 1)
        return self.gamma * x_hat + self.beta, BNCache(x_hat, inv_std), moved

    def eval_forward(self, x: np.ndarray) -> np.ndarray:
        """Normalise x by the running statistics (inference: no batch needed)."""
        inv_std = 1.0 / np.sqrt(self.running_var + BN_EPS)
        return self.gamma * (np.asarray(x, float) - self.running_mean) * inv_std + self.beta

    def backward(self, cache: BNCache, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(∂C/∂x, ∂C/∂γ, ∂C/∂β) given ∂C/∂y for a training-mode forward.

        Every x in the batch moves the batch mean and variance, so ∂C/∂x has two correction
        terms besides the direct path: dx = (γ·inv_std/n)·(n·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)).
        """
        dy = np.asarray(dy, float)
        n = dy.shape[0]
        dgamma = np.sum(dy * cache.x_hat, axis=0)
        dbeta = dy.sum(axis=0)
        dx_hat = dy * self.gamma
        dx = (cache.inv_std / n) * (n * dx_hat - dx_hat.sum(axis=0)
                                    - cache.x_hat * np.sum(dx_hat * cache.x_hat, axis=0))
        return dx, dgamma, dbeta


@dataclass(frozen=True, eq=False)
class BNCache:
    """The standardised batch x̂ and 1/√(var + ε) per unit, kept for backward."""

    x_hat: np.ndarray
    inv_std: np.ndarray

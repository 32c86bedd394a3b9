"""Softmax and log-softmax over logits, with temperature, and softmax's Jacobian-vector product.

Both subtract the largest logit m first and only then divide by T: (zᵢ − m)/T. That changes
nothing mathematically (softmax(z + c) = softmax(z) for any constant c), but it keeps every
exponent ≤ 0, so e^x never overflows. The order matters: dividing first can overflow z/T to
the same largest float for two different logits, and they would come out tied.
"""

from __future__ import annotations

import numpy as np


def _scaled(logits: np.ndarray, temperature: float) -> np.ndarray:
    """(z − max z)/T, each ≤ 0 and the largest exactly 0.

    Where z − m itself overflows (z and m far apart with opposite signs) it is taken as
    z/T − m/T instead, which is finite when T > 1 and has no cancellation. A result too large
    to represent becomes −∞, whose exponential is exactly 0: right, since the true term is
    smaller than the smallest float.
    """
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    z = np.asarray(logits, dtype=float)
    m = np.max(z, axis=-1, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):
        d = z - m
        scaled = d / temperature
        far = np.isinf(d)
        if far.any():
            scaled = np.where(far, z / temperature - m / temperature, scaled)
    return scaled


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """pᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T) along the last axis; shape as ``logits``."""
    e = np.exp(_scaled(logits, temperature))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """ln pᵢ = (zᵢ − m)/T − ln Σⱼ e^((zⱼ − m)/T), exact even where pᵢ underflows to 0.

    The sum is 1 (the largest term) plus the rest r, and ln(1 + r) is taken as log1p(r), so a
    near-certain class keeps its tiny −r instead of rounding to 0.
    """
    shifted = _scaled(logits, temperature)
    e = np.exp(shifted)
    top = np.argmax(shifted, axis=-1)[..., None]
    np.put_along_axis(e, top, 0.0, axis=-1)
    return shifted - np.log1p(np.sum(e, axis=-1, keepdims=True))


def softmax_jvp(probs: np.ndarray, v: np.ndarray) -> np.ndarray:
    """J·v for the Jacobian J = diag(p) − p pᵀ of softmax at T = 1: pᵢ (vᵢ − Σⱼ pⱼ vⱼ).

    J is symmetric, so this is also the gradient of a cost with ∂C/∂p = v, backed through
    softmax to the logits: ∂C/∂z = Jᵀ v = J v.
    """
    p = np.asarray(probs, dtype=float)
    v = np.asarray(v, dtype=float)
    return p * (v - np.sum(p * v, axis=-1, keepdims=True))


def exp_terms(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """e^((zᵢ − max z)/T): the weights softmax normalises, each in [0, 1], the largest 1.

    A term whose exponent lies below about −745 underflows to exactly 0.
    """
    return np.exp(_scaled(logits, temperature))

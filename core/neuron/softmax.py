"""Softmax and log-softmax over logits, with temperature, and softmax's Jacobian-vector product.

Both subtract the largest logit first. That changes nothing mathematically (softmax(z + c) =
softmax(z) for any constant c), but it keeps every exponent ≤ 0, so e^x never overflows.
"""

from __future__ import annotations

import numpy as np


def _scaled(logits: np.ndarray, temperature: float) -> np.ndarray:
    """(z − max z)/T, each ≤ 0. z/T is clamped to the finite range first: a quotient that
    overflowed would otherwise give ∞ − ∞ = NaN. A difference too large to represent becomes
    −∞, whose exponential is exactly 0, which is right."""
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    big = np.finfo(float).max
    with np.errstate(over="ignore"):
        z = np.clip(np.asarray(logits, dtype=float) / temperature, -big, big)
        return z - np.max(z, axis=-1, keepdims=True)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """pᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T) along the last axis; shape as ``logits``."""
    e = np.exp(_scaled(logits, temperature))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """ln pᵢ = (zᵢ − m)/T − ln Σⱼ e^((zⱼ − m)/T), exact even where pᵢ underflows to 0."""
    shifted = _scaled(logits, temperature)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def softmax_jvp(probs: np.ndarray, v: np.ndarray) -> np.ndarray:
    """J·v for the Jacobian J = diag(p) − p pᵀ of softmax at T = 1: pᵢ (vᵢ − Σⱼ pⱼ vⱼ).

    J is symmetric, so this is also the gradient of a cost with ∂C/∂p = v, backed through
    softmax to the logits: ∂C/∂z = Jᵀ v = J v.
    """
    p = np.asarray(probs, dtype=float)
    v = np.asarray(v, dtype=float)
    return p * (v - np.sum(p * v, axis=-1, keepdims=True))


def exp_terms(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """e^((zᵢ − max z)/T): the positive weights softmax normalises, each in (0, 1]."""
    return np.exp(_scaled(logits, temperature))

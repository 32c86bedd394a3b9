"""Seeded normal draws for the lab's start, without loading numpy.random.

The lab's first screen needs a handful of random numbers (a neuron's starting weights, the noise
on the built-in line). numpy.random brings nine compiled modules with it, about 3 MB resident
and 12 ms of start-up, so these draws use Python's own Mersenne Twister for uniform bits and
turn them into normal values with the Box–Muller transform, vectorised in NumPy. The chapters
that draw whole layers of weights still use numpy.random, loaded when they open.
"""

from __future__ import annotations

import random

import numpy as np

_BITS = 53
"""Bits per uniform value: a double's mantissa, as random.random() uses."""


def uniform(seed: int, size: int) -> np.ndarray:
    """``size`` values uniform on [0, 1), the same for the same seed on every machine."""
    raw = random.Random(seed).randbytes(8 * size)
    words = np.frombuffer(raw, dtype="<u8") >> np.uint64(64 - _BITS)
    return words * (2.0 ** -_BITS)


def normal(seed: int, size: int, sd: float = 1.0) -> np.ndarray:
    """``size`` values from N(0, sd²), drawn from ``seed`` by the Box–Muller transform."""
    pairs = (size + 1) // 2
    u = uniform(seed, 2 * pairs)
    radius = np.sqrt(-2.0 * np.log1p(-u[:pairs]))  # 1 − u lies in (0, 1]: the log is finite
    angle = 2.0 * np.pi * u[pairs:]
    values = np.concatenate([radius * np.cos(angle), radius * np.sin(angle)])
    return sd * values[:size]

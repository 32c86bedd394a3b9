"""Reused buffers for batch-sized arrays, so a training step does not map fresh memory each time.

A step on 100,000 examples makes a few arrays of 800 KB. Allocations that large are mapped
fresh from the operating system and every page faults in on first touch, which costs more than
the arithmetic itself. The pool below hands out arrays it made before, but only one that
nothing else refers to any more (no record, view or caller holds it), so a buffer is never
shared by two live results.
"""

from __future__ import annotations

import sys

import numpy as np

MIN_SIZE = 4096
"""Arrays smaller than this come from NumPy directly: its own small-block cache serves them."""
KEEP = 8
"""Buffers remembered per length; older ones are simply left to their owners."""

_pools: dict[int, list[np.ndarray]] = {}


def _first_free(pool: list[np.ndarray], free: int) -> int:
    """Index of the first buffer whose reference count, seen from here, is ``free``; or −1."""
    for i, buffer in enumerate(pool):
        if sys.getrefcount(buffer) == free:
            return i
    return -1


def _calibrate() -> int | None:
    """The count :func:`_first_free` sees for a buffer only the pool holds, measured rather
    than assumed (interpreters differ); None, which turns pooling off, if a buffer held
    elsewhere cannot be told apart from a free one."""
    pool = [np.empty(1)]
    free = next((c for c in range(1, 8) if _first_free(pool, c) == 0), None)
    held = pool[0]
    if free is None or _first_free(pool, free) != -1:
        return None
    del held
    return free


_FREE = _calibrate()


def take(n: int) -> np.ndarray:
    """A float64 array of length ``n`` whose contents are undefined; the caller fills it."""
    if n < MIN_SIZE or _FREE is None:
        return np.empty(n)
    pool = _pools.setdefault(n, [])
    i = _first_free(pool, _FREE)
    if i >= 0:
        return pool[i]
    buffer = np.empty(n)
    pool.append(buffer)
    if len(pool) > KEEP:
        del pool[0]
    return buffer

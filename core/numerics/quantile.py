"""One quantile of an array, exactly as ``np.quantile`` gives it, without loading numpy.ma.

``np.quantile`` finds its order statistics through ``np.unique``, which asks
``np.ma.is_masked`` and so loads numpy.ma (1.2 MB more at the end of the book's 100-key
walk), for the 99th percentile that chapters 7 and 8 put at the ends of their strips' axes.
"""

from __future__ import annotations

import numpy as np


def quantile(values: np.ndarray, q: float) -> float:
    """The ``q``-quantile (0 ≤ q ≤ 1) of ``values``, flattened: NumPy's default ("linear",
    the 7th method of Hyndman and Fan) with the same arithmetic, so the same digits.

    The value at position (n − 1)·q of the sorted values, read between its two neighbours;
    nan if any value is nan. Raises ValueError for no values or q outside [0, 1].
    """
    v = np.array(values, dtype=float).ravel()  # a copy: partition reorders it
    n = v.size
    if n == 0 or not 0.0 <= q <= 1.0:
        raise ValueError("a quantile needs at least one value and 0 ≤ q ≤ 1")
    at = np.float64(n - 1) * np.float64(q)
    below = n - 1 if at >= n - 1 else int(np.floor(at))
    above = min(below + 1, n - 1)
    v.partition(sorted({0, below, above, n - 1}))  # after it, the largest (or a nan) is last
    if np.isnan(v[-1]):
        return float("nan")
    # at the top NumPy reads the largest value twice, from position −1
    a, b, t = v[below], v[above], at - np.float64(-1 if at >= n - 1 else below)
    diff = b - a
    return float(b - diff * (1 - t)) if t >= 0.5 else float(a + diff * t)

"""Reference values in 60-digit decimal arithmetic, independent of the float code under test."""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np

DIGITS = 60
BIG = Decimal(float(np.finfo(float).max))


def _to_float(d: Decimal) -> float:
    """A decimal rounded to the nearest float, ±∞ past the largest one."""
    if d > BIG:
        return float("inf")
    if d < -BIG:
        return float("-inf")
    return float(d)


def softmax_and_log(z: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
    """softmax(z/T) and log-softmax(z/T) of a 1-D vector, each value rounded to a float once."""
    with localcontext() as ctx:
        ctx.prec = DIGITS
        zs = [Decimal(float(v)) for v in z]
        m = max(zs)
        shifted = [(v - m) / Decimal(float(t)) for v in zs]
        terms = [s.exp() for s in shifted]
        top = shifted.index(0)  # the largest term, exactly e^0 = 1
        rest = sum((e for i, e in enumerate(terms) if i != top), Decimal(0))
        total = 1 + rest
        # ln(1 + r) by its series when r is tiny: 60 digits of 1 + r would drop r's digits
        log_total = total.ln() if rest > Decimal("1e-10") else rest - rest**2 / 2 + rest**3 / 3
        p = [_to_float(e / total) for e in terms]
        lp = [_to_float(s - log_total) for s in shifted]
    return np.array(p), np.array(lp)


def sech_squared(z: float) -> float:
    """tanh′(z) = 1 − tanh²(z) = 4 / (e^z + e^(−z))², rounded to a float once."""
    if abs(z) > 1000:
        return 0.0  # below 1e−868, far under the smallest float
    with localcontext() as ctx:
        ctx.prec = DIGITS
        e = Decimal(float(z)).exp()
        return _to_float(4 / (e + 1 / e) ** 2)

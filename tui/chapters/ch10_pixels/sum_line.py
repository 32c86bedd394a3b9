"""z = w·x + b for 64 inputs, written as its largest terms, the rest, and b, so that the
equation holds with the digits it prints."""

from __future__ import annotations

import numpy as np
from rich.text import Text

from tui.drawing.palette import Palette
from tui.values.numbers import MINUS

TOP = 3
"""Terms wᵢxᵢ written out one by one."""


def _signed(x: float, first: bool = False) -> str:
    """'1.234' first, then '+ 1.234' or '− 1.234'."""
    text = f"{abs(x):.3f}"
    if first:
        return (MINUS + text) if x < 0 else text
    return f"{MINUS if x < 0 else '+'} {text}"


def sum_parts(terms: np.ndarray, b: float, z: float) -> tuple[list[float], float, float, float]:
    """The largest |wᵢxᵢ| (rounded to 3 places), the rest, b and z, each rounded so that the
    printed top terms + rest + b equal the printed z exactly."""
    order = np.argsort(-np.abs(terms), kind="stable")[:TOP]
    top = [round(float(terms[i]), 3) for i in order]
    b_r, z_r = round(float(b), 3), round(float(z), 3)
    rest = round(z_r - sum(top) - b_r, 3)
    return top, rest, b_r, z_r


def sum_lines(terms: np.ndarray, b: float, z: float, a: float, width: int,
              pal: Palette) -> list[Text]:
    """Two lines: the top terms, then the rest, b and z (a is beside the images)."""
    top, rest, b_r, z_r = sum_parts(terms, b, z)
    if not all(np.isfinite([*top, rest, b_r, z_r])):
        return [Text("z = w·x + b = —"), Text("")]
    n_rest = terms.size - len(top)
    first = "z = w·x + b = " + " ".join(_signed(t, i == 0) for i, t in enumerate(top))
    second = (f"  {_signed(rest)} ({n_rest} more) {_signed(b_r)} (b) = "
              f"{_signed(z_r, True)}")
    if len(first) > width:
        first = "z = " + " ".join(_signed(t, i == 0) for i, t in enumerate(top))
    return [Text(first), Text(second)]

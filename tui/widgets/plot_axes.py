"""Plot axes whose ticks are round numbers, each on the row or column that holds its value.

plotext places a tick label by rounding its value onto the character rows, but draws the data
in braille dots, four to a row and two to a column, rounded onto *those*. The two roundings
disagree by up to half a row, and plotext's own ticks (the limits split in five) are rarely
round: a cost of 0.685 was drawn on the row labelled 0.83, and 0.50 lost its row to 0.67.

Here the ticks are multiples of a round step (1, 2, 2.5 or 5 × 10ᵏ), a whole number of cells
apart, and the axis limits handed to plotext are stretched so that each tick value falls on
the centre of a braille cell. There both roundings agree: a tick's label sits on the row (or
under the column) where a dot of that value is drawn. A single-character marker (● or •) is
placed by plotext's character rounding, so its value is first moved to the centre of the
cell its dot would fill (:func:`snap`), and it lands in the same cell as the curve through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable


MANTISSAS = (1.0, 2.0, 2.5, 5.0)
"""Tick steps are one of these times a power of ten."""
Y_DOTS, X_DOTS = 4, 2
"""Braille dots per character cell, down and across."""
HIGH_RESOLUTION = frozenset({"braille", "hd", "fhd"})
"""plotext's markers drawn in sub-cell dots; any other marker is one character."""


@dataclass(frozen=True)
class Axis:
    """One axis as plotext draws it: its limits, and the ticks with their labels.

    ``cells`` is the number of character rows (or columns) of the plot's canvas, ``dots`` the
    braille dots per cell along the axis.
    """

    lim: tuple[float, float]
    ticks: tuple[float, ...]
    labels: tuple[str, ...]
    cells: int
    dots: int

    def cell(self, value: float) -> int:
        """The cell a braille dot of ``value`` is drawn in (plotext's rounding)."""
        bins = self.cells * self.dots
        t = (value - self.lim[0]) / (self.lim[1] - self.lim[0])
        return math.floor(round(0.5 + (bins - 1) * t, 8)) // self.dots

    def centre(self, cell: int) -> float:
        """The value plotext's character rounding puts exactly on ``cell``."""
        if self.cells < 2:
            return (self.lim[0] + self.lim[1]) / 2
        return self.lim[0] + (self.lim[1] - self.lim[0]) * cell / (self.cells - 1)


def _span(lo: float, hi: float) -> tuple[float, float]:
    """The range to show, widened as plotext widens an empty one."""
    if lo > hi:
        lo, hi = hi, lo
    if lo == hi:
        return (-1.0, 1.0) if lo == 0 else tuple(sorted((0.5 * lo, 1.5 * lo)))
    return lo, hi


def _steps(smallest: float):
    """Round steps from about ``smallest`` upwards."""
    exponent = math.floor(math.log10(smallest)) - 1
    while True:
        for mantissa in MANTISSAS:
            yield mantissa * 10.0 ** exponent
        exponent += 1


def label(value: float, decimals: int) -> str:
    """A tick label: fixed decimals, a true minus sign, no "−0"."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def _decimals(step: float) -> int:
    """The fewest decimals that write every multiple of ``step`` exactly."""
    for d in range(0, 16):
        if abs(round(step, d) - step) <= step * 1e-9:
            return d
    return 16


LabelsFit = Callable[[tuple[float, ...], tuple[str, ...], list[int]], bool]
"""Whether the labels of these ticks, on these cells, would all be drawn, each under its tick."""


def plan_axis(lo: float, hi: float, cells: int, dots: int, min_gap: int,
              labels_fit: LabelsFit | None = None) -> Axis:
    """Ticks for values from ``lo`` to ``hi`` on an axis of ``cells`` cells.

    The step is the smallest round one that leaves at least ``min_gap`` cells between ticks
    and, for an x axis, lets every label be drawn (``labels_fit``), the first tick moved in by
    a few cells if its label needs the room. The limits are stretched to put every tick on a
    cell centre.
    """
    lo, hi = _span(lo, hi)
    if cells < 2:
        return bare_axis(lo, hi, max(cells, 0), dots)
    for step in _steps((hi - lo) / (cells - 1)):
        if step > 10 * (hi - lo):  # no labels fit, however few: an axis without ticks
            return bare_axis(lo, hi, cells, dots)
        first = math.floor(lo / step + 1e-9) * step
        count = round((math.ceil(hi / step - 1e-9) * step - first) / step) + 1
        if count > 2 and (count - 1) * max(min_gap, 1) > cells - 1:
            continue  # too many ticks for the cells, whatever their labels
        ticks = tuple(first + k * step for k in range(count))
        labels = tuple(label(tick, _decimals(step)) for tick in ticks)
        placed = _place(ticks, labels, cells, min_gap, labels_fit)
        if placed is not None:
            break
    first_cell, gap, count = placed
    # the value at each matrix coordinate: tick k sits at the centre of cell first_cell + k·gap
    per_dot = step / (gap * dots)
    start = first - per_dot * (first_cell * dots + (dots - 1) / 2)
    return Axis((start, start + per_dot * (cells * dots - 1)), ticks[:count], labels[:count],
                cells, dots)


def bare_axis(lo: float, hi: float, cells: int, dots: int) -> Axis:
    """An axis with no ticks over ``lo`` to ``hi`` (widened if empty)."""
    return Axis(_span(lo, hi), (), (), cells, dots)


def _place(ticks: tuple[float, ...], labels: tuple[str, ...], cells: int, min_gap: int,
           labels_fit: LabelsFit | None) -> tuple[int, int, int] | None:
    """The first tick's cell, the cells between ticks and how many ticks to show, or None if
    these labels do not fit.

    Labels side by side are kept far enough apart to be centred under their ticks (plotext
    moves a label that comes near another). Failing two ticks, the first alone will do; a
    plot too narrow for even that gets no ticks (plan_axis stops looking).
    """
    count = len(labels)
    widest = max(len(text) for text in labels) if labels_fit else 0  # digits, ".", "−": a cell each
    spaced = widest + (widest - 1) // 2 + 1 if labels_fit else 0
    for first_cell in range(0, widest // 2 + 1):
        gap = (cells - 1 - first_cell) // max(count - 1, 1)
        if gap < max(min_gap, spaced, 1) and not (count <= 2 and gap >= 1):
            return None
        if labels_fit is None or labels_fit(ticks, labels, [first_cell + k * gap
                                                            for k in range(count)]):
            return first_cell, gap, count
    if count <= 2:  # a plot too narrow for two labels: the first alone, if it fits
        for first_cell in range(0, widest // 2 + 1):
            if labels_fit is None or labels_fit(ticks[:1], labels[:1], [first_cell]):
                return first_cell, max(cells - 1 - first_cell, 1), 1
    return None


def snap(values: list[float], lim: tuple[float, float], cells: int, dots: int) -> list[float]:
    """Each value moved to the centre of the cell its braille dot would fill on an axis with
    these limits, for a marker plotext places by whole characters. Values off the axis (and
    any not finite) are left as they are: they are not drawn."""
    if cells < 1 or not lim[1] > lim[0]:
        return values
    axis = Axis(lim, (), (), cells, dots)
    span = lim[1] - lim[0]
    return [axis.centre(axis.cell(v)) if lim[0] - span <= v <= lim[1] + span else v
            for v in values]

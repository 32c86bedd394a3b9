"""Cost curves over steps whose axes move rarely, so a step redraws only the curve's new end.

The axes are plotext's drawing, kept while the limits hold; the curves are drawn over them
(``PlotSpec.overlay``). The x axis runs to the next round number of steps (1, 2 or 5 × 10ᵏ)
and the y axis from a floor to a round value above every point, so a step changes them only
when the curve outgrows them.
"""

from __future__ import annotations

import math

from tui.widgets.plot import PlotSpec, Series


def round_up(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ᵏ at or above ``value`` (at least 1)."""
    if not math.isfinite(value) or value <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def curves(series: list[Series], y_floor: float, y_top: float) -> PlotSpec:
    """``series`` (over steps) on axes from 0 and ``y_floor`` to round limits that hold them all.

    ``y_top`` is the least top the y axis takes (the start's cost, say); a point above it raises
    the top to the next tenth.
    """
    xs = [x for s in series for x in s.x if math.isfinite(x)]
    ys = [y for s in series for y in s.y if math.isfinite(y)]
    top = max([y_top, *ys])
    top = y_top if top <= y_top else math.ceil(top * 10.0) / 10.0
    return PlotSpec(xlim=(0.0, round_up(max(xs, default=1.0))), ylim=(y_floor, top),
                    overlay=tuple(series))

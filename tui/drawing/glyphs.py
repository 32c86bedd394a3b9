"""Text pictures for panes too small for a plot: histogram strips and shaded maps."""

from __future__ import annotations

import numpy as np

BLOCKS = " ▁▂▃▄▅▆▇█"
"""Column heights from empty to full, one character tall."""
LOW_RAMP = " .:"
HIGH_RAMP = "+*#"
"""Shades of a map: LOW_RAMP from far below its threshold (blank) to just below it,
HIGH_RAMP from just above it to far above."""


def histogram_strip(counts: np.ndarray) -> str:
    """One character per bin, its height the bin's count relative to the fullest bin.

    A bin with any count at all shows at least ▁, so a thin tail is never invisible.
    """
    counts = np.asarray(counts, float)
    top = counts.max() if counts.size else 0.0
    if top <= 0:
        return " " * counts.size
    levels = np.ceil(counts / top * (len(BLOCKS) - 1)).astype(int)
    return "".join(BLOCKS[v] for v in levels)


def shade(values: np.ndarray, lo: float, hi: float, threshold: float) -> list[str]:
    """Rows of a map of ``values`` (rows, cols) in [lo, hi]: blank, '.', ':' at or below the
    threshold and '+', '*', '#' above it, so the boundary shows without colour."""
    v = np.clip(np.asarray(values, float), lo, hi)
    below = np.clip(((v - lo) / max(threshold - lo, 1e-300) * len(LOW_RAMP)).astype(int),
                    0, len(LOW_RAMP) - 1)
    above = np.clip(((v - threshold) / max(hi - threshold, 1e-300) * len(HIGH_RAMP)).astype(int),
                    0, len(HIGH_RAMP) - 1)
    chars = np.where(v <= threshold, np.array(list(LOW_RAMP))[below],
                     np.array(list(HIGH_RAMP))[above])
    return ["".join(row) for row in chars]


EIGHTHS = " ▏▎▍▌▋▊▉"
"""Partial cells of a horizontal bar, in eighths."""


def bar(fraction: float, width: int) -> str:
    """A horizontal bar ``width`` cells long filled to ``fraction`` (0–1), in eighths of a cell,
    padded with ``·`` so its full length shows; a non-zero fraction shows at least ▏."""
    f = min(max(float(fraction), 0.0), 1.0) if fraction == fraction else 0.0
    eighths = int(round(f * width * 8))
    if f > 0 and eighths == 0:
        eighths = 1
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text + "·" * (width - len(text))

"""The big map's rows: a neuron's output over the plane, the points on it, a cursor, and axes."""

from __future__ import annotations

import numpy as np
from rich.style import Style

from core.data.planar import PlanarData
from tui.playground.colours import MapScale
from tui.playground.grids import Grid
from tui.playground.rows import Pixels, Row, Run
from tui.values.numbers import MINUS

POINT_GLYPHS = {2: "−+", 3: "012"}
"""A point's glyph by class: − and + for Playground's two classes, digits for three."""
REGRESSION_GLYPH = "•"
CURSOR = "╋"
SHOWN = ("train", "train + test", "test", "none")
"""Which points the map marks; t steps through them."""


def tick(value: float) -> str:
    """An axis value as short as it stays exact enough: 6, −0.5, 1.2."""
    text = f"{value:.2g}" if abs(value) < 10 else f"{value:.0f}"
    return "0" if text in ("-0", "0.0", "-0.0") else text.replace("-", MINUS)


def point_cells(data: PlanarData, grid: Grid, shown: str) -> dict[tuple[int, int], tuple[str, bool]]:
    """Where the points ``shown`` asks for fall: (row, column) → (glyph, is a test point).
    A point's glyph is its class (− +, or 0 1 2; • for a number to fit); test points are drawn
    after training points and win a shared cell."""
    cells: dict[tuple[int, int], tuple[str, bool]] = {}
    glyphs = POINT_GLYPHS.get(data.n_classes, REGRESSION_GLYPH)
    for part in [p for p in ("train", "test") if p in shown]:
        points, labels = data.part(part)
        for (x, y), label in zip(points, labels):
            col, prow = grid.pixel(x, y)
            cells[(prow // 2, col)] = (glyphs[int(label)] if data.n_classes else glyphs,
                                       part == "test")
    return cells


def point_marks(cells: dict[tuple[int, int], tuple[str, bool]], lv: np.ndarray,
                scale: MapScale) -> dict[tuple[int, int], tuple[str, Style]]:
    """Each point's glyph in black or white on the map's own colour in its cell, so the map
    still shows what the network predicts there and the glyph what the point is; test points
    underlined."""
    return {(r, c): (glyph, scale.mark(int(lv[2 * r, c]), bold=True, underline=test))
            for (r, c), (glyph, test) in cells.items()}


def map_rows(lv: np.ndarray, grid: Grid, scale: MapScale, marks: dict, width: int) -> list[Row]:
    """Rows of the map ``lv`` (2·rows, cols levels) with tick labels left and below, centred
    in ``width`` cells."""
    x_lo, x_hi, y_lo, y_hi = grid.domain
    labels = {0: tick(y_hi), grid.rows // 2: tick((y_lo + y_hi) / 2), grid.rows - 1: tick(y_lo)}
    left = tick_width(grid.domain)
    pad = " " * max((width - left - grid.cols) // 2, 0)
    top, bottom = lv[0::2], lv[1::2]
    marked: dict[int, list[int]] = {}
    for r, c in marks:
        marked.setdefault(r, []).append(c)
    rows: list[Row] = []
    for r in range(grid.rows):
        pieces: list = [Run(pad + labels.get(r, "").rjust(left - 1) + " ")]
        x = 0
        for c in sorted(marked.get(r, ())):
            if c > x:
                pieces.append(Pixels.of(top[r, x:c], bottom[r, x:c], scale))
            pieces.append(Run(*marks[(r, c)]))
            x = c + 1
        if x < grid.cols:
            pieces.append(Pixels.of(top[r, x:], bottom[r, x:], scale))
        rows.append(tuple(pieces))
    lo, mid, hi = tick(x_lo), tick((x_lo + x_hi) / 2), tick(x_hi)
    axis = [" "] * grid.cols
    for at, text in ((0, lo), (grid.cols // 2 - len(mid) // 2, mid), (grid.cols - len(hi), hi)):
        axis[at:at + len(text)] = list(text)
    rows.append((Run(pad + " " * left + "".join(axis[:grid.cols])),))
    return rows


def tick_width(domain: tuple[float, float, float, float]) -> int:
    """Cells the x₂ tick labels take, with the space after them."""
    y_lo, y_hi = domain[2], domain[3]
    return max(len(tick(v)) for v in (y_lo, (y_lo + y_hi) / 2, y_hi)) + 1


def map_size(width: int, height: int, domain: tuple[float, float, float, float]) -> tuple[int, int]:
    """(cols, rows) of the largest map with square pixels that fits in ``width`` × ``height``
    cells beside its tick labels and above its x₁ ticks."""
    x_lo, x_hi, y_lo, y_hi = domain
    aspect = (x_hi - x_lo) / (y_hi - y_lo)
    rows = max(height - 1, 2)
    cols = max(int(round(2 * rows * aspect)), 2)
    room = max(width - tick_width(domain), 4)
    if cols > room:
        cols = room
        rows = max(int(round(cols / aspect / 2)), 2)
    return cols, min(rows, max(height - 1, 2))

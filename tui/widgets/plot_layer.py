"""A plot drawn once by plotext, kept as cells, with points and lines drawn over it later.

A training step moves the activation plot's markers but not its curve, axes or ticks, and adds
one point to the cost curve but leaves its axes be. Drawing all of that again costs
milliseconds of plotext; drawing only what moved over a kept copy costs a fraction of that.

What is drawn over is placed as plotext places it, in the order its build uses: plotext's own
coordinate rounding, then its line joining (plotext's own for a short line, done with NumPy
for a long one, five times faster than plotext's per-point Python and checked against it) and
braille grouping, the same cells dropped outside the canvas, later series over earlier ones; a
changed row is styled as plotext's colour codes for it read. A line that grows by a point
(the cost curve, each step) adds only its new segment to the dots it lit before. This reads
plotext 5.x's figure matrix, so tests compare the result with plotext drawing everything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rich.style import Style
from rich.text import Text

from tui.drawing.plotext_module import plotext

Cell = tuple[str, object, object, object]
"""One character cell: the character, its foreground, its style and its background (plotext's)."""


@dataclass(frozen=True)
class Overdraw:
    """Points to draw over a kept plot, in its axis units; ``lines`` joins them in order."""

    xs: list[float]
    ys: list[float]
    marker: str
    colour: object
    lines: bool = False


@dataclass(frozen=True)
class Canvas:
    """Where plotext put the data area, and the axis limits it maps onto that area."""

    col: int
    row: int
    width: int
    height: int
    xlim: tuple[float, float]
    ylim: tuple[float, float]


class PlotLayer:
    """The lines of a finished plotext plot, and the cells they were written from."""

    def __init__(self, lines: list[Text], cells: list[list[Cell]], canvas: Canvas | None) -> None:
        self.lines = lines
        self._cells = cells  # top row first, as the lines are
        self._canvas = canvas
        self._drawn: dict[int, tuple[dict, Text]] = {}  # rows last drawn over: marks, row
        self._lines_drawn: dict[int, _Line] = {}  # lines last drawn over, by their set's place

    @classmethod
    def failed(cls, message: str) -> PlotLayer:
        """A plot plotext could not draw: one line saying so, and nothing drawn over it."""
        return cls([Text(message)], [], None)

    @classmethod
    def capture(cls, ansi: str, height: int, xlim: tuple[float, float] | None,
                ylim: tuple[float, float] | None) -> PlotLayer:
        """Keep the plot plotext has just built (its text is ``ansi``).

        Points can be drawn over it only when both limits were fixed, since plotext would
        otherwise have chosen limits that depend on the points themselves.
        """
        lines = Text.from_ansi(ansi).split("\n")[:height]
        if xlim is None or ylim is None:
            return cls(lines, [], None)
        matrix = plotext()._core._figure.monitor.matrix
        cells = [list(zip(matrix.marker[r], matrix.fullground[r], matrix.style[r],
                          matrix.background[r])) for r in reversed(matrix.Rows)]
        canvas = Canvas(matrix.Cols_canvas.start, matrix.Rows_canvas.start,
                        len(matrix.Cols_canvas), len(matrix.Rows_canvas), xlim, ylim)
        return cls(lines, cells[:height], canvas)

    @property
    def canvas(self) -> Canvas | None:
        """Where the data area lies and the limits it maps, if points can be drawn over it."""
        return self._canvas

    @property
    def takes_overlay(self) -> bool:
        """Whether :meth:`drawn_over` can draw over this plot."""
        return self._canvas is not None and self._canvas.width > 0 and self._canvas.height > 0

    def drawn_over(self, sets: list[Overdraw]) -> list[Text]:
        """The lines with each set drawn over them, in order.

        Only rows that gain a mark are written again; the rest are the kept lines themselves.
        """
        if not sets or not self.takes_overlay:
            return list(self.lines)
        no_color = plotext()._utility.no_color

        rows = len(self._cells)
        marked: dict[int, dict[int, tuple[str, object]]] = {}  # line → column → mark, later last
        for place, drawing in enumerate(sets):
            colour = drawing.colour
            for col, row, char in self._marks(drawing, place):
                line = rows - 1 - row
                if 0 <= line < rows:
                    marked.setdefault(line, {})[col] = (char, colour)
        lines, drawn = list(self.lines), {}
        for line, marks in marked.items():
            kept = self._drawn.get(line)
            if kept is None or kept[0] != marks:
                cells = list(self._cells[line])
                for col, (char, colour) in marks.items():
                    cells[col] = (char, colour, no_color, cells[col][3])
                kept = (marks, _row_text(cells))
            drawn[line] = kept
            lines[line] = kept[1]
        self._drawn = drawn
        return lines

    def _marks(self, d: Overdraw, place: int | None = None) -> list[tuple[int, int, str]]:
        """Matrix (column, row, character) of each mark inside the canvas, as plotext finds them.

        A line that continues the line drawn last in the same ``place`` among the sets (a cost
        curve one step longer) is drawn by adding its new segments to that one.
        """
        ut = plotext()._utility

        c = self._canvas
        xf, yf = ut.marker_factor(d.marker, 2, 2, 2), ut.marker_factor(d.marker, 2, 3, 4)
        if d.lines:
            cells = self._line_cells(d, xf, yf, place)
        else:
            x, y = self._matrix(d, xf, yf)
            if not x:
                return []
            xa, ya = _placed(x, y)
            cells = _cells(xa.tolist(), ya.tolist(), d.marker, xf, yf)
        return [(c.col + i, c.row + j, char) for (i, j), char in cells.items()
                if 0 <= i < c.width and 0 <= j < c.height]

    def _matrix(self, d: Overdraw, xf: int, yf: int, start: int = 0) -> tuple[list, list]:
        """plotext's matrix coordinates of the points of ``d`` from ``start`` on."""
        ut = plotext()._utility

        c = self._canvas
        x = ut.get_matrix_data(_near(d.xs[start:], c.xlim), list(c.xlim), c.width * xf)
        y = ut.get_matrix_data(_near(d.ys[start:], c.ylim), list(c.ylim), c.height * yf)
        return x, y

    def _line_cells(self, d: Overdraw, xf: int, yf: int,
                    place: int | None) -> dict[tuple[int, int], str]:
        """The cells line ``d`` passes through, each with its character."""
        ut = plotext()._utility

        kept = self._lines_drawn.pop(place, None)
        if kept is not None and kept.continued_by(d):
            x, y = self._matrix(d, xf, yf, start=len(kept.xs))
            if _plain(x) and _plain(y):  # plotext joins the last point to the new ones
                x, y, _ = ut.get_lines([kept.end[0], *x], [kept.end[1], *y], [0] * (len(x) + 1))
                kept.extend(d, x, y)
                self._lines_drawn[place] = kept
                return kept.cells()
        x, y = self._matrix(d, xf, yf)
        if not x:
            return {}
        if not (_plain(x) and _plain(y)):  # a point plotext could not place (nan): its own
            x, y, _ = ut.get_lines(x, y, [0] * len(x))  # joining, point by point
            xa, ya = _placed(x, y)
            return _cells(xa.tolist(), ya.tolist(), d.marker, xf, yf)
        if len(x) > JOINED_BY_NUMPY:
            xa, ya = _joined(np.array(x, dtype=np.int64), np.array(y, dtype=np.int64))
            x, y = xa.tolist(), ya.tolist()
        else:
            x, y, _ = ut.get_lines(x, y, [0] * len(x))
        line = _Line(d, xf, yf)
        line.extend(d, x, y)
        if place is not None:
            self._lines_drawn[place] = line
        return line.cells()


class _Line:
    """A line drawn over a plot, kept as the sub-cell dots it lit, cell by cell, so that a
    line continuing it is drawn by adding only its new segments (each point joined to the next
    lights the same dots whatever comes before or after it)."""

    def __init__(self, d: Overdraw, xf: int, yf: int) -> None:
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.marker, self.colour, self.xf, self.yf = d.marker, d.colour, xf, yf
        self.end = (0, 0)  # the matrix point of the last point
        self.dots: dict[tuple[int, int], int] = {}  # cell → bit mask of its lit dots

    def continued_by(self, d: Overdraw) -> bool:
        """Whether ``d`` is this line, the same marker and colour, with points added at its end."""
        n = len(self.xs)
        return (d.lines and d.marker == self.marker and d.colour == self.colour
                and len(d.xs) >= n and d.xs[:n] == self.xs and d.ys[:n] == self.ys)

    def extend(self, d: Overdraw, x: list[int], y: list[int]) -> None:
        """Light dots (x, y), the matrix points of ``d`` from this line's end on."""
        _light(self.dots, x, y, self.xf, self.yf)
        self.xs, self.ys, self.end = list(d.xs), list(d.ys), (x[-1], y[-1])

    def cells(self) -> dict[tuple[int, int], str]:
        """Each lit cell with its character."""
        return _characters(self.dots, self.marker, self.xf, self.yf)


def _cells(x: list[int], y: list[int], marker: str, xf: int, yf: int) -> dict[tuple[int, int], str]:
    """The cells points (x, y) fall in, each with its character."""
    return _characters(_light({}, x, y, xf, yf), marker, xf, yf)


def _light(dots: dict[tuple[int, int], int], x: list[int], y: list[int], xf: int,
           yf: int) -> dict[tuple[int, int], int]:
    """Add dots (x, y) to ``dots``: the cell each falls in, with a bit for its place in the
    cell (bit (yf−1−row)·xf + col), as plotext's ``hd_group`` groups them. (A dict rather
    than ``np.unique``, which loads numpy.ma: 1.7 MB for a few hundred points.)"""
    for i, j in zip(x, y):
        cell = (i // xf, j // yf)
        dots[cell] = dots.get(cell, 0) | 1 << ((yf - 1 - j % yf) * xf + i % xf)
    return dots


def _characters(dots: dict[tuple[int, int], int], marker: str, xf: int,
                yf: int) -> dict[tuple[int, int], str]:
    """Each cell of ``dots`` with its character: the marker itself, or for a marker made of
    dots (xf × yf to a cell) the one for the dots lit in that cell."""
    if xf * yf == 1:
        return dict.fromkeys(dots, marker)
    table = _hd_table(xf, yf)
    return {cell: table[mask] for cell, mask in dots.items()}


JOINED_BY_NUMPY = 200
"""A line of more points than this is joined with NumPy (:func:`_joined`), a shorter one by
plotext's own ``get_lines``: NumPy's functions for it are 384 kB of its code the lab would
otherwise never read (its first step joins a cost curve of two points)."""

FAR = 1 << 40
"""Matrix coordinates beyond ±this are far off any canvas; they are clamped here, and dropped."""


def _near(values: list[float], lim: tuple[float, float]) -> list[float]:
    """``values`` with those far beyond ``lim`` brought to a millionth of FAR spans from it:
    still off the canvas by as much as any screen holds, and small enough for plotext's
    rounding, which multiplies by 10⁸ and overflows past about 10³⁰⁰."""
    lo, hi = lim
    reach = (hi - lo) * FAR * 1e-6
    return [min(max(v, lo - reach), hi + reach) for v in values]


def _plain(values: list) -> bool:
    """Whether every coordinate is an int near enough to the canvas to join lines from."""
    return all(type(v) is int and -FAR < v < FAR for v in values)


def _placed(x: list, y: list) -> tuple[np.ndarray, np.ndarray]:
    """The points plotext could place, as integer arrays clamped to ±FAR (still off canvas)."""
    def clamp(v: int) -> int:
        return min(max(v, -FAR), FAR)

    pairs = [(clamp(i), clamp(j)) for i, j in zip(x, y) if type(i) is int and type(j) is int]
    xy = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return xy[:, 0], xy[:, 1]


def _joined(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """plotext's ``get_lines`` over integer points, vectorised: each pair joined by
    max(|dx|, |dy|) + 1 evenly spaced points truncated to integers, its last point left to the
    next pair, and the final point kept."""
    if len(x) < 2:
        return x, y
    dx, dy = np.diff(x), np.diff(y)
    n = np.maximum(np.abs(dx), np.abs(dy)) + 1  # points per pair, its end included
    pair = np.repeat(np.arange(len(n)), n - 1)  # the end of each pair is dropped
    k = np.arange(len(pair)) - np.repeat(np.cumsum(n - 1) - (n - 1), n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sx = np.where(n > 1, dx / (n - 1), 0.0)
        sy = np.where(n > 1, dy / (n - 1), 0.0)
    # lower + k * slope, as plotext's linspace computes it, then int() truncation
    xs = (x[pair] + k * sx[pair]).astype(np.int64)
    ys = (y[pair] + k * sy[pair]).astype(np.int64)
    return np.append(xs, x[-1]), np.append(ys, y[-1])


@lru_cache(maxsize=4)
def _hd_table(xf: int, yf: int) -> tuple[str, ...]:
    """The marker for each set of sub-cell dots, as a bit mask (bit (yf−1−row)·xf + col)."""
    ut = plotext()._utility

    n = xf * yf
    return tuple(ut.get_hd_marker(tuple((bits >> i) & 1 for i in range(n)))
                 for bits in range(1 << n))


def _row_text(cells: list[Cell]) -> Text:
    """One row as plotext writes it: each run of cells in one colour, styled as plotext's
    colour code for it reads."""
    text = Text()
    start = 0
    for col in range(1, len(cells) + 1):
        if col == len(cells) or cells[col][1:] != cells[start][1:]:
            colours = (tuple(c) if isinstance(c, list) else c for c in cells[start][1:])
            text.append("".join(cell[0] for cell in cells[start:col]), _style(*colours))
            start = col
    return text


@lru_cache(maxsize=256)
def _style(fg: object, style: object, bg: object) -> Style | None:
    """The Rich style plotext's colour code for these colours stands for (None: no colour)."""
    ut = plotext()._utility
    spans = Text.from_ansi(ut.colors_to_ansi(fg, style, bg) + "x" + ut.ansi_end).spans
    return spans[0].style if spans else None

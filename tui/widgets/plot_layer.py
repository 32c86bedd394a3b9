"""A plot drawn once by plotext, kept as cells, with points and lines drawn over it later.

A training step moves the activation plot's markers but not its curve, axes or ticks, and adds
one point to the cost curve but leaves its axes be. Drawing all of that again costs
milliseconds of plotext; drawing only what moved over a kept copy costs a fraction of that.

What is drawn over is placed by plotext's own functions, in the order its build uses them (the
same coordinate rounding, line joining and braille grouping, the same cells dropped outside the
canvas, later series over earlier ones), and a changed row is written out as plotext writes a
row. This reads plotext 5.x's figure matrix, so tests compare the result with plotext drawing
everything itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

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
        self._drawn: dict[int, tuple[list[Cell], Text]] = {}  # rows last drawn over, by line

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
        import plotext._core as core

        matrix = core._figure.monitor.matrix
        cells = [list(zip(matrix.marker[r], matrix.fullground[r], matrix.style[r],
                          matrix.background[r])) for r in reversed(matrix.Rows)]
        canvas = Canvas(matrix.Cols_canvas.start, matrix.Rows_canvas.start,
                        len(matrix.Cols_canvas), len(matrix.Rows_canvas), xlim, ylim)
        return cls(lines, cells[:height], canvas)

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
        from plotext._utility import no_color

        changed: dict[int, list[Cell]] = {}
        for drawing in sets:
            for col, row, char in self._marks(drawing):
                line = len(self._cells) - 1 - row
                if 0 <= line < len(self._cells):
                    cells = changed.setdefault(line, list(self._cells[line]))
                    cells[col] = (char, drawing.colour, no_color, cells[col][3])
        lines, drawn = list(self.lines), {}
        for line, cells in changed.items():
            kept = self._drawn.get(line)
            if kept is None or kept[0] != cells:
                kept = (cells, Text.from_ansi(_row_ansi(cells)))
            drawn[line] = kept
            lines[line] = kept[1]
        self._drawn = drawn
        return lines

    def _marks(self, d: Overdraw) -> list[tuple[int, int, str]]:
        """Matrix (column, row, character) of each mark inside the canvas, as plotext finds them."""
        import plotext._utility as ut

        c = self._canvas
        xf, yf = ut.marker_factor(d.marker, 2, 2, 2), ut.marker_factor(d.marker, 2, 3, 4)
        x = ut.get_matrix_data(d.xs, list(c.xlim), c.width * xf)
        y = ut.get_matrix_data(d.ys, list(c.ylim), c.height * yf)
        if not x:
            return []
        if d.lines:
            x, y, _ = ut.get_lines(x, y, [0] * len(x))
        x, y = ut.transpose(ut.no_duplicates(zip(x, y)), 2)
        if xf * yf == 1:
            chars = [d.marker] * len(x)
        else:
            x, y, codes = ut.hd_group(x, y, [xf] * len(x), [yf] * len(x))
            chars = [ut.get_hd_marker(code) for code in codes]
        return [(c.col + i, c.row + j, char) for i, j, char in zip(x, y, chars)
                if 0 <= i < c.width and 0 <= j < c.height]


def _row_ansi(cells: list[Cell]) -> str:
    """One row as plotext's matrix writes it: a colour code at each change, a reset after."""
    from plotext._utility import ansi_end, colors_to_ansi

    out: list[str] = []
    last = len(cells) - 1
    for col, (char, fg, style, bg) in enumerate(cells):
        colours = (fg, style, bg)
        if col == 0 or colours != cells[col - 1][1:]:
            out.append(colors_to_ansi(fg, style, bg))
        out.append(char)
        if col == last or colours != cells[col + 1][1:]:
            out.append(ansi_end)
    return "".join(out)

"""Rows of text and half-block pixels, repainted only where they changed.

A row is a tuple of pieces: :class:`Run` (text in one style) and :class:`Pixels` (cells of two
pixels each, a colour level for the upper and the lower pixel). Rows are compared piece by
piece, and pixel pieces cell by cell, so an epoch that moves a boundary repaints the cells it
moved (Textual sends each changed run of a line on its own), not the map. Strips are built
once per changed row and kept (KeptLines).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from tui.playground.colours import MapScale
from tui.widgets.kept_lines import KeptLines


@dataclass(frozen=True)
class Run:
    """Text in one style (merged over the widget's own)."""

    text: str
    style: Style = Style()

    @property
    def width(self) -> int:
        """Cells it takes (the glyphs used here are one cell each)."""
        return len(self.text)


@dataclass(frozen=True)
class Pixels:
    """Half-block cells: ``top`` and ``bottom`` hold one colour level per cell (uint8 bytes)."""

    top: bytes
    bottom: bytes
    scale: MapScale

    @property
    def width(self) -> int:
        """Cells it takes."""
        return len(self.top)

    @classmethod
    def of(cls, top: np.ndarray, bottom: np.ndarray, scale: MapScale) -> Pixels:
        """From two arrays of levels."""
        return cls(np.asarray(top, np.uint8).tobytes(), np.asarray(bottom, np.uint8).tobytes(),
                   scale)

    def segments(self) -> list[Segment]:
        """The cells, a segment per run of cells that look alike (a plain loop: pieces are a
        few dozen cells, where NumPy's calls would cost more than they save)."""
        cell, segments = self.scale.cell, []
        start, last = 0, None
        for x, pair in enumerate(zip(self.top, self.bottom)):
            if pair != last:
                if last is not None:
                    segments.append(Segment(*cell(last[0], last[1], x - start)))
                start, last = x, pair
        if last is not None:
            segments.append(Segment(*cell(last[0], last[1], len(self.top) - start)))
        return segments


Piece = Run | Pixels
Row = tuple[Piece, ...]


GAP = 4
"""Changed cells closer than this are sent as one run: moving the cursor costs about as much."""


def changed_runs(old: Row, new: Row) -> list[tuple[int, int]]:
    """The runs of cells (start, end) in which two rows differ: within a pixel piece only the
    cells that changed, a text piece whole; runs less than GAP apart are joined."""
    if tuple(p.width for p in old) != tuple(p.width for p in new) or \
            tuple(type(p) for p in old) != tuple(type(p) for p in new):
        return [(0, max(sum(p.width for p in old), sum(p.width for p in new)))]
    runs: list[tuple[int, int]] = []
    x = 0
    for a, b in zip(old, new):
        if a != b:
            if isinstance(a, Pixels) and a.scale == b.scale:
                diff = (np.frombuffer(a.top, np.uint8) != np.frombuffer(b.top, np.uint8)) | \
                       (np.frombuffer(a.bottom, np.uint8) != np.frombuffer(b.bottom, np.uint8))
                cells = np.flatnonzero(diff)
                breaks = np.flatnonzero(np.diff(cells) > GAP)
                starts = np.concatenate([[cells[0]], cells[breaks + 1]])
                ends = np.concatenate([cells[breaks], [cells[-1]]]) + 1
                runs += [(x + int(s), x + int(e)) for s, e in zip(starts, ends)]
            else:
                runs.append((x, x + a.width))
        x += a.width
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined and start - joined[-1][1] < GAP:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def row_strip(row: Row, width: int, base: Style) -> Strip:
    """``row`` as one strip of ``width`` cells on the widget's style ``base``."""
    segments: list[Segment] = []
    for piece in row:
        if isinstance(piece, Run):
            segments.append(Segment(piece.text, base + piece.style))
        else:
            segments.extend(piece.segments())
    length = sum(p.width for p in row)
    if length <= width:
        if length < width:
            segments.append(Segment(" " * (width - length), base))
        return Strip(segments, width)
    return Strip(segments, length).crop(0, width)


class RowBand(KeptLines):
    """A vertical band of a :class:`BandedRows`: it draws its own columns of the rows."""

    DEFAULT_CSS = """
    RowBand { width: 1fr; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.strips: dict[int, Strip] = {}
        self._x0: int | None = None

    @property
    def x0(self) -> int:
        """Its first column within the rows (kept until the next resize)."""
        if self._x0 is None:
            self._x0 = self.region.x - self.parent.region.x
        return self._x0

    def on_resize(self) -> None:
        """A new place among the bands: find it again, draw again."""
        self._x0 = None
        self.strips.clear()

    def render_line(self, y: int) -> Strip:
        """Its part of row ``y``, kept until that row changes."""
        strip = self.strips.get(y)
        if strip is None:
            x0 = self.x0
            strip = self.strips[y] = self.parent.strip(y).crop(x0, x0 + self.size.width)
        return strip


class BandedRows(KeptLines, can_focus=True):
    """Rows drawn by narrow bands side by side, so a change is sent from its band's edge.

    Textual sends a changed part of a line from the left edge of the widget it lies in, up
    to the change: one wide widget resends most of a map's row for a change near its right
    side. In bands of a few columns, a change costs only its band's cells up to it.
    """

    DEFAULT_CSS = """
    BandedRows { layout: horizontal; height: 1fr; }
    """

    def __init__(self, bands: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bands = bands
        self.rows: list[Row] = []
        self._strips: dict[int, Strip] = {}
        self._look: tuple[int, Style] | None = None

    def compose(self):
        """The bands."""
        for _ in range(self.bands):
            yield RowBand()

    @property
    def plain(self) -> str:
        """The text on show, pixels as spaces (for tests)."""
        return "\n".join("".join(p.text if isinstance(p, Run) else " " * p.width for p in row)
                         for row in self.rows)

    def strip(self, y: int) -> Strip:
        """Row ``y`` whole, built once and kept until it changes."""
        strip = self._strips.get(y)
        if strip is None:
            row = self.rows[y] if y < len(self.rows) else ()
            width, base = self._look or (self.size.width, self.rich_style)
            strip = self._strips[y] = row_strip(row, width, base)
        return strip

    def show(self, rows: list[Row]) -> None:
        """Display ``rows``, repainting in each band only the cells that changed there."""
        old, self.rows = self.rows, rows
        bands = [(band, band.x0, band.size.width) for band in self.children
                 if isinstance(band, RowBand)]
        look = (self.size.width, self.rich_style)  # looked up once, not once per row
        if look != self._look:
            self._look, old = look, []  # a new width or style draws everything again
        if len(old) != len(rows):
            self._strips.clear()
            for band, _, _ in bands:
                band.strips.clear()
                band.repaint()
            return
        dirty: dict[RowBand, list[Region]] = {}
        for y, (a, b) in enumerate(zip(old, rows)):
            if a == b:
                continue
            self._strips.pop(y, None)
            for lo, hi in changed_runs(a, b):
                for band, x0, width in bands:
                    if lo < x0 + width and hi > x0:
                        band.strips.pop(y, None)
                        dirty.setdefault(band, []).append(
                            Region(max(lo - x0, 0), y, min(hi, x0 + width) - max(lo, x0), 1))
        for band, regions in dirty.items():
            band.repaint(*regions)

    def on_resize(self) -> None:
        """A new size draws every row again, each band from where it lies now (a band can
        move without changing its own size: 38 columns in 12 bands put the wide ones
        elsewhere than 37 do)."""
        self._strips.clear()
        for band in self.query_children(RowBand):
            band.strips.clear()
            band._x0 = None

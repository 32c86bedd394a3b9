"""What the terminal shows already, so that a paint sends only the pieces of lines that changed.

Textual paints a whole screen whenever its layout changes (a panel grows by a line, a screen
opens or closes, a switch ends) and, after a scroll or a resize of a pane, every widget in the
changed rows. Most of those rows are what the terminal shows already: an answered exercise
grows its panel by two lines and used to resend the lab beside it, 15 KB for 1 KB of change.

Both kinds of Textual update are made of the same pieces: for each line, the *chops* between
widget edges, each drawn as one self-contained run of text and colour codes, written after a
cursor move to its first cell. :class:`SentScreen` collects the pieces of the updates Textual
makes (several, while a change settles), in order, leaving out any that a later one hides
whole, and when asked gives those that differ from what the terminal has at the same cells, in
one string. Pieces never overlap in the record of what was sent: a piece written over part of
an older one removes the older one, so whatever is recorded is exactly what those cells show.
Anything that may change the terminal behind the app's back (a new size, a suspended app)
forgets it.
"""

from __future__ import annotations

from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate

Line = dict[int, tuple[int, str]]
"""A line's pieces: first cell → (end cell, the text with its colour codes)."""


class ChangedPieces(CompositorUpdate):
    """An update holding only the pieces that differ from what the terminal shows."""

    def __init__(self, sequence: str) -> None:
        self.sequence = sequence

    def render_segments(self, console: Console) -> str:
        """The pieces, each after a move to its first cell."""
        return self.sequence


class SentScreen:
    """The pieces of every line as last written to the terminal, and those waiting to be."""

    def __init__(self) -> None:
        self._sent: dict[int, Line] = {}
        self._waiting: dict[int, list[tuple[int, int, str]]] = {}

    def forget(self) -> None:
        """The terminal's content is unknown: what waits next is sent whole."""
        self._sent.clear()

    def drop_waiting(self) -> None:
        """Forget the pieces not sent yet (a new size makes them wrong)."""
        self._waiting.clear()

    def keep(self, update: CompositorUpdate, console: Console) -> bool:
        """Add the pieces of ``update`` to those waiting; False for an update of another kind."""
        if isinstance(update, LayoutUpdate):
            pieces = _layout_pieces(update, console)
        elif isinstance(update, ChopsUpdate):
            pieces = _chops_pieces(update, console)
        else:
            return False
        for y, x, end, text in pieces:
            line = self._waiting.setdefault(y, [])
            # A piece hidden whole by a later one is dropped now (by later ones together, in
            # take); one they cover in part is sent, first.
            line[:] = [p for p in line if not (x <= p[0] and p[1] <= end)]
            line.append((x, end, text))
        return True

    @property
    def waiting(self) -> bool:
        """Whether any piece waits to be sent."""
        return any(self._waiting.values())

    def take(self) -> str:
        """The waiting pieces the terminal does not show yet, each after a move to its first
        cell; they count as sent from now on."""
        out = []
        move_to = Control.move_to
        for y, line in sorted(self._waiting.items()):
            sent, cursor = self._sent.setdefault(y, {}), None
            for x, end, text in _shown(line):
                if sent.get(x) == (end, text):
                    continue
                if x != cursor:  # the cursor is not there already, after the last piece
                    out.append(move_to(x, y).segment.text)
                out.append(text)
                cursor = end
                _replace(sent, x, end, text)
        self._waiting.clear()
        return "".join(out)


def _shown(line: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The pieces of a line, in order, less those that later pieces hide whole between them
    (a screen laid out again after a partial update covers that update's pieces with its own,
    cut at other edges)."""
    covered: list[tuple[int, int]] = []  # disjoint runs of cells, each as long as it can be
    shown = []
    for x, end, text in reversed(line):
        if not any(a <= x and end <= b for a, b in covered):
            shown.append((x, end, text))
        touching = [(a, b) for a, b in covered if a <= end and x <= b]
        run = (min([x] + [a for a, _ in touching]), max([end] + [b for _, b in touching]))
        covered = [c for c in covered if c not in touching] + [run]
    return shown[::-1]


def _replace(line: Line, x: int, end: int, text: str) -> None:
    """Record ``text`` over cells x to end, dropping every recorded piece it touches."""
    for old_x in [ox for ox, (oend, _) in line.items() if ox < end and oend > x]:
        del line[old_x]
    line[x] = (end, text)


def _layout_pieces(update: LayoutUpdate, console: Console) -> list[tuple[int, int, int, str]]:
    pieces = []
    for y, strips in enumerate(update.strips, update.region.y):
        x = update.region.x
        for strip in strips:
            end = x + strip.cell_length
            if end > x:
                pieces.append((y, x, end, strip.render(console)))
            x = end
    return pieces


def _chops_pieces(update: ChopsUpdate, console: Console) -> list[tuple[int, int, int, str]]:
    """The pieces a ChopsUpdate writes, cut exactly as Textual cuts them."""
    pieces = []
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
            if strip is None or x > x2 or end <= x1:
                continue
            if not (x2 > x >= x1 and end <= x2):
                end = min(end, x2)
                strip = strip.crop(0, end - x)
            if end > x:
                pieces.append((y, x, end, strip.render(console)))
    return pieces

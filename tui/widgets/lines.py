"""A widget that shows lines of text and repaints only the lines that changed."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip

from tui.drawing.formula_breaks import break_spans
from tui.widgets.kept_lines import KeptLines


def fit(width: int | None, *forms: str) -> str:
    """The first of ``forms`` that fits in ``width`` cells (all fit when width is None), else the
    last: a line cut at a pane's edge can turn one number into another, a shorter form cannot."""
    for form in forms:
        if width is None or fits(form, width):
            return form
    return forms[-1]


class LinesView(KeptLines):
    """Shows a list of Rich ``Text`` lines through Textual's line API.

    ``show(lines)`` compares the new lines with the ones on screen and marks only the rows that
    differ as dirty, so a step that changes one number repaints one row, not the whole pane.
    Subclasses that depend on their size override :meth:`rebuild`, called again on resize.

    A line wider than the widget is never cut: it is broken over rows as a formula is
    (:mod:`tui.drawing.formula_breaks`), with a hanging indent. That is a safety net for a
    phone's narrow panes; at 80×24 and up every line is meant to fit as it is, and a test
    holds each screen to that (tests/tui/readable.py reads :meth:`shown_lines`).
    """

    DEFAULT_CSS = """
    LinesView { height: auto; }
    """

    BREAKS_LONG_LINES = True
    """Whether a line wider than the widget is broken over rows (a plot's never is)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._given: list[Text] = []  # the lines as shown to show()
        self._lines: list[Text] = []  # the rows drawn: the given lines, broken to the width
        self._strips: dict[int, Strip] = {}
        self._style: Style | None = None  # the widget's style the kept strips were drawn in

    @property
    def lines(self) -> list[Text]:
        """The rows currently drawn (a line too wide for the widget takes several)."""
        return self._lines

    def shown_lines(self) -> list[Text]:
        """The lines as the widget means them, before they are fitted to its width.

        Any widget that draws its own rows offers this, so a test can check that every row
        fits the room it is given (tests/tui/readable.py).
        """
        return self._given

    @property
    def plain(self) -> str:
        """The shown text without styles, one line per row (handy for tests)."""
        return "\n".join(line.plain for line in self._lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as the lines it shows take at ``width``."""
        return len(self._fitted(self._given, width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as its widest line (for ``width: auto``)."""
        return max((line.cell_len for line in self._lines), default=0)

    def rebuild(self) -> None:
        """Recompute the lines from the widget's data; subclasses override this."""

    def on_resize(self) -> None:
        """Lines may depend on the width: rebuild them and repaint everything."""
        self._strips.clear()
        self.rebuild()
        self.show(self._given)  # fitted to the new width
        self.refresh()

    def show(self, lines: list[Text]) -> None:
        """Display ``lines``, repainting only the rows that changed."""
        self._given = lines
        old = self._lines
        lines = self._fitted(lines, self.size.width)
        self._lines = lines
        if len(lines) != len(old):
            self._strips.clear()
            self.refresh(layout=True)
            return
        width = self.size.width
        changed = [y for y, (before, after) in enumerate(zip(old, lines)) if before != after]
        for y in changed:
            self._strips.pop(y, None)
        if changed:  # one call for them all: each costs a walk through Textual
            self.repaint(*(Region(0, y, width, 1) for y in changed))

    def _fitted(self, lines: list[Text], width: int) -> list[Text]:
        return wrap_lines(lines, width) if self.BREAKS_LONG_LINES else lines

    def prepare_lines(self) -> None:
        """Look up the widget's style once per repaint, not once per row (and not at all while
        only rows change: :attr:`line_style`).

        Kept strips are dropped when that style has changed (a new theme, say).
        """
        style = self.line_style
        if style != self._style:
            self._strips.clear()
            self._style = style

    def render_line(self, y: int) -> Strip:
        """The strip for row ``y``, rendered once and kept until that row or the style changes."""
        strip = self._strips.get(y)
        if strip is None:
            width, style = self.size.width, self._style or self.line_style
            if y < len(self._lines):
                strip = styled_strip(self._lines[y], self.app.console, width, style)
            else:
                strip = Strip.blank(width, style)
            self._strips[y] = strip
        return strip


def fits(text: str, width: int) -> bool:
    """Whether ``text`` takes at most ``width`` cells (see :func:`cells`)."""
    return 2 * len(text) <= width or cells(text) <= width  # no character takes over two


def cells(text: str) -> int:
    """The cells ``text`` takes, as Rich's ``cell_len`` counts them.

    Counted cell by cell rather than with ``cell_len``, which keeps every string it measures:
    lines and numbers that change on every step filled that cache (half a megabyte in a lab).
    """
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joined characters: Rich's own count
        return cell_len(text)
    return sum(map(get_character_cell_size, text))


def wrap_lines(lines: list[Text], width: int) -> list[Text]:
    """``lines`` with each one wider than ``width`` broken over rows (``lines`` itself if all
    fit, or no width is known yet)."""
    if width <= 0 or all(fits(line.plain, width) for line in lines):
        return lines
    rows: list[Text] = []
    for line in lines:
        if fits(line.plain, width):
            rows.append(line)
            continue
        line = line.copy()
        line.rstrip()
        for start, end, indent in break_spans(line.plain, width):
            rows.append(Text(" " * indent) + line[start:end])
    return rows


def styled_strip(line: Text, console: Console, width: int, style: Style) -> Strip:
    """``line`` in ``style``, padded or cut to ``width`` cells.

    One Strip for a line that fits (most do): each Strip Textual makes carries seven caches,
    and padding, then styling, made three per row.
    """
    segments = list(Segment.apply_style(line.render(console), style))
    length = sum(cells(segment.text) for segment in segments)
    if length < width:
        segments.append(Segment(" " * (width - length), style or None))  # as apply_style leaves it
        return Strip(segments, width)
    return Strip(segments, length).adjust_cell_length(width, style)

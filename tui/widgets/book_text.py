"""A chapter's text drawn as one widget: paragraphs, headings, lists and displayed formulas.

Textual's ``Markdown`` makes a widget for every paragraph, heading, list item and code block,
each styled, laid out and rendered on its own: 28 to 61 widgets a chapter, and most of the CPU
time of a chapter switch and of the book's first screen. The book's prose uses a small part of
Markdown (``## headings``, paragraphs, bullet lists, ```` ```text ```` formula blocks, bold,
italic and inline code; read by :mod:`tui.widgets.prose_blocks`), so this widget lays the
whole chapter out itself, as rows of text for the current width, and Textual draws only the
rows on show.

Two things read better than in Textual's Markdown:

- a displayed formula wider than the pane is broken as a textbook breaks it
  (:mod:`tui.drawing.formula_breaks`), never cut nor scrolled sideways;
- a no-break space holds: "ε = 10⁻⁵" written with no-break spaces is never split over two
  lines (Textual wraps at any white space).
"""

from __future__ import annotations

import re
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from tui.drawing.formula_breaks import break_formula
from tui.widgets.lines import LinesView
from tui.widgets.prose_blocks import MARKS, Runs, parse

BULLET = "• "
"""What starts a list item; its later lines hang under the text after it."""
FORMULA_INDENT = 2
"""Cells a displayed formula is set in from the text."""


_WORD = re.compile(r"(?:\([^() ]{1,12}, |(?<=[^ ]) [=≈<>≤≥≠] (?=[^ ])|[^ ])+")
"""What a line is never broken in: a run of characters other than the space, in which the
opening of a pair, as "(0, " in "(0, 1)" or "N(0, 2/(fan_in + fan_out))", counts as one, and
so does a relation with what stands either side of it, as "e = 2.718…", "σ′(−4) ≈ 0.018" or
"z < 0"."""


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` filled to ``width`` cells, broken at spaces.

    Only an ordinary space breaks a line (a no-break space holds, and so do the space after
    the first of a pair, as in "(0, 1)" or "(−0.01, 0.01)", and the spaces around a relation
    (=, ≈, <, >, ≤, ≥, ≠) between two terms), and the space broken at is dropped. A word wider than the line is
    broken at its last space that fits (a pair or a relation), else between characters.
    """
    if width <= 0:
        return [(0, len(text))]
    cells = [0, *accumulate(map(get_character_cell_size, text))]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    lines: list[tuple[int, int]] = []
    start = end = None
    for w_start, w_end in words:
        if start is not None and cells[w_end] - cells[start] <= width:
            end = w_end
            continue
        if start is not None:
            lines.append((start, end))
        start, end = w_start, w_end
        while cells[end] - cells[start] > width:  # a word wider than the line
            cut = start + 1
            while cut < end and cells[cut + 1] - cells[start] <= width:
                cut += 1
            space = text.rfind(" ", start + 1, cut + 1)
            lines.append((start, space if space > start else cut))
            start = space + 1 if space > start else cut
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


class BookText(LinesView):
    """A chapter's Markdown, laid out for the widget's width as rows of styled text."""

    DEFAULT_CSS = """
    BookText { height: auto; }
    BookText > .book-text--heading {
        color: $markdown-h2-color; background: $markdown-h2-background;
        text-style: $markdown-h2-text-style;
    }
    BookText > .book-text--strong { text-style: bold; }
    BookText > .book-text--em { text-style: italic; }
    BookText > .book-text--code { color: $text-warning; }
    """

    COMPONENT_CLASSES = {"book-text--heading", "book-text--strong", "book-text--em",
                         "book-text--code"}

    def __init__(self, markdown: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source = markdown
        """The Markdown on show."""
        self._laid_out: dict[int, list[Text]] = {}
        self._styles_used: dict[str, Style] = {}

    def update(self, markdown: str) -> None:
        """Show ``markdown`` instead."""
        self.source = markdown
        self._laid_out.clear()
        self.rebuild()
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The rows the text takes at ``width``."""
        return len(self.layout_rows(width))

    def rebuild(self) -> None:
        """Lay the text out again for the widget's width."""
        if self.size.width:
            self.show(self.layout_rows(self.size.width))

    def prepare_lines(self) -> None:
        """Before a repaint: lay the text out again if a new theme restyled the marks (Textual
        updates them after telling the widget its styles changed, then repaints it)."""
        if self._mark_styles() != self._styles_used:
            self._laid_out.clear()
            self._lines = self.layout_rows(self.size.width)
            self._given = self._lines
            self._strips.clear()
        super().prepare_lines()

    def layout_rows(self, width: int) -> list[Text]:
        """The text's rows at ``width`` cells (kept for the last few widths)."""
        rows = self._laid_out.get(width)
        if rows is None:
            if len(self._laid_out) > 4:
                self._laid_out.clear()
            rows = self._laid_out[width] = self._lay_out(max(width, 1))
        return rows

    def _mark_styles(self) -> dict[str, Style]:
        return {mark: self.get_component_rich_style(f"book-text--{mark}", partial=True)
                for mark in (*MARKS, "heading")}

    def _lay_out(self, width: int) -> list[Text]:
        styles = self._styles_used = self._mark_styles()
        rows: list[Text] = []
        for block in parse(self.source):
            rows += [Text() for _ in range(block.gap)]
            if block.kind == "formula":
                rows += [Text(" " * FORMULA_INDENT + piece)
                         for line in block.runs[0][0].splitlines() or [""]
                         for piece in break_formula(line, max(width - FORMULA_INDENT, 1))]
                continue
            text = _styled(block.runs, styles)
            if block.kind == "heading":
                text.stylize(styles["heading"])
            indent = len(BULLET) if block.kind in ("item", "more") else 0
            for n, (start, end) in enumerate(wrap(text.plain, max(width - indent, 1))):
                lead = BULLET if n == 0 and block.kind == "item" else " " * indent
                rows.append(Text(lead) + text[start:end])
        return rows


def _styled(runs: Runs, styles: dict[str, Style]) -> Text:
    """The runs as one Text, each styled with its marks."""
    text = Text()
    for part, marks in runs:
        chosen = [styles[mark] for mark in MARKS if mark in marks]
        text.append(part, Style.combine(chosen) if chosen else None)
    return text

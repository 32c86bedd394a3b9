"""Markdown for the book: display formulas that are broken over lines, never cut.

Textual's Markdown shows a code block on one line per source line and scrolls it sideways,
with no scrollbar, when the line is wider than the pane: the end of a formula was simply not
there, and ``z = … + b`` read as a false equation without its ``+ b``. Here a code block is
a displayed formula: each line that does not fit is broken as a textbook breaks it
(:mod:`tui.drawing.formula_breaks`), again whenever the pane's width changes, so the same
prose reads whole at 120 columns and on a phone.

Code blocks are drawn as plain text. Textual guesses the language of an unlabelled block by
loading every Pygments lexer (about 100 ms and 15 MB); nothing here loads one. Label fences
in the book anyway (```` ```text ````), so the text stays cheap wherever it is shown.

Help uses :class:`Prose` instead of Textual's ``Markdown`` (its key tables need Markdown's
tables). A chapter's text, which needs no tables, is drawn as one widget by
:class:`tui.widgets.book_text.BookText`, at a fraction of the cost.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownFence

from tui.drawing.formula_breaks import break_formula
from tui.widgets.lines import LinesView


class FormulaLines(LinesView):
    """The lines of a formula, broken to fit the widget's width."""

    def __init__(self, code: str) -> None:
        super().__init__(classes="formula-lines")
        self.code = code

    def broken(self, width: int) -> list[str]:
        """The formula's lines at ``width`` cells."""
        return [piece for line in self.code.splitlines() or [""]
                for piece in break_formula(line, max(width, 1))]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the formula needs at ``width``."""
        return len(self.broken(width))

    def set_code(self, code: str) -> None:
        """Show ``code`` instead."""
        self.code = code
        self.rebuild()

    def rebuild(self) -> None:
        """Break the formula again for the current width."""
        if self.size.width:
            self.show([Text(line) for line in self.broken(self.size.width)])


class FormulaBlock(MarkdownFence):
    """A code block shown as a displayed formula: indented, plain, broken to fit."""

    DEFAULT_CSS = """
    FormulaBlock, FormulaBlock:light, FormulaBlock:ansi {
        overflow: hidden hidden; margin: 1 0; padding: 0 0 0 2;
        background: transparent; color: $text;
    }
    """

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False,
                  dark: bool = False) -> Content:
        """The code as it stands: no lexer is looked up, let alone guessed."""
        return Content(code)

    def compose(self) -> ComposeResult:
        """The formula's lines."""
        yield FormulaLines(self.code)

    def set_content(self, content: Content) -> None:
        """Show new code (Markdown calls this when the document changes)."""
        for lines in self.query(FormulaLines):
            lines.set_code(self.code)


class Prose(Markdown):
    """Markdown whose code blocks are formulas broken to fit (see the module's docstring)."""

    BLOCKS = {**Markdown.BLOCKS, "fence": FormulaBlock, "code_block": FormulaBlock}

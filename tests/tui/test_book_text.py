"""The book's text widget: every word kept, in order, every row within its width, formulas
broken as a textbook breaks them, no-break spaces held, and one widget for a whole chapter."""

from __future__ import annotations


import re

import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.drawing.formula_breaks import break_formula
from tui.widgets.book_text import BULLET, BookText, wrap

LONG_FORMULA = "e^(zᵢ − m) / Σⱼ e^(zⱼ − m)  =  e^−m · e^zᵢ / (e^−m · Σⱼ e^zⱼ)  =  pᵢ"
SAMPLE = (
    "Some **bold** and *slanted* words, and a `code` one.\n\n"
    "## A heading\n\n"
    "- first item, long enough that it has to wrap at a narrow width\n"
    "- second\n\n"
    "```text\n" + LONG_FORMULA + "\n```\n\n"
    "The step ε\u00a0=\u00a010⁻⁵ is small.\n"
)


def _words(markdown: str) -> list[str]:
    """The words a reader should see: the text of every block, marks dropped."""
    words = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            words += "".join(c.content if c.type not in ("softbreak", "hardbreak") else " "
                             for c in token.children).split()
        elif token.type == "fence":
            words += token.content.split()
    return words


def _row_words(rows) -> list[str]:
    """The words of the rows, without the bullets that start list items."""
    return [w for row in rows for w in row.plain.removeprefix(BULLET).split()]


@pytest.mark.parametrize("width", [1, 5, 12, 33, 80])
def test_wrap_fills_lines_to_the_width_and_keeps_every_word(width):
    text = "A weight near zero makes the neuron ignore that input; supercalifragilistic ok."
    lines = [text[start:end] for start, end in wrap(text, width)]
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if width >= 33:  # every word fits: breaks fall between words only
        assert [w for line in lines for w in line.split()] == text.split()
        # greedy: no line could have taken the next word
        for line, after in zip(lines, lines[1:]):
            assert cell_len(line + " " + after.split()[0]) > width


def test_wrap_never_breaks_at_a_no_break_space():
    text = "so the finite-difference step ε\u00a0=\u00a010⁻⁵ is small enough"
    for width in range(9, 40):
        lines = [text[start:end] for start, end in wrap(text, width)]
        assert any("ε\u00a0=\u00a010⁻⁵" in line for line in lines), (width, lines)


def test_wrap_keeps_a_short_pair_in_parentheses_on_one_line():
    # at 80×24 chapter 2's working read "…about its middle, (0," / "0.5)"
    text = "σ(−z) = 1 − σ(z): the sigmoid is symmetric about its middle, (0, 0.5), see"
    for width in range(9, 60):
        lines = [text[start:end] for start, end in wrap(text, width)]
        assert any("(0, 0.5)," in line for line in lines), (width, lines)
        assert all(cell_len(line) <= width for line in lines)
    # a pair wider than the line is still split, within the width
    lines = [text[start:end] for start, end in wrap(text, 6)]
    assert all(cell_len(line) <= 6 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_keeps_a_symbol_its_relation_and_its_value_on_one_line():
    # at 80×24 beside the lab, chapter 1 read "where e =" / "2.718… is Euler's number"
    text = ("Here f starts as the sigmoid σ(z) = 1/(1 + e⁻ᶻ), where e = 2.718… is Euler's "
            "number; σ′(−4) ≈ 0.018, and the slope is 0 for z < 0.")
    for width in range(7, 60):  # from the longest word up
        lines = [text[start:end] for start, end in wrap(text, width)]
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert [w for line in lines for w in line.split()] == text.split()  # no term split
        if width >= len("σ′(−4) ≈ 0.018,"):
            assert any("e = 2.718…" in line for line in lines), (width, lines)
            assert any("σ′(−4) ≈ 0.018," in line for line in lines), (width, lines)
            assert any("z < 0." in line for line in lines), (width, lines)


SPLIT_PAIR = re.compile(r"\([^() ]{1,12},$")
"""A row that ends inside a pair such as "(0, 1)" or "(−0.01, 0.01)"."""


@pytest.mark.parametrize("number", range(1, len(CHAPTERS) + 1))
async def test_a_chapter_shows_every_word_in_order_within_its_width(number):
    markdown = CHAPTERS[number - 1].prose()

    class One(App):
        def compose(self) -> ComposeResult:
            yield BookText(markdown)

    app = One()
    async with app.run_test(size=(120, 10)) as pilot:
        text = app.query_one(BookText)
        for width in (26, 56, 100):
            rows = text.layout_rows(width)
            assert all(cell_len(row.plain) <= width for row in rows)
            assert _row_words(rows) == _words(markdown)
            assert not [row.plain for row in rows if SPLIT_PAIR.search(row.plain.rstrip())]
        await pilot.pause()
        assert text.lines == text.layout_rows(text.size.width)


class Sample(App):
    """The sample text in a pane that can be resized."""

    def compose(self) -> ComposeResult:
        yield BookText(SAMPLE)


async def test_marks_headings_lists_and_formulas_are_drawn_as_a_book_draws_them():
    app = Sample()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        text = app.query_one(BookText)
        rows = [row.plain for row in text.lines]
        bold = next(row for row in text.lines if "bold" in row.plain)
        assert any(span.style.bold and bold.plain[span.start:span.end] == "bold"
                   for span in bold.spans)
        slanted = next(span for span in bold.spans if bold.plain[span.start:span.end] == "slanted")
        assert slanted.style.italic
        heading = next(row for row in text.lines if row.plain == "A heading")
        assert heading.spans and heading.spans[0].style.underline
        # two blank rows before a heading, one after; list items with a hanging indent
        at = rows.index("A heading")
        assert rows[at - 2:at] == ["", ""] and rows[at + 1] == ""
        first = next(i for i, row in enumerate(rows) if row.startswith(BULLET + "first"))
        assert rows[first + 1].startswith("  ") and rows[first + 1].strip()
        assert any(row.startswith(BULLET + "second") for row in rows)
        # the formula, indented two cells and broken to the rest of the width
        pieces = break_formula(LONG_FORMULA, 40 - 2)
        assert len(pieces) > 1 and all("  " + piece in rows for piece in pieces)
        assert all(piece.strip() in screen_text(app) for piece in pieces)
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert "  " + LONG_FORMULA in [row.plain for row in text.lines]
        assert LONG_FORMULA in screen_text(app)


async def test_a_new_theme_restyles_the_headings():
    app = Sample()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        text = app.query_one(BookText)

        def heading_colour():
            row = next(row for row in text.lines if row.plain == "A heading")
            return row.spans[0].style.color

        before = heading_colour()
        app.theme = "gruvbox" if app.theme != "gruvbox" else "nord"
        await pilot.pause()
        assert heading_colour() != before


async def test_the_book_draws_a_chapter_as_one_widget_and_pages_it(tmp_path, monkeypatch):
    # One widget, not Textual's Markdown with a widget per paragraph: 28-61 widgets a chapter
    # made a chapter switch cost about 250 ms of CPU.
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path))
    app = NeuronApp(chapter=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prose = app.screen.query_one("#prose")
        assert [type(w) for w in prose.walk_children()] == [BookText]
        text = prose.query_one(BookText)
        assert text.source == CHAPTERS[6].prose()
        last = text.lines[-1].plain.strip()
        assert last not in screen_text(app)
        for _ in range(40):
            await pilot.press("pagedown")
        await pilot.pause()
        assert last in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert text.source == CHAPTERS[7].prose()
        first = next(row.plain for row in text.lines if row.plain.strip())
        assert first in screen_text(app)

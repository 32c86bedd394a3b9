"""Displayed formulas are broken over lines as a textbook breaks them, never cut."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from textual.app import App, ComposeResult

from tests.tui.conftest import screen_text
from tui.book.chapter import CHAPTERS
from tui.drawing.formula_breaks import break_formula
from tui.widgets.prose import FormulaLines, Prose

FORMULAS = [
    "z = w₁x₁ + w₂x₂ + b  =  Σ wᵢxᵢ + b",
    "e^(zᵢ − m) / Σⱼ e^(zⱼ − m)  =  e^−m · e^zᵢ / (e^−m · Σⱼ e^zⱼ)  =  pᵢ",
    "C = −(1/n) Σ [ y·ln a + (1 − y)·ln(1 − a) ]",
    "∇C = (∂C/∂w₁, …, ∂C/∂wd, ∂C/∂b)",
    "∂C/∂w₁ = ∂C/∂a · ∂a/∂z · ∂z/∂s · ∂s/∂p₁ · ∂p₁/∂w₁",
    "(x·W₁ + b₁)·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂)",
    "p₁ = w₁·x₁     p₂ = w₂·x₂",
    "  a_very_long_symbol_with_no_space_in_it_at_all = 1",
]


def book_formulas() -> list[str]:
    """Every line of every code block in the book."""
    md = MarkdownIt()
    return [line for ch in CHAPTERS for token in md.parse(ch.prose())
            if token.type in ("fence", "code_block") for line in token.content.splitlines()]


@pytest.mark.parametrize("formula", FORMULAS + book_formulas())
def test_a_broken_formula_fits_and_keeps_every_character(formula):
    for width in range(8, 90, 3):
        lines = break_formula(formula, width)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", formula), (width, lines)
        longest_word = max(cell_len(word) for word in formula.split())
        if longest_word <= width // 2:  # room for every word: breaks fall at spaces only
            words = [w for line in lines for w in line.split()]
            assert words == formula.split(), (width, lines)


def test_a_formula_breaks_before_a_relation_and_hangs_under_it():
    assert break_formula("z = w₁x₁ + w₂x₂ + b  =  Σ wᵢxᵢ + b", 32) == [
        "z = w₁x₁ + w₂x₂ + b",
        "  =  Σ wᵢxᵢ + b",
    ]
    # a left-hand side too long to hang from: the next step starts a line of its own
    assert break_formula("(x·W₁ + b₁)·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂)", 32) == [
        "(x·W₁ + b₁)·W₂ + b₂",
        "  = x·(W₁W₂) + (b₁W₂ + b₂)",
    ]
    # before a + outside brackets, under the right-hand side, not inside (1 − y)
    assert break_formula("C = Σ (y − a)² + (1 − y)·w₁ + b", 20) == [
        "C = Σ (y − a)²",
        "    + (1 − y)·w₁ + b",
    ]
    assert break_formula("∂C/∂w₁ = ∂C/∂a · ∂a/∂z · ∂z/∂s · ∂s/∂p₁ · ∂p₁/∂w₁", 32) == [
        "∂C/∂w₁ = ∂C/∂a · ∂a/∂z · ∂z/∂s",
        "         · ∂s/∂p₁ · ∂p₁/∂w₁",
    ]
    # a list breaks after a comma and goes on inside its bracket
    assert break_formula("∇C = (∂C/∂w₁, …, ∂C/∂wd, ∂C/∂b)", 24) == [
        "∇C = (∂C/∂w₁, …, ∂C/∂wd,",
        "      ∂C/∂b)",
    ]
    # two formulas on one line part at the gap between them, with no hanging indent
    assert break_formula("p₁ = w₁·x₁     p₂ = w₂·x₂", 20) == ["p₁ = w₁·x₁", "p₂ = w₂·x₂"]


def test_every_code_block_in_the_book_names_its_language():
    # An unlabelled block makes Textual's Markdown guess, loading every Pygments lexer.
    md = MarkdownIt()
    for ch in CHAPTERS:
        blocks = [t for t in md.parse(ch.prose()) if t.type in ("fence", "code_block")]
        assert all(t.type == "fence" and t.info.strip() for t in blocks), ch.title


class ProseApp(App):
    """A pane of prose with one long formula in it."""

    def compose(self) -> ComposeResult:
        yield Prose("Text.\n\n```text\n" + FORMULAS[1] + "\n```\n\nMore text.")


async def test_the_prose_breaks_its_formulas_again_when_the_pane_resizes():
    app = ProseApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        formula = app.query_one(FormulaLines)
        narrow = [line.plain for line in formula.lines]
        assert narrow == break_formula(FORMULAS[1], formula.size.width) and len(narrow) > 1
        assert all(line.strip() in screen_text(app) for line in narrow)  # every piece shows
        await pilot.resize_terminal(120, 20)
        await pilot.pause()
        assert [line.plain for line in formula.lines] == [FORMULAS[1]]
        assert FORMULAS[1] in screen_text(app)

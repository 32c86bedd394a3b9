"""The quick reader of the book's Markdown reads what markdown-it reads, or steps aside."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.book.chapter import CHAPTERS
from tui.widgets.prose_blocks import markdown_it_blocks, parse, quick_blocks

PIECES = ["a", "b", "word", " ", "  ", "    ", "\n", "\n\n", "- ", "-", "## ", "#", "```text\n",
          "\n```\n", "```", "**", "*", "`", "``", "_", "x_y", "·", "−", "(", ")", ".", ",", "\xa0",
          "[", "]", "](", "\\", "1. ", "=", "+", "+ ", "|", "<b>", "<", "&amp;", "&", "Σ", "₁",
          "\t", "***", "> ", ":"]


def test_every_chapter_is_read_quickly_and_as_markdown_it_reads_it():
    for ch in CHAPTERS:
        markdown = ch.prose()
        quick = quick_blocks(markdown)
        assert quick is not None, f"chapter {ch.number} needs markdown-it to be read"
        assert quick == markdown_it_blocks(markdown), ch.number


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@example("```text\n````\n```\n")  # a longer fence inside closes the block
@example("```text\n ``` \n```\n")  # so does an indented one with a space after
def test_the_quick_reader_agrees_with_markdown_it_or_steps_aside(markdown):
    quick = quick_blocks(markdown)
    if quick is not None:
        assert quick == markdown_it_blocks(markdown)
    assert parse(markdown) == markdown_it_blocks(markdown)


@given(st.lists(st.sampled_from(["word ", "x₁ ", "\n", "\n\n", "\n- word ", "\n  word ", "· ",
                                 "\n## Title\n", "**bold** ", "*it* ", "`code` ", "(a) "]),
                max_size=30).map("".join))
@settings(max_examples=600, deadline=None)
def test_the_quick_reader_reads_the_books_kind_of_text_itself(markdown):
    assert quick_blocks(markdown) is not None

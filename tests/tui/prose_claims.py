"""Reading what a chapter's prose claims, so that a test can recompute each number from core/."""

from __future__ import annotations

import re

from tui.book.chapter import CHAPTERS

N = r"(−?[\d,]+(?:\.\d+)?)"
"""A number as the prose writes it: −0.5, 7,800, 0.129."""


def prose(chapter: int) -> str:
    """Chapter ``chapter``'s Markdown, with no-break spaces read as spaces."""
    return CHAPTERS[chapter - 1].prose().replace("\u00a0", " ")


def said(chapter: int, pattern: str) -> tuple[str, ...]:
    """The groups of ``pattern`` (a regular expression, across lines) in the chapter's prose,
    which must say it: a test that reads a number the prose no longer states fails loudly."""
    found = re.search(pattern, prose(chapter), re.S)
    assert found, f"chapter {chapter} no longer says {pattern!r}"
    return found.groups()


def number(text: str) -> float:
    """A number as the prose writes it (typographic minus, thousands commas) as a float."""
    return float(text.replace("−", "-").replace(",", ""))

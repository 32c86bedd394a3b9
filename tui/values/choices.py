"""Stepping through a fixed set of choices, as the keys that cycle a setting do."""

from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")


def cycle(options: Sequence[T], current: T, by: int = 1) -> T:
    """The option ``by`` places after ``current``, wrapping round at either end.

    A ``current`` that is not among the options (your own CSV data among the built-in
    datasets, say) counts as sitting just before the first.
    """
    items = list(options)
    at = items.index(current) if current in items else (-1 if by > 0 else 0)
    return items[(at + by) % len(items)]

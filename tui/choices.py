"""Stepping through a fixed set of choices, as the keys that cycle a setting do."""

from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")


def cycle(options: Sequence[T], current: T, by: int = 1) -> T:
    """The option ``by`` places after ``current``, wrapping round at either end."""
    items = list(options)
    return items[(items.index(current) + by) % len(items)]

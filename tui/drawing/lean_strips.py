"""Textual's strips make their caches when first used, not when made.

Every line Textual draws is a ``Strip``, and every Strip made seven caches of its own as it was
made (its crops, styles, filters, divisions...), each an object and an empty dict: about
1 KB a strip before it holds anything. Most strips are never cropped, styled or divided twice:
after 100 keys the lab held 1,089 strips, whose 7,650 caches held something in 607; the book,
2,608 strips and 18,301 caches, 1,370 in use. That was 1.1 MB of the lab's memory and 2.5 MB of
the book's. Here a strip is made without its caches, and each is made the first time anything
asks for it, so the strips behave as before.

This reaches into Textual's ``Strip``: it is done only for a ``Strip`` made as Textual 8.2 makes
it (the same slots, and an ``__init__`` that sets the same names); any other is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

CACHES = {"_divide_cache": 4, "_crop_cache": 16, "_style_cache": 16, "_filter_cache": 4,
          "_line_length_cache": 4, "_crop_extend_cache": 4, "_offsets_cache": 4}
"""Each cache a strip has, and the size Textual gives it."""
OTHER_SLOTS = ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count")
"""What else a strip holds."""
TEXTUALS_INIT = Strip.__init__
"""How Textual makes a strip."""
SLOTS: dict[str, Any] = {}
"""Each cache's own slot in a strip, once caches are made when used."""


class _MadeWhenUsed:
    """A strip's cache, made the first time it is asked for (a data descriptor over the
    strip's own slot, left empty until then)."""

    __slots__ = ("_slot", "_size")

    def __init__(self, slot: Any, size: int) -> None:
        self._slot = slot
        self._size = size

    def __get__(self, strip: Strip | None, owner: type | None = None) -> Any:
        if strip is None:
            return self
        try:
            return self._slot.__get__(strip, owner)
        except AttributeError:  # the first time
            cache = FIFOCache(self._size)
            self._slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: Strip, value: Any) -> None:
        self._slot.__set__(strip, value)


def _init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    """Textual's ``Strip.__init__``, leaving each cache to be made when first used."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def made_as_known(strip_class: type = Strip) -> bool:
    """Whether ``strip_class`` is made as Textual 8.2 makes a Strip: these slots, and an
    ``__init__`` that sets just these names, caches of these sizes."""
    init = getattr(strip_class.__init__, "__code__", None)
    return (init is not None
            and sorted(getattr(strip_class, "__slots__", ())) == sorted([*CACHES, *OTHER_SLOTS])
            and set(init.co_names) == {"list", "FIFOCache", *CACHES, *OTHER_SLOTS}
            and {const for const in init.co_consts if isinstance(const, int)} <= {4, 16})


def make_caches_when_used() -> bool:
    """Have every Strip made from now on make its caches when first used; False, and nothing
    changed, if this Textual's Strip is not made as :func:`made_as_known` expects."""
    if isinstance(Strip.__dict__.get("_crop_cache"), _MadeWhenUsed):
        return True
    if not made_as_known(Strip):
        return False
    for name, size in CACHES.items():
        SLOTS[name] = Strip.__dict__[name]
        setattr(Strip, name, _MadeWhenUsed(SLOTS[name], size))
    Strip.__init__ = _init  # type: ignore[method-assign]
    return True

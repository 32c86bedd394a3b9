"""When Python's cycle collector runs: not while the app starts, and not in the reader's keys.

Starting the book makes about 80,000 objects. Left to itself the collector ran about 200
times on the way to the first screen (about 40 ms), and its first pass over everything
(about 28 ms) then fell in the reader's first chapter switch. So the command holds the
collector from its start to its first screen, sets aside what its imports made (modules,
classes and functions live as long as the process, so Python need never scan them again), and
runs whole passes while the reader reads: once after the first screen, and in the book after
each chapter's neighbours are loaded (tui/screens/book.py).

Held, the collector lets the start's cyclic garbage (Textual's styles and selectors, about
1.2 MB) wait for that first pass, so peak memory is a little higher: the lab's by 1.3 MB at its
first screen and 0.7 MB after 30 steps (README, *The book*).
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Hold the collector until :func:`release` (if it runs at all: an embedder may have
    turned it off, and then it stays off)."""
    global _held
    _held = gc.isenabled()
    gc.disable()


def set_aside_imports() -> None:
    """While held: what exists now (the imports, before any screen) is never scanned again."""
    if _held:
        gc.freeze()


def release() -> None:
    """While held: one whole pass, then the collector runs as usual."""
    global _held
    if _held:
        _held = False
        gc.collect()
        gc.enable()


def collect() -> None:
    """One whole pass now, while the reader reads, so that none falls in their next key."""
    gc.collect()

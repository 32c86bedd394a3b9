"""Chapters 10–12 as a remote user gets them: bytes per step key, and each chapter's first screen.

Run from the repository root (needs `pip install '.[bench]'`):
    python benchmarks/chapter_keys.py [--size 120x40] [--keys 20] [--runs 3] [--chapters 1,9,10,11,12]

For each chapter it starts `python -m tui --chapter N` in a real pseudo-terminal
(TERM=xterm-256color, no COLORTERM, as ssh gives), reads until the screen is quiet, then presses
the step key `s` --keys times, reading everything each key sends before the next. It prints the
median and largest bytes per key, and the first screen's time to its last byte (the quiet wait
not counted), median over --runs runs, the chapters alternating within each run so load on a
shared machine falls on all of them alike. Target for chapters 10–12: at most 4,096 bytes per
step key at 120×40, and a first screen no slower than the other chapters'.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.tui.pty_run import PtyApp  # noqa: E402

QUIET = 0.6


def one_run(chapter: int, size: tuple[int, int], keys: int) -> tuple[float, list[int]]:
    """(first screen ms, bytes of each step key) for one start of ``chapter``."""
    env = {"NEURON_TUI_CONFIG_DIR": tempfile.mkdtemp()}
    start = time.monotonic()
    app = PtyApp(["--chapter", str(chapter)], size, env)
    try:
        first = app.read_until_quiet(quiet=QUIET, first_within=20.0)
        first_ms = (time.monotonic() - start - QUIET) * 1000
        assert first, "the app drew nothing"
        sizes = []
        for _ in range(keys):
            app.type("s")
            sizes.append(len(app.read_until_quiet(quiet=0.3, first_within=5.0)))
        return first_ms, sizes
    finally:
        app.stop()


def main() -> None:
    """Measure every chapter asked for, alternating, and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chapters", default="1,9,10,11,12")
    args = parser.parse_args()
    cols, rows = (int(v) for v in args.size.split("x"))
    chapters = [int(c) for c in args.chapters.split(",")]
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for ch in chapters:  # once untimed, so bytecode is cached as in an installed copy
        one_run(ch, (cols, rows), 1)
    firsts: dict[int, list[float]] = {c: [] for c in chapters}
    keys: dict[int, list[int]] = {c: [] for c in chapters}
    for _ in range(args.runs):
        for ch in chapters:
            first, sizes = one_run(ch, (cols, rows), args.keys)
            firsts[ch].append(first)
            keys[ch].extend(sizes)
    print(f"{os.cpu_count()} cores · {args.size} · {args.runs} runs × {args.keys} step keys")
    print(f"{'chapter':>7} {'first screen ms':>16} {'(min–max)':>14} {'bytes/key median':>17} "
          f"{'max':>6}")
    for ch in chapters:
        f = firsts[ch]
        print(f"{ch:>7} {statistics.median(f):16.0f} {min(f):7.0f}–{max(f):<6.0f} "
              f"{statistics.median(keys[ch]):17.0f} {max(keys[ch]):6d}")


if __name__ == "__main__":
    main()

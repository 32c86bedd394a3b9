"""Where the book's memory goes: chapter by chapter, against what it cannot do without.

Run from the repository root, with the project and pyte installed (`pip install '.[bench]'`):

    python benchmarks/book_memory.py [--rounds 3] [--size 120x40]

Every app runs in a real pseudo-terminal (TERM=xterm-256color, no COLORTERM) with a new config
folder; memory is read from outside, in /proc: the resident set (VmRSS) and its high-water
mark (VmHWM), which book_keys.py's memory figure is. In MB of 2²⁰ bytes, medians of the rounds.

1. The walk: the book from chapter 1 to 12 with book_keys.py's 100 keys; after each `]`,
   once the book has had 1.5 s to load the neighbours, VmRSS and VmHWM.
2. First screens: the bare app, and the book started at each chapter (`--chapter N`), read
   2 s after the first screen (the neighbours loaded by then).
3. The floor of the walk's end: the book started at chapter 12 in a process that has first
   imported numpy.random, plotext and every chapter's lab, exercises and text. That is what
   reading to chapter 12 needs at the least, keeping nothing of the chapters before.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_apps import APPS, PY, Launcher  # noqa: E402
from book_keys import book_keys  # noqa: E402
from pty_probe import Terminal  # noqa: E402

CHAPTERS = 12
EVERYTHING = ("import numpy.random, plotext, tui.app, tui.screens.book\n"
              "from tui.book.chapter import CHAPTERS\n"
              "from tui.widgets.prose_blocks import parse\n"
              "[(c.lab_class, c.exercises, parse(c.prose())) for c in CHAPTERS]\n"
              "from tui.cli import main\n"
              "main(['--chapter', '12'])\n")
"""The floor's command: everything the walk imports, then the book at chapter 12."""


def status_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of process ``pid`` in MB."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))


def start(launcher: Launcher, cmd: list[str]) -> Terminal:
    """``cmd`` in a pseudo-terminal with a new config folder, from the scratch folder."""
    os.chdir(launcher.scratch)
    env = {"NEURON_TUI_CONFIG_DIR": tempfile.mkdtemp(dir=launcher.scratch)}
    return Terminal(cmd, launcher.size, launcher.term, launcher.colorterm, env)


def walk(launcher: Launcher) -> list[tuple[int, float, float]]:
    """(chapter, VmRSS, VmHWM) at chapter 1's first screen and after each `]`, then at the
    end of the 100 keys."""
    keys, rows, chapter = [key for _, key in book_keys("1\r")], [], 1
    with start(launcher, APPS["book"][0]) as t:
        t.first_screen(APPS["book"][1], settle=1.0)
        time.sleep(1.5)
        rows.append((1, *status_mb(t.pid)))
        for i in range(100):
            t.press(keys[i % len(keys)], quiet=0.3)
            if keys[i % len(keys)] == "]" and chapter < CHAPTERS:
                chapter += 1
                time.sleep(1.5)
                rows.append((chapter, *status_mb(t.pid)))
        rows.append((chapter, *status_mb(t.pid)))
    return rows


def settled_peak(launcher: Launcher, cmd: list[str], wait: str) -> float:
    """VmHWM 2 s after the first screen of ``cmd``."""
    with start(launcher, cmd) as t:
        t.first_screen(wait, settle=1.0)
        time.sleep(2.0)
        return status_mb(t.pid)[1]


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    launcher = Launcher(tuple(int(v) for v in args.size.split("x")))
    print(launcher.header("where the book's memory goes"))
    launcher.warm(["bare", "book"])
    walks, firsts = [], {}
    starts = {"bare app": (APPS["bare"][0], APPS["bare"][1])}
    for n in range(1, CHAPTERS + 1):
        starts[f"--chapter {n}"] = ([PY, "-m", "tui", "--chapter", str(n)], "Lab ·")
    starts["floor: --chapter 12, all imported"] = ([PY, "-c", EVERYTHING], "Lab ·")
    for _ in range(args.rounds):
        walks.append(walk(launcher))
        for name, (cmd, wait) in starts.items():
            firsts.setdefault(name, []).append(settled_peak(launcher, cmd, wait))
    bare = statistics.median(firsts["bare app"])
    print(f"\nthe walk ({args.rounds} rounds, medians): MB after each ], the neighbours loaded")
    print(f"{'chapter':>8} {'VmRSS':>8} {'VmHWM':>8} {'× bare':>7}")
    for i, (chapter, *_) in enumerate(walks[0]):
        rss = statistics.median(w[i][1] for w in walks)
        hwm = statistics.median(w[i][2] for w in walks)
        label = f"{chapter}" if i < len(walks[0]) - 1 else "end"
        print(f"{label:>8} {rss:8.1f} {hwm:8.1f} {hwm / bare:7.2f}")
    print(f"\nfirst screens ({args.rounds} rounds): peak MB 2 s after, median (min–max)")
    for name, peaks in firsts.items():
        print(f"{name:36} {statistics.median(peaks):6.1f} ({min(peaks):.1f}–{max(peaks):.1f})"
              f" {statistics.median(peaks) / bare:6.2f}× bare")


if __name__ == "__main__":
    main()

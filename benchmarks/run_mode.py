"""Continuous run, resize and chapter switch, measured in a real pseudo-terminal.

Run from the repository root, with the project and pyte installed:

    python benchmarks/run_mode.py [--seconds 5] [--size 120x40]

Prints, for the lab running by itself (r): screen updates (paints) and steps per second, output
in KB/s and the app's CPU use; then the bytes and paints of one resize and one chapter switch.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_probe import Terminal, bytecode_note  # noqa: E402


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    cols, rows = (int(v) for v in args.size.split("x"))
    os.chdir(tempfile.mkdtemp())
    tui = [sys.executable, "-m", "tui"]

    def start(extra: list[str], size: tuple[int, int] = (cols, rows)) -> Terminal:
        return Terminal(tui + extra, size, env={"NEURON_TUI_CONFIG_DIR": tempfile.mkdtemp()})

    print(f"{os.cpu_count()} cores · {args.size} · TERM=xterm-256color\n{bytecode_note()}")
    with start(["--lab"]) as t:
        t.first_screen("Cost over steps")
        w = t.watch(args.seconds, key="r")
        steps = max((int(m) for m in re.findall(r"step (\d+)", t.text())), default=0)
    seconds = args.seconds
    print(f"run (r) for {seconds:.1f} s: {w.paints / seconds:.1f} screen updates/s, "
          f"{steps / seconds:.1f} steps/s, {w.bytes / 1024 / seconds:.1f} KB/s, "
          f"CPU {w.cpu_ms / 10 / seconds:.0f}% of one core")
    cases = [
        ("resize 120x40 → 100x30", ["--lab"], (cols, rows), lambda t: t.resize(100, 30)),
        ("resize 100x30 → 120x40", ["--lab"], (100, 30), lambda t: t.resize(cols, rows)),
        ("chapter switch (]) 4 → 5", ["--chapter", "4"], (cols, rows), lambda t: t.press("]", 1.0)),
        ("lab → book (B)", ["--lab"], (cols, rows), lambda t: t.press("B", 1.0)),
    ]
    for label, extra, size, act in cases:
        with start(extra, size) as t:
            t.first_screen("Cost|Lab")
            got = act(t)
        print(f"{label:28} {got.bytes:8d} bytes in {got.paints} paint(s) "
              f"(a full {cols}x{rows} screen is about {cols * rows * 6} bytes)")


if __name__ == "__main__":
    main()

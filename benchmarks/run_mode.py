"""Continuous run, resize and chapter switch, measured in a real pseudo-terminal.

Run from the repository root, with the project and pyte installed:

    python benchmarks/run_mode.py [--seconds 5] [--size 120x40]

Prints, for the lab running by itself (r): screen updates and steps per second, output in
KB/s and the app's CPU use; then the bytes one resize and one chapter switch send.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_probe import bytes_after, press, resize, watch  # noqa: E402


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    cols, rows = (int(v) for v in args.size.split("x"))
    os.environ["NEURON_TUI_CONFIG_DIR"] = tempfile.mkdtemp()
    os.chdir(tempfile.mkdtemp())
    lab = [sys.executable, "-m", "tui", "--lab"]
    w = watch(lab, "r", args.seconds, size=(cols, rows), wait="Cost over steps")
    steps = max((int(m) for line in w.screen for m in re.findall(r"step (\d+)", line)), default=0)
    print(f"{os.cpu_count()} cores · {args.size} · TERM=xterm-256color")
    print(f"run (r) for {w.seconds:.1f} s: {w.frames / w.seconds:.1f} screen updates/s, "
          f"{steps / w.seconds:.1f} steps/s, {w.bytes / 1024 / w.seconds:.1f} KB/s, "
          f"CPU {100 * w.cpu_seconds / w.seconds:.0f}% of one core")
    for label, start, keys, act in [
        ("resize 120x40 → 100x30", lab, [], resize(100, 30)),
        ("resize 100x30 → 120x40", lab, [], None),
        ("chapter switch (]) in the book", [sys.executable, "-m", "tui", "--chapter", "4"], [], press("]")),
        ("lab → book (B)", lab, [], press("B")),
    ]:
        if act is None:  # grow back: start small, then resize up
            n = bytes_after(start, [], resize(cols, rows), size=(100, 30), wait="Cost over steps")
        else:
            n = bytes_after(start, keys, act, size=(cols, rows), wait="Cost|neuron")
        print(f"{label:32} {n:8d} bytes (a full {cols}x{rows} screen is about {cols * rows * 6} bytes)")


if __name__ == "__main__":
    main()

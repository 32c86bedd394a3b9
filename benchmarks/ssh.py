"""First screen, bytes and latency per step key, and peak memory: neuron-tui against a bare app.

Run from the repository root, with the project and pyte installed:

    python benchmarks/ssh.py [--runs 3] [--steps 20] [--size 120x40]

The apps run in the same pseudo-terminal set-up, in the same run; figures are medians, and
every figure is given as a ratio to the bare app's. Each app runs once untimed first, so its
bytecode is cached, as it is in an installed copy. A third app, the floor, is the bare app
after importing numpy and plotext: no app built on them can start faster.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_probe import probe  # noqa: E402

HERE = Path(__file__).resolve().parent
COLOURS = {"256": ("xterm-256color", None), "truecolor": ("xterm-256color", "truecolor"),
           "16": ("xterm", None)}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(cmd: list[str], wait: str, args: argparse.Namespace, colours: str) -> dict:
    """Median figures of ``args.runs`` sessions of ``cmd``."""
    term, colorterm = COLOURS[colours]
    size = tuple(int(v) for v in args.size.split("x"))
    probe(cmd, size=size, wait=wait, term=term, colorterm=colorterm)  # untimed: writes bytecode
    runs = [probe(cmd, size=size, wait=wait, keys=["s"] * args.steps, term=term,
                  colorterm=colorterm) for _ in range(args.runs)]
    return {
        "first_ms": _median([r.first_screen_ms for r in runs if r.first_screen_ms]),
        "first_bytes": _median([r.first_screen_bytes for r in runs]),
        "key_bytes": _median([b for r in runs for b in r.key_bytes]),
        "key_ms": _median([m for r in runs for m in r.key_ms]),
        "rss_mb": _median([r.peak_rss_mb for r in runs if r.peak_rss_mb]),
    }


def main() -> None:
    """Measure both apps and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--colours", default="256,truecolor,16")
    args = parser.parse_args()
    bare = [sys.executable, str(HERE / "bare_app.py")]
    floor = [sys.executable, str(HERE / "floor_app.py")]
    lab = [sys.executable, "-m", "tui", "--lab"]
    os.environ["NEURON_TUI_CONFIG_DIR"] = tempfile.mkdtemp()  # never the reader's own progress
    # An installed copy has its bytecode compiled (pip does it on install); a run with this
    # variable set would compile neuron-tui's modules afresh on every start.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"{os.cpu_count()} cores · {args.size} · {args.runs} runs × {args.steps} step keys")
    print("floor = the bare app after importing numpy and plotext, which neuron-tui needs")
    print(f"{'colours':10} {'figure':22} {'bare':>10} {'floor':>8} {'neuron-tui':>11} "
          f"{'ratio':>7} {'floor ratio':>12}")
    for colours in args.colours.split(","):
        b = measure(bare, "steps: 0", args, colours)
        f = measure(floor, "steps: 0", args, colours)
        n = measure(lab, "Cost over steps", args, colours)
        for key, label in [("first_ms", "first screen ms"), ("first_bytes", "first screen bytes"),
                           ("key_bytes", "bytes per step key"), ("key_ms", "ms per step key"),
                           ("rss_mb", "peak memory MB")]:
            ratio = n[key] / b[key] if b[key] else float("nan")
            floor_ratio = f[key] / b[key] if b[key] else float("nan")
            print(f"{colours:10} {label:22} {b[key]:10.1f} {f[key]:8.1f} {n[key]:11.1f} "
                  f"{ratio:7.2f} {floor_ratio:12.2f}")


if __name__ == "__main__":
    main()

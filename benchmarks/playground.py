"""The playground running and stepping, measured in a real pseudo-terminal.

Run from the repository root, with the project and pyte installed:

    python benchmarks/playground.py [--seconds 5] [--size 120x40] [--rounds 3]

Prints, for the default network (two hidden layers of 4 and 2, on the 500 circle points) and
for six hidden layers of 8, each running by itself (r): screen updates and epochs per second,
output in KB/s and the app's CPU use; then the bytes one step key (s) sends. Each figure is
given as min / median / max over the rounds. Targets (issue #20): default ≥ 20 updates/s,
≤ 60 KB/s, ≤ 50% of a core; six layers of 8 ≥ 10 updates/s; a step key ≤ 6 KB.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pty_probe import bytes_after, press, watch  # noqa: E402


def network_args(hidden: tuple[int, ...]) -> list[str]:
    """The command line that opens the playground with ``hidden`` layers (via a state string)."""
    from core.files.playground_session import state_string
    from core.playground.settings import Settings
    from core.playground.state import start

    if hidden == Settings().hidden:
        return ["--playground"]
    return ["--state", state_string(start(Settings(hidden=hidden)))]


def spread(values: list[float]) -> str:
    """min / median / max."""
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cols, rows = (int(v) for v in args.size.split("x"))
    os.environ["NEURON_TUI_CONFIG_DIR"] = tempfile.mkdtemp()
    os.chdir(tempfile.mkdtemp())
    print(f"{os.cpu_count()} cores · {args.size} · TERM=xterm-256color · {args.rounds} rounds "
          f"of {args.seconds:g} s · figures min / median / max")
    for name, hidden in (("default network 4-2", (4, 2)), ("six layers of 8", (8,) * 6)):
        cmd = [sys.executable, "-m", "tui", *network_args(hidden)]
        updates, epochs, kbs, cpu = [], [], [], []
        for _ in range(args.rounds):
            w = watch(cmd, "r", args.seconds, size=(cols, rows), wait="epoch 0")
            last = max((int(m) for line in w.screen for m in re.findall(r"epoch (\d+)", line)),
                       default=0)
            updates.append(w.frames / w.seconds)
            epochs.append(last / w.seconds)
            kbs.append(w.bytes / 1024 / w.seconds)
            cpu.append(100 * w.cpu_seconds / w.seconds)
        print(f"{name:20} run: {spread(updates)} updates/s, {spread(epochs)} epochs/s, "
              f"{spread(kbs)} KB/s, CPU {spread(cpu)}% of one core")
    for label, keys in (("first step key (s)", []), ("a later step key", ["s"] * 3)):
        steps = [bytes_after([sys.executable, "-m", "tui", "--playground"], keys, press("s"),
                             size=(cols, rows), wait="epoch 0", answer_quiet_ms=500)
                 for _ in range(args.rounds)]
        print(f"{label:20} {min(steps)} / {statistics.median(steps):.0f} / {max(steps)} bytes")


if __name__ == "__main__":
    main()

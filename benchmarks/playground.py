"""The playground running and stepping, measured in a real pseudo-terminal.

Run from the repository root, with the project and pyte installed:

    python benchmarks/playground.py [--seconds 5] [--size 120x40] [--rounds 3]

Prints, for the lab running (a baseline, timed in the same rounds), the default network (two hidden
layers of 4 and 2, on the 500 circle points) and six hidden layers of 8, each running by
itself (r): screen updates and epochs per second, output in KB/s, the app's CPU use and its
CPU time per update (which a busy machine does not change, as it does the rate); then the
bytes one step key (s) sends. Each figure is
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
    runs = {"the lab (baseline)": ([sys.executable, "-m", "tui", "--lab"], "Cost over steps",
                                   r"step (\d+)"),
            "default network 4-2": ([sys.executable, "-m", "tui", *network_args((4, 2))],
                                    "epoch 0", r"epoch (\d+)"),
            "six layers of 8": ([sys.executable, "-m", "tui", *network_args((8,) * 6)],
                                "epoch 0", r"epoch (\d+)")}
    figures = {name: {k: [] for k in ("updates", "epochs", "kbs", "cpu", "ms")} for name in runs}
    for _ in range(args.rounds):  # alternating, so each round's runs share the same load
        for name, (cmd, wait, counter) in runs.items():
            w = watch(cmd, "r", args.seconds, size=(cols, rows), wait=wait)
            last = max((int(m) for line in w.screen for m in re.findall(counter, line)),
                       default=0)
            f = figures[name]
            f["updates"].append(w.frames / w.seconds)
            f["epochs"].append(last / w.seconds)
            f["kbs"].append(w.bytes / 1024 / w.seconds)
            f["cpu"].append(100 * w.cpu_seconds / w.seconds)
            f["ms"].append(1000 * w.cpu_seconds / max(w.frames, 1))
    for name, f in figures.items():
        print(f"{name:20} run: {spread(f['updates'])} updates/s, {spread(f['epochs'])} "
              f"epochs (steps)/s, {spread(f['kbs'])} KB/s, CPU {spread(f['cpu'])}% of one core, "
              f"{spread(f['ms'])} ms of CPU an update")
    print("half a core (500 ms of CPU a second) pays for 500 / (ms an update) updates a second;"
          " the run's timer allows at most 30")
    for label, keys in (("first step key (s)", []), ("a later step key", ["s"] * 3)):
        steps = [bytes_after([sys.executable, "-m", "tui", "--playground"], keys, press("s"),
                             size=(cols, rows), wait="epoch 0", answer_quiet_ms=500)
                 for _ in range(args.rounds)]
        print(f"{label:20} {min(steps)} / {statistics.median(steps):.0f} / {max(steps)} bytes")


if __name__ == "__main__":
    main()

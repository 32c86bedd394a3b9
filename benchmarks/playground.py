"""The playground running and stepping, measured in a real pseudo-terminal.

Run from the repository root, with the project and pyte installed:

    python benchmarks/playground.py [--seconds 5] [--size 120x40] [--rounds 3]

Prints, for the lab running (a baseline, timed in the same rounds), the default network (two hidden
layers of 4 and 2, on the 500 circle points) and six hidden layers of 8, each running by
itself (r): screen updates (synchronized-output frames) and epochs per second, output in KB/s, the app's CPU use and its
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
from pty_probe import Terminal, bytecode_note  # noqa: E402


def network_args(hidden: tuple[int, ...]) -> list[str]:
    """The command line that opens the playground with ``hidden`` layers (via a state string)."""
    from core.files.playground_session import state_string
    from core.playground.settings import Settings
    from core.playground.state import start

    if hidden == Settings().hidden:
        return ["--playground"]
    return ["--state", state_string(start(Settings(hidden=hidden)))]


def step_bytes(keys: list[str], size: tuple[int, int]) -> int:
    """Bytes the playground writes in answer to one ``s`` after ``keys`` have been answered."""
    with Terminal([sys.executable, "-m", "tui", "--playground"], size=size) as term:
        term.first_screen("epoch 0")
        for key in keys:
            term.press(key)
        return term.press("s", quiet=0.5).bytes


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
    print(bytecode_note())
    runs = {"the lab (baseline)": ([sys.executable, "-m", "tui", "--lab"], "Cost over steps",
                                   r"step (\d+)"),
            "default network 4-2": ([sys.executable, "-m", "tui", *network_args((4, 2))],
                                    "epoch 0", r"epoch (\d+)"),
            "six layers of 8": ([sys.executable, "-m", "tui", *network_args((8,) * 6)],
                                "epoch 0", r"epoch (\d+)")}
    figures = {name: {k: [] for k in ("updates", "epochs", "kbs", "cpu", "ms")} for name in runs}
    for _ in range(args.rounds):  # alternating, so each round's runs share the same load
        for name, (cmd, wait, counter) in runs.items():
            with Terminal(cmd, size=(cols, rows)) as term:
                term.first_screen(wait)
                w = term.watch(args.seconds, "r")
                screen = term.text()
            last = max((int(m) for m in re.findall(counter, screen)), default=0)
            updates, cpu_s = w.paints or w.bursts, (w.cpu_ms or 0.0) / 1000
            f = figures[name]
            f["updates"].append(updates / args.seconds)
            f["epochs"].append(last / args.seconds)
            f["kbs"].append(w.bytes / 1024 / args.seconds)
            f["cpu"].append(100 * cpu_s / args.seconds)
            f["ms"].append(1000 * cpu_s / max(updates, 1))
    for name, f in figures.items():
        print(f"{name:20} run: {spread(f['updates'])} updates/s, {spread(f['epochs'])} "
              f"epochs (steps)/s, {spread(f['kbs'])} KB/s, CPU {spread(f['cpu'])}% of one core, "
              f"{spread(f['ms'])} ms of CPU an update")
    print("half a core (500 ms of CPU a second) pays for 500 / (ms an update) updates a second;"
          " the run's timer allows at most 30")
    for label, keys in (("first step key (s)", []), ("a later step key", ["s"] * 3)):
        steps = [step_bytes(keys, (cols, rows)) for _ in range(args.rounds)]
        print(f"{label:20} {min(steps)} / {statistics.median(steps):.0f} / {max(steps)} bytes")


if __name__ == "__main__":
    main()

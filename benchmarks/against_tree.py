"""This checkout against another one (a change against the code before it), taking turns.

Run from the repository root, with the project and pyte installed (`pip install '.[bench]'`):

    git worktree add /tmp/before HEAD~1      # or any other checkout
    python benchmarks/against_tree.py /tmp/before [--rounds 7] [--size 120x40]
        [--apps book,book10,book12,lab]

Each round starts the bare Textual app, then the book (chapter 1, a new reader) and the lab
(or the apps --apps names: the book at chapter 9, 10 or 12 too) from each tree, the trees in alternating order, each in a real pseudo-terminal
(TERM=xterm-256color, no COLORTERM) with PYTHONPATH set to its tree. In the book it presses `]`
once the first screen is complete. A warm-up round runs untimed first, so both trees'
bytecode is cached. Prints per app and tree: the first screen (ms to its last byte before 1 s
of quiet, and its ratio to the bare app's median), the CPU time of `]` to the last byte of
its answer, and peak memory; each as median (min–max).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_apps import APPS, PY, bytecode_note, median, spread  # noqa: E402
from pty_probe import Terminal  # noqa: E402

STARTS = {name: APPS[name] for name in ("book", "book9", "book10", "book12", "lab")}
"""What it can start: the book at chapter 1 (a new reader), at chapters 9, 10 and 12, the lab."""


def one_run(cmd: list[str], pattern: str, size: tuple[int, int], tree: str | None,
            key: str | None) -> tuple[float, float | None, float | None]:
    """(first screen ms, the key's CPU ms, peak MB) of one start."""
    env = {"NEURON_TUI_CONFIG_DIR": tempfile.mkdtemp(prefix="against-")}
    if tree:
        env["PYTHONPATH"] = tree
    with Terminal(cmd, size, "xterm-256color", None, env) as t:
        first = t.first_screen(pattern).ms
        cpu = t.press(key, quiet=0.5).cpu_ms if key else None
        return first, cpu, t.peak_rss_mb()


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", help="the other checkout's root (its tui/ and core/)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--apps", default="book,lab",
                        help=f"which to start, of {','.join(STARTS)}")
    args = parser.parse_args()
    apps = {name: STARTS[name] for name in args.apps.split(",")}
    size = tuple(int(v) for v in args.size.split("x"))
    trees = {"this": str(HERE.parent), "other": str(Path(args.other).resolve())}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # `python -m` looks in the folder it runs in first: run both where there is no tui/
    os.chdir(tempfile.mkdtemp(prefix="against-"))
    print(f"{trees['this']} against {trees['other']}\n{os.cpu_count()} cores · load average "
          f"{os.getloadavg()[0]:.1f} · {args.size} · {bytecode_note()}")
    got: dict[tuple[str, str], list[tuple]] = {}
    for r in range(args.rounds + 1):
        rows = {("bare", ""): one_run(APPS["bare"][0], APPS["bare"][1], size, None, None)}
        order = list(trees.items())[:: 1 if r % 2 else -1]
        for app, (cmd, pattern) in apps.items():
            for name, tree in order:
                rows[(app, name)] = one_run(cmd, pattern, size, tree,
                                            "]" if app == "book" else None)
        if r:  # round 0 warms the bytecode caches
            for k, v in rows.items():
                got.setdefault(k, []).append(v)
    bare = median([v[0] for v in got[("bare", "")]])
    print(f"\n{args.rounds} rounds: median (min–max)")
    print(f"{'app':13} {'first screen ms':>20} {'× bare':>7} {'] CPU ms':>18} {'peak MB':>20}")
    for (app, name), runs in got.items():
        first = [v[0] for v in runs]
        cpu = [v[1] for v in runs if v[1] is not None]
        mb = [v[2] for v in runs if v[2] is not None]
        print(f"{app + ' ' + name:13} {spread(first):>20} {median(first) / bare:7.2f} "
              f"{spread(cpu, '{:.1f}'):>18} {spread(mb, '{:.1f}'):>20}")


if __name__ == "__main__":
    main()

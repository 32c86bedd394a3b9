"""CPU time from a fresh interpreter to the first screen, in process: this checkout, or against
another one, taking turns.

Run from the repository root, with the project installed:

    python benchmarks/first_screen_cpu.py [OTHER] [--rounds 9] [--starts 1,9,10,12,lab]

Each start is a new Python process that holds the collector as the command does, imports the
app, and opens the book at a chapter as a new reader (or the lab) headless at 120×40
(``App.run_test``); it prints the process's CPU time (all its threads) when the first screen
has settled. Nothing due after the first screen (the collector's release, the book's loading
of the next chapters) runs before that. The starts and the trees take turns; a warm-up round
runs untimed, so bytecode is cached. CPU time is steadier than the clock on a shared machine,
but still moves with the load: compare trees in the same run. Prints median (min–max) ms.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_apps import median, spread  # noqa: E402

PROBE = """
import asyncio, os, sys, tempfile, time
from pathlib import Path
from tui import collector
try:  # as the tree's command does
    from tui.blas import one_blas_thread
    one_blas_thread()
except ImportError:
    pass
collector.hold()
import tui.app, tui.screens.book
tui.app.START_QUIET = tui.screens.book.PRELOAD_AFTER = 1e6  # after the first screen: not timed
start = sys.argv[1]
async def main():
    book = start != "lab"
    app = tui.app.NeuronApp(start="book" if book else "lab", chapter=int(start) if book else None,
                            progress_file=Path(tempfile.mkdtemp()) / "progress.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(time.process_time() * 1000)
asyncio.run(main())
"""


def cpu_ms(tree: str, start: str) -> float:
    """One start's CPU time to its first screen, in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("OPENBLAS_NUM_THREADS", None)
    out = subprocess.run([sys.executable, "-c", PROBE, start], capture_output=True, text=True,
                         check=True, env=env, cwd=tempfile.gettempdir(), timeout=120).stdout
    return float(out.split()[-1])


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", help="another checkout's root, to compare with")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--starts", default="1,9,10,12,lab", help="chapters, or lab")
    args = parser.parse_args()
    trees = {"this": str(HERE.parent)}
    if args.other:
        trees["other"] = str(Path(args.other).resolve())
    starts = args.starts.split(",")
    print(f"{' against '.join(trees.values())}\n{os.cpu_count()} cores · load average "
          f"{os.getloadavg()[0]:.1f} · 120x40 · headless")
    got: dict[tuple[str, str], list[float]] = {}
    for r in range(args.rounds + 1):
        order = list(trees.items())[:: 1 if r % 2 else -1]
        for start in starts:
            for name, tree in order:
                ms = cpu_ms(tree, start)
                if r:  # round 0 warms the bytecode caches
                    got.setdefault((start, name), []).append(ms)
    print(f"\n{args.rounds} rounds: CPU ms to the first screen, median (min–max)")
    for (start, name), runs in got.items():
        label = f"{'chapter ' + start if start != 'lab' else 'lab'} {name}"
        print(f"{label:16} {spread(runs, '{:.0f}'):>20}")


if __name__ == "__main__":
    main()

"""CPU time of the lab's step key in process: computing and drawing the panes, then Textual
composing the changed rows; this checkout alone, or taking turns with another one.

Run from the repository root, with the project installed:

    python benchmarks/lab_step.py [OTHER] [--rounds 4] [--steps 100] [--size 120x40]

Each run starts the lab headless (``App.run_test``) in a fresh process at the given size and
takes ``--steps`` steps, timing with the thread's CPU clock, step by step: the action (the
gradient step, the view, the fields, the plots) and the compositor's partial update that
follows it (what Textual writes is not timed: headless, it writes nothing). With OTHER (the
root of another checkout, say a worktree of the commit before a change) the two take turns,
--rounds runs each. Prints each checkout's per-step medians over its runs, min–max.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUN = """
import asyncio, json, statistics, time
from tui.app import NeuronApp

async def main(steps, size):
    app = NeuronApp(seed=0, start="lab")
    action, render = [], []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        compositor = screen._compositor
        for _ in range(steps):
            t0 = time.thread_time_ns()
            screen.action_step()
            t1 = time.thread_time_ns()
            compositor.update_widgets(screen._dirty_widgets)
            screen._dirty_widgets.clear()
            compositor.render_update(screen_stack=app._background_screens)
            t2 = time.thread_time_ns()
            action.append((t1 - t0) / 1e6)
            render.append((t2 - t1) / 1e6)
            await pilot.pause()
    print(json.dumps({"action": statistics.median(action), "render": statistics.median(render),
                      "total": statistics.median(a + r for a, r in zip(action, render))}))

asyncio.run(main({steps}, ({width}, {height})))
"""


def one_run(tree: str, steps: int, size: tuple[int, int]) -> dict[str, float]:
    """Per-step medians (ms) of one fresh process of the lab from ``tree``."""
    code = RUN.replace("{steps}", str(steps)).replace("{width}", str(size[0])).replace(
        "{height}", str(size[1]))
    env = {**os.environ, "PYTHONPATH": tree}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=HERE, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", help="another checkout's root, to take turns with")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    trees = {"this": str(HERE.parent)}
    if args.other:
        trees["other"] = str(Path(args.other).resolve())
    print(f"{os.cpu_count()} cores · load average {os.getloadavg()[0]:.1f} · {args.size} · "
          f"{args.steps} steps a run, {args.rounds} runs each, taking turns")
    got: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for r in range(args.rounds):
        for name, tree in list(trees.items())[:: 1 if r % 2 == 0 else -1]:
            got[name].append(one_run(tree, args.steps, size))
    print(f"load average after: {os.getloadavg()[0]:.1f}\nCPU ms per step, median (min–max "
          "over runs of each run's median)")
    for name, runs in got.items():
        parts = []
        for key in ("action", "render", "total"):
            values = [run[key] for run in runs]
            parts.append(f"{key} {statistics.median(values):.2f} "
                         f"({min(values):.2f}–{max(values):.2f})")
        print(f"{name:6} {trees[name][-40:]:40}  " + "  ".join(parts))


if __name__ == "__main__":
    main()

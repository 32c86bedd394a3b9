"""Long random-key run: how many keys the app survives on every screen and size.

Run from the repository root:  python benchmarks/monkey.py [--keys 50000] [--seed 0]

Keys are spread evenly over the lab, the playground and every chapter, starting at 80×24,
40×12 and 200×60, sent in bursts as fast as a person mashing (several keys in one read, as
over ssh), with the command palette (part of a command's name typed, then enter; Quit left
out), help, the contents, the notation page, the dialogs and resizes anywhere from 30×10 to
220×70 (now and then down to 1×1) mixed in (tests/tui/monkey.py).
Each session ends by checking that the app still answers a key. Prints keys sent, keys
survived (sent before any failure), sessions, palettes opened, resizes and failures.
It runs in a temporary folder, so the files that keys like S (screenshot) or E (export) write
never land in the repository.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.tui.monkey import SIZES, STARTS, MonkeyApp, mash, still_responds  # noqa: E402


async def session(start: str, chapter: int | None, size: tuple[int, int], keys: int,
                  rng: random.Random, tally: Counter) -> tuple[int, str | None]:
    """Mash ``keys`` keys at one screen, starting at ``size``; return keys sent and any failure."""
    app = MonkeyApp(start=start, chapter=chapter)
    sent = 0
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            sent = await mash(app, pilot, rng, keys, tally)
            if not await still_responds(app, pilot):
                return sent, "stopped answering keys"
    except Exception:  # noqa: BLE001 - a benchmark reports every failure rather than stopping
        return sent, traceback.format_exc(limit=-6)
    return sent, None


async def main() -> None:
    """Run the sessions and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ["NEURON_TUI_CONFIG_DIR"] = tempfile.mkdtemp()
    os.chdir(tempfile.mkdtemp())
    plan = [(s, c, size) for s, c in STARTS for size in SIZES]
    per = max(1, args.keys // len(plan))
    rng = random.Random(args.seed)
    t0, sent, failures, rounds, tally = time.perf_counter(), 0, [], 0, Counter()
    while sent < args.keys:
        for start, chapter, size in plan:
            n, failure = await session(start, chapter, size, min(per, args.keys - sent), rng,
                                       tally)
            sent += n
            if failure:
                failures.append(f"{start} {chapter} {size}: {failure}")
            if sent >= args.keys:
                break
        rounds += 1
    survived = sent if not failures else "see failures"
    print(f"keys sent {sent} · keys survived {survived} · sessions {rounds * len(plan)} · "
          f"palettes opened {tally['palettes']} · resizes {tally['resizes']} · "
          f"failures {len(failures)} · {time.perf_counter() - t0:.0f} s · seed {args.seed}")
    for f in failures:
        print(f)


if __name__ == "__main__":
    asyncio.run(main())

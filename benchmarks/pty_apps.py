"""First screens, the lab's step key and peak memory: neuron-tui against a bare Textual app.

Run from the repository root, with the project and pyte installed (`pip install '.[bench]'`):

    python benchmarks/pty_apps.py [--rounds 7] [--key-rounds 3] [--keys 100] [--size 120x40]
                                  [--colours 256,truecolor,16] [--ssh] [--every-chapter]

Every app runs in a real pseudo-terminal, as a remote user's terminal would run it
(TERM=xterm-256color, no COLORTERM), with a new config folder; each runs once untimed first so
its bytecode is cached. With --ssh they run through a real `ssh` to a private sshd on
127.0.0.1 instead (skipped, with a message, where sshd is not installed).

1. First screens: the apps take turns (bare, floor, lab, the book at chapters 1, 9, 10 and
   12, or every chapter with --every-chapter, then bare again, …) for --rounds rounds. A first screen is complete at its last byte
   before 1 s of silence. Each app's time is given as median (min–max), and as its ratio to
   the bare app started in the same round (median and range of the rounds' ratios).
2. Keys and memory: bare, floor and lab take turns for --key-rounds rounds; each presses the
   step key `s` --keys times (the bare app counts it in a Static). Per key: bytes, paints
   (synchronized updates), time to the last byte of the answer, CPU time; then the app's peak
   memory after all the keys.

The floor is the bare app after importing numpy and plotext: no app built on them can start
faster.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_apps import APPS, PY, Launcher, median, spread  # noqa: E402

FIRST = ["bare", "floor", "lab", "book", "book9", "book10", "book12"]
STEPPERS = ["bare", "floor", "lab"]


def every_chapter() -> list[str]:
    """The apps that open the book at each chapter (added to APPS where they are missing)."""
    from tui.book.chapter import CHAPTERS

    names = []
    for chapter in CHAPTERS:
        name = "book" if chapter.number == 1 else f"book{chapter.number}"
        APPS.setdefault(name, ([PY, "-m", "tui", "--chapter", str(chapter.number)],
                               chapter.title))
        names.append(name)
    return names


def first_screens(launcher: Launcher, rounds: int, apps: list[str] = FIRST) -> None:
    """Time each app's first screen, the apps taking turns; print a table."""
    ms = {a: [] for a in apps}
    size = {a: [] for a in apps}
    paints = {a: [] for a in apps}
    ratios = {a: [] for a in apps}
    for _ in range(rounds):
        for app in apps:
            with launcher.start(app) as t:
                got = t.first_screen(APPS[app][1])
            ms[app].append(got.ms)
            size[app].append(got.bytes)
            paints[app].append(got.paints)
            ratios[app].append(got.ms / ms["bare"][-1])
    print(f"\nfirst screen, {rounds} rounds (ms to the last byte before 1 s of quiet)")
    print(f"{'app':8} {'ms: median (min–max)':>24} {'× bare: median (min–max)':>28} "
          f"{'bytes':>7} {'paints':>7}")
    for app in apps:
        print(f"{app:8} {spread(ms[app]):>24} {spread(ratios[app], '{:.2f}'):>28} "
              f"{median(size[app]):7.0f} {spread(paints[app]):>7}")


def step_keys(launcher: Launcher, rounds: int, keys: int) -> None:
    """Press the step key in each app, the apps taking turns; print a table."""
    per_key = {a: {"bytes": [], "paints": [], "ms": [], "cpu": []} for a in STEPPERS}
    rss = {a: [] for a in STEPPERS}
    for _ in range(rounds):
        for app in STEPPERS:
            with launcher.start(app) as t:
                t.first_screen(APPS[app][1], settle=0.5)
                for _ in range(keys):
                    got = t.press("s", quiet=0.15)
                    for k, v in (("bytes", got.bytes), ("paints", got.paints),
                                 ("ms", got.ms), ("cpu", got.cpu_ms)):
                        if v is not None:
                            per_key[app][k].append(v)
                rss[app].append(t.peak_rss_mb())
    print(f"\nstep key s, {rounds} rounds × {keys} keys")
    print(f"{'app':8} {'bytes/key':>18} {'paints/key':>11} {'ms to last byte':>18} "
          f"{'× bare':>7} {'CPU ms/key':>16} {'peak MB':>18} {'× bare':>7}")
    bare_ms, bare_rss = median(per_key["bare"]["ms"]), median([r for r in rss["bare"] if r])
    for app in STEPPERS:
        f = per_key[app]
        mem = [r for r in rss[app] if r]
        print(f"{app:8} {spread(f['bytes']):>18} {spread(f['paints']):>11} "
              f"{spread(f['ms'], '{:.1f}'):>18} {median(f['ms']) / bare_ms:7.2f} "
              f"{spread(f['cpu'], '{:.1f}'):>16} {spread(mem, '{:.1f}'):>18} "
              f"{median(mem) / bare_rss if mem else float('nan'):7.2f}")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="first-screen rounds (≥ 7)")
    parser.add_argument("--key-rounds", type=int, default=3)
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--colours", default="256", help="any of 256,truecolor,16")
    parser.add_argument("--ssh", action="store_true", help="through ssh to a private sshd")
    parser.add_argument("--skip-keys", action="store_true", help="first screens only")
    parser.add_argument("--every-chapter", action="store_true",
                        help="time the book's first screen at every chapter, not 1, 9, 10, 12")
    args = parser.parse_args()
    if args.ssh:
        from private_sshd import missing

        if why := missing():
            print(f"--ssh skipped: {why}")
            return
    size = tuple(int(v) for v in args.size.split("x"))
    for colours in args.colours.split(","):
        launcher = Launcher(size, ssh=args.ssh, colours=colours)
        try:
            print(launcher.header("neuron-tui against a bare Textual app"))
            first = ["bare", "floor", "lab", *every_chapter()] if args.every_chapter else FIRST
            launcher.warm(first)
            first_screens(launcher, args.rounds, first)
            if not args.skip_keys:
                step_keys(launcher, args.key_rounds, args.keys)
        finally:
            launcher.close()


if __name__ == "__main__":
    main()

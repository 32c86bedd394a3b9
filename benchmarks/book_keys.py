"""The book's keys as a remote user gets them: bytes, paints, time and CPU per key, and memory.

Run from the repository root, with the project and pyte installed (`pip install '.[bench]'`):

    python benchmarks/book_keys.py [--rounds 7] [--memory-rounds 3] [--size 120x40]
                                   [--answer KEYS] [--ssh]

Each round starts the bare Textual app and then the book (a new reader: chapter 1), in a real
pseudo-terminal (TERM=xterm-256color, no COLORTERM), or with --ssh through a real `ssh` to a
private sshd on 127.0.0.1. The bare app's key (`s`, which updates a Static) is the baseline.
In the book it presses, one at a time, reading each whole answer (to 0.5 s of silence) before
the next:

    pgdn (the first key after start), ] (chapter 1 → 2), pgdn (in chapter 2), t (contents),
    esc (closing them), e (to the exercises), an answer in one read (--answer; by default
    1 and enter, as chapter 2's first exercise asks for a typed number)

and prints per key: bytes, paints (synchronized updates), time from the key to the last byte
of its answer, its ratio to the bare key's, and the app's CPU time to that last byte (not what
it does in the quiet after: the book loads the next chapter then). Targets at 120×40: every
key one paint; an answer only the exercise panel's changed rows (≤ 3 KB); pgdn at most the
prose pane; ] at most 80 ms of CPU.

Memory: in --memory-rounds more rounds the bare app takes 100 `s` keys and the book 100 keys
that walk it from chapter 1 to 12 (the sequence above, over and over); the peak resident memory
of each, and the book's ratio to the bare app's (target 1.8×).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_apps import APPS, Launcher, median, spread  # noqa: E402

QUIET = 0.5
"""Silence that ends a key's answer: longer than the book's holds (0.1 s, up to 0.2 s more)."""


def book_keys(answer: str) -> list[tuple[str, str]]:
    """(label, key) for the measured keys, in order."""
    return [("pgdn, first key", "pgdn"), ("] chapter 1 → 2", "]"), ("pgdn", "pgdn"),
            ("t contents", "t"), ("esc closes them", "esc"), ("e exercises", "e"),
            (f"{answer.replace(chr(13), '⏎')} an answer", answer)]


def run_keys(launcher: Launcher, rounds: int, answer: str) -> None:
    """The per-key table."""
    keys = book_keys(answer)
    rows = {label: {"bytes": [], "paints": [], "ms": [], "cpu": []} for label, _ in
            [("s, bare app", "s"), *keys]}
    for _ in range(rounds):
        with launcher.start("bare") as t:
            t.first_screen(APPS["bare"][1], settle=0.5)
            for _ in range(len(keys)):
                _record(rows["s, bare app"], t.press("s", quiet=QUIET))
        with launcher.start("book") as t:
            t.first_screen(APPS["book"][1], settle=1.0)
            for label, key in keys:
                _record(rows[label], t.press(key, quiet=QUIET))
    bare = median(rows["s, bare app"]["ms"])
    print(f"\nkeys, {rounds} rounds: median (min–max)")
    print(f"{'key':18} {'bytes':>20} {'paints':>8} {'ms to last byte':>20} {'× bare':>7} "
          f"{'CPU ms':>18}")
    for label, f in rows.items():
        print(f"{label:18} {spread(f['bytes']):>20} {spread(f['paints']):>8} "
              f"{spread(f['ms'], '{:.1f}'):>20} {median(f['ms']) / bare:7.2f} "
              f"{spread(f['cpu'], '{:.1f}'):>18}")


def _record(row: dict, got) -> None:  # noqa: ANN001 - a pty_probe.Answer
    for k, v in (("bytes", got.bytes), ("paints", got.paints), ("ms", got.ms),
                 ("cpu", got.cpu_ms)):
        if v is not None:
            row[k].append(v)


def memory(launcher: Launcher, rounds: int, answer: str) -> None:
    """Peak memory after 100 keys: the bare app's and the book's."""
    walk = [key for _, key in book_keys(answer)]
    peaks = {"bare": [], "book": []}
    for _ in range(rounds):
        with launcher.start("bare") as t:
            t.first_screen(APPS["bare"][1], settle=0.5)
            for _ in range(100):
                t.press("s", quiet=0.1)
            peaks["bare"].append(t.peak_rss_mb())
        with launcher.start("book") as t:
            t.first_screen(APPS["book"][1], settle=1.0)
            for i in range(100):
                t.press(walk[i % len(walk)], quiet=0.3)
            peaks["book"].append(t.peak_rss_mb())
            last = next((line for line in t.text().splitlines() if "chapter " in line), "")
    if None in peaks["bare"] + peaks["book"]:
        print("\npeak memory: not readable through ssh (run without --ssh)")
        return
    bare, book = median(peaks["bare"]), median(peaks["book"])
    print(f"\npeak memory after 100 keys, {rounds} rounds (the book ended at: {last.strip()[:60]})")
    print(f"bare {spread(peaks['bare'], '{:.1f}')} MB · book {spread(peaks['book'], '{:.1f}')} MB"
          f" · {book / bare:.2f}× bare (each round: "
          + ", ".join(f"{b / a:.2f}" for a, b in zip(peaks["bare"], peaks["book"])) + ")")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--memory-rounds", type=int, default=3)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--answer", default="1\r", help="the key(s) that answer chapter 2's "
                        "first exercise, written in one read (a number and \\r)")
    parser.add_argument("--ssh", action="store_true", help="through ssh to a private sshd")
    args = parser.parse_args()
    if args.ssh:
        from private_sshd import missing

        if why := missing():
            print(f"--ssh skipped: {why}")
            return
    launcher = Launcher(tuple(int(v) for v in args.size.split("x")), ssh=args.ssh)
    try:
        print(launcher.header("the book's keys against a bare Textual app's"))
        launcher.warm(["bare", "book"])
        if args.rounds:
            run_keys(launcher, args.rounds, args.answer)
        if args.memory_rounds:
            memory(launcher, args.memory_rounds, args.answer)
    finally:
        launcher.close()


if __name__ == "__main__":
    main()

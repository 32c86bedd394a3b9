"""Time and memory of every hostile file and string, and of the largest usable ones.

Run from the repository root:  python benchmarks/hostile_files.py

Reads each kind of tests/tui/test_hostile_files.py, and the largest files the app accepts (a
session of 100,000 rows of 9 numbers in full precision, a 20 MB CSV of 100,000 rows), each in
a process of its own, forked after everything is imported, and prints the wall time and the
growth of the process's peak resident memory (ru_maxrss) for each, then the worst of each
reader. The suite checks processor time and tracemalloc's peak instead, which other work on
the machine cannot disturb; this is the whole cost as the system sees it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.data.csvdata import load_csv  # noqa: E402
from core.files.session import read_state_string, session_json  # noqa: E402
from tests.tui import test_hostile_files as cases  # noqa: E402
from tui.app import N_CHAPTERS  # noqa: E402
from tui.lab.start import default_lab_state, read_session_file  # noqa: E402
from tui.storage.progress import load as load_progress  # noqa: E402

READERS = {
    "session": (cases.SESSIONS, read_session_file),
    "state string": (cases.STATE_STRINGS, read_state_string),
    "CSV": (cases.CSVS, load_csv),
    "progress": (cases.PROGRESS, lambda path: _notice(load_progress(path, N_CHAPTERS)[1])),
}


def _notice(notice: str | None) -> None:
    if notice:  # the file was not used: a refusal, as the other readers raise
        raise ValueError(notice)


def largest_session(folder: Path) -> Path:
    """A session holding 100,000 rows of 8 inputs and a target, each in full precision."""
    from core.data.datasets import Dataset
    import numpy as np

    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (100_000, 8)) * 0.987654321
    data = Dataset("csv:big", "big", X, rng.uniform(-1, 1, 100_000), "mse", "big")
    state = default_lab_state(data=data)
    path = folder / "largest.json"
    path.write_text(session_json([state]))
    return path


def largest_csv(folder: Path) -> Path:
    """A CSV of about 19 MB: 100,000 rows of 8 inputs and a target, 16 digits each."""
    import numpy as np

    rng = np.random.default_rng(0)
    rows = rng.uniform(-1000, 1000, (100_000, 9))
    path = folder / "largest.csv"
    with open(path, "w") as handle:
        handle.write(",".join(f"x{i}" for i in range(8)) + ",t\n")
        for row in rows:
            handle.write(",".join(f"{v:.16g}" for v in row) + "\n")
    return path


def measure(read, thing) -> tuple[str, float, float]:
    """Outcome, seconds and MB of peak memory growth of ``read(thing)`` in a forked child."""
    out, inn = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(out)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            read(thing)
            outcome = "accepted"
        except Exception as error:  # noqa: BLE001 - the benchmark reports any refusal
            outcome = f"refused: {str(error)[:70]}"
        seconds = time.perf_counter() - start
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        os.write(inn, json.dumps([outcome, seconds, grown]).encode())
        os._exit(0)
    os.close(inn)
    with os.fdopen(out) as pipe:
        result = json.loads(pipe.read())
    os.waitpid(pid, 0)
    return tuple(result)


def main() -> None:
    """Measure every kind; print each, then the worst of each reader."""
    worst: dict[str, tuple[float, float, int]] = {}
    for reader, (kinds, read) in READERS.items():
        for name, (make, _says) in kinds.items():
            with tempfile.TemporaryDirectory() as folder:
                thing = make(Path(folder))
                outcome, seconds, grown = measure(read, thing)
            print(f"{reader:12} {name[:44]:44} {seconds:6.3f} s {grown:6.0f} MB  {outcome}")
            w = worst.get(reader, (0.0, 0.0, 0))
            worst[reader] = (max(w[0], seconds), max(w[1], grown), w[2] + 1)
    with tempfile.TemporaryDirectory() as folder:
        for label, make, read in (("largest session (100,000 rows)", largest_session,
                                   read_session_file),
                                  ("largest CSV (100,000 rows)", largest_csv, load_csv),
                                  ("largest CSV, standardised", largest_csv,
                                   lambda p: load_csv(p, True))):
            path = make(Path(folder))
            outcome, seconds, grown = measure(read, path)
            print(f"{label:57} {seconds:6.3f} s {grown:6.0f} MB  {outcome} "
                  f"({path.stat().st_size / 1e6:.1f} MB)")
    print()
    for reader, (seconds, grown, n) in worst.items():
        print(f"{reader}: {n} kinds, the slowest {seconds:.2f} s, the most memory {grown:.0f} MB")


if __name__ == "__main__":
    main()

"""One BLAS thread for the app: NumPy's OpenBLAS otherwise starts a thread per core on import.

Starting them was half of what importing NumPy cost: on 2 cores, ``import numpy`` took
102–115 ms of CPU with OpenBLAS's own threads and 51–58 ms with one (medians of 111 and 58 ms
by the clock, on a loaded machine). That import lies on the way to every first screen, where
the bare Textual app imports no NumPy at all. The app's arithmetic gains nothing from more threads:
its largest products (a batch of 256 through layers of 64, 1,797 images of 64 pixels) take
well under a millisecond on one. A number the reader sets in the environment is kept.
"""

from __future__ import annotations

import os

THREADS = "OPENBLAS_NUM_THREADS"
"""What OpenBLAS reads, once, as NumPy loads it."""


def one_blas_thread() -> None:
    """Ask for one BLAS thread, unless the environment names a number already. Only effective
    before NumPy is first imported."""
    os.environ.setdefault(THREADS, "1")

"""The UCI optical-recognition digits: 1,797 images of 8×8 pixels, each 0–16, with labels.

Copied from scikit-learn's package file ``sklearn/datasets/data/digits.csv.gz`` (it is the
test set of the UCI "Optical Recognition of Handwritten Digits" data, E. Alpaydin and
C. Kaynak, CC BY 4.0; see ``bundled/DIGITS-LICENCE.md``). Read once, when first asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.data.bundled_files import BundledDataError, gunzip, read_bytes

FILE = "digits.csv.gz"
N_IMAGES = 1797
SIDE = 8
N_PIXELS = SIDE * SIDE
MAX_PIXEL = 16
MAX_COMPRESSED = 256 * 1024
MAX_TEXT = 1024 * 1024
"""Bounds on the file and its text (57 KB and 474 KB as shipped)."""


@dataclass(frozen=True, eq=False)
class Digits:
    """Images as rows of 64 pixels (row by row, top left first) and their labels.

    Attributes:
        pixels: shape (1797, 64), whole numbers 0–16 as bytes (uint8: they are kept for as
            long as the app runs, in an eighth of the memory of floats), read-only.
        labels: shape (1797,), the digit 0–9 each image shows, read-only.
    """

    pixels: np.ndarray
    labels: np.ndarray

    @property
    def inputs(self) -> np.ndarray:
        """The pixels scaled to [0, 1] (divided by 16): what the chapters' neurons read."""
        return self.pixels.astype(float) / MAX_PIXEL


def parse_digits(data: bytes | str) -> Digits:
    """Digits from the CSV: 65 whole numbers a line, 64 pixels then the label.

    Read as bytes in a few NumPy passes, not value by value: 116,805 numbers of one or two
    digits. Raises BundledDataError naming the first problem (shape, a non-number, a value
    out of range).
    """
    raw = (data.encode("ascii", errors="replace") if isinstance(data, str) else data).strip()
    lines = raw.count(b"\n") + 1
    if lines != N_IMAGES:
        raise BundledDataError(f"{FILE}: {lines} lines, expected {N_IMAGES}")
    values = _whole_numbers(np.frombuffer(raw, dtype=np.uint8)).reshape(N_IMAGES, N_PIXELS + 1)
    pixels, labels = values[:, :N_PIXELS], values[:, N_PIXELS]
    if pixels.max() > MAX_PIXEL or labels.max() > 9:
        raise BundledDataError(f"{FILE}: a pixel outside 0–16 or a label outside 0–9")
    pixels, labels = pixels.astype(np.uint8), labels.copy()
    pixels.setflags(write=False)
    labels.setflags(write=False)
    return Digits(pixels, labels)


def _whole_numbers(chars: np.ndarray) -> np.ndarray:
    """The numbers of a text of N_IMAGES lines (``chars``, its bytes), each line N_PIXELS + 1
    numbers of one or two digits joined by commas, in order."""
    digit = (chars >= ord("0")) & (chars <= ord("9"))
    ends = np.flatnonzero(~digit)  # where each number but the last ends: a comma or a newline
    between = chars[ends]
    if not np.all((between == ord(",")) | (between == ord("\n"))):
        raise BundledDataError(f"{FILE}: a value is not a whole number")
    per_line = N_PIXELS + 1
    line_ends = np.flatnonzero(between == ord("\n"))
    if ends.size + 1 != N_IMAGES * per_line or not np.array_equal(
            line_ends, np.arange(per_line - 1, ends.size, per_line)):
        raise BundledDataError(f"{FILE}: expected {per_line} values on every line")
    ends = np.append(ends, chars.size)
    lengths = np.diff(ends, prepend=-1) - 1
    if lengths.min() < 1:
        raise BundledDataError(f"{FILE}: a value is not a whole number")
    if lengths.max() > 2:
        raise BundledDataError(f"{FILE}: a value of more than two digits (a pixel outside "
                               "0–16 or a label outside 0–9)")
    ones = chars[ends - 1].astype(np.int64) - ord("0")
    tens = chars[ends - 2].astype(np.int64) - ord("0")
    return ones + 10 * np.where(lengths == 2, tens, 0)


@lru_cache(maxsize=1)
def load_digits() -> Digits:
    """The bundled digits (read and checked on the first call, then kept)."""
    return parse_digits(gunzip(FILE, read_bytes(FILE, MAX_COMPRESSED), MAX_TEXT))


def split(n: int, seed: int, n_train: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a training set of ``n_train`` examples and a test set of the rest, shuffled
    by ``seed``: the same seed gives the same split on every machine."""
    if not 0 < n_train < n:
        raise ValueError(f"n_train must lie between 1 and {n - 1}")
    order = np.random.default_rng(seed).permutation(n)
    return np.sort(order[:n_train]), np.sort(order[n_train:])

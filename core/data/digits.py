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
        pixels: shape (1797, 64), whole numbers 0–16 as floats, read-only.
        labels: shape (1797,), the digit 0–9 each image shows, read-only.
    """

    pixels: np.ndarray
    labels: np.ndarray

    @property
    def inputs(self) -> np.ndarray:
        """The pixels scaled to [0, 1] (divided by 16): what the chapters' neurons read."""
        return self.pixels / MAX_PIXEL


def parse_digits(text: str) -> Digits:
    """Digits from the CSV text: 65 whole numbers a line, 64 pixels then the label.

    Raises BundledDataError naming the first problem (shape, a non-number, a value out of range).
    """
    rows = text.strip().split("\n")
    if len(rows) != N_IMAGES:
        raise BundledDataError(f"{FILE}: {len(rows)} lines, expected {N_IMAGES}")
    cells = ",".join(rows).split(",")
    if len(cells) != N_IMAGES * (N_PIXELS + 1):
        raise BundledDataError(f"{FILE}: expected {N_PIXELS + 1} values on every line")
    try:
        values = np.array(cells, dtype=np.int64).reshape(N_IMAGES, N_PIXELS + 1)
    except ValueError as error:
        raise BundledDataError(f"{FILE}: a value is not a whole number") from error
    pixels, labels = values[:, :N_PIXELS], values[:, N_PIXELS]
    if pixels.min() < 0 or pixels.max() > MAX_PIXEL or labels.min() < 0 or labels.max() > 9:
        raise BundledDataError(f"{FILE}: a pixel outside 0–16 or a label outside 0–9")
    pixels, labels = pixels.astype(float), labels.copy()
    pixels.setflags(write=False)
    labels.setflags(write=False)
    return Digits(pixels, labels)


@lru_cache(maxsize=1)
def load_digits() -> Digits:
    """The bundled digits (read and checked on the first call, then kept)."""
    data = read_bytes(FILE, MAX_COMPRESSED)
    return parse_digits(gunzip(FILE, data, MAX_TEXT).decode("ascii", errors="replace"))


def split(n: int, seed: int, n_train: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a training set of ``n_train`` examples and a test set of the rest, shuffled
    by ``seed``: the same seed gives the same split on every machine."""
    if not 0 < n_train < n:
        raise ValueError(f"n_train must lie between 1 and {n - 1}")
    order = np.random.default_rng(seed).permutation(n)
    return np.sort(order[:n_train]), np.sort(order[n_train:])

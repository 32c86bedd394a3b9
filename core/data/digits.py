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


SEED_0_TRAIN = (
    12, 68, 72, 77, 91, 150, 182, 196, 198, 203, 213, 281, 330, 357, 360, 366, 374, 400, 405,
    409, 416, 417, 520, 524, 567, 570, 591, 600, 614, 625, 640, 651, 655, 664, 667, 683, 688,
    689, 698, 720, 812, 813, 829, 843, 844, 850, 882, 888, 894, 899, 929, 953, 968, 1004, 1030,
    1051, 1070, 1087, 1098, 1129, 1133, 1140, 1143, 1151, 1168, 1180, 1181, 1211, 1223, 1258,
    1269, 1281, 1288, 1298, 1315, 1318, 1335, 1337, 1347, 1354, 1358, 1363, 1368, 1372, 1379,
    1408, 1436, 1445, 1471, 1482, 1484, 1495, 1674, 1736, 1742, 1750, 1758, 1773, 1792, 1796)
"""The training rows of ``split(N_IMAGES, 0, 100)``, chapter 10's split as it opens, written
out so that its first screen does without numpy.random (about 6 ms and 3 MB to load); a test
draws them again with numpy.random."""


def split(n: int, seed: int, n_train: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a training set of ``n_train`` examples and a test set of the rest, shuffled
    by ``seed``: the same seed gives the same split on every machine."""
    if not 0 < n_train < n:
        raise ValueError(f"n_train must lie between 1 and {n - 1}")
    if (n, seed, n_train) == (N_IMAGES, 0, len(SEED_0_TRAIN)):
        train = np.array(SEED_0_TRAIN, dtype=np.int64)
        rest = np.ones(n, dtype=bool)
        rest[train] = False
        return train, np.flatnonzero(rest).astype(np.int64)
    return _drawn_split(n, seed, n_train)


def _drawn_split(n: int, seed: int, n_train: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`split` drawn by numpy.random: the first ``n_train`` of a permutation of ``n``."""
    order = np.random.default_rng(seed).permutation(n)
    return np.sort(order[:n_train]), np.sort(order[n_train:])

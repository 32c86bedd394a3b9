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
    pixels, labels = pixels.copy(), labels.astype(np.int64)
    pixels.setflags(write=False)
    labels.setflags(write=False)
    return Digits(pixels, labels)


def _whole_numbers(chars: np.ndarray) -> np.ndarray:
    """The numbers of a text of N_IMAGES lines (``chars``, its bytes), each line N_PIXELS + 1
    numbers of one or two digits joined by commas, in order (as bytes, uint8).

    Every pass is over bytes or booleans, one per character: positions as 64-bit indices
    took eight times the memory, and fresh pages are what the first screen paid for.
    """
    digits = chars - np.uint8(ord("0"))  # a character that is not a digit wraps to 10 or more
    digit = digits < 10
    other = ~digit
    if chars.size == 0 or other[0] or other[-1] or np.any(other[1:] & other[:-1]):
        raise BundledDataError(f"{FILE}: a value is not a whole number")  # or an empty one
    if np.any(digit[2:] & digit[1:-1] & digit[:-2]):
        raise BundledDataError(f"{FILE}: a value of more than two digits (a pixel outside "
                               "0–16 or a label outside 0–9)")
    last = digit.copy()  # each value's last digit: the one before a separator or the end
    last[:-1] &= other[1:]
    following = np.empty_like(chars)  # the character after each, a newline after the end
    following[:-1], following[-1] = chars[1:], ord("\n")
    per_line = N_PIXELS + 1
    separators = np.compress(last, following)  # after each value: a comma, or a newline
    expected = np.full(N_IMAGES * per_line, ord(","), dtype=np.uint8)
    expected[per_line - 1::per_line] = ord("\n")
    if not np.array_equal(separators, expected):
        if not np.all((separators == ord(",")) | (separators == ord("\n"))):
            raise BundledDataError(f"{FILE}: a value is not a whole number")
        raise BundledDataError(f"{FILE}: expected {per_line} values on every line")
    tens = np.zeros_like(digits)
    np.multiply(digits[:-1], digit[:-1], out=tens[1:])  # the digit before, if it is one
    return np.compress(last, digits + tens * np.uint8(10))


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

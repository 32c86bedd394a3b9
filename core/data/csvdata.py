"""Your own data: a numeric CSV file with a header row, the last column the target.

Every error names the line and the column where it was found. The inputs may be
standardised (each column shifted and scaled to mean 0 and standard deviation 1); the
shifts and scales are kept so the screen can say exactly what was done.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.data.datasets import MAX_INPUTS, Dataset

MAX_ROWS = 100_000
MAX_BYTES = 20_000_000


class CSVError(ValueError):
    """A CSV file that cannot be used as a dataset; the message names the place."""


@dataclass(frozen=True, eq=False)
class Standardisation:
    """What standardising did to each input column: x′ = (x − mean) / std."""

    columns: tuple[str, ...]
    mean: np.ndarray
    std: np.ndarray

    def describe(self) -> str:
        """One line per column, e.g. ``"x1: mean 3.2, sd 1.5"``."""
        return "; ".join(f"{c}: mean {m:.4g}, sd {s:.4g}"
                         for c, m, s in zip(self.columns, self.mean, self.std))


def _cell(text: str, line: int, column: int, header: list[str]) -> float:
    where = f"line {line}, column {column + 1} ({header[column]})"
    if not text.strip():
        raise CSVError(f"{where}: missing value")
    try:
        value = float(text)
    except ValueError:
        raise CSVError(f"{where}: {text.strip()[:30]!r} is not a number") from None
    if not math.isfinite(value):
        raise CSVError(f"{where}: {text.strip()[:30]!r} is not a finite number")
    return value


def _rows(text: str) -> tuple[list[str], np.ndarray]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise CSVError("line 1: the file is empty; it needs a header row, then data")
        header = [h.strip() or f"column {i + 1}" for i, h in enumerate(header)]
        if len(header) < 2:
            raise CSVError(f"line 1: only one column ({header[0]}); the inputs come first and "
                           "the target last, so at least two are needed")
        if len(header) - 1 > MAX_INPUTS:
            raise CSVError(f"line 1: {len(header) - 1} input columns; the lab takes at most {MAX_INPUTS}")
        rows = []
        for values in reader:
            line = reader.line_num
            if not values or all(not v.strip() for v in values):
                continue  # blank lines, such as one at the end, are not data
            if len(values) != len(header):
                raise CSVError(f"line {line}: {len(values)} values, but the header has {len(header)}")
            rows.append([_cell(v, line, c, header) for c, v in enumerate(values)])
            if len(rows) > MAX_ROWS:
                raise CSVError(f"line {line}: more than {MAX_ROWS} rows")
    except csv.Error as error:
        raise CSVError(f"line {reader.line_num}: {error}") from None
    if not rows:
        raise CSVError("line 2: no data rows after the header")
    return header, np.array(rows, dtype=float)


def parse_csv(text: str, name: str = "csv", standardise: bool = False) -> tuple[Dataset, Standardisation | None]:
    """A dataset from CSV text, and what standardisation did (None if it was not asked for).

    Targets that are all 0 or 1 suit cross-entropy; any others, squared error.
    """
    header, table = _rows(text)
    X, y = table[:, :-1], table[:, -1]
    scaling = None
    if standardise:
        mean, std = X.mean(axis=0), X.std(axis=0)
        std = np.where(std > 0, std, 1.0)  # a constant column is only centred
        X = (X - mean) / std
        scaling = Standardisation(tuple(header[:-1]), mean, std)
    binary = bool(np.all((y == 0) | (y == 1)))
    inputs = ", ".join(header[:-1])
    description = (f"{y.size} rows from {name}: inputs {inputs}; target {header[-1]}"
                   + (f"; inputs standardised ({scaling.describe()})" if scaling else ""))
    title = f"{name}" + (" (std.)" if standardise else "")
    return Dataset(f"csv:{name}", title[:40], X, y, "bce" if binary else "mse", description), scaling


def load_csv(path: Path, standardise: bool = False) -> tuple[Dataset, Standardisation | None]:
    """Read ``path`` as UTF-8 (a byte-order mark is allowed) and parse it; CSVError if unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CSVError(f"{path}: {size} bytes; at most {MAX_BYTES} are read")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CSVError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise CSVError(f"{path}: {error.strerror or error}") from None
    return parse_csv(text, path.name, standardise)

"""Your own data: a numeric CSV file with a header row, the last column the target.

Every error names the line and the column where it was found. Inputs and targets lie within
±10⁶, the range of the lab's fields, unless the inputs are standardised (each column shifted
and scaled to mean 0 and standard deviation 1, computed so that no value overflows, even near
±10³⁰⁸); the shifts and scales are kept so the screen can say exactly what was done.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.data.datasets import MAX_INPUTS, Dataset
from core.files.reading import ReadRefused, read_regular, shorten
from core.neuron.ranges import VALUE_LIMIT

MAX_ROWS = 100_000
MAX_BYTES = 20_000_000
MAX_LINE = 10_000
"""Longest line read, in characters: nine numbers and their names fit many times over."""
MAX_LINES = 2 * MAX_ROWS
"""Most lines in a file, blank ones included."""


class CSVError(ValueError):
    """A CSV file that cannot be used as a dataset; the message names the place."""


@dataclass(frozen=True, eq=False)
class Standardisation:
    """What standardising did to each input column: x′ = (x − mean) / std.

    A constant column (std 0) is only centred: x′ = x − mean = 0.
    """

    columns: tuple[str, ...]
    mean: np.ndarray
    std: np.ndarray

    def describe(self) -> str:
        """One part per column, e.g. ``"x1: mean 3.2, sd 1.5"``, or ``"x2: constant 4, centred"``."""
        return "; ".join(f"{c}: constant {m:.4g}, centred only" if s == 0
                         else f"{c}: mean {m:.4g}, sd {s:.4g}"
                         for c, m, s in zip(self.columns, self.mean, self.std))


def standardised(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x − mean) / std for each column of X (n, d), with the means and standard deviations.

    Each column is first divided by its largest magnitude, so that its sum and squares stay
    finite for any finite values; the mean and sd given back are in the column's own units
    (both at most that magnitude, so finite too). A constant column has sd 0 and is centred.
    """
    scale = np.max(np.abs(X), axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    unit = X / scale
    mean, std = unit.mean(axis=0), unit.std(axis=0)
    centred = unit - mean
    return centred / np.where(std > 0, std, 1.0), mean * scale, std * scale


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each refused if longer than MAX_LINE characters (a CSV reader
    holds a whole line's fields at once)."""
    start, number = 0, 1
    while start < len(text):
        end = text.find("\n", start, start + MAX_LINE + 1)
        if end < 0:
            if len(text) - start > MAX_LINE:
                raise CSVError(f"line {number}: longer than {MAX_LINE:,} characters")
            end = len(text) - 1  # the last line, with no line break after it
        yield text[start:end + 1]
        start, number = end + 1, number + 1


def _header(reader: Iterator[list[str]]) -> list[str]:
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise CSVError("line 1: the file is empty; it needs a header row, then data")
    header = [h.strip() or f"column {i + 1}" for i, h in enumerate(header)]
    if len(header) < 2:
        raise CSVError(f"line 1: only one column ({shorten(header[0])}); the inputs come first "
                       "and the target last, so at least two are needed")
    if len(header) - 1 > MAX_INPUTS:
        raise CSVError(f"line 1: {len(header) - 1} input columns; the lab takes at most {MAX_INPUTS}")
    return header


def _rows(text: str) -> tuple[list[str], np.ndarray, list[int]]:
    """The header, the table of numbers, and the line each row came from."""
    reader = csv.reader(_lines(text))
    rows, lines = [], []
    try:
        header = _header(reader)
        for values in reader:
            line = reader.line_num
            if not values or all(not v.strip() for v in values):
                continue  # blank lines, such as one at the end, are not data
            if len(values) != len(header):
                raise CSVError(f"line {line}: {len(values)} values, but the header has {len(header)}")
            try:
                row = [float(v) for v in values]
            except ValueError:
                raise _unreadable(values, line, header) from None
            if not all(map(math.isfinite, row)):
                column = next(c for c, v in enumerate(row) if not math.isfinite(v))
                raise CSVError(f"{_place(line, column, header)}: "
                               f"{shorten(values[column].strip(), 30)!r} is not a finite number")
            rows.append(row)
            lines.append(line)
            if len(rows) > MAX_ROWS:
                raise CSVError(f"line {line}: more than {MAX_ROWS:,} rows")
    except csv.Error as error:
        raise CSVError(f"line {reader.line_num}: {error}") from None
    if not rows:
        raise CSVError("line 2: no data rows after the header")
    return header, np.array(rows, dtype=float), lines


def _unreadable(values: list[str], line: int, header: list[str]) -> CSVError:
    """The error for the first cell of a row that is not a number."""
    for column, text in enumerate(values):
        try:
            float(text)
        except ValueError:
            where = _place(line, column, header)
            if not text.strip():
                return CSVError(f"{where}: missing value")
            return CSVError(f"{where}: {shorten(text.strip(), 30)!r} is not a number")
    return CSVError(f"line {line}: not a row of numbers")


def _place(line: int, column: int, header: list[str]) -> str:
    return f"line {line}, column {column + 1} ({shorten(header[column])})"


def _check_range(table: np.ndarray, lines: list[int], header: list[str], standardise: bool) -> None:
    """Refuse the first value outside ±VALUE_LIMIT, the range of the lab's fields (inputs
    that are standardised may be any finite number: standardising brings them into range)."""
    limit = np.full(table.shape[1], VALUE_LIMIT)
    if standardise:
        limit[:-1] = np.inf
    bad = np.argwhere(np.abs(table) > limit)
    if bad.size:
        row, column = (int(i) for i in bad[0])
        target = column == len(header) - 1
        raise CSVError(f"{_place(lines[row], column, header)}: {table[row, column]:.6g} is out "
                       f"of range: the lab's {'targets' if target else 'inputs'} take "
                       f"{-VALUE_LIMIT:g} to {VALUE_LIMIT:g}"
                       + ("" if target else " (standardised, they may be any number)"))


TITLE_WIDTH = 40
"""The longest title a file's name makes (a pane's title has about that much room)."""


def short_name(name: str, width: int = TITLE_WIDTH) -> str:
    """``name`` whole if it has at most ``width`` characters, else its start and its end with
    "…" between (``measurements_measu…uesday_v2.csv``), as a terminal tool shortens a name:
    the end, which tells a file from its neighbours, is kept, extension and all."""
    if len(name) <= width:
        return name
    if width < 2:
        return "…"[:width]
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head):]


def parse_csv(text: str, name: str = "csv", standardise: bool = False) -> tuple[Dataset, Standardisation | None]:
    """A dataset from CSV text, and what standardisation did (None if it was not asked for).

    Targets that are all 0 or 1 suit cross-entropy; any others, squared error.
    """
    header, table, lines = _rows(text)
    _check_range(table, lines, header, standardise)
    X, y = table[:, :-1], table[:, -1]
    scaling = None
    if standardise:
        X, mean, std = standardised(X)
        scaling = Standardisation(tuple(header[:-1]), mean, std)
    binary = bool(np.all((y == 0) | (y == 1)))
    inputs = ", ".join(header[:-1])
    description = (f"{y.size} rows from {short_name(name)}: inputs {inputs}; target "
                   f"{header[-1]}" + (f"; inputs standardised ({scaling.describe()})" if scaling else ""))
    suffix = " (std.)" if standardise else ""
    title = short_name(name, TITLE_WIDTH - len(suffix)) + suffix
    return Dataset(f"csv:{name}", title, X, y, "bce" if binary else "mse", description), scaling


def load_csv(path: Path, standardise: bool = False) -> tuple[Dataset, Standardisation | None]:
    """Read ``path`` as UTF-8 (a byte-order mark is allowed) and parse it; CSVError if unusable.

    Only a regular file of at most MAX_BYTES and MAX_LINES lines is read.
    """
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except ReadRefused as why:
        raise CSVError(str(why)) from None
    if raw.count(b"\n") > MAX_LINES:
        raise CSVError(f"{path}: more than {MAX_LINES:,} lines")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CSVError(f"{path}: not UTF-8 text (byte {error.start})") from None
    del raw  # the text alone from here: the file is held once, not twice
    return parse_csv(text, path.name, standardise)

"""Reading what someone hands the app, within bounds of time and memory.

A file is read only if it is a regular file, checked before it is opened (a FIFO would block
forever, ``/dev/zero`` never ends) and again once open, and never past its size limit. JSON
is counted before it is parsed: Python's parser turns a few bytes into a list or a number
object each, so twenty megabytes of ``[],`` would take hundreds of megabytes, and an integer of
thousands of digits raises ``ValueError`` (Python's limit on converting long integers).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

MAX_DIGITS = 30
"""Longest integer accepted in JSON: every count the app stores fits in far fewer digits."""

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class ReadRefused(Exception):
    """A file that was not read, and why; ``missing`` when there was no file at all."""

    def __init__(self, reason: str, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, in words, if not a regular file (None if it is)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), if it holds at most ``limit``.

    Raises ReadRefused naming ``path`` and the reason: no such file, not a regular file, larger
    than ``limit`` bytes, or a system error.
    """
    try:
        _check(path, os.stat(path), limit)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)  # non-blocking: if a FIFO was swapped in, opening returns
        with os.fdopen(fd, "rb") as handle:
            _check(path, os.fstat(handle.fileno()), limit)  # the file actually opened
            data = handle.read(limit + 1)
    except OSError as error:
        raise ReadRefused(f"{path}: {error.strerror or error}",
                          missing=isinstance(error, FileNotFoundError)) from None
    if len(data) > limit:  # it grew since it was measured
        raise ReadRefused(f"{path}: larger than the limit of {limit:,} bytes")
    return data


def _check(path: Path, info: os.stat_result, limit: int) -> None:
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise ReadRefused(f"{path}: {kind}, not a file; only regular files are read")
    if info.st_size > limit:
        raise ReadRefused(f"{path}: {info.st_size:,} bytes, larger than the limit of {limit:,}")


class JSONRefused(ValueError):
    """JSON that was not parsed, or could not be; the message says why."""


def parse_json(text: str, max_containers: int, max_values: int) -> Any:
    """The document in ``text``, if it holds at most ``max_containers`` lists and objects, at most
    about ``max_values`` values, and no integer longer than :data:`MAX_DIGITS` digits.

    NaN and Infinity are refused. The counts are taken before parsing, over brackets and
    commas (those inside strings count too, so they only ever over-count), which bounds the
    memory the parse can take. Raises JSONRefused.
    """
    containers = text.count("[") + text.count("{")
    if containers > max_containers:
        raise JSONRefused(f"holds {containers:,} lists and objects, more than {max_containers:,}")
    values = text.count(",") + 1
    if values > max_values:
        raise JSONRefused(f"holds about {values:,} values, more than {max_values:,}")
    try:
        return json.loads(text, parse_int=_integer, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise JSONRefused(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise JSONRefused("nested too deeply") from None


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise JSONRefused(f"holds a whole number of {len(digits.lstrip('-')):,} digits, "
                          f"more than {MAX_DIGITS}")
    return int(digits)


def _no_constant(name: str) -> Any:
    raise JSONRefused(f"holds {name}, which is not a finite number")


def shorten(text: str, limit: int = 40) -> str:
    """``text`` as it may be quoted in a message: at most ``limit`` characters, then an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Writing files safely: atomically, and never over something the user did not mean to replace."""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import datetime
from pathlib import Path

from core.files.reading import kind_of

PATH_SHOWN = 100
"""The most characters of a path a message shows: a longer one keeps its start and its end."""


def shown_path(path: Path | str) -> str:
    """``path`` for a message: whole up to PATH_SHOWN characters, else its start and end with
    "…" between (a path typed or pasted may be thousands of characters long)."""
    from core.data.csvdata import short_name  # (only once a message is made: not at start)

    return short_name(str(path), PATH_SHOWN)


def shown_paths(message: str, path: Path) -> str:
    """``message`` with ``path``, and its folder, shown as :func:`shown_path` shows them,
    wherever it names them whole."""
    for named in (str(path), str(path.parent)):
        if len(named) > PATH_SHOWN:
            message = message.replace(named, shown_path(named))
    return message


class NotWritten(OSError):
    """A file not written: its folder is missing, or something other than a regular file is there."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename it
    into place, so a crash leaves either the old file or the new one, never half of one.

    The folder must exist, and only a regular file is ever replaced: a folder, symbolic link,
    FIFO or device at ``path`` is left as it is. Raises OSError (NotWritten for those).
    """
    refusal = why_not_written(path)
    if refusal:
        raise NotWritten(errno.EEXIST, refusal)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def why_not_written(path: Path) -> str | None:
    """Why a file may not be written at ``path`` (its folder is missing, or something other
    than a regular file is there), or None."""
    try:
        if not path.parent.is_dir():
            return f"there is no folder {path.parent}"
        kind = kind_of(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
    except OSError as error:  # a name too long, a folder that cannot be read, ...
        return error.strerror or str(error)
    if kind is not None:
        return f"{kind} is there, and only a regular file is ever replaced"
    return None


def fresh_path(folder: Path, stem: str, suffix: str, now: datetime | None = None) -> Path:
    """``folder/stem-YYYYmmdd-HHMMSS.suffix``, with -2, -3, … added if that name is taken."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{stamp}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{stamp}-{n}{suffix}"
        n += 1
    return path


def describe_error(path: Path, error: OSError) -> str:
    """A short reason an operation on ``path`` failed."""
    return f"{shown_path(path)}: {error.strerror or error}"


FILES_IN = "NEURON_TUI_FILES_IN"
"""Set by neuron-tui-serve to a learner's own folder: the file dialogs reach nothing outside it."""


def why_outside(path: Path) -> str | None:
    """Why ``path`` may not be used: it is outside the folder ``NEURON_TUI_FILES_IN`` names,
    once ``..`` and links are followed (None where it is inside, or where no folder is named)."""
    root = os.environ.get(FILES_IN)
    if not root:
        return None
    inside = os.path.realpath(root)
    if os.path.commonpath([inside, os.path.realpath(path)]) != inside:
        return f"{path}: on this server only files in your own folder ({root}) can be used"
    return None

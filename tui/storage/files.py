"""Writing files safely: atomically, and never over something the user did not mean to replace."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename it
    into place, so a crash leaves either the old file or the new one, never half of one.
    Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
    return f"{path}: {error.strerror or error}"

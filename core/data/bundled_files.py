"""Reading the data files that ship inside the package, within stated bounds.

The files are ours, but an installed copy can be damaged or replaced: each read is refused
with a reason (never a hang, never unbounded memory) when a file is larger than it can be, or
decompresses to more than it can hold.
"""

from __future__ import annotations

import zlib
from importlib import resources

PACKAGE = "core.data"
FOLDER = "bundled"


class BundledDataError(ValueError):
    """A bundled data file is missing, too large or malformed."""


def read_bytes(name: str, max_bytes: int) -> bytes:
    """The bytes of ``bundled/name``, refused if the file holds more than ``max_bytes``."""
    path = resources.files(PACKAGE).joinpath(FOLDER, name)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise BundledDataError(f"{name}: cannot be read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise BundledDataError(f"{name}: larger than {max_bytes:,} bytes")
    return data


def gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    """``data`` (gzip) decompressed, refused if it would exceed ``max_bytes`` or is corrupt."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise BundledDataError(f"{name}: not a valid gzip file ({error})") from error
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise BundledDataError(f"{name}: decompresses to more than {max_bytes:,} bytes")
    if not inflater.eof:
        raise BundledDataError(f"{name}: the gzip stream is cut short")
    return out

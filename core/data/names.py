"""First names for the bigram model: 5,163 names, lower case a–z, one a line.

The US Census Bureau's 1990 first-name frequency lists (female and male), which are in the
public domain, as shipped by the MIT-licensed ``names`` package (version 0.3.0,
``dist.female.first`` and ``dist.male.first``): lower-cased, the two lists merged, each name
once, sorted. See ``bundled/NAMES-SOURCE.md``. Read once, when first asked for.
"""

from __future__ import annotations

from functools import lru_cache

from core.data.bundled_files import BundledDataError, read_bytes

FILE = "names.txt"
MAX_BYTES = 256 * 1024
MAX_NAMES = 20_000
MAX_LENGTH = 30
LETTERS = "abcdefghijklmnopqrstuvwxyz"
"""The only characters a name may hold."""
_ALLOWED = (LETTERS + "\n").encode("ascii")


def parse_names(text: str) -> tuple[str, ...]:
    """The names in ``text`` (one a line), refused with the line number of a bad one.

    The whole text is checked at once (its characters, its shortest and longest line); only a
    text that fails is read line by line, to name the line."""
    names = text.split("\n")
    if names and names[-1] == "":
        names.pop()
    if not 0 < len(names) <= MAX_NAMES:
        raise BundledDataError(f"{FILE}: {len(names)} names, expected 1 to {MAX_NAMES:,}")
    lengths = list(map(len, names))
    letters_only = not text.encode("ascii", errors="replace").translate(None, _ALLOWED)
    if letters_only and min(lengths) > 0 and max(lengths) <= MAX_LENGTH:
        return tuple(names)
    allowed = set(LETTERS)
    for number, name in enumerate(names, 1):
        if not 0 < len(name) <= MAX_LENGTH or not set(name) <= allowed:
            raise BundledDataError(f"{FILE}: line {number} is not a name of 1–{MAX_LENGTH} "
                                   "letters a–z")
    raise AssertionError("a text refused as a whole has a line to refuse")


@lru_cache(maxsize=1)
def load_names() -> tuple[str, ...]:
    """The bundled names (read and checked on the first call, then kept)."""
    return parse_names(read_bytes(FILE, MAX_BYTES).decode("ascii", errors="replace"))

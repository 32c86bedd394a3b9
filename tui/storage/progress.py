"""The reader's place in the book, kept in a small JSON file under the user's config directory.

Reading refuses anything that is not the expected small JSON document, so a missing, truncated
or foreign file simply starts the book at chapter 1, with a notice. Writing is atomic: a
temporary file in the same directory, then a rename, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.files.reading import JSONRefused, ReadRefused, parse_json, read_regular
from tui.storage.files import write_atomic

VERSION = 2
"""Version 2 added ``challenges``; a version 1 file still loads (with none solved)."""
READABLE_VERSIONS = (1, 2)
MAX_BYTES = 64 * 1024
"""A progress file larger than this is refused without being parsed."""
PLACES = ("book", "lab")
_CHAPTER_KEY = re.compile(r"[0-9]{1,4}")
"""A chapter number as a key of "solved" (not "²", which str.isdigit accepts and int refuses)."""


def config_dir() -> Path:
    """$NEURON_TUI_CONFIG_DIR, else $XDG_CONFIG_HOME/neuron-tui, else ~/.config/neuron-tui."""
    explicit = os.environ.get("NEURON_TUI_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "neuron-tui"


def progress_path() -> Path:
    """Where the progress file lives."""
    return config_dir() / "progress.json"


@dataclass
class Progress:
    """Where the reader is and what they have done.

    Attributes:
        chapter: the chapter open last (1-based).
        place: ``"book"`` or ``"lab"``, whichever was on screen last.
        visited: chapters opened at least once.
        solved: exercise ids answered correctly, by chapter.
        challenges: challenge ids whose goal was met, by chapter.
    """

    chapter: int = 1
    place: str = "book"
    visited: set[int] = field(default_factory=set)
    solved: dict[int, set[str]] = field(default_factory=dict)
    challenges: dict[int, set[str]] = field(default_factory=dict)

    def to_json(self) -> str:
        """The versioned JSON document."""
        return json.dumps({
            "version": VERSION, "chapter": self.chapter, "place": self.place,
            "visited": sorted(self.visited),
            "solved": _by_chapter(self.solved), "challenges": _by_chapter(self.challenges),
        }, indent=1)

    def solve(self, chapter: int, exercise: str) -> None:
        """Record a correct answer."""
        self.solved.setdefault(chapter, set()).add(exercise)

    def solve_challenge(self, chapter: int, challenge: str) -> None:
        """Record a challenge whose goal was met."""
        self.challenges.setdefault(chapter, set()).add(challenge)


def _by_chapter(ids: dict[int, set[str]]) -> dict[str, list[str]]:
    return {str(k): sorted(v) for k, v in sorted(ids.items())}


class ProgressError(ValueError):
    """The file is not a progress file this version can read; the message says why."""


def parse(raw: bytes, n_chapters: int) -> Progress:
    """A Progress from the file's bytes, or ProgressError naming what is wrong."""
    if len(raw) > MAX_BYTES:
        raise ProgressError(f"larger than {MAX_BYTES // 1024} KB")
    try:
        doc = parse_json(raw.decode("utf-8"), MAX_BYTES, MAX_BYTES)
    except UnicodeDecodeError:
        raise ProgressError("not UTF-8 text") from None
    except JSONRefused as why:
        raise ProgressError(str(why)) from None
    version = doc.get("version") if isinstance(doc, dict) else None
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise ProgressError(f"not a version {' or '.join(map(str, READABLE_VERSIONS))} "
                            "progress file")
    chapter, place = doc.get("chapter"), doc.get("place", "book")
    if type(chapter) is not int or not 1 <= chapter <= n_chapters or place not in PLACES:
        raise ProgressError("its chapter or place is out of range")
    visited = doc.get("visited", [])
    solved, challenges = doc.get("solved", {}), doc.get("challenges", {})
    if not (isinstance(visited, list) and all(type(v) is int for v in visited)
            and _ids_by_chapter(solved) and _ids_by_chapter(challenges)):
        raise ProgressError("its lists of chapters and exercises are malformed")
    return Progress(chapter, place, set(visited), {int(k): set(v) for k, v in solved.items()},
                    {int(k): set(v) for k, v in challenges.items()})


def _ids_by_chapter(ids: object) -> bool:
    """Whether ``ids`` maps chapter numbers (as text) to lists of ids."""
    return isinstance(ids, dict) and all(
        _CHAPTER_KEY.fullmatch(k) and isinstance(v, list) and all(isinstance(e, str) for e in v)
        for k, v in ids.items())


def load(path: Path, n_chapters: int) -> tuple[Progress, str | None]:
    """The saved progress, or a fresh one and a notice saying why the file was not used.

    A file that cannot be used (not a regular file, too large, unreadable, not a progress
    file) is moved aside to ``<name>.broken``, read no further than the size limit.
    """
    try:
        return parse(read_regular(path, MAX_BYTES), n_chapters), None
    except ReadRefused as why:
        if why.missing:
            return Progress(), None
        reason = str(why)
    except ProgressError as why:
        reason = f"{path}: {why}"
    try:
        kept = _set_aside(path)
    except OSError as err:
        return Progress(), (f"Ignored {reason}. It could not be moved aside ({err.strerror}), "
                            "so your place will not be kept; starting at chapter 1.")
    return Progress(), f"Ignored {reason}. Kept as {kept.name}; starting at chapter 1."


def save(progress: Progress, path: Path) -> str | None:
    """Write atomically; return None, or a message if the file could not be written.

    A file there that is not a readable progress file is kept as ``<name>.broken`` first, so
    nothing the reader had is overwritten unseen. A symbolic link is written through, to the
    file it names.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _set_aside_if_foreign(path)
        write_atomic(Path(os.path.realpath(path)), progress.to_json())
    except OSError as err:
        return f"Could not save progress to {path}: {err.strerror or err}"
    return None


def _set_aside_if_foreign(path: Path) -> None:
    try:
        parse(read_regular(path, MAX_BYTES), n_chapters=10**6)
    except ReadRefused as why:
        if not why.missing:
            _set_aside(path)
    except ProgressError:
        _set_aside(path)


def _set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.broken`` (or ``.broken-2``, … if that is taken); the new path."""
    kept = path.with_name(path.name + ".broken")
    n = 2
    while os.path.lexists(kept):
        kept = path.with_name(f"{path.name}.broken-{n}")
        n += 1
    os.rename(path, kept)
    return kept

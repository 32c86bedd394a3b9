"""``neuron-tui-serve --status``: who is connected, and how far every learner seen has got.

Every file read here was written by a learner's app or could have been replaced through it
(the lab's save dialog reaches the whole data folder), so each is read as untrusted: regular
files only, never more than a bounded number of bytes, and anything unexpected is reported on
its line instead of stopping the report.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tui.serve.identity import printable
from tui.serve.places import Places, read_small
from tui.storage import progress

MAX_LISTED = 10_000
"""Learner folders read at most (a data folder holding more is said to)."""
MAX_CHAPTER = 999
MAX_IDS = 200
CARD_BYTES, STATUS_BYTES = 4096, 1 << 20


@dataclass
class Reading:
    """What a learner's progress file says, as far as it can be read."""

    chapter: int | None = None
    place: str | None = None
    solved: dict[int, list[str]] = field(default_factory=dict)
    note: str = ""


def read_progress(path: Path) -> Reading:
    """A progress file read as the app reads it (:func:`tui.storage.progress.parse`) or, where
    the app would refuse it (a newer format, a damaged file), whatever of it can be read."""
    try:
        raw = read_small(path, progress.MAX_BYTES)
    except FileNotFoundError:
        return Reading(note="no progress yet")
    except OSError as error:
        return Reading(note=f"progress not read: {printable(error.strerror or str(error), 60)}")
    try:
        saved = progress.parse(raw, n_chapters=MAX_CHAPTER)
    except Exception as why:  # noqa: BLE001 — a hostile file, or a format newer than this code
        return _read_loosely(raw, printable(str(why), 60))
    return Reading(saved.chapter, saved.place,
                   {int(k): sorted(printable(e, 40) for e in v)[:MAX_IDS]
                    for k, v in sorted(saved.solved.items())})


def _read_loosely(raw: bytes, why: str) -> Reading:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return Reading(note=f"progress unreadable ({why})")
    if not isinstance(doc, dict):
        return Reading(note=f"progress unreadable ({why})")
    chapter = doc.get("chapter")
    solved: dict[int, list[str]] = {}
    if isinstance(doc.get("solved"), dict):
        for key, ids in list(doc["solved"].items())[:MAX_CHAPTER]:
            if key.isascii() and key.isdigit() and len(key) <= 3 and isinstance(ids, (list, dict)):
                names = (printable(e, 40) for e in ids if isinstance(e, str))
                solved[int(key)] = sorted(names)[:MAX_IDS]
    return Reading(chapter if type(chapter) is int and 1 <= chapter <= MAX_CHAPTER else None,
                   doc.get("place") if doc.get("place") in progress.PLACES else None,
                   dict(sorted(solved.items())), f"read loosely: {why}")


def _read_json(path: Path, limit: int) -> dict:
    try:
        doc = json.loads(read_small(path, limit))
    except (OSError, ValueError, RecursionError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _server_line(places: Places) -> tuple[str, dict[str, dict]]:
    """The server's state, and who is connected (by learner id) if it is running."""
    status = _read_json(places.status_file, STATUS_BYTES)
    pid = status.get("pid")
    where = printable(str(status.get("listening", "?")), 60)
    if type(pid) is not int or pid <= 0 or not _alive(pid):
        return f"neuron-tui-serve is not running (data in {places.data}).", {}
    connected = {str(c.get("id")): c for c in status.get("connected", [])[:MAX_LISTED]
                 if isinstance(c, dict)}
    return (f"neuron-tui-serve is running on {where} (pid {pid}, since "
            f"{printable(str(status.get('started', '?')), 20)}): {len(connected)} of "
            f"{printable(str(status.get('max_learners', '?')), 6)} learners connected."), connected


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def learner_folders(places: Places) -> list[Path]:
    """The learners' folders (real folders only, named as the server names them)."""
    try:
        entries = sorted(os.scandir(places.learners), key=lambda e: e.name)[:MAX_LISTED]
    except OSError:
        return []
    return [Path(e.path) for e in entries if e.name.startswith(("key-", "name-"))
            and stat.S_ISDIR(e.stat(follow_symlinks=False).st_mode)]


def report(places: Places) -> str:
    """The whole ``--status`` text."""
    head, connected = _server_line(places)
    rows = []
    for folder in learner_folders(places):
        card = _read_json(folder / "learner.json", CARD_BYTES)
        name = printable(str(card.get("name", "?")))
        key = card.get("key")
        who = f"{name} ({printable(key, 60)[:19]}…)" if isinstance(key, str) else name
        now = connected.get(folder.name)
        when = (f"connected since {printable(str(now.get('since', '?')), 20)[11:16]}"
                if now else f"last seen {printable(str(card.get('last_seen', '?')), 20)[:16]}")
        rows.append((now is None, who, when, read_progress(folder / "config" / "progress.json")))
    rows.sort(key=lambda r: r[:2])
    lines = [head, ""]
    if not rows:
        return "\n".join(lines + ["No learner has connected yet."])
    width = max(len(r[1]) for r in rows)
    lines.append(f"{'learner':{width}}  {'':26}  {'chapter':9}  solved")
    for _, who, when, seen in rows:
        where = f"{seen.chapter} ({seen.place})" if seen.chapter else "—"
        count = sum(len(ids) for ids in seen.solved.values())
        each = "; ".join(f"ch{ch}: {', '.join(ids)}" for ch, ids in seen.solved.items() if ids)
        lines.append(f"{who:{width}}  {when:26}  {where:9}  {count}"
                     + (f"  ({each})" if each else "") + (f"  [{seen.note}]" if seen.note else ""))
    if len(rows) >= MAX_LISTED:
        lines.append(f"(only the first {MAX_LISTED} learner folders are listed)")
    return "\n".join(lines)

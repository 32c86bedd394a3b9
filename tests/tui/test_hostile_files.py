"""Every kind of hostile file or string neuron-tui reads, through the functions the command
line, the dialogs and the start-up use: each refused with a reason (or accepted, where it is
usable) within 2 s and 200 MB of extra memory, and nothing overwritten.

Memory is the peak that tracemalloc traces during the read (Python objects, NumPy arrays and
bytes read or unpacked). Time is the processor time the read takes (with tracemalloc running,
which only slows it), so that other work on a shared machine cannot make the test fail.
"""

from __future__ import annotations

import base64
import json
import os
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from core.data.csvdata import CSVError, load_csv
from core.files.session import SessionError, read_state_string, session_json
from tests.core.test_csvdata import BAD_CSV
from tests.core.test_session import BAD_SESSIONS, BAD_STATE_STRINGS
from tests.tui.test_progress import BROKEN as BROKEN_PROGRESS
from tui.app import N_CHAPTERS
from tui.lab.start import default_lab_state, read_session_file
from tui.storage.progress import Progress
from tui.storage.progress import load as load_progress

SECONDS = 2.0
MEMORY = 200 * 2**20
MB = 2**20

Make = Callable[[Path], "Path | str"]
"""Makes the hostile thing in a folder: a file (its path) or a state string."""


def text_file(text: str | bytes, name: str = "hostile") -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path
    return make


def sparse(size: int) -> Make:
    def make(folder: Path) -> Path:
        path = folder / "huge"
        with open(path, "wb") as handle:
            handle.truncate(size)  # as long as that, with nothing on disk
        return path
    return make


def fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo")  # opening it to read would wait for a writer forever
    return folder / "fifo"


def folder_itself(folder: Path) -> Path:
    (folder / "a folder").mkdir()
    return folder / "a folder"


def link_to(target: str) -> Make:
    def make(folder: Path) -> Path:
        (folder / "link").symlink_to(target)
        return folder / "link"
    return make


def fifo_behind_a_link(folder: Path) -> Path:
    return link_to(str(fifo(folder)))(folder)


def state(raw: bytes) -> Make:
    """A state string packing ``raw``."""
    return lambda _: "nt1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode()


def session_doc(change: Callable[[dict], None]) -> str:
    doc = json.loads(session_json([default_lab_state()]))
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


EMPTY_LISTS = b"[" + b"[]," * (7 * MB) + b"[]]"  # 21 MB; each [] is a list object parsed
ZEROS = b"[" + b"0," * (10 * MB) + b"0]"  # 20 MB of list slots
LONG_INTEGER = "7" * 4400  # past Python's 4,300-digit limit on reading integers
NO_DEVICE = not Path("/dev/zero").exists()

SESSIONS: dict[str, tuple[Make, str | None]] = {
    **{f"broken: {k}": (text_file(t), "") for k, t in BAD_SESSIONS.items()},
    "4,400-digit integer": (text_file(BAD_SESSIONS["not an object"].replace("1", LONG_INTEGER)),
                            "4,400 digits"),
    "b = 1e300": (text_file(session_doc(lambda d: d["history"][0].update(b=1e300))), "b = 1e+300"),
    "weights near 1e305": (text_file(session_doc(
        lambda d: d["history"][0].update(w=[1e305, -1e305]))), "w₁ = 1e+305"),
    "21 MB of empty lists": (text_file(EMPTY_LISTS), "lists and objects"),
    "20 MB of zeros": (text_file(ZEROS), "values"),
    "a 20 MB name in 4-byte characters": (text_file(session_doc(
        lambda d: d["datasets"].__setitem__(0, {**json.loads(session_json([default_lab_state(
            "single")]))["datasets"][0], "title": "😀" * (5 * MB)}))), None),
    "a byte-order mark": (text_file(b"\xef\xbb\xbf" + session_json([default_lab_state()]).encode()),
                          None),
    "not UTF-8": (text_file(b'{"format": "\xff"}'), "not UTF-8"),
    "26 MB": (sparse(26 * MB), "larger than the limit"),
    "2 GB": (sparse(2 * 1024**3), "larger than the limit"),
    "a FIFO": (fifo, "FIFO"),
    "a FIFO behind a link": (fifo_behind_a_link, "FIFO"),
    "a folder": (folder_itself, "a folder"),
    "/dev/zero": (lambda _: Path("/dev/zero"), "character device"),
}

STATE_STRINGS: dict[str, tuple[Make, str | None]] = {
    **{f"broken: {t[:20]!r}": ((lambda t: lambda _: t)(t), "") for t in BAD_STATE_STRINGS},
    "50 MB bomb": (state(b" " * (50 * MB)), "unpacks to too much data"),
    "90 MB bomb": (state(b" " * (90 * MB)), "unpacks to too much data"),
    "25 KB unpacking to 21 MB of lists": (state(EMPTY_LISTS), "lists and objects"),
    "4,400-digit integer": (state(('{"data": ' + LONG_INTEGER + "}").encode()), "4,400 digits"),
    "bytes after its end": (lambda _: "nt1." + base64.urlsafe_b64encode(
        zlib.compress(b"{}") + b"xyz").decode(), "follow its data"),
    "a stray character": (lambda _: state(b"{}")(_) + "%", "not part of one"),
    "3 MB": (lambda _: "nt1." + "A" * (3 * MB), "too long"),
}

CSVS: dict[str, tuple[Make, str | None]] = {
    **{f"broken: {w}": (text_file(t), w) for t, w in BAD_CSV},
    "±1e308": (text_file("x,t\n1e308,0\n-1e308,1\n"), "out of range"),
    "a target of 2e6": (text_file("x,t\n1,2e6\n"), "out of range"),
    "19 MB on one line": (text_file(b"x,t\n" + b"1," * (9 * MB) + b"0\n"), "longer than"),
    "19 MB of line breaks": (text_file(b"x,t\n" + b"\n" * (19 * MB) + b"1,0\n"), "lines"),
    "4 million rows": (text_file(b"x,t\n" + b"1,0\n" * (4 * MB)), "lines"),
    "not UTF-8": (text_file(b"x,t\n\xff,1\n"), "not UTF-8"),
    "21 MB": (sparse(21 * MB), "larger than the limit"),
    "2 GB": (sparse(2 * 1024**3), "larger than the limit"),
    "a FIFO": (fifo, "FIFO"),
    "a folder": (folder_itself, "a folder"),
    "/dev/zero": (lambda _: Path("/dev/zero"), "character device"),
}

PROGRESS: dict[str, tuple[Make, str | None]] = {
    **{f"broken: {w} ({len(raw)} bytes)": (text_file(raw, "progress.json"), w)
       for raw, w in BROKEN_PROGRESS},
    "2 GB": (lambda f: sparse(2 * 1024**3)(f).rename(f / "progress.json"), "larger than the limit"),
    "a FIFO": (lambda f: fifo(f).rename(f / "progress.json"), "FIFO"),
    "a folder": (lambda f: folder_itself(f).rename(f / "progress.json"), "a folder"),
    "a link to /dev/zero": (lambda f: link_to("/dev/zero")(f).rename(f / "progress.json"),
                            "character device"),
}


def measured(read: Callable[[], object]) -> tuple[object, float, int]:
    """What ``read`` returned or raised, the processor seconds it took and the peak memory it
    traced."""
    tracemalloc.start()
    start = time.process_time()
    try:
        outcome = read()
    except (SessionError, CSVError) as refusal:
        outcome = refusal
    seconds = time.process_time() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, seconds, peak


def check(measurement: tuple[object, float, int], says: str | None) -> None:
    """Within the bounds, and refused saying ``says`` (accepted if it is None)."""
    outcome, seconds, peak = measurement
    assert seconds < SECONDS and peak < MEMORY, f"{seconds:.2f} s, {peak / MB:.0f} MB"
    if says is None:
        assert not isinstance(outcome, Exception), outcome
    else:
        assert isinstance(outcome, (SessionError, CSVError)) and str(outcome), outcome
        assert says_in(says, str(outcome))


def says_in(says: str, message: str) -> bool:
    """Whether ``message`` holds ``says``, or one of its alternatives split by |."""
    return any(part in message for part in says.split("|"))


def unchanged(path: Path | str) -> Callable[[], bool]:
    """Whether the file at ``path`` is as it was (or ``path`` is not a file's)."""
    if not isinstance(path, Path) or not path.is_file():
        return lambda: True
    before = path.stat()
    return lambda: (path.stat().st_size, path.stat().st_mtime) == (before.st_size, before.st_mtime)


def case_ids(cases: dict) -> list[str]:
    return [name[:60] for name in cases]


@pytest.mark.parametrize("name", list(SESSIONS), ids=case_ids(SESSIONS))
def test_session_files(name, tmp_path):
    make, says = SESSIONS[name]
    if name == "/dev/zero" and NO_DEVICE:
        pytest.skip("no /dev/zero here")
    path = make(tmp_path)
    same = unchanged(path)
    check(measured(lambda: read_session_file(path)), says=says)
    assert same()


@pytest.mark.parametrize("name", list(STATE_STRINGS), ids=case_ids(STATE_STRINGS))
def test_state_strings(name, tmp_path):
    make, says = STATE_STRINGS[name]
    text = make(tmp_path)
    check(measured(lambda: read_state_string(text)), says=says)


@pytest.mark.parametrize("standardise", [False, True], ids=["raw", "standardised"])
@pytest.mark.parametrize("name", list(CSVS), ids=case_ids(CSVS))
def test_csv_files(name, standardise, tmp_path):
    make, says = CSVS[name]
    if name == "/dev/zero" and NO_DEVICE:
        pytest.skip("no /dev/zero here")
    if standardise and name == "±1e308":
        says = None  # standardising scales any finite input safely
    path = make(tmp_path)
    same = unchanged(path)
    check(measured(lambda: load_csv(path, standardise)), says=says)
    assert same()


@pytest.mark.parametrize("name", list(PROGRESS), ids=case_ids(PROGRESS))
def test_progress_files(name, tmp_path):
    make, says = PROGRESS[name]
    if "/dev/zero" in name and NO_DEVICE:
        pytest.skip("no /dev/zero here")
    path = make(tmp_path)
    before = os.lstat(path)
    (progress, notice), seconds, peak = measured(lambda: load_progress(path, N_CHAPTERS))
    assert seconds < SECONDS and peak < MEMORY, f"{seconds:.2f} s, {peak / MB:.0f} MB"
    assert progress == Progress() and says_in(says, notice) and "Kept as progress.json.broken" in notice
    kept = os.lstat(tmp_path / "progress.json.broken")  # set aside whole, not overwritten
    assert (kept.st_ino, kept.st_size) == (before.st_ino, before.st_size)
    assert not os.path.lexists(path)


PLAYGROUND_SESSIONS = ["4,400-digit integer", "21 MB of empty lists", "20 MB of zeros",
                       "not UTF-8", "2 GB", "a FIFO behind a link", "/dev/zero"]
PLAYGROUND_STRINGS = ["50 MB bomb", "25 KB unpacking to 21 MB of lists", "4,400-digit integer",
                      "bytes after its end", "3 MB"]
PLAYGROUND_CSVS = ["±1e308", "19 MB on one line", "4 million rows", "2 GB", "a FIFO", "/dev/zero"]
"""The playground's readers share the lab's reading (core/files/reading.py, the unpacking of a
state string, the CSV reader); these kinds show that each goes through it."""


@pytest.mark.parametrize("kind,name", [("session", n) for n in PLAYGROUND_SESSIONS]
                         + [("string", n) for n in PLAYGROUND_STRINGS]
                         + [("csv", n) for n in PLAYGROUND_CSVS])
def test_the_playgrounds_readers(kind, name, tmp_path):
    from core.data.planar_csv import read_points
    from core.files import playground_session

    if "/dev/zero" in name and NO_DEVICE:
        pytest.skip("no /dev/zero here")
    make, says = {"session": SESSIONS, "string": STATE_STRINGS, "csv": CSVS}[kind][name]
    made = make(tmp_path)
    if kind == "session":
        read = lambda: read_session_file(made, playground_session.read_session)  # noqa: E731
    elif kind == "string":
        read = lambda: playground_session.read_state_string("pg1." + made[4:])  # noqa: E731
    else:
        read = lambda: read_points(made)  # noqa: E731
    same = unchanged(made)
    check(measured(read), says=says)
    assert same()

"""Run a command in a real pseudo-terminal, as a person over SSH would, and measure it.

Adapted from shared/tools/ptytime.py. What it measures, and how:

- a first screen is complete at its **last byte** before ``settle`` seconds of silence (once a
  pattern is on screen), not when the pattern first shows: an app that paints in two parts
  would otherwise look faster than one that paints once;
- a key's time runs from the write of the key to the last byte of its answer; the probe keeps
  the bytes and hands them to its terminal emulator only once the app has gone quiet, so the
  emulator's work is never charged to the app;
- a **paint** is one synchronized update: the probe answers Textual's question "do you support
  synchronized output?" (DECRQM 2026) as most modern terminals do, so Textual wraps every
  screen update it writes in ``ESC[?2026h … ESC[?2026l``; counting those is exact however
  loaded the machine is. Bursts (writes separated by 8 ms of silence) are counted as well;
- CPU time is the app's own, from the scheduler's per-thread counters (nanoseconds), and peak
  memory is the kernel's high-water mark of its resident set (VmHWM).

The window size is set in the child before it runs, so the app never sees a default size.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

KEYS = {"enter": "\r", "tab": "\t", "esc": "\x1b", "space": " ", "up": "\x1b[A",
        "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D", "pgdn": "\x1b[6~",
        "pgup": "\x1b[5~", "backspace": "\x7f"}
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off", as kitty, WezTerm, iTerm2 … answer
SYNC_START = b"\x1b[?2026h"
BURST_GAP = 0.008
"""Output after this much silence starts a new burst."""
SCRUBBED = ("COLORTERM", "NO_COLOR", "LINES", "COLUMNS", "PYTHONDONTWRITEBYTECODE")
"""Never passed to the app: ssh forwards TERM but not COLORTERM; LINES and COLUMNS would
override the terminal's size; and with PYTHONDONTWRITEBYTECODE set an editable install
compiles every module afresh on each start, which no installed copy does."""


def bytecode_note() -> str:
    """A line for a benchmark's output saying how bytecode caching stands for its timed runs."""
    was = "set in this shell, " if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return (f"PYTHONDONTWRITEBYTECODE: {was}unset for every app run here (bytecode is cached, "
            "as in an installed copy)")


@dataclass
class Answer:
    """What the app wrote in answer to a start or a key."""

    ms: float | None
    """From the start or the key to the last byte (None: nothing came)."""
    bytes: int
    paints: int
    """Synchronized updates begun (0 when the terminal was not asked to answer the query)."""
    bursts: int
    cpu_ms: float | None = None
    """The app's CPU time meanwhile, the quiet wait included (None where it cannot be read)."""
    output: bytes = b""


class Terminal:
    """``cmd`` running in a pseudo-terminal of ``size``; read its answers, press keys.

    ``stats_pid`` says whether the child is the app itself (so its CPU time and memory can be
    read); through ssh it is the ssh client, and they cannot.
    """

    def __init__(self, cmd: list[str], size: tuple[int, int] = (120, 40),
                 term: str = "xterm-256color", colorterm: str | None = None,
                 env: dict[str, str] | None = None, sync: bool = True,
                 stats_pid: bool = True) -> None:
        import pyte

        cols, rows = size
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        child_env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
        child_env.update(TERM=term, **(env or {}))
        if colorterm:
            child_env["COLORTERM"] = colorterm
        self.sync = sync
        self.stats_pid = stats_pid
        self._tail = b""
        self._cpu_at_last_byte: float | None = None
        """The app's CPU time when the last byte read so far arrived."""
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its terminal has the right size before the app looks
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(cmd[0], cmd, child_env)
        self.alive = True

    # -- reading -------------------------------------------------------------------------

    def _read(self, quiet: float, deadline: float, first_within: float) -> list[tuple[float, bytes]]:
        """(arrival, bytes) chunks until ``quiet`` s of silence after the first byte, or
        ``first_within`` s with none, or the deadline."""
        chunks: list[tuple[float, bytes]] = []
        start = time.perf_counter()
        while self.alive:
            now = time.perf_counter()
            if now > deadline:
                break
            ready, _, _ = select.select([self.fd], [], [], 0.002)
            if ready:
                try:
                    data = os.read(self.fd, 1 << 16)
                except OSError:
                    data = b""
                if not data:
                    self.alive = False
                    break
                chunks.append((time.perf_counter(), data))
                self._cpu_at_last_byte = self.cpu_seconds()
                self._answer_queries(data)
            elif chunks and now - chunks[-1][0] >= quiet:
                break
            elif not chunks and now - start >= first_within:
                break
        return chunks

    def _answer_queries(self, data: bytes) -> None:
        if not self.sync:
            return
        seen = self._tail + data
        if SYNC_QUERY in seen:
            os.write(self.fd, SYNC_REPLY)
            seen = seen.replace(SYNC_QUERY, b"")
        self._tail = seen[-(len(SYNC_QUERY) - 1):]

    def _feed(self, chunks: list[tuple[float, bytes]]) -> None:
        for _, data in chunks:
            self._stream.feed(data)

    def text(self) -> str:
        """What the terminal shows now."""
        return "\n".join(self.screen.display)

    # -- measuring -----------------------------------------------------------------------

    def first_screen(self, wait: str = ".", settle: float = 1.0, timeout: float = 60.0) -> Answer:
        """Read the first screen: until ``wait`` is on it and ``settle`` s pass in silence."""
        pattern, chunks = re.compile(wait), []
        deadline = self.started + timeout
        cpu0 = 0.0
        while self.alive and time.perf_counter() < deadline:
            got = self._read(settle, deadline, first_within=timeout)
            self._feed(got)
            chunks += got
            if pattern.search(self.text()):
                break
        return self._answer(chunks, self.started, cpu0)

    def press(self, key: str, quiet: float = 0.5, first_within: float = 5.0) -> Answer:
        """Press ``key`` and read its whole answer (until ``quiet`` s of silence)."""
        cpu0 = self.cpu_seconds()
        sent = time.perf_counter()
        os.write(self.fd, KEYS.get(key, key).encode())
        chunks = self._read(quiet, sent + 60, first_within)
        self._feed(chunks)
        return self._answer(chunks, sent, cpu0)

    def resize(self, cols: int, rows: int, quiet: float = 1.0) -> Answer:
        """Change the window's size (the app gets SIGWINCH) and read the answer."""
        cpu0 = self.cpu_seconds()
        self.screen.resize(rows, cols)
        sent = time.perf_counter()
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        chunks = self._read(quiet, sent + 60, first_within=3.0)
        self._feed(chunks)
        return self._answer(chunks, sent, cpu0)

    def watch(self, seconds: float, key: str | None = None) -> Answer:
        """Everything written in the next ``seconds`` (after pressing ``key``, if given)."""
        cpu0, start = self.cpu_seconds(), time.perf_counter()
        if key:
            os.write(self.fd, KEYS.get(key, key).encode())
        chunks = self._read(seconds + 1, start + seconds, first_within=seconds)
        self._feed(chunks)
        return self._answer(chunks, start, cpu0)

    def _answer(self, chunks: list[tuple[float, bytes]], since: float,
                cpu0: float | None) -> Answer:
        out = b"".join(data for _, data in chunks)
        bursts, last = 0, 0.0
        for t, _ in chunks:
            bursts += t - last > BURST_GAP
            last = t
        # CPU to the last byte of the answer: what the app does later, in the quiet the probe
        # waits out (the book loads the next chapter then), is no part of this answer's cost
        cpu1 = self._cpu_at_last_byte if chunks else self.cpu_seconds()
        cpu = (cpu1 - cpu0) * 1000 if cpu0 is not None and cpu1 is not None else None
        return Answer(ms=(chunks[-1][0] - since) * 1000 if chunks else None, bytes=len(out),
                      paints=out.count(SYNC_START), bursts=bursts, cpu_ms=cpu, output=out)

    def cpu_seconds(self) -> float | None:
        """The app's CPU time so far, over all its threads (None through ssh)."""
        if not self.stats_pid:
            return None
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.pid}/task"):
                try:
                    with open(f"/proc/{self.pid}/task/{task}/schedstat") as stat:
                        total += int(stat.read().split()[0])
                except (OSError, ValueError):
                    pass  # a thread that ended meanwhile
        except OSError:
            return None
        return total / 1e9

    def peak_rss_mb(self) -> float | None:
        """The app's peak resident memory so far (None through ssh)."""
        if not self.stats_pid:
            return None
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def close(self) -> None:
        """End the app (SIGTERM, then SIGKILL if it lingers) and wait for it."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    break
                if select.select([self.fd], [], [], 0.02)[0]:
                    try:
                        os.read(self.fd, 1 << 16)
                    except OSError:
                        pass
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Run a command in a real pseudo-terminal, as a person over SSH would, and measure it.

Adapted from shared/tools/ptyprobe.py: the terminal type and colour variables are parameters
(ssh forwards TERM but not COLORTERM), and the result is a dict rather than printed JSON.
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
from dataclasses import dataclass, field

KEYS = {"enter": "\r", "tab": "\t", "esc": "\x1b", "space": " ", "up": "\x1b[A", "down": "\x1b[B"}


@dataclass
class Probe:
    """One measured session."""

    first_screen_ms: float | None = None
    first_screen_bytes: int = 0
    key_bytes: list[int] = field(default_factory=list)
    key_ms: list[float] = field(default_factory=list)
    peak_rss_mb: float | None = None
    screen: list[str] = field(default_factory=list)


def probe(cmd: list[str], size: tuple[int, int] = (120, 40), wait: str = ".",
          keys: list[str] = (), quiet_ms: int = 150, colorterm: str | None = None,
          term: str = "xterm-256color", timeout: float = 20.0, settle_ms: int = 600) -> Probe:
    """Start ``cmd``, wait for ``wait`` on screen, press ``keys`` one by one, measure each."""
    import pyte

    cols, rows = size
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env.update(TERM=term, LINES=str(rows), COLUMNS=str(cols))
    if colorterm:
        env["COLORTERM"] = colorterm
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    result = Probe()
    pattern = re.compile(wait)

    def pump(deadline: float, quiet: float, want_match: bool) -> tuple[int, float | None, float]:
        """Read until quiet; the bytes, when ``wait`` matched, and when the last byte came.

        Unless it is waiting for ``wait``, it only reads and keeps the bytes while the app
        writes, and gives them to the emulator once the app has gone quiet: feeding pyte takes
        milliseconds per kilobyte, and a chunk that arrived meanwhile would be timed late.
        """
        total, last, matched, kept = 0, time.perf_counter(), None, []
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.005)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                total += len(data)
                last = time.perf_counter()
                if not want_match:
                    kept.append(data)
                    continue
                stream.feed(data)
                if matched is None and pattern.search("\n".join(screen.display)):
                    matched = last
            elif (not want_match or matched) and (time.perf_counter() - last) * 1000 >= quiet:
                break
        stream.feed(b"".join(kept))
        return total, matched, last

    try:
        n, matched, _ = pump(start + timeout, settle_ms, True)
        result.first_screen_bytes = n
        result.first_screen_ms = (matched - start) * 1000 if matched else None
        for key in keys:
            sent = time.perf_counter()
            os.write(fd, KEYS.get(key, key).encode())
            n, _, last = pump(sent + timeout, quiet_ms, False)
            result.key_bytes.append(n)
            result.key_ms.append((last - sent) * 1000)  # to the last byte of the answer
        result.peak_rss_mb = _peak_rss(pid)
        result.screen = list(screen.display)
    finally:
        _stop(pid)
    return result


def _peak_rss(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


FRAME_GAP = 0.008
"""Output after this much silence starts a new frame (Textual writes a frame in one go)."""


@dataclass
class Watch:
    """What a command wrote while running by itself for a while."""

    seconds: float = 0.0
    bytes: int = 0
    frames: int = 0
    cpu_seconds: float = 0.0
    screen: list[str] = field(default_factory=list)


def watch(cmd: list[str], key: str, seconds: float, size: tuple[int, int] = (120, 40),
          wait: str = ".", term: str = "xterm-256color", settle_ms: int = 600) -> Watch:
    """Start ``cmd``, wait for its first screen, press ``key`` and record ``seconds`` of output.

    A frame is a burst of output after at least FRAME_GAP seconds of silence; CPU time comes
    from /proc, for the child alone.
    """
    import pyte

    cols, rows = size
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env.update(TERM=term, LINES=str(rows), COLUMNS=str(cols))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    pattern, result = re.compile(wait), Watch()
    try:
        _drain(fd, stream, screen, pattern, time.perf_counter() + 20, settle_ms)
        cpu0, start = _cpu_seconds(pid), time.perf_counter()
        os.write(fd, KEYS.get(key, key).encode())
        out, last = bytearray(), 0.0
        while time.perf_counter() - start < seconds:
            ready, _, _ = select.select([fd], [], [], 0.002)
            if ready:
                data = os.read(fd, 65536)
                now = time.perf_counter()
                if now - last > FRAME_GAP:
                    result.frames += 1  # a write after a pause: a new screen update
                last = now
                out += data
                stream.feed(data)
        result.seconds = time.perf_counter() - start
        result.cpu_seconds = _cpu_seconds(pid) - cpu0
        result.bytes = len(out)
        result.screen = list(screen.display)
    finally:
        _stop(pid)
    return result


def bytes_after(cmd: list[str], keys: list[str], action, size: tuple[int, int] = (120, 40),
                wait: str = ".", term: str = "xterm-256color", quiet_ms: int = 400,
                answer_quiet_ms: int = 1000) -> int:
    """Bytes written in answer to ``action(fd)`` (a resize, say) after ``keys`` settled.

    The answer counts as finished after ``answer_quiet_ms`` of silence: an app that holds its
    output while a new screen lays out may write a byte or two first and the screen later.
    """
    import pyte

    cols, rows = size
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env.update(TERM=term)  # no LINES/COLUMNS: Textual would believe them over a resize
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    try:
        _drain(fd, stream, screen, re.compile(wait), time.perf_counter() + 20, 600)
        for key in keys:
            os.write(fd, KEYS.get(key, key).encode())
            _drain(fd, stream, screen, None, time.perf_counter() + 10, quiet_ms)
        action(fd, pid)
        return _drain(fd, stream, screen, None, time.perf_counter() + 10, answer_quiet_ms,
                      first_within=3.0)
    finally:
        _stop(pid)


def resize(cols: int, rows: int):
    """An action for :func:`bytes_after`: the terminal changes size, as a window drag does."""
    def act(fd: int, pid: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))  # sends SIGWINCH
    return act


def press(key: str):
    """An action for :func:`bytes_after`: one key."""
    def act(fd: int, pid: int) -> None:
        os.write(fd, KEYS.get(key, key).encode())
    return act


def _drain(fd, stream, screen, pattern, deadline: float, quiet_ms: int,
           first_within: float = 0.0) -> int:
    """Read until ``pattern`` is on screen (if given) and then ``quiet_ms`` pass in silence.

    With ``first_within``, silence only counts once the first byte has come (or that many
    seconds have passed without one), since an app may take a moment to begin answering.
    """
    total, last, matched = 0, time.perf_counter() + first_within, pattern is None
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            data = os.read(fd, 65536)
            if not data:
                break
            total += len(data)
            last = time.perf_counter()
            stream.feed(data)
            if not matched and pattern.search("\n".join(screen.display)):
                matched = True
        elif matched and (time.perf_counter() - last) * 1000 >= quiet_ms:
            break
    return total


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

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

    def pump(deadline: float, quiet: float, want_match: bool) -> tuple[int, float | None]:
        total, last, matched = 0, time.perf_counter(), None
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
                stream.feed(data)
                if want_match and matched is None and pattern.search("\n".join(screen.display)):
                    matched = last
            elif (not want_match or matched) and (time.perf_counter() - last) * 1000 >= quiet:
                break
        return total, matched

    try:
        n, matched = pump(start + timeout, settle_ms, True)
        result.first_screen_bytes = n
        result.first_screen_ms = (matched - start) * 1000 if matched else None
        for key in keys:
            sent = time.perf_counter()
            os.write(fd, KEYS.get(key, key).encode())
            n, _ = pump(sent + timeout, quiet_ms, False)
            result.key_bytes.append(n)
            result.key_ms.append((time.perf_counter() - sent) * 1000 - quiet_ms)
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

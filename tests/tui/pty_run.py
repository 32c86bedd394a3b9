"""Running the real app in a pseudo-terminal, as a remote user would, and reading its bytes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks whether the terminal can hold a screen update until it is whole."""
SYNC_REPLY = b"\x1b[?2026;2$y"
PAINT = b"\x1b[?2026h"
"""With that answered yes, every screen update Textual writes begins with this."""


def paints(out: bytes) -> int:
    """How many screen updates ``out`` holds (from a PtyApp started with ``sync=True``)."""
    return out.count(PAINT)


class PtyApp:
    """``python -m tui ARGS`` in a pseudo-terminal of a given size; read, type, resize.

    With ``sync`` the terminal says it supports synchronized output, as most modern terminals
    do, so each screen update comes wrapped in its own begin/end pair and can be counted.
    """

    def __init__(self, args: list[str], size: tuple[int, int], env: dict[str, str],
                 sync: bool = False) -> None:
        self.sync = sync
        clean = {k: v for k, v in os.environ.items()
                 if k not in ("COLORTERM", "NO_COLOR", "LINES", "COLUMNS")}
        clean.update(TERM="xterm-256color", **env)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(sys.executable, [sys.executable, "-m", "tui", *args], clean)
        self.resize(*size)

    def resize(self, cols: int, rows: int) -> None:
        """Change the terminal's size (the kernel tells the app with SIGWINCH)."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def type(self, text: str) -> None:
        """Send keys."""
        os.write(self.fd, text.encode())

    def read_until_quiet(self, quiet: float = 0.5, first_within: float = 10.0,
                         until: bytes | None = None, most: float | None = None) -> bytes:
        """Everything written until ``quiet`` seconds pass with nothing new (after the first
        byte, or after ``until`` has appeared), or for ``most`` seconds at most (an app that
        trains is never quiet)."""
        out, start, last = b"", time.monotonic(), None
        while time.monotonic() - start < (first_within + 30 if most is None else most):
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                if self.sync and SYNC_QUERY in out[1 - len(SYNC_QUERY):] + chunk:
                    os.write(self.fd, SYNC_REPLY)
                out += chunk
                if until is None or until in out:
                    last = time.monotonic()
            elif last is not None and time.monotonic() - last > quiet:
                break
            elif last is None and time.monotonic() - start > first_within:
                break
        return out

    def stop(self) -> None:
        """End the app."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):  # it has ended, and been waited for
            pass

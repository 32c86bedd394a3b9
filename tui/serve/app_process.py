"""One learner's neuron-tui: a process of its own on a pseudo-terminal of its own.

Textual's driver assumes a process and a terminal to itself, so each connection gets both, and
one learner's crash or heavy run never touches another's. The terminal is put in the mode the
app will use (no echo, no line editing, no signals from keys) *before* the app starts, so keys
typed while it loads are neither echoed nor turned into signals or line endings. The app leads
a session of its own with the terminal as its controlling terminal, so a window change set on
the terminal (TIOCSWINSZ) reaches it as SIGWINCH from the kernel.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import subprocess
import termios
from collections.abc import Callable

READ_SIZE = 65536
KILL_AFTER = 10.0
"""Seconds a hung-up app has to exit (keeping its lab) before it is killed: a class that
all leaves at once, on a host with a process per learner, needs a few seconds each."""


def _take_terminal() -> None:  # runs in the child, between fork and exec
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_app_mode(fd: int) -> None:
    """Put the terminal ``fd`` in the mode a full-screen app reads keys in (as Textual will):
    bytes pass unaltered and unechoed, but output still turns ``\\n`` into ``\\r\\n`` for what
    the app prints after it closes."""
    iflag, oflag, cflag, lflag, ispeed, ospeed, cc = termios.tcgetattr(fd)
    iflag &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR
               | termios.ISTRIP | termios.BRKINT | termios.PARMRK)
    iflag |= getattr(termios, "IUTF8", 0)
    oflag |= termios.OPOST | termios.ONLCR
    cflag |= termios.CS8
    lflag &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
    cc[termios.VMIN], cc[termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSANOW, [iflag, oflag, cflag, lflag, ispeed, ospeed, cc])


def set_size(fd: int, cols: int, rows: int) -> None:
    """Set the terminal's window size (the kernel sends SIGWINCH to its foreground group)."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class AppProcess:
    """``argv`` running on a new pseudo-terminal; its output goes to ``on_output``."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: str,
                 size: tuple[int, int], on_output: Callable[[bytes], None]) -> None:
        self.on_output = on_output
        self.on_drained: Callable[[], None] = lambda: None
        """Called when input that had to wait has all reached the terminal."""
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self._exited: asyncio.Future[int] = self._loop.create_future()
        master, slave = os.openpty()
        try:
            set_app_mode(slave)
            set_size(slave, *size)
            self._proc = subprocess.Popen(
                argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                start_new_session=True, preexec_fn=_take_terminal)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.pid = self._proc.pid
        self.master: int | None = master
        os.set_blocking(master, False)
        self._reading = False
        self.resume_output()
        self._watch_exit()

    # -- output -----------------------------------------------------------------------------

    def pause_output(self) -> None:
        """Stop reading the app's output (the learner's side is not keeping up)."""
        if self._reading and self.master is not None:
            self._loop.remove_reader(self.master)
        self._reading = False

    def resume_output(self) -> None:
        """Read the app's output again."""
        if not self._reading and self.master is not None:
            self._loop.add_reader(self.master, self._read)
            self._reading = True

    def _read(self, drain: bool = False) -> None:
        while self.master is not None:
            try:
                data = os.read(self.master, READ_SIZE)
            except BlockingIOError:
                return
            except OSError as error:  # EIO: the app and all it started have closed the terminal
                if error.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            if not data:
                self.pause_output()
                return
            self.on_output(data)
            if not drain:
                return

    # -- input ------------------------------------------------------------------------------

    @property
    def backlog(self) -> int:
        """Bytes of input still waiting for room in the terminal."""
        return len(self._pending)

    def write(self, data: bytes) -> None:
        """Type ``data`` into the app's terminal; what does not fit yet waits, in order."""
        if self.master is None or not data:
            return
        self._pending += data
        if len(self._pending) == len(data):
            self._write_pending()

    def _write_pending(self) -> None:
        try:
            while self._pending and self.master is not None:
                self._pending[:os.write(self.master, self._pending)] = b""
        except BlockingIOError:
            self._loop.add_writer(self.master, self._write_pending)
            return
        except OSError:  # the app has gone: what it did not read is dropped
            self._pending.clear()
        if self.master is not None:
            self._loop.remove_writer(self.master)
        self.on_drained()

    # -- size, end --------------------------------------------------------------------------

    def resize(self, cols: int, rows: int) -> None:
        """Tell the app its window is now ``cols`` × ``rows``."""
        if self.master is not None and self.returncode is None:
            with contextlib.suppress(OSError):
                set_size(self.master, cols, rows)

    @property
    def returncode(self) -> int | None:
        """The app's exit status (negative: the signal that ended it), or None while it runs."""
        return self._exited.result() if self._exited.done() else None

    async def wait(self) -> int:
        """Wait until the app has exited and been reaped; what it wrote last has been passed on."""
        return await asyncio.shield(self._exited)

    async def hang_up(self, kill_after: float = KILL_AFTER) -> int:
        """As when a terminal's line drops: SIGHUP to the app's process group, which closes the
        app as ``q`` does (keeping the lab); killed if it has not exited within ``kill_after``
        seconds. Its output is still read meanwhile, so it never blocks on a full terminal."""
        self.resume_output()
        self._signal(signal.SIGHUP)
        try:
            return await asyncio.wait_for(self.wait(), kill_after)
        except TimeoutError:
            self._signal(signal.SIGKILL)
            return await self.wait()

    def _signal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signum)

    def _watch_exit(self) -> None:
        try:
            pidfd = os.pidfd_open(self.pid)
        except (AttributeError, OSError):  # not Linux 5.3+: look twice a second
            self._poll_exit()
            return

        def readable() -> None:
            self._loop.remove_reader(pidfd)
            os.close(pidfd)
            self._poll_exit()

        self._loop.add_reader(pidfd, readable)

    def _poll_exit(self) -> None:
        code = self._proc.poll()
        if code is None:
            self._loop.call_later(0.5, self._poll_exit)
            return
        self._read(drain=True)
        self.pause_output()
        if self.master is not None:
            self._loop.remove_writer(self.master)
            os.close(self.master)
            self.master = None
        self._pending.clear()
        self._exited.set_result(code)

"""A real ``neuron-tui-serve`` on 127.0.0.1 (a free port) and real SSH clients whose terminal
is a terminal emulator (pyte), so tests read the screen a learner would see."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncssh
import pyte
import pytest


def app_processes(parent: int) -> list[tuple[int, str]]:
    """The (pid, state) of every process whose parent is ``parent`` (state Z: a zombie)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rpartition(")")[2].split()[:2]
            if int(ppid) == parent:
                found.append((int(entry.name), state))
    return found


class Server:
    """``neuron-tui-serve`` in a process of its own, its data in ``folder``."""

    def __init__(self, folder: Path, *options: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.data = folder / "data"
        self.stderr = open(folder / "server.err", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.serve.cli", "--port", "0", "--data", str(self.data),
             "--host-key", str(folder / "host_key"), "--login-timeout", "2", *options],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True, cwd=folder)
        line = self.proc.stdout.readline()
        match = re.search(r"listening on [\d.]+:(\d+) \(host key (\S+)\)", line)
        assert match, f"the server did not start: {line!r} {(folder / 'server.err').read_text()}"
        self.port, self.host_key = int(match.group(1)), match.group(2)

    @property
    def log(self) -> str:
        """The connection log so far."""
        return (self.data / "connections.log").read_text()

    async def wait_log(self, text: str, timeout: float = 20.0) -> None:
        """Wait until ``text`` is in the connection log."""
        deadline = time.monotonic() + timeout
        while text not in self.log:
            assert time.monotonic() < deadline, f"{text!r} never logged:\n{self.log}"
            await asyncio.sleep(0.05)

    def apps(self) -> list[tuple[int, str]]:
        """The learners' app processes running (or left as zombies) now."""
        return app_processes(self.proc.pid)

    async def wait_for_no_apps(self, timeout: float = 10.0) -> None:
        """Wait until every app has exited and been reaped."""
        deadline = time.monotonic() + timeout
        while self.apps() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert self.apps() == []

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it: it must close every app and exit 0."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            assert self.proc.wait(15) == 0
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.proc.stdout.close()
            self.stderr.close()


class Terminal(asyncssh.SSHClientSession):
    """A learner's terminal: what the server sends is drawn on a pyte screen."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.chan: asyncssh.SSHClientChannel | None = None
        self.status: int | None = None
        self.closed = asyncio.Event()

    def connection_made(self, chan) -> None:
        self.chan = chan

    def data_received(self, data: bytes, datatype) -> None:
        self.raw += data
        self.stream.feed(data)

    def exit_status_received(self, status: int) -> None:
        self.status = status

    def connection_lost(self, exc) -> None:
        self.closed.set()

    def text(self) -> str:
        """The screen, row by row."""
        return "\n".join(self.screen.display)

    async def wait_for(self, pattern: str, timeout: float = 20.0) -> None:
        """Wait until ``pattern`` (a regular expression) is on the screen."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text(), re.M):
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} never appeared on:\n{self.text()}")
            await asyncio.sleep(0.05)

    async def wait_closed(self, timeout: float = 15.0) -> str:
        """Wait until the server closes the session; everything it sent, as text."""
        await asyncio.wait_for(self.closed.wait(), timeout)
        return self.raw.decode("utf-8", "replace")

    def press(self, keys: str | bytes) -> None:
        """Type ``keys``."""
        self.chan.write(keys.encode() if isinstance(keys, str) else keys)

    def resize(self, cols: int, rows: int, screen: tuple[int, int] | None = None) -> None:
        """Change the window size the client reports (and the emulator's, to ``screen``)."""
        self.screen.resize(*(reversed(screen) if screen else (rows, cols)))
        self.chan.change_terminal_size(cols, rows)


async def connect(port: int, key=None, username: str = "ada", size=(80, 24), command=None,
                  screen=None, pty=True) -> tuple[asyncssh.SSHClientConnection, Terminal]:
    """Log in as ``username`` with ``key`` (None: no key) and open a session with a terminal
    of ``size`` (the emulator's own size is ``screen``, if given)."""
    conn = await asyncssh.connect("127.0.0.1", port, username=username, known_hosts=None,
                                  client_keys=[key] if key else [], agent_path=None,
                                  config=None, password=None)
    options = {"term_type": "xterm-256color", "term_size": size} if pty else {}
    _, term = await conn.create_session(lambda: Terminal(*(screen or size)), command,
                                        encoding=None, **options)
    return conn, term


def new_key():
    """A fresh learner's key."""
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture(scope="package")
def server(tmp_path_factory):
    """A server in key mode (any key), shared by these tests: each test uses keys of its
    own, so each is a different learner."""
    running = Server(tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()

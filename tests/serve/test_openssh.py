"""OpenSSH's own ``ssh``, as a learner types it, in a real pseudo-terminal at 80×24."""

import os
import pty
import select
import shutil
import sys
import time

import pyte
import pytest

from tests.serve.conftest import new_key

SSH = shutil.which("ssh")


@pytest.mark.skipif(SSH is None, reason="OpenSSH's ssh is not installed (apt-get install "
                                        "openssh-client); the asyncssh client tests still ran")
def test_a_learner_types_ssh_and_reads_the_book(server, tmp_path):
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(new_key().export_private_key())
    key_file.chmod(0o600)
    argv = [SSH, "-F", "/dev/null", "-i", str(key_file), "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-p", str(server.port), "ada@127.0.0.1"]
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(SSH, argv, {"TERM": "xterm-256color", "PATH": os.environ["PATH"]})
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    try:
        _set_size(fd, 80, 24)
        assert _read_until(fd, stream, screen, "t Contents")
        assert "1 · The neuron" in screen.display[0] and "Contents" in screen.display[23]
        os.write(fd, b"]")
        assert _read_until(fd, stream, screen, "2 · Activation")
        os.write(fd, b"q")
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)


def _set_size(fd: int, cols: int, rows: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _read_until(fd: int, stream, screen, text: str, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in "\n".join(screen.display):
            return True
        if select.select([fd], [], [], 0.1)[0]:
            try:
                stream.feed(os.read(fd, 65536))
            except OSError:
                break
    print("\n".join(screen.display), file=sys.stderr)
    return False

"""A private OpenSSH server on 127.0.0.1, for timing apps through a real ``ssh`` connection.

Everything it needs lives in a temporary folder made for the run (a host key, a client key,
authorized_keys holding only that key, sshd_config) and goes with it. It listens on the
loopback address only, on a random high port, accepts only that key and only for the user
running the benchmark, and stops when the ``with`` block ends.
"""

from __future__ import annotations

import os
import pwd
import random
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SSHD = "/usr/sbin/sshd"
PRIVSEP = Path("/run/sshd")
"""sshd started by root insists on this (empty) folder for its unprivileged child."""


def missing() -> str | None:
    """Why a private sshd cannot run here, or None if it can."""
    if not (shutil.which("sshd") or Path(SSHD).exists()):
        return "sshd is not installed (Debian: apt-get install -y openssh-server)"
    if not shutil.which("ssh") or not shutil.which("ssh-keygen"):
        return "the ssh client is not installed (Debian: apt-get install -y openssh-client)"
    return None


def _free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port on 127.0.0.1")


def _wait_listening(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sshd stopped: {log.read_text(errors='replace').strip()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("sshd did not start listening within 15 s")


@contextmanager
def private_sshd() -> Iterator[callable]:
    """Start the server; yield ``wrap(cmd, cwd, env) -> ssh command line`` that runs ``cmd``
    on it in a pseudo-terminal, in folder ``cwd`` with ``env`` added."""
    exe = shutil.which("sshd") or SSHD
    folder = Path(tempfile.mkdtemp(prefix="bench-sshd-"))
    try:
        for name in ("host_key", "client_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                            str(folder / name)], check=True)
        (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
        os.chmod(folder / "authorized_keys", 0o600)
        port, user = _free_port(), pwd.getpwuid(os.geteuid()).pw_name
        (folder / "sshd_config").write_text("\n".join([
            f"ListenAddress 127.0.0.1:{port}", f"HostKey {folder / 'host_key'}",
            f"AuthorizedKeysFile {folder / 'authorized_keys'}", f"PidFile {folder / 'sshd.pid'}",
            f"AllowUsers {user}", "PermitRootLogin prohibit-password",
            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
            "StrictModes no", "PrintMotd no", "PrintLastLog no", "X11Forwarding no",
            "AllowTcpForwarding no", "AcceptEnv LANG LC_*", "LogLevel ERROR", "",
        ]))
        if os.geteuid() == 0:
            PRIVSEP.mkdir(mode=0o755, exist_ok=True)
        log = folder / "sshd.log"
        proc = subprocess.Popen([exe, "-D", "-e", "-f", str(folder / "sshd_config")],
                                stdout=subprocess.DEVNULL, stderr=log.open("w"))
        try:
            _wait_listening(port, proc, log)

            def wrap(cmd: list[str], cwd: str, env: dict[str, str]) -> list[str]:
                remote = (f"cd {shlex.quote(cwd)} && exec env -u PYTHONDONTWRITEBYTECODE "
                          + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " "
                          + " ".join(shlex.quote(c) for c in cmd))
                return ["ssh", "-F", "/dev/null", "-tt", "-p", str(port), "-i",
                        str(folder / "client_key"), "-o", "IdentitiesOnly=yes",
                        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                        "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG",
                        f"{user}@127.0.0.1", remote]

            yield wrap
        finally:
            proc.terminate()
            proc.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

"""The SSH server: who may log in and as whom; one :class:`LearnerSession` per session."""

from __future__ import annotations

import asyncio
import signal
import socket

import asyncssh

from tui.serve.classroom import Classroom, Settings
from tui.serve.identity import Learner
from tui.serve.limits import (MAX_ENV_NAME, MAX_ENV_VALUE, MAX_ENV_VARS, SPARE_CONNECTIONS,
                              SSH_WINDOW)
from tui.serve.places import load_or_make_host_key
from tui.serve.session import LearnerSession


class ClassServer(asyncssh.SSHServer):
    """One connection: public-key login (any key, or only ``--authorized-keys``), or none at
    all in ``--open`` mode; never a password."""

    def __init__(self, classroom: Classroom) -> None:
        self.classroom = classroom
        self.conn: asyncssh.SSHServerConnection | None = None
        self.where = "?"
        self.username = ""
        self.learner: Learner | None = None
        self._key: asyncssh.SSHKey | None = None
        self._logged_in = False
        self._refused_keys: list[str] = []

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.where = f"{peer[0]}:{peer[1]}"
        self.classroom.connections += 1
        limit = self.classroom.settings.max_learners + SPARE_CONNECTIONS
        if self.classroom.connections > limit:
            self.classroom.log.warning("refused %s: %d connections open", self.where,
                                       self.classroom.connections - 1)
            conn.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.classroom.connections -= 1
        if not self._logged_in:
            why = str(exc) if exc else "closed before logging in"
            if self._refused_keys:
                why = f"refused key {', '.join(self._refused_keys[:3])}"
            self.classroom.log.info("no login from %s: %s", self.where, why)

    def begin_auth(self, username: str) -> bool:
        self.username = username
        if self.classroom.settings.open:
            self.learner = Learner.from_name(username)  # None: told why once the session opens
            return False
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return not self.classroom.settings.open

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # asyncssh checks the signature straight after this returns True, then completes the
        # login with no other key in between: the key noted last is the one that logged in.
        if self.classroom.key_allowed(key, self.where.rpartition(":")[0]):
            self._key = key
            return True
        self._refused_keys.append(key.get_fingerprint())
        return False

    def auth_completed(self) -> None:
        self._logged_in = True
        if self._key is not None:
            self.learner = Learner.from_key(self._key.get_fingerprint(), self.username)

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel, LearnerSession]:
        assert self.conn is not None
        local = self.conn.get_extra_info("sockname") or ("host", 0)
        channel = self.conn.create_server_channel(encoding=None, window=SSH_WINDOW)
        channel.__class__ = BoundedEnvChannel
        return channel, LearnerSession(self.classroom, self.learner, self.username, self.where,
                                       (local[0], local[1]))


class BoundedEnvChannel(asyncssh.SSHServerChannel):
    """A session channel that keeps at most a few small environment variables.

    asyncssh keeps every ``env`` request a client sends, without limit, until the session
    ends: 40 MB of them grew the server by 84 MB. (This overrides asyncssh's request handler,
    tested against the pinned range by tests/serve/test_server.py.)
    """

    def _process_env_request(self, packet) -> bool:
        name, value = packet.get_string(), packet.get_string()
        packet.check_end()
        env = self._env
        if (len(name) > MAX_ENV_NAME or len(value) > MAX_ENV_VALUE
                or (name not in env and len(env) >= MAX_ENV_VARS)):
            return False
        env[name] = value
        return True


async def serve(settings: Settings, classroom: Classroom, ready=print) -> None:
    """Listen until SIGTERM or SIGINT, then close every app (each keeps its lab) and stop."""
    key = load_or_make_host_key(settings.host_key)
    server = await asyncssh.create_server(
        lambda: ClassServer(classroom), settings.host, settings.port,
        server_host_keys=[key], encoding=None, line_editor=False, allow_pty=True,
        agent_forwarding=False, x11_forwarding=False, allow_scp=False,
        login_timeout=settings.login_timeout, keepalive_interval=30, keepalive_count_max=3,
        window=SSH_WINDOW, reuse_address=True, family=_family(settings.host))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    classroom.write_status()
    port = server.sockets[0].getsockname()[1]
    ready(f"neuron-tui-serve: listening on {settings.host}:{port} "
          f"(host key {key.get_fingerprint()}); learners type: ssh -p {port} HOST")
    classroom.log.info("listening on %s:%d (host key %s, data in %s)", settings.host, port,
                       key.get_fingerprint(), settings.data)
    try:
        await stop.wait()
    finally:
        server.close()
        await classroom.close_all("neuron-tui-serve: the server is stopping. Your place is kept.")
        classroom.write_status(running=False)
        classroom.log.info("stopped")


def _family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_UNSPEC

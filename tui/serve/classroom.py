"""The class as the server sees it: who holds a seat, the limits, and the status file."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.serve.identity import Learner
from tui.serve.limits import IDLE_MINUTES, INPUT_RATE, LOGIN_SECONDS, MAX_LEARNERS
from tui.serve.places import Places, read_small
from tui.storage.files import FILES_IN, write_atomic

if TYPE_CHECKING:
    from tui.serve.session import LearnerSession

PASSED_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH")
"""The server's own environment variables each app inherits; nothing else of it."""
MAX_AUTHORIZED_KEYS = 1 << 20
CLIENT_ENV = {"COLORTERM": {"truecolor", "24bit"},
              "TEXTUAL_COLOR_SYSTEM": {"standard", "256", "truecolor"}}
"""What a learner's ssh may set for their app (``ssh -o SetEnv=…``), and to which values;
``NO_COLOR`` too, with any value."""


@dataclass
class Settings:
    """How the server was started (see ``neuron-tui-serve --help``)."""

    data: Path
    host_key: Path
    host: str = "127.0.0.1"
    port: int = 2222
    authorized_keys: Path | None = None
    open: bool = False
    max_learners: int = MAX_LEARNERS
    idle_minutes: float = IDLE_MINUTES
    input_rate: int = INPUT_RATE
    login_timeout: float = LOGIN_SECONDS
    app_argv: list[str] = field(default_factory=lambda: [sys.executable, "-m", "tui"])


def now_text() -> str:
    """The local time, as the status file and learner cards write it."""
    return time.strftime("%Y-%m-%d %H:%M:%S")


class Classroom:
    """The seats (one per learner connected), and what every session shares."""

    def __init__(self, settings: Settings, log: logging.Logger) -> None:
        self.settings, self.log = settings, log
        self.places = Places(settings.data)
        self.seated: dict[str, LearnerSession] = {}
        self.connections = 0
        """Connections open now, logged in or not."""
        self.started = now_text()

    async def take_seat(self, session: LearnerSession) -> str | None:
        """Seat the session's learner, or say why not. A learner already seated elsewhere (a
        dropped connection not yet noticed, a second terminal) is closed first, so one app at
        a time writes their progress."""
        learner = session.learner
        assert learner is not None
        while learner.id in self.seated:
            old = self.seated[learner.id]
            self.log.info("%s connected again: closing their session from %s",
                          learner.label, old.where)
            await old.end("neuron-tui-serve: you connected again from elsewhere, so this "
                          "session is closed. Your place is kept.", "connected again")
        if len(self.seated) >= self.settings.max_learners:
            n = len(self.seated)
            return (f"the class is full ({n} {'learner is' if n == 1 else 'learners are'} "
                    "connected). Please try again in a few minutes.")
        try:
            self.places.welcome(learner, now_text())
        except OSError as error:
            self.log.error("cannot make the folder of %s: %s", learner.label, error)
            return "the server cannot keep your progress just now. Please tell your teacher."
        self.seated[learner.id] = session
        self.log.info("connected %s as %s (%d of %d)", session.describe(), learner.id,
                      len(self.seated), self.settings.max_learners)
        self.write_status()
        return None

    def leave(self, session: LearnerSession) -> None:
        """Free the session's seat (its app has exited)."""
        learner = session.learner
        if learner is None or self.seated.get(learner.id) is not session:
            return
        del self.seated[learner.id]
        minutes = (time.time() - session.since) / 60
        code = session.app.returncode if session.app else None
        self.log.info("left %s after %.1f min (app exit %s)%s", session.describe(), minutes, code,
                      f", {session.end_cause}" if session.end_cause else "")
        self.write_status()

    async def close_all(self, reason: str) -> None:
        """End every session (their apps keep their labs) and wait until all have exited."""
        sessions = list(self.seated.values())
        await asyncio.gather(*(s.end(reason, "server stopping") for s in sessions))

    def write_status(self, running: bool = True) -> None:
        """Write who is connected to server.json, for ``--status``."""
        status = {"pid": os.getpid() if running else None, "started": self.started,
                  "listening": f"{self.settings.host}:{self.settings.port}",
                  "max_learners": self.settings.max_learners, "connected": [
                      {"id": s.learner.id, "name": s.learner.name, "from": s.where,
                       "since": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(s.since))}
                      for s in self.seated.values() if s.learner is not None]}
        try:
            write_atomic(self.places.status_file, json.dumps(status, indent=1))
        except OSError as error:
            self.log.warning("cannot write %s: %s", self.places.status_file, error)

    def key_allowed(self, key, peer_host: str) -> bool:
        """Whether ``--authorized-keys`` (read afresh, so a teacher can add a key while the
        server runs) admits this asyncssh public key; any key does without that option."""
        path = self.settings.authorized_keys
        if path is None:
            return True
        import asyncssh

        try:
            keys = asyncssh.import_authorized_keys(
                read_small(path, MAX_AUTHORIZED_KEYS).decode("utf-8", "replace"))
        except (OSError, ValueError, asyncssh.KeyImportError) as error:
            self.log.error("cannot read %s: %s; refusing every key", path, error)
            return False
        return keys.validate(key, peer_host, peer_host) is not None

    def app_env(self, learner: Learner, term: str, client_env: dict[str, str]) -> dict[str, str]:
        """The environment of a learner's app: their folders, their terminal type, a few of
        the server's variables, and the colour choices their ssh sent."""
        env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
        env.setdefault("LANG", "C.UTF-8")
        home = self.places.home(learner)
        env.update(HOME=str(home), NEURON_TUI_CONFIG_DIR=str(self.places.config(learner)),
                   TERM=term)
        env[FILES_IN] = str(home)  # the file dialogs reach this folder only
        for name, value in client_env.items():
            if value in CLIENT_ENV.get(name, ()):
                env[name] = value
            elif name == "NO_COLOR" and value:
                env[name] = "1"
        return env

    def kept_lab_time(self, learner: Learner) -> int | None:
        """When the learner's kept lab was last written (None: there is none)."""
        try:
            return os.lstat(self.places.config(learner) / "last-lab.json").st_mtime_ns
        except OSError:
            return None

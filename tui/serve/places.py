"""Where the server keeps things: its host key, the learners' folders, its status and log.

::

    <config folder>/ssh_host_ed25519_key   the host key, made on first start (mode 600)
    <data folder>/server.json              who is connected now (for --status)
    <data folder>/connections.log          who came and went
    <data folder>/learners/<id>/           a learner's home and working folder
        learner.json                       their name, key, first and last visit
        config/                            their NEURON_TUI_CONFIG_DIR: progress, kept lab
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from tui.serve.identity import Learner
from tui.storage.files import write_atomic
from tui.storage.progress import config_dir

HOST_KEY_NAME = "ssh_host_ed25519_key"
MAX_HOST_KEY = 64 * 1024
"""Bytes a host key file may have (an OpenSSH RSA key of 16,384 bits has about 12,600)."""


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/neuron-tui-serve``, else ``~/.local/share/neuron-tui-serve``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "neuron-tui-serve"


def default_host_key() -> Path:
    """The host key's place in neuron-tui's config folder."""
    return config_dir() / HOST_KEY_NAME


class Places:
    """The server's files under its data folder ``data``."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.learners = data / "learners"
        self.status_file = data / "server.json"
        self.log_file = data / "connections.log"

    def make(self) -> None:
        """Create the data folder (private to the server's user) if it is not there."""
        self.learners.mkdir(parents=True, exist_ok=True)
        for folder in (self.data, self.learners):
            os.chmod(folder, 0o700)

    def home(self, learner: Learner) -> Path:
        """A learner's own folder: their home and working folder (sessions and exports)."""
        return self.learners / learner.id

    def config(self, learner: Learner) -> Path:
        """A learner's neuron-tui config folder (progress.json, last-lab.json)."""
        return self.home(learner) / "config"

    def welcome(self, learner: Learner, now: str) -> None:
        """Make a learner's folders on a first visit, and note the visit in learner.json."""
        self.config(learner).mkdir(parents=True, exist_ok=True)
        card = self.home(learner) / "learner.json"
        first = now  # unless a card (not spoilt) says when they first came
        with contextlib.suppress(OSError, ValueError, AttributeError, RecursionError):
            first = str(json.loads(read_small(card, 4096)).get("first_seen", now))[:40]
        write_atomic(card, json.dumps({"name": learner.name, "key": learner.key,
                                       "first_seen": first, "last_seen": now}))


def read_small(path: Path, limit: int, follow_links: bool = False) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; OSError if not,
    (without ever blocking on a FIFO or device, nor following a symbolic link unless told)."""
    no_follow = 0 if follow_links else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | no_follow)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise OSError(f"{path.name} is larger than {limit} bytes")
    return data


def load_or_make_host_key(path: Path):
    """The server's host key from ``path``; a new Ed25519 key written there (mode 600) if there
    is none. Returns an asyncssh key."""
    import asyncssh

    if path.exists():
        # read within a bound (asyncssh reads the whole file: --host-key /dev/zero filled
        # memory); the server's own setting, so a link to a key elsewhere is followed
        try:
            return asyncssh.import_private_key(read_small(path, MAX_HOST_KEY, follow_links=True))
        except OSError as error:
            raise OSError(f"the host key {path}: {error.strerror or error}") from error
        except ValueError as error:  # asyncssh.KeyImportError: not a key, or one with a passphrase
            raise ValueError(f"the host key {path}: {error}") from error
    key = asyncssh.generate_private_key("ssh-ed25519", comment="neuron-tui-serve")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.export_private_key())
    return key

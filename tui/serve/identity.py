"""Who a learner is: their public key, or (in ``--open`` mode) the name they ssh in as.

A learner's folder is named from that identity and nothing else they send, so no name a
client chooses can reach outside the server's data folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")
"""A name ``--open`` mode accepts: it becomes part of a folder name."""
NAME_RULE = "letters, digits, '.', '_' and '-', starting with a letter or digit, up to 32"


def printable(text: str, limit: int = 32) -> str:
    """``text`` safe to print on a terminal: control characters become ``?``; at most
    ``limit`` characters (``…`` marks a cut)."""
    safe = "".join(c if c.isprintable() else "?" for c in text[:limit + 1])
    return safe if len(safe) <= limit else safe[:limit - 1] + "…"


@dataclass(frozen=True)
class Learner:
    """One learner, as the server knows them.

    Attributes:
        id: the name of their folder: ``key-`` and their key's fingerprint, or ``name-`` and
            their name in ``--open`` mode.
        name: the user name they ssh in as (any text in key mode; shown, never used as a path).
        key: their public key's SHA256 fingerprint, or None in ``--open`` mode.
    """

    id: str
    name: str
    key: str | None = None

    @classmethod
    def from_key(cls, fingerprint: str, username: str) -> Learner:
        """A learner known by key: ``fingerprint`` is OpenSSH's ``SHA256:…`` form."""
        digest = fingerprint.removeprefix("SHA256:").rstrip("=")
        folder = digest.replace("+", "-").replace("/", "_")
        if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", folder):
            raise ValueError(f"not a SHA256 fingerprint: {fingerprint!r}")
        return cls(f"key-{folder}", printable(username), fingerprint)

    @classmethod
    def from_name(cls, username: str) -> Learner | None:
        """A learner known by name (``--open``), or None if the name cannot be a folder's."""
        if not OPEN_NAME.fullmatch(username):
            return None
        return cls(f"name-{username}", username)

    @property
    def label(self) -> str:
        """How the teacher sees them: the name, and the start of the key's fingerprint."""
        return f"{self.name} ({self.key[:19]}…)" if self.key else self.name

"""How much one learner may take: the class size, time without a key, and input per second."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LEARNERS = 30
IDLE_MINUTES = 30.0
INPUT_RATE = 4096
"""Bytes a second a learner's keys may arrive at, on average. Typing, key repeat and a moving
mouse stay well below it (a mouse report is about 12 bytes); a flood is slowed to it."""
INPUT_BURST = 32768
"""Bytes that may arrive at once before the rate applies (a pasted state string is ~230)."""
SSH_WINDOW = 65536
"""The SSH channel window the server offers: while a flooding client is held back it can have
at most this much in flight, so a pause bounds what arrives next."""
MAX_ENV_VARS = 32
"""Environment variables a session keeps from its client (ssh sends a handful: LANG, LC_*,
NO_COLOR, COLORTERM); any more are refused, as are names over 64 bytes or values over 1 KB."""
MAX_ENV_NAME, MAX_ENV_VALUE = 64, 1024
LOGIN_SECONDS = 20.0
"""A connection that has not logged in by then is closed."""
SPARE_CONNECTIONS = 16
"""Connections beyond the class size allowed at once (logging in, or being turned away)."""


@dataclass
class TokenBucket:
    """Allows ``rate`` bytes a second on average, and ``burst`` at once."""

    rate: float
    burst: float
    level: float | None = None
    last: float = 0.0

    def take(self, amount: int, now: float) -> float:
        """Count ``amount`` bytes arriving at ``now``; the seconds to wait before taking more."""
        if self.level is None:
            self.level, self.last = self.burst, now
        self.level = min(self.burst, self.level + (now - self.last) * self.rate) - amount
        self.last = now
        return 0.0 if self.level >= 0 else -self.level / self.rate

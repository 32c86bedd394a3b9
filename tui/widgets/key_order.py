"""Keys that move the focus, acted on at once when that keeps typed keys in order.

Textual hands a key to the focused widget's queue, and a binding acts only once the key has
bubbled back up from there. Keys typed quickly (over ssh one read holds them all) are all handed
over before that, so the keys behind one that moves the focus still go to the old widget: ``e``
and an answer typed right after it would land in the lab's field, ``tab`` and a lab key in the
exercise panel. A focus key is therefore a *priority* binding, acted on as it arrives, but only
while every key handed over before it has been dealt with (:meth:`KeyTracker.settled`);
otherwise it waits its turn behind them, and the screen's ``on_key`` acts on it there.
"""

from __future__ import annotations

import time
from collections import deque

from textual import events

STALE = 1.0
"""Seconds after which a key handed over counts as dealt with whatever became of it (a widget
removed with keys still in its queue never reports them)."""


class KeyTracker:
    """The keys the app has handed to a widget that are still on their way."""

    def __init__(self) -> None:
        self._waiting: deque[tuple[events.Key, float]] = deque()

    def handed_over(self, key: events.Key) -> None:
        """``key`` went into a widget's queue."""
        self._waiting.append((key, time.monotonic()))

    @staticmethod
    def came_back(key: events.Key) -> None:
        """``key`` bubbled all the way back to the app: no widget kept it."""
        key.came_back = True  # type: ignore[attr-defined]

    def settled(self) -> bool:
        """Whether every key handed over has been stopped by a widget or has come back."""
        now = time.monotonic()
        while self._waiting:
            key, sent = self._waiting[0]
            if not (key._stop_propagation or getattr(key, "came_back", False)
                    or now - sent > STALE):
                return False
            self._waiting.popleft()
        return True

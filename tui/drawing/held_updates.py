"""Holding the terminal still while a screen changes in several steps, then painting once.

A resize, a chapter switch or a change of mode makes several parts of the screen lay
themselves out one after another (a new size, plots redrawn for it, a style for the new
height), and each would send most of the screen again. Over ssh that is tens of kilobytes
per step. While updates are held, Textual lays out and draws as usual but nothing is
written; at the end the screen is painted once.

At start-up Textual's first full paint falls inside its own batch of mounting and is dropped,
so a partial update (the fields and plots that drew themselves) reached the empty terminal
first and the full paint came 20 ms after it: 6 KB of the first screen's 24 KB for nothing.
Partial updates are left out until a full paint has gone out.
"""

from __future__ import annotations

import time

from textual._compositor import LayoutUpdate
from textual.app import App
from textual.screen import Screen

SETTLE = 0.1
"""Seconds updates are held after a resize or a switch, so follow-on layout joins the paint."""
EXTRA_WAIT = 0.2
"""At most this much longer is a hold kept while widgets still have layout to do."""
MAX_HOLD = 2.0
"""No hold outlasts this: a display asked for later goes out, holds or not."""
FIRST_PAINT_WAIT = 0.2
"""Should no full paint follow a partial update left out at start-up, one is asked for then."""


class HeldUpdates(App[None]):
    """An App whose terminal output can be held back for a moment (a mixin base)."""

    _holding = 0
    _held_back = False
    _painted = False  # whether the whole screen has been sent to the terminal yet
    _paint_asked = False
    _hold_started = 0.0
    _ending_since: float | None = None

    def hold_updates(self, seconds: float = SETTLE) -> None:
        """Hold updates for ``seconds``, then paint the screen once if anything changed."""
        self.begin_hold()
        self.set_timer(seconds, self.end_hold)

    def begin_hold(self) -> None:
        """Hold updates until the matching :meth:`end_hold`."""
        if not self._holding:
            self._hold_started = time.monotonic()
        self._holding += 1

    def end_hold(self) -> None:
        """End one hold; when none is left, paint the screen if anything was held back."""
        if self._holding == 1 and self._may_wait_for_layout():
            self.set_timer(SETTLE / 2, self.end_hold)  # a pane is still laying out: wait for it
            return
        self._ending_since = None
        self._holding = max(self._holding - 1, 0)
        if not self._holding and self._held_back and self.screen_stack:
            self._held_back = False
            self._painted = True  # the repaint below covers the whole screen
            self.screen.refresh()

    def _may_wait_for_layout(self) -> bool:
        """Whether a widget still has a layout to do, and the hold may wait a little for it.

        A slow machine can take longer than SETTLE to lay the panes out; each would then be
        painted twice. The wait is short and bounded, so nothing ever looks frozen.
        """
        now = time.monotonic()
        if self._ending_since is None:
            self._ending_since = now
        if now - self._ending_since >= EXTRA_WAIT or self._held_too_long() or not self.screen_stack:
            return False
        return any(w._layout_required for w in self.screen.walk_children(with_self=True))

    def _held_too_long(self) -> bool:
        return time.monotonic() - self._hold_started > MAX_HOLD

    def _display(self, screen: Screen, renderable) -> None:  # noqa: ANN001 - Textual's own
        """Textual's output step, skipped while updates are held."""
        if self._holding and self._held_too_long():
            self._holding = 1  # whatever went wrong, the screen never stays frozen:
            self.end_hold()  # let go, and repaint it all if anything was held back
        if renderable is not None and self._holding:
            self._held_back = True
            self.post_display_hook()  # what Textual does after every display; tests wait on it
            return
        if renderable is not None and self._before_first_paint(renderable):
            self.post_display_hook()
            return
        dropped = bool(self._batch_count)  # Textual writes nothing inside a batch
        super()._display(screen, renderable)
        self._painted = self._painted or (isinstance(renderable, LayoutUpdate) and not dropped)

    def _before_first_paint(self, renderable: object) -> bool:
        """Whether ``renderable`` is a partial update with no full paint yet to lie on."""
        if self._painted or isinstance(renderable, LayoutUpdate):
            return False
        if not self._paint_asked:
            self._paint_asked = True
            self.set_timer(FIRST_PAINT_WAIT, self._paint_if_never_painted)
        return True

    def _paint_if_never_painted(self) -> None:
        if not self._painted and self.screen_stack:
            self._painted = True  # a refresh of the whole screen is a full paint
            self.screen.refresh()

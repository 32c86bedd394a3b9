"""One paint per change: the app's output is held while a change settles, then the pieces of
lines that differ from what the terminal shows go out in one write.

A key, a resize, a chapter switch or a screen opening or closing makes several parts of the
screen lay themselves out or draw one after another (a new size, plots redrawn for it, a style
for the focus that moved, a list scrolled to its highlight), and Textual writes each as it comes:
two or four paints for one key, each resending most of the screen. Over ssh that is tens of
kilobytes and as many frames. Here every update Textual makes is collected instead
(:class:`~tui.drawing.sent_screen.SentScreen`), and sent once the change has *settled*: no
message is waiting or being handled in the app or any widget of the screen, and no layout,
repaint or callback is due. Only pieces the terminal does not show already are sent, so a
change of layout that moves two lines sends two lines, and an update that changes nothing
sends nothing.

A change starts a hold with the start, a key (or a paste, a click), a resize (held at least
SETTLE, so the resizes of a window drag join one paint), a screen pushed, popped or switched, or
:meth:`begin_hold` (a chapter switch). A hold ends as soon as the screen has settled, not after
a fixed wait, and at the latest SETTLE_LIMIT later (not counting a stall of the event loop);
none outlasts MAX_HOLD.

Textual drops the updates it makes inside its own batches (at start-up, its first full paint);
they are collected like held ones and go out with the next write.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

from textual import events
from textual._compositor import CompositorUpdate
from textual._queue import Queue
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen

from tui.drawing.sent_screen import ChangedPieces, SentScreen

SETTLE = 0.1
"""Seconds a resize holds updates at least, so the resizes of a window drag join one paint."""
SETTLE_LIMIT = 1.0
"""A hold waits at most this long past its minimum for the screen to settle (something may keep
it from ever being idle); a screen that takes longer to build arrives in more than one paint."""
POLL = 0.005
"""Seconds between two looks at whether the screen has settled, when nothing else asks."""
AFTER_UPDATE = 0.001
"""Seconds between looks while the screen has a layout due, or once it has been laid out for a
hold: its widgets answer in a moment, and the layout or the hold's end comes at the first look
that finds them done."""
MAX_HOLD = 2.0
"""No hold outlasts this: a display asked for later goes out, holds or not."""
STALL = 0.05
"""A gap between two looks longer than this was a stall of the event loop (a loaded machine, a
long handler, a collection): time in which the screen could not settle, so it extends every
waiting hold's SETTLE_LIMIT."""

_QUEUE_GET = Queue.get.__code__


def _idle(pump: MessagePump, layout_due: bool = False) -> bool:
    """Whether ``pump`` has nothing to do: no message queued, no callback or layout due (unless
    ``layout_due`` allows one), and its task suspended where it waits for the next message (a
    handler that awaits something, or callbacks run after a message, leave the queue empty
    too)."""
    if (pump.message_queue_size or pump._next_callbacks
            or not layout_due and getattr(pump, "_layout_required", False)):
        return False
    task = pump._task
    if task is None or task.done():
        return True
    coro = task.get_coro()
    while coro is not None and hasattr(coro, "cr_code"):
        if coro.cr_code is _QUEUE_GET:
            return True
        coro = coro.cr_await
    return False


class HeldUpdates(App[None]):
    """An App whose terminal output is held while a change settles (a mixin base)."""

    _holding = 0
    _held_back = False
    _hold_started = 0.0
    _releases: list[tuple[float, float]] | None = None
    _release_handle: asyncio.TimerHandle | None = None
    _last_look = 0.0
    _updated = False
    """Whether a look has laid the screen out since the last hold ended (looks come sooner)."""
    _sent: SentScreen | None = None
    _sent_size: tuple[int, int] | None = None

    # -- holds ------------------------------------------------------------------------------

    def begin_hold(self) -> None:
        """Hold updates until the matching :meth:`end_hold`."""
        if not self._holding:
            self._hold_started = time.monotonic()
        self._holding += 1

    def end_hold(self) -> None:
        """End one hold; when none is left, draw what was left undrawn and send what was
        held back."""
        self._holding = max(self._holding - 1, 0)
        if not self._holding:
            self._draw_deferred()
        if not self._holding and self._held_back:
            self._send_held()

    def defers_drawing(self) -> bool:
        """Whether a screen should leave its drawing until the hold ends, or Textual's batch
        (see :class:`DrawsWhenSettled`)."""
        if self._holding:
            return not self._held_too_long()
        return bool(self._batch_count)

    def _end_batch(self) -> None:
        """Textual's; a screen that left its drawing for the end of the batch draws now,
        unless a hold keeps it for the hold's end.

        Textual writes nothing inside its batches (the app's start is one) but drew the screen
        all the same: the lab's first screen was drawn whole there, and again once its panes
        had laid themselves out and drawn their plots.
        """
        super()._end_batch()
        if not self._batch_count and not self._holding:
            self._draw_deferred()

    def _draw_deferred(self) -> None:
        """Draw the screen on show once, if it left drawing while held."""
        if not self.screen_stack:
            return
        screen = self.screen
        if isinstance(screen, DrawsWhenSettled) and screen.drawing_deferred:
            screen.drawing_deferred = False
            screen._compositor_refresh()

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Hold updates while the body runs and until the screen has settled after it."""
        self.begin_hold()
        try:
            yield
        finally:
            self.end_hold_when_settled()

    def hold_updates(self, seconds: float = SETTLE) -> None:
        """Hold updates for at least ``seconds`` and until the screen has settled."""
        self.begin_hold()
        self.end_hold_when_settled(seconds)

    def end_hold_when_settled(self, at_least: float = 0.0) -> None:
        """End a hold begun with :meth:`begin_hold` once the screen has settled (and
        ``at_least`` seconds have passed), or SETTLE_LIMIT later at the latest."""
        now = time.monotonic()
        not_before = now + at_least
        if not self._releases:
            self._releases = []
            self._last_look = now
        self._releases.append((not_before, not_before + SETTLE_LIMIT))
        self._ask_release(POLL)

    def _ask_release(self, delay: float) -> None:
        """Have :meth:`_release` run in ``delay`` seconds (or sooner, if it is due sooner)."""
        loop = asyncio.get_running_loop()
        when = loop.time() + delay
        handle = self._release_handle
        if handle is not None and not handle.cancelled() and handle.when() <= when:
            return
        if handle is not None:
            handle.cancel()
        self._release_handle = loop.call_at(when, self._release)

    def _release(self) -> None:
        """End every hold whose time has come, send what nothing holds back any more, and
        look again later while any hold is left."""
        self._release_handle = None
        now, settled, soon = time.monotonic(), None, False
        self._extend_over_stall(now)
        for release in list(self._releases or ()):
            not_before, limit = release
            if now < not_before:
                continue
            if now < limit and settled is None:
                try:
                    updated = self._update_if_only_that_is_due()
                    self._updated = self._updated or updated
                    soon = self._updated or self._update_due()
                    settled = not updated and self._settled()
                except Exception:  # noqa: BLE001 - a Textual that changed its insides:
                    settled = True  # never stay held
            if now >= limit or settled:
                self._releases.remove(release)
                self.end_hold()
        if not self._holding and self._held_back:
            self._send_held()  # what Textual made inside its own batch
        if self._releases:
            self._ask_release(AFTER_UPDATE if soon else POLL)
        else:
            self._updated = False

    def _extend_over_stall(self, now: float) -> None:
        """Push every waiting hold's limit back by the time the event loop was stalled since
        the last look: the limit is for a screen that keeps busy, and a stalled loop let it do
        nothing (at load 8 on two cores, a hold ended at its first look after a 1.1 s stall,
        before the layout of the answer it held, which then went out in three paints)."""
        gap, self._last_look = now - self._last_look, now
        if gap > STALL and self._releases:
            self._releases = [(not_before, limit + gap) for not_before, limit in self._releases]

    def _settled(self) -> bool:
        """Whether the screen has nothing left to do that could change what it shows: the app
        and every widget of the screen wait for their next message, the app has no resize to
        pass on, and the screen has no layout, repaint or callback due.

        Checked from the event loop between tasks, never from a message handler.
        """
        if self._resize_event is not None or not _idle(self):
            return False  # (the app passes a resize on once it is idle)
        if not self.screen_stack:
            return True
        screen = self.screen
        if screen._recompose_required or screen._callbacks or self._update_due():
            return False
        return all(_idle(pump) for pump in screen.walk_children(with_self=True))

    def _update_if_only_that_is_due(self) -> bool:
        """Lay out (or repaint) the screen now, and say so, if that is all that is left to do.

        Textual does it on the next tick of the screen's 60 Hz timer, up to 17 ms later, and
        a first screen or a key waited for it doing nothing. While the app holds its output,
        with everything else idle, there is nothing an update could wait to be done with.
        """
        if (self._resize_event is not None or self._batch_count or not self._update_due()
                or not _idle(self)):
            return False
        screen = self.screen
        if (screen._recompose_required or not _idle(screen, layout_due=True)
                or not all(_idle(pump) for pump in screen.walk_children())):
            return False
        screen._on_timer_update()  # then the callbacks waiting for it, as the timer does
        return True

    def _update_due(self) -> bool:
        """Whether the screen has a layout or repaint due (other than drawing left for the end
        of the hold)."""
        if not self.screen_stack:
            return False
        screen = self.screen
        return bool(screen._layout_required or screen._scroll_required
                    or screen._repaint_required
                    or screen._dirty_widgets and not getattr(screen, "drawing_deferred", False))

    def _held_too_long(self) -> bool:
        return time.monotonic() - self._hold_started > MAX_HOLD

    # -- what starts a hold ------------------------------------------------------------------

    def _on_mount(self) -> None:
        """The first screen is a change too: it goes out once it has settled, as one paint
        (the lab's plots draw themselves after the first layout, 4 KB more)."""
        self.hold_updates(0.0)

    async def on_event(self, event: events.Event) -> None:
        """A key, a paste or a click is one change: what it does reaches the terminal as one
        paint. (An event that comes back to the app from a widget started no new change.)"""
        if (isinstance(event, (events.Key, events.Paste, events.MouseDown, events.MouseUp))
                and not event.is_forwarded):
            self.hold_updates(0.0)
        await super().on_event(event)

    def push_screen(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - Textual's own
        """Textual's, held until the new screen has settled, so it arrives as one paint (the
        contents used to come in four: the screen, its list, the highlight, the focus)."""
        self.hold_updates(0.0)
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):  # noqa: ANN201 - Textual's own
        """Textual's, held until the screen below has settled (one paint, not two)."""
        self.hold_updates(0.0)
        return super().pop_screen()

    def switch_screen(self, screen):  # noqa: ANN001, ANN201 - Textual's own
        """Textual's, held until the new screen has settled."""
        self.hold_updates(0.0)
        return super().switch_screen(screen)

    # -- output ------------------------------------------------------------------------------

    def _display(self, screen: Screen, renderable) -> None:  # noqa: ANN001 - Textual's own
        """Textual's output step: every update is collected, and sent when nothing holds it.
        What cannot be collected (headless, inline, not a screen update) goes Textual's way."""
        if renderable is None or not self._collect(renderable):
            super()._display(screen, renderable)
            return
        self._held_back = True
        if self._holding and self._held_too_long():
            self._holding = 0  # whatever went wrong, the screen never stays frozen
        if self._holding or self._batch_count:
            # Just after this update the change may have settled (or Textual's batch ended):
            # look then.
            self._ask_release(0)
            self.post_display_hook()  # what Textual does after every display
            return
        self._send_held()

    def _collect(self, update: object) -> bool:
        """Add ``update``'s pieces to those waiting; False if it cannot be (nothing is
        written here, or it is not a screen update)."""
        if not (isinstance(update, CompositorUpdate) and self._running and not self._closed
                and not self.is_headless and self._driver is not None
                and not self._driver.is_inline):
            return False
        if self._sent is None:
            self._sent = SentScreen()
            self.app_resume_signal.subscribe(self, lambda _app: self._sent.forget())
        size = (self.size.width, self.size.height)
        if size != self._sent_size:  # a terminal may rewrap or clear its lines on a resize
            self._sent.forget()
            self._sent.drop_waiting()
            self._sent_size = size
        return self._sent.keep(update, self.console)

    def _send_held(self) -> None:
        """Send the pieces waiting that the terminal does not show yet, as one paint."""
        if self._batch_count:
            self._ask_release(POLL)  # Textual would write nothing now
            return
        self._held_back = False
        if self._sent is None or not self._sent.waiting or not self.screen_stack:
            return
        sequence = self._sent.take()
        if sequence:
            super()._display(self.screen, ChangedPieces(sequence))


class DrawsWhenSettled(Screen):
    """A screen that, while the app holds its output (or Textual batches it), lays itself out
    as usual but draws only once, when the hold (or the batch) ends (a mixin base for the
    app's screens).

    Holding the output made one paint of a change, but Textual still drew the screen each time
    a part of it changed: a chapter switch drew it four times (two of them whole) and an
    answer seven, for one write. What is left undrawn is remembered in the compositor's dirty
    regions, and drawn in one go.
    """

    drawing_deferred = False
    """Whether drawing was left for the end of the hold or the batch."""

    def _compositor_refresh(self) -> None:
        app = self.app
        if self is app.screen and isinstance(app, HeldUpdates) and app.defers_drawing():
            self.drawing_deferred = True
            self._compositor.update_widgets(self._dirty_widgets)  # their regions, kept
            self._dirty_widgets.clear()  # else Textual's idle handler asks again and again
            app._ask_release(0)  # the change may have settled just after this: look then
            return
        self.drawing_deferred = False
        self._compositor.update_widgets(self._dirty_widgets)  # marked since the last look
        super()._compositor_refresh()

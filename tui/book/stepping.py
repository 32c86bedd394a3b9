"""Step, run, undo and reset for a lab whose state is a tuple of training states."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from textual.binding import Binding
from textual.timer import Timer

from tui.book.lab_base import ChapterLab

S = TypeVar("S")

RUN_HZ = 25
"""Steps per second while running, in the lab and the chapters; a tick that finds the last
still being drawn is skipped rather than queued."""

STEPPING_BINDINGS = [
    Binding("s", "step", "Step"),
    Binding("r", "run", "Run/pause"),
    Binding("u", "undo", "Undo"),
    Binding("R", "reset", "Reset", show=False),
]


class SteppingLab(ChapterLab, Generic[S]):
    """A lab with a history of snapshots; subclasses give ``start``, ``advance`` and ``draw``."""

    def __init__(self) -> None:
        super().__init__()
        self.history: list[S] = [self.start()]
        self._timer: Timer | None = None

    @property
    def current(self) -> S:
        """The newest snapshot."""
        return self.history[-1]

    def start(self) -> S:
        """The snapshot a reset returns to."""
        raise TypeError("subclasses define start()")

    def advance(self, snap: S) -> S | None:
        """The snapshot one step later, or None when stepping must stop (it diverged)."""
        raise TypeError("subclasses define advance()")

    def draw(self) -> None:
        """Show the current snapshot."""
        raise TypeError("subclasses define draw()")

    def push(self, snap: S) -> None:
        """Make ``snap`` current (undo-able) and show it."""
        self.history.append(snap)
        del self.history[:-2000]
        self.draw()
        self.changed()

    def action_step(self) -> None:
        """One step."""
        nxt = self.advance(self.current)
        if nxt is None:
            running = self.running
            self._stop()
            self.app.bell()
            if running:  # a run that stops itself must stop saying it runs
                self.draw()
            return
        self.push(nxt)

    def action_run(self) -> None:
        """Step RUN_HZ (25) times a second, or pause."""
        if self._timer is not None:
            self._stop()
        else:
            self._timer = self.set_interval(1 / RUN_HZ, self._tick)
        self.draw()

    def _tick(self) -> None:
        if self._timer is not None:  # a tick on its way when the run was paused does nothing
            self.action_step()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def running(self) -> bool:
        """Whether it is stepping by itself."""
        return self._timer is not None

    def action_undo(self) -> None:
        """Back one step."""
        self._stop()
        if len(self.history) > 1:
            self.history.pop()
            self.draw()
            self.changed()

    def action_reset(self) -> None:
        """Back to the start (undo returns)."""
        self._stop()
        self.push(self.start())

    def restart_from(self, factory: Callable[[], S]) -> None:
        """Push a new starting snapshot made by ``factory``."""
        self._stop()
        self.push(factory())

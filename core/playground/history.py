"""The playground's undo history and the loss curves it draws."""

from __future__ import annotations

from core.playground.state import PlayState

UNDO_LIMIT = 2000
"""How many changes can be undone; older states are dropped, their curve points stay."""


class PlayHistory:
    """Every state reached, newest last; undo returns to the very state before.

    The curves keep one point (epoch, training and test loss, training and test accuracy) per
    state; a state at epoch 0 (a new network) starts a new run of them.
    """

    def __init__(self, first: PlayState, limit: int = UNDO_LIMIT) -> None:
        self._states = [first]
        self._limit = max(1, limit)
        self._points = [_point(first)]
        self._run_starts = [0]

    @classmethod
    def of(cls, states: list[PlayState], limit: int = UNDO_LIMIT) -> PlayHistory:
        """A history that reached ``states`` in order (a restored session)."""
        history = cls(states[0], limit)
        for state in states[1:]:
            history.push(state)
        return history

    @property
    def current(self) -> PlayState:
        """The newest state."""
        return self._states[-1]

    @property
    def states(self) -> tuple[PlayState, ...]:
        """Every state undo can still reach, oldest first."""
        return tuple(self._states)

    @property
    def can_undo(self) -> bool:
        """Whether there is an earlier state to return to."""
        return len(self._states) > 1

    def __len__(self) -> int:
        return len(self._states)

    def push(self, state: PlayState) -> PlayState:
        """Make ``state`` the current one and return it."""
        self._states.append(state)
        self._points.append(_point(state))
        if state.epoch == 0:
            self._run_starts.append(len(self._points) - 1)
        if len(self._states) > self._limit:
            del self._states[0]
        return state

    def undo(self) -> PlayState:
        """Drop the newest state and return the one before (the same one if none)."""
        if self.can_undo:
            self._states.pop()
            self._points.pop()
            if self._run_starts[-1] >= len(self._points):
                self._run_starts.pop()
        return self.current

    def curve(self) -> list[tuple[int, float, float, float, float]]:
        """The current run: (epoch, training loss, test loss, training accuracy, test
        accuracy) for each state in it (accuracy nan for a number to fit)."""
        return self._points[self._run_starts[-1]:]


def _point(state: PlayState) -> tuple[int, float, float, float, float]:
    return (state.epoch, state.train_loss, state.test_loss, state.accuracy("train"),
            state.accuracy("test"))

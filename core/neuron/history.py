"""A rewindable history of training states, and the cost curve it draws."""

from __future__ import annotations

from dataclasses import replace

from core.neuron.train import TrainState

UNDO_LIMIT = 2000
"""How many changes can be undone; older states are dropped, their cost points stay."""
LARGE_BATCH = 1000
"""Past this many examples, a superseded state lets go of its step record (z, a and δ for
every example), so 2,000 undo levels on a 100,000-row dataset cost kilobytes, not gigabytes.
The record only serves to show the step just taken, which undo never does."""


class History:
    """Every state the user reached, newest last, so any change can be undone exactly.

    States are immutable, so undo returns to the very object that was current before (for a
    batch of more than :data:`LARGE_BATCH` examples, a copy without its step record). The cost
    curve keeps one point (steps, cost) per state; a state with zero steps (a reset or a new
    dataset) starts a new run of the curve.
    """

    def __init__(self, first: TrainState, limit: int = UNDO_LIMIT) -> None:
        self._states: list[TrainState] = [first]
        self._limit = max(1, limit)
        self._steps: list[int] = [first.steps]
        self._costs: list[float] = [first.cost]
        self._run_starts: list[int] = [0]

    @property
    def current(self) -> TrainState:
        """The newest state."""
        return self._states[-1]

    @property
    def can_undo(self) -> bool:
        """Whether there is an earlier state to return to."""
        return len(self._states) > 1

    def __len__(self) -> int:
        return len(self._states)

    @property
    def states(self) -> tuple[TrainState, ...]:
        """Every state still reachable by undo, oldest first, the current one last."""
        return tuple(self._states)

    @classmethod
    def of(cls, states: list[TrainState], limit: int = UNDO_LIMIT) -> History:
        """A history that reached ``states`` in order (a restored session)."""
        history = cls(states[0], limit)
        for state in states[1:]:
            history.push(state)
        return history

    def push(self, state: TrainState) -> TrainState:
        """Make ``state`` the current one and return it."""
        previous = self._states[-1]
        if previous.last is not None and previous.last.z.size > LARGE_BATCH:
            self._states[-1] = replace(previous, last=None)
        self._states.append(state)
        self._steps.append(state.steps)
        self._costs.append(state.cost)
        if state.steps == 0:
            self._run_starts.append(len(self._costs) - 1)
        if len(self._states) > self._limit:
            del self._states[0]
        return state

    def amend(self, state: TrainState) -> TrainState:
        """Replace the newest state without adding an undo level (for moving between examples)."""
        self._states[-1] = state
        self._costs[-1] = state.cost
        return state

    def undo(self) -> TrainState:
        """Drop the newest state and return the one before (the same one if there is none)."""
        if self.can_undo:
            self._states.pop()
            self._steps.pop()
            self._costs.pop()
            if self._run_starts[-1] >= len(self._costs):
                self._run_starts.pop()
        return self.current

    def curve(self) -> tuple[list[int], list[float]]:
        """The current run of the cost curve: step numbers and whole-dataset costs."""
        start = self._run_starts[-1]
        return self._steps[start:], self._costs[start:]

"""What the lab shows at one moment: the state, the step about to be taken, and the phase."""

from __future__ import annotations

from dataclasses import dataclass

from core.neuron.train import StepRecord, TrainState

PHASES = ("", "forward", "cost", "backward", "update")
"""Phase names by number; 0 means phase mode is off and everything is shown at once."""

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sub(i: int) -> str:
    """Subscript digits for index i (1-based in display), e.g. sub(2) == "₂"."""
    return str(i).translate(SUBSCRIPTS)


def param_names(n_inputs: int) -> list[str]:
    """Display names of the parameters: w₁ … w_d, b."""
    return [f"w{sub(i + 1)}" for i in range(n_inputs)] + ["b"]


@dataclass(frozen=True, eq=False)
class LabView:
    """A snapshot for the panes to draw.

    Attributes:
        state: the current training state.
        plan: the next step, computed but not yet taken.
        phase: 0 when phase mode is off; 1–3 while stepping through forward, cost and backward
            of ``plan``; 4 right after the update, when ``state.last`` is the step just taken.
        show_derivative: whether the activation plot draws f′(z) too.
        running: whether continuous stepping is on.
    """

    state: TrainState
    plan: StepRecord
    phase: int = 0
    show_derivative: bool = True
    running: bool = False

    @property
    def record(self) -> StepRecord:
        """The step the training pane writes out: the one just taken in phase 4, else the next."""
        if self.phase == 4 and self.state.last is not None:
            return self.state.last
        return self.plan

    def shows(self, phase: int) -> bool:
        """Whether a part belonging to ``phase`` is visible (always, outside phase mode)."""
        return self.phase == 0 or self.phase >= phase

    def highlights(self, phase: int) -> bool:
        """Whether a part belonging to ``phase`` is the one being explained right now."""
        return self.phase == phase

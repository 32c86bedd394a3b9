"""Predict, then check: a question about the live lab, answered with a digit key.

The right answer is never stored. ``check`` asks the core what actually happens to the lab's
current numbers, so the verdict holds for whatever the reader has set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from tui.drawing.palette import Palette


@dataclass(frozen=True)
class Verdict:
    """The index of the right option and the reason, with the real numbers."""

    answer: int
    why: str


@dataclass(frozen=True)
class Exercise:
    """One question.

    Attributes:
        id: stable key for the progress file.
        prompt: the question, written from the lab's current numbers.
        options: the choices, answered with keys 1, 2, 3.
        check: what really happens, computed by the core from the lab.
    """

    id: str
    prompt: Callable[[Any], str]
    options: tuple[str, ...]
    check: Callable[[Any], Verdict]


def direction(before: float, after: float, tol: float = 1e-12) -> int:
    """0 if ``after`` is larger than ``before``, 1 if smaller, 2 if (nearly) equal."""
    if after - before > tol * max(1.0, abs(before)):
        return 0
    if before - after > tol * max(1.0, abs(before)):
        return 1
    return 2


UP_DOWN_SAME = ("goes up", "goes down", "stays the same")

OPTION_GAP = "   "
"""What separates two options on a row."""


def option_rows(options: tuple[str, ...], width: int) -> str:
    """The numbered options, as many to a row as fit in ``width`` cells, never one broken
    across rows while it fits a row of its own (``3 stays`` / ``the same`` read as two)."""
    rows: list[str] = []
    for i, option in enumerate(options):
        item = f"{i + 1} {option}"
        joined = f"{rows[-1]}{OPTION_GAP}{item}" if rows else item
        if rows and (width <= 0 or cell_len(joined) <= width):
            rows[-1] = joined
        else:
            rows.append(item)
    return "\n".join(rows)


class ExercisePanel(Static, can_focus=True):
    """Shows the chapter's exercises one at a time; 1/2/3 answer, n moves to the next."""

    DEFAULT_CSS = """
    ExercisePanel { height: auto; max-height: 12; padding: 0 1; border-top: solid $accent 50%; }
    ExercisePanel:focus { border-top: solid $accent; background: $accent 10%; }
    """

    BINDINGS = [
        Binding("1", "answer(0)", "Answer 1", show=False),
        Binding("2", "answer(1)", "Answer 2", show=False),
        Binding("3", "answer(2)", "Answer 3", show=False),
        Binding("n", "next", "Next exercise", show=False),
    ]

    class Answered(Message):
        """The reader answered; ``correct`` says whether the core agreed."""

        def __init__(self, exercise: Exercise, correct: bool) -> None:
            super().__init__()
            self.exercise = exercise
            self.correct = correct

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.exercises: list[Exercise] = []
        self.index = 0
        self.lab: Any = None
        self.result: Text | None = None
        self._shown: Text | str = ""

    def load(self, exercises: list[Exercise], lab: Any) -> None:
        """Show ``exercises`` about ``lab``, from the first."""
        self.exercises, self.lab, self.index, self.result = exercises, lab, 0, None
        self.refresh_text()

    def lab_changed(self) -> None:
        """The lab moved: re-read the question, and drop a verdict about the old numbers."""
        self.result = None
        self.refresh_text()

    @property
    def current(self) -> Exercise | None:
        """The exercise on show."""
        return self.exercises[self.index] if self.exercises else None

    def refresh_text(self) -> None:
        """Redraw the question, the options and any verdict."""
        ex = self.current
        if ex is None or self.lab is None:
            self._show("")
            return
        text = Text()
        hint = "e to answer" if not self.has_focus else "1/2/3 answer · n next · tab leave"
        text.append(f"Exercise {self.index + 1} of {len(self.exercises)} ({hint})\n", "bold")
        text.append(ex.prompt(self.lab) + "\n")
        text.append(option_rows(ex.options, self.content_size.width))
        if self.result is not None:
            text.append("\n")
            text.append_text(self.result)
        self._show(text)

    def _show(self, text: Text | str) -> None:
        # Most lab changes leave the question as it was, and an update lays out the whole
        # screen again (the panel's height may change), so an unchanged text is not re-sent.
        if text != self._shown:
            self._shown = text
            self.update(text)

    def on_resize(self) -> None:
        """Lay the options out again for the new width."""
        self.refresh_text()

    def on_focus(self) -> None:
        """Show the answering keys."""
        self.refresh_text()

    def on_blur(self) -> None:
        """Back to the short hint."""
        self.refresh_text()

    def action_answer(self, choice: int) -> None:
        """Check ``choice`` against what the core computes for the lab right now."""
        ex = self.current
        if ex is None or choice >= len(ex.options):
            self.app.bell()
            return
        verdict = ex.check(self.lab)
        correct = verdict.answer == choice
        mark = "✓ Right. " if correct else f"✗ Not quite: the answer is “{ex.options[verdict.answer]}”. "
        palette = Palette.from_app(self.app)
        self.result = Text(mark + verdict.why,
                           style=(palette.good if correct else palette.bad).style)
        self.refresh_text()
        self.post_message(self.Answered(ex, correct))

    def action_next(self) -> None:
        """Move to the next exercise (wrapping round)."""
        if self.exercises:
            self.index = (self.index + 1) % len(self.exercises)
            self.result = None
            self.refresh_text()

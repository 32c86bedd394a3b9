"""Exercises about the live lab: what a chapter lists, and how an answer is judged.

A chapter's ``exercises.py`` defines ``EXERCISES``, a tuple of the four kinds below, shown one at
a time under the lab by :class:`~tui.book.exercise_panel.ExercisePanel`. No answer is stored:
each is worked out by the core from the lab exactly as it is on screen, so the learner can change
the lab and be asked again. Every callable takes the chapter's lab widget and only reads its
public attributes (so the tests can build a lab without running the app and set it to any state).

``NumberExercise`` — a number the learner works out from the lab and types.
    ``prompt(lab)`` asks, quoting the live numbers needed; ``solve(lab)`` returns a
    :class:`Solution`: the core's value and the working. ``tolerance`` is :class:`Places`
    ("to 2 decimal places"), :class:`Figures` ("to 3 significant figures", relative, for
    answers whose size varies) or :class:`Whole` (a count, "as a whole number"); the panel
    appends its description to the prompt, so the question always states it, and
    :meth:`Places.accepts` checks exactly what it states.
``ChoiceExercise`` — a prediction picked with a digit, whose right option depends on the lab:
    ``check(lab)`` returns a :class:`Verdict`: the right option's index and the working.
``ConceptCheck`` — a multiple choice whose answer does not depend on the lab; the panel labels
    it "concept check", so it never poses as a question about the numbers on screen.
``Challenge`` — a goal the learner reaches by working the lab: ``score(lab)`` returns a
    :class:`Score` (met or not, and the current numbers). The panel shows it live while the lab
    changes and records the challenge as solved the moment it is met.

The working is a tuple of steps, one line each, written with the live numbers the way the lab's
Arithmetic pane writes them (``fmt``, ``fmt_factor``). Every equation a step prints must hold with
the digits it prints (the tests evaluate them), and the first step is the hint the ``h`` key
shows, so it sets the calculation up without giving the answer away. Keep lines short: the panel
is about 42 columns wide at 80×24 and wraps longer lines at spaces.

Example (chapter 1)::

    def _solve(lab):
        z = ...  # from the core
        return Solution(z, (f"z = {terms}", f"  = {fmt(z)}"))

    NumberExercise("double-x1", lambda lab: f"What would z be with x₁ = {fmt(2 * lab.x[0])}?",
                   _solve, Places(2))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Union

from tui.values.numbers import MINUS, fmt_sig, round_half_up

Working = tuple[str, ...]
"""Steps of a calculation, one line each; the first is the hint."""

SLACK = 1e-9
"""Relative room a tolerance's margin gets for the binary rounding of the numbers compared."""


@dataclass(frozen=True)
class Places:
    """Right to ``places`` decimal places: within half a unit of the last place."""

    places: int

    def describe(self) -> str:
        """The tolerance as the question states it."""
        return f"to {self.places} decimal place{'s' if self.places != 1 else ''}"

    def margin(self, true: float) -> float:
        """How far a typed answer may lie from the true value."""
        return 0.5 * 10.0 ** -self.places

    def accepts(self, typed: float, true: float) -> bool:
        """Whether ``typed`` is ``true`` to the stated places."""
        return abs(typed - true) <= self.margin(true) * (1 + SLACK)

    def rounded(self, true: float) -> str:
        """The answer as the learner would type it."""
        return _minus(f"{round_half_up(true, self.places):f}")


@dataclass(frozen=True)
class Figures:
    """Right to ``figures`` significant figures: a relative check, for answers of any size."""

    figures: int

    def describe(self) -> str:
        """The tolerance as the question states it."""
        return f"to {self.figures} significant figure{'s' if self.figures != 1 else ''}"

    def margin(self, true: float) -> float:
        """Half a unit in the last significant place of ``true`` (0 for an answer of 0)."""
        if true == 0 or not math.isfinite(true):
            return 0.0
        return 0.5 * 10.0 ** (math.floor(math.log10(abs(true))) - self.figures + 1)

    def accepts(self, typed: float, true: float) -> bool:
        """Whether ``typed`` is ``true`` to the stated significant figures."""
        return abs(typed - true) <= self.margin(true) * (1 + SLACK)

    def rounded(self, true: float) -> str:
        """The answer as the learner would type it, e.g. 0.0454 or 4.54e−05."""
        return fmt_sig(true, self.figures)


@dataclass(frozen=True)
class Whole:
    """A count, right only as the whole number itself: 40.53 steps is no count, even where it
    would round to the right one."""

    def describe(self) -> str:
        """The tolerance as the question states it."""
        return "as a whole number"

    def margin(self, true: float) -> float:
        """No room: the count or not."""
        return 0.0

    def accepts(self, typed: float, true: float) -> bool:
        """Whether ``typed`` is the count ``true``."""
        return typed == true

    def rounded(self, true: float) -> str:
        """The count as the learner would type it."""
        return f"{true:.0f}"


Tolerance = Union[Places, Figures, Whole]


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


@dataclass(frozen=True)
class Solution:
    """The core's answer to a number exercise and the working that gets there."""

    value: float
    working: Working


@dataclass(frozen=True)
class Verdict:
    """The right option of a choice (its index) and the working that decides it."""

    answer: int
    working: Working


@dataclass(frozen=True)
class Score:
    """Where a challenge stands: whether its goal is met, and the numbers that say so."""

    met: bool
    lines: Working


@dataclass(frozen=True)
class NumberExercise:
    """Work a number out from the lab and type it; judged against ``solve`` within ``tolerance``.

    Attributes:
        id: stable key for the progress file.
        prompt: the question, quoting the lab's live numbers (the tolerance is added after it).
        solve: the core's answer and its working.
        tolerance: how close a typed answer must be, as the question states it.
    """

    id: str
    prompt: Callable[[Any], str]
    solve: Callable[[Any], Solution]
    tolerance: Tolerance

    def judge(self, lab: Any, typed: float) -> tuple[bool, Solution]:
        """Whether ``typed`` is right for the lab as it is, and the solution it was judged by."""
        solution = self.solve(lab)
        return self.tolerance.accepts(typed, solution.value), solution

    def hint(self, lab: Any) -> str:
        """The first step of the working."""
        return self.solve(lab).working[0]


@dataclass(frozen=True)
class ChoiceExercise:
    """Predict what the lab will do, picked with a digit; ``check`` computes the right option.

    Attributes:
        id: stable key for the progress file.
        prompt: the question, quoting the lab's live numbers.
        options: two to four short choices, answered with keys 1 to 4.
        check: the right option and the working, from the lab as it is.
    """

    id: str
    prompt: Callable[[Any], str]
    options: tuple[str, ...]
    check: Callable[[Any], Verdict]

    def hint(self, lab: Any) -> str:
        """The first step of the working."""
        return self.check(lab).working[0]


@dataclass(frozen=True)
class ConceptCheck:
    """A multiple choice about an idea, the same whatever the lab shows (and labelled so).

    Attributes:
        id: stable key for the progress file.
        question: the question.
        options: two to four short choices, answered with keys 1 to 4.
        answer: the index of the right option.
        working: why, step by step; the first step is the hint.
    """

    id: str
    question: str
    options: tuple[str, ...]
    answer: int
    working: Working

    def prompt(self, lab: Any) -> str:
        """The question (the lab does not enter it)."""
        return self.question

    def check(self, lab: Any) -> Verdict:
        """The fixed answer."""
        return Verdict(self.answer, self.working)

    def hint(self, lab: Any) -> str:
        """The first step of the working."""
        return self.working[0]


@dataclass(frozen=True)
class Challenge:
    """A goal reached by working the lab, scored live; solved the moment ``score`` says met.

    Attributes:
        id: stable key for the progress file.
        goal: what to reach, with the target numbers.
        score: whether the lab meets the goal now, and the numbers that say so.
        tip: a first idea of how to go about it (the ``h`` key).
    """

    id: str
    goal: Callable[[Any], str]
    score: Callable[[Any], Score]
    tip: str

    def prompt(self, lab: Any) -> str:
        """The goal."""
        return self.goal(lab)

    def hint(self, lab: Any) -> str:
        """The tip."""
        return self.tip


Choice = Union[ChoiceExercise, ConceptCheck]
Item = Union[NumberExercise, ChoiceExercise, ConceptCheck, Challenge]
"""Anything a chapter's ``EXERCISES`` may hold."""


def kind(item: Item) -> str:
    """How the panel names the item's kind."""
    if isinstance(item, NumberExercise):
        return "type the number"
    if isinstance(item, ConceptCheck):
        return "concept check"
    if isinstance(item, Challenge):
        return "challenge"
    return "predict"


UP_DOWN_SAME = ("goes up", "goes down", "stays the same")
"""Options for a prediction about the direction a number moves."""


def direction(before: float, after: float, tol: float = 1e-12) -> int:
    """0 if ``after`` is larger than ``before``, 1 if smaller, 2 if (nearly) equal."""
    if after - before > tol * max(1.0, abs(before)):
        return 0
    if before - after > tol * max(1.0, abs(before)):
        return 1
    return 2

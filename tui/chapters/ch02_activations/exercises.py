"""Chapter 2 exercises (activation functions): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.book.exercise import Exercise, Verdict
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch02_activations.lab import ActivationLab


SATURATED_SLOPE = 0.001
"""Below this slope a neuron counts as saturated (leaky ReLU's 0.01 is well clear of it)."""


def _steeper(lab: ActivationLab) -> Verdict:
    s, t = lab.slope("sigmoid"), lab.slope("tanh")
    answer = 2 if abs(s - t) < 1e-12 else (0 if s > t else 1)
    return Verdict(answer, f"at z = {fmt(lab.z)}, σ′(z) = {fmt(s)} and tanh′(z) = {fmt(t)}.")


def _saturated(lab: ActivationLab) -> Verdict:
    slope = lab.slope(lab.activation.name)
    flat = slope < SATURATED_SLOPE
    why = (f"{lab.activation.title}′({fmt(lab.z)}) = {fmt(slope)}"
           + (", so a change in z barely changes a and the gradient through it nearly vanishes."
              if flat else ", enough for a gradient to pass through."))
    return Verdict(0 if flat else 1, why)


EXERCISES = (
    Exercise("steeper", lambda lab: f"At z = {fmt(lab.z)}, which is steeper?",
             ("sigmoid", "tanh", "equally steep"), _steeper),
    Exercise("saturated", lambda lab: f"At z = {fmt(lab.z)}, is {lab.activation.title} saturated "
             f"(slope below {SATURATED_SLOPE})?", ("yes", "no"), _saturated),
)

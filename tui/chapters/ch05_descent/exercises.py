"""Chapter 5 exercises (gradient descent): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.neuron.train import plan_step, step
from tui.book.exercise import Exercise, Verdict
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch05_descent.lab import DescentLab


def _lower(lab: DescentLab) -> Verdict:
    cur = lab.current
    after = step(cur)
    lower = after.cost < cur.cost
    why = (f"with η = {fmt(cur.lr)} the cost goes from {fmt(cur.cost)} to {fmt(after.cost)}"
           + ("." if lower else ": the step overshoots the valley."))
    return Verdict(0 if lower else 1, why)


def _which_way(lab: DescentLab) -> Verdict:
    plan = plan_step(lab.current)
    move = float(plan.new.w[0] - plan.old.w[0])
    answer = 0 if move > 0 else (1 if move < 0 else 2)
    why = (f"∂C/∂w = {fmt(plan.grad_w[0])}, so w moves by −η·∂C/∂w = {fmt(move)}: "
           "always against the slope.")
    return Verdict(answer, why)


EXERCISES = (
    Exercise("lower", lambda lab: f"With η = {fmt(lab.current.lr)}, will the next step lower the "
             "cost?", ("yes", "no"), _lower),
    Exercise("which-way", lambda lab: f"∇C here is the slope at w = {fmt(lab.current.neuron.w[0])}. "
             "The next step moves w …", ("right (up)", "left (down)", "nowhere"), _which_way),
)

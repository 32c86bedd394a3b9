"""Chapter 6 exercises (backpropagation): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.neuron.graph import trace
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch06_backprop.lab import BackpropLab


def _bigger_weight_grad(lab: BackpropLab) -> Verdict:
    t = lab.trace
    g1, g2 = abs(float(t.grad_w[0])), abs(float(t.grad_w[1]))
    answer = 2 if abs(g1 - g2) <= 1e-12 * max(1.0, g1) else (0 if g1 > g2 else 1)
    why = (f"both share ∂C/∂z = {fmt(t.grad_b)}, so |∂C/∂wᵢ| = |∂C/∂z|·|xᵢ|: "
           f"{fmt(g1)} for w₁ (x₁ = {fmt(lab.x[0])}) and {fmt(g2)} for w₂ (x₂ = {fmt(lab.x[1])}).")
    return Verdict(answer, why)


def _double_x1(lab: BackpropLab) -> Verdict:
    x = lab.x.copy()
    x[0] *= 2.0
    before = abs(float(lab.trace.grad_w[0]))
    after = abs(float(trace(lab.neuron, x, lab.y, lab.loss).grad_w[0]))
    why = (f"|∂C/∂w₁| goes from {fmt(before)} to {fmt(after)}: x₁ scales it directly, and "
           "also moves z, which changes ∂C/∂z.")
    return Verdict(direction(before, after), why)


EXERCISES = (
    Exercise("bigger-grad", lambda lab: "Which weight has the larger gradient |∂C/∂w|?",
             ("w₁", "w₂", "equal"), _bigger_weight_grad),
    Exercise("double-x1", lambda lab: f"If you double x₁ (to {fmt(2 * lab.x[0])}), |∂C/∂w₁| …",
             UP_DOWN_SAME, _double_x1),
)

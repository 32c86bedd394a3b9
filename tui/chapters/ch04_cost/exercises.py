"""Chapter 4 exercises (the cost): a step of each neuron worked by hand, a cost for another
target, and a challenge that makes squared error learn fast from badly wrong.

The lab trains two sigmoid neurons on one example, x = 1 and y = 1: ``lab.current`` holds the
squared-error state first and the cross-entropy state second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.neuron.train import TrainState, plan_step, step
from tui.book.exercise import (Challenge, ChoiceExercise, NumberExercise, Places, Score, Solution,
                               Verdict)
from tui.book.working import activation_step
from tui.values.numbers import fmt, fmt_factor

if TYPE_CHECKING:
    from tui.chapters.ch04_cost.lab import CostLab

MSE, CE = 0, 1
"""Which of the lab's two neurons."""
BAD, GOOD, STEPS = 0.01, 0.01, 10
"""The challenge: from a start with a below BAD, squared error's cost below GOOD in STEPS."""


def _neuron(s: TrainState) -> tuple[float, float, float]:
    """w, b and a of a one-input state on x = 1."""
    return float(s.neuron.w[0]), s.neuron.b, float(s.neuron.forward(s.data.X).a[0])


def _next_w(lab: CostLab) -> Solution:
    s = lab.current[CE]
    w, _, a = _neuron(s)
    grad, new = float(plan_step(s).grad_w[0]), float(plan_step(s).new.w[0])
    return Solution(new, (
        "∂C/∂w = (a − y)·x for cross-entropy after a sigmoid; x = 1, y = 1",
        f"∂C/∂w = ({fmt(a)} − 1)·1 = {fmt(grad)}",
        f"w ← w − η·∂C/∂w = {fmt(w)} − {fmt(s.lr)}·{fmt_factor(grad)}",
        f"  = {fmt(new)}",
    ))


def _mse_next_cost(lab: CostLab) -> Solution:
    s = lab.current[MSE]
    w, b, a = _neuron(s)
    plan = plan_step(s)
    grad = float(plan.grad_w[0])  # ∂C/∂b is the same, as x = 1
    after = step(s)
    w2, b2, a2 = _neuron(after)
    rest = float(s.neuron.activation.f(-s.neuron.forward(s.data.X).z)[0])  # 1 − a, exactly
    return Solution(after.cost, (
        "∂C/∂w = ∂C/∂b = 2(a − y)·a(1 − a) as x = 1: step w and b, then find a′ and C′",
        f"∂C/∂w = 2·({fmt(a)} − 1)·{fmt(a)}·{fmt(rest)} = {fmt(grad)}",
        f"w′ = {fmt(w)} − {fmt(s.lr)}·{fmt_factor(grad)} = {fmt(w2)}",
        f"b′ = {fmt(b)} − {fmt(s.lr)}·{fmt_factor(grad)} = {fmt(b2)}",
        activation_step(s.neuron.activation, w2 + b2, a2, name="a′"),
        f"C′ = (a′ − 1)² = ({fmt(a2)} − 1)² = {fmt(after.cost)}",
    ))


def _cost_if_zero(lab: CostLab) -> Solution:
    s = lab.current[CE]
    z = float(s.neuron.forward(s.data.X).z[0])
    rest = float(s.neuron.activation.f(np.array([-z]))[0])  # 1 − a = σ(−z), exact in the tail
    cost = float(np.logaddexp(0.0, z))  # −ln σ(−z) = ln(1 + e^z), as the lab computes it
    last = (f"C = −ln({fmt(rest)}) = {fmt(cost)}" if rest > 0 else
            f"1 − a is below the smallest float, but C = ln(1 + e^z), which is z to these "
            f"digits: {fmt(cost)}")
    return Solution(cost, (
        "with y = 0, C = −[y·ln a + (1 − y)·ln(1 − a)] keeps only −ln(1 − a)",
        f"1 − a = σ(−z) = 1/(1 + e^({fmt(z)})) = {fmt(rest)}",
        last,
    ))


def _bigger_step(lab: CostLab) -> Verdict:
    g = [abs(lab.gradient(k)) for k in (MSE, CE)]
    eta = lab.current[MSE].lr
    answer = 2 if g[0] == g[1] else (0 if g[0] > g[1] else 1)
    return Verdict(answer, (
        "each step moves w by η·|∂C/∂w|, with the same η for both",
        f"squared error: {fmt(eta)}·{fmt(g[0])} = {fmt(eta * g[0])}",
        f"cross-entropy: {fmt(eta)}·{fmt(g[1])} = {fmt(eta * g[1])}",
    ))


def _fast_mse(lab: CostLab) -> Score:
    w0, b0, start = _neuron(lab.run_start[MSE])
    s = lab.current[MSE]
    bad, quick, low = start < BAD, s.steps <= STEPS, s.cost < GOOD
    mark = {True: "✓", False: "✗"}
    return Score(bad and quick and low, (
        f"a₀ = σ({fmt(w0 + b0)}) = {fmt(start)}   {mark[bad]} want < {BAD}",
        f"steps: {s.steps}   {mark[quick]} want ≤ {STEPS}",
        f"C (squared error) = {fmt(s.cost)}   {mark[low]} want < {GOOD}",
    ))


EXERCISES = (
    NumberExercise("next-w", lambda lab: f"The cross-entropy neuron has w = "
                   f"{fmt(_neuron(lab.current[CE])[0])} and a = {fmt(_neuron(lab.current[CE])[2])}. "
                   "What will w be after its next step?", _next_w, Places(2)),
    NumberExercise("mse-next-cost", lambda lab: f"The squared-error neuron has w = "
                   f"{fmt(_neuron(lab.current[MSE])[0])}, b = {fmt(_neuron(lab.current[MSE])[1])}"
                   f". What will its cost be after its next step?", _mse_next_cost, Places(3)),
    NumberExercise("cost-if-zero", lambda lab: "If the target were y = 0 instead, what would the "
                   "cross-entropy neuron's cost be right now?", _cost_if_zero, Places(2)),
    ChoiceExercise("bigger-step", lambda lab: "Which neuron's next step moves its w further?",
                   ("squared error", "cross-entropy", "the same"), _bigger_step),
    Challenge("fast-mse", lambda lab: f"Start badly wrong (a < {BAD} at step 0) and get the "
              f"squared-error neuron's cost below {GOOD} within {STEPS} steps. Choose w₀, b₀ "
              "and η, then s or r.", _fast_mse,
              "Far out on the sigmoid the squared-error gradient is tiny. A larger η makes up "
              "for it; how large before the steps overshoot?"),
)

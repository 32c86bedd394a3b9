"""Chapter 4 exercises (the cost): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.neuron.train import step
from tui.book.exercise import Exercise, Verdict
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch04_cost.lab import CostLab


def _harder(lab: CostLab) -> Verdict:
    g_mse, g_ce = abs(lab.gradient(0)), abs(lab.gradient(1))
    answer = 2 if abs(g_mse - g_ce) < 1e-12 else (0 if g_mse > g_ce else 1)
    why = f"|∂C/∂w| is {fmt(g_mse)} for squared error and {fmt(g_ce)} for cross-entropy."
    return Verdict(answer, why)


def _closer(lab: CostLab) -> Verdict:
    later = list(lab.current)
    for _ in range(20):
        later = [step(s) for s in later]
    gaps = [abs(1.0 - float(s.neuron.forward(s.data.X).a[0])) for s in later]
    answer = 2 if abs(gaps[0] - gaps[1]) < 1e-12 else (0 if gaps[0] < gaps[1] else 1)
    why = (f"after 20 more steps |y − a| is {fmt(gaps[0])} with squared error and "
           f"{fmt(gaps[1])} with cross-entropy.")
    return Verdict(answer, why)


EXERCISES = (
    Exercise("harder", lambda lab: "Right now, which cost pushes w harder (larger |∂C/∂w|)?",
             ("squared error", "cross-entropy", "neither"), _harder),
    Exercise("closer", lambda lab: "After 20 more steps, which neuron's a will be closer to y = 1?",
             ("squared error", "cross-entropy", "neither"), _closer),
)

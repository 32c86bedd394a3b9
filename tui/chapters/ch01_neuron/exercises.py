"""Chapter 1 exercises (the neuron): work out z and a for the lab's numbers, then reach a goal.

Each answer is computed by the core from the lab as it is on screen (``lab.x``, ``lab.neuron``),
and each question is asked about a change the lab has not made, so it cannot be read off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tui.book.exercise import (UP_DOWN_SAME, Challenge, ChoiceExercise, NumberExercise, Places,
                               Score, Solution, Verdict)
from tui.book.working import activation_step
from tui.values.numbers import fmt, fmt_factor
from tui.widgets.arithmetic import weighted_sum_terms

if TYPE_CHECKING:
    from tui.chapters.ch01_neuron.lab import NeuronLab

HIGH, LOW = 0.9, 0.1
"""The challenge's targets for a at (1, 0) and at (0, 1)."""


def _z(lab: NeuronLab, x: np.ndarray) -> float:
    return float(lab.neuron.forward(x).z)


def _a(lab: NeuronLab, x: np.ndarray) -> float:
    return float(lab.neuron.forward(x).a)


def _double_x1(lab: NeuronLab) -> Solution:
    x = lab.x * [2.0, 1.0]
    z = _z(lab, x)
    w1, x1 = lab.neuron.w[0], lab.x[0]
    return Solution(z, (
        f"z′ = w₁·2x₁ + w₂x₂ + b\n  = {weighted_sum_terms(lab.neuron.w, x, lab.neuron.b)}",
        f"  = {fmt(z)}",
        f"z′ − z = w₁x₁ = {fmt_factor(w1)}·{fmt_factor(x1)} = {fmt(w1 * x1)}",
    ))


def _zero_bias(lab: NeuronLab) -> Solution:
    w, x = lab.neuron.w, lab.x
    b = -float(w @ x)
    terms = " + ".join(f"{fmt_factor(wi)}·{fmt_factor(xi)}" for wi, xi in zip(w, x))
    return Solution(b, (
        "b must cancel the rest: b = −(w₁x₁ + w₂x₂)",
        f"b = −({terms})",
        f"  = {fmt(b)}",
    ))


def _without_x2(lab: NeuronLab) -> Solution:
    x = lab.x * [1.0, 0.0]
    z, a = _z(lab, x), _a(lab, x)
    return Solution(a, (
        f"z′ = w₁x₁ + w₂·0 + b\n  = {fmt_factor(lab.neuron.w[0])}·{fmt_factor(x[0])} + "
        f"{fmt_factor(lab.neuron.b)}",
        f"  = {fmt(z)}",
        activation_step(lab.neuron.activation, z, a),
    ))


def _raise_w1(lab: NeuronLab) -> Verdict:
    before = lab.z
    after = float(lab.neuron.with_weight(0, lab.neuron.w[0] + 0.5).forward(lab.x).z)
    x1 = float(lab.x[0])  # Δz = 0.5·x₁ exactly, however little of it survives rounding in z
    return Verdict(0 if x1 > 0 else (1 if x1 < 0 else 2), (
        "Δz = Δw₁·x₁: the change times the input",
        f"Δz = 0.5·{fmt_factor(lab.x[0])} = {fmt(0.5 * lab.x[0])}",
        f"z goes from {fmt(before)} to {fmt(after)}",
    ))


def _two_points_goal(lab: NeuronLab) -> str:
    return (f"Set w₁, w₂ and b so that a > {HIGH} for x = (1, 0) and a < {LOW} for "
            f"x = (0, 1), with {lab.neuron.activation.title}.")


def _two_points(lab: NeuronLab) -> Score:
    act = lab.neuron.activation
    lines, met = [], True
    for x, name, want, ok in (((1.0, 0.0), "a(1,0)", f"> {HIGH}", lambda a: a > HIGH),
                              ((0.0, 1.0), "a(0,1)", f"< {LOW}", lambda a: a < LOW)):
        z, a = _z(lab, np.array(x)), _a(lab, np.array(x))
        good = ok(a)
        met &= good
        lines.append(f"{name} = {act.symbol}({fmt(z)}) = {fmt(a)}   {'✓' if good else '✗'} "
                     f"want {want}")
    return Score(met, tuple(lines))


EXERCISES = (
    NumberExercise("double-x1", lambda lab: f"Keep w and b. What would z be if x₁ were doubled, "
                   f"to {fmt(2 * lab.x[0])}?", _double_x1, Places(2)),
    NumberExercise("zero-bias", lambda lab: "Keep x and w. What bias b would make z exactly 0?",
                   _zero_bias, Places(2)),
    NumberExercise("without-x2", lambda lab: f"If x₂ were 0 (all else kept), what would a = "
                   f"{lab.neuron.activation.symbol}(z) be?", _without_x2, Places(2)),
    ChoiceExercise("raise-w1", lambda lab: f"With x₁ = {fmt(lab.x[0])}: if you raise w₁ by 0.5, "
                   "z …", UP_DOWN_SAME, _raise_w1),
    Challenge("two-points", _two_points_goal, _two_points,
              "For x = (1, 0), z = w₁ + b; for x = (0, 1), z = w₂ + b. Where must each z be?"),
)

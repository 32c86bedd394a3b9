"""Chapter 2 exercises (activation functions): values and slopes away from the lab's z.

The lab's table already shows f(z) and f′(z) at its z for all five activations, so each
question asks about another z (the mirror −z, z + 0.5, z + 1, z + 5), worked out by the core.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.neuron.activations import SIGMOID, Activation
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, NumberExercise, Places,
                               Score, Solution, Verdict)
from tui.book.working import slope_steps, value_step
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch02_activations.lab import ActivationLab

FLAT = 0.001
"""A slope below this lets almost no gradient through."""
GAP = 0.005
"""The challenge: σ′ and tanh′ within this of each other."""


def _at(act: Activation, z: float) -> tuple[float, float]:
    """f(z) and f′(z)."""
    return float(act.f(np.array([z]))[0]), float(act.df(np.array([z]))[0])


def _mirror(lab: ActivationLab) -> Solution:
    s, m = lab.value("sigmoid"), _at(SIGMOID, -lab.z)[0]
    return Solution(m, (
        "σ(−z) = 1 − σ(z): the sigmoid is symmetric about its middle, (0, 0.5)",
        f"σ({fmt(-lab.z)}) = 1 − {fmt(s)}",
        f"  = {fmt(m)}",
    ))


def _nudge(lab: ActivationLab) -> Solution:
    act, z = lab.activation, lab.z
    before, (after, _) = lab.value(act.name), _at(act, z + 0.5)
    slope, sym = lab.slope(act.name), act.symbol
    return Solution(after - before, (
        f"Δa = {sym}({fmt(z + 0.5)}) − {sym}({fmt(z)})",
        value_step(act, z + 0.5, after),
        f"{sym}({fmt(z)}) = {fmt(before)}   from the table",
        f"Δa = {fmt(after)} − {fmt(before)} = {fmt(after - before)}",
        f"close to slope × 0.5 = {fmt(slope)}·0.5 = {fmt(0.5 * slope)}",
    ))


def _slope_ahead(lab: ActivationLab) -> Solution:
    z = lab.z + 1.0
    return Solution(_at(lab.activation, z)[1], slope_steps(lab.activation, z))


def _flat_ahead(lab: ActivationLab) -> Verdict:
    z = lab.z + 5.0
    slope = _at(lab.activation, z)[1]
    flat = slope < FLAT
    verdict = (f"{fmt(slope)} < {FLAT}: flat, almost no gradient passes" if flat
               else f"{fmt(slope)} ≥ {FLAT}: a gradient still passes")
    return Verdict(0 if flat else 1, slope_steps(lab.activation, z) + (verdict,))


def _equal_slopes(lab: ActivationLab) -> Score:
    s, t = lab.slope("sigmoid"), lab.slope("tanh")
    gap = abs(s - t)
    met = gap < GAP
    return Score(met, (
        f"σ′({fmt(lab.z)}) = {fmt(s)}",
        f"tanh′({fmt(lab.z)}) = {fmt(t)}",
        f"gap = {fmt(gap)}   {'✓' if met else '✗'} want < {GAP}",
    ))


EXERCISES = (
    NumberExercise("mirror", lambda lab: f"The table gives σ({fmt(lab.z)}) = "
                   f"{fmt(lab.value('sigmoid'))}. What is σ({fmt(-lab.z)})?", _mirror, Places(2)),
    NumberExercise("nudge", lambda lab: f"If z moved from {fmt(lab.z)} to {fmt(lab.z + 0.5)}, by "
                   f"how much would a = {lab.activation.symbol}(z) change?", _nudge, Places(2)),
    NumberExercise("slope-ahead", lambda lab: f"What is the slope {lab.activation.symbol}′ at "
                   f"z = {fmt(lab.z + 1)}, one step of 1 to the right?", _slope_ahead, Places(3)),
    ChoiceExercise("flat-ahead", lambda lab: f"At z = {fmt(lab.z + 5)}, five to the right, is "
                   f"{lab.activation.title}'s slope below {FLAT}?", ("yes, flat", "no"),
                   _flat_ahead),
    ConceptCheck("dead-relu", "A ReLU neuron's z is negative for every example. What does a "
                 "gradient step do to its weights?",
                 ("a big change", "nothing", "pushes z up"), 1, (
                     "ReLU′(z) = 0 wherever z < 0",
                     "∂C/∂w = ∂C/∂a · ReLU′(z) · x, and the middle factor is 0",
                     "so every example gives ∂C/∂w = 0: the step leaves w where it is",
                     "(the neuron is dead for these inputs; leaky ReLU's 0.01 keeps it alive)")),
    Challenge("equal-slopes", lambda lab: "Find a z where sigmoid and tanh are equally steep: "
              f"σ′(z) and tanh′(z) within {GAP} of each other.", _equal_slopes,
              "Near 0 tanh is four times steeper; far out both flatten, tanh faster. Type a z "
              "between 1 and 2, read the gap, and narrow it down."),
)

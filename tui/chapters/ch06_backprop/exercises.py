"""Chapter 6 exercises (backpropagation): the chain rule worked by hand for states next to the
lab's (x₁ doubled, the target flipped, one step taken), read the way the graph reads them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.neuron.activations import Activation
from core.neuron.graph import Trace, trace
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, Figures, NumberExercise,
                               Places, Score, Solution, Verdict)
from tui.book.working import activation_step
from tui.values.numbers import as_factor, fmt, fmt_factor, fmt_sig

if TYPE_CHECKING:
    from tui.chapters.ch06_backprop.lab import BackpropLab

ETA = 0.5
"""The learning rate of the step in "w1-after-step"."""
WRONG = 0.1
"""The challenge: the cost stays above this while w₁ gets no gradient."""


def _sig(x: float) -> str:
    """A gradient in a working, to four significant figures: an answer asked to two figures
    must be readable from it, and from the product of the factors printed before it."""
    return fmt_sig(x, 4, min_decimals=1)


def _sig_factor(x: float) -> str:
    """:func:`_sig` as a factor: negative ones in parentheses."""
    return as_factor(_sig(x))


def _node(t: Trace, name: str, backward: bool = True):
    return next(n for n in (t.backward if backward else t.forward) if n.name == name)


def dz_steps(t: Trace, y: float, act: Activation) -> tuple[str, ...]:
    """∂C/∂z as the core computes it: the fused a − y for cross-entropy after a sigmoid, 0 where
    cross-entropy's clip holds a, else ∂C/∂a · ∂a/∂z."""
    a, dz = _node(t, "a", backward=False).value, _node(t, "z").grad
    z = _node(t, "z", backward=False).value
    if t.fused:
        return ("∂C/∂z = a − y   σ′ cancels against cross-entropy",
                f"  = {_sig(a)} − {fmt_factor(y)} = {_sig(dz)}")
    if t.clipped:
        return (activation_step(act, z, a) + "   outside [ε, 1 − ε]",
                "∂C/∂z = 0   cross-entropy clips a there, and C is flat")
    dc_da, da_dz = _node(t, "a").local, _node(t, "z").local
    return (f"∂C/∂z = ∂C/∂a·∂a/∂z = {_sig_factor(dc_da)}·{_sig_factor(da_dz)} = {_sig(dz)}",)


def _double_x1(lab: BackpropLab) -> Solution:
    x = lab.x * [2.0, 1.0]
    t = trace(lab.neuron, x, lab.y, lab.loss)
    w, b = lab.neuron.w, lab.neuron.b
    z, a = _node(t, "z", False).value, _node(t, "a", False).value
    grad = float(t.grad_w[0])
    return Solution(grad, (
        "doubling x₁ moves z, a and ∂C/∂z; then ∂C/∂w₁ = ∂C/∂z·x₁",
        f"z = {fmt_factor(w[0])}·{fmt_factor(x[0])} + {fmt_factor(w[1])}·{fmt_factor(x[1])} + "
        f"{fmt_factor(b)} = {fmt(z)}",
        activation_step(lab.neuron.activation, z, a),
        *dz_steps(t, lab.y, lab.neuron.activation),
        f"∂C/∂w₁ = {_sig_factor(_node(t, 'z').grad)}·{fmt_factor(x[0])} = {_sig(grad)}",
    ))


def _flip_y(lab: BackpropLab) -> Solution:
    y = 1.0 - lab.y
    t = trace(lab.neuron, lab.x, y, lab.loss)
    return Solution(_node(t, "z").grad, (
        f"z and a stay; only the target moves: y becomes 1 − {fmt(lab.y)}, that is {fmt(y)}",
        *dz_steps(t, y, lab.neuron.activation),
    ))


def _w1_after_step(lab: BackpropLab) -> Solution:
    t = lab.trace
    w1, x1, dz = float(lab.neuron.w[0]), float(lab.x[0]), _node(t, "z").grad
    grad = float(t.grad_w[0])
    new = w1 - ETA * grad
    return Solution(new, (
        f"w₁ ← w₁ − η·∂C/∂w₁ with η = {ETA}, and ∂C/∂w₁ = ∂C/∂z · x₁",
        *dz_steps(t, lab.y, lab.neuron.activation),
        f"∂C/∂w₁ = {_sig_factor(dz)}·{fmt_factor(x1)} = {fmt(grad)}",
        f"w₁′ = {fmt(w1)} − {ETA}·{fmt_factor(grad)} = {fmt(new)}",
    ))


def _bigger_grad(lab: BackpropLab) -> Verdict:
    t = lab.trace
    dz = _node(t, "z").grad
    g1, g2 = abs(float(t.grad_w[0])), abs(float(t.grad_w[1]))
    answer = 2 if g1 == g2 else (0 if g1 > g2 else 1)
    return Verdict(answer, (
        "∂C/∂wᵢ = ∂C/∂z · xᵢ: both weights share ∂C/∂z, so |xᵢ| decides",
        f"|∂C/∂w₁| = |{fmt(dz)}|·|{fmt(lab.x[0])}| = {fmt(g1)}",
        f"|∂C/∂w₂| = |{fmt(dz)}|·|{fmt(lab.x[1])}| = {fmt(g2)}",
    ))


def _no_gradient(lab: BackpropLab) -> Score:
    t = lab.trace
    cost, grad = _node(t, "C", False).value, float(t.grad_w[0])
    wrong, still = cost > WRONG, grad == 0.0
    mark = {True: "✓", False: "✗"}
    return Score(wrong and still, (
        f"C = {fmt(cost)}   {mark[wrong]} want > {WRONG}",
        f"∂C/∂w₁ = {fmt(grad)}   {mark[still]} want exactly 0",
    ))


EXERCISES = (
    NumberExercise("double-x1-grad", lambda lab: f"If x₁ were doubled, to {fmt(2 * lab.x[0])} "
                   "(all else kept), what would ∂C/∂w₁ be?", _double_x1, Figures(2)),
    NumberExercise("flip-y", lambda lab: f"If the target were y = {fmt(1 - lab.y)} instead of "
                   f"{fmt(lab.y)}, what would ∂C/∂z be?", _flip_y, Figures(2)),
    NumberExercise("w1-after-step", lambda lab: f"After one gradient step with η = {ETA}, "
                   "what would w₁ be?", _w1_after_step, Places(2)),
    ChoiceExercise("bigger-grad", lambda lab: "Which weight has the larger gradient |∂C/∂w|?",
                   ("w₁", "w₂", "equal"), _bigger_grad),
    ConceptCheck("bias-gradient", "Whatever the neuron, ∂C/∂b is always equal to …",
                 ("∂C/∂a", "∂C/∂z", "∂C/∂w₁"), 1, (
                     "z = s + b, so ∂z/∂b = 1",
                     "∂C/∂b = ∂C/∂z · ∂z/∂b = ∂C/∂z · 1: the bias passes ∂C/∂z on unchanged",
                     "(∂C/∂a differs from it by the factor ∂a/∂z, and ∂C/∂w₁ by x₁)")),
    Challenge("no-gradient", lambda lab: f"Make the neuron clearly wrong (C > {WRONG}) while "
              "∂C/∂w₁ is exactly 0, so w₁ cannot learn from this example.", _no_gradient,
              "∂C/∂w₁ = ∂C/∂z · x₁: either factor can be 0. Which input, or which activation, "
              "makes one of them vanish?"),
)

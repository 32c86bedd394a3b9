"""The chapters of the book: title, prose file, lab, and exercises whose answers the core computes."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Callable

import numpy as np

from core.softmax import softmax
from core.train import plan_step, step
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.labs.activation_lab import ActivationLab
from tui.labs.base import ChapterLab
from tui.labs.cost_lab import CostLab
from tui.labs.descent_lab import DescentLab
from tui.labs.neuron_lab import NeuronLab
from tui.labs.softmax_lab import SoftmaxLab
from tui.numbers import fmt


@dataclass(frozen=True)
class Chapter:
    """One chapter: its number, title, Markdown file, lab and exercises."""

    number: int
    title: str
    prose_file: str
    make_lab: Callable[[], ChapterLab]
    exercises: tuple[Exercise, ...]

    def prose(self) -> str:
        """The chapter's Markdown, read from the package."""
        return resources.files("tui.chapters").joinpath(self.prose_file).read_text("utf-8")


# ---------------------------------------------------------------- chapter 1: the neuron

def _raise_w1(lab: NeuronLab) -> Verdict:
    before = lab.z
    after = float(lab.neuron.with_weight(0, lab.neuron.w[0] + 0.5).forward(lab.x).z)
    why = (f"z changes by 0.5·x₁ = 0.5·{fmt(lab.x[0])} = {fmt(after - before)}, "
           f"from {fmt(before)} to {fmt(after)}.")
    return Verdict(direction(before, after), why)


def _raise_b(lab: NeuronLab) -> Verdict:
    moved = lab.neuron.with_params(b=lab.neuron.b + 1.0).forward(lab.x)
    z1, a1 = float(moved.z), float(moved.a)
    sym = lab.neuron.activation.symbol
    why = (f"z rises by exactly 1, from {fmt(lab.z)} to {fmt(z1)}, so a = {sym}(z) goes from "
           f"{fmt(lab.a)} to {fmt(a1)}.")
    if direction(lab.a, a1) == 2:
        why += f" {sym} is flat there, so the bias moved z without moving a."
    return Verdict(direction(lab.a, a1), why)


NEURON_EXERCISES = (
    Exercise("raise-w1", lambda lab: f"With x₁ = {fmt(lab.x[0])}: if you raise w₁ by 0.5, z …",
             UP_DOWN_SAME, _raise_w1),
    Exercise("raise-b", lambda lab: f"With z = {fmt(lab.z)} and {lab.neuron.activation.title}: "
             "if you raise b by 1, a …", UP_DOWN_SAME, _raise_b),
)


# ---------------------------------------------------------------- chapter 2: activations

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


ACTIVATION_EXERCISES = (
    Exercise("steeper", lambda lab: f"At z = {fmt(lab.z)}, which is steeper?",
             ("sigmoid", "tanh", "equally steep"), _steeper),
    Exercise("saturated", lambda lab: f"At z = {fmt(lab.z)}, is {lab.activation.title} saturated "
             f"(slope below {SATURATED_SLOPE})?", ("yes", "no"), _saturated),
)


# ---------------------------------------------------------------- chapter 3: softmax

def _shift(lab: SoftmaxLab) -> Verdict:
    shifted = softmax(lab.logits + 10.0, lab.temperature)
    same = np.allclose(shifted, lab.probs, rtol=1e-9, atol=1e-12)
    why = (f"every e^(z/T) gains the same factor e^(10/T) = {fmt(np.exp(10.0 / lab.temperature))}, "
           "which cancels in the division; the largest p stays "
           f"{fmt(lab.probs.max())} → {fmt(shifted.max())}.")
    return Verdict(1 if same else 0, why)


def _hotter(lab: SoftmaxLab) -> Verdict:
    before, after = lab.probs.max(), softmax(lab.logits, lab.temperature * 2.0).max()
    why = (f"at T = {fmt(lab.temperature)} the largest p is {fmt(before)}; at "
           f"T = {fmt(lab.temperature * 2)} it is {fmt(after)}. Dividing by a larger T pulls "
           "the logits together, flattening the distribution.")
    return Verdict(direction(before, after), why)


SOFTMAX_EXERCISES = (
    Exercise("shift", lambda lab: "If you add 10 to every logit, the probabilities …",
             ("all change", "stay the same", "only the largest changes"), _shift),
    Exercise("temperature", lambda lab: f"If you double T = {fmt(lab.temperature)}, the largest "
             "probability …", UP_DOWN_SAME, _hotter),
)


# ---------------------------------------------------------------- chapter 4: the cost

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


COST_EXERCISES = (
    Exercise("harder", lambda lab: "Right now, which cost pushes w harder (larger |∂C/∂w|)?",
             ("squared error", "cross-entropy", "neither"), _harder),
    Exercise("closer", lambda lab: "After 20 more steps, which neuron's a will be closer to y = 1?",
             ("squared error", "cross-entropy", "neither"), _closer),
)


# ---------------------------------------------------------------- chapter 5: gradient descent

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


DESCENT_EXERCISES = (
    Exercise("lower", lambda lab: f"With η = {fmt(lab.current.lr)}, will the next step lower the "
             "cost?", ("yes", "no"), _lower),
    Exercise("which-way", lambda lab: f"∇C here is the slope at w = {fmt(lab.current.neuron.w[0])}. "
             "The next step moves w …", ("right (up)", "left (down)", "nowhere"), _which_way),
)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "The neuron", "01-neuron.md", NeuronLab, NEURON_EXERCISES),
    Chapter(2, "Activation functions", "02-activations.md", ActivationLab, ACTIVATION_EXERCISES),
    Chapter(3, "Logits and softmax", "03-softmax.md", SoftmaxLab, SOFTMAX_EXERCISES),
    Chapter(4, "The cost", "04-cost.md", CostLab, COST_EXERCISES),
    Chapter(5, "Gradient descent", "05-descent.md", DescentLab, DESCENT_EXERCISES),
)

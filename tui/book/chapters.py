"""The chapters of the book: title, prose file, lab, and exercises whose answers the core computes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from core.activations import TANH
from core.anatomy import run_layer
from core.batchnorm import BatchNorm
from core.graph import trace
from core.init import INIT_SCHEMES
from core.probe import probe_stack
from core.net_train import net_step
from core.softmax import softmax
from core.train import plan_step, step
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.labs.activation_lab import ActivationLab
from tui.labs.anatomy_lab import UNITS, AnatomyLab
from tui.labs.backprop_lab import BackpropLab
from tui.labs.base import ChapterLab
from tui.labs.cost_lab import CostLab
from tui.labs.descent_lab import DescentLab
from tui.labs.init_lab import InitLab
from tui.labs.neuron_lab import NeuronLab
from tui.labs.softmax_lab import SoftmaxLab
from tui.labs.xor_lab import XorLab
from tui.numbers import fmt


@dataclass(frozen=True)
class Chapter:
    """One chapter: its number, title, Markdown file, lab and exercises."""

    number: int
    title: str
    prose_file: str
    lab_class: type[ChapterLab]
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


# ---------------------------------------------------------------- chapter 6: backpropagation

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


BACKPROP_EXERCISES = (
    Exercise("bigger-grad", lambda lab: "Which weight has the larger gradient |∂C/∂w|?",
             ("w₁", "w₂", "equal"), _bigger_weight_grad),
    Exercise("double-x1", lambda lab: f"If you double x₁ (to {fmt(2 * lab.x[0])}), |∂C/∂w₁| …",
             UP_DOWN_SAME, _double_x1),
)


# ---------------------------------------------------------------- chapter 7: initialisation

SHARE_BANDS = ("under 10%", "10% to 50%", "over 50%")


def _band(share: float) -> int:
    return 0 if share < 0.1 else (1 if share <= 0.5 else 2)


def _normal_saturates(lab: InitLab) -> Verdict:
    setup = replace(lab.setup, scheme=INIT_SCHEMES["normal"], activation=TANH)
    share = probe_stack(setup)[1][-1].saturated
    why = (f"with N(0, 1) × {fmt(setup.gain, 2)}, each z sums 64 terms, so its spread is about "
           f"8 × {fmt(setup.gain, 2)}; {share:.0%} of layer 5's tanh units end past |a| > 0.97.")
    return Verdict(_band(share), why)


def _double_gain(lab: InitLab) -> Verdict:
    before = lab.probes[-1].spread("z").std
    after = probe_stack(replace(lab.setup, gain=lab.setup.gain * 2))[1][-1].spread("z").std
    why = f"layer 5's spread of z goes from σ = {fmt(before)} to σ = {fmt(after)}."
    return Verdict(direction(before, after), why)


INIT_EXERCISES = (
    Exercise("normal-saturates", lambda lab: f"With tanh and standard-normal weights × "
             f"{fmt(lab.setup.gain, 2)}, how much of layer 5 is saturated?", SHARE_BANDS,
             _normal_saturates),
    Exercise("double-gain", lambda lab: f"If you double the gain (to {fmt(2 * lab.setup.gain, 2)}), "
             "the spread of layer 5's z …", UP_DOWN_SAME, _double_gain),
)


# ---------------------------------------------------------------- chapter 8: anatomy of a layer

def _scaled_inputs(lab: AnatomyLab) -> Verdict:
    norm = lab.norm or BatchNorm.fresh(UNITS)
    x = lab.batch(lab.batch_no)
    plain, _ = run_layer(x, lab.weights, norm, True, lab.act)
    scaled, _ = run_layer(10.0 * x, lab.weights, norm, True, lab.act)
    gap = float(np.max(np.abs(scaled.normed - plain.normed)))
    ratio = float(np.std(scaled.normed) / max(np.std(plain.normed), 1e-300))
    answer = 1 if gap < 1e-3 else (0 if ratio > 1.5 else 2)
    why = (f"z grows 10×, and so do its batch mean and spread; after dividing by the spread the "
           f"normalised values change by at most {fmt(gap, 1)}.")
    return Verdict(answer, why)


def _one_layer(lab: AnatomyLab) -> Verdict:
    c = lab.collapse_result()
    same = c.best_gap <= 1e-9 * max(c.scale, 1.0)
    why = (f"the best single layer misses the stack by {fmt(c.best_gap, 1)} at most"
           + (": rounding only. Linear maps compose into one linear map." if same else
              f", with outputs up to {fmt(c.scale, 2)}: {lab.between.title} bends what the next "
              "layer sees."))
    return Verdict(0 if same else 1, why)


ANATOMY_EXERCISES = (
    Exercise("scale-inputs", lambda lab: "With batch norm in the layer, multiply every input by "
             "10. The normalised values …", ("grow about 10×", "stay the same", "shrink"),
             _scaled_inputs),
    Exercise("one-layer", lambda lab: f"Stack {'→'.join(map(str, lab.sizes))} with "
             f"{lab.between.title} between the layers: can one layer reproduce it exactly?",
             ("yes", "no"), _one_layer),
)


# ---------------------------------------------------------------- chapter 9: XOR

LOOKAHEAD = 200


def _single_solves(lab: XorLab) -> Verdict:
    single = lab.current.single
    for _ in range(LOOKAHEAD):
        single = step(single)
    a = single.neuron.forward(single.data.X).a
    acc = float(np.mean((a > 0.5) == (single.data.y > 0.5)))
    why = (f"after {LOOKAHEAD} more steps it gets {acc:.0%} right (C = {fmt(single.cost)}). "
           "One neuron draws one straight line, and no line puts (0,1) and (1,0) on one side "
           "and (0,0) and (1,1) on the other.")
    return Verdict(0 if acc == 1.0 else 1, why)


def _net_solves(lab: XorLab) -> Verdict:
    net = lab.current.net
    for _ in range(LOOKAHEAD):
        net = net_step(net)
    why = (f"after {LOOKAHEAD} more steps it gets {net.accuracy:.0%} right (C = {fmt(net.cost)})"
           + ("." if net.accuracy == 1.0 else
              ": this start is stuck in a local minimum. Compare h₁ and h₂ on the points it "
              "gets wrong, then try another seed."))
    return Verdict(0 if net.accuracy == 1.0 else 1, why)


XOR_EXERCISES = (
    Exercise("single-solves", lambda lab: f"After {LOOKAHEAD} more steps, will the single neuron "
             "classify all four points?", ("yes", "no"), _single_solves),
    Exercise("net-solves", lambda lab: f"After {LOOKAHEAD} more steps, will the 2-2-1 network "
             f"(seed {lab.seed}, η = {fmt(lab.lr)}) classify all four?", ("yes", "no"), _net_solves),
)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "The neuron", "01-neuron.md", NeuronLab, NEURON_EXERCISES),
    Chapter(2, "Activation functions", "02-activations.md", ActivationLab, ACTIVATION_EXERCISES),
    Chapter(3, "Logits and softmax", "03-softmax.md", SoftmaxLab, SOFTMAX_EXERCISES),
    Chapter(4, "The cost", "04-cost.md", CostLab, COST_EXERCISES),
    Chapter(5, "Gradient descent", "05-descent.md", DescentLab, DESCENT_EXERCISES),
    Chapter(6, "Backpropagation", "06-backprop.md", BackpropLab, BACKPROP_EXERCISES),
    Chapter(7, "Weight initialisation", "07-init.md", InitLab, INIT_EXERCISES),
    Chapter(8, "Anatomy of a layer", "08-layer.md", AnatomyLab, ANATOMY_EXERCISES),
    Chapter(9, "Beyond one neuron: XOR", "09-xor.md", XorLab, XOR_EXERCISES),
)

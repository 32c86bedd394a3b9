"""Chapter 9 exercises (XOR): the 2-2-1 network and the single neuron worked through by hand for
one point, a prediction about training, and a challenge: free a stuck start by changing η.

``lab.current.net.net`` is the network (``layers[0]``: W of shape (2, 2) and b, tanh;
``layers[1]``: W of shape (2, 1) and b, sigmoid) and ``lab.current.single.neuron`` the neuron.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.networks.net_train import net_step
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, NumberExercise, Places,
                               Score, Solution, Verdict)
from tui.book.working import activation_step
from tui.values.numbers import fmt, fmt_factor

if TYPE_CHECKING:
    from tui.chapters.ch09_xor.lab import XorLab

AHEAD = 200
STUCK_SEED, FREEING_LR = 1, 6.0
"""The challenge's seed, stuck at η = 1, and an η that frees it (checked by a test)."""


def _layers(lab: XorLab):
    return lab.current.net.net.layers


def _hidden(lab: XorLab, x: tuple[float, float]) -> np.ndarray:
    return _layers(lab)[0].forward(np.array([x])).a[0]


def _products(weights, inputs) -> str:
    return " + ".join(f"{fmt_factor(w)}·{fmt_factor(v)}" for w, v in zip(weights, inputs))


def _net_output(lab: XorLab) -> Solution:
    hidden, out = _hidden(lab, (1.0, 0.0)), _layers(lab)[1]
    w, b = out.W[:, 0], float(out.b[0])
    z = float(hidden @ w + b)
    a = float(out.activation.f(np.array([z]))[0])
    return Solution(a, (
        "out = σ(w₁h₁ + w₂h₂ + b): the output neuron reads the hidden units",
        f"z = {_products(w, hidden)} + {fmt_factor(b)} = {fmt(z)}",
        activation_step(out.activation, z, a, name="out"),
    ))


def _net_output_prompt(lab: XorLab) -> str:
    hidden, out = _hidden(lab, (1.0, 0.0)), _layers(lab)[1]
    return (f"For x = (1, 0) the hidden units give h₁ = {fmt(hidden[0])}, h₂ = {fmt(hidden[1])}; "
            f"the output neuron has w = ({fmt(out.W[0, 0])}, {fmt(out.W[1, 0])}), b = "
            f"{fmt(out.b[0])}. What does the network output?")


def _hidden_unit(lab: XorLab) -> Solution:
    layer = _layers(lab)[0]
    w, b = layer.W[:, 1], float(layer.b[1])
    z = float(w.sum() + b)
    a = float(layer.activation.f(np.array([z]))[0])
    return Solution(a, (
        "h₂ = tanh(w₁x₁ + w₂x₂ + b) with its own weights, at x = (1, 1)",
        f"z = {_products(w, (1.0, 1.0))} + {fmt_factor(b)} = {fmt(z)}",
        activation_step(layer.activation, z, a, name="h₂"),
    ))


def _hidden_prompt(lab: XorLab) -> str:
    layer = _layers(lab)[0]
    return (f"Hidden unit h₂ has weights ({fmt(layer.W[0, 1])}, {fmt(layer.W[1, 1])}) and bias "
            f"{fmt(layer.b[1])}. What is h₂ = tanh(z) for x = (1, 1)?")


def _neuron_output(lab: XorLab) -> Solution:
    neuron = lab.current.single.neuron
    w, b = neuron.w, neuron.b
    z = float(w[1] + b)
    a = float(neuron.activation.f(np.array([z]))[0])
    return Solution(a, (
        "a = σ(w₁x₁ + w₂x₂ + b) at x = (0, 1): only w₂ and b count",
        f"z = {_products(w, (0.0, 1.0))} + {fmt_factor(b)} = {fmt(z)}",
        activation_step(neuron.activation, z, a),
    ))


def _neuron_prompt(lab: XorLab) -> str:
    n = lab.current.single.neuron
    return (f"The single neuron has w = ({fmt(n.w[0])}, {fmt(n.w[1])}), b = {fmt(n.b)}. What "
            "does it output for x = (0, 1)?")


def _net_solves(lab: XorLab) -> Verdict:
    net = lab.current.net
    for _ in range(AHEAD):
        net = net_step(net)
    right = round(net.accuracy * 4)
    return Verdict(0 if net.accuracy == 1.0 else 1, (
        f"train the network {AHEAD} more steps at η = {fmt(net.lr)} and count the points it "
        "puts on the right side of 0.5",
        f"after step {net.steps}: {right} of 4 right, C {fmt(net.cost)}",
        "so it classifies all four" if right == 4 else
        "not yet: it may be slow rather than stuck; the map shows where it draws its lines",
    ))


def _free_stuck(lab: XorLab) -> Score:
    net = lab.current.net
    seeded, solved = lab.seed == STUCK_SEED, net.accuracy == 1.0
    mark = {True: "✓", False: "✗"}
    return Score(seeded and solved, (
        f"seed {lab.seed}   {mark[seeded]} want {STUCK_SEED}",
        f"step {net.steps}, η {fmt(net.lr)}: {round(net.accuracy * 4)} of 4 right   "
        f"{mark[solved]} want 4",
    ))


EXERCISES = (
    NumberExercise("net-output", _net_output_prompt, _net_output, Places(2)),
    NumberExercise("hidden-unit", _hidden_prompt, _hidden_unit, Places(2)),
    NumberExercise("neuron-output", _neuron_prompt, _neuron_output, Places(2)),
    ChoiceExercise("net-solves", lambda lab: f"After {AHEAD} more steps, will the 2-2-1 network "
                   f"(seed {lab.seed}, η = {fmt(lab.current.net.lr)}) classify all four points?",
                   ("yes", "no"), _net_solves),
    ConceptCheck("one-line", "Can one neuron, trained long enough, classify all four XOR points?",
                 ("yes", "no"), 1, (
                     "one neuron says yes where w₁x₁ + w₂x₂ + b > 0: one side of a straight line",
                     "XOR wants (0, 1) and (1, 0) on one side, (0, 0) and (1, 1) on the other",
                     "no straight line does that, so no weights do; the hidden layer draws two")),
    Challenge("free-stuck", lambda lab: f"From seed {STUCK_SEED} the network gets stuck at "
              "η = 1, on 2 of 4. Get it to classify all four from that seed by changing only η.",
              _free_stuck,
              "A run already stuck stays stuck whatever η it gets: set η, then R starts again "
              "from the seed with it. Doubling from 1 jumps over the narrow band that works, "
              "5.7 to 6."),
)

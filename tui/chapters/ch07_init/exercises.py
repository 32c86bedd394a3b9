"""Chapter 7 exercises (weight initialisation): the spread sd a scheme and gain give the weights,
what it makes of layer 1's z, how schemes compare, and a challenge with the sigmoid.

The stack is five layers of 64 units fed a standard-normal batch (core.networks.probe), so every
fan_in and fan_out is 64; ``lab.setup`` holds the scheme, gain, activation and starting bias, and
``lab.probes`` what each layer measured.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from core.networks.init import HE, InitScheme
from core.neuron.activations import SIGMOID
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, Figures, NumberExercise,
                               Score, Solution, Verdict)
from tui.values.numbers import fmt, fmt_sig

if TYPE_CHECKING:
    from tui.chapters.ch07_init.lab import InitLab

FAN = 64
"""fan_in and fan_out of every layer in the lab."""
RATIO = 10.0
"""How far the spread of ∂C/∂z may change from L5 to L1 and still "hold", as the lab judges."""
SATURATED = 0.5
"""The challenge: at most this share of L5's activations saturated."""


def _sig(x: float) -> str:
    return fmt_sig(x, 4, min_decimals=1)


def _spread_steps(scheme: InitScheme, gain: float) -> tuple[str, str]:
    """The formula for the weights' spread sd and its value, for ``scheme`` at ``gain``."""
    s = scheme.std(FAN, FAN, gain)
    if scheme.name == "small":
        return ("U(−r, r) has sd = r/√3, and r = 0.01·gain",
                f"sd = 0.01·{_sig(gain)}/√3 = {_sig(s)}")
    if scheme.name == "normal":
        return ("N(0, 1) has sd = 1, times the gain", f"sd = 1·{_sig(gain)} = {_sig(s)}")
    if scheme.name == "xavier":
        return ("sd = gain·√(2/(fan_in + fan_out))",
                f"sd = {_sig(gain)}·√(2/({FAN} + {FAN})) = {_sig(s)}")
    return ("sd = gain·√(2/fan_in)", f"sd = {_sig(gain)}·√(2/{FAN}) = {_sig(s)}")


def _weight_spread(lab: InitLab) -> Solution:
    setup = lab.setup
    return Solution(setup.scheme.std(FAN, FAN, setup.gain), _spread_steps(setup.scheme, setup.gain))


def _z_spread(lab: InitLab) -> Solution:
    setup = lab.setup
    s = setup.scheme.std(FAN, FAN, setup.gain)
    expected = math.sqrt(FAN) * s
    return Solution(expected, (
        "z sums 64 products wᵢxᵢ of spread sd·1 each, so its spread is sd·√64 = 8·sd; "
        "b₀ moves every z alike and adds none",
        *_spread_steps(setup.scheme, setup.gain)[1:],
        f"sd(z) = 8·{_sig(s)} = {_sig(expected)}",
        f"the lab measures {_sig(lab.probes[0].spread('z').std)} on its batch (press v for z)",
    ))


def _gain_like_he(lab: InitLab) -> Solution:
    scheme = lab.setup.scheme
    he, own = HE.std(FAN, FAN), scheme.std(FAN, FAN)
    gain = he / own
    return Solution(gain, (
        f"He at gain 1 has sd = √(2/{FAN}) = {_sig(he)}",
        _spread_steps(scheme, 1.0)[1].replace("sd = ", f"{scheme.title} at gain 1 has sd = ", 1),
        f"gain = {_sig(he)}/{_sig(own)} = {_sig(gain)}",
    ))


def _gradient_trend(lab: InitLab) -> Verdict:
    top, bottom = lab.probes[-1].spread("grad").std, lab.probes[0].spread("grad").std
    first = "compare the spread of ∂C/∂z at L5, where it starts, and at L1 (v shows it)"
    if top == 0:
        return Verdict(2 if bottom == 0 else 0, (first, f"L5: sd 0; L1: sd {_sig(bottom)}",
                                                 "no gradient at L5 to compare with"))
    ratio = bottom / top
    answer = 0 if ratio > RATIO else (1 if ratio < 1 / RATIO else 2)
    return Verdict(answer, (
        first,
        f"L5: sd {_sig(top)}; L1: sd {_sig(bottom)}",
        f"L1/L5 = {_sig(bottom)}/{_sig(top)} = {_sig(ratio)}",
    ))


def _sigmoid_gradient(lab: InitLab) -> Score:
    top, bottom = lab.probes[-1].spread("grad").std, lab.probes[0].spread("grad").std
    sigmoid = lab.setup.activation is SIGMOID
    kept, calm = bottom >= top / RATIO, lab.probes[-1].saturated <= SATURATED
    mark = {True: "✓", False: "✗"}
    return Score(sigmoid and kept and calm, (
        f"activation: {lab.setup.activation.title}   {mark[sigmoid]} want sigmoid (a)",
        f"∂C/∂z sd L1/L5 = {_sig(bottom)}/{_sig(top)} = {_sig(bottom / top if top else 0.0)}   "
        f"{mark[kept]} want ≥ {1 / RATIO}",
        f"L5 saturated: {lab.probes[-1].saturated:.0%}   {mark[calm]} want ≤ {SATURATED:.0%}",
    ))


EXERCISES = (
    NumberExercise("weight-spread", lambda lab: f"With {lab.setup.scheme.title} at gain "
                   f"{_sig(lab.setup.gain)}, what is the spread sd (standard deviation) of each "
                   "weight?", _weight_spread, Figures(2)),
    NumberExercise("z-spread", lambda lab: "The batch is standard normal. What spread (sd) do "
                   f"you expect for layer 1's z, with {lab.setup.scheme.title} at gain "
                   f"{_sig(lab.setup.gain)}?", _z_spread, Figures(2)),
    NumberExercise("gain-like-he", lambda lab: f"What gain would give {lab.setup.scheme.title} "
                   "the same weight spread as He at gain 1?", _gain_like_he, Figures(2)),
    ChoiceExercise("gradient-trend", lambda lab: "From L5 back to L1, the spread of ∂C/∂z …",
                   ("grows over 10×", "shrinks over 10×", "stays within 10×"), _gradient_trend),
    ConceptCheck("relu-factor", "Why does He's scheme have 2/fan_in where a plain 1/fan_in would "
                 "keep a linear layer's spread?",
                 ("ReLU halves the mean of a²", "ReLU doubles z", "to be safe"), 0, (
                     "a layer's next z has variance v = fan_in · sd² · mean(a²)",
                     "ReLU sets about half its outputs to 0, so mean(a²) = mean(z²)/2",
                     "sd² = 2/fan_in puts back the factor 2 the zeros took away")),
    Challenge("sigmoid-gradient", lambda lab: "With the sigmoid, find a scheme and gain where "
              f"∂C/∂z at L1 keeps at least {1 / RATIO} of its spread at L5, while no more than "
              f"{SATURATED:.0%} of L5's activations are saturated.", _sigmoid_gradient,
              "σ′ is at most 0.25, so each layer shrinks ∂C/∂z unless the weights make up for "
              "it; too large and the sigmoid saturates. Try every scheme (i), then the gain."),
)

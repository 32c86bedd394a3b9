"""Chapter 7 exercises (weight initialisation): questions about the lab, answered by the core."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from core.networks.init import INIT_SCHEMES
from core.networks.probe import probe_stack
from core.neuron.activations import TANH
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch07_init.lab import InitLab


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


EXERCISES = (
    Exercise("normal-saturates", lambda lab: f"With tanh and standard-normal weights × "
             f"{fmt(lab.setup.gain, 2)}, how much of layer 5 is saturated?", SHARE_BANDS,
             _normal_saturates),
    Exercise("double-gain", lambda lab: f"If you double the gain (to {fmt(2 * lab.setup.gain, 2)}), "
             "the spread of layer 5's z …", UP_DOWN_SAME, _double_gain),
)

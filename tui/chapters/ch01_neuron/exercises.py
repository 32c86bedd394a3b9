"""Chapter 1 exercises (the neuron): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch01_neuron.lab import NeuronLab


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


EXERCISES = (
    Exercise("raise-w1", lambda lab: f"With x₁ = {fmt(lab.x[0])}: if you raise w₁ by 0.5, z …",
             UP_DOWN_SAME, _raise_w1),
    Exercise("raise-b", lambda lab: f"With z = {fmt(lab.z)} and {lab.neuron.activation.title}: "
             "if you raise b by 1, a …", UP_DOWN_SAME, _raise_b),
)

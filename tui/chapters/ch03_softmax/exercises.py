"""Chapter 3 exercises (logits and softmax): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.neuron.softmax import softmax
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch03_softmax.lab import SoftmaxLab


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


EXERCISES = (
    Exercise("shift", lambda lab: "If you add 10 to every logit, the probabilities …",
             ("all change", "stay the same", "only the largest changes"), _shift),
    Exercise("temperature", lambda lab: f"If you double T = {fmt(lab.temperature)}, the largest "
             "probability …", UP_DOWN_SAME, _hotter),
)

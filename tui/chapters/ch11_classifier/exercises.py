"""Chapter 11 exercises (the softmax classifier): worked out by the core from the lab as it is."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.networks.softmax_classifier import classifier_step
from tui.book.exercise import (UP_DOWN_SAME, Challenge, ChoiceExercise, NumberExercise, Places,
                               Score, Solution, Verdict, Whole, direction)
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch11_classifier.lab import ClassifierLab

GOAL = 0.97
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _top_two(lab: ClassifierLab) -> tuple[int, int]:
    order = np.argsort(-lab.logits, kind="stable")
    return int(order[0]), int(order[1])


def _raise_second(lab: ClassifierLab) -> Solution:
    """p of the runner-up if its logit rose by 1: its e^z is multiplied by e, nothing else moves."""
    z = lab.logits
    _, k = _top_two(lab)
    shift = max(float(z.max()), 0.0) if z.max() > 700 else 0.0  # e^z as the lab shows it
    e = np.exp(z - shift)
    total, ek = float(e.sum()), float(e[k])
    value = ek * math.e / (total - ek + ek * math.e)
    return Solution(value, (f"only digit {k}'s eᶻ changes, times e: p′ = e·eᶻ / (Σeᶻ − eᶻ + e·eᶻ)",
                            f"e·{fmt(ek)} / ({fmt(total)} − {fmt(ek)} + e·{fmt(ek)}) "
                            f"= {fmt(value)}"))


def _label(lab: ClassifierLab) -> int:
    """The test image's digit; for the learner's drawing, which has none, the digit the layer
    reads it as (the questions say so)."""
    return lab.label if lab.label is not None else _top_two(lab)[0]


def _is_a(lab: ClassifierLab) -> str:
    """The question's "this image is a 3", or for a drawing "say your drawing is a 3"."""
    if lab.label is None:
        return f"say your drawing is a {_label(lab)}"
    return f"this image is a {lab.label}"


def _cost_here(lab: ClassifierLab) -> Solution:
    y = _label(lab)
    p = float(lab.probs[y])
    value = -math.log(max(p, 1e-300))
    return Solution(value, (f"{_is_a(lab)}: C = −ln p{str(y).translate(SUBSCRIPTS)}",
                            f"−ln {fmt(p)} = {fmt(value)}"))


def _steps_per_epoch(lab: ClassifierLab) -> Solution:
    s = lab.current
    n, b = s.data.y_train.size, s.batch
    value = float(-(-n // b))
    return Solution(value, (f"{n:,} images in batches of {b}; a part batch still takes a step",
                            f"{n} / {b} = {fmt(n / b)}",
                            f"rounded up: {value:.0f} steps"))


def _grad_bias(lab: ClassifierLab) -> Solution:
    y = _label(lab)
    _, k = _top_two(lab) if _top_two(lab)[0] == y else (None, _top_two(lab)[0])
    p = float(lab.probs[k])
    target = 1.0 if k == y else 0.0
    value = p - target
    k_ = str(k).translate(SUBSCRIPTS)
    return Solution(value, (f"∂C/∂b{k_} = ∂C/∂z{k_} = p{k_} − y{k_}, and {_is_a(lab)}",
                            f"p{k_} − y{k_} = {fmt(p)} − {target:.0f} = {fmt(value)}"))


def _epoch(lab: ClassifierLab) -> Verdict:
    s = later = lab.current
    for _ in range(-(-s.data.y_train.size // s.batch)):
        later = classifier_step(later)
        if later is None:
            return Verdict(1, ("the steps diverge: the weights run off",))
    return Verdict(direction(s.test_accuracy, later.test_accuracy, 1e-12),
                   (f"test accuracy now {s.test_accuracy:.1%}",
                    f"after one more epoch {later.test_accuracy:.1%}"))


def _accurate(lab: ClassifierLab) -> Score:
    s = lab.current
    return Score(s.test_accuracy >= GOAL, (f"test accuracy {s.test_accuracy:.1%}, "
                                           f"want ≥ {GOAL:.0%}",))


EXERCISES = (
    NumberExercise("raise-second", lambda lab: f"The runner-up is digit {_top_two(lab)[1]}. If "
                   "its logit rose by 1, what would its probability be?", _raise_second,
                   Places(2)),
    NumberExercise("cost-here", lambda lab: f"{_is_a(lab).capitalize()}. What is its cost "
                   "−ln p_y?", _cost_here, Places(2)),
    NumberExercise("epoch-steps", lambda lab: f"With batches of {lab.current.batch}, how many "
                   "steps make one epoch?", _steps_per_epoch, Whole()),
    NumberExercise("grad-bias", lambda lab: "For the digit the layer reads this image as (or, "
                   "if that is right, the runner-up), what is ∂C/∂b for this image?",
                   _grad_bias, Places(2)),
    ChoiceExercise("epoch", lambda lab: f"After one more epoch with batches of "
                   f"{lab.current.batch}, what does the test accuracy do?", UP_DOWN_SAME, _epoch),
    Challenge("accurate", lambda lab: f"Get at least {GOAL:.0%} of the test images right.",
              _accurate, "Several epochs at the default batch size get close; try η and batch."),
)

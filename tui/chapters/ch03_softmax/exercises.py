"""Chapter 3 exercises (logits and softmax): probabilities for logits and temperatures the lab
does not show yet, worked out with the shifted terms e^((z − m)/T) the lab's table uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.neuron.softmax import exp_terms, softmax
from tui.book.exercise import (UP_DOWN_SAME, Challenge, ChoiceExercise, ConceptCheck,
                               NumberExercise, Places, Score, Solution, Verdict, direction)
from tui.values.numbers import fmt, fmt_factor

if TYPE_CHECKING:
    from tui.chapters.ch03_softmax.lab import SoftmaxLab

TARGET, NEAR, SMALL = 0.5, 0.005, 0.05
"""The challenge: p₁ within NEAR of TARGET while p₄ stays below SMALL."""


def _fraction(terms: np.ndarray, k: int) -> str:
    """``1.000/(1.000 + 0.368 + 0.135 + 0.050)``: term k over the sum of the terms."""
    return f"{fmt(terms[k])}/({' + '.join(fmt(t) for t in terms)})"


def _raise_z2(lab: SoftmaxLab) -> Solution:
    z = lab.logits.copy()
    z[1] += 1.0
    t = lab.temperature
    terms, p = exp_terms(z, t), softmax(z, t)
    return Solution(float(p[1]), (
        f"with z₂ = {fmt(z[1])}: p₂ = e^((z₂ − m)/T) / Σⱼ e^((zⱼ − m)/T)",
        f"m = max z = {fmt(z.max())}, so the terms e^((zⱼ − m)/T) are",
        "  " + ", ".join(fmt(v) for v in terms),
        f"p₂ = {_fraction(terms, 1)}",
        f"  = {fmt(p[1])}",
    ))


def _hotter(lab: SoftmaxLab) -> Solution:
    z, t = lab.logits, 2.0 * lab.temperature
    terms, p = exp_terms(z, t), softmax(z, t)
    top = int(np.argmax(p))
    return Solution(float(p[top]), (
        f"the terms e^((zⱼ − m)/T) at T {fmt(t)}, with m the largest z, {fmt(z.max())}:",
        "  " + ", ".join(fmt(v) for v in terms),
        f"largest p = {_fraction(terms, top)}",
        f"  = {fmt(p[top])}",
    ))


def _log_ratio(lab: SoftmaxLab) -> Solution:
    z1, z2, t = float(lab.logits[0]), float(lab.logits[1]), lab.temperature
    value = (z1 - z2) / t
    return Solution(value, (
        "ln(p₁/p₂) = ln(e^(z₁/T) / e^(z₂/T)) = (z₁ − z₂)/T: the sum cancels",
        f"  = ({fmt(z1)} − {fmt_factor(z2)})/{fmt(t)}",
        f"  = {fmt(value)}",
    ))


def halving_moves_p2(logits: np.ndarray, t: float) -> int:
    """0 if halving T raises p₂, 1 if it lowers it, 2 if it leaves it: decided exactly, even
    where both probabilities round to the same float.

    With dⱼ = (zⱼ − z₂)/T, p₂ = 1/Σⱼ e^dⱼ, and halving T turns each e^dⱼ into e^2dⱼ; so p₂ rises
    when Σⱼ e^dⱼ(e^dⱼ − 1) < 0. Each term has the sign of dⱼ, and a positive one past e^300
    outweighs any negative ones (each at most 1/4 in size); with none positive, any negative one
    decides, however far below e^−745 (where floats give 0) it lies.
    """
    d = (np.delete(logits, 1) - logits[1]) / t
    if np.all(d == 0):
        return 2
    if np.max(d) <= 0:
        return 0
    if np.max(d) > 300:
        return 1
    total = float(np.sum(np.exp(d) * np.expm1(d)))
    return 0 if total < 0 else (1 if total > 0 else 2)


def _halve_t(lab: SoftmaxLab) -> Verdict:
    t = lab.temperature
    now, then = float(lab.probs[1]), float(softmax(lab.logits, t / 2)[1])
    answer = halving_moves_p2(lab.logits, t)
    why = ("z₂ is the largest logit: it takes a larger share" if np.argmax(lab.logits) == 1
           and answer == 0 else {0: "so p₂ gains on the smaller logits more than it loses",
                                 1: "so p₂ loses to the larger logits", 2: "so p₂ stays"}[answer])
    if answer != 2 and fmt(now) == fmt(then):
        why += ", by less than these digits show"
    return Verdict(answer, (
        "halving T doubles every gap between the z/T",
        f"p₂ now, at T {fmt(t)}: {fmt(now)}",
        f"p₂ at T {fmt(t / 2)}: {fmt(then)}",
        why,
    ))


def _half_and_small(lab: SoftmaxLab) -> Score:
    p = lab.probs
    near, small = abs(p[0] - TARGET) <= NEAR, p[3] < SMALL
    return Score(bool(near and small), (
        f"p₁ = {fmt(p[0])}   {'✓' if near else '✗'} want {TARGET} ± {NEAR}",
        f"p₄ = {fmt(p[3])}   {'✓' if small else '✗'} want < {SMALL}",
    ))


EXERCISES = (
    NumberExercise("log-ratio", lambda lab: "The sum cancels in a ratio of probabilities. What is "
                   "ln(p₁/p₂) for the lab's logits and T?", _log_ratio, Places(2)),
    NumberExercise("raise-z2", lambda lab: f"If z₂ rose by 1, to {fmt(lab.logits[1] + 1)} (the "
                   "rest kept), what would p₂ be?", _raise_z2, Places(2)),
    NumberExercise("hotter", lambda lab: f"If T doubled, to {fmt(2 * lab.temperature)}, what "
                   "would the largest probability be?", _hotter, Places(2)),
    ChoiceExercise("halve-t", lambda lab: f"If T were halved, to {fmt(lab.temperature / 2)}, "
                   "p₂ …", UP_DOWN_SAME, _halve_t),
    ConceptCheck("shift", "Add the same number c to every logit. The probabilities …",
                 ("all change", "stay the same", "only the largest changes"), 1, (
                     "e^((zᵢ + c)/T) = e^(c/T) · e^(zᵢ/T) for every i",
                     "the same factor e^(c/T) multiplies the top and every term of the sum",
                     "so it cancels: every p stays as it was (which is why subtracting m is "
                     "allowed)")),
    Challenge("half-and-small", lambda lab: f"Make p₁ = {TARGET} (within {NEAR}) while p₄ stays "
              f"below {SMALL}. Change any logit or T.", _half_and_small,
              "p₁ = 0.5 means e^(z₁/T) equals the other three terms together. Raising T flattens "
              "everything, p₄ too; try raising z₂ instead."),
)

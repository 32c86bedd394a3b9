"""Chapter 8 exercises (anatomy of a layer): batch normalisation of one value in either mode,
the running statistics, what scaling the inputs does, and a challenge in evaluation mode.

Every number is unit 1's (the first of the layer's 32): its z for the batch on show is
``lab.parts.z[:, 0]``. Batch norm divides by the batch's own (biased) variance in training mode
and by the running variance in evaluation mode; the running statistics move only when a new
batch is fed in training mode.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.networks.anatomy import run_layer
from core.networks.batchnorm import BN_EPS, BN_MOMENTUM, BatchNorm
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, NumberExercise, Places,
                               Score, Solution, Verdict)
from tui.chapters.ch08_layer.lab import UNITS
from tui.values.numbers import as_factor, fmt, fmt_factor, fmt_quoted

if TYPE_CHECKING:
    from tui.chapters.ch08_layer.lab import AnatomyLab

MEAN_NEAR, SD_NEAR = 0.2, 0.1
"""The challenge: unit 1's normalised values with mean within MEAN_NEAR of 0 and sd within
SD_NEAR of 1, in evaluation mode."""


def _norm(lab: AnatomyLab) -> BatchNorm:
    """The layer's batch norm, or a fresh one where the lab has none (as b would put in)."""
    return lab.norm or BatchNorm.fresh(UNITS)


def _unit(lab: AnatomyLab) -> np.ndarray:
    """Unit 1's z over the batch on show."""
    return lab.parts.z[:, 0]


def _stats(lab: AnatomyLab, training: bool) -> tuple[float, float, str]:
    """The mean and variance batch norm divides by for unit 1, and where they come from."""
    if training:
        z = _unit(lab)
        return float(z.mean()), float(z.var()), "the batch's own mean and (biased) variance"
    norm = _norm(lab)
    return float(norm.running_mean[0]), float(norm.running_var[0]), "the running mean and variance"


def _factor(x: float) -> str:
    """:func:`fmt_quoted` as a factor: negative ones in parentheses."""
    return as_factor(fmt_quoted(x))


def _normalise(lab: AnatomyLab, training: bool) -> Solution:
    norm = _norm(lab)
    z = float(_unit(lab)[0])
    mean, var, source = _stats(lab, training)
    gamma, beta = float(norm.gamma[0]), float(norm.beta[0])
    value = gamma * (z - mean) / math.sqrt(var + BN_EPS) + beta
    return Solution(value, (
        f"ẑ = γ·(z − μ)/√(v + ε) + β, with μ and v {source}",
        f"  = {fmt(gamma)}·({fmt_quoted(z)} − {_factor(mean)})/√({fmt_quoted(var)} + 0.00001) + "
        f"{fmt_factor(beta)}",
        f"  = {fmt(value)}",
    ))


def _mode(training: bool) -> str:
    return "training mode" if training else "evaluation mode"


def _normalise_prompt(lab: AnatomyLab, training: bool, opening: str = "Unit 1's") -> str:
    mean, var, _ = _stats(lab, training)
    norm = _norm(lab)
    return (f"{opening} z for the first example is {fmt_quoted(_unit(lab)[0])}. In "
            f"{_mode(training)} (μ = {fmt_quoted(mean)}, v = {fmt_quoted(var)}, "
            f"γ = {fmt(norm.gamma[0])}, "
            f"β = {fmt(norm.beta[0])}), what is its normalised value ẑ?")


def _running_mean(lab: AnatomyLab) -> Solution:
    running = float(_norm(lab).running_mean[0])
    mean = float(_next_mean(lab))
    new = (1 - BN_MOMENTUM) * running + BN_MOMENTUM * mean
    return Solution(new, (
        f"each training batch moves the running mean {BN_MOMENTUM:.0%} of the way to its own",
        f"new = (1 − {BN_MOMENTUM})·{fmt_factor(running)} + {BN_MOMENTUM}·{fmt_factor(mean)}",
        f"  = {fmt(new)}",
    ))


def _next_mean(lab: AnatomyLab) -> float:
    """Unit 1's mean z over the next batch (the one s feeds)."""
    return float((lab.batch(lab.batch_no + 1) @ lab.weights.W[:, 0]).mean() + lab.weights.b[0])


def _scaled_inputs(lab: AnatomyLab) -> Verdict:
    norm = lab.norm
    x = lab.batch(lab.batch_no)
    plain, _ = run_layer(x, lab.weights, norm, lab.training, lab.act)
    scaled, _ = run_layer(10.0 * x, lab.weights, norm, lab.training, lab.act)
    before, after = float(np.std(plain.normed)), float(np.std(scaled.normed))
    if before == 0:  # γ = 0: every value is β, whatever comes in
        return Verdict(1 if after == 0 else 0, (
            "with γ = 0 the norm part puts out β for every input",
            f"spread after the norm part: {fmt(before)} now, {fmt(after)} with 10× the inputs"))
    ratio = after / before
    answer = 1 if abs(ratio - 1) < 0.01 else (0 if ratio > 1 else 2)
    how = ("no batch norm: the values after the norm part are z itself" if norm is None else
           "training mode: each unit is divided by its own batch's spread, which grows 10× too"
           if lab.training else "evaluation mode: the running statistics stay as they were")
    return Verdict(answer, (
        f"z = x·W + b grows 10× with x (b is 0); {how}",
        f"spread after the norm part: {fmt(before)} now, {fmt(after)} with 10× the inputs",
        f"ratio {fmt(ratio)}",
    ))


def _eval_match(lab: AnatomyLab) -> Score:
    norm, parts = lab.norm, lab.parts
    values = parts.normed[:, 0]
    evaluating = not lab.training and norm is not None
    plain = norm is not None and float(norm.gamma[0]) == 1.0 and float(norm.beta[0]) == 0.0
    centred, scaled = abs(values.mean()) < MEAN_NEAR, abs(values.std() - 1) < SD_NEAR
    mark = {True: "✓", False: "✗"}
    return Score(evaluating and plain and centred and scaled, (
        f"batch norm in, evaluation mode, γ = 1, β = 0   {mark[evaluating and plain]}",
        f"unit 1's ẑ: mean {fmt(values.mean())}   {mark[centred]} want within {MEAN_NEAR} of 0",
        f"unit 1's ẑ: sd {fmt(values.std())}   {mark[scaled]} want within {SD_NEAR} of 1",
    ))


EXERCISES = (
    NumberExercise("normalise", lambda lab: _normalise_prompt(lab, lab.training),
                   lambda lab: _normalise(lab, lab.training), Places(2)),
    NumberExercise("other-mode", lambda lab: _normalise_prompt(lab, not lab.training,
                                                               "The other mode: unit 1's"),
                   lambda lab: _normalise(lab, not lab.training), Places(2)),
    NumberExercise("running-mean", lambda lab: f"Unit 1's running mean is "
                   f"{fmt(_norm(lab).running_mean[0])}; the next batch (s, in training mode) has "
                   f"mean {fmt(_next_mean(lab))}. What will the running mean be after it?",
                   _running_mean, Places(2)),
    ChoiceExercise("scale-inputs", lambda lab: f"With the layer as set ({_mode(lab.training)}"
                   f"{'' if lab.norm else ', no batch norm'}), multiply every input by 10. The "
                   "values after the norm part …", ("grow about 10×", "stay the same", "shrink"),
                   _scaled_inputs),
    ConceptCheck("linear-stack", "Two linear layers, x·W₁ + b₁ then ·W₂ + b₂, with no "
                 "activation between them, compute the same as …",
                 ("one linear layer", "a curve", "nothing simpler"), 0, (
                     "(x·W₁ + b₁)·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂)",
                     "that is x·W + b with W = W₁W₂ and b = b₁W₂ + b₂: one layer",
                     "an activation between them breaks this, as the collapse view (v) shows")),
    Challenge("eval-match", lambda lab: "In evaluation mode, with γ = 1 and β = 0, make unit 1's "
              f"normalised values come out with mean 0 (within {MEAN_NEAR}) and sd 1 (within "
              f"{SD_NEAR}).", _eval_match,
              "Evaluation mode divides by the running statistics, which start at 0 and 1. Feed "
              "batches in training mode (s) until they settle, then switch (m)."),
)

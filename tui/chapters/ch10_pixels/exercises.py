"""Chapter 10 exercises (a neuron that reads pixels): worked out by the core from the lab as it is."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.networks.pixel_neuron import pixel_steps
from tui.book.exercise import (UP_DOWN_SAME, Challenge, ChoiceExercise, NumberExercise, Places,
                               Score, Solution, Verdict, direction)
from tui.values.numbers import fmt, fmt_factor

if TYPE_CHECKING:
    from tui.chapters.ch10_pixels.lab import PixelLab

AHEAD = 100
GOAL_STEPS, GOAL_COST = 2000, 0.075
GOAL_DIGIT, GOAL_SEED = 3, 0
"""The challenge's question and split: the goal is set for them (other digits and splits need
no λ to meet it, or cannot meet it with the λ the l key gives)."""


def _without_top(lab: PixelLab) -> Solution:
    s = lab.current
    terms = s.w * lab.x
    top = [float(terms[i]) for i in np.argsort(-np.abs(terms), kind="stable")[:3]]
    value = lab.z - sum(top)
    shown = " ".join(f"− {fmt_factor(t)}" for t in top)
    return Solution(value, ("z without them: take their wᵢxᵢ off z",
                            f"{fmt(lab.z)} {shown} = {fmt(value)}"))


def _cost_here(lab: PixelLab) -> Solution:
    a, y = lab.a, lab.y
    if y > 0.5:
        value = -math.log(max(a, 1e-300))
        return Solution(value, ("the image is a positive (y is 1): C = −ln a",
                                f"−ln {fmt(a)} = {fmt(value)}"))
    value = -math.log(max(1.0 - a, 1e-300))
    return Solution(value, ("the image is a negative (y is 0): C = −ln(1 − a)",
                            f"−ln(1 − {fmt(a)}) = {fmt(value)}"))


def _shrink(lab: PixelLab) -> Solution:
    s = lab.current
    factor = 1.0 - s.lr * s.lam
    return Solution(factor, ("each step multiplies wᵢ by 1 − ηλ before the data's push",
                             f"1 − {fmt(s.lr)}·{fmt(s.lam, 4)} = {fmt(factor, 4)}"))


def _always_no(lab: PixelLab) -> Solution:
    t = lab.current.task
    n, yes = t.y_test.size, int(t.y_test.sum())
    value = 100.0 * (n - yes) / n
    return Solution(value, (f"{yes} of the {n:,} test images show a {lab.digit}",
                            f"(1 − {yes}/{n})·100 = {fmt(value)}"))


def _test_cost(lab: PixelLab) -> Verdict:
    now, later = lab.current, pixel_steps(lab.current, AHEAD)
    if later is None:
        return Verdict(2, ("the steps would diverge: the weights would run off",))
    return Verdict(direction(now.test_cost, later.test_cost, 1e-9),
                   (f"test cost now {now.test_cost:.4f}",
                    f"after {AHEAD} more steps {later.test_cost:.4f}",
                    f"(training cost {now.train_cost:.4f} → {later.train_cost:.4f})"))


def _keep_it_low(lab: PixelLab) -> Score:
    s = lab.current
    digit, seed = lab.digit == GOAL_DIGIT, lab.seed == GOAL_SEED
    ok = digit and seed and s.steps >= GOAL_STEPS and s.test_cost < GOAL_COST
    mark = {True: "✓", False: "✗"}
    return Score(ok, (f"is it a {lab.digit}?   {mark[digit]} want {GOAL_DIGIT}",
                      f"seed {lab.seed}   {mark[seed]} want {GOAL_SEED}",
                      f"step {s.steps} of at least {GOAL_STEPS:,}",
                      f"test cost {s.test_cost:.4f}, want < {GOAL_COST}"))


EXERCISES = (
    NumberExercise("without-top", lambda lab: "Blank the three pixels with the largest |wᵢxᵢ| "
                   "in the sum on screen: what would z be then?", _without_top, Places(2)),
    NumberExercise("cost-here", lambda lab: f"The image on show has y = {lab.y:.0f} and "
                   f"a = {fmt(lab.a)}. What is its cross-entropy cost?", _cost_here, Places(2)),
    NumberExercise("shrink", lambda lab: f"With η = {fmt(lab.current.lr)} and "
                   f"λ = {fmt(lab.current.lam, 4)}, each step first multiplies every weight "
                   "by what factor?", _shrink, Places(4)),
    NumberExercise("always-no", lambda lab: f"A neuron that always says 'not a {lab.digit}': "
                   "what percentage of the test images does it get right?", _always_no, Places(1)),
    ChoiceExercise("test-cost", lambda lab: f"After {AHEAD} more steps, does the test cost go "
                   "up or down?", UP_DOWN_SAME, _test_cost),
    Challenge("keep-it-low", lambda lab: f"Asking 'is it a {GOAL_DIGIT}?' on seed {GOAL_SEED}'s "
              f"split, train for at least {GOAL_STEPS:,} steps and end with a test cost below "
              f"{GOAL_COST} (without λ it climbs to about 0.09).",
              _keep_it_low, "Overfitting grows the weights: what does λ do to them?"),
)

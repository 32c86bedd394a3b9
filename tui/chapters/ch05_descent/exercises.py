"""Chapter 5 exercises (gradient descent): one step worked by hand from ∇C and η, how far it
goes and how much it should gain, and two challenges: a fast descent on the bowl, and a start
that rolls into the lower of two valleys.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.neuron.train import plan_step, step
from tui.book.exercise import (Challenge, ChoiceExercise, Figures, NumberExercise, Places, Score,
                               Solution, Verdict)
from tui.chapters.ch05_descent.landscapes import LANDSCAPES, minima, valley_of
from tui.values.numbers import as_factor, fmt, fmt_quoted, fmt_sig

if TYPE_CHECKING:
    from tui.chapters.ch05_descent.lab import DescentLab

FAST_COST, FAST_STEPS = 0.0095, 8
"""The bowl challenge: C below this (the bottom is 0.009) within this many steps."""
MARK = {True: "✓", False: "✗"}
SAME = 1e-12
"""C′ within this share of C is the same C: the rounding of the last bit, not a step's doing."""


def _sig(x: float, figures: int = 4) -> str:
    """``x`` to ``figures`` significant figures, with a decimal point (never read as exact)."""
    return fmt_sig(x, figures, min_decimals=1)


def _factor(x: float) -> str:
    """``x`` as a question quotes it (:func:`fmt_quoted`), as a factor."""
    return as_factor(fmt_quoted(x))


def _bottom(name: str) -> float:
    """The lowest minimum's cost on landscape ``name``."""
    return minima(next(land for land in LANDSCAPES if land.name == name))[0].cost


def _gradient(lab: DescentLab) -> tuple[float, float]:
    g = plan_step(lab.current).grad
    return float(g[0]), float(g[1])


def _quoted_gradient(lab: DescentLab) -> str:
    g0, g1 = _gradient(lab)
    return f"∇C = ({fmt_quoted(g0)}, {fmt_quoted(g1)})"


def _next_w(lab: DescentLab) -> Solution:
    cur = lab.current
    w, (g0, _) = float(cur.neuron.w[0]), _gradient(lab)
    new = float(plan_step(cur).new.w[0])
    return Solution(new, (
        "w′ = w − η·∂C/∂w, with ∂C/∂w the first part of ∇C",
        f"w′ = {fmt(w)} − {fmt_quoted(cur.lr)}·{_factor(g0)}",
        f"  = {fmt(new)}",
    ))


def _step_length(lab: DescentLab) -> Solution:
    eta, (g0, g1) = lab.current.lr, _gradient(lab)
    length = eta * math.hypot(g0, g1)
    return Solution(length, (
        "the step is −η∇C, so its length is η·√((∂C/∂w)² + (∂C/∂b)²)",
        f"  = {fmt_quoted(eta)}·√({_factor(g0)}² + {_factor(g1)}²)",
        f"  = {_sig(length, 3)}",
    ))


def _first_order(lab: DescentLab) -> Solution:
    cur = lab.current
    eta, (g0, g1) = cur.lr, _gradient(lab)
    estimate = eta * (g0 * g0 + g1 * g1)
    after = step(cur).cost
    return Solution(estimate, (
        "along −η∇C the cost falls by about η·|∇C|² = η·((∂C/∂w)² + (∂C/∂b)²)",
        f"  = {fmt_quoted(eta)}·({_factor(g0)}² + {_factor(g1)}²)",
        f"  = {_sig(estimate, 3)}",
        f"the real fall: C − C′ = {_sig(cur.cost)} − {_sig(after)} = "
        f"{_sig(cur.cost - after, 3)}",
    ))


def _lower(lab: DescentLab) -> Verdict:
    """Lower only by more than rounding: at η = 1 on the bowl, or at a bottom, C′ and C differ in
    their last bit either way, and the lab's status line calls that "did not fall" too."""
    cur = lab.current
    after = step(cur)
    lower = after.cost < cur.cost * (1 - SAME)
    higher = after.cost > cur.cost * (1 + SAME)
    close = not higher and _sig(after.cost) == _sig(cur.cost)
    return Verdict(0 if lower else 1, (
        f"C now: {_sig(cur.cost)}",
        f"after one step with η {fmt_quoted(cur.lr)}: C′ {_sig(after.cost)}",
        *((f"C′ − C = {_sig(after.cost - cur.cost, 3)}",) if lower and close else ()),
        "C′ < C: the step goes downhill" if lower else
        "C′ > C: the step overshoots, landing higher on the far side" if higher else
        "C′ = C to 12 figures: the step leaves C where it was",
    ))


def _placed(lab: DescentLab):
    """The state the path starts from, and how many steps it has taken since."""
    path = lab.path()
    return path[0], sum(1 for s in path if s.action == "step")


def _bowl_fast(lab: DescentLab) -> Score:
    first, steps = _placed(lab)
    cost = lab.current.cost
    here = lab.landscape.name == "bowl" and first.action == "start"
    quick, low = steps <= FAST_STEPS, cost < FAST_COST
    return Score(here and quick and low, (
        f"from the bowl's start: {'yes' if here else 'no (c to the bowl, R to its start)'}   "
        f"{MARK[here]}",
        f"steps: {steps}   {MARK[quick]} want ≤ {FAST_STEPS}",
        f"C = {_sig(cost)}   {MARK[low]} want < {FAST_COST}",
    ))


def _lower_valley(lab: DescentLab) -> Score:
    land = lab.landscape
    first, steps = _placed(lab)
    w0, b0 = float(first.neuron.w[0]), first.neuron.b
    cur = lab.current
    here = land.name == "two valleys"
    away = here and valley_of(land, w0, b0) is None
    lowest = here and steps > 0 and valley_of(land, float(cur.neuron.w[0]), cur.neuron.b) is \
        minima(land)[0]
    return Score(bool(here and away and lowest), (
        f"on the two valleys: {'yes' if here else 'no (c)'}   {MARK[here]}",
        f"started at ({fmt(w0)}, {fmt(b0)}), away from both minima   {MARK[away]}",
        f"now C = {_sig(cur.cost)} after {steps} steps   "
        f"{MARK[lowest]} want the lower valley, C {_sig(minima(land)[0].cost, 3)}"
        if here else "now: not on the two valleys   ✗",
    ))


def _eta(lab: DescentLab) -> str:
    return fmt_quoted(lab.current.lr)


EXERCISES = (
    NumberExercise("next-w", lambda lab: f"Here {_quoted_gradient(lab)} and η = {_eta(lab)}. "
                   "Where will w be after the next step?", _next_w, Places(2)),
    NumberExercise("step-length", lambda lab: f"With {_quoted_gradient(lab)} and η = "
                   f"{_eta(lab)}, how long is the next step across the map?",
                   _step_length, Figures(2)),
    NumberExercise("first-order", lambda lab: f"With {_quoted_gradient(lab)} and η = "
                   f"{_eta(lab)}, by how much should the next step lower C, to first "
                   "order (η·|∇C|²)?", _first_order, Figures(2)),
    ChoiceExercise("lower", lambda lab: f"With η = {_eta(lab)}, will the next step "
                   "lower the cost?", ("yes", "no"), _lower),
    Challenge("bowl-fast", lambda lab: f"On the bowl, from its start, bring C below {FAST_COST} "
              f"(its bottom is {_sig(_bottom('bowl'), 2)}) in at most {FAST_STEPS} steps. "
              "Choose η; R starts again.", _bowl_fast,
              "At η = 0.3 the steps are too short. Too large an η overshoots and bounces; try "
              "doubling it, then adjust."),
    Challenge("lower-valley", lambda lab: "On the two valleys (c), place the point (w, b) away "
              "from both minima so that descent rolls into the lower one, where C is "
              f"{_sig(_bottom('two valleys'), 3)}.", _lower_valley,
              "From the start every η ends in the upper valley. Find the lower minimum on the "
              "map: which side of the ridge must you start on?"),
)

"""Chapter 9 exercises (XOR): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.networks.net_train import net_step
from core.neuron.train import step
from tui.book.exercise import Exercise, Verdict
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch09_xor.lab import XorLab


LOOKAHEAD = 200


def _single_solves(lab: XorLab) -> Verdict:
    single = lab.current.single
    for _ in range(LOOKAHEAD):
        single = step(single)
    a = single.neuron.forward(single.data.X).a
    acc = float(np.mean((a > 0.5) == (single.data.y > 0.5)))
    why = (f"after {LOOKAHEAD} more steps it gets {acc:.0%} right (C = {fmt(single.cost)}). "
           "One neuron draws one straight line, and no line puts (0,1) and (1,0) on one side "
           "and (0,0) and (1,1) on the other.")
    return Verdict(0 if acc == 1.0 else 1, why)


def _net_solves(lab: XorLab) -> Verdict:
    net = lab.current.net
    for _ in range(LOOKAHEAD):
        net = net_step(net)
    why = (f"after {LOOKAHEAD} more steps it gets {net.accuracy:.0%} right (C = {fmt(net.cost)})"
           + ("." if net.accuracy == 1.0 else
              ": this start is stuck in a local minimum. Compare h₁ and h₂ on the points it "
              "gets wrong, then try another seed."))
    return Verdict(0 if net.accuracy == 1.0 else 1, why)


EXERCISES = (
    Exercise("single-solves", lambda lab: f"After {LOOKAHEAD} more steps, will the single neuron "
             "classify all four points?", ("yes", "no"), _single_solves),
    Exercise("net-solves", lambda lab: f"After {LOOKAHEAD} more steps, will the 2-2-1 network "
             f"(seed {lab.seed}, η = {fmt(lab.lr)}) classify all four?", ("yes", "no"), _net_solves),
)

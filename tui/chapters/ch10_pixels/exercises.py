"""Chapter 10 exercises (a neuron that reads pixels): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.networks.pixel_neuron import pixel_steps
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction

if TYPE_CHECKING:
    from tui.chapters.ch10_pixels.lab import PixelLab

AHEAD = 100


def _test_cost(lab: PixelLab) -> Verdict:
    now = lab.current
    later = pixel_steps(now, AHEAD)
    if later is None:
        return Verdict(2, "the steps would diverge: the weights would run off.")
    why = (f"the test cost goes from {now.test_cost:.4f} to {later.test_cost:.4f}, while the "
           f"training cost goes from {now.train_cost:.4f} to {later.train_cost:.4f}.")
    return Verdict(direction(now.test_cost, later.test_cost, 1e-9), why)


def _says_yes(lab: PixelLab) -> Verdict:
    later = pixel_steps(lab.current, AHEAD)
    if later is None:
        return Verdict(1, "the steps would diverge: the weights would run off.")
    z = float(later.w @ lab.x + later.b)
    why = (f"after {AHEAD} more steps z = w·x + b = {z:.3f} for this image, so "
           f"a = σ(z) {'>' if z > 0 else '≤'} 0.5.")
    return Verdict(0 if z > 0 else 1, why)


EXERCISES = (
    Exercise("test-cost", lambda lab: f"After {AHEAD} more steps (η = {lab.current.lr:g}, "
             f"λ = {lab.current.lam:g}), does the test cost go up or down?", UP_DOWN_SAME,
             _test_cost),
    Exercise("says-yes", lambda lab: f"After {AHEAD} more steps, will the neuron say yes "
             f"(a > 0.5) to test image {lab.example + 1}?", ("yes", "no"), _says_yes),
)

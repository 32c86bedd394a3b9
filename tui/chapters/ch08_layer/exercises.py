"""Chapter 8 exercises (anatomy of a layer): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.networks.anatomy import run_layer
from core.networks.batchnorm import BatchNorm
from tui.book.exercise import Exercise, Verdict
from tui.chapters.ch08_layer.lab import UNITS
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch08_layer.lab import AnatomyLab


def _scaled_inputs(lab: AnatomyLab) -> Verdict:
    norm = lab.norm or BatchNorm.fresh(UNITS)
    x = lab.batch(lab.batch_no)
    plain, _ = run_layer(x, lab.weights, norm, True, lab.act)
    scaled, _ = run_layer(10.0 * x, lab.weights, norm, True, lab.act)
    gap = float(np.max(np.abs(scaled.normed - plain.normed)))
    ratio = float(np.std(scaled.normed) / max(np.std(plain.normed), 1e-300))
    answer = 1 if gap < 1e-3 else (0 if ratio > 1.5 else 2)
    why = (f"z grows 10×, and so do its batch mean and spread; after dividing by the spread the "
           f"normalised values change by at most {fmt(gap, 1)}.")
    return Verdict(answer, why)


def _one_layer(lab: AnatomyLab) -> Verdict:
    c = lab.collapse_result()
    same = c.best_gap <= 1e-9 * max(c.scale, 1.0)
    why = (f"the best single layer misses the stack by {fmt(c.best_gap, 1)} at most"
           + (": rounding only. Linear maps compose into one linear map." if same else
              f", with outputs up to {fmt(c.scale, 2)}: {lab.between.title} bends what the next "
              "layer sees."))
    return Verdict(0 if same else 1, why)


EXERCISES = (
    Exercise("scale-inputs", lambda lab: "With batch norm in the layer, multiply every input by "
             "10. The normalised values …", ("grow about 10×", "stay the same", "shrink"),
             _scaled_inputs),
    Exercise("one-layer", lambda lab: f"Stack {'→'.join(map(str, lab.sizes))} with "
             f"{lab.between.title} between the layers: can one layer reproduce it exactly?",
             ("yes", "no"), _one_layer),
)

"""The row of fields chapters 10 and 12 train with: η, λ, a seed and the steps each s takes."""

from __future__ import annotations

from textual.widget import Widget

from tui.values.bounds import LR_BOUNDS, SEED_BOUNDS
from tui.values.numbers import Bounds
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.number_field import NumberField

LAMBDA_BOUNDS = Bounds(0.0, 10.0)
"""The L2 penalty λ."""
PER_KEY_BOUNDS = Bounds(1, 100, integer=True)
"""Gradient steps one press of s takes."""


def training_fields(lr: float, lam: float, seed: int, per_key: int) -> Widget:
    """η (+/- double and halve), λ and steps (+/- by tens), the seed (+/- by one); the ids are
    ``lr``, ``lam``, ``seed`` and ``per_key``."""
    return KeptHorizontal(
        NumberField("η", lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr"),
        NumberField("λ", lam, LAMBDA_BOUNDS, nudge=lambda v, d: v * 10.0**d, digits=4, id="lam"),
        NumberField("seed", seed, SEED_BOUNDS, nudge=lambda v, d: v + d, id="seed"),
        NumberField("steps", per_key, PER_KEY_BOUNDS, nudge=lambda v, d: v * 10.0**d,
                    id="per_key"),
        classes="fields")

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
SMALLEST_LAMBDA = 0.001
"""Where + takes λ from 0, and below which − takes it to 0."""


def lambda_nudge(value: float, direction: int) -> float:
    """λ by tens, through 0: 0, 0.001, 0.01, 0.1, … (times ten alone never leaves 0, where λ
    starts, and never reaches it)."""
    if value == 0:
        return SMALLEST_LAMBDA if direction > 0 else 0.0
    value *= 10.0**direction
    return 0.0 if value < SMALLEST_LAMBDA * (1 - 1e-9) else value


def training_fields(lr: float, lam: float, seed: int, per_key: int) -> Widget:
    """η (+/- double and halve), λ (by tens, from and to 0) and steps (+/- by tens), the seed
    (+/- by one); the ids are ``lr``, ``lam``, ``seed`` and ``per_key``."""
    return KeptHorizontal(
        NumberField("η", lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr"),
        NumberField("λ", lam, LAMBDA_BOUNDS, nudge=lambda_nudge, digits=4, id="lam"),
        NumberField("seed", seed, SEED_BOUNDS, nudge=lambda v, d: v + d, id="seed"),
        NumberField("steps", per_key, PER_KEY_BOUNDS, nudge=lambda v, d: v * 10.0**d,
                    id="per_key"),
        classes="fields")

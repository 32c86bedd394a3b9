"""The fields of a two-input neuron lab (x₁, x₂, w₁, w₂, b): applying an edit, showing values."""

from __future__ import annotations

import numpy as np
from textual.widget import Widget

from core.neuron.neuron import Neuron
from tui.widgets.number_field import NumberField


def apply_edit(neuron: Neuron, x: np.ndarray, key: str, value: float) -> tuple[Neuron, np.ndarray]:
    """The neuron and inputs after field ``key`` ("b", "w-i" or "x-i") is set to ``value``."""
    if key == "b":
        return neuron.with_params(b=value), x
    if key.startswith("w-"):
        return neuron.with_weight(int(key[2:]), value), x
    x = x.copy()
    x[int(key[2:])] = value
    return neuron, x


def show_values(owner: Widget, neuron: Neuron, x: np.ndarray) -> None:
    """Put the current x, w and b into ``owner``'s fields."""
    for i in range(x.size):
        owner.query_one(f"#x-{i}", NumberField).set_value(float(x[i]))
        owner.query_one(f"#w-{i}", NumberField).set_value(float(neuron.w[i]))
    owner.query_one("#b", NumberField).set_value(neuron.b)

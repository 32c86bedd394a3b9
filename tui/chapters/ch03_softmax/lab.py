"""Chapter 3's lab: a vector of logits, their exponentials, and the probabilities softmax makes."""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult

from core.neuron.softmax import exp_terms, softmax
from tui.book.lab_base import ChapterLab
from tui.values.numbers import Bounds, fmt
from tui.widgets.kept_lines import KeptGrid
from tui.widgets.fitted_lines import FittedLines
from tui.widgets.lines import fit
from tui.widgets.number_field import NumberField

LOGIT_BOUNDS = Bounds(-1e6, 1e6)
TEMPERATURE_BOUNDS = Bounds(0.01, 100.0)
BAR = 10
"""Cells in a probability bar: one for each 0.1."""
LOGIT_NUDGE = 0.5
"""What + and - add to a logit."""


def _raw_exp(z: float) -> str:
    """e^z as the screen can show it; past the largest float (z > 709.78) it says so."""
    try:
        return fmt(math.exp(z))
    except OverflowError:
        return "overflows"


def _bar(p: float) -> str:
    full = int(round(p * BAR))
    return "█" * full + "·" * (BAR - full)


class SoftmaxLab(ChapterLab):
    """Four logits z₁…z₄ and a temperature T; p = softmax(z / T)."""

    DEFAULT_CSS = """
    SoftmaxLab Grid { grid-size: 2; grid-gutter: 0 2; height: auto; grid-rows: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.logits = np.array([2.0, 1.0, 0.1, -1.0])
        self.temperature = 1.0

    def compose(self) -> ComposeResult:
        """Fields for the logits and the temperature, then the table."""
        nudge = lambda v, d: v + d * LOGIT_NUDGE  # noqa: E731
        with KeptGrid():
            for i, sub in enumerate("₁₂₃₄"):
                yield NumberField(f"z{sub}", self.logits[i], LOGIT_BOUNDS, nudge=nudge, id=f"z-{i}")
            yield NumberField("T", self.temperature, TEMPERATURE_BOUNDS,
                              nudge=lambda v, d: v * 2.0**d, id="temperature")
        yield FittedLines(id="softmax-table")

    def on_mount(self) -> None:
        """Draw the starting table."""
        self._redraw()

    @property
    def probs(self) -> np.ndarray:
        """softmax(z / T) for the current logits."""
        return softmax(self.logits, self.temperature)

    def table_lines(self, width: int | None) -> list[Text]:
        """The table: e^(z/T), the shifted term, p and its bar; the bars go if they do not fit."""
        z, t = self.logits, self.temperature
        p, shifted = self.probs, exp_terms(z, t)
        rows = [Text(f"{'':2} {'e^(z/T)':>9} {'shifted':>8} {'p':>8}", style="bold")]
        for i in range(z.size):
            row = f"z{'₁₂₃₄'[i]} {_raw_exp(z[i] / t):>9} {fmt(shifted[i]):>8} {fmt(p[i]):>8}"
            rows.append(Text(fit(width, f"{row} {_bar(p[i])}", row)))
        rows.append(Text(f"m = max z = {fmt(z.max())};  Σp = {fmt(p.sum())}", style="dim"))
        return rows

    def _redraw(self) -> None:
        z, t = self.logits, self.temperature
        self.query_one("#softmax-table", FittedLines).show_fitted(self.table_lines)
        for i in range(z.size):
            self.query_one(f"#z-{i}", NumberField).set_value(float(z[i]))
        self.query_one("#temperature", NumberField).set_value(t)
        self.changed()

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        key = event.field.id or ""
        if key == "temperature":
            self.temperature = event.value
        else:
            self.logits = self.logits.copy()
            self.logits[int(key[2:])] = event.value
        self._redraw()


LAB = SoftmaxLab
"""This chapter's lab, for the table of contents."""

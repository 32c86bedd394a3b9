"""Chapter 1's lab: two inputs, two weights and a bias, with the sum and the activation written out."""

from __future__ import annotations

import re

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import ACTIVATIONS, SIGMOID
from core.neuron.neuron import Neuron
from tui.values.bounds import VALUE_BOUNDS
from tui.values.choices import cycle
from tui.book.lab_base import ChapterLab
from tui.book.neuron_fields import apply_edit, show_values
from tui.values.numbers import fmt
from tui.widgets.arithmetic import weighted_sum_terms
from tui.widgets.kept_lines import KeptGrid
from tui.widgets.fitted_lines import FittedLines
from tui.widgets.lines import fit
from tui.widgets.number_field import NumberField

NUDGE = 0.1


def broken_sum(terms: str, width: int | None) -> list[str]:
    """``"  = " + terms`` on one line if it fits in ``width``, else broken before a + or −
    between terms, each further line indented under the first term, as a textbook breaks it."""
    first = f"  = {terms}"
    if width is None or cell_len(first) <= width:
        return [first]
    pieces = re.split(r" (?=[+−] )", terms)
    lines = [f"  = {pieces[0]}"]
    for piece in pieces[1:]:
        joined = f"{lines[-1]} {piece}"
        lines[-1:] = [joined] if cell_len(joined) <= width else [lines[-1], f"    {piece}"]
    return lines


def _nudge(value: float, direction: int) -> float:
    return value + direction * NUDGE


class NeuronLab(ChapterLab):
    """A neuron with inputs you type: z = w₁x₁ + w₂x₂ + b, a = f(z)."""

    DEFAULT_CSS = """
    NeuronLab Grid { grid-size: 2; grid-gutter: 0 2; height: auto; grid-rows: auto; }
    """

    BINDINGS = [Binding("a", "activation", "Activation")]

    def __init__(self) -> None:
        super().__init__()
        self.x = np.array([1.0, 0.3])
        self.neuron = Neuron(w=[0.5, -1.2], b=0.1, activation=SIGMOID)

    def compose(self) -> ComposeResult:
        """Fields for x and w side by side, the bias, then the arithmetic."""
        with KeptGrid():
            for i, sub in enumerate("₁₂"):
                yield NumberField(f"x{sub}", self.x[i], VALUE_BOUNDS, nudge=_nudge, id=f"x-{i}")
                yield NumberField(f"w{sub}", self.neuron.w[i], VALUE_BOUNDS, nudge=_nudge,
                                  id=f"w-{i}")
            yield NumberField("b", self.neuron.b, VALUE_BOUNDS, nudge=_nudge, id="b")
        yield FittedLines(id="neuron-sum")

    def on_mount(self) -> None:
        """Write the arithmetic for the starting numbers."""
        self._redraw()

    @property
    def z(self) -> float:
        """The weighted sum for the current numbers."""
        return float(self.neuron.forward(self.x).z)

    @property
    def a(self) -> float:
        """The activation for the current numbers."""
        return float(self.neuron.forward(self.x).a)

    def sum_lines(self, width: int | None) -> list[Text]:
        """The sum, written out with the numbers, broken before a term where it would not fit."""
        act = self.neuron.activation
        terms = [Text("z = w₁x₁ + w₂x₂ + b")]
        terms += [Text(line) for line in broken_sum(
            weighted_sum_terms(self.neuron.w, self.x, self.neuron.b), width)]
        return terms + [
            Text(f"  = {fmt(self.z)}"),
            Text(fit(width, f"a = {act.symbol}(z) = {act.symbol}({fmt(self.z)}) = {fmt(self.a)}",
                     f"a = {act.symbol}({fmt(self.z)}) = {fmt(self.a)}"), style="bold"),
            Text(act.formula, style="dim"),
        ]

    def _redraw(self) -> None:
        self.query_one("#neuron-sum", FittedLines).show_fitted(self.sum_lines)
        show_values(self, self.neuron, self.x)
        self.changed()

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        self.neuron, self.x = apply_edit(self.neuron, self.x, event.field.id or "", event.value)
        self._redraw()

    def action_activation(self) -> None:
        """Next activation function."""
        self.neuron = self.neuron.with_activation(cycle(list(ACTIVATIONS.values()),
                                                        self.neuron.activation))
        self._redraw()


LAB = NeuronLab
"""This chapter's lab, for the table of contents."""

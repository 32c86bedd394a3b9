"""Chapter 2's lab: move z and read f(z) and f′(z) off the curve, for every activation at once."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import ACTIVATIONS, SIGMOID, Activation
from tui.book.lab_base import ChapterLab
from tui.values.numbers import Bounds, fmt
from tui.drawing.palette import Palette
from tui.lab.plots import curve_series, marker, nice_ceil
from tui.widgets.fitted_lines import FittedLines
from tui.widgets.lines import fit
from tui.widgets.number_field import NumberField
from tui.widgets.plot import PlotSpec, PlotView

Z_BOUNDS = Bounds(-1e6, 1e6)
Z_NUDGE = 0.5


class ActivationLab(ChapterLab):
    """One z, five activations: the chosen one plotted, all of them tabulated."""

    BINDINGS = [
        Binding("a", "activation(1)", "Activation"),
        Binding("right", "move(1)", "z + 0.5", show=False),
        Binding("left", "move(-1)", "z − 0.5", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.z = 1.0
        self.activation: Activation = SIGMOID

    def compose(self) -> ComposeResult:
        """The z field, the curve, and the table."""
        yield NumberField("z", self.z, Z_BOUNDS, nudge=lambda v, d: v + d * Z_NUDGE, id="z")
        yield PlotView(id="curve")
        yield FittedLines(id="table")

    def on_mount(self) -> None:
        """Draw the starting curve."""
        self._redraw()

    def slope(self, name: str) -> float:
        """f′(z) of activation ``name`` at the current z."""
        return float(ACTIVATIONS[name].df(np.array([self.z]))[0])

    def value(self, name: str) -> float:
        """f(z) of activation ``name`` at the current z."""
        return float(ACTIVATIONS[name].f(np.array([self.z]))[0])

    def _redraw(self) -> None:
        act, z = self.activation, self.z
        lo, hi = act.plot_range
        if not lo <= z <= hi:
            hi = nice_ceil(abs(z) * 1.1)
            lo = -hi
        pal = Palette.from_app(self.app)
        series = curve_series(act, lo, hi, pal, derivative=True)
        series.append(marker(z, self.value(act.name), pal))
        self.query_one("#curve", PlotView).plot(PlotSpec(series=tuple(series), xlim=(lo, hi)))
        self.query_one("#z", NumberField).set_value(z)
        self.query_one("#table", FittedLines).show_fitted(self._table)
        self.changed()

    def _table(self, width: int | None) -> list[Text]:
        """The formula (with the key that changes it, where that fits) and f, f′ for all five."""
        act = self.activation
        rows = [Text(fit(width, f"{act.formula}   (a: next)", act.formula), style="bold"),
                Text(f"{'':11} {'f(z)':>9} {'f′(z)':>9}")]
        for name, other in ACTIVATIONS.items():
            style = "bold reverse" if other is act else ""
            rows.append(Text(f"{other.title:11} {fmt(self.value(name)):>9} {fmt(self.slope(name)):>9}",
                             style=style))
        return rows

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        self.z = event.value
        self._redraw()

    def action_move(self, direction: int) -> None:
        """Slide z by half a unit."""
        new = self.z + direction * Z_NUDGE
        if Z_BOUNDS.lo <= new <= Z_BOUNDS.hi:
            self.z = new
            self._redraw()

    def action_activation(self, by: int) -> None:
        """Plot the next activation."""
        names = list(ACTIVATIONS)
        self.activation = ACTIVATIONS[names[(names.index(self.activation.name) + by) % len(names)]]
        self._redraw()


LAB = ActivationLab
"""This chapter's lab, for the table of contents."""

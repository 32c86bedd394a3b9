"""Chapter 6's lab: one neuron as a computational graph, traced forward then backward."""

from __future__ import annotations

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import ACTIVATIONS, SIGMOID
from core.neuron.graph import Trace, finite_difference, trace
from core.neuron.losses import LOSSES, MSE
from core.neuron.neuron import Neuron
from tui.values.bounds import PROBABILITY_BOUNDS, VALUE_BOUNDS
from tui.values.choices import cycle
from tui.book.lab_base import ChapterLab
from tui.book.neuron_fields import apply_edit, show_values
from tui.chapters.ch06_backprop.graph_text import GraphView
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptGrid
from tui.widgets.number_field import NumberField


def _nudge(value: float, direction: int) -> float:
    return value + direction * 0.1


class BackpropLab(ChapterLab):
    """x₁, x₂, y, w₁, w₂, b; s walks the graph forward node by node, then backward."""

    DEFAULT_CSS = """
    BackpropLab Grid { grid-size: 3; grid-gutter: 0 1; height: auto; grid-rows: auto; }
    """

    BINDINGS = [
        Binding("s", "walk(1)", "Next node"),
        Binding("u", "walk(-1)", "Prev node"),
        Binding("R", "walk(0)", "Restart", show=False),
        Binding("a", "activation", "Activation"),
        Binding("c", "cost", "Cost"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.x = np.array([1.5, -0.5])
        self.y = 1.0
        self.neuron = Neuron(w=[0.8, 0.4], b=-0.3, activation=SIGMOID)
        self.loss = MSE
        self.position = 0
        """How many of the walk's nodes are revealed: forward ones first, then backward."""

    @property
    def trace(self) -> Trace:
        """The graph for the current numbers."""
        return trace(self.neuron, self.x, self.y, self.loss)

    @property
    def walk_length(self) -> int:
        """Forward nodes plus backward nodes."""
        t = self.trace
        return len(t.forward) + len(t.backward)

    def compose(self) -> ComposeResult:
        """The example and the parameters, then the graph table."""
        with KeptGrid():
            for i, sub in enumerate("₁₂"):
                yield NumberField(f"x{sub}", self.x[i], VALUE_BOUNDS, nudge=_nudge, id=f"x-{i}")
            yield NumberField("y", self.y, PROBABILITY_BOUNDS, nudge=_nudge, id="y")
            for i, sub in enumerate("₁₂"):
                yield NumberField(f"w{sub}", self.neuron.w[i], VALUE_BOUNDS, nudge=_nudge,
                                  id=f"w-{i}")
            yield NumberField("b", self.neuron.b, VALUE_BOUNDS, nudge=_nudge, id="b")
        yield GraphView(id="graph")

    def on_mount(self) -> None:
        """Draw the graph with nothing computed yet."""
        self._redraw()

    def _redraw(self) -> None:
        t, pal = self.trace, Palette.from_app(self.app)
        fd: dict[str, float] = {}
        if self.position >= self.walk_length:
            gw, gb = finite_difference(self.neuron, self.x, self.y, self.loss)
            fd = {"w₁": float(gw[0]), "w₂": float(gw[1]), "b": gb}
        self.query_one("#graph", GraphView).show_graph(t, self.position, fd, pal)
        self._sync_fields()
        self.changed()

    def _sync_fields(self) -> None:
        show_values(self, self.neuron, self.x)
        self.query_one("#y", NumberField).set_value(self.y)

    def action_walk(self, by: int) -> None:
        """Reveal the next node (1), hide the last (−1), or hide them all (0)."""
        target = 0 if by == 0 else self.position + by
        if not 0 <= target <= self.walk_length:
            self.app.bell()
            return
        self.position = target
        self._redraw()

    def action_activation(self) -> None:
        """Next activation function."""
        self.neuron = self.neuron.with_activation(cycle(list(ACTIVATIONS.values()),
                                                        self.neuron.activation))
        self._redraw()

    def action_cost(self) -> None:
        """Switch between squared error and cross-entropy."""
        self.loss = cycle(list(LOSSES.values()), self.loss)
        self._redraw()

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        if event.field.id == "y":
            self.y = event.value
        else:
            self.neuron, self.x = apply_edit(self.neuron, self.x, event.field.id or "", event.value)
        self._redraw()


LAB = BackpropLab
"""This chapter's lab, for the table of contents."""

"""Chapter 6's lab: one neuron as a computational graph, traced forward then backward."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import ACTIVATIONS, SIGMOID
from core.numerics.gradcheck import relative_error
from core.neuron.graph import Node, Trace, finite_difference, trace
from core.neuron.losses import LOSSES, MSE
from core.neuron.neuron import Neuron
from tui.values.bounds import PROBABILITY_BOUNDS, VALUE_BOUNDS
from tui.values.choices import cycle
from tui.book.lab_base import ChapterLab
from tui.book.neuron_fields import apply_edit, show_values
from tui.values.numbers import fmt, fmt_factor
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptGrid
from tui.widgets.lines import LinesView
from tui.widgets.number_field import NumberField

PARAMS = ("w₁", "w₂", "b")
COL = 8
"""Width of a number column: four of them and the names fit a 40-column lab."""


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
        yield LinesView(id="graph")

    def on_mount(self) -> None:
        """Draw the graph with nothing computed yet."""
        self._redraw()

    def _row(self, node: Node, value: bool, grad: bool, fd: dict[str, float]) -> str:
        cells = [f"{node.name:<3}", f"{fmt(node.value) if value else '·':>{COL}}",
                 f"{fmt(node.local) if grad else '·':>{COL}}",
                 f"{fmt(node.grad) if grad else '·':>{COL}}"]
        if grad and node.name in fd:
            cells.append(f"{fmt(fd[node.name]):>{COL}}")
        return " ".join(cells)

    def _explain(self, t: Trace, pal: Palette) -> list[Text]:
        """Two lines on the node just revealed: what it computed and how."""
        n_fwd, style = len(t.forward), pal.highlight.style
        if self.position == 0:
            return [Text("s: compute the first node", style=pal.muted.style), Text("")]
        if self.position <= n_fwd:
            node = t.forward[self.position - 1]
            return [Text(f"forward {self.position}/{n_fwd}: {node.name} = {node.formula}", style=style),
                    Text(f"  = {fmt(node.value)}", style=style)]
        k = self.position - n_fwd
        node = t.backward[k - 1]
        head = f"backward {k}/{len(t.backward)}: "
        if not node.parent:
            return [Text(head + "∂C/∂C = 1", style=style), Text("  the seed of the chain", style=style)]
        if node.name == "a":
            return [Text(head + node.local_name, style=style), Text(f"  = {fmt(node.grad)}", style=style)]
        up = next(n for n in t.backward if n.name == node.parent)
        local = node.local_name.split(" = ")[0]
        return [Text(f"{head}∂C/∂{node.name} = ∂C/∂{node.parent} · {local}", style=style),
                Text(f"  = {fmt_factor(up.grad)} × {fmt_factor(node.local)} = {fmt(node.grad)}", style=style)]

    def _redraw(self) -> None:
        t, pal = self.trace, Palette.from_app(self.app)
        n_fwd = len(t.forward)
        done = self.position >= self.walk_length
        fd: dict[str, float] = {}
        if done:
            gw, gb = finite_difference(self.neuron, self.x, self.y, self.loss)
            fd = {"w₁": float(gw[0]), "w₂": float(gw[1]), "b": gb}
        shown_values = {n.name for n in t.forward[:self.position]} | set(PARAMS)
        shown_grads = {n.name for n in t.backward[:max(self.position - n_fwd, 0)]}
        order = list(PARAMS) + [n.name for n in t.forward]
        nodes = {n.name: n for n in t.backward}
        head = (f"{'':<3} {'value':>{COL}} {'local':>{COL}} {'∂C/∂node':>{COL}}"
                + (f" {'finite Δ':>{COL}}" if done else ""))
        lines = [Text(head, style="bold")]
        current = self._current_name(t)
        for name in order:
            row = self._row(nodes[name], name in shown_values, name in shown_grads, fd)
            lines.append(Text(row, style=pal.highlight.style if name == current else ""))
        lines += self._explain(t, pal)
        if done:
            gap = relative_error(np.append(t.grad_w, t.grad_b), [fd["w₁"], fd["w₂"], fd["b"]])
            lines.append(Text(f"relative gap to finite Δ: {fmt(gap, 1)}",
                              style=pal.good.style if gap < 1e-4 else pal.bad.style))
        self.query_one("#graph", LinesView).show(lines)
        self._sync_fields()
        self.changed()

    def _current_name(self, t: Trace) -> str:
        n_fwd = len(t.forward)
        if self.position == 0:
            return ""
        if self.position <= n_fwd:
            return t.forward[self.position - 1].name
        return t.backward[self.position - n_fwd - 1].name

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

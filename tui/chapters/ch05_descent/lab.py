"""Chapter 5's lab: the cost over (w, b) as a map, and the path gradient descent takes across it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import LINEAR, SIGMOID, Activation
from core.data.datasets import Dataset, get_dataset
from core.neuron.losses import MSE
from core.neuron.neuron import Neuron
from core.neuron.surface import cost_surface
from core.neuron.train import TrainState, plan_step, step
from tui.values.bounds import LR_BOUNDS, VALUE_BOUNDS
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.values.numbers import fmt
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView
from tui.widgets.number_field import NumberField

RAMP = " .:-=+*#%@"
"""Shades from the lowest cost on the map (blank) to the highest (@)."""
PATH_LENGTH = 200


@dataclass(frozen=True)
class Landscape:
    """A neuron with exactly two parameters (w, b), so the map shows the whole picture."""

    name: str
    description: str
    data: Dataset
    activation: Activation
    w_range: tuple[float, float]
    b_range: tuple[float, float]
    start: tuple[float, float]
    lr: float


LANDSCAPES = (
    Landscape("bowl", "convex: linear neuron, noisy line", get_dataset("line"),
              LINEAR, (-1.0, 5.0), (-2.0, 4.0), (-0.5, 3.5), 0.3),
    Landscape("plateau", "non-convex: sigmoid, step at x = 0",
              Dataset("threshold", "threshold", [[-2.0], [-1.0], [1.0], [2.0]], [0, 0, 1, 1], "mse",
                      "0 for negative x, 1 for positive x"),
              SIGMOID, (-8.0, 8.0), (-8.0, 8.0), (-6.0, 6.0), 2.0),
)


def shade_rows(surface: np.ndarray) -> list[str]:
    """Rows of the map, highest b first, each cost shaded by its rank on the map."""
    flat = surface.ravel()
    order = np.argsort(np.argsort(flat, kind="stable"), kind="stable")
    level = (order * len(RAMP) // max(flat.size, 1)).reshape(surface.shape)
    return ["".join(RAMP[v] for v in row) for row in level[::-1]]


class DescentLab(SteppingLab[TrainState]):
    """Gradient descent on a two-parameter neuron, drawn over its cost map."""

    BINDINGS = STEPPING_BINDINGS + [Binding("c", "landscape", "Landscape")]

    def __init__(self) -> None:
        self.landscape = LANDSCAPES[0]
        self.lr = self.landscape.lr
        self._map_key: tuple | None = None
        self._map_rows: list[str] = []
        super().__init__()

    def start(self) -> TrainState:
        """The landscape's starting point."""
        w, b = self.landscape.start
        neuron = Neuron(w=[w], b=b, activation=self.landscape.activation)
        return TrainState(neuron=neuron, data=self.landscape.data, loss=MSE, lr=self.lr)

    def advance(self, snap: TrainState) -> TrainState | None:
        """One step, unless the state has diverged or the step would overflow."""
        if snap.diverged or not plan_step(snap).finite:
            return None
        return step(snap)

    def compose(self) -> ComposeResult:
        """η and the point (w, b), the map, and the numbers under it."""
        with KeptHorizontal(classes="fields"):
            yield NumberField("η", self.lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr")
            yield NumberField("w", self.landscape.start[0], VALUE_BOUNDS,
                              nudge=lambda v, d: v + d * 0.5, id="w")
            yield NumberField("b", self.landscape.start[1], VALUE_BOUNDS,
                              nudge=lambda v, d: v + d * 0.5, id="b")
        yield LinesView(id="map")

    def on_mount(self) -> None:
        """Draw the first map."""
        self.draw()

    def on_resize(self) -> None:
        """The map is as large as the pane."""
        self.draw()

    def _cells(self, w: float, b: float, cols: int, rows: int) -> tuple[int, int, bool]:
        (w0, w1), (b0, b1) = self.landscape.w_range, self.landscape.b_range
        c = (w - w0) / (w1 - w0) * (cols - 1) if np.isfinite(w) else -1
        r = (b1 - b) / (b1 - b0) * (rows - 1) if np.isfinite(b) else -1
        inside = 0 <= c <= cols - 1 and 0 <= r <= rows - 1
        return int(round(min(max(c, 0), cols - 1))), int(round(min(max(r, 0), rows - 1))), inside

    def _map(self, cols: int, rows: int) -> list[str]:
        key = (self.landscape.name, cols, rows)
        if key != self._map_key:
            ws = np.linspace(*self.landscape.w_range, cols)
            bs = np.linspace(*self.landscape.b_range, rows)
            start = self.start().neuron
            self._map_rows = shade_rows(cost_surface(start, self.landscape.data, MSE, 0, 1, ws, bs))
            self._map_key = key
        return self._map_rows

    def draw(self) -> None:
        """The map with the path, then w, b, C and ∇C."""
        view = self.query_one("#map", LinesView)
        cols, rows = max(view.size.width, 20), max(self.size.height - 6, 4)
        pal = Palette.from_app(self.app)
        lines = [Text(r) for r in self._map(cols, rows)]
        recent = [s for s in self.history[-PATH_LENGTH:] if s.data is self.landscape.data]
        for s in recent[:-1]:
            c, r, inside = self._cells(s.neuron.w[0], s.neuron.b, cols, rows)
            if inside:
                lines[r] = lines[r][:c] + Text("•", pal.curve.style) + lines[r][c + 1:]
        cur = self.current
        c, r, inside = self._cells(cur.neuron.w[0], cur.neuron.b, cols, rows)
        lines[r] = lines[r][:c] + Text("●" if inside else "◆", pal.marker.style) + lines[r][c + 1:]
        view.show(lines + self._numbers(cur, inside, pal))
        self.query_one("#lr", NumberField).set_value(cur.lr)
        self.query_one("#w", NumberField).set_value(float(cur.neuron.w[0]))
        self.query_one("#b", NumberField).set_value(cur.neuron.b)

    def _numbers(self, cur: TrainState, inside: bool, pal: Palette) -> list[Text]:
        (w0, w1), (b0, b1) = self.landscape.w_range, self.landscape.b_range
        plan = plan_step(cur)
        grad = plan.grad
        status = f"{self.landscape.name}: {self.landscape.description}"
        style = ""
        if cur.diverged or not plan.finite:
            status, style = "diverged: each step overshoots more. u, lower η", pal.bad.style
        elif not inside:
            status, style = "off the map (◆ at the edge): η too large?", pal.bad.style
        run = " ▶ running" if self.running else ""
        return [
            Text(f"w {fmt(w0, 1)}…{fmt(w1, 1)} across · b {fmt(b0, 1)}…{fmt(b1, 1)} up", style="dim"),
            Text(f"step {cur.steps}  C {fmt(cur.cost)}{run}"),
            Text(f"∇C = ({fmt(grad[0])}, {fmt(grad[1])})   step −η∇C"),
            Text(status, style=style),
        ]

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        cur = self.current
        if event.field.id == "lr":
            self.lr = event.value
            self.push(cur.edited("learning rate", lr=event.value))
        elif event.field.id == "w":
            self.push(cur.edited("move w", neuron=cur.neuron.with_params(w=[event.value])))
        else:
            self.push(cur.edited("move b", neuron=cur.neuron.with_params(b=event.value)))

    def action_landscape(self) -> None:
        """Switch between the convex bowl and the non-convex plateau."""
        names = [l.name for l in LANDSCAPES]
        self.landscape = LANDSCAPES[(names.index(self.landscape.name) + 1) % len(LANDSCAPES)]
        self.lr = self.landscape.lr
        self.restart_from(self.start)


LAB = DescentLab
"""This chapter's lab, for the table of contents."""

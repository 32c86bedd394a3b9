"""Chapter 5's lab: the cost over (w, b) as a map, and the path gradient descent takes across it."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.losses import MSE
from core.neuron.surface import cost_surface
from core.neuron.train import TrainState, plan_step, step
from tui.values.bounds import LR_BOUNDS, VALUE_BOUNDS
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
# Landscape is still importable from here, as the exercises did before it had its own module.
from tui.chapters.ch05_descent.landscapes import LANDSCAPES, Landscape, status  # noqa: F401
from tui.values.numbers import fmt
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView, fit
from tui.widgets.number_field import NumberField

RAMP = " .:-=+*#%@"
"""Shades by rank: each covers a tenth of the map's points, from the lowest tenth of costs
(blank) to the highest (@). Ranks, not heights: a nearly flat shelf still spans several shades."""
PATH_LENGTH = 200


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
        return TrainState(neuron=self.landscape.neuron(*self.landscape.start),
                          data=self.landscape.data, loss=MSE, lr=self.lr)

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
        """The map cell of (w, b), clamped to the edge, and whether (w, b) is on the map."""
        (w0, w1), (b0, b1) = self.landscape.w_range, self.landscape.b_range
        c = (w - w0) / (w1 - w0) * (cols - 1) if np.isfinite(w) else -1
        r = (b1 - b) / (b1 - b0) * (rows - 1) if np.isfinite(b) else -1
        c, r = int(round(min(max(c, 0), cols - 1))), int(round(min(max(r, 0), rows - 1)))
        return c, r, self.landscape.inside(w, b)

    def _map(self, cols: int, rows: int) -> list[str]:
        key = (self.landscape.name, cols, rows)
        if key != self._map_key:
            ws = np.linspace(*self.landscape.w_range, cols)
            bs = np.linspace(*self.landscape.b_range, rows)
            neuron = self.landscape.neuron(0.0, 0.0)
            self._map_rows = shade_rows(cost_surface(neuron, self.landscape.data, MSE, 0, 1, ws, bs))
            self._map_key = key
        return self._map_rows

    def path(self) -> list[TrainState]:
        """The last PATH_LENGTH states descent has visited since the point was last placed (by a
        reset, a new landscape or an edit of w or b), ending with the current one."""
        path: list[TrainState] = []
        for s in reversed(self.history[-PATH_LENGTH:]):
            path.append(s)
            if s.action != "step" and s.action != "learning rate":
                break
        return path[::-1]

    def draw(self) -> None:
        """The map with the path, then w, b, C and ∇C."""
        view = self.query_one("#map", LinesView)
        cols, rows = max(view.size.width, 20), max(self.size.height - 6, 4)
        pal = Palette.from_app(self.app)
        lines = [Text(r) for r in self._map(cols, rows)]
        for s in self.path()[:-1]:
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
        width = self.query_one("#map", LinesView).size.width or None
        plan = plan_step(cur)
        grad = plan.grad
        words, bad = status(self.landscape, cur, plan.finite, grad, width)
        run = " ▶ running" if self.running else ""
        return [
            Text(f"w {fmt(w0, 1)}…{fmt(w1, 1)} across · b {fmt(b0, 1)}…{fmt(b1, 1)} up", style="dim"),
            Text(f"step {cur.steps}  C {fmt(cur.cost)}{run}"),
            Text(fit(width, f"∇C = ({fmt(grad[0])}, {fmt(grad[1])})   step −η∇C",
                     f"∇C = ({fmt(grad[0])}, {fmt(grad[1])})")),
            Text(words, style=pal.bad.style if bad else ""),
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
        """Next landscape: the convex bowl, two valleys, the shelf."""
        names = [l.name for l in LANDSCAPES]
        self.landscape = LANDSCAPES[(names.index(self.landscape.name) + 1) % len(LANDSCAPES)]
        self.lr = self.landscape.lr
        self.restart_from(self.start)


LAB = DescentLab
"""This chapter's lab, for the table of contents."""

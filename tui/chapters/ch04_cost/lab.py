"""Chapter 4's lab: one badly wrong sigmoid neuron, trained with squared error and with cross-entropy."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from core.neuron.activations import SIGMOID
from core.data.datasets import Dataset
from core.neuron.losses import BCE, MSE
from core.neuron.neuron import Neuron
from core.neuron.train import TrainState, plan_step, step
from tui.values.bounds import LR_BOUNDS, VALUE_BOUNDS
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.values.numbers import fmt
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView
from tui.widgets.number_field import NumberField
from tui.widgets.plot import PlotSpec, PlotView, Series

ONE_EXAMPLE = Dataset("one", "one example", [[1.0]], [1.0], "bce", "x = 1 with target y = 1")
Pair = tuple[TrainState, TrainState]


class CostLab(SteppingLab[Pair]):
    """The same start, two costs: (squared-error state, cross-entropy state)."""

    BINDINGS = STEPPING_BINDINGS

    def __init__(self) -> None:
        self.w0, self.b0, self.lr = -4.0, 0.0, 1.0
        super().__init__()

    def start(self) -> Pair:
        """Both neurons at w = w0, b = b0 on x = 1, y = 1."""
        neuron = Neuron(w=[self.w0], b=self.b0, activation=SIGMOID)
        return tuple(TrainState(neuron=neuron, data=ONE_EXAMPLE, loss=loss, lr=self.lr)
                     for loss in (MSE, BCE))

    def advance(self, snap: Pair) -> Pair | None:
        """One step of each, unless either has diverged or its next step would overflow."""
        if any(s.diverged or not plan_step(s).finite for s in snap):
            return None
        return tuple(step(s) for s in snap)

    def compose(self) -> ComposeResult:
        """Start fields, the two costs written out, and their curves."""
        with KeptHorizontal(classes="fields"):
            yield NumberField("w₀", self.w0, VALUE_BOUNDS, nudge=lambda v, d: v + d, id="w0")
            yield NumberField("b₀", self.b0, VALUE_BOUNDS, nudge=lambda v, d: v + d, id="b0")
            yield NumberField("η", self.lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr")
        yield LinesView(id="cost-table")
        yield PlotView(id="cost-curves")

    def on_mount(self) -> None:
        """Draw the start."""
        self.draw()

    @property
    def run_start(self) -> Pair:
        """The snapshot the run on show started from (its step 0)."""
        return next(snap for snap in reversed(self.history) if snap[0].steps == 0)

    def gradient(self, which: int) -> float:
        """∂C/∂w of the next step for squared error (0) or cross-entropy (1)."""
        return float(plan_step(self.current[which]).grad_w[0])

    def output(self, which: int) -> float:
        """The neuron's a for squared error (0) or cross-entropy (1)."""
        s = self.current[which]
        return float(s.neuron.forward(s.data.X).a[0])

    def draw(self) -> None:
        """The table and both curves."""
        pal = Palette.from_app(self.app)
        run = " ▶ running" if self.running else ""
        stuck = any(s.diverged or not plan_step(s).finite for s in self.current)
        head = "diverged: u undoes, or lower η" if stuck else f"step {self.current[0].steps} · x = 1, y = 1{run}"
        rows = [Text(head, style=pal.bad.style if stuck else "bold"),
                Text(f"{'cost':15} {'a':>7} {'C':>7} {'∂C/∂w':>8}", style="bold")]
        for which, (s, role) in enumerate(zip(self.current, (pal.curve, pal.derivative))):
            rows.append(Text(f"━ {s.loss.title:13} {fmt(self.output(which)):>7} {fmt(s.cost):>7} "
                             f"{fmt(self.gradient(which)):>8}", style=role.style))
        self.query_one("#cost-table", LinesView).show(rows)
        run_start = max(i for i, snap in enumerate(self.history) if snap[0].steps == 0)
        shown = self.history[run_start:]
        curves = []
        for k, role in enumerate((pal.curve, pal.derivative)):
            xs = tuple(float(snap[k].steps) for snap in shown)
            curves.append(Series(xs, tuple(snap[k].cost for snap in shown), role.plot))
        self.query_one("#cost-curves", PlotView).plot(PlotSpec(series=tuple(curves)))
        for key in ("w0", "b0", "lr"):
            self.query_one(f"#{key}", NumberField).set_value(getattr(self, key))

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        setattr(self, event.field.id or "", event.value)
        self.restart_from(self.start)


LAB = CostLab
"""This chapter's lab, for the table of contents."""

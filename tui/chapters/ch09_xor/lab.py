"""Chapter 9's lab: XOR, learned by one neuron (which cannot) and by a 2-2-1 network (which can)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from itertools import groupby

import numpy as np
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import SIGMOID
from core.data.datasets import get_dataset
from core.neuron.losses import BCE
from core.networks.net_train import NetState, grid_outputs, net_step, xor_network
from core.neuron.neuron import init_neuron
from core.neuron.train import TrainState, plan_step, step
from tui.values.bounds import LR_BOUNDS, SEED_BOUNDS
from tui.values.choices import cycle
from tui.drawing.glyphs import shade
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.values.numbers import fmt, fmt_fixed
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView, fit
from tui.widgets.number_field import NumberField

XOR = get_dataset("xor")
LO, HI = -0.5, 1.5
"""The input plane shown: a margin of 0.5 around the four corners."""
DEFAULT_LR, DEFAULT_SEED = 1.0, 0
MAPS = ("network", "h₁", "h₂", "one neuron")
EXAMPLE_ROWS = 5
"""Lines of the table under the map: the header and the four examples (shown when room allows)."""
SUMMARY_ROWS = 2
"""Lines always under the map: the step and what the map shows, then both learners' scores."""
MIN_MAP_ROWS = 9
"""The table gives way before the map shrinks below this many rows."""
CORNERS = ("(0,0)", "(0,1)", "(1,0)", "(1,1)")


def cut_off(h: np.ndarray) -> str:
    """What a hidden unit's line does to XOR's four points (h, one value per point, in the
    dataset's order): which point it cuts off alone on its side of h = 0, if one."""
    up = np.asarray(h) > 0
    alone = [CORNERS[i] for i in range(4) if np.sum(up == up[i]) == 1]
    if alone:
        return f"cuts off {alone[0]}"
    return "splits them 2 and 2" if up.any() and not up.all() else "cuts off none"


@dataclass(frozen=True, eq=False)
class XorSnap:
    """Both learners after the same number of steps from the same seed and η."""

    net: NetState
    single: TrainState

    @cached_property
    def single_outputs(self) -> np.ndarray:
        """The single neuron's a for each example."""
        return self.single.neuron.forward(XOR.X).a

    @property
    def single_accuracy(self) -> float:
        """Share of examples the single neuron puts on the right side of 0.5."""
        return float(np.mean((self.single_outputs > 0.5) == (XOR.y > 0.5)))


class XorLab(SteppingLab[XorSnap]):
    """Step both learners on XOR; the map shows one unit's output over the input plane."""

    BINDINGS = STEPPING_BINDINGS + [
        Binding("m", "map", "Map"),
        Binding("G", "playground", "Playground", priority=True,  # see action_playground
                tooltip="Open the playground with this network and XOR, as they are now"),
    ]

    def __init__(self) -> None:
        self.lr, self.seed = DEFAULT_LR, DEFAULT_SEED
        self.shown = MAPS[0]
        super().__init__()

    def start(self) -> XorSnap:
        """Both learners freshly initialised from the seed."""
        single = TrainState(neuron=init_neuron(2, SIGMOID, self.seed), data=XOR, loss=BCE,
                            lr=self.lr, seed=self.seed)
        return XorSnap(net=xor_network(XOR, self.seed, self.lr), single=single)

    def advance(self, snap: XorSnap) -> XorSnap | None:
        """One full-batch step of each, unless either would leave finite numbers."""
        nxt = net_step(snap.net)
        if nxt.diverged or not plan_step(snap.single).finite:
            return None
        return XorSnap(net=nxt, single=step(snap.single))

    def compose(self) -> ComposeResult:
        """η and the seed, the map, and the table."""
        with KeptHorizontal(classes="fields"):
            yield NumberField("η", self.lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr")
            yield NumberField("seed", self.seed, SEED_BOUNDS, nudge=lambda v, d: v + d, id="seed")
        yield LinesView(id="xor-map")
        yield LinesView(id="xor-table")

    def on_mount(self) -> None:
        """Draw the starting state."""
        self.draw()

    def on_resize(self) -> None:
        """The map fills the pane."""
        self.draw()

    def _grid(self, cols: int, rows: int) -> tuple[np.ndarray, float, float, float]:
        """The shown unit over the plane, with its range and decision threshold."""
        xs, ys = np.linspace(LO, HI, cols), np.linspace(HI, LO, rows)
        snap = self.current
        if self.shown == "one neuron":
            n = snap.single.neuron
            gx, gy = np.meshgrid(xs, ys)
            return n.forward(np.column_stack([gx.ravel(), gy.ravel()])).a.reshape(gy.shape), 0, 1, 0.5
        if self.shown == "network":
            return grid_outputs(snap.net.net, xs, ys), 0.0, 1.0, 0.5
        return grid_outputs(snap.net.net, xs, ys, layer=0, unit=MAPS.index(self.shown) - 1), -1, 1, 0

    def _map_lines(self, cols: int, rows: int, pal: Palette) -> list[Text]:
        values, lo, hi, threshold = self._grid(cols, rows)
        lines = []
        for r, row in enumerate(shade(values, lo, hi, threshold)):
            text, above, c = Text(), values[r] > threshold, 0
            for up, run in groupby(above):  # one span per run of cells on one side
                n = len(list(run))
                text.append(row[c:c + n], style=pal.curve.style if up else pal.muted.style)
                c += n
            lines.append(text)
        predicted = self._predictions()
        for (x1, x2), y, p in zip(XOR.X, XOR.y, predicted):
            c = int(round((x1 - LO) / (HI - LO) * (cols - 1)))
            r = int(round((HI - x2) / (HI - LO) * (rows - 1)))
            right = (p > 0.5) == (y > 0.5) if self.shown in ("network", "one neuron") else True
            wrong = pal.bad.style + Style(reverse=True)  # reverse shows it without colour too
            mark = Text("●" if y > 0.5 else "○", style=pal.marker.style if right else wrong)
            lines[r] = lines[r][:c] + mark + lines[r][c + 1:]
        return lines

    def _predictions(self) -> np.ndarray:
        snap = self.current
        return snap.single_outputs if self.shown == "one neuron" else snap.net.outputs

    def _table_lines(self, pal: Palette, examples: bool, width: int) -> list[Text]:
        snap = self.current
        hidden = snap.net.net.forward(XOR.X)[0].a
        lines = []
        if examples:
            lines.append(Text(f"x₁ x₂ y {'h₁':>7}{'h₂':>7}{'net':>7}{'neuron':>8}", style="bold"))
            for i in range(XOR.n_examples):
                x1, x2 = XOR.X[i]
                lines.append(Text(f"{x1:.0f}  {x2:.0f}  {XOR.y[i]:.0f}{fmt_fixed(hidden[i, 0]):>7}"
                                  f"{fmt_fixed(hidden[i, 1]):>7}{fmt_fixed(snap.net.outputs[i]):>7}"
                                  f"{fmt_fixed(snap.single_outputs[i]):>8}"))
        run = " ▶" if self.running else ""
        shown = self.shown
        if shown in ("h₁", "h₂"):
            shown += " " + cut_off(hidden[:, MAPS.index(self.shown) - 1])
        head = f"step {snap.net.steps}{run} · map: {shown}"
        lines.append(Text(fit(width, head + " · ● y=1 ○ y=0", head), style=pal.muted.style))
        lines.append(Text(f"net {snap.net.accuracy:.0%} C {fmt(snap.net.cost)} · neuron "
                          f"{snap.single_accuracy:.0%} C {fmt(snap.single.cost)}"))
        return lines

    def draw(self) -> None:
        """Map, table and fields for the current snapshot. When the pane is short (an exercise's
        verdict takes room), the four example rows give way before the map shrinks."""
        pal = Palette.from_app(self.app)
        view = self.query_one("#xor-map", LinesView)
        cols = max(view.size.width, 12)
        room = self.size.height - 1 - SUMMARY_ROWS
        examples = room - EXAMPLE_ROWS >= MIN_MAP_ROWS
        rows = max(room - (EXAMPLE_ROWS if examples else 0), 5)
        view.show(self._map_lines(cols, rows, pal))
        self.query_one("#xor-table", LinesView).show(self._table_lines(pal, examples, cols))
        self.query_one("#lr", NumberField).set_value(self.current.net.lr)
        self.query_one("#seed", NumberField).set_value(self.seed)

    def action_map(self) -> None:
        """Next map: the network's output, each hidden unit, the single neuron."""
        self.shown = cycle(MAPS, self.shown)
        self.draw()

    async def action_playground(self) -> None:
        """The playground, holding this network and the four XOR points as they are now.

        Awaited, not called later: keys typed in the same read as G then reach the playground,
        not this lab."""
        from core.playground.chapter9 import chapter9_state

        net = self.current.net
        self._stop()
        await self.app.open_playground(chapter9_state(net.net, net.lr, self.seed, net.steps))

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        if event.field.id == "seed":
            self.seed = int(event.value)
            self.restart_from(self.start)
            return
        self.lr = event.value
        cur = self.current
        self.push(XorSnap(net=replace(cur.net, lr=event.value),
                          single=cur.single.edited("learning rate", lr=event.value)))


LAB = XorLab
"""This chapter's lab, for the table of contents."""

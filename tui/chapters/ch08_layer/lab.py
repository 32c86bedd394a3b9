"""Chapter 8's lab: a layer's three parts on a batch, and a stack of linear layers folded into one."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import LINEAR, RELU, TANH, Activation
from core.networks.anatomy import LayerParts, run_layer
from core.networks.batchnorm import BatchNorm
from core.networks.collapse import Collapse, collapse, fold, random_stack
from core.networks.init import HE
from core.networks.layers import MLP, Dense
from core.networks.stats import SATURATION, Spread, histogram, saturated_share
from core.numerics.quantile import quantile
from tui.values.bounds import GAIN_BOUNDS, SHIFT_BOUNDS
from tui.values.choices import cycle
from tui.drawing.glyphs import histogram_strip
from tui.book.lab_base import ChapterLab
from tui.values.numbers import fmt
from tui.drawing.palette import Palette
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView, fit
from tui.widgets.number_field import NumberField

N_IN, UNITS, BATCH = 16, 32, 256
INPUT_MEAN, INPUT_STD = 2.0, 3.0
"""Inputs deliberately off-centre and wide, so normalisation has work to do."""
PART_ACTIVATIONS = (TANH, RELU, LINEAR)
LABEL = 6
"""Width of a strip's label ("x·W+b ")."""
COLUMNS = ((6, "r"), (7, "mean"), (6, "sd"))
"""Right of each strip: its axis's half-width r, then the mean and the standard deviation."""
STATS = sum(width for width, _ in COLUMNS)


def short(x: float) -> str:
    """At most five cells for a column: two decimals below 10, fewer above (46.5, 312)."""
    x = float(x)
    if not np.isfinite(x):
        return fmt(x)
    if abs(x) < 0.005:
        return "0.00"
    if abs(x) >= 1000:
        return fmt(x, 1)
    decimals = 2 if abs(x) < 10 else (1 if abs(x) < 100 else 0)
    return f"{x:.{decimals}f}".replace("-", "−")


def strip_row(label: str, values: np.ndarray, bins: int, r: float, pal: Palette) -> Text:
    """One part of the layer on its own axis from −r to r, then r, the mean and the sd."""
    s = Spread.of(values)
    row = Text(f"{label:<{LABEL}}")
    row.append(histogram_strip(histogram(values, bins, -r, r)), style=pal.curve.style)
    for (width, _), value in zip(COLUMNS, (r, s.mean, s.std)):
        row.append(short(value).rjust(width))
    return row


def axis_of(values: np.ndarray, act: Activation | None = None) -> float:
    """Half-width of a strip's axis: ±1 for tanh's output, else the 99th percentile of |v|, so
    one far value does not squeeze the rest into a single bin."""
    if act is TANH:
        return 1.0
    return max(quantile(np.abs(values), 0.99), 1e-12)


class AnatomyLab(ChapterLab):
    """Weights → batch norm → non-linearity on a batch; or a linear stack and its one-layer fold."""

    BINDINGS = [
        Binding("v", "view", "Parts/collapse"),
        Binding("s", "next_batch", "Next batch"),
        Binding("b", "batch_norm", "Batch norm"),
        Binding("m", "mode", "Train/eval"),
        Binding("a", "activation", "Activation"),
        Binding("d", "depth", "Depth"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "parts"
        self.act: Activation = TANH
        self.gain = 3.0
        self.norm: BatchNorm | None = BatchNorm.fresh(UNITS)
        self.training = True
        self.batch_no = 0
        self.parts: LayerParts | None = None
        self.between: Activation = LINEAR
        self.depth = 3
        self.stack_seed = 0

    @property
    def weights(self) -> Dense:
        """The layer's weights: He spread times the gain, zero biases, fixed seed."""
        return Dense(HE.draw(N_IN, UNITS, self.gain, np.random.default_rng(0)), np.zeros(UNITS),
                     LINEAR)

    def batch(self, number: int) -> np.ndarray:
        """Batch ``number``: inputs from N(2, 3²), drawn from the number."""
        return np.random.default_rng(1000 + number).normal(INPUT_MEAN, INPUT_STD, (BATCH, N_IN))

    def compose(self) -> ComposeResult:
        """The layer's settings, then the picture."""
        norm = self.norm or BatchNorm.fresh(UNITS)
        with KeptHorizontal(classes="fields", id="part-fields"):
            yield NumberField("gain", self.gain, GAIN_BOUNDS, nudge=lambda v, d: v * 2.0 ** (d / 2),
                              id="gain")
            yield NumberField("γ", float(norm.gamma[0]), SHIFT_BOUNDS,
                              nudge=lambda v, d: v + d * 0.25, id="gamma")
            yield NumberField("β", float(norm.beta[0]), SHIFT_BOUNDS,
                              nudge=lambda v, d: v + d * 0.25, id="beta")
        yield LinesView(id="anatomy")

    def on_mount(self) -> None:
        """Feed the first batch."""
        self.feed(new_batch=True)

    def on_resize(self) -> None:
        """Strips are as wide as the pane allows."""
        if self.parts is not None:
            self.draw()

    # ------------------------------------------------------------ the parts view

    def feed(self, new_batch: bool = False) -> None:
        """Run the current batch through the layer.

        Only a new batch in training mode moves the running statistics: redrawing the same
        batch after an edit must not count it twice.
        """
        self.parts, after = run_layer(self.batch(self.batch_no), self.weights, self.norm,
                                      self.training, self.act)
        if new_batch and self.training:
            self.norm = after
        self.draw()
        self.changed()

    def _parts_lines(self, pal: Palette, width: int) -> list[Text]:
        p = self.parts
        assert p is not None
        bins = max(width - LABEL - STATS, 8)
        norm_label = ("batch norm (train)" if self.training else "batch norm (eval)") if self.norm else "no norm"
        header = f"{'part':<{LABEL}}{'own axis −r…r':<{bins}}" + "".join(
            name.rjust(w) for w, name in COLUMNS)
        lines = [Text(f"x·W + b → {norm_label} → {self.act.title}", style="bold"),
                 Text(header, style=pal.muted.style),
                 strip_row("x", p.x, bins, axis_of(p.x), pal),
                 strip_row("x·W+b", p.z, bins, axis_of(p.z), pal)]
        lines.append(strip_row("norm", p.normed, bins, axis_of(p.normed), pal) if self.norm
                     else Text(f"{'norm':<{LABEL}}(off: b turns it on)", style=pal.muted.style))
        lines.append(strip_row(self.act.symbol[:LABEL - 1], p.a, bins, axis_of(p.a, self.act), pal))
        if self.act is TANH:
            share = saturated_share(p.a)
            lines.append(Text(f"after tanh: {share:.0%} saturated (|a| > {SATURATION})",
                              style=pal.bad.style if share > 0.5 else ""))
        elif self.act is RELU:
            lines.append(Text(f"after ReLU: {np.mean(p.a == 0):.0%} of outputs are 0"))
        else:
            lines.append(Text("linear: f changes nothing", style=pal.muted.style))
        return lines + self._running_lines(pal, width)

    def _running_lines(self, pal: Palette, width: int) -> list[Text]:
        """Unit 1's statistics: the batch's mean and variance both ways, and the running ones;
        "(used)" marks what the normalisation divides by in this mode."""
        if self.norm is None or self.parts is None:
            return []
        z = self.parts.z[:, 0]
        n = self.norm
        train, used = self.training, " (used)"
        batches = f"{n.batches} batch{'es' if n.batches != 1 else ''}"
        mean, var = fmt(n.running_mean[0], 2), fmt(n.running_var[0], 2)
        tail = "" if train else used
        return [Text(f"unit 1, this batch: μ {fmt(z.mean(), 2)}{used if train else ''}"),
                Text(f"  v ÷n {fmt(z.var(), 2)}{used if train else ''}, "
                     f"÷(n−1) {fmt(z.var(ddof=1), 2)}"),
                Text(fit(width, f"running, {batches}: μ {mean}, v {var}{tail}",
                         f"running ({n.batches}): μ {mean}, v {var}{tail}"),
                     style="" if not train else pal.muted.style)]

    # ------------------------------------------------------------ the collapse view

    @property
    def sizes(self) -> list[int]:
        """Layer widths of the stack: 4 inputs, hidden layers of 5, 3 outputs."""
        return [4] + [5] * (self.depth - 1) + [3]

    def collapse_result(self, net: MLP | None = None) -> Collapse:
        """How one layer compares with the stack (``net``, or the lab's) on 64 inputs."""
        net = net or random_stack(self.sizes, self.between, self.stack_seed)
        return collapse(net, np.random.default_rng(self.stack_seed + 1).normal(size=(64, 4)))

    def _collapse_lines(self, pal: Palette) -> list[Text]:
        net = random_stack(self.sizes, self.between, self.stack_seed)
        W, b = fold(net)
        c = self.collapse_result(net)
        names = "".join(f"W{'₁₂₃'[k]}" for k in range(self.depth))
        bias = "b₁W₂ + b₂" if self.depth == 2 else "(b₁W₂ + b₂)W₃ + b₃"
        lines = [Text(f"stack {'→'.join(map(str, self.sizes))}, between: {self.between.title}",
                      style="bold"),
                 Text(f"fold: W = {names} ({W.shape[0]}×{W.shape[1]})"),
                 Text(f"      b = {bias}")]
        for i in range(W.shape[0]):
            lines.append(Text(("W = " if i == 0 else "    ") + " ".join(f"{fmt(v):>7}" for v in W[i])))
        lines.append(Text("b = " + " ".join(f"{fmt(v):>7}" for v in b)))
        same = c.best_gap <= 1e-9 * max(c.scale, 1.0)
        lines += [Text("largest gap to the stack, 64 inputs:"),
                  Text(f"  fold x·W + b: {fmt(c.folded_gap, 1)}"),
                  Text(f"  best single layer: {fmt(c.best_gap, 1)}"),
                  Text("the stack is one linear layer" if same
                       else f"{self.between.title} between: no single layer matches",
                       style=pal.bad.style if same else pal.good.style)]
        return lines

    # ------------------------------------------------------------ drawing and keys

    def draw(self) -> None:
        """The current view."""
        pal = Palette.from_app(self.app)
        view = self.query_one("#anatomy", LinesView)
        self.query_one("#part-fields").display = self.view == "parts"
        if self.view == "parts":
            view.show(self._parts_lines(pal, max(view.size.width, 30)))
        else:
            view.show(self._collapse_lines(pal))
        self.query_one("#gain", NumberField).set_value(self.gain)
        if self.norm is not None:
            self.query_one("#gamma", NumberField).set_value(float(self.norm.gamma[0]))
            self.query_one("#beta", NumberField).set_value(float(self.norm.beta[0]))

    def action_view(self) -> None:
        """Switch between the layer's parts and the linear collapse."""
        self.view = "collapse" if self.view == "parts" else "parts"
        self.draw()
        self.changed()

    def action_next_batch(self) -> None:
        """Parts: feed the next batch. Collapse: draw new weights and inputs."""
        if self.view == "parts":
            self.batch_no += 1
            self.feed(new_batch=True)
        else:
            self.stack_seed += 1
            self.draw()
            self.changed()

    def action_batch_norm(self) -> None:
        """Put batch normalisation in the layer or take it out."""
        self.norm = None if self.norm is not None else BatchNorm.fresh(UNITS)
        self.feed()

    def action_mode(self) -> None:
        """Training mode (batch statistics) or evaluation mode (running statistics)."""
        self.training = not self.training
        self.feed()

    def action_activation(self) -> None:
        """Next non-linearity: for the layer's parts, or between the stacked layers."""
        if self.view == "parts":
            self.act = cycle(PART_ACTIVATIONS, self.act)
            self.feed()
        else:
            self.between = cycle((LINEAR, TANH, RELU), self.between)
            self.draw()
            self.changed()

    def action_depth(self) -> None:
        """Two or three stacked layers."""
        self.depth = 5 - self.depth
        self.draw()
        self.changed()

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        key = event.field.id
        if key == "gain":
            self.gain = event.value
        else:
            norm = self.norm or BatchNorm.fresh(UNITS)
            full = np.full(UNITS, event.value)
            self.norm = (BatchNorm(full, norm.beta, norm.running_mean, norm.running_var, norm.batches)
                         if key == "gamma" else
                         BatchNorm(norm.gamma, full, norm.running_mean, norm.running_var, norm.batches))
        self.feed()


LAB = AnatomyLab
"""This chapter's lab, for the table of contents."""

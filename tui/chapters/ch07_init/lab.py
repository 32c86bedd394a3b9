"""Chapter 7's lab: five dense layers fed one batch, with a histogram strip per layer."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.neuron.activations import RELU, SIGMOID, TANH
from core.networks.init import INIT_SCHEMES
from core.networks.probe import LayerProbe, ProbeSetup, probe_stack
from core.networks.stats import histogram
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

VIEWS = {"z": "z = x·W + b", "a": "a = f(z)", "grad": "∂C/∂z"}
ACTIVATIONS = (TANH, RELU, SIGMOID)
"""The activations a cycles through."""
STATS_WIDTH = 21
"""Columns right of each strip: " sd 0.712  sat   13%" or " sd 7.1e−03 dead  6%"."""
HEALTHY_RATIO = 3.0
"""Layer 5's spread of a within this factor of layer 1's counts as holding."""
GRADIENT_RATIO = 10.0
"""The spread of ∂C/∂z at layer 1 within this factor of layer 5's counts as holding."""


def short(x: float) -> str:
    """A spread in at most 7 cells: three significant digits, trailing zeros kept so that the
    strips' column reads alike (0.620 and 0.483, 7.50 and 7.44), or :func:`fmt` far from 1."""
    if 0.01 <= abs(x) < 1000:
        text = f"{x:#.3g}"
        if "e" not in text:  # 999.7 rounds to 1.00e+03
            return text.rstrip(".")
    return fmt(x, 1)


def diagnosis(probes: list[LayerProbe], relu: bool, width: int | None = None) -> tuple[str, bool]:
    """A few words on the stack's health (fitted to ``width``), and whether it is healthy.

    In order: layer 5 mostly saturated (over half its activations) or dying (over a fifth of
    its units dead); the spread of a changing more than 3× from L1 to L5; the spread of ∂C/∂z
    changing more than 10× from L5 back to L1. Otherwise healthy.
    """
    first, last = probes[0].spread("a").std, probes[-1].spread("a").std
    top, bottom = probes[-1].spread("grad").std, probes[0].spread("grad").std
    if not relu and probes[-1].saturated > 0.5:
        share = f"{probes[-1].saturated:.0%}"
        return fit(width, f"saturated: {share} of L5's a in the flat tails",
                   f"saturated: {share} of L5's a"), False
    if relu and probes[-1].dead > 0.2:
        share = f"{probes[-1].dead:.0%}"
        return fit(width, f"dying: {share} of L5's units never fire", f"dying: {share} of L5 dead"), False
    if last < first / HEALTHY_RATIO:
        ratio = fmt(first / max(last, 1e-300), 1)
        return fit(width, f"fading: spread of a shrinks {ratio}× by L5", f"fading: a shrinks {ratio}×"), False
    if last > first * HEALTHY_RATIO:
        ratio = fmt(last / first, 1)
        return fit(width, f"exploding: spread of a grows {ratio}× by L5", f"exploding: a grows {ratio}×"), False
    if bottom < top / GRADIENT_RATIO:
        return fit(width, f"vanishing: ∂C/∂z shrinks {fmt(top / max(bottom, 1e-300), 1)}× L5→L1",
                   f"vanishing ∂C/∂z: {fmt(top / max(bottom, 1e-300), 1)}×"), False
    if bottom > top * GRADIENT_RATIO:
        return fit(width, f"exploding: ∂C/∂z grows {fmt(bottom / top, 1)}× L5→L1",
                   f"exploding ∂C/∂z: {fmt(bottom / top, 1)}×"), False
    return fit(width, "healthy: a and ∂C/∂z spreads hold", "healthy"), True


class InitLab(ChapterLab):
    """Pick an init scheme, a gain and a starting bias; read what five layers do to a batch."""

    BINDINGS = [
        Binding("i", "scheme", "Init scheme"),
        Binding("a", "activation", "Activation"),
        Binding("v", "view", "z / a / ∂C/∂z"),
        Binding("n", "new_batch", "New draw"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.setup = ProbeSetup(INIT_SCHEMES["xavier"], 1.0, TANH)
        self.view = "a"
        self.probes: list[LayerProbe] = []

    def compose(self) -> ComposeResult:
        """Gain and bias fields, then the strips."""
        with KeptHorizontal(classes="fields"):
            yield NumberField("gain", self.setup.gain, GAIN_BOUNDS,
                              nudge=lambda v, d: v * 2.0 ** (d / 2), id="gain")
            yield NumberField("b₀", self.setup.bias, SHIFT_BOUNDS,
                              nudge=lambda v, d: v + d * 0.5, id="bias")
        yield LinesView(id="strips")

    def on_mount(self) -> None:
        """Run the first batch."""
        self.rerun()

    def on_resize(self) -> None:
        """Strips are as wide as the pane allows."""
        if self.probes:
            self.draw()

    def rerun(self) -> None:
        """Rebuild the stack from the setup and measure it again."""
        self.probes = probe_stack(self.setup)[1]
        self.draw()
        self.changed()

    def _range(self) -> tuple[float, float]:
        act = self.setup.activation
        if self.view == "a" and act is TANH:
            return -1.0, 1.0
        if self.view == "a" and act is SIGMOID:
            return 0.0, 1.0
        tops = [quantile(np.abs(getattr(l, self.view)), 0.99) for l in self.probes]
        r = max(max(tops), 1e-300)
        return (0.0, r) if self.view == "a" else (-r, r)

    def draw(self) -> None:
        """Header, a strip per layer, the axis and the diagnosis."""
        pal = Palette.from_app(self.app)
        s, relu = self.setup, self.setup.activation is RELU
        width = self.query_one("#strips").size.width
        bins = max(width - 3 - STATS_WIDTH, 8)
        lo, hi = self._range()
        name = s.scheme.title.split(" / ")[0]  # "Xavier / Glorot" → "Xavier" where room is short
        lines = [Text(fit(width, f"{s.scheme.title}: {s.scheme.formula}", f"{name}: {s.scheme.formula}",
                          s.scheme.formula), style="bold"),
                 Text(f"× gain {fmt(s.gain, 2)} · {s.activation.title} · {s.depth}×{s.width} · "
                      f"batch {s.batch}", style=pal.muted.style),
                 Text(f"showing {VIEWS[self.view]}" + (" where a > 0" if relu and self.view == "a" else ""),
                      style=pal.muted.style)]
        for k, layer in enumerate(self.probes, 1):
            values = getattr(layer, self.view)
            if relu and self.view == "a":
                values = values[values > 0]  # the zeros would dwarf the rest; "dead" counts them
            strip = histogram_strip(histogram(values, bins, lo, hi))
            share = f"dead {layer.dead:>4.0%}" if relu else f"sat  {layer.saturated:>4.0%}"
            bad = (layer.dead > 0.2) if relu else (layer.saturated > 0.5)
            row = Text(f"L{k} ")
            row.append(strip, style=pal.curve.style)
            row.append(f" sd {short(layer.spread(self.view).std):<7} ")
            row.append(share, style=pal.bad.style if bad else "")
            lines.append(row)
        left, right = fmt(lo, 2), fmt(hi, 2)
        lines.append(Text("   " + left + right.rjust(bins - len(left)), style=pal.muted.style))
        words, healthy = diagnosis(self.probes, relu, width or None)
        lines.append(Text(words, style=pal.good.style if healthy else pal.bad.style))
        self.query_one("#strips", LinesView).show(lines)
        self.query_one("#gain", NumberField).set_value(s.gain)
        self.query_one("#bias", NumberField).set_value(s.bias)

    def _with(self, **changes: object) -> None:
        self.setup = replace(self.setup, **changes)
        self.rerun()

    def action_scheme(self) -> None:
        """Next initialisation scheme."""
        self._with(scheme=cycle(list(INIT_SCHEMES.values()), self.setup.scheme))

    def action_activation(self) -> None:
        """Next activation: tanh, ReLU, sigmoid."""
        self._with(activation=cycle(ACTIVATIONS, self.setup.activation))

    def action_view(self) -> None:
        """Show pre-activations, activations or gradients."""
        self.view = cycle(list(VIEWS), self.view)
        self.draw()
        self.changed()

    def action_new_batch(self) -> None:
        """New weights and a new batch from the next seed."""
        self._with(seed=self.setup.seed + 1)

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        self._with(**{event.field.id or "gain": event.value})


LAB = InitLab
"""This chapter's lab, for the table of contents."""

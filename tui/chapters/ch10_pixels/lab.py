"""Chapter 10's lab: one sigmoid neuron reads the 64 pixels of a digit and learns "is this a 3?"."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.networks.pixel_neuron import PixelState, pixel_steps, pixel_task, start_state
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.book.training_fields import training_fields
from tui.chapters.ch10_pixels.sum_line import sum_lines
from tui.drawing.palette import Palette
from tui.drawing.pixels import (glyph_mode, image_rows, image_width, ink_image, signed_image,
                                signed_legend)
from tui.values.choices import cycle
from tui.values.numbers import fmt, fmt_fixed
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView, fit
from tui.widgets.number_field import NumberField
from tui.book.curves import curves
from tui.widgets.plot import PlotSpec, PlotView, Series

DEFAULT_DIGIT, DEFAULT_SEED, DEFAULT_LR, DEFAULT_LAM, DEFAULT_PER_KEY = 3, 0, 4.0, 0.0, 10
PLOT_ROWS = 4
"""The fewest rows the cost curves are drawn in."""
LAMBDA_PRESETS = (0.0, 0.001, 0.01, 0.1)
"""The values ``l`` steps through."""


class PixelLab(SteppingLab[PixelState]):
    """Train the 64-input neuron on 100 images; watch its weights, and its cost on 1,697 others."""

    DEFAULT_CSS = """
    PixelLab #px-images { height: auto; }
    PixelLab #px-x, PixelLab #px-w { width: auto; margin-right: 2; }
    PixelLab #px-notes { width: 1fr; }
    PixelLab.-glyphs { overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    BINDINGS = STEPPING_BINDINGS + [
        Binding("d", "digit", "Next digit", tooltip="which digit the neuron learns to say yes to"),
        Binding("n", "example(1)", "Next image"),
        Binding("p", "example(-1)", "Prev. image"),
        Binding("m", "mistake", "Next mistake", tooltip="the next test image the neuron gets wrong"),
        Binding("l", "lam", "λ preset", tooltip="λ: 0, 0.001, 0.01, 0.1 in turn"),
    ]

    def __init__(self) -> None:
        self.digit, self.seed, self.per_key = DEFAULT_DIGIT, DEFAULT_SEED, DEFAULT_PER_KEY
        self.lr, self.lam = DEFAULT_LR, DEFAULT_LAM
        self.example = 0
        """Index into the test set of the image on show."""
        super().__init__()

    def start(self) -> PixelState:
        """Weights and bias at 0 on the current digit and split."""
        return start_state(pixel_task(self.digit, self.seed), self.lr, self.lam)

    def advance(self, snap: PixelState) -> PixelState | None:
        """``per_key`` gradient steps, unless a weight would run off."""
        return pixel_steps(snap, self.per_key)

    def compose(self) -> ComposeResult:
        """Fields, the two images with the example's numbers, the sum, the table, the curves."""
        yield training_fields(self.lr, self.lam, self.seed, self.per_key)
        yield LinesView(id="px-head")
        with KeptHorizontal(id="px-images"):
            yield LinesView(id="px-x")
            yield LinesView(id="px-w")
            yield LinesView(id="px-notes")
        yield LinesView(id="px-notes-below")
        yield LinesView(id="px-sum")
        yield LinesView(id="px-table")
        yield PlotView(id="px-curves")

    def on_mount(self) -> None:
        """Draw the start."""
        self.draw()

    @property
    def x(self) -> np.ndarray:
        """The test image on show, 64 pixels in [0, 1]."""
        return self.current.task.X_test[self.example]

    @property
    def y(self) -> float:
        """Its target: 1 if it shows the digit, else 0."""
        return float(self.current.task.y_test[self.example])

    @property
    def z(self) -> float:
        """w·x + b for the image on show."""
        s = self.current
        return float(s.w @ self.x + s.b)

    @property
    def a(self) -> float:
        """σ(z) for the image on show."""
        return float(1.0 / (1.0 + np.exp(-self.z))) if self.z >= 0 else float(
            np.exp(self.z) / (1.0 + np.exp(self.z)))

    @property
    def label(self) -> int:
        """The digit the image on show really is."""
        from core.data.digits import load_digits

        return int(load_digits().labels[self.current.task.test_index[self.example]])

    def _show_images(self, pal: Palette) -> None:
        """The example and the weights side by side, the example's numbers beside them (below
        them when glyphs make the images too wide). Three views, so that a step, which changes
        only the weights and a, leaves the example's cells alone."""
        s = self.current
        scale = float(np.abs(s.w).max())
        says = self.a > 0.5
        right_answer = says == (self.y > 0.5)
        mark = Text("✓" if right_answer else "✗", style=(pal.good if right_answer else pal.bad).style)
        legend = signed_legend(scale, self.app, lambda v: fmt(v, 2)) if scale > 0 else Text("w = 0")
        where = f"test image {self.example + 1}/{s.task.y_test.size}"
        label = f"label {self.label} · y = {self.y:.0f}"
        answer = Text(f"a = {fmt(self.a)}: {'yes' if says else 'no'} ") + mark
        width = image_width(self.app)
        question = f"is it a {self.digit}?"
        head = Text(fit(self.size.width, f"{'x':{width}}  {'w':{width}}  {question}",
                        f"{'x: ' + question:{width}}  w"), style="bold")  # glyphs: twice as wide
        self.query_one("#px-head", LinesView).show([head])
        self.query_one("#px-x", LinesView).show(ink_image(self.x, self.app))
        self.query_one("#px-w", LinesView).show(signed_image(s.w, scale, self.app))
        below = glyph_mode(self.app)  # the images are twice as wide: the notes go under them
        beside = [] if below else [Text(where), Text(label), answer, legend]
        under = [Text(f"{where} · {label}"), answer + Text(" · ") + legend] if below else []
        self.query_one("#px-notes", LinesView).show(beside)
        self.query_one("#px-notes-below", LinesView).show(under)

    def _table_lines(self, pal: Palette) -> list[Text]:
        """Cost and accuracy on both sets; each row's mark is its curve's."""
        s = self.current
        run = " ▶" if self.running else ""
        head = f"step {s.steps}{run}"
        return [
            Text(f"{head:<8}{'cost':>7}{'right':>9}", style="bold"),
            Text("━ train", style=pal.curve.style)
            + Text(f"{fmt_fixed(s.train_cost, 3):>8}{s.train_accuracy:>9.1%} of {s.task.y_train.size:,}"),
            Text("• test ", style=pal.derivative.style)
            + Text(f"{fmt_fixed(s.test_cost, 3):>8}{s.test_accuracy:>9.1%} of {s.task.y_test.size:,}"),
        ]

    def _curves(self, pal: Palette) -> PlotSpec:
        start = max(i for i, snap in enumerate(self.history) if snap.steps == 0)
        shown = self.history[start:]
        xs = tuple(float(snap.steps) for snap in shown)
        return curves([
            Series(xs, tuple(snap.train_cost for snap in shown), pal.curve.plot),
            Series(xs, tuple(snap.test_cost for snap in shown), pal.derivative.plot, marker="dot"),
        ], 0.0, 0.7)

    def draw(self) -> None:
        """Every part for the current snapshot."""
        pal = Palette.from_app(self.app)
        s = self.current
        self._show_images(pal)
        terms = s.w * self.x
        self.query_one("#px-sum", LinesView).show(
            sum_lines(terms, s.b, self.z, self.a, max(self.size.width, 30), pal))
        self.query_one("#px-table", LinesView).show(self._table_lines(pal))
        self.query_one("#px-curves", PlotView).plot(self._curves(pal))
        for key in ("lr", "lam", "seed", "per_key"):
            value = getattr(s, key) if key in ("lr", "lam") else getattr(self, key)
            self.query_one(f"#{key}", NumberField).set_value(value)

    def on_resize(self) -> None:
        """The sum line's form depends on the width; the curves show only where at least
        PLOT_ROWS rows are left for them (else the numbers above them would be pushed out).
        Without colour the images are twice as tall, and the lab scrolls if it must."""
        glyphs = glyph_mode(self.app)
        fixed = 1 + 1 + image_rows(self.app) + (2 if glyphs else 0) + 2 + 3
        self.set_class(glyphs, "-glyphs")
        self.query_one("#px-curves").display = self.size.height - fixed >= PLOT_ROWS
        self.draw()

    def action_digit(self) -> None:
        """Learn the next digit (0–9): a fresh start."""
        self.digit = (self.digit + 1) % 10
        self.restart_from(self.start)

    def action_example(self, by: int) -> None:
        """Show the next or previous test image."""
        self.example = (self.example + by) % self.current.task.y_test.size
        self.draw()
        self.changed()

    def action_mistake(self) -> None:
        """Show the next test image the neuron gets wrong (the bell if there is none)."""
        s = self.current
        wrong = np.flatnonzero(((s.task.X_test @ s.w + s.b) > 0) != (s.task.y_test > 0.5))
        if wrong.size == 0:
            self.app.bell()
            return
        later = wrong[wrong > self.example]
        self.example = int(later[0] if later.size else wrong[0])
        self.draw()
        self.changed()

    def action_lam(self) -> None:
        """Next λ preset; the weights stay, so the effect shows from here on."""
        self.lam = cycle(LAMBDA_PRESETS, self.current.lam)
        self.push(self.current.edited(lam=self.lam))

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        key = event.field.id or ""
        if key == "per_key":
            self.per_key = int(event.value)
            self.draw()
        elif key == "seed":
            self.seed = int(event.value)
            self.restart_from(self.start)
        else:
            setattr(self, key, event.value)
            self.push(self.current.edited(**{key: event.value}))


LAB = PixelLab
"""This chapter's lab, for the table of contents."""

"""Chapter 11's lab: ten neurons and a softmax read the digits; draw your own and watch them."""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.networks.softmax_classifier import (ClassifierState, classifier_step, digit_split,
                                              start_state)
from core.neuron.softmax import softmax
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.chapters.ch11_classifier.canvas import Canvas
from tui.drawing.glyphs import bar
from tui.drawing.palette import Palette
from tui.drawing.pixels import glyph_mode, image_rows, image_width, ink_image, signed_image
from tui.values.bounds import LR_BOUNDS, SEED_BOUNDS
from tui.values.choices import cycle
from tui.values.numbers import MINUS, Bounds
from tui.widgets.kept_lines import KeptHorizontal
from tui.widgets.lines import LinesView, fit
from tui.widgets.number_field import NumberField

DEFAULT_LR, DEFAULT_BATCH, DEFAULT_SEED = 1.0, 32, 0
BATCH_BOUNDS = Bounds(1, 1297, integer=True)
VIEWS = ("example", "weights", "confusion")


def _num(x: float, width: int) -> str:
    """``x`` in at most ``width`` characters: two decimals, or 3 significant digits."""
    if not math.isfinite(x):
        return "—".rjust(width)
    text = f"{x:.2f}"
    if len(text) > width:
        text = f"{x:.{max(width - 6, 0)}e}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")
    return text.replace("-", MINUS).rjust(width)


class ClassifierLab(SteppingLab[ClassifierState]):
    """Mini-batch steps of a 64×10 softmax layer on 1,297 digits, judged on 500 others."""

    DEFAULT_CSS = """
    ClassifierLab { overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    BINDINGS = STEPPING_BINDINGS + [
        Binding("v", "view", "View", tooltip="the example, the ten weight images, or the test "
                "set's confusion matrix"),
        Binding("n", "example(1)", "Next image", tooltip="in the weights view, the next digit"),
        Binding("p", "example(-1)", "Prev. image", show=False),
        Binding("c", "canvas", "Draw", tooltip="draw your own digit (arrows move, i inks)"),
        Binding("i", "ink", "Ink", show=False, tooltip="cycle the pixel under the cursor: "
                "full, half, blank"),
        Binding("x", "clear", "Clear canvas", show=False),
        Binding("up", "move(-1, 0)", "Cursor up", key_display="↑", show=False),
        Binding("down", "move(1, 0)", "Cursor down", key_display="↓", show=False),
        Binding("left", "move(0, -1)", "Cursor left", key_display="←", show=False),
        Binding("right", "move(0, 1)", "Cursor right", key_display="→", show=False),
    ]

    def __init__(self) -> None:
        self.lr, self.batch, self.seed = DEFAULT_LR, DEFAULT_BATCH, DEFAULT_SEED
        self.view = VIEWS[0]
        self.example = 0
        """Index into the test set of the image on show."""
        self.chosen = 0
        """The digit whose weights the weights view centres on."""
        self.canvas: Canvas | None = None
        """The learner's own drawing, while drawing."""
        super().__init__()

    def start(self) -> ClassifierState:
        """W and b at 0 on the split from the seed."""
        return start_state(digit_split(self.seed), self.lr, self.batch)

    def advance(self, snap: ClassifierState) -> ClassifierState | None:
        """One mini-batch step."""
        return classifier_step(snap)

    def compose(self) -> ComposeResult:
        """Fields, a status line and the view."""
        with KeptHorizontal(classes="fields"):
            yield NumberField("η", self.lr, LR_BOUNDS, nudge=lambda v, d: v * 2.0**d, id="lr")
            yield NumberField("batch", self.batch, BATCH_BOUNDS,
                              nudge=lambda v, d: v * 2.0**d, id="batch")
            yield NumberField("seed", self.seed, SEED_BOUNDS, nudge=lambda v, d: v + d, id="seed")
        yield LinesView(id="cl-status")
        yield LinesView(id="cl-view")

    def on_mount(self) -> None:
        """Draw the start."""
        self.draw()

    def on_resize(self) -> None:
        """The weights view shows as many images as fit."""
        self.draw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Arrows, ink and clear work only while drawing (elsewhere the arrows move the focus)."""
        if action in ("move", "ink", "clear"):
            return self.canvas is not None
        return True

    # What is on show --------------------------------------------------------------------

    @property
    def x(self) -> np.ndarray:
        """The 64 inputs on show: the drawing while drawing, else the test image."""
        if self.canvas is not None:
            return self.canvas.inputs
        return self.current.data.X_test[self.example]

    @property
    def label(self) -> int | None:
        """The digit the test image shows (None for a drawing: only you know)."""
        return None if self.canvas is not None else int(self.current.data.y_test[self.example])

    @property
    def logits(self) -> np.ndarray:
        """z = xW + b for the input on show, shape (10,)."""
        s = self.current
        return self.x @ s.W + s.b

    @property
    def probs(self) -> np.ndarray:
        """softmax(z) for the input on show."""
        return softmax(self.logits)

    # Drawing ------------------------------------------------------------------------------

    def _status(self, pal: Palette) -> list[Text]:
        s = self.current
        run = " ▶" if self.running else ""
        return [Text(f"step {s.steps}{run} · epoch {s.epoch + 1} · {s.position:,}/"
                     f"{s.data.y_train.size:,} seen", style=pal.muted.style),
                Text(f"C: train {s.train_cost:.3f}, test {s.test_cost:.3f} · "
                     f"{s.test_accuracy:.1%} right")]

    def _example_lines(self, pal: Palette) -> list[Text]:
        """The image beside the ten rows k, z, eᶻ, p (a bar), ∂C/∂z = p − y."""
        z, p = self.logits, self.probs
        best = int(np.argmax(p))
        y = self.label
        if self.canvas is not None:
            return self._drawing_lines(p, best, pal)
        left = ink_image(self.x, self.app)
        n = self.current.data.y_test.size
        mark = "✓" if best == y else "✗"
        notes = [f"#{self.example + 1}", f"of {n}", f"label {y}", f"says {best}", mark]
        w = image_width(self.app)
        column = [row + Text(" ") for row in left] + [Text(f"{note:<{w}} ") for note in notes]
        lines = [Text(" " * (w + 1)) + Text("k     z     eᶻ    p       p−y", style="bold")]
        for k in range(10):
            target = 1.0 if k == y else 0.0
            style = pal.highlight.style if k == best else None
            row = Text(f"{k} {_num(z[k], 6)} {_num(math.exp(min(z[k], 700.0)), 6)} "
                       f"{p[k]:.2f} ", style=style)
            row.append(bar(p[k], 3), pal.curve.style)
            row.append(f" {_num(p[k] - target, 5)}")
            lead = column[k] if k < len(column) else Text(" " * (w + 1))
            lines.append(lead + row)
        return lines

    def _drawing_lines(self, p: np.ndarray, best: int, pal: Palette) -> list[Text]:
        """The canvas beside each digit's probability as a bar."""
        canvas = self.canvas.lines(pal.highlight.style)
        lines = [Text("your drawing     digit  p", style="bold")]
        for k in range(10):
            lead = canvas[k] if k < len(canvas) else Text(" " * 16)
            row = Text(f"  {k}  {p[k]:.3f} ", style=pal.highlight.style if k == best else None)
            row.append(bar(p[k], 10), pal.curve.style)
            lines.append(lead + row)
        lines.append(Text("arrows move · i ink · x clear · c done", style=pal.muted.style))
        return lines

    def _weights_lines(self, pal: Palette) -> list[Text]:
        """As many of the ten weight images as fit, starting at the chosen digit."""
        W = self.current.W
        scale = float(np.abs(W).max())
        w_img, h_img = image_width(self.app), image_rows(self.app)
        width = max(self.size.width, w_img)
        per_row = max(1, min(10, (width + 2) // (w_img + 2)))
        rows_free = max(1, (self.size.height - 5) // (h_img + 1))  # fields, status, title, hint
        shown = min(10, per_row * rows_free)
        digits = [(self.chosen + i) % 10 for i in range(shown)]
        signs = "▓ +, ━ −" if glyph_mode(self.app) else "blue +, red −"
        head = fit(width, f"W's columns, one per digit · {signs} · ±{scale:.2f}",
                   f"W's columns · {signs} · ±{scale:.2f}")  # the scale is never cut off
        lines = [Text(head if scale > 0 else "W = 0: nothing learned yet", style="bold")]
        for start in range(0, shown, per_row):
            group = digits[start:start + per_row]
            images = [signed_image(W[:, k], scale, self.app) for k in group]
            lines.append(Text("  ".join(f"{k:<{w_img}}" for k in group)))
            for r in range(h_img):
                line = Text()
                for j, img in enumerate(images):
                    line += (Text("  ") if j else Text()) + img[r]
                lines.append(line)
        if shown < 10:
            lines.append(Text(f"n / p: other digits ({shown} of 10 fit)", style=pal.muted.style))
        return lines

    def _confusion_lines(self, pal: Palette) -> list[Text]:
        """The test set's confusion matrix: rows the true digit, columns the one read."""
        m = self.current.test_confusion
        lines = [Text("true↓ read→ " + "".join(f"{k:>3}" for k in range(10)), style="bold")]
        for t in range(10):
            row = Text(f"{t:>11} ")
            for k in range(10):
                style = pal.good.style if t == k else (pal.bad.style if m[t, k] else pal.muted.style)
                row.append(f"{m[t, k]:>3}", style)
            lines.append(row)
        return lines

    def draw(self) -> None:
        """The status and the view for the current snapshot."""
        pal = Palette.from_app(self.app)
        self.query_one("#cl-status", LinesView).show(self._status(pal))
        view = {"example": self._example_lines, "weights": self._weights_lines,
                "confusion": self._confusion_lines}[self.view]
        self.query_one("#cl-view", LinesView).show(view(pal))
        s = self.current
        self.query_one("#lr", NumberField).set_value(s.lr)
        self.query_one("#batch", NumberField).set_value(s.batch)
        self.query_one("#seed", NumberField).set_value(self.seed)

    # Keys ---------------------------------------------------------------------------------

    def action_view(self) -> None:
        """Next view: the example, the weight images, the confusion matrix."""
        self.view = cycle(VIEWS, self.view)
        self.draw()

    def action_example(self, by: int) -> None:
        """The next or previous test image (in the weights view, the next digit)."""
        if self.view == "weights":
            self.chosen = (self.chosen + by) % 10
        else:
            self.canvas = None
            self.example = (self.example + by) % self.current.data.y_test.size
        self.draw()
        self.changed()

    def action_canvas(self) -> None:
        """Start drawing (from the image on show), or stop and go back to the test images."""
        self.canvas = None if self.canvas is not None else Canvas.from_image(self.x * 16.0)
        self.view = "example"
        self.draw()
        self.changed()
        self.refresh_bindings()

    def _redraw_canvas(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.draw()
        self.changed()

    def action_move(self, d_row: int, d_col: int) -> None:
        """Move the drawing cursor."""
        if self.canvas is not None:
            self._redraw_canvas(self.canvas.moved(d_row, d_col))

    def action_ink(self) -> None:
        """Cycle the ink of the pixel under the cursor."""
        if self.canvas is not None:
            self._redraw_canvas(self.canvas.inked())

    def action_clear(self) -> None:
        """Blank the whole canvas."""
        if self.canvas is not None:
            self._redraw_canvas(self.canvas.cleared())

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        key = event.field.id or ""
        if key == "seed":
            self.seed = int(event.value)
            self.restart_from(self.start)
            return
        value = int(event.value) if key == "batch" else event.value
        setattr(self, key, value)
        self.push(self.current.edited(**{key: value}))


LAB = ClassifierLab
"""This chapter's lab, for the table of contents."""

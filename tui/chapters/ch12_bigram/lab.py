"""Chapter 12's lab: a layer of 27 neurons learns which letter follows which, and ends up with
the counting model's table."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.data.names import load_names
from core.networks.bigram import ALPHABET, BigramState, Bigrams, bigram_step, sample, start_state
from tui.book.stepping import STEPPING_BINDINGS, SteppingLab
from tui.book.training_fields import training_fields
from tui.drawing.glyphs import bar, histogram_strip
from tui.drawing.palette import Palette
from tui.values.numbers import MINUS
from tui.widgets.lines import LinesView
from tui.widgets.number_field import NumberField
from tui.book.curves import curves
from tui.widgets.plot import PlotSpec, PlotView, Series

DEFAULT_LR, DEFAULT_LAM, DEFAULT_SEED, DEFAULT_PER_KEY = 50.0, 0.0, 0, 10
TOP = 5
"""The fewest next letters the letter view names; at 80×24 it has room for six, and a taller
lab names more, up to all 27."""
ROWS_BESIDE = 16
"""The lab's rows that are not the named letters (fields, status, strip, curve)."""


@lru_cache(maxsize=1)
def bigram_data() -> tuple[Bigrams, Bigrams]:
    """The names' bigrams, and those with one more of each pair (what the network learns)."""
    names = load_names()
    return Bigrams.of(names), Bigrams.of(names, one_of_each=True)


def _num(x: float, width: int) -> str:
    """``x`` in ``width`` characters: two decimals, or 2 significant digits in e-notation."""
    text = f"{x:.2f}" if abs(x) < 10 ** (width - 3) else f"{x:.1e}".replace("e+0", "e").replace("e+", "e")
    return text.replace("-", MINUS).rjust(width)


class BigramLab(SteppingLab[BigramState]):
    """Full-batch steps of the 27×27 layer; the letter view and ten sampled names from both."""

    BINDINGS = STEPPING_BINDINGS + [
        Binding("g", "sample", "Sample names", tooltip="ten names from the seed, from the network "
                "and from the counts; the seed then moves on by 1"),
        Binding("v", "view", "View", tooltip="the letter view or the sampled names"),
        Binding("slash", "pick", "Pick letter", key_display="/",
                tooltip="then type a letter (or .) to see what follows it"),
        Binding("left", "letter(-1)", "Prev. letter", key_display="←", show=False),
        Binding("right", "letter(1)", "Next letter", key_display="→", show=False),
    ]

    def __init__(self) -> None:
        self.lr, self.lam, self.seed = DEFAULT_LR, DEFAULT_LAM, DEFAULT_SEED
        self.per_key = DEFAULT_PER_KEY
        self.letter = ALPHABET.index("a")
        self.view = "letter"
        self.samples: tuple[int, list[str], list[str]] | None = None
        """(seed, the network's names, the counting model's names), once sampled."""
        super().__init__()

    def start(self) -> BigramState:
        """W = 0: every next letter equally likely."""
        names, train = bigram_data()
        return start_state(names, train, self.lr, self.lam)

    def advance(self, snap: BigramState) -> BigramState | None:
        """``per_key`` full-batch steps, unless they diverge."""
        for _ in range(self.per_key):
            snap = bigram_step(snap)
            if snap is None:
                return None
        return snap

    def compose(self) -> ComposeResult:
        """Fields, status, the view and the loss curve."""
        yield training_fields(self.lr, self.lam, self.seed, self.per_key)
        yield LinesView(id="bg-status")
        yield LinesView(id="bg-view")
        yield PlotView(id="bg-curve")

    def on_mount(self) -> None:
        """Draw the start."""
        self.draw()

    def on_resize(self) -> None:
        """A taller lab names more next letters."""
        self.draw()

    @property
    def counts(self) -> Bigrams:
        """The names' bigrams and the counting model."""
        return self.current.names

    def _status(self, pal: Palette) -> list[Text]:
        s = self.current
        run = " ▶" if self.running else ""
        gap = s.loss - self.counts.count_loss
        return [Text("loss: ") + Text(f"━ network {s.loss:.4f}", style=pal.curve.style)
                + Text(" · ") + Text(f"━ counts {self.counts.count_loss:.4f}",
                                     style=pal.derivative.style),
                Text(f"step {s.steps}{run} · {self.per_key} per s · {gap:.4f} above",
                     style=pal.muted.style)]

    def _letter_lines(self, pal: Palette) -> list[Text]:
        """For the chosen letter: the top next letters with z, eᶻ, p (a bar) and the counts' p,
        then all 27 probabilities as a strip."""
        s = self.current
        row = self.letter
        z = s.W[row]
        e = np.exp(np.minimum(z, 700.0))
        p = s.probs[row]
        c = self.counts.count_model[row]
        lines = [Text(f"{'next':4} {'z':>6} {'eᶻ':>7} {'p':>6} {'':5} {'counts':>6}", style="bold")]
        named = min(len(ALPHABET), max(TOP, self.size.height - ROWS_BESIDE))
        for i, k in enumerate(np.argsort(-p, kind="stable")[:named]):
            first = f"{ALPHABET[row]}→" if i == 0 else ""
            line = Text(f"{first:>2}{ALPHABET[k]:>2} {_num(z[k], 6)} {_num(e[k], 7)} {p[k]:6.3f} ")
            line.append(bar(p[k], 5), pal.curve.style)
            line.append(f" {c[k]:6.3f}", pal.derivative.style)
            lines.append(line)
        lines.append(Text(histogram_strip(p), style=pal.curve.style)
                     + Text("  p = eᶻ/Σeᶻ", style=pal.muted.style))
        lines.append(Text(ALPHABET, style=pal.muted.style)
                     + Text(f"  Σeᶻ = {_num(float(e.sum()), 7).strip()}"))
        return lines

    def _names_lines(self, pal: Palette) -> list[Text]:
        """Ten names from each model with the same draws; a mark where they differ."""
        if self.samples is None:
            return [Text("g samples ten names from the seed", style=pal.muted.style)]
        seed, net, cnt = self.samples
        same = sum(a == b for a, b in zip(net, cnt))
        lines = [Text(f"seed {seed}: {same} of {len(net)} names the same", style="bold"),
                 Text(f"   {'network':16} {'counts':16}", style="bold")]
        for a, b in zip(net, cnt):
            mark = Text("= " if a == b else "≠ ", style=pal.good.style if a == b else pal.bad.style)
            lines.append(mark + Text(f" {a[:16]:16} {b[:16]}"))
        return lines

    def _curve(self, pal: Palette) -> PlotSpec:
        start = max(i for i, snap in enumerate(self.history) if snap.steps == 0)
        shown = self.history[start:]
        xs = tuple(float(snap.steps) for snap in shown)
        target = self.counts.count_loss
        spec = curves([Series(xs, tuple(snap.loss for snap in shown), pal.curve.plot)],
                      2.0, 3.4)
        line = Series(spec.xlim, (target, target), pal.derivative.plot)
        return replace(spec, overlay=(line, *spec.overlay))

    def draw(self) -> None:
        """Status, view and curve for the current snapshot."""
        pal = Palette.from_app(self.app)
        self.query_one("#bg-status", LinesView).show(self._status(pal))
        view = self._names_lines if self.view == "names" else self._letter_lines
        self.query_one("#bg-view", LinesView).show(view(pal))
        curve = self.query_one("#bg-curve", PlotView)
        # Shown once the lab has its height, which sets the letter view's and so the curve's:
        # laid out before that, the curve was built twice (at 56×26, then 56×10 at 120×40).
        curve.display = bool(self.size.height) and (
            self.view == "letter" or self.size.height >= 30)  # names need the room
        curve.plot(self._curve(pal))
        s = self.current
        for key, value in (("lr", s.lr), ("lam", s.lam), ("seed", self.seed),
                           ("per_key", self.per_key)):
            self.query_one(f"#{key}", NumberField).set_value(value)

    def action_sample(self) -> None:
        """Ten names from each model from the seed; then the seed moves on by 1."""
        s = self.current
        self.samples = (self.seed, sample(s.probs, self.seed), sample(self.counts.count_model,
                                                                      self.seed))
        self.seed = (self.seed + 1) % (2**32)
        self.view = "names"
        self.draw()
        self.changed()

    def action_view(self) -> None:
        """The letter view or the sampled names."""
        self.view = "names" if self.view == "letter" else "letter"
        self.draw()

    def action_pick(self) -> None:
        """Ask for a letter (or .): the letter view then shows what follows it."""
        from tui.chapters.ch12_bigram.letter_prompt import LetterPrompt

        self.app.push_screen(LetterPrompt(), self._picked)

    def _picked(self, char: str | None) -> None:
        if char is not None:
            self.letter = ALPHABET.index(char)
            self.view = "letter"
            self.draw()
            self.changed()

    def action_letter(self, by: int) -> None:
        """The next or previous symbol in . a b … z."""
        self.letter = (self.letter + by) % len(ALPHABET)
        self.view = "letter"
        self.draw()
        self.changed()

    @on(NumberField.Changed)
    def _edit(self, event: NumberField.Changed) -> None:
        event.stop()
        key = event.field.id or ""
        if key == "per_key":
            self.per_key = int(event.value)
        elif key == "seed":
            self.seed = int(event.value)
        else:
            setattr(self, key, event.value)
            self.push(self.current.edited(**{key: event.value}))
            return
        self.draw()


LAB = BigramLab
"""This chapter's lab, for the table of contents."""

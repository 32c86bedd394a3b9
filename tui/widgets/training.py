"""The training pane's text: the cost, the gradient and each parameter's update written out."""

from __future__ import annotations

from rich.text import Text

from core.neuron.train import PARAM_LIMIT
from tui.values.numbers import fmt, fmt_factor, fmt_plain
from tui.drawing.palette import Palette
from tui.lab.view import PHASES, LabView, param_names
from tui.widgets.lines import LinesView, fits


def _fit(width: int | None, full: str, short: str) -> str:
    """``full`` if it fits in ``width`` cells (or no width is given), else ``short``.

    A line too long for the pane would be cut at its edge, and a number cut there reads as
    another number (0.018 as 0.01); the short form keeps every number whole.
    """
    return full if width is None or fits(full, width) else short


def _headline(view: LabView, palette: Palette, width: int | None) -> Text:
    st = view.state
    if st.diverged:
        text = _fit(width, f"diverged: a parameter passed ±{fmt_plain(PARAM_LIMIT)}. "
                    "Press u to undo, lower η, or R to reset.",
                    "diverged: u undo, lower η, R reset")
        return Text(text, style=palette.bad.style)
    if not view.plan.finite:
        text = _fit(width, "the next step would overflow: lower η, undo (u) or reset (R).",
                    "overflow ahead: u undo, lower η, R reset")
        return Text(text, style=palette.bad.style)
    if view.phase:
        hint = "space: next phase" if view.phase < 4 else "space: start the next step"
        head = f"phase {view.phase}/4 · {PHASES[view.phase]} · "
        text = _fit(width, head + hint, head + ("space: next step" if view.phase == 4 else hint))
        return Text(text, style=palette.highlight.style)
    step, cost = f"step {st.steps} · cost", fmt(st.cost)
    return Text(_fit(width, f"{step} over all {st.data.n_examples} examples: {cost}",
                     f"{step}: {cost}"))


def _batch_words(view: LabView) -> str:
    rec = view.record
    if rec.mode == "stochastic":
        return f"example {int(rec.indices[0]) + 1} alone"
    return f"all {rec.indices.size} examples"


def training_lines(view: LabView, palette: Palette, width: int | None = None) -> list[Text]:
    """Headline, step cost, gradient, and one update line per parameter; lines that would not
    fit in ``width`` cells take a shorter form."""
    rec = view.record
    which = "last step" if view.phase == 4 else "next step"
    hi, muted = palette.highlight.style, palette.muted.style
    lines = [_headline(view, palette, width)]
    cost = f"C = {fmt(rec.cost)}"
    lines.append(_part(view, 2, (f"{which}, on {_batch_words(view)}: {cost}", f"{which}: {cost}"),
                       f"{which}: C = …", hi, muted, width))
    grad = ", ".join(fmt(g) for g in rec.grad)
    lines.append(_part(view, 3, (f"∇C = ({grad})",) * 2, "∇C = …", hi, muted, width))
    old, new = rec.old.params, rec.new.params
    for name, o, g, n in zip(param_names(rec.old.n_inputs), old, rec.grad, new):
        text = f"{name} ← {fmt(o)} − {fmt(rec.lr)}·{fmt_factor(g)} = {fmt(n)}"
        lines.append(_part(view, 4, (text,) * 2, f"{name} ← …", hi, muted, width))
    return lines


def _part(view: LabView, phase: int, text: tuple[str, str], hidden: str, hi, muted,
          width: int | None) -> Text:
    """A line of a phase: hidden before it, marked while it is the current one; ``text`` is
    the line and its shorter form."""
    if not view.shows(phase):
        return Text(hidden, style=muted)
    mark = "▶ " if view.highlights(phase) else ""
    return Text(_fit(width, mark + text[0], mark + text[1]), style=hi if mark else "")


class TrainingText(LinesView):
    """The numeric part of the training pane."""

    _view: tuple[LabView, Palette] | None = None

    def update_view(self, view: LabView, palette: Palette) -> None:
        """Redraw from ``view``; unchanged lines are not repainted."""
        self._view = (view, palette)
        self.rebuild()

    def rebuild(self) -> None:
        """The lines again, fitted to the pane's width (also after a resize)."""
        if self._view is not None:
            self.show(training_lines(*self._view, width=self.size.width or None))

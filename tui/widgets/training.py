"""The training pane's text: the cost, the gradient and each parameter's update written out."""

from __future__ import annotations

from rich.text import Text

from core.train import PARAM_LIMIT
from tui.numbers import fmt, fmt_factor, fmt_plain
from tui.palette import Palette
from tui.view import PHASES, LabView, param_names
from tui.widgets.lines import LinesView


def _headline(view: LabView, palette: Palette) -> Text:
    st = view.state
    if st.diverged:
        return Text(f"diverged: a parameter passed ±{fmt_plain(PARAM_LIMIT)}. "
                    "Press u to undo, lower η, or R to reset.", style=palette.bad.style)
    if not view.plan.finite:
        return Text("the next step would overflow: lower η, undo (u) or reset (R).",
                    style=palette.bad.style)
    if view.phase:
        hint = "space: next phase" if view.phase < 4 else "space: start the next step"
        return Text(f"phase {view.phase}/4 · {PHASES[view.phase]} · {hint}",
                    style=palette.highlight.style)
    return Text(f"step {st.steps} · cost over all {st.data.n_examples} examples: {fmt(st.cost)}")


def _batch_words(view: LabView) -> str:
    rec = view.record
    if rec.mode == "stochastic":
        return f"example {int(rec.indices[0]) + 1} alone"
    return f"all {rec.indices.size} examples"


def training_lines(view: LabView, palette: Palette) -> list[Text]:
    """Headline, step cost, gradient, and one update line per parameter."""
    rec = view.record
    which = "last step" if view.phase == 4 else "next step"
    hi, muted = palette.highlight.style, palette.muted.style
    lines = [_headline(view, palette)]
    cost_text = f"{which}, on {_batch_words(view)}: C = {fmt(rec.cost)}"
    lines.append(_part(view, 2, cost_text, f"{which}: C = …", hi, muted))
    grad = ", ".join(fmt(g) for g in rec.grad)
    lines.append(_part(view, 3, f"∇C = ({grad})", "∇C = …", hi, muted))
    old, new = rec.old.params, rec.new.params
    for name, o, g, n in zip(param_names(rec.old.n_inputs), old, rec.grad, new):
        text = f"{name} ← {fmt(o)} − {fmt(rec.lr)}·{fmt_factor(g)} = {fmt(n)}"
        lines.append(_part(view, 4, text, f"{name} ← …", hi, muted))
    return lines


def _part(view: LabView, phase: int, text: str, hidden: str, hi, muted) -> Text:
    if not view.shows(phase):
        return Text(hidden, style=muted)
    if view.highlights(phase):
        return Text("▶ " + text, style=hi)
    return Text(text)


class TrainingText(LinesView):
    """The numeric part of the training pane."""

    def update_view(self, view: LabView, palette: Palette) -> None:
        """Redraw from ``view``; unchanged lines are not repainted."""
        self.show(training_lines(view, palette))

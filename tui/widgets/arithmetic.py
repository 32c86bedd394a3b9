"""The neuron's arithmetic for the example on show, written out with the real numbers."""

from __future__ import annotations

import numpy as np
from rich.text import Text

from core.neuron.losses import BCE
from tui.values.numbers import fmt, fmt_factor
from tui.drawing.palette import Palette
from tui.lab.view import LabView
from tui.widgets.lines import LinesView

HIDDEN = "…"


def weighted_sum_terms(w: np.ndarray, x: np.ndarray, b: float) -> str:
    """The weighted sum written out with numbers: "0.500·1.000 + (−1.200)·0.300 + 0.100"."""
    terms = " + ".join(f"{fmt_factor(wi)}·{fmt_factor(xi)}" for wi, xi in zip(w, x))
    return f"{terms} + {fmt_factor(b)}"


def _weighted_sum(w: np.ndarray, x: np.ndarray, b: float, z: float) -> str:
    return f"z = w·x + b = {weighted_sum_terms(w, x, b)} = {fmt(z)}"


def _example_cost_formula(view: LabView) -> str:
    if view.state.loss is BCE:
        return "C = −[y·ln a + (1−y)·ln(1−a)]"
    return "C = (a − y)²"


def arithmetic_lines(view: LabView, palette: Palette) -> list[Text]:
    """The lines of the arithmetic pane: example, z, a, this example's cost, ∂C/∂z."""
    st = view.state
    i = st.example
    x, y = st.data.X[i], float(st.data.y[i])
    neuron, act = st.neuron, st.neuron.activation
    fw = neuron.forward(x[None, :])
    z, a = float(fw.z[0]), float(fw.a[0])
    yy, zz, aa = np.array([y]), fw.z, fw.a
    cost = st.loss.cost(zz, aa, yy, act)
    dc_da = float(st.loss.grad(aa, yy)[0])
    slope = float(act.df(zz)[0])
    delta = float(st.loss.delta(zz, aa, yy, act)[0])
    where = "your example" if st.data.editable else f"example {i + 1} of {st.data.n_examples}"
    xs = ", ".join(fmt(v) for v in x)
    lines = [
        (0, f"{where}:  x = ({xs})   target y = {fmt(y)}"),
        (1, _weighted_sum(neuron.w, x, neuron.b, z)),
        (1, f"a = {act.symbol}({fmt(z)}) = {fmt(a)}      slope {act.symbol}′(z) = {fmt(slope)}"),
        (2, f"{_example_cost_formula(view)} = {fmt(cost)}   for this example"),
        (3, f"∂C/∂z = ∂C/∂a · {act.symbol}′(z) = {fmt_factor(dc_da)} · {fmt_factor(slope)} = "
            f"{fmt(delta)}   for this example"),
    ]
    return [_styled(view, phase, text, palette) for phase, text in lines]


def _styled(view: LabView, phase: int, text: str, palette: Palette) -> Text:
    if not view.shows(phase):
        label = text.split("=")[0].rstrip()
        return Text(f"{label} = {HIDDEN}", style=palette.muted.style)
    if phase and view.highlights(phase):
        return Text("▶ " + text, style=palette.highlight.style)
    return Text(text)


class ArithmeticView(LinesView):
    """The weighted sum, the activation, the cost and ∂C/∂z for the example on show."""

    def update_view(self, view: LabView, palette: Palette) -> None:
        """Redraw from ``view``; unchanged lines are not repainted."""
        self.show(arithmetic_lines(view, palette))


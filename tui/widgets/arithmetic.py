"""The neuron's arithmetic for the example on show, written out with the real numbers.

Every line is an equation that holds with the digits it prints. Where the core computes a
number in a form other than the textbook product, the line writes that form: cross-entropy
after a sigmoid gives ∂C/∂z = a − y (σ′(z) = a(1 − a) cancels the denominator of ∂C/∂a), and a
cross-entropy that had to clip a into [ε, 1 − ε] writes the cost with the clipped value.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from rich.text import Text

from core.neuron.losses import BCE
from tui.values.numbers import fmt, fmt_factor
from tui.drawing.palette import Palette
from tui.lab.view import LabView
from tui.widgets.fitted_lines import FittedLines
from tui.widgets.lines import fit

HIDDEN = "…"


def clipped_cost(a: float) -> str:
    """Cross-entropy as the core computes it where it clipped a: to ε below, to 1 − ε above."""
    return "−[y·ln ε + (1−y)·ln(1−ε)]" if a < 0.5 else "−[y·ln(1−ε) + (1−y)·ln ε]"


def weighted_sum_terms(w: np.ndarray, x: np.ndarray, b: float) -> str:
    """The weighted sum written out with numbers: "0.500·1.000 + (−1.200)·0.300 − 0.100".

    A negative bias is subtracted rather than added in parentheses, which reads as a textbook
    would write it and saves three cells.
    """
    terms = " + ".join(f"{fmt_factor(wi)}·{fmt_factor(xi)}" for wi, xi in zip(w, x))
    bias = fmt(b)
    return f"{terms} − {bias[1:]}" if bias.startswith("−") else f"{terms} + {bias}"


def _cost_line(view: LabView, a: float, cost: float) -> tuple[str, ...]:
    st = view.state
    act = st.neuron.activation
    c = fmt(cost)
    if st.loss is BCE and not BCE.fuses(act) and BCE.clipped(np.array([a]))[0]:
        formula = f"C = {clipped_cost(a)}"
        why = "a < ε: clipped up to ε = 1e−12" if a < 0.5 else "a > 1 − ε: clipped down to 1 − ε"
        return (f"{formula} = {c}   {why}", f"{formula} = {c}   clipped",
                f"C = {c}   a clipped")
    formula = "C = −[y·ln a + (1−y)·ln(1−a)]" if st.loss is BCE else "C = (a − y)²"
    return f"{formula} = {c}   for this example", f"{formula} = {c}", f"C = {c}"


def _gradient_line(view: LabView, a: float, y: float, slope: float, delta: float,
                   dc_da: float) -> tuple[str, ...]:
    st = view.state
    act = st.neuron.activation
    head = f"∂C/∂z = ∂C/∂a · {act.symbol}′(z)"
    if st.loss.fuses(act):
        numbers = f"a − y = {fmt(a)} − {fmt(y)} = {fmt(delta)}"
        return (f"{head} = {numbers}   {act.symbol}′ cancels, for this example",
                f"{head} = {numbers}   {act.symbol}′ cancels", f"{head} = {numbers}",
                f"∂C/∂z = {numbers}", f"∂C/∂z = a − y = {fmt(delta)}")
    numbers = f"{fmt_factor(dc_da)} · {fmt_factor(slope)} = {fmt(delta)}"
    note = "C is flat in the clip" if st.loss.clipped(np.array([a]))[0] else "for this example"
    return (f"{head} = {numbers}   {note}", f"{head} = {numbers}", f"∂C/∂z = {numbers}",
            f"∂C/∂z = {fmt(delta)}")


def arithmetic_lines(view: LabView, palette: Palette, width: int | None = None) -> list[Text]:
    """The lines of the arithmetic pane: example, z, a, this example's cost, ∂C/∂z; a line that
    would not fit in ``width`` cells takes a shorter form."""
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
    sym = act.symbol
    lines = [
        (0, (f"{where}:  x = ({xs})   target y = {fmt(y)}", f"{where}:  target y = {fmt(y)}",
             f"target y = {fmt(y)}")),
        (1, (f"z = w·x + b = {weighted_sum_terms(neuron.w, x, neuron.b)} = {fmt(z)}",
             f"z = w·x + b = {fmt(z)}")),
        (1, (f"a = {sym}({fmt(z)}) = {fmt(a)}      slope {sym}′(z) = {fmt(slope)}",
             f"a = {sym}({fmt(z)}) = {fmt(a)}   {sym}′(z) = {fmt(slope)}",
             f"a = {fmt(a)}   {sym}′(z) = {fmt(slope)}")),
        (2, _cost_line(view, a, cost)),
        (3, _gradient_line(view, a, y, slope, delta, dc_da)),
    ]
    return [_styled(view, phase, forms, palette, width) for phase, forms in lines]


def _styled(view: LabView, phase: int, forms: tuple[str, ...], palette: Palette,
            width: int | None) -> Text:
    if not view.shows(phase):
        label = forms[0].split("=")[0].rstrip()
        return Text(f"{label} = {HIDDEN}", style=palette.muted.style)
    if phase and view.highlights(phase):
        return Text(fit(width, *("▶ " + f for f in forms)), style=palette.highlight.style)
    return Text(fit(width, *forms))


class ArithmeticView(FittedLines):
    """The weighted sum, the activation, the cost and ∂C/∂z for the example on show."""

    def update_view(self, view: LabView, palette: Palette) -> None:
        """Redraw from ``view``, fitted to the width; unchanged lines are not repainted."""
        self.show_fitted(partial(arithmetic_lines, view, palette))

"""Chapter 6's graph as text: the table of nodes and two lines on the node just revealed.

Every line is an equation that holds with the digits it prints, and every ∂C/∂node in the table
is its parent's ∂C/∂node times its local derivative. Where the core does not compute ∂C/∂z as
that product (cross-entropy after a sigmoid, where σ′ cancels) the line writes the form used.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from core.neuron.activations import ACTIVATIONS
from core.neuron.graph import LOSS_DERIVATIVES, Node, Trace
from core.neuron.losses import LOSSES
from core.numerics.gradcheck import relative_error
from tui.drawing.palette import Palette
from tui.values.numbers import fmt, fmt_factor
from tui.widgets.arithmetic import clipped_cost
from tui.widgets.fitted_lines import FittedLines
from tui.widgets.lines import fit

PARAMS = ("w₁", "w₂", "b")
COL = 8
"""Width of a number column: four of them and the names fit a 40-column lab."""
HEADS = ("value", "local", "∂C/∂node", "finite Δ")


def _cells(node: Node, value: bool, grad: bool, fd: dict[str, float] | None,
           digits: int) -> list[str]:
    """A row's numbers ("·" where not revealed yet); the finite difference if ``fd`` is given."""
    cells = [fmt(node.value, digits) if value else "·",
             fmt(node.local, digits) if grad else "·", fmt(node.grad, digits) if grad else "·"]
    if fd is not None:
        cells.append(fmt(fd[node.name], digits) if grad and node.name in fd else "")
    return cells


def _table(rows: list[tuple[str, list[str]]], heads: tuple[str, ...]) -> list[str]:
    """Rows of a name and right-aligned cells, each column as wide as its widest cell."""
    widths = [max([COL, len(h)] + [len(cells[i]) for _, cells in rows])
              for i, h in enumerate(heads)]
    lines = [" ".join([f"{'':<3}"] + [f"{h:>{w}}" for h, w in zip(heads, widths)])]
    for name, cells in rows:
        lines.append(" ".join([f"{name:<3}"] + [f"{c:>{w}}" for c, w in zip(cells, widths)]))
    return [line.rstrip() for line in lines]


Forms = tuple[str, ...]
"""A line and its shorter forms, longest first."""


def _explained(long_head: str, short_head: str, name: str, formula: str, seconds: Forms,
               width: int | None) -> tuple[str, str]:
    """``name = formula`` after the step's head, then the numbers; where that does not fit, a
    shorter head, and then the formula moved down to the line of numbers."""
    first = fit(width, f"{long_head}{name} = {formula}", f"{short_head}{name} = {formula}", "")
    if first:
        return first, fit(width, *seconds)
    numbers = [second.replace("  = ", f"  = {formula} = ", 1) for second in seconds]
    return f"{short_head}{name}", fit(width, *numbers, *seconds)


def _cost(t: Trace, node: Node) -> str:
    """C's formula as computed: with a clipped value of a where cross-entropy clipped it."""
    if not t.clipped:
        return node.formula
    return clipped_cost(next(n.value for n in t.forward if n.name == "a"))


def _forward(t: Trace, k: int, width: int | None) -> tuple[str, str]:
    node = t.forward[k - 1]
    heads = f"forward {k}/{len(t.forward)}: ", f"fwd {k}/{len(t.forward)}: "
    value = fmt(node.value)
    if node.name == "C":
        note = ", a clipped" if t.clipped else ""
        return (fit(width, *(f"{h}C = cost(a, y){note}" for h in heads)),
                fit(width, f"  = {_cost(t, node)} = {value}", f"  = {value}"))
    return _explained(*heads, node.name, node.formula, (f"  = {value}",), width)


def _backward(t: Trace, k: int, width: int | None) -> tuple[str, str]:
    node = t.backward[k - 1]
    heads = f"backward {k}/{len(t.backward)}: ", f"back {k}/{len(t.backward)}: "
    grad = fmt(node.grad)
    if not node.parent:
        return fit(width, *(h + "∂C/∂C = 1" for h in heads)), "  the seed of the chain"
    if node.name == "a" and t.clipped:
        return (fit(width, *(h + "∂C/∂a = 0" for h in heads)),
                fit(width, "  a is clipped, and C is flat there", "  a clipped: C is flat"))
    if node.name == "a":
        return _explained(*heads, "∂C/∂a", LOSS_DERIVATIVES[t.loss], (f"  = {grad}",), width)
    if node.name == "z" and t.fused:
        a = fmt(next(n.value for n in t.forward if n.name == "a"))
        return (fit(width, *(h + "∂C/∂z = a − y (σ′ cancels)" for h in heads),
                    heads[1] + "∂C/∂z = a − y"),
                fit(width, f"  = {a} − {fmt(t.y)} = {grad}", f"  = {grad}"))
    up = next(n for n in t.backward if n.name == node.parent)
    local = node.local_name.split(" = ")[0]
    product = f"  = {fmt_factor(up.grad)} × {fmt_factor(node.local)} = {grad}"
    return _explained(*heads, f"∂C/∂{node.name}", f"∂C/∂{node.parent} · {local}",
                      (product, f"  = {grad}"), width)


def explain(t: Trace, position: int, width: int | None = None) -> tuple[str, str]:
    """Two lines on the node just revealed: what it computed and how, fitted to ``width``."""
    n_fwd = len(t.forward)
    if position == 0:
        return "s: compute the first node", ""
    if position <= n_fwd:
        return _forward(t, position, width)
    return _backward(t, position - n_fwd, width)


def current_name(t: Trace, position: int) -> str:
    """The node revealed last ("" before the first)."""
    n_fwd = len(t.forward)
    if position == 0:
        return ""
    if position <= n_fwd:
        return t.forward[position - 1].name
    return t.backward[position - n_fwd - 1].name


def functions(t: Trace, width: int | None = None) -> str:
    """The activation and the cost the graph uses, which a and c change: every step needs them.
    Words, not an equation: "·" between them would read as a product."""
    a = next(n for n in t.forward if n.name == "a")
    act = next(f for f in ACTIVATIONS.values() if a.formula == f"{f.symbol}(z)")
    name = a.formula if act.symbol == act.title else f"{act.title} {a.formula}"
    cost = LOSSES[t.loss].title if t.loss in LOSSES else t.loss
    return fit(width, f"activation: {name} · cost: {cost}", f"{name} · {cost}")


def graph_lines(t: Trace, position: int, fd: dict[str, float], pal: Palette,
                width: int | None = None) -> list[Text]:
    """The table with ``position`` nodes of the walk revealed, then the explanation, then (at
    the end of the walk, when ``fd`` holds the finite differences) the gap between the two."""
    n_fwd = len(t.forward)
    done = position >= n_fwd + len(t.backward)
    shown_values = {n.name for n in t.forward[:position]} | set(PARAMS)
    shown_grads = {n.name for n in t.backward[:max(position - n_fwd, 0)]}
    order = list(PARAMS) + [n.name for n in t.forward]
    nodes = {n.name: n for n in t.backward}
    # The finite differences as a fourth column if there is room; three digits if there is room.
    tables = [_table([(name, _cells(nodes[name], name in shown_values, name in shown_grads,
                                    fd if done and with_fd else None, digits))
                      for name in order], HEADS if done and with_fd else HEADS[:3])
              for with_fd, digits in ((bool(fd), 3), (False, 3), (False, 2))]
    table = next((tb for tb in tables if width is None or max(map(cell_len, tb)) <= width),
                 tables[-1])
    current = current_name(t, position)
    lines = [Text(functions(t, width), style=pal.muted.style), Text(table[0], style="bold")]
    lines += [Text(row, style=pal.highlight.style if name == current else "")
              for name, row in zip(order, table[1:])]
    style = pal.muted.style if position == 0 else pal.highlight.style
    lines += [Text(text, style=style) for text in explain(t, position, width)]
    if done and fd:
        gap = relative_error([*t.grad_w, t.grad_b], [fd["w₁"], fd["w₂"], fd["b"]])
        lines.append(Text(fit(width, f"relative gap to finite Δ: {fmt(gap, 1)}",
                              f"gap to finite Δ: {fmt(gap, 1)}"),
                          style=pal.good.style if gap < 1e-4 else pal.bad.style))
    return lines


class GraphView(FittedLines):
    """The graph's lines, fitted again to the width whenever it changes."""

    def show_graph(self, t: Trace, position: int, fd: dict[str, float], pal: Palette) -> None:
        """Draw ``t`` with ``position`` nodes revealed; unchanged lines are not repainted."""
        self.show_fitted(lambda width: graph_lines(t, position, fd, pal, width))

"""Chapter 6's graph as text: the table of nodes and two lines on the node just revealed.

Every line is an equation that holds with the digits it prints, and every ∂C/∂node in the table
is its parent's ∂C/∂node times its local derivative. Where the core does not compute ∂C/∂z as
that product (cross-entropy after a sigmoid, where σ′ cancels) the line writes the form used.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from core.neuron.graph import LOSS_DERIVATIVES, Node, Trace
from core.numerics.gradcheck import relative_error
from tui.drawing.palette import Palette
from tui.values.numbers import fmt, fmt_factor
from tui.widgets.fitted_lines import FittedLines

PARAMS = ("w₁", "w₂", "b")
COL = 8
"""Width of a number column: four of them and the names fit a 40-column lab."""


def _row(node: Node, value: bool, grad: bool, fd: dict[str, float]) -> str:
    cells = [f"{node.name:<3}", f"{fmt(node.value) if value else '·':>{COL}}",
             f"{fmt(node.local) if grad else '·':>{COL}}",
             f"{fmt(node.grad) if grad else '·':>{COL}}"]
    if grad and node.name in fd:
        cells.append(f"{fmt(fd[node.name]):>{COL}}")
    return " ".join(cells)


def _two(first: str, second: str, width: int | None) -> tuple[str, str]:
    """Two lines of explanation; if the first would not fit, its formula moves to the second."""
    if width is None or cell_len(first) <= width:
        return first, second
    head, _, formula = first.partition(" = ")
    return head, f"  = {formula} {second.strip()}"


def _cost(t: Trace, node: Node) -> str:
    """C's formula as computed: with a clipped value of a where cross-entropy clipped it."""
    if not t.clipped:
        return node.formula
    a = next(n.value for n in t.forward if n.name == "a")
    return "−[y·ln ε + (1−y)·ln(1−ε)]" if a < 0.5 else "−[y·ln(1−ε) + (1−y)·ln ε]"


def _forward(t: Trace, k: int, width: int | None) -> tuple[str, str]:
    node, head = t.forward[k - 1], f"forward {k}/{len(t.forward)}: "
    if node.name == "C":
        note = ", a clipped" if t.clipped else ""
        return head + f"C = cost(a, y){note}", f"  = {_cost(t, node)} = {fmt(node.value)}"
    return _two(f"{head}{node.name} = {node.formula}", f"  = {fmt(node.value)}", width)


def _backward(t: Trace, k: int, width: int | None) -> tuple[str, str]:
    node, head = t.backward[k - 1], f"backward {k}/{len(t.backward)}: "
    if not node.parent:
        return head + "∂C/∂C = 1", "  the seed of the chain"
    if node.name == "a":
        if t.clipped:
            return head + "∂C/∂a = 0", "  a is clipped, and C is flat there"
        formula = LOSS_DERIVATIVES[t.loss]
        return _two(f"{head}∂C/∂a = {formula}", f"  = {fmt(node.grad)}", width)
    up = next(n for n in t.backward if n.name == node.parent)
    if node.name == "z" and t.fused:
        a, y = next(n.value for n in t.forward if n.name == "a"), t.y
        return (head + "∂C/∂z = a − y (σ′ cancels)",
                f"  = {fmt(a)} − {fmt(y)} = {fmt(node.grad)}")
    local = node.local_name.split(" = ")[0]
    return (f"{head}∂C/∂{node.name} = ∂C/∂{node.parent} · {local}",
            f"  = {fmt_factor(up.grad)} × {fmt_factor(node.local)} = {fmt(node.grad)}")


def explain(t: Trace, position: int, width: int | None = None) -> tuple[str, str]:
    """Two lines on the node just revealed: what it computed and how."""
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
    head = (f"{'':<3} {'value':>{COL}} {'local':>{COL}} {'∂C/∂node':>{COL}}"
            + (f" {'finite Δ':>{COL}}" if done and fd else ""))
    lines = [Text(head, style="bold")]
    current = current_name(t, position)
    for name in order:
        row = _row(nodes[name], name in shown_values, name in shown_grads, fd if done else {})
        lines.append(Text(row, style=pal.highlight.style if name == current else ""))
    style = pal.muted.style if position == 0 else pal.highlight.style
    lines += [Text(text, style=style) for text in explain(t, position, width)]
    if done and fd:
        gap = relative_error([*t.grad_w, t.grad_b], [fd["w₁"], fd["w₂"], fd["b"]])
        lines.append(Text(f"relative gap to finite Δ: {fmt(gap, 1)}",
                          style=pal.good.style if gap < 1e-4 else pal.bad.style))
    return lines


class GraphView(FittedLines):
    """The graph's lines, fitted again to the width whenever it changes."""

    def show_graph(self, t: Trace, position: int, fd: dict[str, float], pal: Palette) -> None:
        """Draw ``t`` with ``position`` nodes revealed; unchanged lines are not repainted."""
        self.show_fitted(lambda width: graph_lines(t, position, fd, pal, width))

"""Every equation the Arithmetic pane and chapter 6's graph print holds with the digits printed.

Random lab states (every activation × cost; saturated neurons, cross-entropy's clip and the
edge of it included) are written out by the same functions the panes call, read back, and each
printed chain is recomputed from the printed numbers (tests/tui/printed_math.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from core.data.datasets import DATASETS
from core.neuron.activations import ACTIVATIONS
from core.neuron.graph import finite_difference, trace
from core.neuron.losses import BCE, LOSSES, MSE
from core.neuron.neuron import Neuron
from core.neuron.train import TrainState, plan_step
from tests.tui.conftest import screen_text
from tests.tui.printed_math import check, number
from tui.app import NeuronApp
from tui.chapters.ch06_backprop.graph_text import graph_lines
from tui.drawing.palette import Palette, Role
from tui.lab.view import LabView
from tui.values.numbers import fmt
from tui.widgets.arithmetic import arithmetic_lines

PLAIN = Palette(*(Role(Style(), "default") for _ in range(7)))

# Ordinary values, saturation, both sides of cross-entropy's clip (σ(±27.63) = 1e−12 from 1),
# and the far tails where σ′ underflows.
EDGES = [-800.0, -100.0, -40.0, -27.7, -27.63, -27.6, -19.0, -4.0, 0.0, 4.0, 19.0, 27.6,
         27.63, 27.7, 40.0, 100.0, 800.0]
VALUES = st.one_of(st.sampled_from(EDGES), st.floats(-30, 30), st.floats(-1e6, 1e6))
SETTINGS = settings(max_examples=150, deadline=None)


def _state(data, act, loss, w, b, example, y) -> TrainState:
    if data.editable:
        data = data.with_example(data.X[0], y)
    n = data.n_inputs
    return TrainState(neuron=Neuron(w=np.array(w[:n]), b=b, activation=act), data=data,
                      loss=loss, lr=0.5, example=example % data.n_examples)


def _y(loss) -> st.SearchStrategy[float]:
    return st.sampled_from([0.0, 1.0]) | st.floats(0, 1) if loss is BCE else VALUES


@SETTINGS
@given(data=st.sampled_from(list(DATASETS.values())), act=st.sampled_from(list(ACTIVATIONS.values())),
       loss=st.sampled_from(list(LOSSES.values())), w=st.lists(VALUES, min_size=3, max_size=3),
       b=VALUES, example=st.integers(0, 30), width=st.sampled_from([None, 78, 50, 38]),
       draw=st.data())
def test_every_arithmetic_pane_equation_holds_with_its_printed_digits(data, act, loss, w, b,
                                                                      example, width, draw):
    """At every width: a line too long for the pane takes a shorter form, still true."""
    state = _state(data, act, loss, w, b, example, draw.draw(_y(loss)))
    lines = [t.plain for t in arithmetic_lines(LabView(state, plan_step(state)), PLAIN, width)]
    report = check(lines)
    assert not report.failures, "\n".join(lines + report.failures)
    assert report.tested >= 2, "\n".join(lines)  # the slope and ∂C/∂z, at the least
    assert width is None or all(cell_len(line) <= width for line in lines), lines


def _graph_variables(lab_x, lab_y) -> dict:
    """x₁, x₂ and y as the fields print them (three decimals)."""
    names = {f"x{s}": v for s, v in zip("₁₂", lab_x)} | {"y": lab_y}
    return {k: number(fmt(v)) for k, v in names.items()}


def _table(lines: list[str], t) -> dict[str, list[str]]:
    """Rows of the graph table: name → [value, local, ∂C/∂node] as printed ("·" if hidden)."""
    names = {n.name for n in t.backward}
    head = next(k for k, line in enumerate(lines) if line.split()[:1] == ["value"])
    rows = {}
    for line in lines[head + 1:head + len(names) + 1]:
        cells = line.split()
        assert cells[0] in names and len(cells) >= 4, line
        rows[cells[0]] = cells[1:4]
    return rows


def _check_table(t, rows: dict[str, list[str]]) -> tuple[int, list[str]]:
    """Each shown ∂C/∂node must equal its parent's ∂C/∂node times its local derivative."""
    parents = {n.name: n.parent for n in t.backward}
    tested, failures = 0, []
    for name, (_, local, grad) in rows.items():
        parent = parents.get(name)
        if not parent or grad == "·" or "—" in (local, grad, rows[parent][2]):
            continue
        line = f"{rows[parent][2]} × {local} = {grad}".replace("(", "").replace(")", "")
        report = check([line])
        tested += report.tested
        failures += [f"row {name}: {f}" for f in report.failures]
    return tested, failures


@SETTINGS
@given(act=st.sampled_from(list(ACTIVATIONS.values())), loss=st.sampled_from(list(LOSSES.values())),
       x=st.lists(st.one_of(st.floats(-3, 3), st.sampled_from([0.0, 1.0, 20.0])), min_size=2,
                  max_size=2),
       w=st.lists(VALUES, min_size=2, max_size=2), b=VALUES,
       width=st.sampled_from([None, 42, 36]), draw=st.data())
def test_every_graph_lab_equation_holds_with_its_printed_digits(act, loss, x, w, b, width, draw):
    _check_graph(act, loss, x, w, b, width, draw.draw(_y(loss)))


def test_the_graph_near_a_equals_one_prints_a_true_product():
    """Found by a random run: 1 − σ(z) rounded to 8.88e−15 beside σ′(z) = 8.92e−15."""
    _check_graph(ACTIVATIONS["sigmoid"], BCE, [0.25, 0.0], [19.0, -800.0], 27.6, None, 1.0)


def test_a_narrow_graph_with_an_infinite_slope_still_checks_every_stage():
    """Found by a random run: a = σ(−1600) = 0 makes ∂C/∂a = −y/a infinite (shown as —) and a
    36-column pane shows results without products: 29 checks where the test asked for 30."""
    _check_graph(ACTIVATIONS["sigmoid"], BCE, [0.0, 1.0], [-800.0, -800.0], -800.0, 36, 6.88e-166)


def _check_graph(act, loss, x, w, b, width, y) -> None:
    """Every printed line and table row of every stage of the graph's walk holds."""
    neuron = Neuron(w=np.array(w), b=b, activation=act)
    t = trace(neuron, np.array(x), y, loss)
    gw, gb = finite_difference(neuron, np.array(x), y, loss)
    fd = {"w₁": float(gw[0]), "w₂": float(gw[1]), "b": gb}
    steps = len(t.forward) + len(t.backward)
    tested = 0
    for position in range(steps + 1):  # every stage of the walk
        lines = [line.plain for line in graph_lines(t, position, fd if position == steps else {},
                                                    PLAIN, width)]
        rows = _table(lines, t)
        values = {name: number(cells[0]) for name, cells in rows.items()
                  if cells[0] not in "·—"}
        report = check(lines, _graph_variables(x, y) | values)
        assert width is None or all(cell_len(line) <= width for line in lines), lines
        table_tested, table_failures = _check_table(t, rows)
        failures = report.failures + table_failures
        assert not failures, "\n".join(lines + failures)
        tested += report.tested + table_tested
    # A narrow pane gives a stage its shorter form (the result without its product), so fewer
    # equations are there to check; every stage still has at least one.
    assert tested >= (2 if width is None else 1) * steps


def test_the_checker_refuses_the_products_the_issue_found():
    """Issue #14's examples, so the checker is known to see a false product."""
    assert check(["∂C/∂z = ∂C/∂a · σ′(z) = 0.000 · 3.72e−44 = 1.000   for this example"]).failures
    assert check(["backward 3/9: ∂C/∂z = ∂C/∂a · ∂a/∂z", "  = 0.000 × 5.70e−14 = −1.000"]).failures
    assert check(["C = −[y·ln a + (1−y)·ln(1−a)] = 27.631"], {"a": (-0.5, -0.5), "y": (1, 1)}).failures
    assert not check(["∂C/∂z = ∂C/∂a · σ′(z) = 2.000 · 0.250 = 0.500"]).failures


def test_the_checker_accepts_a_true_cost_whose_1_minus_a_rounds_to_1():
    """Chapter 6 at z = −100 prints C = 3.72e−44 = −ln(1 − a): true, though 1 − a is 1.0 in
    floats. The checker's sums round outward, so ln(1 − a) keeps its −3.72e−44 (it found this
    with hypothesis: x = (0, 0), w = (−800, −800), b = −100)."""
    line = ["C = cost(a, y) = −[y·ln a + (1−y)·ln(1−a)] = 3.72e−44"]
    assert not check(line, {"a": number("3.72e−44"), "y": (0.0, 0.0)}).failures
    assert check(line, {"a": number("3.72e−44"), "y": (1.0, 1.0)}).failures  # −ln a = 100


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
async def test_the_lab_prints_a_true_gradient_line_in_the_clip(private_config_dir, activation):
    """OR, cross-entropy, b = 100 (the issue's case): the Arithmetic pane on screen."""
    app = NeuronApp(seed=0, start="lab")
    async with app.run_test(size=(80, 24)) as pilot:
        lab = app.screen
        await pilot.press(*"a" * list(ACTIVATIONS).index(activation))
        await pilot.press("tab", "tab")  # w₁, w₂, then b
        await pilot.press(*"100", "enter")
        await pilot.pause()
        assert lab.history.current.neuron.b == 100.0
        assert lab.history.current.loss is BCE and lab.history.current.data.name == "or"
        text = screen_text(app)
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if "Arithmetic" in line)
        pane = lines[start + 1:start + 6]
        report = check(pane)
        assert not report.failures and report.tested >= 4, "\n".join(pane + report.failures)
        assert any("∂C/∂z" in line for line in pane)


async def test_chapter_6_prints_a_true_chain_rule_step_in_the_clip(private_config_dir):
    """Chapter 6, cross-entropy, w₁ = −20 (the issue's case), walked to ∂C/∂z."""
    app = NeuronApp(chapter=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.press("tab", "tab", "tab")  # x₁, x₂, y, then w₁
        await pilot.press("enter", *"-20", "enter")
        lab = app.screen.lab
        assert lab.neuron.w[0] == -20.0 and lab.loss is BCE
        await pilot.press(*"s" * 9)  # six forward nodes, then C, a, z backward
        text = screen_text(app)
        lines = [line.plain.rstrip() for line in lab.query_one("#graph").lines]
        assert all(line in text for line in lines)  # what is checked is what is on screen
        assert "backward 3/" in text
        rows = _table(lines, lab.trace)
        values = {name: number(cells[0]) for name, cells in rows.items() if cells[0] != "·"}
        report = check(lines, _graph_variables(lab.x, lab.y) | values)
        assert not report.failures and report.tested >= 1, "\n".join(lines + report.failures)

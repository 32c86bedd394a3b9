"""The playground's focused-neuron pane: z = w·x + b and the activation hold with the digits
printed, for every layer, input, activation and output, in the pane's three rows.

Random networks (every input, 0–3 hidden layers of up to eight neurons, weights from tiny to
large enough to saturate and print in scientific notation) are written out at a random
cursor by the function the pane calls, read back and recomputed from the printed numbers
(tests/tui/printed_math.py).
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style

from core.playground.features import FEATURES
from core.playground.settings import HIDDEN_ACTIVATIONS, Settings
from core.playground.state import start
from tests.tui.printed_math import check, number
from tui.drawing.palette import Palette, Role
from tui.playground.network_rows import Focus
from tui.playground.texts import focus_lines

PLAIN = Palette(*(Role(Style(), "default") for _ in range(7)))
PROBLEMS = {"circle": ("tanh", "sigmoid"), "spiral3": ("softmax",), "plane": ("linear",)}
"""A dataset of each kind, with the outputs it takes."""
STATES: dict[tuple, object] = {}


def playground_state(dataset: str, output: str, features: tuple[str, ...],
                     hidden: tuple[int, ...], activation: str):
    """A started playground (cached: drawing the points is the slow part)."""
    key = (dataset, output, features, hidden, activation)
    if key not in STATES:
        loss = "cross_entropy" if output == "softmax" else "squared"
        STATES[key] = start(Settings(dataset=dataset, output=output, loss=loss,
                                     features=features, hidden=hidden, activation=activation))
    return STATES[key]


@st.composite
def cases(draw):
    """What to build (kept small, so a failing example reads short)."""
    dataset = draw(st.sampled_from(sorted(PROBLEMS)))
    output = draw(st.sampled_from(PROBLEMS[dataset]))
    features = tuple(f for f in FEATURES if draw(st.booleans())) or ("x1",)
    hidden = tuple(draw(st.lists(st.sampled_from([1, 2, 5, 8]), max_size=3)))
    activation = draw(st.sampled_from(HIDDEN_ACTIVATIONS))
    scale = draw(st.sampled_from([1e-4, 0.3, 1.0, 7.0, 300.0]))
    cursor = (draw(st.floats(-6, 6)), draw(st.floats(-6, 6)))
    width = draw(st.sampled_from([78, 116]))
    return (dataset, output, features, hidden, activation), scale, cursor, width


@given(cases())
@settings(max_examples=60, deadline=None)
def test_every_neurons_printed_arithmetic_holds_and_fits(case):
    made, scale, cursor, width = case
    state = playground_state(*made)
    state = replace(state, net=state.net.with_params(state.net.params * scale))
    sizes = state.net.sizes
    for layer in range(1, len(sizes)):
        for unit in range(sizes[layer]):
            lines = [t.plain for t in focus_lines(state, Focus(layer, unit), cursor, width, PLAIN)]
            where = f"layer {layer} unit {unit} of {sizes}: {lines}"
            assert len(lines) <= 3 and all(len(line) <= width for line in lines), where
            assert not any(word in " ".join(lines) for word in ("nan", "inf")), where
            # " · " parts a chain from the next (a · between numbers is a product, unspaced)
            report = check([part for line in lines for part in line.split(" · ")])
            assert report.failures == [], where
            softmax = layer == len(sizes) - 1 and state.settings.output == "softmax"
            assert report.tested >= (1 if softmax else 2), where


def test_every_input_prints_its_value_at_the_cursor():
    state = playground_state("circle", "tanh", tuple(FEATURES), (2,), "tanh")
    x1, x2 = 1.5, -2.25
    for unit, feature in enumerate(FEATURES.values()):
        line = focus_lines(state, Focus(0, unit), (x1, x2), 78, PLAIN)[0].plain
        label, printed = line.split(" · ")[0].split(" = ")
        lo, hi = number(printed)
        assert label == feature.label and lo <= feature.f(x1, x2) <= hi, line

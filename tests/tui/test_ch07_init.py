"""Chapter 7's claims, measured on the lab's own stack (five layers of 64, a batch of 256, seed
0): every number its prose states is read from the prose and recomputed from core/ here."""

import numpy as np
import pytest

from core.networks.init import INIT_SCHEMES
from core.networks.probe import ProbeSetup, probe_stack, saturation
from core.neuron.activations import RELU, SIGMOID, TANH
from tests.tui.conftest import screen_text
from tests.tui.prose_claims import N, number, said
from tui.app import NeuronApp
from tui.chapters.ch07_init.lab import diagnosis, short
from tui.widgets.lines import LinesView


def probe(scheme, act, bias=0.0, gain=1.0):
    return probe_stack(ProbeSetup(INIT_SCHEMES[scheme], gain, act, bias=bias))[1]


def sd(layers, kind):
    return [layer.spread(kind).std for layer in layers]


def test_the_first_layers_spread_is_8s():
    near, small = said(7, rf"N\(0, 1\) give layer 1's z a spread\s+near {N}, and weights from "
                       rf"U\(−0.01, 0.01\), whose spread is 0.01/√3, give about {N}")
    assert round(sd(probe("normal", TANH), "z")[0]) == number(near)
    assert round(sd(probe("small", TANH), "z")[0], 2) == number(small)
    assert INIT_SCHEMES["small"].std(64, 64) == pytest.approx(0.01 / np.sqrt(3))


def test_tanh_does_not_compound_but_saturates():
    lo, hi = said(7, rf"z keeps a\s+spread between {N} and {N} in all five layers")
    layers = probe("normal", TANH)
    assert all(number(lo) <= s <= number(hi) for s in sd(layers, "z"))
    said(7, r"over three quarters of the activations")
    assert all(layer.saturated > 0.75 for layer in layers)


def test_relu_halves_the_second_moment_and_compounds_by_root_32():
    first, last = said(7, rf"with N\(0, 1\) weights, from {N} at layer 1 to about {N} at layer 5")
    layers = probe("normal", RELU)
    z = sd(layers, "z")
    assert round(z[0], 1) == number(first) and round(z[-1], -2) == number(last)
    assert all(abs(b / a - np.sqrt(32)) < 0.5 for a, b in zip(z, z[1:]))  # "about √32 ≈ 5.7"
    for layer in layers:
        assert 0.45 < np.mean(layer.a == 0) < 0.55  # "about half its outputs"
        assert 0.4 < np.mean(layer.a ** 2) / np.mean(layer.z ** 2) < 0.6  # "halves the mean of a²"


def test_saturation_thresholds_mean_the_same_slope_for_tanh_and_sigmoid():
    said(7, r"when \|a\| > 0.97, where the slope is below 0.06; for the sigmoid,\s+when a lies within "
         r"0.015 of 0 or 1")
    assert 1 - 0.97 ** 2 < 0.06
    a = np.array([0.014, 0.016, 0.5, 0.984, 0.986])
    assert saturation(a, SIGMOID) == pytest.approx(2 / 5)
    assert (0.985 * 0.015) / 0.25 == pytest.approx(1 - 0.97 ** 2)
    assert saturation(np.array([5.0, 0.0]), RELU) == 0.0


def test_tiny_weights_vanish_and_large_relu_weights_explode():
    small = probe("small", TANH)
    assert sd(small, "a")[-1] < 1e-5 and sd(small, "grad")[0] < 1e-4 * sd(small, "grad")[-1]
    big = probe("normal", RELU)
    assert np.all(np.diff(sd(big, "a")) > 0) and np.all(np.diff(sd(big, "grad")) < 0)


def test_tanh_gradients_grow_towards_the_input_but_most_pass_nothing():
    top, bottom = said(7, r"about 2× per layer, from (\S+) at L5 to (\S+) at L1")
    net, layers = probe_stack(ProbeSetup(INIT_SCHEMES["normal"], 1.0, TANH))
    g = sd(layers, "grad")
    assert (short(g[-1]), short(g[0])) == (top, bottom)  # as the lab writes them
    assert all(1.5 < g[k] / g[k + 1] < 2.5 for k in range(4))
    for k in range(1, 5):  # back through layer k's weights: "about 8× in spread"
        da = layers[k].grad @ net.layers[k].W.T
        assert 7 < da.std() / layers[k].grad.std() < 9
    for layer in layers:  # "most pass almost nothing"
        assert np.mean(np.abs(layer.grad) < 1e-3 * np.abs(layer.grad).max()) > 0.5


def test_xavier_suits_tanh_not_the_sigmoid():
    s, first, last, shrink = said(7, rf"so sd = √\(2/128\) = {N} here.*?drifts only from {N} at L1 to\s+"
                                  rf"{N} at L5.*?∂C/∂z shrinks about {N}× from L5 to L1")
    assert INIT_SCHEMES["xavier"].std(64, 64) == number(s)
    a = sd(probe("xavier", TANH), "a")
    assert (short(a[0]), short(a[-1])) == (first, last)  # as the lab writes them
    g = sd(probe("xavier", SIGMOID), "grad")
    assert round(g[-1] / g[0], -1) == number(shrink)
    assert diagnosis(probe("xavier", SIGMOID), False)[0].startswith("vanishing")
    he = sd(probe("he", RELU), "z")
    assert max(he) / min(he) < 1.2  # "He with ReLU holds steady"


def test_a_negative_bias_makes_the_dead_share_climb():
    b, last, b_all = said(7, rf"Set b₀ to {N} and watch the dead share climb from layer to\s+layer, "
                          rf"to {N}% at L5; at {N} every neuron from L2 on is dead")
    dead = [layer.dead for layer in probe("he", RELU, bias=number(b))]
    assert dead[0] == 0 and np.all(np.diff(dead) >= 0) and round(100 * dead[-1]) == number(last)
    assert [layer.dead for layer in probe("he", RELU, bias=number(b_all))][1:] == [1.0] * 4


def test_the_gain_scales_the_standard_deviation_and_compounds_with_relu():
    said(7, r"The \*\*gain\*\* multiplies the sd of any scheme")
    said(7, r"so\s+layer 5's spread\s+scales by the gain to the fifth power")
    one, more = sd(probe("he", RELU), "z"), sd(probe("he", RELU, gain=1.1), "z")
    assert more[-1] / one[-1] == pytest.approx(1.1 ** 5, rel=1e-9)
    w1 = INIT_SCHEMES["he"].draw(64, 64, 1.0, np.random.default_rng(5))
    w3 = INIT_SCHEMES["he"].draw(64, 64, 3.0, np.random.default_rng(5))
    assert np.allclose(w3, 3 * w1)


def test_a_spread_keeps_three_significant_digits():
    """Trailing zeros stay, so that a column of spreads reads alike and matches the prose."""
    assert [short(x) for x in (0.62, 7.5016, 0.0230, 45.07, 262.04, 999.7, 7796.5, 1.11e-3)] == [
        "0.620", "7.50", "0.0230", "45.1", "262", "999.7", "7796.5", "1.1e−03"]


def _assert_saturated_column_is_bold(view: LinesView) -> None:
    """The prose: the saturated column turns bold (and red, where there is colour)."""
    said(7, r"the saturated column turns bold\s+\(and red, where there is colour\)")
    cells = [(line.plain[s.start:s.end], s.style) for line in view.lines for s in line.spans
             if line.plain[s.start:s.end].startswith("sat")]
    assert len(cells) == 5 and all(style.bold and style.color for _, style in cells), cells


async def test_every_activation_and_view_fits_at_80x24():
    app = NeuronApp(start="book", chapter=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        view = lab.query_one("#strips", LinesView)
        seen = set()
        for _ in range(3):
            for _ in range(4):
                for _ in range(3):
                    for line in view.plain.split("\n"):
                        assert len(line) <= view.size.width and "σ" not in line, line
                    seen.add((lab.setup.scheme.name, lab.setup.activation.name, lab.view))
                    if (lab.setup.scheme.name, lab.setup.activation) == ("normal", TANH):
                        _assert_saturated_column_is_bold(view)
                    await pilot.press("v")
                await pilot.press("i")
            await pilot.press("a")
        assert len(seen) == 36 and "sd " in screen_text(app)


def test_the_stack_and_the_healthy_line_are_what_the_prose_says():
    from core.neuron.activations import SIGMOID as S
    from tui.chapters.ch07_init.lab import GRADIENT_RATIO, HEALTHY_RATIO, InitLab
    depth, width, batch = said(7, r"stacks\s+(\w+) layers of (\d+) neurons, feeds them a batch of (\d+)")
    setup = InitLab().setup
    assert (depth, int(width), int(batch)) == ("five", setup.width, setup.batch) and setup.depth == 5
    ratio_a, ratio_g = said(7, rf"the spread of a changes less than {N}× from L1 to L5,\s+and the "
                               rf"spread of ∂C/∂z less than {N}× from L5 back to L1")
    assert (HEALTHY_RATIO, GRADIENT_RATIO) == (number(ratio_a), number(ratio_g))
    said(7, r"neither mostly\s+saturated nor more than a fifth dead")
    layers = probe("normal", TANH)
    assert diagnosis(layers, False)[0].startswith("saturated") and layers[-1].saturated > 0.5
    dead = probe("he", RELU, bias=-0.5)  # L5 is 33% dead: more than a fifth
    assert diagnosis(dead, True)[0].startswith("dying")
    assert not diagnosis(probe("he", RELU, bias=-0.3), True)[0].startswith("dying")
    slope, = said(7, rf"the sigmoid, whose slope at 0 is {N}")
    assert float(S.df(np.array([0.0]))[0]) == number(slope)
    assert all(abs(layer.a.mean() - 0.5) < 0.03 for layer in probe("xavier", S))  # centred on 0.5

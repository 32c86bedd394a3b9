"""Chapter 8's claims about batch normalisation, recomputed from core/, and its lab's lines: one
variance convention, said and shown the same way, and strips whose shape shows at 80×24."""

import re

import numpy as np
import pytest

from core.networks.anatomy import run_layer
from core.networks.batchnorm import BN_EPS, BN_MOMENTUM, BatchNorm
from core.neuron.activations import RELU, TANH
from tests.tui.conftest import screen_text
from tests.tui.prose_claims import prose, said
from tui.app import NeuronApp
from tui.chapters.ch08_layer.lab import BATCH, INPUT_MEAN, INPUT_STD, UNITS, AnatomyLab
from tui.widgets.lines import LinesView


def test_the_constants_the_prose_names():
    eps, momentum, larger = said(8, r"ε = 10(⁻⁵) only.*?momentum (0\.\d+).*?for a batch of 256 that is "
                                 r"(\d+\.\d+)% larger")
    assert BN_EPS == 1e-5 and eps == "⁻⁵" and BN_MOMENTUM == float(momentum)
    assert BATCH == 256 and round(100 * (BATCH / (BATCH - 1) - 1), 1) == float(larger)
    mean, sd = said(8, r"The inputs have mean (\d+) and sd (\d+)")
    assert (INPUT_MEAN, INPUT_STD) == (float(mean), float(sd))


def test_training_normalises_by_the_biased_variance_and_runs_towards_the_unbiased():
    said(8, r"its variance v,\s+the mean of \(z − μ\)², dividing by n")
    said(8, r"the sum of \(z − μ\)² divided by n − 1 rather than n")
    lab = AnatomyLab()
    z = lab.batch(0) @ lab.weights.W
    out, _, moved = BatchNorm.fresh(UNITS).train_forward(z)
    expect = (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + BN_EPS)  # ÷n
    assert np.allclose(out, expect, rtol=0, atol=1e-12)
    assert np.allclose(out.mean(axis=0), 0, atol=1e-12) and np.allclose(out.std(axis=0), 1, atol=1e-6)
    unbiased = z.var(axis=0, ddof=1)
    assert np.allclose(moved.running_var, (1 - BN_MOMENTUM) * 1.0 + BN_MOMENTUM * unbiased)


def test_after_ten_batches_a_third_of_the_start_remains():
    batches, share = said(8, r"after (\d+) batches 0\.9¹⁰ ≈ (\d+)% of those starting values")
    lab = AnatomyLab()
    one, two = BatchNorm.fresh(UNITS), BatchNorm.fresh(UNITS)
    two = BatchNorm(two.gamma, two.beta, two.running_mean + 1.0, two.running_var + 1.0)
    for k in range(int(batches)):
        _, one = run_layer(lab.batch(k), lab.weights, one, True, TANH)
        _, two = run_layer(lab.batch(k), lab.weights, two, True, TANH)
    left = two.running_var - one.running_var  # what is left of a unit's head start
    assert np.allclose(left, left[0]) and round(100 * left[0]) == int(share)
    assert np.allclose(two.running_mean - one.running_mean, left[0])


def test_the_running_statistics_start_at_0_and_1_and_approach_the_batchs():
    said(8, r"They start at mean 0 and variance 1")
    said(8, r"\*\*s\*\* feeds the next batch:\s+watch the running statistics approach the batch's")
    lab, norm = AnatomyLab(), BatchNorm.fresh(UNITS)
    assert np.all(norm.running_mean == 0) and np.all(norm.running_var == 1) and lab.training
    gaps = []
    for k in range(20):
        parts, norm = run_layer(lab.batch(k), lab.weights, norm, True, TANH)
        z = parts.z[:, 0]
        gaps.append((abs(norm.running_mean[0] - z.mean()), abs(norm.running_var[0] - z.var(ddof=1))))
    assert gaps[-1][0] < gaps[0][0] and gaps[-1][1] < 0.2 * gaps[0][1]


def test_the_weights_widen_the_inputs():
    said(8, r"the weights \(He × gain 3\) widen\s+them")
    lab = AnatomyLab()
    parts, _ = run_layer(lab.batch(0), lab.weights, None, True, TANH)
    assert parts.z.std() > 3 * parts.x.std()


def strips(app) -> dict[str, str]:
    """Each strip row of the parts view, by its label, as drawn."""
    rows = app.screen.lab.query_one("#anatomy", LinesView).plain.split("\n")
    return {row[:6].strip(): row[6:] for row in rows[2:6]}


async def test_every_strip_shows_its_shape_at_80x24_and_the_variance_both_ways():
    app = NeuronApp(start="book", chapter=8)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        view = lab.query_one("#anatomy", LinesView)
        for label, row in strips(app).items():  # was two cells wide for norm and tanh
            bars = row[: len(row) - 19]
            assert sum(c != " " for c in bars) >= 10 and len(set(bars) - {" "}) >= 3, label
        z = lab.parts.z[:, 0]
        text = view.plain
        assert f"v ÷n {z.var():.2f} (used), ÷(n−1) {z.var(ddof=1):.2f}" in text
        assert re.search(r"this batch: μ \S+ \(used\)", text) and "(used)" not in text.split("\n")[-1]
        await pilot.press("m")
        text = view.plain
        assert "this batch: μ" in text and text.split("\n")[-1].endswith("(used)")
        assert "(used)" not in "\n".join(text.split("\n")[:-1])
        for line in text.split("\n"):
            assert len(line) <= view.size.width, line
        assert "σ" not in text


@pytest.mark.parametrize("formula", ["ẑ = γ·(z − μ)/√(v + ε) + β", "(x·W₁ + b₁)·W₂ + b₂",
                                     "  = x·(W₁W₂) + (b₁W₂ + b₂)"])
async def test_the_formulas_fit_the_prose_pane_at_80_columns(formula):
    app = NeuronApp(start="book", chapter=8)
    async with app.run_test(size=(80, 120)) as pilot:
        await pilot.pause()
        assert formula in prose(8) and formula.strip() in screen_text(app)


@pytest.mark.parametrize("between", ["tanh", "relu"])
def test_tanh_or_relu_between_the_layers_breaks_the_fold(between):
    said(8, r"Put tanh or ReLU between the layers and the fold breaks")
    lab = AnatomyLab()
    lab.between = TANH if between == "tanh" else RELU
    for depth in (2, 3):
        lab.depth = depth
        for seed in range(5):
            lab.stack_seed = seed
            c = lab.collapse_result()
            assert c.best_gap > 0.05 * c.scale and c.folded_gap > c.best_gap


def test_the_layer_the_lab_starts_with():
    gain, = said(8, r"the weights \(He × gain (\d+)\) widen")
    said(8, r"With gain 3 the tanh then saturates badly")
    lab = AnatomyLab()
    assert lab.gain == float(gain) and lab.act is TANH
    with_norm, _ = run_layer(lab.batch(0), lab.weights, BatchNorm.fresh(UNITS), True, TANH)
    without, _ = run_layer(lab.batch(0), lab.weights, None, True, TANH)
    share = lambda a: np.mean(np.abs(a) > 0.97)
    assert share(without.a) > 0.5 > 0.1 > share(with_norm.a)  # badly, and gone with the norm

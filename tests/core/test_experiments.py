"""The experiments the chapters run: the deep-stack probe, layer statistics, the linear
collapse and XOR."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.neuron.activations import LINEAR, RELU, SIGMOID, TANH
from core.networks.collapse import collapse, fold
from core.data.datasets import get_dataset
from core.numerics.gradcheck import numeric_grad, relative_error
from core.networks.init import INIT_SCHEMES
from core.networks.layers import build_mlp
from core.neuron.losses import BCE
from core.networks.net_train import grid_outputs, net_step, xor_network
from core.neuron.neuron import Neuron
from core.networks.probe import ProbeSetup, probe_stack
from core.networks.stats import Spread, dead_share, histogram, saturated_share
from core.neuron.train import TrainState, step

XOR_SEED, XOR_LR, XOR_STEPS = 0, 1.0, 200
"""The lab's defaults, and the step budget the README and chapter 9 promise."""


# ------------------------------------------------------------------ statistics

def test_histogram_counts_every_value_and_clips_into_the_end_bins():
    v = np.array([-5.0, -1.0, -0.1, 0.0, 0.4, 0.99, 1.0, 7.0, np.nan])
    h = histogram(v, 4, -1.0, 1.0)
    assert h.tolist() == [2, 1, 2, 3] and h.sum() == 8


def test_saturated_and_dead_shares():
    a = np.array([[0.0, 0.99, -0.98], [0.0, 0.5, 0.1]])
    assert saturated_share(a) == pytest.approx(2 / 6)
    assert dead_share(a) == pytest.approx(1 / 3)
    assert dead_share(np.zeros((4, 5))) == 1.0 and saturated_share(np.zeros((0, 2))) == 0.0
    s = Spread.of(np.array([-3.0, 1.0]))
    assert (s.mean, s.std, s.max_abs) == (-1.0, 2.0, 3.0)


# ------------------------------------------------------------------ the deep-stack probe

def probe(scheme, act, gain=1.0, bias=0.0):
    return probe_stack(ProbeSetup(INIT_SCHEMES[scheme], gain, act, bias=bias))[1]


def test_probe_gradients_match_finite_differences():
    setup = ProbeSetup(INIT_SCHEMES["xavier"], 1.0, TANH, depth=3, width=4, batch=5, seed=2)
    net, layers = probe_stack(setup)
    rng = np.random.default_rng(setup.seed)
    rng.integers(2**31)
    X, T = rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    # ∂C/∂z of the first layer, by nudging that layer's bias (z moves with b, one unit per column)
    def cost(b0):
        first = net.layers[0].__class__(net.layers[0].W, b0, TANH)
        out = net.__class__((first,) + net.layers[1:]).predict(X)
        return float(np.sum((out - T) ** 2) / (2 * 5))
    numeric = numeric_grad(cost, net.layers[0].b)
    assert relative_error(layers[0].grad.sum(axis=0), numeric) < 1e-6


def test_xavier_tanh_stays_healthy():
    layers = probe("xavier", TANH)
    assert all(l.saturated < 0.05 for l in layers)
    assert min(l.spread("a").std for l in layers) > 0.2


def _starved(layer) -> float:
    """Share of units passing less than a thousandth of the layer's largest gradient."""
    g = np.abs(layer.grad)
    return float(np.mean(g < 1e-3 * g.max()))


def test_standard_normal_saturates_tanh_and_starves_most_units_of_gradient():
    layers = probe("normal", TANH)
    assert all(l.saturated > 0.5 and _starved(l) > 0.5 for l in layers)
    assert all(_starved(l) < 0.2 for l in probe("xavier", TANH))


def test_small_uniform_collapses_the_signal():
    layers = probe("small", TANH)
    assert layers[-1].spread("a").std < 1e-5 < layers[0].spread("a").std
    assert layers[0].spread("grad").std < 1e-4 * layers[-1].spread("grad").std  # vanishing


def test_he_keeps_relu_spread_and_a_negative_bias_kills_units():
    healthy = probe("he", RELU)
    stds = [l.spread("a").std for l in healthy]
    assert max(stds) / min(stds) < 1.5 and healthy[0].dead == 0.0
    killed = probe("he", RELU, bias=-2.0)
    assert killed[-1].dead > 0.5


# ------------------------------------------------------------------ linear collapse

@pytest.mark.parametrize("depth", [2, 3])
@pytest.mark.parametrize("seed", range(3))
def test_linear_stack_is_one_matrix(depth, seed):
    net = build_mlp([4] + [5] * (depth - 1) + [3], [LINEAR] * depth, INIT_SCHEMES["xavier"], 1.0,
                    seed, bias=0.3)
    X = np.random.default_rng(seed).normal(size=(50, 4))
    W, b = fold(net)
    assert W.shape == (4, 3)
    np.testing.assert_allclose(X @ W + b, net.predict(X), rtol=0, atol=1e-12)
    assert collapse(net, X).folded_gap < 1e-12 and collapse(net, X).best_gap < 1e-12


def test_an_activation_breaks_the_collapse():
    net = build_mlp([4, 5, 5, 3], [TANH, TANH, LINEAR], INIT_SCHEMES["he"], 2.0, 0, bias=0.3)
    X = np.random.default_rng(0).normal(size=(50, 4))
    c = collapse(net, X)
    assert c.best_gap > 0.05 * c.scale and c.folded_gap > c.best_gap


# ------------------------------------------------------------------ XOR

def test_two_two_one_network_solves_xor_from_the_default_seed():
    state = xor_network(get_dataset("xor"), XOR_SEED, XOR_LR)
    assert state.accuracy < 1.0
    for _ in range(XOR_STEPS):
        state = net_step(state)
    assert state.accuracy == 1.0 and state.cost < 0.05


def test_one_neuron_never_solves_xor():
    data = get_dataset("xor")
    state = TrainState(neuron=Neuron(w=[0.1, -0.2], b=0.0, activation=SIGMOID), data=data,
                       loss=BCE, lr=1.0)
    for _ in range(3000):
        state = step(state)
    acc = np.mean((state.neuron.forward(data.X).a > 0.5) == (data.y > 0.5))
    assert acc <= 0.75 and state.cost > 0.6


finite = st.floats(-1e3, 1e3)


@given(finite, finite, finite)
def test_no_line_separates_xor(w1, w2, b):
    data = get_dataset("xor")
    z = data.X @ np.array([w1, w2]) + b
    assert np.mean((z > 0) == (data.y > 0.5)) <= 0.75


def test_grid_outputs_match_the_network_pointwise():
    state = xor_network(get_dataset("xor"), 0, 1.0)
    xs, ys = np.linspace(-0.5, 1.5, 5), np.linspace(-0.5, 1.5, 4)
    grid = grid_outputs(state.net, xs, ys)
    assert grid.shape == (4, 5)
    assert grid[2, 3] == pytest.approx(state.net.predict(np.array([[xs[3], ys[2]]]))[0, 0])
    hidden = grid_outputs(state.net, xs, ys, layer=0, unit=1)
    assert hidden[1, 0] == pytest.approx(state.net.forward(np.array([[xs[0], ys[1]]]))[0].a[0, 1])

"""Layers, networks, batch normalisation and the graph trace, each against an independent check."""

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS, LINEAR, RELU, SIGMOID, TANH
from core.networks.batchnorm import BatchNorm
from core.data.datasets import get_dataset
from core.numerics.gradcheck import numeric_grad, relative_error
from core.neuron.graph import finite_difference, trace
from core.networks.init import INIT_SCHEMES
from core.networks.layers import build_mlp, network_cost, network_gradients
from core.neuron.losses import BCE, MSE
from core.neuron.neuron import Neuron
from core.neuron.train import TrainState, plan_step

SMOOTH = [a for a in ACTIVATIONS.values() if a.name not in ("relu", "leaky_relu")]


def _flat_grads(grads) -> np.ndarray:
    return np.concatenate([np.concatenate([g.dW.ravel(), g.db]) for g in grads])


# ------------------------------------------------------------------ MLP backpropagation

@pytest.mark.parametrize("hidden", SMOOTH, ids=lambda a: a.name)
@pytest.mark.parametrize("loss", [MSE, BCE], ids=lambda l: l.name)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mlp_gradients_match_finite_differences(hidden, loss, seed):
    rng = np.random.default_rng(seed)
    net = build_mlp([3, 4, 3, 1], [hidden, hidden, SIGMOID], INIT_SCHEMES["xavier"], 1.5, seed)
    net = net.with_params(net.params + rng.normal(0, 0.3, net.params.size))  # non-zero biases
    X, y = rng.normal(size=(7, 3)), rng.integers(0, 2, 7).astype(float)
    analytic = _flat_grads(network_gradients(net, X, y, loss))
    numeric = numeric_grad(lambda p: network_cost(net.with_params(p), X, y, loss), net.params)
    assert relative_error(analytic, numeric) < 1e-6


def test_relu_network_gradients_match_away_from_kinks():
    rng = np.random.default_rng(5)
    net = build_mlp([2, 5, 1], [RELU, SIGMOID], INIT_SCHEMES["he"], 1.0, 5, bias=0.1)
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 1, 0, 1, 0], float)
    z = net.forward(X)[0].z
    assert np.min(np.abs(z)) > 1e-4  # central differences never straddle a kink
    analytic = _flat_grads(network_gradients(net, X, y, BCE))
    numeric = numeric_grad(lambda p: network_cost(net.with_params(p), X, y, BCE), net.params)
    assert relative_error(analytic, numeric) < 1e-6


def test_one_layer_network_is_the_neuron():
    """A 2-1 network with a sigmoid output takes exactly the neuron's gradient step."""
    data = get_dataset("or")
    neuron = Neuron(w=[0.3, -0.7], b=0.2, activation=SIGMOID)
    net = build_mlp([2, 1], [SIGMOID], INIT_SCHEMES["normal"], 1.0, 0)
    net = net.with_params(np.array([0.3, -0.7, 0.2]))
    grads = network_gradients(net, data.X, data.y, BCE)
    plan = plan_step(TrainState(neuron=neuron, data=data, loss=BCE, lr=1.0))
    np.testing.assert_allclose(grads[0].dW[:, 0], plan.grad_w, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(grads[0].db[0], plan.grad_b, rtol=1e-14)


def test_with_step_moves_against_the_gradient():
    data = get_dataset("xor")
    net = build_mlp([2, 2, 1], [TANH, SIGMOID], INIT_SCHEMES["xavier"], 1.0, 3)
    grads = network_gradients(net, data.X, data.y, BCE)
    moved = net.with_step(grads, 0.1)
    np.testing.assert_allclose(moved.params, net.params - 0.1 * _flat_grads(grads))
    assert network_cost(moved, data.X, data.y, BCE) < network_cost(net, data.X, data.y, BCE)


def test_params_round_trip():
    net = build_mlp([4, 3, 2], [TANH, LINEAR], INIT_SCHEMES["he"], 1.0, 1)
    again = net.with_params(net.params)
    assert all(np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
               for a, b in zip(net.layers, again.layers))


def test_build_mlp_is_seeded():
    make = lambda s: build_mlp([3, 3, 1], [TANH, SIGMOID], INIT_SCHEMES["xavier"], 1.0, s)
    assert np.array_equal(make(7).params, make(7).params)
    assert not np.array_equal(make(7).params, make(8).params)


# ------------------------------------------------------------------ initialisation

@pytest.mark.parametrize("scheme", INIT_SCHEMES.values(), ids=lambda s: s.name)
@pytest.mark.parametrize("gain", [0.5, 1.0, 3.0])
def test_init_spread_matches_its_formula(scheme, gain):
    W = scheme.draw(200, 300, gain, np.random.default_rng(0))
    assert W.shape == (200, 300)
    assert abs(W.mean()) < 0.02 * scheme.std(200, 300, gain)
    assert W.std() == pytest.approx(scheme.std(200, 300, gain), rel=0.02)


def test_init_formulas():
    assert INIT_SCHEMES["xavier"].std(64, 64) == pytest.approx(np.sqrt(2 / 128))
    assert INIT_SCHEMES["he"].std(50, 10) == pytest.approx(np.sqrt(2 / 50))
    assert INIT_SCHEMES["small"].std(5, 5) == pytest.approx(0.01 / np.sqrt(3))
    assert INIT_SCHEMES["normal"].std(5, 5, gain=2) == 2


# ------------------------------------------------------------------ batch normalisation

def _bn_case(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(3.0, 2.0, size=(8, 4))
    bn = BatchNorm(gamma=rng.normal(1, 0.3, 4), beta=rng.normal(0, 0.5, 4),
                   running_mean=np.zeros(4), running_var=np.ones(4))
    weights = rng.normal(size=(8, 4))  # C = Σ weights·y, so ∂C/∂y = weights
    return x, bn, weights


@pytest.mark.parametrize("seed", range(4))
def test_batchnorm_gradients_match_finite_differences(seed):
    x, bn, weights = _bn_case(seed)
    _, cache, _ = bn.train_forward(x)
    dx, dgamma, dbeta = bn.backward(cache, weights)
    cost = lambda b: float(np.sum(weights * b.train_forward(x)[0]))
    assert relative_error(dx, numeric_grad(lambda v: float(np.sum(weights * bn.train_forward(v)[0])), x)) < 1e-6
    assert relative_error(dgamma, numeric_grad(
        lambda g: cost(BatchNorm(g, bn.beta, bn.running_mean, bn.running_var)), bn.gamma)) < 1e-6
    assert relative_error(dbeta, numeric_grad(
        lambda b: cost(BatchNorm(bn.gamma, b, bn.running_mean, bn.running_var)), bn.beta)) < 1e-6


def test_batchnorm_standardises_each_unit():
    x, bn, _ = _bn_case(0)
    y, cache, _ = BatchNorm.fresh(4).train_forward(x)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=0), 1, atol=1e-5)  # ε keeps it a hair under 1
    out, _, _ = bn.train_forward(x)
    np.testing.assert_allclose(out.mean(axis=0), bn.beta, atol=1e-12)


def test_running_statistics_converge_to_the_data():
    rng = np.random.default_rng(1)
    bn = BatchNorm.fresh(3)
    for _ in range(200):
        _, _, bn = bn.train_forward(rng.normal([1.0, -2.0, 5.0], [0.5, 2.0, 3.0], size=(64, 3)))
    assert bn.batches == 200
    np.testing.assert_allclose(bn.running_mean, [1.0, -2.0, 5.0], atol=0.3)
    np.testing.assert_allclose(np.sqrt(bn.running_var), [0.5, 2.0, 3.0], rtol=0.1)
    x = rng.normal([1.0, -2.0, 5.0], [0.5, 2.0, 3.0], size=(1, 3))
    manual = (x - bn.running_mean) / np.sqrt(bn.running_var + 1e-5)
    np.testing.assert_allclose(bn.eval_forward(x), manual)  # one example: running stats


def test_batchnorm_of_a_constant_unit_is_finite():
    y, cache, moved = BatchNorm.fresh(2).train_forward(np.ones((5, 2)))
    assert np.all(y == 0) and np.all(np.isfinite(moved.running_var))


# ------------------------------------------------------------------ the graph trace

NEURONS = [Neuron(w=[0.5, -1.2], b=0.3, activation=a) for a in ACTIVATIONS.values()]


@pytest.mark.parametrize("neuron", NEURONS, ids=lambda n: n.activation.name)
@pytest.mark.parametrize("loss", [MSE, BCE], ids=lambda l: l.name)
@pytest.mark.parametrize("x, y", [([1.0, 0.5], 1.0), ([-2.0, 3.0], 0.0), ([0.7, 0.1], 1.0)])
def test_trace_gradients_equal_the_neurons(neuron, loss, x, y):
    data = get_dataset("single").with_example(np.array(x), y)
    plan = plan_step(TrainState(neuron=neuron, data=data, loss=loss, lr=1.0))
    t = trace(neuron, np.array(x), y, loss)
    np.testing.assert_allclose(t.grad_w, plan.grad_w, rtol=1e-13, atol=1e-300)
    assert t.grad_b == pytest.approx(plan.grad_b, rel=1e-13, abs=1e-300)
    by_name = {n.name: n for n in t.backward}
    assert by_name["C"].value == pytest.approx(plan.cost)
    assert by_name["z"].value == pytest.approx(float(plan.z[0]))
    assert by_name["a"].value == pytest.approx(float(plan.a[0]))
    if neuron.activation.name not in ("relu", "leaky_relu"):
        gw, gb = finite_difference(neuron, np.array(x), y, loss)
        assert relative_error(np.append(t.grad_w, t.grad_b), np.append(gw, gb)) < 1e-6


def test_trace_chain_rule_is_written_out():
    neuron = Neuron(w=[0.5, -1.2, 2.0], b=0.3, activation=TANH)
    x = np.array([1.0, 0.5, -0.25])
    t = trace(neuron, x, 1.0, MSE)
    nodes = {n.name: n for n in t.backward}
    assert [n.name for n in t.forward] == ["p₁", "p₂", "p₃", "s", "z", "a", "C"]
    assert [n.name for n in t.backward][:5] == ["C", "a", "z", "b", "s"]
    assert nodes["p₂"].value == pytest.approx(-0.6)
    assert nodes["s"].value == pytest.approx(0.5 - 0.6 - 0.5)
    assert nodes["z"].grad == pytest.approx(nodes["a"].grad * nodes["z"].local)
    assert nodes["w₃"].grad == pytest.approx(nodes["p₃"].grad * x[2])
    assert nodes["w₃"].local == x[2]


def test_trace_stays_exact_when_saturated():
    """Cross-entropy with a saturated sigmoid: ∂C/∂z is still a − y, not 0 or NaN."""
    neuron = Neuron(w=[40.0], b=0.0, activation=SIGMOID)
    t = trace(neuron, np.array([-1.0]), 1.0, BCE)
    assert t.grad_b == pytest.approx(-1.0) and np.all(np.isfinite(t.grad_w))

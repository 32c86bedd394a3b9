"""Softmax, log-softmax and their gradient; the cost surface against the scalar cost."""

import warnings

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import get_dataset
from core.numerics.gradcheck import numeric_grad, relative_error
from core.neuron.losses import BCE, MSE
from core.neuron.softmax import exp_terms, log_softmax, softmax, softmax_jvp
from core.neuron.surface import cost_surface
from core.neuron.train import new_state
from tests.core import exact


def test_softmax_is_a_probability_vector():
    rng = np.random.default_rng(0)
    for _ in range(20):
        z = rng.normal(0, 5, size=rng.integers(1, 9))
        p = softmax(z)
        assert np.all(p >= 0) and p.sum() == pytest.approx(1.0, abs=1e-12)
        assert np.argmax(p) == np.argmax(z)


@pytest.mark.parametrize("big", [1e4, -1e4, 1e300])
def test_softmax_survives_huge_logits(big):
    z = np.array([big, 0.0, -big, big / 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p, lp = softmax(z), log_softmax(z)
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0)
    assert np.all(np.isfinite(lp) | (lp == -np.inf)) and not np.any(np.isnan(lp))


@pytest.mark.parametrize("z,t,expected", [
    ([1e308, 0.9e308], 0.1, [1.0, 0.0]),
    ([1.5e308, 1e308, 1.2e308], 0.5, [1.0, 0.0, 0.0]),
    ([-1e308, 1e308], 1e-3, [0.0, 1.0]),
    ([3e307, 2e307], 10.0, [1.0, 0.0]),
    ([1e302, -1.7e308], 2.0, [1.0, 0.0]),  # z − m overflows, (z − m)/T does not
])
def test_softmax_is_exact_when_z_over_t_overflows(z, t, expected):
    """(z − m)/T, not clip(z/T) − max: two logits whose quotients both overflow still differ."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p, lp = softmax(np.array(z), t), log_softmax(np.array(z), t)
    assert p.tolist() == expected
    ref_p, ref_lp = exact.softmax_and_log(np.array(z), t)
    assert p.tolist() == ref_p.tolist()
    assert lp == pytest.approx(ref_lp, rel=1e-15, abs=0)


def test_log_softmax_keeps_the_winner_s_tiny_loss():
    """ln p of a near-certain class is −(sum of the others), not 0 from ln(1 + tiny)."""
    lp = log_softmax(np.array([0.0, -50.0, -60.0]))
    assert lp[0] == pytest.approx(-(np.exp(-50.0) + np.exp(-60.0)), rel=1e-12, abs=0)


def test_adding_a_constant_changes_nothing():
    z = np.array([1.0, 2.0, -0.5])
    assert np.allclose(softmax(z + 1000.0), softmax(z))
    assert np.allclose(log_softmax(z), np.log(softmax(z)))


def test_temperature_flattens_and_sharpens():
    z = np.array([2.0, 1.0, 0.0])
    assert softmax(z, 5.0).max() < softmax(z).max() < softmax(z, 0.2).max()
    assert np.allclose(softmax(z, 2.0), softmax(z / 2.0))
    with pytest.raises(ValueError):
        softmax(z, 0.0)


def test_exp_terms_are_the_unnormalised_weights():
    z = np.array([0.5, -1.0, 3.0])
    e = exp_terms(z)
    assert e.max() == 1.0 and np.allclose(e / e.sum(), softmax(z))


def test_jacobian_vector_product_matches_finite_differences():
    rng = np.random.default_rng(1)
    z, v = rng.normal(size=5), rng.normal(size=5)
    analytic = softmax_jvp(softmax(z), v)
    numeric = numeric_grad(lambda zz: float(softmax(zz) @ v), z)
    assert relative_error(analytic, numeric) < 1e-8


def test_cross_entropy_through_softmax_is_p_minus_onehot():
    z, target = np.array([0.2, -1.0, 2.5, 0.0]), 1
    grad = numeric_grad(lambda zz: -log_softmax(zz)[target], z)
    onehot = np.eye(4)[target]
    assert relative_error(softmax(z) - onehot, grad) < 1e-8


@pytest.mark.parametrize("data,act,loss", [("or", "sigmoid", BCE), ("line", "linear", MSE),
                                           ("xor", "tanh", MSE)])
def test_cost_surface_matches_the_cost_point_by_point(data, act, loss):
    state = new_state(get_dataset(data), ACTIVATIONS[act], loss, 0.1, seed=3)
    d = state.neuron.n_inputs
    ws, bs = np.linspace(-3, 3, 7), np.linspace(-2, 2, 5)
    surface = cost_surface(state.neuron, state.data, loss, 0, d, ws, bs)
    assert surface.shape == (5, 7)
    for r, b in enumerate(bs):
        for c, w in enumerate(ws):
            n = state.neuron.with_params(w=np.r_[w, state.neuron.w[1:]], b=b)
            fw = n.forward(state.data.X)
            assert surface[r, c] == pytest.approx(loss.cost(fw.z, fw.a, state.data.y, n.activation))


def test_cost_surface_is_finite_far_out():
    state = new_state(get_dataset("or"), ACTIVATIONS["sigmoid"], BCE, 0.1, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = cost_surface(state.neuron, state.data, BCE, 0, 2, [-1e300, 0, 1e300], [-1e300, 1e300])
    assert np.all(np.isfinite(s))

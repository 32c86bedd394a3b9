"""Costs: values, gradients against finite differences, and stability near 0 and 1."""

import warnings

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS
from core.numerics.gradcheck import numeric_grad, relative_error
from core.neuron.losses import BCE, LOSSES, MSE, get_loss

SIGMOID = ACTIVATIONS["sigmoid"]


def test_mse_value_and_gradient():
    a, y = np.array([0.2, 0.9, 3.0]), np.array([0.0, 1.0, 1.0])
    assert MSE.value(a, y) == pytest.approx(np.mean((a - y) ** 2))
    assert relative_error(MSE.grad(a, y), numeric_grad(lambda p: MSE.value(p, y), a)) < 1e-7


def test_bce_value_and_gradient():
    rng = np.random.default_rng(3)
    a, y = rng.uniform(0.05, 0.95, 50), rng.integers(0, 2, 50).astype(float)
    expected = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    assert BCE.value(a, y) == pytest.approx(expected)
    assert relative_error(BCE.grad(a, y), numeric_grad(lambda p: BCE.value(p, y), a)) < 1e-6


@pytest.mark.parametrize("loss", list(LOSSES.values()), ids=lambda l: l.name)
@pytest.mark.parametrize("act", list(ACTIVATIONS.values()), ids=lambda a: a.name)
def test_delta_is_the_chain_rule(loss, act):
    """∂C/∂z from delta() matches finite differences of the cost as a function of z."""
    rng = np.random.default_rng(4)
    z = rng.uniform(-3, 3, 30)
    if loss is BCE and act is not SIGMOID:
        z = rng.uniform(0.05, 0.35, 30)  # keeps a inside (0, 1), where cross-entropy is defined
    z = z[np.abs(z) > 1e-3]  # away from the ReLU kink
    y = rng.integers(0, 2, z.size).astype(float)

    def cost(zz):
        return loss.cost(zz, act.f(zz), y, act)

    assert relative_error(loss.delta(z, act.f(z), y, act), numeric_grad(cost, z)) < 1e-6


def test_bce_is_stable_near_zero_and_one():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    a = np.array([0.0, 1.0, 1.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = BCE.value(a, y), BCE.grad(a, y)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    assert value == pytest.approx(-np.log(1e-12) / 2, rel=1e-6)


def test_fused_sigmoid_bce_matches_plain_form_and_survives_extremes():
    z, y = np.array([-5.0, 0.3, 4.0]), np.array([1.0, 0.0, 1.0])
    a = SIGMOID.f(z)
    assert BCE.cost(z, a, y, SIGMOID) == pytest.approx(BCE.value(a, y), rel=1e-12)
    assert np.allclose(BCE.delta(z, a, y, SIGMOID), BCE.grad(a, y) * SIGMOID.df(z))
    big = np.array([1e308, -1e308, 800.0, -800.0])
    yb = np.array([0.0, 1.0, 1.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = BCE.cost(big, SIGMOID.f(big), yb, SIGMOID)
        d = BCE.delta(big, SIGMOID.f(big), yb, SIGMOID)
    assert c == pytest.approx(1e308 / 2) and np.all(np.isfinite(d))


def test_mse_survives_huge_predictions():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v = MSE.value(np.array([1e308, -1e308]), np.array([-1e308, 1e308]))
        g = MSE.grad(np.array([1e308]), np.array([-1e308]))
    assert np.isfinite(v) and np.all(np.isfinite(g))


def test_get_loss():
    assert get_loss("mse") is MSE
    with pytest.raises(KeyError, match="bce"):
        get_loss("hinge")


@pytest.mark.parametrize("loss", LOSSES.values(), ids=lambda loss: loss.name)
@pytest.mark.parametrize("act", ACTIVATIONS.values(), ids=lambda act: act.name)
def test_delta_over_a_gives_the_same_numbers_and_touches_a_only_when_asked(loss, act):
    rng = np.random.default_rng(3)
    z, y = rng.normal(size=5000), (rng.random(5000) < 0.5).astype(float)
    a = act.f(z)
    kept = a.copy()
    expected = loss.delta(z, a, y, act)
    assert np.array_equal(a, kept)  # not asked: a is left alone
    got = loss.delta(z, a, y, act, reuse_a=True)
    assert np.array_equal(got, expected)
    if loss is BCE and act.name == "sigmoid":
        assert got is a  # the fused form wrote over a instead of a new array

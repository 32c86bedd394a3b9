"""Activations: values, derivatives against finite differences, and extreme inputs."""

import warnings

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS, LEAKY_SLOPE, get_activation
from core.numerics.gradcheck import elementwise_numeric_derivative, relative_error
from tests.core import exact

ALL = list(ACTIVATIONS.values())
EXTREMES = np.array([-1e308, -1e300, -1e5, -745.0, -710.0, -40.0, -1e-300, 0.0, 1e-300,
                     40.0, 710.0, 745.0, 1e5, 1e300, 1e308])


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_derivative_matches_finite_differences(act):
    rng = np.random.default_rng(1)
    z = rng.uniform(-8, 8, size=500)
    z = z[np.abs(z) > 1e-3]  # keep away from the ReLU kink, where no derivative exists
    numeric = elementwise_numeric_derivative(act.f, z)
    assert relative_error(act.df(z), numeric) < 1e-7


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_extreme_inputs_are_finite_and_silent(act):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, d = act.f(EXTREMES), act.df(EXTREMES)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))
    assert a.shape == d.shape == EXTREMES.shape


def test_known_values():
    z = np.array([-2.0, 0.0, 3.0])
    assert np.allclose(get_activation("sigmoid").f(z), 1 / (1 + np.exp(-z)))
    assert np.allclose(get_activation("tanh").f(z), np.tanh(z))
    assert np.allclose(get_activation("relu").f(z), [0, 0, 3])
    assert np.allclose(get_activation("leaky_relu").f(z), [-2 * LEAKY_SLOPE, 0, 3])
    assert np.allclose(get_activation("linear").f(z), z)


def test_sigmoid_tails_are_exact():
    s = get_activation("sigmoid")
    assert s.f(np.array([-40.0]))[0] == pytest.approx(np.exp(-40.0), rel=1e-12)
    assert s.f(np.array([1e308]))[0] == 1.0 and s.f(np.array([-1e308]))[0] == 0.0
    assert s.df(np.array([-40.0]))[0] == pytest.approx(np.exp(-40.0), rel=1e-12)


@pytest.mark.parametrize("z", [0.0, 1.0, -5.0, 18.0, -19.0, 25.0, 100.0, -300.0, 350.0])
def test_tanh_tails_are_exact(z):
    """tanh′ from e^(−2|z|), not 1 − tanh²: 4% wrong at 18 and exactly 0 from 19 before."""
    slope = get_activation("tanh").df(np.array([z]))[0]
    assert slope > 0 and slope == pytest.approx(exact.sech_squared(z), rel=1e-14, abs=0)


def test_saturation_shows_in_derivative():
    for name in ("sigmoid", "tanh"):
        act = get_activation(name)
        assert act.df(np.array([10.0]))[0] < 1e-3 < act.df(np.array([0.0]))[0]


def test_unknown_name_lists_choices():
    with pytest.raises(KeyError, match="sigmoid"):
        get_activation("swish")


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_metadata_for_display(act):
    assert act.formula.startswith(act.symbol) and act.plot_range[0] < 0 < act.plot_range[1]

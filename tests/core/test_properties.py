"""Property tests over the whole float range: finite, silent, and consistent, whatever comes in."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import Dataset
from core.neuron.losses import BCE, LOSSES
from core.neuron.neuron import Neuron
from core.neuron.softmax import log_softmax, softmax
from core.neuron.train import TrainState, plan_step
from tests.core import exact

ANY_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
VECTORS = arrays(np.float64, st.integers(1, 8), elements=ANY_FLOAT)
ACTS = st.sampled_from(list(ACTIVATIONS.values()))
SETTINGS = settings(max_examples=300, deadline=None)


def silently(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            return fn(*args)


@SETTINGS
@given(z=VECTORS, act=ACTS)
def test_activations_are_finite_and_silent(z, act):
    a, d = silently(act.f, z), silently(act.df, z)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


@SETTINGS
@given(z=VECTORS, act=ACTS)
def test_sigmoid_and_tanh_stay_in_range(z, act):
    a = act.f(z)
    if act.name == "sigmoid":
        assert np.all((a >= 0) & (a <= 1))
    if act.name == "tanh":
        assert np.all((a >= -1) & (a <= 1))


@SETTINGS
@given(data=st.data(), act=ACTS, loss=st.sampled_from(list(LOSSES.values())))
def test_costs_and_gradients_are_finite_and_silent(data, act, loss):
    z = data.draw(VECTORS)
    y = data.draw(arrays(np.float64, z.shape, elements=st.floats(0, 1) if loss is BCE else ANY_FLOAT))
    a = act.f(z)
    cost = silently(loss.cost, z, a, y, act)
    delta = silently(loss.delta, z, a, y, act)
    grad = silently(loss.grad, a, y)
    assert np.isfinite(cost) and cost >= 0
    assert np.all(np.isfinite(delta)) and np.all(np.isfinite(grad))


@SETTINGS
@given(z=VECTORS, t=st.floats(1e-3, 1e3))
def test_softmax_is_finite_sums_to_one_and_keeps_the_order(z, t):
    p = silently(softmax, z, t)
    lp = silently(log_softmax, z, t)
    assert np.all(np.isfinite(p)) and abs(p.sum() - 1.0) < 1e-9
    assert not np.any(np.isnan(lp)) and np.all(lp <= 1e-12)
    assert p[np.argmax(z)] == p.max()


@SETTINGS
@given(z=VECTORS, t=st.floats(1e-3, 1e3))
def test_softmax_and_log_softmax_match_exact_arithmetic(z, t):
    """Against 60-digit decimals: catches a wrong answer that is still a tidy probability
    vector (ties, such as [0.5, 0.5] for [1e308, 0.9e308] at T = 0.1, pass the checks above)."""
    p, lp = silently(softmax, z, t), silently(log_softmax, z, t)
    ref_p, ref_lp = exact.softmax_and_log(z, t)
    assert np.allclose(p, ref_p, rtol=1e-12, atol=1e-300)
    assert np.array_equal(np.isinf(lp), np.isinf(ref_lp))
    finite = np.isfinite(ref_lp)
    assert np.allclose(lp[finite], ref_lp[finite], rtol=1e-12, atol=1e-300)


@SETTINGS
@given(z=st.floats(-1e308, 1e308))
def test_tanh_slope_matches_exact_arithmetic(z):
    """tanh′ to a few ulps over the whole range, tails included (1 − tanh² is 0 from |z| ≈ 19)."""
    slope = float(silently(ACTIVATIONS["tanh"].df, np.array([z]))[0])
    assert slope == pytest.approx(exact.sech_squared(z), rel=1e-14, abs=1e-320)


@SETTINGS
@given(data=st.data(), act=ACTS, loss=st.sampled_from(list(LOSSES.values())),
       lr=st.floats(1e-6, 1e3))
def test_a_planned_step_never_warns_and_reports_whether_it_is_finite(data, act, loss, lr):
    n, d = data.draw(st.integers(1, 5)), data.draw(st.integers(1, 3))
    X = data.draw(arrays(np.float64, (n, d), elements=st.floats(-1e6, 1e6)))
    y = data.draw(arrays(np.float64, n, elements=st.floats(0, 1)))
    w = data.draw(arrays(np.float64, d, elements=st.floats(-1e6, 1e6)))
    state = TrainState(neuron=Neuron(w=w, b=data.draw(st.floats(-1e6, 1e6)), activation=act),
                       data=Dataset("t", "t", X, y, loss.name, "t"), loss=loss, lr=lr)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rec = plan_step(state)
        cost = state.cost
    assert np.isfinite(cost)
    assert rec.finite == bool(np.all(np.isfinite(rec.new.params)) and np.all(np.isfinite(rec.grad)))

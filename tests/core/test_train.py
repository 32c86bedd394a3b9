"""Gradient descent: gradients against finite differences, updates, modes, datasets."""

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import DATASETS, get_dataset
from core.numerics.gradcheck import numeric_grad, relative_error
from core.neuron.losses import BCE, LOSSES, MSE
from core.neuron.neuron import Neuron, init_neuron
from core.neuron.train import PARAM_LIMIT, new_state, plan_step, step


def _cost_of_params(state, idx):
    X, y = state.data.X[idx], state.data.y[idx]

    def cost(params):
        n = state.neuron.with_params(w=params[:-1], b=params[-1])
        fw = n.forward(X)
        return state.loss.cost(fw.z, fw.a, y, n.activation)

    return cost


@pytest.mark.parametrize("data", ["or", "xor", "line", "single"])
@pytest.mark.parametrize("act", list(ACTIVATIONS))
@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("mode", ["batch", "stochastic"])
def test_step_gradient_matches_finite_differences(data, act, loss, mode):
    state = new_state(get_dataset(data), ACTIVATIONS[act], LOSSES[loss], 0.1, seed=5, mode=mode)
    # Move away from ReLU's kink and keep cross-entropy's a inside (0, 1) for every example.
    state = state.edited("test", neuron=state.neuron.with_params(b=0.37))
    if loss == "bce" and act != "sigmoid":
        state = state.edited("test", neuron=state.neuron.with_params(w=[0.11] * state.data.n_inputs))
    rec = plan_step(state)
    numeric = numeric_grad(_cost_of_params(state, rec.indices), state.neuron.params)
    assert relative_error(rec.grad, numeric) < 1e-6


def test_update_is_minus_lr_times_gradient():
    state = new_state(get_dataset("or"), ACTIVATIONS["sigmoid"], BCE, 0.7, seed=2)
    rec = plan_step(state)
    after = step(state)
    assert np.array_equal(after.neuron.w, state.neuron.w - 0.7 * rec.grad_w)
    assert after.neuron.b == state.neuron.b - 0.7 * rec.grad_b
    assert after.steps == 1 and after.last is not None and state.steps == 0  # input untouched


def test_batch_step_lowers_the_cost_on_or():
    state = new_state(get_dataset("or"), ACTIVATIONS["sigmoid"], BCE, 0.5, seed=0)
    costs = [state.cost]
    for _ in range(50):
        state = step(state)
        costs.append(state.cost)
    assert all(b < a for a, b in zip(costs, costs[1:]))


def test_stochastic_step_uses_the_example_on_show_then_moves_on():
    state = new_state(get_dataset("and"), ACTIVATIONS["tanh"], MSE, 0.3, seed=1, mode="stochastic")
    state = state.edited("pick", example=2)
    rec = plan_step(state)
    assert rec.indices.tolist() == [2] and rec.z.shape == (1,)
    assert step(state).example == 3 and step(step(state)).example == 0


def test_record_is_consistent_with_the_chain_rule():
    state = new_state(get_dataset("line"), ACTIVATIONS["tanh"], MSE, 0.1, seed=3)
    rec = plan_step(state)
    assert np.allclose(rec.delta, rec.dc_da * rec.da_dz)
    assert np.allclose(rec.grad_w, rec.delta @ state.data.X[rec.indices])
    assert rec.cost == pytest.approx(state.cost)


def test_linear_neuron_fits_the_noisy_line():
    state = new_state(get_dataset("line"), ACTIVATIONS["linear"], MSE, 0.3, seed=0)
    for _ in range(300):
        state = step(state)
    assert state.neuron.w[0] == pytest.approx(2.0, abs=0.15)
    assert state.neuron.b == pytest.approx(1.0, abs=0.1)


def test_huge_learning_rate_is_reported_as_divergence():
    state = new_state(get_dataset("line"), ACTIVATIONS["linear"], MSE, 1000.0, seed=0)
    for _ in range(5):
        state = step(state)
    assert state.diverged and np.max(np.abs(state.neuron.params)) > PARAM_LIMIT


def test_seeded_initialisation_is_reproducible():
    a = init_neuron(3, ACTIVATIONS["relu"], seed=11)
    b = init_neuron(3, ACTIVATIONS["relu"], seed=11)
    c = init_neuron(3, ACTIVATIONS["relu"], seed=12)
    assert np.array_equal(a.w, b.w) and not np.array_equal(a.w, c.w) and a.b == 0.0


def test_neuron_forward_single_and_batch():
    n = Neuron(w=[0.5, -1.2], b=0.1, activation=ACTIVATIONS["sigmoid"])
    one = n.forward(np.array([1.0, 0.3]))
    assert float(one.z) == pytest.approx(0.5 - 0.36 + 0.1)
    batch = n.forward(np.array([[1.0, 0.3], [0.0, 0.0]]))
    assert batch.z.shape == (2,) and batch.a[1] == pytest.approx(1 / (1 + np.exp(-0.1)))
    with pytest.raises(ValueError):
        n.w[0] = 3.0  # parameters are read-only: snapshots cannot change under the UI


def test_datasets_are_well_formed():
    for d in DATASETS.values():
        assert d.X.shape == (d.n_examples, d.n_inputs) and d.loss in LOSSES
    assert get_dataset("xor").y.tolist() == [0, 1, 1, 0]
    single = get_dataset("single").with_example([2.0, -1.0], 0.5)
    assert single.X.tolist() == [[2.0, -1.0]] and single.y.tolist() == [0.5]
    with pytest.raises(KeyError, match="xor"):
        get_dataset("iris")

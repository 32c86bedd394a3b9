"""The playground's snapshots: training, divergence, changes mid-run, stops and undo."""

import numpy as np

from core.data.planar import fixed
from core.playground.history import PlayHistory
from core.playground.network import LayerMap
from core.playground.settings import Settings
from core.playground.state import (Diverged, regenerate, reset, start, step, stop_reason,
                                   with_features, with_hidden, with_output, with_settings)

DEFAULT_TEST_LOSS = 0.02
"""The default network on circle (data seed 0, weight seed 0) is below this test loss by
epoch 200; the README states it."""


def epochs(state, n):
    for _ in range(n):
        state = step(state)
        assert not isinstance(state, Diverged)
    return state


def test_the_default_is_playgrounds_and_learns_the_circle():
    state = start()
    s = state.settings
    assert (s.dataset, s.hidden, s.activation, s.output, s.loss, s.lr, s.batch, s.train_pct) == \
        ("circle", (4, 2), "tanh", "tanh", "squared", 0.03, 10, 50)
    assert state.net.sizes == (2, 4, 2, 1) and np.all(np.abs(state.net.W[0]) <= 0.5)
    assert np.all(state.net.b[0] == 0.1)
    after = epochs(state, 200)
    assert after.epoch == 200 and after.test_loss < DEFAULT_TEST_LOSS < state.test_loss
    assert after.accuracy("test") > 0.98


def test_divergence_is_refused_silently_and_the_state_kept():
    state = with_settings(start(Settings(dataset="plane", activation="relu", hidden=(8, 8))),
                          "η", lr=1000.0)
    result = step(state)
    assert isinstance(result, Diverged) and ("past" in result.reason or "overflow" in result.reason)
    assert np.all(np.isfinite(state.net.params)) and np.isfinite(state.train_loss)


def test_changes_mid_run_keep_the_network_and_the_epoch():
    state = epochs(start(), 5)
    more = with_features(state, ("x1", "x2", "x1sq"), "x₁² on")
    assert more.epoch == 5 and more.net.sizes == (3, 4, 2, 1)
    assert np.array_equal(more.net.W[0][:2], state.net.W[0])
    assert np.array_equal(more.net.W[1], state.net.W[1])
    wider = with_hidden(state, (5, 2), [LayerMap(1, (0, 1, 2, 3, None)), LayerMap(2, (0, 1))], "+")
    assert np.array_equal(wider.net.W[0][:, :4], state.net.W[0])
    assert np.array_equal(wider.net.W[1][:4], state.net.W[1])
    faster = with_settings(state, "η", lr=0.3)
    assert faster.net is state.net and faster.settings.lr == 0.3


def test_new_data_keeps_the_network_and_a_new_kind_reshapes_its_output():
    state = epochs(start(), 3)
    noisy = regenerate(state, "noise", noise=30)
    assert noisy.net is state.net and noisy.data.noise == 30
    three = regenerate(state, "dataset", dataset="spiral3")
    assert three.settings.output == "softmax" and three.net.sizes == (2, 4, 2, 3)
    assert np.array_equal(three.net.W[:2][0], state.net.W[0])
    regression = regenerate(three, "dataset", dataset="plane")
    assert (regression.settings.output, regression.settings.loss) == ("linear", "squared")
    assert np.isnan(regression.accuracy("test"))
    back = with_output(regenerate(regression, "d", dataset="xor"), "sigmoid", "o")
    assert back.settings.output == "sigmoid" and back.net.sizes[-1] == 1


def test_reset_draws_again_from_the_seed():
    state = epochs(start(), 3)
    again = reset(state)
    assert again.epoch == 0 and np.array_equal(again.net.params, start().net.params)
    other = reset(state, seed=5, init="he")
    assert not np.array_equal(other.net.params, again.net.params) and np.all(other.net.b[0] == 0)


def test_your_own_points_split_again_rather_than_regenerate():
    data = fixed("csv:four", "four", [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], 2, 100, 0)
    state = start(Settings(hidden=(2,)), data)
    assert state.settings.dataset == "csv:four" and np.isnan(state.test_loss)
    half = regenerate(state, "split", train_pct=50)
    assert np.array_equal(half.data.points, data.points) and len(half.data.test) == 2


def test_a_run_stops_once_training_and_test_loss_reach_the_stop():
    state = start()
    assert stop_reason(with_settings(state, "stop", stop_loss=0.6)) == "loss at or below 0.6"
    between = (state.train_loss + state.test_loss) / 2  # one of the two is still above it
    assert stop_reason(with_settings(state, "stop", stop_loss=between)) is None
    assert stop_reason(state) is None


def test_history_undoes_exactly_and_keeps_curves_per_run():
    history = PlayHistory(start())
    first = history.current
    for _ in range(3):
        history.push(step(history.current))
    assert [p[0] for p in history.curve()] == [0, 1, 2, 3]
    history.push(reset(history.current))
    assert [p[0] for p in history.curve()] == [0]
    history.undo()
    assert [p[0] for p in history.curve()] == [0, 1, 2, 3]
    for _ in range(3):
        history.undo()
    assert history.current is first and not history.can_undo


def test_chapter_9s_network_steps_in_the_playground_as_in_the_chapter():
    from core.data.datasets import get_dataset
    from core.networks.net_train import net_step, xor_network
    from core.playground.chapter9 import chapter9_state

    net = xor_network(get_dataset("xor"), 0, 1.0)
    for _ in range(3):
        net = net_step(net)
    state = chapter9_state(net.net, 1.0, 0, net.steps)
    assert state.epoch == 3 and np.isclose(state.train_loss, net.cost)
    assert state.net.sizes == (2, 2, 1) and len(state.data.test) == 0
    assert np.allclose(step(state).net.params, net_step(net).net.params)

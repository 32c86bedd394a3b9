"""The playground network's gradients against finite differences, and its training step."""

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS
from core.numerics.gradcheck import numeric_grad, relative_error
from core.playground.features import FEATURES, feature_matrix
from core.playground.heads import HEADS
from core.playground.network import (LayerMap, Rules, gradients, new_net, objective, outputs,
                                     remap, train_epoch)

ALL = tuple(FEATURES)


def batch(n_classes, n=12, seed=5):
    rng = np.random.default_rng(seed)
    points = rng.uniform(-3, 3, (n, 2))
    labels = rng.integers(0, n_classes, n).astype(float) if n_classes else rng.uniform(-1, 1, n)
    return feature_matrix(points, ALL), labels


def check(rules, n_classes, hidden=(3, 2), seed=1):
    X, y = batch(n_classes)
    units = HEADS[rules.head.name].units
    net = new_net((X.shape[1], *hidden, units), "xavier", seed)
    net = net.with_params(net.params + 0.1)  # biases off 0 too, so L1 and ReLU stay smooth
    dW, db = gradients(net, X, y, rules)
    analytic = np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(dW, db)])
    numeric = numeric_grad(lambda p: objective(net.with_params(p), X, y, rules), net.params)
    assert relative_error(analytic, numeric) < 1e-6


COMBOS = [(h, loss) for h in HEADS.values() for loss in h.losses]


@pytest.mark.parametrize("head, loss", COMBOS, ids=[f"{h.name}-{l}" for h, l in COMBOS])
@pytest.mark.parametrize("act", ["tanh", "relu", "sigmoid", "linear"])
def test_every_head_loss_and_activation_matches_finite_differences(head, loss, act):
    check(Rules(ACTIVATIONS[act], head, loss), head.n_classes)


@pytest.mark.parametrize("reg", ["l1", "l2"])
@pytest.mark.parametrize("head", ["tanh", "softmax", "linear"])
def test_regularisation_gradients_match_finite_differences(reg, head):
    h = HEADS[head]
    check(Rules(ACTIVATIONS["tanh"], h, h.losses[-1], reg, 0.3), h.n_classes)


def test_no_hidden_layer_and_six_layers():
    rules = Rules(ACTIVATIONS["tanh"], HEADS["sigmoid"], "cross_entropy", "l2", 0.01)
    check(rules, 2, hidden=())
    check(rules, 2, hidden=(8,) * 6)


def test_a_full_batch_epoch_is_one_gradient_step():
    X, y = batch(2)
    rules = Rules(ACTIVATIONS["relu"], HEADS["tanh"], "squared", "l2", 0.1)
    net = new_net((7, 4, 2, 1), "playground", 3)
    dW, db = gradients(net, X, y, rules)
    after = train_epoch(net, X, y, rules, 0.05, 0)
    for w0, g, w1 in zip(net.W, dW, after.W):
        assert np.allclose(w1, w0 - 0.05 * g)
    for b0, g, b1 in zip(net.b, db, after.b):
        assert np.allclose(b1, b0 - 0.05 * g)


def test_minibatches_step_in_order():
    X, y = batch(2, n=10)
    rules = Rules(ACTIVATIONS["tanh"], HEADS["tanh"], "squared")
    net = new_net((7, 3, 1), "playground", 0)
    by_hand = net
    for start in range(0, 10, 4):  # batches of 4, 4 and the last 2
        dW, db = gradients(by_hand, X[start:start + 4], y[start:start + 4], rules)
        by_hand = by_hand.with_params(by_hand.params - 0.1 * np.concatenate(
            [np.concatenate([w.ravel(), b]) for w, b in zip(dW, db)]))
    assert np.allclose(train_epoch(net, X, y, rules, 0.1, 4).params, by_hand.params)


def test_an_l1_step_that_would_cross_zero_stops_at_zero():
    X, y = batch(2)
    rules = Rules(ACTIVATIONS["tanh"], HEADS["tanh"], "squared", "l1", 10.0)
    net = new_net((7, 1), "playground", 0)
    after = train_epoch(net, X, y, rules, 0.1, 0)
    crossed = np.sign(after.W[0]) * np.sign(net.W[0]) < 0
    assert not crossed.any() and (after.W[0] == 0).sum() >= 5


def test_softmax_probabilities_sum_to_one_and_outputs_are_per_layer():
    X, _ = batch(3)
    net = new_net((7, 5, 3), "he", 2)
    hidden, probs = outputs(net, X, Rules(ACTIVATIONS["relu"], HEADS["softmax"]))
    assert hidden.shape == (12, 5) and np.all(hidden >= 0)
    assert np.allclose(probs.sum(axis=1), 1)


def test_losses_are_exact_and_silent_at_extreme_z():
    z = np.array([[-800.0], [800.0], [1e300], [-1e300]])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    for head in ("tanh", "sigmoid"):
        loss = HEADS[head].loss(z, y, "cross_entropy")
        scale = 2 if head == "tanh" else 1
        assert np.allclose(loss[:2], [scale * 800, scale * 800]) and np.all(np.isinf(loss[2:]) | (loss[2:] > 1e299))
        assert np.all(np.isfinite(HEADS[head].delta(z, y, "cross_entropy")))
    z3 = np.array([[1000.0, -1000.0, 0.0]])
    assert np.isclose(HEADS["softmax"].loss(z3, np.array([1.0]), "cross_entropy")[0], 2000)


def test_remap_keeps_weights_between_kept_units():
    net = new_net((2, 3, 1), "playground", 0)
    # add feature x1² in the middle, drop hidden neuron 1, keep the output
    layers = [LayerMap(0, (0, None, 1)), LayerMap(1, (0, 2)), LayerMap(2, (0,))]
    new = remap(net, layers, "playground", 0)
    assert new.sizes == (3, 2, 1)
    assert np.array_equal(new.W[0][[0, 2]][:, [0, 1]], net.W[0][:, [0, 2]])
    assert np.array_equal(new.b[0], net.b[0][[0, 2]])
    assert np.array_equal(new.W[1][:, 0], net.W[1][[0, 2], 0])
    inserted = remap(net, [LayerMap(0, (0, 1)), LayerMap(1, (0, 1, 2)), LayerMap(None, (None,) * 2),
                           LayerMap(2, (0,))], "playground", 0)
    assert np.array_equal(inserted.W[0], net.W[0]) and inserted.sizes == (2, 3, 2, 1)
    assert np.array_equal(inserted.b[2], net.b[1])

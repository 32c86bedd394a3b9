"""Chapters 10–12's models: gradients against finite differences, exact at extremes."""

import numpy as np
import pytest

from core.networks import bigram as bg
from core.networks import pixel_neuron as px
from core.networks import softmax_classifier as sc
from core.numerics.gradcheck import numeric_grad, relative_error


@pytest.fixture(scope="module")
def small_names():
    return ["emma", "olivia", "ava", "isabella", "sophia", "mia", "zoe", "quinn", "x"]


def test_pixel_neuron_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    task = px.pixel_task(digit=3, seed=5, n_train=40)
    X, y = task.X_train, task.y_train
    for lam in (0.0, 0.05):
        w, b = rng.normal(0, 0.5, 64), 0.3
        gw, gb = px.gradient(w, b, X, y, lam)
        fw = numeric_grad(lambda v: px.objective(v, b, X, y, lam), w)
        fb = numeric_grad(lambda v: px.objective(w, float(v[0]), X, y, lam), np.array([b]))
        assert relative_error(gw, fw) < 1e-7 and relative_error([gb], fb) < 1e-7


def test_pixel_neuron_cost_is_exact_and_silent_when_saturated():
    X = np.array([[1.0], [1.0]])
    y = np.array([1.0, 0.0])
    # z = ±1000: the right one costs ~0, the wrong one exactly |z|.
    assert px.cross_entropy(np.array([1000.0]), 0.0, X, y) == pytest.approx(500.0)
    assert px.sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


def test_pixel_neuron_steps_lower_the_objective_and_stop_when_diverging():
    task = px.pixel_task(digit=3, seed=0)
    s0 = px.start_state(task, lr=4.0, lam=0.01)
    s1 = px.pixel_steps(s0, 10)
    f = lambda s: px.objective(s.w, s.b, task.X_train, task.y_train, s.lam)  # noqa: E731
    assert s1.steps == 10 and f(s1) < f(s0) and s0.train_cost == pytest.approx(np.log(2))
    assert px.pixel_steps(px.start_state(task, lr=1e9, lam=0.0), 5) is None


def test_softmax_classifier_gradient_matches_finite_differences():
    rng = np.random.default_rng(4)
    data = sc.digit_split(seed=2, n_train=30)
    X, y = data.X_train, data.y_train
    W, b = rng.normal(0, 0.3, (64, 10)), rng.normal(0, 0.3, 10)
    gW, gb = sc.gradients(W, b, X, y)
    assert relative_error(gW, numeric_grad(lambda v: sc.cost(v, b, X, y), W)) < 1e-7
    assert relative_error(gb, numeric_grad(lambda v: sc.cost(W, v, X, y), b)) < 1e-7


def test_softmax_classifier_visits_every_training_image_once_per_epoch():
    data = sc.digit_split(seed=1)
    s, seen = sc.start_state(data, lr=1.0, batch=100), []
    while s.epoch == 0:
        seen.extend(s.next_batch().tolist())
        s = sc.classifier_step(s)
    assert sorted(seen) == list(range(data.y_train.size)) and s.position == 0
    assert s.steps == -(-data.y_train.size // 100)  # the last batch of the epoch is shorter


def test_softmax_classifier_starts_uniform_and_learns():
    s = sc.start_state(sc.digit_split(seed=0), lr=1.0, batch=32)
    assert s.train_cost == pytest.approx(np.log(10))
    for _ in range(100):
        s = sc.classifier_step(s)
    m = s.test_confusion
    assert m.sum() == s.data.y_test.size and np.trace(m) == round(s.test_accuracy * m.sum())
    assert s.test_accuracy > 0.9 and s.train_cost < 0.5


def test_bigrams_of_a_name_read_dot_before_and_after():
    xs, ys = bg.encode(["emma"])
    pairs = ["".join(bg.ALPHABET[i] for i in p) for p in zip(xs, ys)]
    assert pairs == [".e", "em", "mm", "ma", "a."]
    xs, ys = bg.encode(["ab", "c"])
    assert ["".join(bg.ALPHABET[i] for i in p) for p in zip(xs, ys)] == [".a", "ab", "b.", ".c", "c."]


def test_counting_model_by_hand(small_names):
    data = bg.Bigrams.of(small_names)
    assert data.table.sum() == data.n == sum(len(n) + 1 for n in small_names)
    row = data.table[bg.ALPHABET.index("m")]  # m → m, a, i (emma, mia)
    assert row[bg.ALPHABET.index("m")] == 1 and row[bg.ALPHABET.index("a")] == 1
    p = data.count_model
    assert np.allclose(p.sum(axis=1), 1.0) and p.min() > 0
    assert p[0, 0] == pytest.approx(1 / (len(small_names) + 27))  # "." never follows "."
    nll = -np.mean([np.log(p[x, y]) for x, y in zip(data.xs, data.ys)])
    assert data.count_loss == pytest.approx(nll, rel=1e-12)


def one_hot_loss_and_grad(W, xs, ys, lam):
    """The textbook formulation, one-hot matrices and all: the reference the layer must equal."""
    X = np.eye(27)[xs]
    Y = np.eye(27)[ys]
    Z = X @ W
    Z = Z - Z.max(axis=1, keepdims=True)
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    nll = -np.mean(np.sum(Y * np.log(P), axis=1))
    grad = X.T @ (P - Y) / xs.size + 2 * lam * W / W.size
    return nll + lam * np.mean(W * W), grad


def test_bigram_layer_equals_the_one_hot_formulation(small_names):
    data = bg.Bigrams.of(small_names * 3, one_of_each=True)
    rng = np.random.default_rng(7)
    for scale, lam in ((0.1, 0.0), (3.0, 0.01), (30.0, 0.5)):
        W = rng.normal(0, scale, (27, 27))
        _, cost, grad = bg.layer_loss_and_grad(W, data, lam)
        ref_cost, ref_grad = one_hot_loss_and_grad(W, data.xs, data.ys, lam)
        assert abs(cost - ref_cost) <= 1e-12 * max(1.0, abs(ref_cost))
        assert np.max(np.abs(grad - ref_grad)) <= 1e-12


def test_grouped_formulation_equals_the_layer(small_names):
    data = bg.Bigrams.of(small_names * 3, one_of_each=True)
    W = np.random.default_rng(10).normal(0, 3, (27, 27))
    for lam in (0.0, 0.1):
        nll, cost, grad = bg.layer_loss_and_grad(W, data, lam)
        g_nll, g_cost, g_grad = bg.grouped_loss_and_grad(W, data, lam)
        assert abs(nll - g_nll) <= 1e-12 and abs(cost - g_cost) <= 1e-12
        assert np.max(np.abs(grad - g_grad)) <= 1e-12


def test_bigram_layer_gradient_matches_finite_differences(small_names):
    data = bg.Bigrams.of(small_names)
    W = np.random.default_rng(8).normal(0, 1, (27, 27))
    _, _, grad = bg.layer_loss_and_grad(W, data, 0.02)
    numeric = numeric_grad(lambda v: bg.layer_loss_and_grad(v, data, 0.02)[1], W)
    assert relative_error(grad, numeric) < 1e-7


def test_bigram_layer_is_silent_at_extreme_weights(small_names):
    data = bg.Bigrams.of(small_names)
    W = np.random.default_rng(9).normal(0, 1e5, (27, 27))
    nll, cost, grad = bg.layer_loss_and_grad(W, data, 0.0)
    state = bg.BigramState(data, data, W, 1.0, 0.0)
    assert np.isfinite([nll, cost, state.loss]).all() and np.isfinite(grad).all()


def test_the_counting_table_is_where_the_layer_stops(small_names):
    """With one extra example of each bigram, ∂C/∂W is exactly 0 at W = ln P_counts: the
    counting model's table is the layer's best (a minimum: the cost is convex in W)."""
    names = bg.Bigrams.of(small_names)
    train = bg.Bigrams.of(small_names, one_of_each=True)
    _, _, grad = bg.layer_loss_and_grad(np.log(names.count_model), train, 0.0)
    assert np.max(np.abs(grad)) < 1e-15
    state = bg.BigramState(names, train, np.log(names.count_model), 1.0, 0.0)
    assert state.loss == pytest.approx(names.count_loss, rel=1e-12)


def test_sampling_is_set_by_its_seed(small_names):
    p = bg.Bigrams.of(small_names).count_model
    first = bg.sample(p, seed=4)
    assert first == bg.sample(p, seed=4) and first != bg.sample(p, seed=5) and len(first) == 10
    assert all(set(n) <= set(bg.ALPHABET[1:] + "…") for n in first)
    certain = np.zeros((27, 27))
    certain[0, 1], certain[1, 2], certain[2, 0] = 1, 1, 1  # . → a → b → .
    assert bg.sample(certain, seed=0, count=3) == ["ab"] * 3
    loop = np.zeros((27, 27))
    loop[0, 1], loop[1, 1] = 1, 1  # a forever
    assert bg.sample(loop, seed=0, count=1, max_len=5) == ["aaaaa…"]


def test_bigram_steps_lower_the_loss_from_ln_27(small_names):
    names = bg.Bigrams.of(small_names)
    s = bg.start_state(names, bg.Bigrams.of(small_names, one_of_each=True), lr=10.0, lam=0.0)
    assert s.loss == pytest.approx(np.log(27))
    for _ in range(20):
        s = bg.bigram_step(s)
    assert s.loss < np.log(27) - 0.2 and s.steps == 20
    assert bg.bigram_step(bg.start_state(names, names, lr=1e12, lam=0.0)) is None

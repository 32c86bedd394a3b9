"""Chapters 6–9: every verdict agrees with an independent computation over many random labs.

Expected answers come from finite differences, hand-written NumPy formulas, or a plain
2-2-1 network written out below, never from the exercise code's own helpers.
"""

from dataclasses import replace

import numpy as np
import pytest

from core.neuron.activations import LINEAR, RELU, SIGMOID, TANH
from core.networks.batchnorm import BN_EPS
from core.networks.init import INIT_SCHEMES
from core.neuron.losses import BCE, MSE
from core.neuron.neuron import Neuron
from core.networks.probe import probe_stack
from tui.book.chapter import CHAPTERS
from tui.chapters.ch08_layer.lab import AnatomyLab
from tui.chapters.ch06_backprop.lab import BackpropLab
from tui.chapters.ch07_init.lab import InitLab
from tui.chapters.ch09_xor.lab import XorLab, XorSnap

TRIALS = 25


def exercise(chapter: int, key: str):
    return next(e for e in CHAPTERS[chapter - 1].exercises if e.id == key)


def cost(neuron: Neuron, x, y, loss) -> float:
    z = float(neuron.w @ x + neuron.b)
    a = float(neuron.activation.f(np.array([z]))[0])
    if loss is MSE:
        return (a - y) ** 2
    a = min(max(a, 1e-12), 1 - 1e-12)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def fd_grad_w(neuron: Neuron, x, y, loss, h=1e-6) -> np.ndarray:
    out = []
    for i in range(2):
        up, down = neuron.with_weight(i, neuron.w[i] + h), neuron.with_weight(i, neuron.w[i] - h)
        out.append((cost(up, x, y, loss) - cost(down, x, y, loss)) / (2 * h))
    return np.array(out)


def random_backprop_lab(rng) -> BackpropLab:
    lab = BackpropLab()
    lab.x = np.round(rng.normal(0, 1.5, 2), 1)
    lab.y = float(rng.integers(0, 2))
    act = [SIGMOID, TANH][rng.integers(0, 2)]
    lab.loss = [MSE, BCE][rng.integers(0, 2)] if act is SIGMOID else MSE
    lab.neuron = Neuron(w=rng.normal(0, 1, 2), b=rng.normal(0, 1), activation=act)
    return lab


@pytest.mark.parametrize("trial", range(TRIALS))
def test_chapter_6_exercises(trial):
    lab = random_backprop_lab(np.random.default_rng(trial))
    g = np.abs(fd_grad_w(lab.neuron, lab.x, lab.y, lab.loss))
    if abs(g[0] - g[1]) > 1e-6:
        assert exercise(6, "bigger-grad").check(lab).answer == (0 if g[0] > g[1] else 1)
    doubled = lab.x * [2.0, 1.0]
    after = abs(fd_grad_w(lab.neuron, doubled, lab.y, lab.loss)[0])
    if abs(after - g[0]) > 1e-6:
        assert exercise(6, "double-x1").check(lab).answer == (0 if after > g[0] else 1)


def test_chapter_6_equal_inputs_give_equal_gradients():
    lab = BackpropLab()
    lab.x = np.array([0.7, -0.7])
    assert exercise(6, "bigger-grad").check(lab).answer == 2


def random_init_lab(rng) -> InitLab:
    lab = InitLab()
    scheme = list(INIT_SCHEMES.values())[rng.integers(0, 4)]
    lab.setup = replace(lab.setup, scheme=scheme, gain=float(rng.choice([0.25, 0.5, 1.0, 2.0])),
                        activation=[TANH, RELU][rng.integers(0, 2)], seed=int(rng.integers(0, 99)))
    lab.probes = probe_stack(lab.setup)[1]
    return lab


@pytest.mark.parametrize("trial", range(10))
def test_chapter_7_exercises(trial):
    lab = random_init_lab(np.random.default_rng(trial))
    normal = probe_stack(replace(lab.setup, scheme=INIT_SCHEMES["normal"], activation=TANH))[1]
    share = float(np.mean(np.abs(np.tanh(normal[-1].z)) > 0.97))
    band = 0 if share < 0.1 else (1 if share <= 0.5 else 2)
    assert exercise(7, "normal-saturates").check(lab).answer == band
    doubled = probe_stack(replace(lab.setup, gain=2 * lab.setup.gain))[1]
    before, after = np.std(lab.probes[-1].z), np.std(doubled[-1].z)
    assert exercise(7, "double-gain").check(lab).answer == (0 if after > before else 1)


@pytest.mark.parametrize("trial", range(6))
def test_chapter_8_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = AnatomyLab()
    lab.gain, lab.batch_no = float(rng.uniform(0.2, 5)), int(rng.integers(0, 50))
    x = lab.batch(lab.batch_no)
    W = lab.weights.W

    def normalised(inputs):
        z = inputs @ W
        return (z - z.mean(0)) / np.sqrt(z.var(0) + BN_EPS)

    same = np.allclose(normalised(10 * x), normalised(x), atol=1e-3)
    assert exercise(8, "scale-inputs").check(lab).answer == (1 if same else 0)
    for between, one_layer in ((LINEAR, True), (TANH, False), (RELU, False)):
        lab.between, lab.depth, lab.stack_seed = between, int(rng.choice([2, 3])), int(rng.integers(9))
        assert exercise(8, "one-layer").check(lab).answer == (0 if one_layer else 1)


def plain_xor(params, lr, steps):
    """A 2-2-1 tanh/sigmoid network trained on XOR with cross-entropy, written out by hand."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([0, 1, 1, 0], float)
    W1, b1, W2, b2 = (p.copy() for p in params)
    for _ in range(steps):
        h = np.tanh(X @ W1 + b1)
        out = 1 / (1 + np.exp(-(h @ W2 + b2)))
        d2 = (out - y[:, None]) / 4
        d1 = (d2 @ W2.T) * (1 - h**2)
        W2, b2 = W2 - lr * h.T @ d2, b2 - lr * d2.sum(0)
        W1, b1 = W1 - lr * X.T @ d1, b1 - lr * d1.sum(0)
    out = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
    return float(np.mean((out[:, 0] > 0.5) == (y > 0.5)))


@pytest.mark.parametrize("seed", [0, 1, 4, 6, 17])
def test_chapter_9_exercises(seed):
    lab = XorLab()
    lab.seed = seed
    lab.history = [lab.start()]
    l1, l2 = lab.current.net.net.layers
    acc = plain_xor((l1.W, l1.b, l2.W, l2.b), lab.lr, 200)
    assert exercise(9, "net-solves").check(lab).answer == (0 if acc == 1.0 else 1)
    assert exercise(9, "single-solves").check(lab).answer == 1
    assert isinstance(lab.current, XorSnap)

"""Every exercise's verdict agrees with an independent computation, for many random labs.

The expected answers here are worked out from first principles (plain NumPy formulas and
finite differences), not by calling the exercise code's own helpers.
"""

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS
from core.numerics.gradcheck import numeric_grad
from core.neuron.neuron import Neuron
from tui.book.chapter import CHAPTERS
from tui.chapters.ch02_activations.lab import ActivationLab
from tui.chapters.ch04_cost.lab import CostLab
from tui.chapters.ch05_descent.lab import LANDSCAPES, DescentLab
from tui.chapters.ch01_neuron.lab import NeuronLab
from tui.chapters.ch03_softmax.lab import SoftmaxLab

TRIALS = 25


def exercise(chapter: int, key: str):
    return next(e for e in CHAPTERS[chapter - 1].exercises if e.id == key)


def sign_answer(delta: float, tol: float = 1e-12) -> int:
    return 0 if delta > tol else (1 if delta < -tol else 2)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def random_neuron_lab(rng) -> NeuronLab:
    lab = NeuronLab()
    lab.x = rng.normal(0, 2, 2) * rng.integers(0, 2, 2)  # some inputs exactly 0
    act = ACTIVATIONS[rng.choice(list(ACTIVATIONS))]
    lab.neuron = Neuron(w=rng.normal(0, 2, 2), b=rng.normal(0, 3), activation=act)
    return lab


@pytest.mark.parametrize("trial", range(TRIALS))
def test_chapter_1_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = random_neuron_lab(rng)
    assert exercise(1, "raise-w1").check(lab).answer == sign_answer(0.5 * lab.x[0])
    z = float(lab.neuron.w @ lab.x + lab.neuron.b)
    f = lab.neuron.activation.f
    delta = float(f(np.array([z + 1.0]))[0] - f(np.array([z]))[0])
    assert exercise(1, "raise-b").check(lab).answer == sign_answer(delta)
    for ex in CHAPTERS[0].exercises:
        assert ex.prompt(lab) and ex.check(lab).why


@pytest.mark.parametrize("trial", range(200))
def test_chapter_2_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = ActivationLab()
    lab.z = float(rng.choice([0.0, rng.normal(0, 4), rng.uniform(-12, 12)]))
    lab.activation = ACTIVATIONS[rng.choice(list(ACTIVATIONS))]
    s = sigmoid(lab.z)
    d_sig, d_tanh = s * (1 - s), 1 - np.tanh(lab.z) ** 2
    expected = 2 if abs(d_sig - d_tanh) < 1e-12 else (0 if d_sig > d_tanh else 1)
    assert exercise(2, "steeper").check(lab).answer == expected
    h = 1e-6
    f = lab.activation.f
    slope = float((f(np.array([lab.z + h])) - f(np.array([lab.z - h])))[0] / (2 * h))
    if abs(lab.z) > 1e-3:  # away from ReLU's kink, where the finite difference is ambiguous
        assert exercise(2, "saturated").check(lab).answer == (0 if slope < 0.001 else 1)


@pytest.mark.parametrize("trial", range(TRIALS))
def test_chapter_3_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = SoftmaxLab()
    lab.logits = rng.normal(0, 3, 4)
    lab.temperature = float(rng.choice([0.25, 0.5, 1.0, 3.0]))
    assert exercise(3, "shift").check(lab).answer == 1  # softmax(z + c) = softmax(z), always

    def top(t):
        e = np.exp((lab.logits - lab.logits.max()) / t)
        return (e / e.sum()).max()

    expected = sign_answer(top(2 * lab.temperature) - top(lab.temperature))
    assert exercise(3, "temperature").check(lab).answer == expected


@pytest.mark.parametrize("trial", range(TRIALS))
def test_chapter_4_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = CostLab()
    lab.w0, lab.b0 = float(rng.uniform(-6, 3)), float(rng.uniform(-2, 2))
    lab.lr = float(rng.choice([0.1, 0.5, 1.0, 2.0]))
    lab.history = [lab.start()]
    a = sigmoid(lab.w0 + lab.b0)
    g_mse, g_ce = abs(2 * (a - 1) * a * (1 - a)), abs(a - 1)
    expected = 2 if abs(g_mse - g_ce) < 1e-12 else (0 if g_mse > g_ce else 1)
    assert exercise(4, "harder").check(lab).answer == expected

    def after_20(use_ce):
        w, b = lab.w0, lab.b0
        for _ in range(20):
            a = sigmoid(w + b)
            dz = (a - 1) if use_ce else 2 * (a - 1) * a * (1 - a)
            w, b = w - lab.lr * dz, b - lab.lr * dz
        return abs(1 - sigmoid(w + b))

    gm, gc = after_20(False), after_20(True)
    expected = 2 if abs(gm - gc) < 1e-12 else (0 if gm < gc else 1)
    assert exercise(4, "closer").check(lab).answer == expected


@pytest.mark.parametrize("trial", range(TRIALS))
def test_chapter_5_exercises(trial):
    rng = np.random.default_rng(trial)
    lab = DescentLab()
    lab.landscape = LANDSCAPES[trial % 2]
    lab.lr = float(rng.choice([0.05, 0.3, 0.9, 1.5, 4.0]))
    start = lab.start()
    w, b = float(rng.uniform(*lab.landscape.w_range)), float(rng.uniform(*lab.landscape.b_range))
    lab.history = [start.edited("test", neuron=start.neuron.with_params(w=[w], b=b))]
    data, act = lab.landscape.data, lab.landscape.activation

    def cost(p):
        a = act.f(data.X[:, 0] * p[0] + p[1])
        return float(np.mean((a - data.y) ** 2))

    p = np.array([w, b])
    grad = numeric_grad(cost, p)
    after = p - lab.lr * grad
    assert exercise(5, "lower").check(lab).answer == (0 if cost(after) < cost(p) else 1)
    assert exercise(5, "which-way").check(lab).answer == sign_answer(-lab.lr * grad[0], 1e-9)

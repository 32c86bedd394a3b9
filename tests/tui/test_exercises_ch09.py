"""Chapter 9: every exercise agrees with a plain 2-2-1 network written out below, over random
labs, and its challenge's tip frees the stuck run it names (checks of
tests/tui/exercise_checks.py, as for the other chapters)."""

from functools import cache

import numpy as np
import pytest

from tests.tui.exercise_checks import (STATES, check_challenge, check_choice, check_concept,
                                       check_number, exercise)
from tests.tui.reference import sigmoid
from tui.chapters.ch09_xor.lab import XorLab


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


@cache
def chapter_9_labs(n: int = STATES) -> list[XorLab]:
    rng = np.random.default_rng(9)
    labs = []
    for _ in range(n):
        lab = XorLab()
        lab.seed, lab.lr = int(rng.integers(0, 40)), float(rng.choice([0.5, 1.0, 2.0]))
        lab.history = [lab.start()]
        for _ in range(int(rng.integers(0, 60))):
            lab.history.append(lab.advance(lab.current))
        labs.append(lab)
    return labs


def xor_params(lab):
    l1, l2 = lab.current.net.net.layers
    return l1.W, l1.b, l2.W, l2.b


def net_at_one_zero(lab):
    W1, b1, W2, b2 = xor_params(lab)
    h = np.tanh(np.array([1.0, 0.0]) @ W1 + b1)
    return sigmoid(float(h @ W2[:, 0] + b2[0]))


CHAPTER_9_ANSWERS = {
    "net-output": net_at_one_zero,
    "hidden-unit": lambda lab: np.tanh(xor_params(lab)[0][:, 1].sum() + xor_params(lab)[1][1]),
    "neuron-output": lambda lab: sigmoid(lab.current.single.neuron.w[1]
                                         + lab.current.single.neuron.b),
}


@pytest.mark.parametrize("key", sorted(CHAPTER_9_ANSWERS))
def test_chapter_9_number_exercises(key):
    check_number(exercise(9, key), chapter_9_labs(), CHAPTER_9_ANSWERS[key])


def test_chapter_9_net_solves_and_the_concept_check():
    check_choice(exercise(9, "net-solves"), chapter_9_labs()[:30],
                 lambda lab: 0 if plain_xor(xor_params(lab), lab.current.net.lr, 200) == 1 else 1)
    check_concept(exercise(9, "one-line"))


def test_chapter_9_challenge_and_its_tip():
    def run(seed, lr, steps):
        lab = XorLab()
        lab.seed, lab.lr = seed, lr
        lab.history = [lab.start()]
        for _ in range(steps):
            lab.history.append(lab.advance(lab.current))
        return lab

    assert run(1, 1.0, 2000).current.net.accuracy == 0.5  # stuck on 2 of 4, as the goal says
    assert all(run(1, lr, 1000).current.net.accuracy < 1 for lr in (2.0, 4.0, 8.0))

    def solve(lab):
        lab.seed, lab.lr = 1, 6.0
        lab.history.append(lab.start())
        for _ in range(40):
            lab.history.append(lab.advance(lab.current))

    check_challenge(exercise(9, "free-stuck"), run(0, 1.0, 0), solve)


def test_chapter_9_challenge_says_a_stuck_run_must_start_again():
    """The prose has the learner run seed 1 into its stuck state; from there no η frees it (η
    is changed mid-run, keeping the weights), so the tip must send them back to the start (R),
    where the narrow band it names does free it."""
    import dataclasses
    import re

    from core.networks.net_train import net_step, xor_network
    from tui.chapters.ch09_xor.lab import XOR

    challenge = exercise(9, "free-stuck")
    stuck = xor_network(XOR, 1, 1.0)
    for _ in range(100):
        stuck = net_step(stuck)
    band = [5.7, 5.8, 5.9, 6.0]
    for lr in band + [8.0, 16.0]:
        state = dataclasses.replace(stuck, lr=lr)
        for _ in range(1000):
            state = net_step(state)
        assert state.accuracy < 1.0, lr
        fresh = xor_network(XOR, 1, lr)
        for _ in range(120):
            fresh = net_step(fresh)
        assert (fresh.accuracy == 1.0) == (lr in band), lr
    assert "at any time" not in challenge.prompt(XorLab())
    assert re.search(r"\bR\b", challenge.tip) and "5.7 to 6" in challenge.tip

"""Chapters 10–12: every exercise agrees with an independent computation over many random labs.

Expected answers come from plain NumPy (or, for what only training can tell, from core/),
never from the exercise code's own helpers.
"""

import math
import re

import numpy as np
import pytest

from core.networks import bigram as bg
from core.networks.pixel_neuron import pixel_steps
from core.networks.softmax_classifier import classifier_step
from tests.tui.exercise_checks import (check_challenge, check_choice, check_concept,
                                       check_number, check_working)
from tui.book.chapter import CHAPTERS
from tui.book.exercise import Challenge, NumberExercise
from tui.chapters.ch10_pixels.lab import PixelLab
from tui.chapters.ch11_classifier.lab import ClassifierLab
from tui.chapters.ch12_bigram.lab import BigramLab

LABS = 100
"""Random labs per chapter (each exercise is checked on all of them)."""


def exercise(chapter: int, key: str):
    return next(e for e in CHAPTERS[chapter - 1].exercises if e.id == key)


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def test_every_chapter_has_five_exercises_half_typed_and_a_challenge():
    for ch in CHAPTERS[9:12]:
        items = ch.exercises
        typed = sum(isinstance(e, NumberExercise) for e in items)
        assert len(items) >= 5 and typed * 2 >= len(items), ch.number
        assert any(isinstance(e, Challenge) for e in items), ch.number


@pytest.fixture(scope="module")
def pixel_labs():
    rng = np.random.default_rng(10)
    labs = []
    for _ in range(LABS):
        lab = PixelLab()
        lab.digit, lab.seed = int(rng.integers(0, 10)), int(rng.integers(0, 50))
        lab.lr, lab.lam = float(rng.choice([0.5, 1, 2, 4, 8])), float(rng.choice([0, 1e-3, 1e-2]))
        state = lab.start()
        lab.history = [pixel_steps(state, int(rng.integers(0, 60))) or state]
        lab.example = int(rng.integers(0, 1697))
        labs.append(lab)
    return labs


def test_chapter_10_exercises(pixel_labs):
    def without_top(lab):
        s = lab.current
        terms = s.w * lab.x
        return float(s.w @ lab.x + s.b - np.sort(terms[np.argsort(-np.abs(terms))[:3]]).sum())

    def cost(lab):
        s = lab.current
        a = 1 / (1 + np.exp(-(s.w @ lab.x + s.b)))
        return float(-np.log(a) if lab.y == 1 else -np.log(1 - a))

    check_number(exercise(10, "without-top"), pixel_labs, without_top)
    check_number(exercise(10, "cost-here"), pixel_labs, cost)
    check_number(exercise(10, "shrink"), pixel_labs, lambda lab: 1 - lab.current.lr * lab.current.lam)
    check_number(exercise(10, "always-no"), pixel_labs,
                 lambda lab: 100 * float(np.mean(lab.current.task.y_test == 0)))

    def test_cost(lab):
        later = pixel_steps(lab.current, 100)
        d = later.test_cost - lab.current.test_cost
        return 0 if d > 1e-9 * lab.current.test_cost else (1 if d < -1e-9 * lab.current.test_cost else 2)

    check_choice(exercise(10, "test-cost"), pixel_labs[:12] + [overfitted()], test_cost)


def overfitted() -> PixelLab:
    lab = PixelLab()
    lab.history = [pixel_steps(lab.start(), 1000)]
    return lab


def test_chapter_10_challenge():
    def solve(lab):
        lab.lam = 0.001
        lab.history = [pixel_steps(lab.start(), 2000)]

    check_challenge(exercise(10, "keep-it-low"), PixelLab(), solve)
    lab = PixelLab()
    lab.history = [pixel_steps(lab.start(), 2000)]  # λ = 0: it overfits, and fails
    assert not exercise(10, "keep-it-low").score(lab).met


def test_chapter_10_challenge_is_set_where_its_numbers_hold():
    """Its "without λ it climbs to about 0.09" is true of 3s on seed 0's split only: digit 0
    stays far below the goal without λ, and for digit 8 no λ the l key gives reaches it."""
    from tui.chapters.ch10_pixels.exercises import GOAL_COST, GOAL_STEPS

    ch, lab = exercise(10, "keep-it-low"), PixelLab()
    lab.history = [pixel_steps(lab.start(), GOAL_STEPS)]
    about = float(re.search(r"climbs to about (\d\.\d+)", ch.prompt(lab))[1])
    assert round(lab.current.test_cost, 2) == about and f"is it a {lab.digit}?" in ch.prompt(lab)
    assert f"seed {lab.seed}" in ch.prompt(lab)
    lab.digit = 0
    lab.history = [pixel_steps(lab.start(), GOAL_STEPS)]
    assert lab.current.test_cost < GOAL_COST / 2 and not ch.score(lab).met


@pytest.fixture(scope="module")
def classifier_labs():
    rng = np.random.default_rng(11)
    labs = []
    for _ in range(LABS):
        lab = ClassifierLab()
        lab.seed, lab.batch = int(rng.integers(0, 50)), int(rng.choice([1, 8, 32, 100, 1297]))
        lab.lr = float(rng.choice([0.25, 1.0, 2.0]))
        s = lab.start()
        for _ in range(int(rng.integers(0, 40))):
            s = classifier_step(s)
        lab.history = [s]
        lab.example = int(rng.integers(0, 500))
        labs.append(lab)
    return labs


def test_chapter_11_epoch_steps_wants_the_whole_count():
    """1,297 / 32 = 40.53 is the division, not the count: a part batch still takes a step, so an
    epoch is 41 steps, and 40.53 is refused though it rounds to 41 (as 12.97 for batches of 100)."""
    ex, lab = exercise(11, "epoch-steps"), ClassifierLab()
    for batch, steps in ((32, 41), (100, 13), (8, 163)):
        lab.batch = batch
        lab.history = [lab.start()]
        assert ex.judge(lab, steps)[0] and not ex.judge(lab, 1297 / batch)[0], batch
        assert not ex.judge(lab, steps - 1)[0] and not ex.judge(lab, steps + 0.4)[0]


def test_chapter_11_exercises(classifier_labs):
    def logits(lab):
        s = lab.current
        return s.data.X_test[lab.example] @ s.W + s.b

    def raise_second(lab):
        z = logits(lab)
        k = int(np.argsort(-z, kind="stable")[1])
        z2 = z.copy()
        z2[k] += 1
        return float(softmax(z2)[k])

    def grad_bias(lab):
        z, y = logits(lab), int(lab.current.data.y_test[lab.example])
        order = np.argsort(-z, kind="stable")
        k = int(order[1] if order[0] == y else order[0])
        return float(softmax(z)[k] - (k == y))

    check_number(exercise(11, "raise-second"), classifier_labs, raise_second)
    check_number(exercise(11, "cost-here"), classifier_labs,
                 lambda lab: float(-np.log(softmax(logits(lab))[lab.current.data.y_test[lab.example]])))
    check_number(exercise(11, "epoch-steps"), classifier_labs,
                 lambda lab: float(math.ceil(1297 / lab.current.batch)))
    check_number(exercise(11, "grad-bias"), classifier_labs, grad_bias)


def test_chapter_11_challenge():
    def solve(lab):
        s = lab.current
        for _ in range(369):  # nine epochs of 41 batches
            s = classifier_step(s)
        lab.history = [s]

    check_challenge(exercise(11, "accurate"), ClassifierLab(), solve)


@pytest.fixture(scope="module")
def bigram_labs():
    rng = np.random.default_rng(12)
    labs = []
    for _ in range(LABS):
        lab = BigramLab()
        s = lab.current
        W = rng.normal(0, float(rng.choice([0.5, 2.0])), (27, 27))
        lab.history = [bg.BigramState(s.names, s.train, W, s.lr, s.lam)]
        lab.letter, lab.seed = int(rng.integers(0, 27)), int(rng.integers(0, 1000))
        labs.append(lab)
    return labs


def test_chapter_12_exercises(bigram_labs):
    def from_logits(lab):
        row = lab.current.W[lab.letter]
        k = int(np.argsort(-softmax(row), kind="stable")[1])
        return float(np.exp(row[k]) / np.exp(row).sum())

    def smoothed(lab):
        names = lab.current.names
        n = np.zeros((27, 27))
        np.add.at(n, (names.xs, names.ys), 1)
        row = n[lab.letter]
        return float((row.max() + 1) / (row.sum() + 27))

    check_number(exercise(12, "from-logits"), bigram_labs, from_logits)
    check_number(exercise(12, "smoothed"), bigram_labs, smoothed)
    uniform = exercise(12, "uniform")
    right, solution = uniform.judge(bigram_labs[0], 3.296)
    assert right and not uniform.judge(bigram_labs[0], 3.29)[0]
    assert "Concept check" in uniform.prompt(None)
    check_working("uniform", solution.working)
    check_concept(exercise(12, "after-q"))
    names = bigram_labs[0].current.names
    after_q = names.table[bg.ALPHABET.index("q")]
    assert after_q.argmax() == bg.ALPHABET.index("u")
    u, i, a = (int(after_q[bg.ALPHABET.index(c)]) for c in "uia")
    told = " ".join(exercise(12, "after-q").working)  # the counts it states are the data's
    assert f"by u {u} times" in told and ("by i once" in told) == (i == 1)
    assert ("by a never" in told) == (a == 0)

    trained = BigramLab()
    s = trained.current
    for _ in range(1000):
        s = bg.bigram_step(s, grouped=True)
    trained.history = [s]
    trained.seed = 0

    def same(lab):
        net = bg.sample(lab.current.probs, lab.seed)
        return 0 if net == bg.sample(lab.current.names.count_model, lab.seed) else 1

    check_choice(exercise(12, "same-names"), bigram_labs[:5] + [trained], same)


def test_chapter_12_smoothed_names_the_symbol_it_asks_about():
    """After most letters the commonest next symbol is '.', the end of a name, not a letter: a
    question about "the letter that most often follows" sent the learner to the wrong row."""
    ex, lab = exercise(12, "smoothed"), BigramLab()
    for letter in range(27):
        lab.letter = letter
        row = lab.counts.table[letter]
        k = int(np.argmax(row))
        told = ex.prompt(lab)
        assert "letter that" not in told
        symbol = "the end of a name (.)" if bg.ALPHABET[k] == "." else bg.ALPHABET[k]
        assert f"the commonest next symbol is {symbol}: {int(row[k]):,} of the " in told, told


def test_chapter_12_challenge():
    def solve(lab):
        s = lab.current
        for _ in range(200):
            s = bg.bigram_step(s, grouped=True)
        lab.history = [s]

    check_challenge(exercise(12, "close"), BigramLab(), solve)

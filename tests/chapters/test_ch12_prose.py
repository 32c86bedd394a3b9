"""Every number chapter 12's prose states, computed from core/."""

import math

import numpy as np
import pytest

from core.data.names import load_names
from core.networks.bigram import ALPHABET, bigram_step, layer_loss_and_grad, sample, start_state
from core.networks.pixel_neuron import gradient
from tui.book.chapter import CHAPTERS
from tui.chapters.ch12_bigram.lab import bigram_data

PROSE = CHAPTERS[11].prose()


def say(text: str) -> None:
    assert text in PROSE, f"chapter 12 should say {text!r}"


def run(lam: float, until: int, lr: float = 50.0) -> dict:
    names, train = bigram_data()
    s = start_state(names, train, lr, lam)
    out = {0: s}
    while s.steps < until:
        for _ in range(10):
            s = bigram_step(s, grouped=True)  # the layer's step, grouped by first symbol
        out[s.steps] = s
    return out


def test_the_grouped_steps_are_the_labs():
    names, train = bigram_data()
    lab = start_state(names, train, 50.0, 0.0)
    for _ in range(30):
        lab = bigram_step(lab)
    assert np.max(np.abs(lab.W - run(0.0, 30)[30].W)) < 1e-12


@pytest.fixture(scope="module")
def trained():
    return run(0.0, 2000)


def all_same(state, seeds=range(100)) -> int:
    counts = state.names.count_model
    return sum(sample(state.probs, s) == sample(counts, s) for s in seeds)


def test_the_data_and_the_counts():
    names, _ = bigram_data()
    say(f"{len(load_names()):,} first names")
    say(f"The names hold {names.n:,} bigrams")
    t = names.table
    order = np.argsort(-t, axis=None)[:3]
    pairs = [(ALPHABET[i] + ALPHABET[j], t[i, j]) for i, j in zip(*np.unravel_index(order, t.shape))]
    (a, na), (b, nb), (c, nc) = pairs
    say(f"most common is `{a}` ({na:,} names\nend in a), then `{b}` ({nb:,}) and `{c}` ({nc:,})")
    say(f"For the\ncounts it is {names.count_loss:.4f}")
    say(f"ln 27 = {math.log(27):.4f}")


def test_training(trained):
    gap = lambda s: s.loss - s.names.count_loss  # noqa: E731
    say(f"loss is ln 27 = {trained[0].loss:.4f}")
    say(f"(100 steps) the loss is {trained[100].loss:.4f}, {gap(trained[100]):.4f} above")
    first = min(k for k in trained if gap(trained[k]) < 0.01)
    say(f"within 0.01 of them after {first} steps")
    say(f"after 1,000 steps within {gap(trained[1000]):.4f}")
    far = np.abs(trained[1000].probs - trained[1000].names.count_model).max()
    say(f"no\nprobability more than {far:.4f} away")


def test_sampled_names(trained):
    counts = trained[0].names.count_model
    same = lambda s: sum(a == b for a, b in zip(sample(s.probs, 0), sample(counts, 0)))  # noqa: E731
    say(f"At 100 steps only {same(trained[100])} of the 10 names from seed 0 agree")
    assert all(same(trained[k]) == 10 for k in range(500, 2001, 100))
    say(f"at step 1,000, {all_same(trained[1000])} of the\nseeds 0 to 99")
    say(f"at step 2,000, {all_same(trained[2000])} do")


def test_a_long_name_is_cut_where_the_prose_says():
    """About one sampled name in 35 runs on past the cap: the prose must say where and how."""
    import inspect

    cap = inspect.signature(sample).parameters["max_len"].default
    counts = bigram_data()[0].count_model
    cut = [n for s in range(40) for n in sample(counts, s) if n.endswith("…")]
    assert cut and all(len(n) == cap + 1 for n in cut)
    say(f"a name still going after {cap} letters is cut\nthere and ends in …")


def test_l2_is_another_smoothing():
    s = run(0.01, 1000)[1000]
    say(f"after 1,000 steps the loss is {s.loss:.4f}, and only {all_same(s)} of the seeds")


def test_too_large_a_step():
    """η = 200 from the start, press by press: the loss does not climb and stay above ln 27;
    it jumps about, above ln 27 at some presses only, and never comes near the counts'."""
    states = run(0.0, 300, lr=200.0)
    losses = np.array([states[k].loss for k in range(10, 301, 10)])
    above = int(np.sum(losses > math.log(27)))
    assert 0 < above < losses.size // 2
    assert np.ptp(losses[-10:]) > 0.2 and losses[5:].min() > states[0].names.count_loss + 0.2
    say("the loss jumps about from press to press, now and\n  then above ln 27, and never settles")


def test_its_lambda_is_weaker_than_chapter_10s():
    """The pull of each λ on a weight, read off each core's gradient: ch12's λ·mean(W²) adds
    (2λ/729)·W, chapter 10's (λ/2)·Σ wᵢ² adds λw."""
    rng = np.random.default_rng(0)
    W = rng.normal(size=(27, 27))
    train = bigram_data()[1]
    pull = (layer_loss_and_grad(W, train, 0.01)[2] - layer_loss_and_grad(W, train, 0.0)[2]) / W
    w, X, y = rng.normal(size=64), rng.normal(size=(5, 64)), np.array([0.0, 1, 0, 1, 1])
    pull10 = (gradient(w, 0.0, X, y, 0.01)[0] - gradient(w, 0.0, X, y, 0.0)[0]) / w
    assert np.allclose(pull, pull[0, 0], rtol=1e-9) and np.allclose(pull10, pull10[0], rtol=1e-9)
    assert "(λ/2)·Σ wᵢ²" in CHAPTERS[9].prose() and pull10[0] == pytest.approx(0.01)
    assert "(λ/2)·Σ wᵢ² adds λw to each weight's gradient" in " ".join(PROSE.split())
    assert pull[0, 0] == pytest.approx(2 * 0.01 / W.size)
    flat = " ".join(PROSE.split())
    for text in (f"divides Σ W² by the {W.size} weights, so the term adds (2λ/{W.size})·W",
                 f"λ = 0.01 here pulls on each weight as λ = {pull[0, 0]:.7f} would in chapter 10",
                 f"{pull10[0] / pull[0, 0]:.1f} times more gently than chapter 10's λ = 0.01"):
        assert text in flat, f"chapter 12 should say {text!r}"

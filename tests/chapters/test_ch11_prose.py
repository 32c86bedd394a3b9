"""Every number chapter 11's prose states, computed from core/."""

import math

import numpy as np
import pytest

from core.networks.softmax_classifier import classifier_step, digit_split, start_state
from core.neuron.softmax import softmax
from tui.book.chapter import CHAPTERS

PROSE = CHAPTERS[10].prose()


def say(text: str) -> None:
    assert text in PROSE, f"chapter 11 should say {text!r}"


def epochs(batch: int, count: int):
    """The state at the start of every epoch (and the end of the last) from the defaults."""
    s = start_state(digit_split(0), 1.0, batch)
    out = [s]
    while s.epoch < count:
        s = classifier_step(s)
        if s.position == 0:
            out.append(s)
    return out


@pytest.fixture(scope="module")
def default():
    return epochs(32, 10)


def test_the_split_and_the_start(default):
    s = default[0]
    assert s.data.y_train.size == 1297 and s.data.y_test.size == 500
    assert np.allclose(softmax(s.b), 0.1)
    say(f"cost is ln 10 = {s.train_cost:.3f}")
    assert s.train_cost == pytest.approx(math.log(10))


def test_batches_of_32(default):
    say(f"an epoch is {default[1].steps} steps")
    say(f"After one epoch, {default[1].test_accuracy:.1%} of the test images")
    say(f"after ten epochs ({default[10].steps} steps), {default[10].test_accuracy:.1%}, "
        f"with a test cost of {default[10].test_cost:.3f}")


def test_the_whole_batch_and_a_batch_of_one():
    full = epochs(1297, 10)
    assert full[10].steps == 10
    say(f"only {full[10].test_accuracy:.1%} are right")
    one = epochs(1, 3)
    say(f"back up at {one[3].train_cost:.3f}, from {one[2].train_cost:.3f} one epoch earlier")
    assert one[3].train_cost > one[2].train_cost


def test_the_gradient_is_p_minus_y():
    rng = np.random.default_rng(0)
    z, y = rng.normal(size=10), 3
    cost = lambda v: -np.log(softmax(v)[y])  # noqa: E731
    h = 1e-6
    numeric = [(cost(z + h * e) - cost(z - h * e)) / (2 * h) for e in np.eye(10)]
    assert np.allclose(numeric, softmax(z) - np.eye(10)[y], atol=1e-8)

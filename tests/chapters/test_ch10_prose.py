"""Every number chapter 10's prose states, computed from core/ (a change to the core that moves
one fails here, naming the sentence to fix)."""

import numpy as np
import pytest

from core.data.digits import load_digits
from core.networks.pixel_neuron import pixel_steps, pixel_task, start_state
from tui.book.chapter import CHAPTERS

PROSE = CHAPTERS[9].prose()
PER_KEY, LR = 10, 4.0


def say(text: str) -> None:
    assert text in PROSE, f"chapter 10 should say {text!r}"


def run(digit: int, lam: float, until: int):
    """Snapshots every 10 steps from zero weights, as the lab's s key takes them."""
    s = start_state(pixel_task(digit, 0), LR, lam)
    out = {0: s}
    while s.steps < until:
        s = pixel_steps(s, PER_KEY)
        out[s.steps] = s
    return out


@pytest.fixture(scope="module")
def three():
    return run(3, 0.0, 4000)


def test_the_split_and_the_start(three):
    s = three[0]
    assert s.task.y_train.size == 100 and s.task.y_test.size == 1697
    say(f"of which {s.task.y_train.sum():.0f} are threes")
    say(f"cost\nis ln 2 = {s.train_cost:.3f}")
    say(f"already right on {1 - s.task.y_test.mean():.1%} of the test images")


def test_after_ten_presses(three):
    s = three[100]
    assert s.train_accuracy == 1.0
    say(f"the training cost is {s.train_cost:.3f} and all 100 training images are right")
    say(f"test cost is {s.test_cost:.3f}")
    say(f"{s.test_accuracy:.1%} of test images are right")
    d = load_digits()
    is3 = d.labels == 3
    contrast = d.inputs[is3].mean(0) - d.inputs[~is3].mean(0)
    assert np.corrcoef(s.w, contrast)[0, 1] > 0.5  # blue where threes ink, red where others do


def test_overfitting(three):
    say(f"to {three[2000].train_cost:.3f} by step 2,000")
    best = min(three, key=lambda k: three[k].test_cost)
    assert 150 <= best <= 170
    say(f"lowest, {three[best].test_cost:.3f}, around step 160")
    say(f"risen to\n{three[4000].test_cost:.3f}")
    say(f"from {np.abs(three[200].w).max():.2f} at step 200 to {np.abs(three[4000].w).max():.2f}")
    say(f"({three[4000].test_accuracy:.1%} at step 4,000)")


def test_a_harder_digit():
    eight = run(8, 0.0, 4000)
    say(f"rises from {eight[100].test_cost:.3f} at step 100 to {eight[4000].test_cost:.3f}")
    say(f"falls\nfrom {eight[100].test_accuracy:.1%} to {eight[4000].test_accuracy:.1%}")
    assert eight[4000].test_accuracy < eight[100].test_accuracy


def test_the_penalty(three):
    small, large = run(3, 0.001, 4000)[4000], run(3, 0.01, 4000)[4000]
    say(f"test cost is {small.test_cost:.3f}\ninstead of {three[4000].test_cost:.3f}")
    say(f"largest weight is {np.abs(small.w).max():.2f} instead of {np.abs(three[4000].w).max():.2f}")
    say(f"the training cost is still {large.train_cost:.3f} and the test cost {large.test_cost:.3f}")
    say(f"with {large.test_accuracy:.1%} of test images right")
    # Underfitting here is a loose fit, not wrong answers: every training image is still right.
    assert large.train_accuracy == 1.0 and large.train_cost > 5 * small.train_cost
    say("all 100 are still\nright, but far less surely")


def test_the_sum_line_writes_the_terms_largest_in_size(three):
    """The lab picks the three terms by |wᵢxᵢ|: on the first test image after 100 steps two of
    them are negative, so 'the three largest wᵢxᵢ' would not describe what is on screen."""
    from tui.chapters.ch10_pixels.sum_line import TOP, sum_parts

    s = three[100]
    terms = s.w * s.task.X_test[0]
    top = sum_parts(terms, s.b, float(terms.sum() + s.b))[0]
    assert len(top) == TOP and min(top) < 0 < max(top)
    assert sorted(top, reverse=True) != sorted(terms, reverse=True)[:TOP]
    say(f"the {['one', 'two', 'three'][TOP - 1]} wᵢxᵢ largest in size\n(|wᵢxᵢ|), then the other {64 - TOP}")


def test_the_largest_preset_of_l():
    """λ = 0.1, the last value l gives: at η = 4 the steps never settle (the cost curve jumps
    about, which a learner would otherwise take for a fault); at η = 1 they settle on a neuron
    that says no to every image."""
    from tui.chapters.ch10_pixels.lab import LAMBDA_PRESETS

    lam = max(LAMBDA_PRESETS)
    s = start_state(pixel_task(3, 0), LR, lam)
    costs = []
    for _ in range(400):
        s = pixel_steps(s, PER_KEY)
        costs.append(s.train_cost)
    late = costs[300:]
    say(f"The last of **l**'s settings, λ = {lam:g}")
    say(f"jumps between about {min(late):.1f} and {max(late):.1f} from press to press")
    assert max(late) - min(late) > 0.5
    calm = pixel_steps(start_state(pixel_task(3, 0), 1.0, lam), 4000)
    later = pixel_steps(calm, PER_KEY)
    assert abs(later.train_cost - calm.train_cost) < 1e-9
    task = calm.task
    assert np.all(task.X_test @ calm.w + calm.b < 0) and np.all(task.X_train @ calm.w + calm.b < 0)
    say("Lower η to 1 and they settle, on a neuron that says *no* to every image")

"""Undo returns exactly to the previous state; the cost curve follows."""

import numpy as np

from core.activations import ACTIVATIONS
from core.datasets import get_dataset
from core.history import History
from core.losses import BCE
from core.train import new_state, step


def _start():
    return new_state(get_dataset("or"), ACTIVATIONS["sigmoid"], BCE, 0.5, seed=0)


def test_undo_restores_the_exact_previous_state():
    h = History(_start())
    for _ in range(3):
        h.push(step(h.current))
    before = h.current
    w, b = before.neuron.w.copy(), before.neuron.b
    h.push(step(before))
    assert h.undo() is before
    assert np.array_equal(h.current.neuron.w, w) and h.current.neuron.b == b
    assert h.curve()[0] == [0, 1, 2, 3]


def test_undo_at_the_start_stays_put():
    h = History(_start())
    first = h.current
    assert not h.can_undo and h.undo() is first


def test_limit_drops_oldest_states_but_keeps_undo_working():
    h = History(_start(), limit=3)
    for _ in range(10):
        h.push(step(h.current))
    assert len(h) == 3 and h.current.steps == 10
    h.undo()
    h.undo()
    assert h.current.steps == 8 and not h.can_undo


def test_reset_starts_a_new_run_of_the_curve_and_undo_brings_the_old_one_back():
    h = History(_start())
    h.push(step(h.current))
    h.push(step(h.current))
    h.push(_start().edited("reset"))
    assert h.curve()[0] == [0]
    h.undo()
    assert h.curve()[0] == [0, 1, 2]

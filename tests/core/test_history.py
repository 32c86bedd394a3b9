"""Undo returns exactly to the previous state; the cost curve follows."""

import numpy as np

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import get_dataset
from core.neuron.history import History
from core.neuron.losses import BCE
from core.neuron.train import new_state, step


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


def test_a_long_history_on_a_large_dataset_keeps_only_the_current_step_record():
    import tracemalloc

    from core.data.datasets import Dataset
    from core.neuron.history import LARGE_BATCH

    rng = np.random.default_rng(0)
    n = 20 * LARGE_BATCH
    data = Dataset("big", "big", rng.normal(size=(n, 2)), (rng.random(n) < 0.5), "bce", "")
    h = History(new_state(data, ACTIVATIONS["sigmoid"], BCE, 0.5, seed=0))
    tracemalloc.start()
    for _ in range(50):
        h.push(step(h.current))
    grown, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert h.current.last is not None and all(s.last is None for s in h.states[:-1])
    assert grown < 2 * 4 * 8 * n  # a couple of records' worth, not fifty (~32 MB)
    h.undo()
    assert h.current.steps == 49 and h.current.neuron.w.size == 2

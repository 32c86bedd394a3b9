"""The buffer pool hands a buffer out again only when nothing else refers to it."""

import numpy as np

from core.numerics import workspace
from core.neuron.activations import SIGMOID
from core.data.datasets import Dataset
from core.neuron.losses import BCE
from core.neuron.neuron import Neuron
from core.neuron.train import TrainState, plan_step, step

N = workspace.MIN_SIZE * 2


def test_a_free_buffer_is_reused_and_a_held_one_never():
    assert workspace._FREE is not None  # pooling is on for this interpreter
    first = workspace.take(N)
    first_id = id(first)
    held = workspace.take(N)
    assert held is not first
    del first
    again = workspace.take(N)
    assert id(again) == first_id  # reused
    view = again[1:]
    del again
    fresh = workspace.take(N)
    assert fresh is not view.base and fresh is not held  # a view keeps its buffer


def test_records_never_share_buffers():
    rng = np.random.default_rng(0)
    data = Dataset("big", "big", rng.normal(size=(N, 3)), rng.random(N) < 0.5, "bce", "")
    s = TrainState(neuron=Neuron(w=[0.1, -0.2, 0.3], b=0.0, activation=SIGMOID), data=data,
                   loss=BCE, lr=0.5)
    one = plan_step(s)
    z1, a1, d1 = one.z.copy(), one.a.copy(), one.delta.copy()
    later = step(step(s))  # more steps, made while ``one`` is alive
    two = plan_step(later)
    assert np.array_equal(one.z, z1) and np.array_equal(one.a, a1) and np.array_equal(one.delta, d1)
    buffers = {id(x.base if x.base is not None else x) for r in (one, two) for x in (r.z, r.a, r.delta)}
    assert len(buffers) == 6


def test_small_arrays_bypass_the_pool():
    assert workspace.take(10).shape == (10,) and 10 not in workspace._pools

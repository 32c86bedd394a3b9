"""Seeded normal draws: reproducible, normal, finite, and light enough for the lab's start."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from core.numerics import seeded
from core.neuron.neuron import init_neuron
from core.neuron.activations import SIGMOID


def test_the_same_seed_gives_the_same_values_and_another_seed_others():
    assert np.array_equal(seeded.normal(5, 9), seeded.normal(5, 9))
    assert not np.allclose(seeded.normal(5, 9), seeded.normal(6, 9))
    assert np.array_equal(seeded.normal(5, 9)[:4], seeded.normal(5, 9)[:4])


@pytest.mark.parametrize("size", [0, 1, 2, 7, 8])
def test_any_size_comes_back_whole_and_finite(size):
    values = seeded.normal(11, size, sd=0.5)
    assert values.shape == (size,) and np.all(np.isfinite(values))


def test_uniform_values_lie_in_the_half_open_unit_interval():
    u = seeded.uniform(3, 100_000)
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.005


def test_the_draws_follow_the_normal_distribution():
    n = 100_000
    values = np.sort(seeded.normal(1, n, sd=2.0)) / 2.0
    phi = np.array([0.5 * (1.0 + math.erf(v / math.sqrt(2.0))) for v in values[::50]])
    empirical = (np.arange(n)[::50] + 0.5) / n
    assert np.max(np.abs(empirical - phi)) < 0.01  # Kolmogorov–Smirnov distance
    assert abs(values.mean()) < 0.02 and abs(values.std() - 1.0) < 0.02


def test_a_neuron_starts_with_weights_of_spread_one_over_root_d():
    w = np.concatenate([init_neuron(8, SIGMOID, seed).w for seed in range(2000)])
    assert abs(w.std() - 1.0 / math.sqrt(8)) < 0.01


def test_the_lab_starts_without_loading_numpy_random():
    code = ("import sys; from tui.lab.start import default_lab_state; default_lab_state(); "
            "import tui.lab.screen; "
            "assert 'numpy.random' not in sys.modules, 'numpy.random was loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)

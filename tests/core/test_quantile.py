"""The quantile chapters 7 and 8 draw their axes with: NumPy's digits, without numpy.ma."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from core.numerics.quantile import quantile


def same(x: float, y: float) -> bool:
    """Equal to the last bit, the sign of zero included, or both nan."""
    return (x == y and np.signbit(x) == np.signbit(y)) or (np.isnan(x) and np.isnan(y))


def test_every_quantile_is_numpys_to_the_last_bit():
    rng = np.random.default_rng(7)
    for trial in range(1500):
        n = int(rng.integers(1, 200))
        v = rng.standard_normal(n) * 10.0 ** int(rng.integers(-8, 8))
        kind = trial % 5
        if kind == 1:
            v = np.abs(v)
        elif kind == 2:  # ties and signed zeros
            v = np.round(v) * rng.choice([-0.0, 1.0])
        elif kind == 3:
            v[rng.integers(n)] = np.inf
        elif kind == 4:
            v[rng.integers(n)] = np.nan
        for q in (0.0, 0.5, 0.99, 1.0, float(rng.random())):
            with np.errstate(invalid="ignore"):  # inf − inf, as NumPy's own warns
                assert same(quantile(v, q), float(np.quantile(v, q))), (v, q)


def test_it_leaves_the_values_as_they_were():
    v = np.array([3.0, 1.0, 2.0])
    quantile(v, 0.5)
    assert v.tolist() == [3.0, 1.0, 2.0]


@pytest.mark.parametrize("values, q", [([], 0.5), ([1.0], -0.1), ([1.0], 1.5)])
def test_no_values_or_a_q_outside_0_to_1_is_refused(values, q):
    with pytest.raises(ValueError):
        quantile(np.array(values), q)


def test_it_does_not_load_numpy_ma():
    probe = ("import sys, numpy as np\n"
             "from core.numerics.quantile import quantile\n"
             "quantile(np.arange(10.0), 0.99)\n"
             "print('numpy.ma' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "False"

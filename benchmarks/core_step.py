"""Core throughput: one full-batch gradient step against its unavoidable kernels, and against
the same step written as a pure-Python loop over scalars.

Run from the repository root:  python benchmarks/core_step.py [--n 100000] [--d 8] [--repeat 30]

The kernels a sigmoid + cross-entropy step cannot avoid are one X @ w, one np.exp over the n
pre-activations and one δ @ X. Each is timed in the same run as the step (best of --repeat),
so the ratios hold on a busy machine.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.activations import SIGMOID  # noqa: E402
from core.datasets import Dataset  # noqa: E402
from core.losses import BCE  # noqa: E402
from core.neuron import Neuron  # noqa: E402
from core.train import TrainState, step  # noqa: E402


def python_step(X: list[list[float]], y: list[float], w: list[float], b: float,
                lr: float) -> tuple[list[float], float]:
    """The same step, one scalar at a time: what the vectorised core replaces."""
    n, d = len(X), len(w)
    gw, gb = [0.0] * d, 0.0
    for xi, yi in zip(X, y):
        z = b + sum(wj * xj for wj, xj in zip(w, xi))
        a = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        dz = (a - yi) / n
        for j in range(d):
            gw[j] += dz * xi[j]
        gb += dz
    return [wj - lr * g for wj, g in zip(w, gw)], b - lr * gb


def best(fn, repeat: int) -> float:
    """Best time of ``repeat`` runs, in milliseconds."""
    return min(timeit.repeat(fn, number=1, repeat=repeat)) * 1000


def main() -> None:
    """Time the kernels, the step and the Python loop; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--d", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(args.n, args.d))
    y = (rng.random(args.n) < 0.5).astype(float)
    w = rng.normal(size=args.d) * 0.1
    state = TrainState(neuron=Neuron(w=w, b=0.0, activation=SIGMOID),
                       data=Dataset("bench", "bench", X, y, "bce", "benchmark"), loss=BCE, lr=0.1)
    z = X @ w
    kernels = {"X @ w": best(lambda: X @ w, args.repeat),
               "np.exp(z)": best(lambda: np.exp(z), args.repeat),
               "δ @ X": best(lambda: z @ X, args.repeat)}
    step_ms = best(lambda: step(state), args.repeat)
    Xl, yl, wl = X.tolist(), y.tolist(), w.tolist()
    python_ms = best(lambda: python_step(Xl, yl, wl, 0.0, 0.1), 3)
    total = sum(kernels.values())
    print(f"{os.cpu_count()} cores · {args.n} examples × {args.d} features · float64 · best of "
          f"{args.repeat}")
    for name, ms in kernels.items():
        print(f"  kernel {name:10} {ms:8.2f} ms")
    print(f"  kernels together   {total:8.2f} ms")
    print(f"  core step          {step_ms:8.2f} ms   = {step_ms / total:.2f} × the kernels")
    print(f"  pure-Python step   {python_ms:8.1f} ms   = {python_ms / step_ms:.0f} × the core step")


if __name__ == "__main__":
    main()

"""Core throughput: one full-batch gradient step against its unavoidable kernels, and against
the same step written as a pure-Python loop over scalars.

Run from the repository root:
    python benchmarks/core_step.py [--n 100000] [--d 8] [--repeat 20] [--rounds 15]

The kernels a sigmoid + cross-entropy step cannot avoid are one X @ w, one np.exp over the n
pre-activations and one δ @ X. Each round times the kernels and the step back to back (best of
--repeat each) and takes their ratio; the figure is the median over --rounds rounds, so a burst
of load on a shared machine moves one round, not the answer.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.neuron.activations import SIGMOID  # noqa: E402
from core.data.datasets import Dataset  # noqa: E402
from core.neuron.losses import BCE  # noqa: E402
from core.neuron.neuron import Neuron  # noqa: E402
from core.neuron.train import TrainState, step  # noqa: E402


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


def bare_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float,
              out: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, float]:
    """The fewest NumPy passes a stable step can make, into buffers made once, keeping no
    record: how close plain NumPy gets to its kernels on this machine."""
    z, t = out
    np.matmul(X, w, out=z)
    np.add(z, b, out=z)
    np.negative(z, out=t)
    np.exp(t, out=t)
    np.add(t, 1.0, out=t)
    np.divide(1.0, t, out=t)
    np.subtract(t, y, out=t)
    n = len(y)
    return w - lr * (t @ X) / n, b - lr * float(np.sum(t)) / n


def best(fn, repeat: int) -> float:
    """Best time of ``repeat`` runs, in milliseconds."""
    return min(timeit.repeat(fn, number=1, repeat=repeat)) * 1000


def main() -> None:
    """Time the kernels, the step and the Python loop; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--d", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(args.n, args.d))
    y = (rng.random(args.n) < 0.5).astype(float)
    w = rng.normal(size=args.d) * 0.1
    state = TrainState(neuron=Neuron(w=w, b=0.0, activation=SIGMOID),
                       data=Dataset("bench", "bench", X, y, "bce", "benchmark"), loss=BCE, lr=0.1)
    z = X @ w
    fns = {"X @ w": lambda: X @ w, "np.exp(z)": lambda: np.exp(z), "δ @ X": lambda: z @ X}
    buffers = (np.empty(args.n), np.empty(args.n))
    bare = lambda: bare_step(X, y, w, 0.0, 0.1, buffers)  # noqa: E731
    rounds = [{name: best(fn, args.repeat) for name, fn in fns.items()}
              | {"step": best(lambda: step(state), args.repeat), "bare": best(bare, args.repeat)}
              for _ in range(args.rounds)]
    ratios = [r["step"] / sum(r[name] for name in fns) for r in rounds]
    bare_ratios = [r["bare"] / sum(r[name] for name in fns) for r in rounds]
    Xl, yl, wl = X.tolist(), y.tolist(), w.tolist()
    python_ms = best(lambda: python_step(Xl, yl, wl, 0.0, 0.1), 3)
    med = {name: statistics.median(r[name] for r in rounds) for name in (*fns, "step", "bare")}
    print(f"{os.cpu_count()} cores · {args.n} examples × {args.d} features · float64 · medians "
          f"over {args.rounds} rounds of best-of-{args.repeat}")
    for name in fns:
        print(f"  kernel {name:10} {med[name]:8.2f} ms")
    print(f"  kernels together   {sum(med[name] for name in fns):8.2f} ms")
    print(f"  core step          {med['step']:8.2f} ms   = {statistics.median(ratios):.2f} × the "
          f"kernels (rounds: {min(ratios):.2f}–{max(ratios):.2f})")
    print(f"  bare NumPy step    {med['bare']:8.2f} ms   = {statistics.median(bare_ratios):.2f} × the "
          f"kernels (no record, buffers made once: the floor)")
    print(f"  pure-Python step   {python_ms:8.1f} ms   = {python_ms / med['step']:.0f} × the "
          f"core step")


if __name__ == "__main__":
    main()

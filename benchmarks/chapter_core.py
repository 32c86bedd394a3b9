"""Chapters 11 and 12's training steps against their unavoidable kernels, timed in one run.

Run from the repository root:
    python benchmarks/chapter_core.py [--repeat 20] [--rounds 15]

Bigram (chapter 12): one full-batch step of the 27-neuron layer over every bigram of the
bundled names (and the 729 "+1" bigrams), against the sum of the three kernels it cannot
avoid on that many rows: the gather of W's rows, the exp over the n×27 logits and the
scatter-add of the gradient rows. Target: the step at most 2× that sum.

Classifier (chapter 11): one full-batch step of the 64×10 softmax layer on the training split,
and one mini-batch step of 32, against their kernels: X @ W, the exp over the logits and
Xᵀ @ δ. Each round times kernels and steps back to back (best of --repeat); the figure is the
median ratio over --rounds rounds, with min and max.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.data.names import load_names  # noqa: E402
from core.networks import bigram as bg  # noqa: E402
from core.networks import softmax_classifier as sc  # noqa: E402


def best(fn, repeat: int) -> float:
    """Best time of ``repeat`` runs, in milliseconds."""
    return min(timeit.repeat(fn, number=1, repeat=repeat)) * 1000


def bigram_round(repeat: int) -> tuple[float, float]:
    """(step ms, kernels ms) for one round."""
    names = bg.Bigrams.of(load_names())
    train = bg.Bigrams.of(load_names(), one_of_each=True)
    state = bg.start_state(names, train, lr=50.0, lam=0.0)
    for _ in range(20):  # away from W = 0, where every row is alike
        state = bg.bigram_step(state)
    W, xs, n = state.W, train.xs, train.n
    buf, out = np.empty((n, bg.V)), np.empty((n, bg.V))
    np.take(W - W.max(axis=1, keepdims=True), xs, axis=0, out=buf)  # the step's logits, ≤ 0
    kernels = (best(lambda: np.take(W, xs, axis=0, out=out), repeat)
               + best(lambda: np.exp(buf, out=out), repeat)
               + best(lambda: np.bincount(train.scatter_index, weights=buf.reshape(-1),
                                          minlength=bg.V * bg.V), repeat))
    step = best(lambda: bg.layer_loss_and_grad(W, train, 0.0), repeat)
    return step, kernels


def classifier_round(repeat: int, batch: int | None) -> tuple[float, float]:
    """(step ms, kernels ms) for a step on ``batch`` images (None: the whole training split)."""
    data = sc.digit_split(0)
    state = sc.start_state(data, lr=1.0, batch=batch or data.y_train.size)
    for _ in range(5):
        state = sc.classifier_step(state)
    rows = state.next_batch()
    X, W = data.X_train[rows], state.W
    z = np.empty((rows.size, 10))
    delta = np.empty((rows.size, 10))
    kernels = (best(lambda: np.matmul(X, W, out=z), repeat)
               + best(lambda: np.exp(z, out=delta), repeat)
               + best(lambda: X.T @ delta, repeat))
    step = best(lambda: sc.classifier_step(state), repeat)
    return step, kernels


def report(name: str, rounds: list[tuple[float, float]]) -> None:
    """Median, min and max of step/kernels over the rounds."""
    ratios = [s / k for s, k in rounds]
    step = statistics.median(s for s, _ in rounds)
    kern = statistics.median(k for _, k in rounds)
    print(f"{name}: step {step:.3f} ms, kernels {kern:.3f} ms, ratio "
          f"{statistics.median(ratios):.2f}× (min {min(ratios):.2f}, max {max(ratios):.2f})")


def main() -> None:
    """Time every round and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    n = bg.Bigrams.of(load_names(), one_of_each=True).n
    print(f"bigram: {n:,} bigrams × 27 logits")
    report("bigram full-batch step", [bigram_round(args.repeat) for _ in range(args.rounds)])
    report("ch11 full-batch step (1,297 images)",
           [classifier_round(args.repeat, None) for _ in range(args.rounds)])
    report("ch11 mini-batch step (32 images)",
           [classifier_round(args.repeat, 32) for _ in range(args.rounds)])


if __name__ == "__main__":
    main()

"""The bigram model of names: which letter follows which, counted, and learned by a layer.

Every name is read with ``.`` before and after it (``.emma.`` gives the bigrams ``.e``, ``em``,
``mm``, ``ma``, ``a.``), so 27 symbols: ``.`` and a–z. The counting model tabulates the bigrams
in a 27×27 table N, adds 1 to every cell (so nothing is impossible), and divides each row by its
sum. The neural model is one layer of 27 neurons: the one-hot code of the first letter times W
(27×27) gives 27 logits, softmax makes them probabilities of the next letter. One-hot times W is
just row x of W, so the layer gathers rows for the forward pass and scatter-adds gradient rows
for the backward pass; it never builds a one-hot matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from core.neuron.softmax import log_softmax
from core.numerics import workspace

ALPHABET = ".abcdefghijklmnopqrstuvwxyz"
"""The 27 symbols; index 0, ``.``, marks the start and the end of a name."""
V = len(ALPHABET)
MAX_WEIGHT = 1e6
"""A weight past this means training diverged: stepping stops."""


def encode(names: tuple[str, ...] | list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every bigram of every name as (first, next) symbol indices, each of shape (n,)."""
    text = "." + ".".join(names) + "."
    codes = np.frombuffer(text.encode("ascii"), np.uint8).astype(np.intp) - (ord("a") - 1)
    codes[codes < 0] = 0  # "." sits below "a"
    return codes[:-1].copy(), codes[1:].copy()


def counts(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """N[i, j]: how often symbol j follows symbol i; shape (27, 27), whole numbers."""
    return np.bincount(xs * V + ys, minlength=V * V).reshape(V, V)


def count_probs(table: np.ndarray, smoothing: float = 1.0) -> np.ndarray:
    """P[i, j] = (N[i, j] + s) / Σⱼ (N[i, j] + s): each row a distribution over the next symbol."""
    smoothed = table + float(smoothing)
    return smoothed / smoothed.sum(axis=1, keepdims=True)


def mean_nll(probs: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> float:
    """−(1/n) Σ ln P[xᵢ, yᵢ]: the average negative log-likelihood of the bigrams under ``probs``."""
    return float(-np.mean(np.log(probs[xs, ys])))


@dataclass(frozen=True, eq=False)
class Bigrams:
    """The bigrams of a list of names (sorted by first symbol), and the counting model."""

    xs: np.ndarray
    ys: np.ndarray

    @classmethod
    def of(cls, names: tuple[str, ...] | list[str], one_of_each: bool = False) -> Bigrams:
        """The bigrams of ``names``, grouped by first symbol (their order changes no sum); with
        ``one_of_each``, one more of each of the 27×27 possible bigrams: the "+1" of the
        counting model's smoothing, as examples a network can learn from."""
        xs, ys = encode(names)
        if one_of_each:
            first, after = np.divmod(np.arange(V * V), V)
            xs, ys = np.concatenate([xs, first]), np.concatenate([ys, after])
        order = np.argsort(xs, kind="stable")
        xs, ys = xs[order], ys[order]
        xs.setflags(write=False)
        ys.setflags(write=False)
        return cls(xs, ys)

    @property
    def n(self) -> int:
        """How many bigrams."""
        return int(self.xs.size)

    @cached_property
    def table(self) -> np.ndarray:
        """The 27×27 counts N."""
        return counts(self.xs, self.ys)

    @cached_property
    def count_model(self) -> np.ndarray:
        """The counting model's probabilities, N + 1 normalised by rows."""
        return count_probs(self.table)

    @cached_property
    def count_loss(self) -> float:
        """The counting model's average negative log-likelihood over every bigram."""
        return mean_nll(self.count_model, self.xs, self.ys)

    @cached_property
    def target_index(self) -> np.ndarray:
        """For bigram i, the entry i·27 + yᵢ of an (n, 27) array: where its target sits."""
        return np.arange(self.n) * V + self.ys

    @cached_property
    def scatter_index(self) -> np.ndarray:
        """For entry (i, j) of an (n, 27) array, the cell xᵢ·27 + j of a 27×27 table it adds
        into: the scatter-add as one bincount."""
        return (self.xs[:, None] * V + np.arange(V)).ravel()


def layer_probs(W: np.ndarray) -> np.ndarray:
    """softmax of every row of W: the layer's probabilities for each first symbol, (27, 27)."""
    e = np.exp(W - W.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def penalty(W: np.ndarray, lam: float) -> float:
    """The L2 term λ·mean(W²)."""
    return lam * float(np.mean(W * W))


def layer_loss_and_grad(W: np.ndarray, data: Bigrams, lam: float) -> tuple[float, float, np.ndarray]:
    """The mean negative log-likelihood, C = NLL + λ·mean(W²), and ∂C/∂W; no one-hot matrix.

    Forward: the logits of bigram i are row xᵢ of W (a gather), shifted by that row's largest
    value so every exponent is ≤ 0. Backward: ∂C/∂logits = (p − onehot(y))/n, made by
    subtracting 1/n at (i, yᵢ) only; row i of it is then added into row xᵢ of ∂C/∂W (a
    scatter-add: one bincount over the n·27 entries).
    """
    xs, ys, n = data.xs, data.ys, data.n
    shifted = W - W.max(axis=1, keepdims=True)
    e = np.take(shifted, xs, axis=0, out=workspace.take(n * V).reshape(n, V))
    np.exp(e, out=e)
    sums = np.einsum("ij->i", e)  # the row sums, in one pass (e.sum(axis=1) takes 4× as long)
    nll = float(np.mean(np.log(sums)) - np.mean(shifted[xs, ys]))
    e *= (1.0 / (sums * n))[:, None]  # now p / n
    e.reshape(-1)[data.target_index] -= 1.0 / n  # now (p − onehot(y)) / n: one entry a row
    grad = scatter_rows(e, data)
    grad += (2.0 * lam / W.size) * W
    return nll, nll + penalty(W, lam), grad


def grouped_loss_and_grad(W: np.ndarray, data: Bigrams,
                          lam: float) -> tuple[float, float, np.ndarray]:
    """What :func:`layer_loss_and_grad` computes, with the bigrams grouped by first symbol.

    Every bigram that starts with symbol i has the same logits, row i of W, so the sums over
    bigrams become sums over the 27 rows weighted by the counts N: NLL = (1/n) Σᵢ [Rᵢ·ln Σⱼ
    e^Wᵢⱼ − Σⱼ Nᵢⱼ Wᵢⱼ] with Rᵢ = Σⱼ Nᵢⱼ, and ∂NLL/∂W = (R·softmax(W) − N)/n. Equal to the
    layer's to rounding (a test checks 1e-12), and independent of n: long runs (tests,
    exercises that look ahead) use it. The lab steps with the layer itself.
    """
    table, n = data.table, data.n
    rows = table.sum(axis=1)
    logp = log_softmax(W)
    nll = float(-np.sum(table * logp) / n)
    grad = (rows[:, None] * np.exp(logp) - table) / n + (2.0 * lam / W.size) * W
    return nll, nll + penalty(W, lam), grad


def scatter_rows(rows: np.ndarray, data: Bigrams) -> np.ndarray:
    """out[k] = Σ over i with xᵢ = k of rows[i], shape (27, 27): the scatter-add."""
    flat = np.bincount(data.scatter_index, weights=rows.reshape(-1), minlength=V * V)
    return flat.reshape(V, V)


@dataclass(frozen=True, eq=False)
class BigramState:
    """The layer's weights after some full-batch gradient steps on ``train``.

    ``names`` holds the names' own bigrams, on which the loss is reported, as the counting
    model's is; ``train`` is what the steps learn from (those bigrams and one of each pair).
    """

    names: Bigrams
    train: Bigrams
    W: np.ndarray
    lr: float
    lam: float
    steps: int = 0

    @cached_property
    def _evaluated(self) -> tuple[float, float, np.ndarray]:
        return layer_loss_and_grad(self.W, self.train, self.lam)

    @property
    def cost(self) -> float:
        """What the steps minimise: the NLL over ``train`` + λ·mean(W²)."""
        return self._evaluated[1]

    @property
    def grad(self) -> np.ndarray:
        """∂C/∂W at these weights."""
        return self._evaluated[2]

    @cached_property
    def probs(self) -> np.ndarray:
        """The layer's 27×27 table of next-symbol probabilities."""
        return layer_probs(self.W)

    @cached_property
    def loss(self) -> float:
        """The average negative log-likelihood over the names' bigrams: the counting model's
        :attr:`Bigrams.count_loss` measured the same way."""
        logp = log_softmax(self.W)  # exact even where a probability underflows to 0
        return float(-np.mean(logp[self.names.xs, self.names.ys]))

    def edited(self, **changes: object) -> BigramState:
        """The same weights with ``lr`` or ``lam`` changed."""
        return replace(self, **changes)


def start_state(names: Bigrams, train: Bigrams, lr: float, lam: float) -> BigramState:
    """W = 0: every next symbol equally likely, a loss of ln 27."""
    return BigramState(names, train, np.zeros((V, V)), lr, lam)


def bigram_step(state: BigramState, grouped: bool = False) -> BigramState | None:
    """One gradient-descent step over every training bigram, or None if it would diverge.

    ``grouped`` computes the same gradient by :func:`grouped_loss_and_grad` (for long runs)."""
    grad = grouped_loss_and_grad(state.W, state.train, state.lam)[2] if grouped else state.grad
    W = state.W - state.lr * grad
    if not np.all(np.abs(W) < MAX_WEIGHT):
        return None
    return replace(state, W=W, steps=state.steps + 1)


def sample(probs: np.ndarray, seed: int, count: int = 10, max_len: int = 20) -> list[str]:
    """``count`` names drawn letter by letter from ``probs`` (27×27), starting after ``.`` and
    stopping at ``.``; a name that reaches ``max_len`` letters ends with ``…``.

    Name k uses its own uniform draws u (from ``seed``), each choosing the first symbol whose
    cumulative probability passes u: two tables that are nearly equal choose alike, and a
    difference in one name does not shift the draws of the next.
    """
    from core.numerics.seeded import uniform

    u = uniform(seed, count * max_len).reshape(count, max_len)
    cdf = np.cumsum(probs, axis=1)
    names = []
    for k in range(count):
        row, letters = 0, []
        for t in range(max_len):
            row = min(int(np.searchsorted(cdf[row], u[k, t] * cdf[row, -1], side="right")), V - 1)
            if row == 0:
                break
            letters.append(ALPHABET[row])
        else:
            letters.append("…")
        names.append("".join(letters))
    return names

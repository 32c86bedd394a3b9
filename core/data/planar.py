"""Points in the plane for the playground: TensorFlow Playground's datasets, and two more.

The six generators Playground has follow its own source (src/dataset.ts, Apache 2.0): the same
shapes, ranges and noise, drawn here with NumPy from a seed you can see. Labels are class
indices: Playground's +1 (blue) is class 1 and its −1 (orange) class 0. Two more shapes,
two moons and a spiral of three arms, are this book's own (formulas in their docstrings).

Every generator returns its points in the order it drew them; :func:`generate` shuffles them
with the same seed and splits them into training and test points, as Playground does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

DOMAIN = (-6.0, 6.0, -6.0, 6.0)
"""The plane the generated data lies in and the maps show: x₁ from −6 to 6, x₂ from −6 to 6."""
N_CLASSIFY, N_REGRESS = 500, 1200
"""Points per dataset, as in Playground (NUM_SAMPLES_CLASSIFY, NUM_SAMPLES_REGRESS)."""
MAX_POINTS = 5000
"""The most points of your own the playground takes (from a file, a session or a string)."""

Generator = Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]
"""(n, noise as a fraction, rng) → points (n, 2) and labels (n,)."""


def _u(rng: np.random.Generator, lo: float, hi: float, n: int) -> np.ndarray:
    return rng.uniform(lo, hi, n)


def circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Half the points at radius U(0, 2.5), half at U(3.5, 5), each at an angle U(0, 2π).

    A point is class 1 when it lies within 2.5 of the centre after a nudge of U(−5, 5)·noise
    in each coordinate (the nudge moves the label, not the point)."""
    inner, outer = n // 2, n - n // 2
    r = np.concatenate([_u(rng, 0, 2.5, inner), _u(rng, 3.5, 5, outer)])
    angle = _u(rng, 0, 2 * math.pi, n)
    pts = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    nudged = pts + _u(rng, -5, 5, 2 * n).reshape(2, n).T * noise
    return pts, (np.hypot(nudged[:, 0], nudged[:, 1]) < 2.5).astype(float)


def xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """x₁, x₂ uniform on (−5, 5), each pushed 0.3 away from 0; class 1 where x₁·x₂ ≥ 0
    after a nudge of U(−5, 5)·noise in each coordinate."""
    pts = _u(rng, -5, 5, 2 * n).reshape(2, n).T
    pts += np.where(pts > 0, 0.3, -0.3)
    nudged = pts + _u(rng, -5, 5, 2 * n).reshape(2, n).T * noise
    return pts, (nudged[:, 0] * nudged[:, 1] >= 0).astype(float)


def gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs of variance 0.5 + 7·noise (0.5 to 4): class 1 around (2, 2),
    class 0 around (−2, −2)."""
    sd = math.sqrt(0.5 + noise * (4 - 0.5) / 0.5)
    half = n // 2
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [half, n - half], axis=0)
    labels = np.repeat([1.0, 0.0], [half, n - half])
    return centres + rng.normal(0, sd, (n, 2)), labels


def _arms(n: int, noise: float, rng: np.random.Generator, shifts: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Spiral arms: point i of k on an arm has r = 5·i/k and t = 1.75·2π·i/k + shift."""
    k = n // len(shifts)
    pts, labels = [], []
    i = np.arange(k)
    for label, shift in enumerate(shifts):
        r, t = i / k * 5, 1.75 * i / k * 2 * math.pi + shift
        jitter = _u(rng, -1, 1, 2 * k).reshape(2, k).T * noise
        pts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]) + jitter)
        labels.append(np.full(k, float(label)))
    return np.concatenate(pts), np.concatenate(labels)


def spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms of n/2 points, x = r·sin t + U(−1, 1)·noise and
    y = r·cos t + U(−1, 1)·noise: class 1 with t shifted by 0, class 0 by π."""
    pts, arm = _arms(n, noise, rng, [0.0, math.pi])
    return pts, 1.0 - arm  # the first arm is Playground's positive one


def spiral3(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three arms as in :func:`spiral`, shifted by 0, 2π/3 and 4π/3: classes 0, 1 and 2."""
    return _arms(n, noise, rng, [0.0, 2 * math.pi / 3, 4 * math.pi / 3])


def moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interlocking half-circles (scikit-learn's make_moons shape, scaled by 3 and centred):
    class 0 on (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t uniform on [0, π],
    then 3·(p − (0.5, 0.25)) plus Gaussian noise of standard deviation 3·noise."""
    half = n // 2
    t = _u(rng, 0, math.pi, n)
    upper = np.column_stack([np.cos(t[:half]), np.sin(t[:half])])
    lower = np.column_stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    pts = 3 * (np.concatenate([upper, lower]) - [0.5, 0.25]) + rng.normal(0, 3 * noise, (n, 2))
    return pts, np.repeat([0.0, 1.0], [half, n - half])


def _scatter(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform on (−6, 6)², and where their labels are read: nudged by U(−6, 6)·noise."""
    pts = _u(rng, -6, 6, 2 * n).reshape(2, n).T
    return pts, pts + _u(rng, -6, 6, 2 * n).reshape(2, n).T * noise


def plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regression: the target is (x₁ + x₂)/10 at the nudged point (from −1.2 to 1.2 unnudged)."""
    pts, at = _scatter(n, noise, rng)
    return pts, (at[:, 0] + at[:, 1]) / 10


BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])
"""Playground's six Gaussian bumps: centre x₁, centre x₂, sign."""


def bump_target(at: np.ndarray) -> np.ndarray:
    """Of the six bumps' values sign·max(0, 1 − d/2) at each point (d its distance from the
    bump's centre), the one largest in size (the first on a tie; 0 far from every bump)."""
    d = np.hypot(at[:, :1] - BUMPS[:, 0], at[:, 1:] - BUMPS[:, 1])
    values = BUMPS[:, 2] * np.clip(1 - d / 2, 0, 1)
    return values[np.arange(len(at)), np.argmax(np.abs(values), axis=1)]


def bumps(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regression: :func:`bump_target` at the nudged point."""
    pts, at = _scatter(n, noise, rng)
    return pts, bump_target(at)


@dataclass(frozen=True)
class Shape:
    """A dataset the playground can generate.

    Attributes:
        name: key, e.g. ``"circle"``.
        title: display name.
        make: the generator.
        n_classes: 2 or 3 for classification, 0 for regression.
        n: how many points it draws.
    """

    name: str
    title: str
    make: Generator
    n_classes: int
    n: int


SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("circle", "circle", circle, 2, N_CLASSIFY),
    Shape("xor", "XOR", xor, 2, N_CLASSIFY),
    Shape("gauss", "two Gaussians", gauss, 2, N_CLASSIFY),
    Shape("spiral", "spiral", spiral, 2, N_CLASSIFY),
    Shape("moons", "two moons", moons, 2, N_CLASSIFY),
    Shape("spiral3", "spiral, 3 classes", spiral3, 3, N_CLASSIFY),
    Shape("plane", "plane (regression)", plane, 0, N_REGRESS),
    Shape("bumps", "Gaussian bumps (regression)", bumps, 0, N_REGRESS),
)}
"""Every generated dataset by name, in the order the playground cycles through them."""


@dataclass(frozen=True, eq=False)
class PlanarData:
    """Points in the plane with labels, split into training and test points.

    Attributes:
        name: a key of :data:`SHAPES`, or a name of your own for fixed points (``"csv:…"``).
        title: display name.
        points: (n, 2).
        labels: (n,): class indices 0, 1 (or 2), or regression targets.
        n_classes: 2 or 3, or 0 for regression.
        train, test: indices into ``points``; together each point once.
        domain: (x₁ low, x₁ high, x₂ low, x₂ high) the maps show.
        noise: percent, 0 to 50 (generated data only).
        train_pct: the share of training points asked for, in percent.
        seed: the seed the points were drawn and shuffled with.
    """

    name: str
    title: str
    points: np.ndarray
    labels: np.ndarray
    n_classes: int
    train: np.ndarray
    test: np.ndarray
    domain: tuple[float, float, float, float] = DOMAIN
    noise: float = 0.0
    train_pct: float = 50.0
    seed: int = 0

    @property
    def generated(self) -> bool:
        """Whether the points come from a generator (and so follow the noise and seed)."""
        return self.name in SHAPES

    @property
    def classification(self) -> bool:
        """Whether the labels are classes rather than numbers to fit."""
        return self.n_classes > 0

    def part(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """Points and labels of ``"train"`` or ``"test"``."""
        idx = self.train if which == "train" else self.test
        return self.points[idx], self.labels[idx]

    def resplit(self, train_pct: float, seed: int) -> PlanarData:
        """The same points split again, with a new share of training points or a new seed."""
        train, test = split(len(self.labels), train_pct, seed)
        return replace(self, train=train, test=test, train_pct=train_pct, seed=seed)


def split(n: int, train_pct: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle n indices with ``seed`` and cut them at ⌊n·train_pct/100⌋, as Playground does."""
    order = np.random.default_rng([seed, 1]).permutation(n)
    cut = int(math.floor(n * train_pct / 100))
    return order[:cut], order[cut:]


def generate(name: str, noise: float = 0.0, train_pct: float = 50.0, seed: int = 0) -> PlanarData:
    """The dataset ``name`` drawn from ``seed`` with ``noise`` percent, split by ``train_pct``."""
    shape = SHAPES[name]
    points, labels = shape.make(shape.n, noise / 100, np.random.default_rng(seed))
    train, test = split(len(labels), train_pct, seed)
    return PlanarData(name, shape.title, points, labels, shape.n_classes, train, test,
                      DOMAIN, noise, train_pct, seed)


def fixed(name: str, title: str, points: np.ndarray, labels: np.ndarray, n_classes: int,
          train_pct: float = 50.0, seed: int = 0,
          domain: tuple[float, float, float, float] | None = None) -> PlanarData:
    """Points of your own (a CSV file, chapter 9's XOR), split by ``train_pct`` and ``seed``."""
    points = np.array(points, dtype=float).reshape(-1, 2)
    labels = np.array(labels, dtype=float).reshape(-1)
    train, test = split(len(labels), train_pct, seed)
    return PlanarData(name, title, points, labels, n_classes, train, test,
                      domain or frame(points), 0.0, train_pct, seed)


def frame(points: np.ndarray) -> tuple[float, float, float, float]:
    """A square around ``points`` with a margin, so every point lies inside the map."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    centre, half = (lo + hi) / 2, max(float(np.max(hi - lo)) / 2, 1e-3) * 1.15
    return (float(centre[0] - half), float(centre[0] + half),
            float(centre[1] - half), float(centre[1] + half))

"""The playground's datasets against TensorFlow Playground's formulas (src/dataset.ts)."""

import math

import numpy as np
import pytest

from core.data import planar
from core.data.planar import SHAPES, fixed, generate, split


def draw(name, noise=0.0, n=None, seed=3):
    shape = SHAPES[name]
    return shape.make(n or shape.n, noise, np.random.default_rng(seed))


def test_sizes_and_kinds_are_playgrounds():
    assert [SHAPES[n].n for n in ("circle", "xor", "gauss", "spiral")] == [500] * 4
    assert [SHAPES[n].n for n in ("plane", "bumps")] == [1200] * 2
    assert {n: s.n_classes for n, s in SHAPES.items()} == {
        "circle": 2, "xor": 2, "gauss": 2, "spiral": 2, "moons": 2, "spiral3": 3,
        "plane": 0, "bumps": 0}


def test_circle_radii_and_labels():
    pts, labels = draw("circle")
    r = np.hypot(pts[:, 0], pts[:, 1])
    assert pts.shape == (500, 2) and labels.sum() == 250
    assert np.all(r[:250] <= 2.5) and np.all((r[250:] >= 3.5) & (r[250:] <= 5))
    assert np.array_equal(labels, (r < 2.5).astype(float))  # no noise: the label is the radius
    noisy_pts, noisy = draw("circle", 0.5)
    r = np.hypot(noisy_pts[:, 0], noisy_pts[:, 1])
    assert np.all(r <= 5)  # noise moves labels, never points
    assert 0 < np.mean(noisy != (r < 2.5)) < 0.5


def test_xor_padding_and_quadrant_labels():
    pts, labels = draw("xor")
    assert np.all((np.abs(pts) >= 0.3) & (np.abs(pts) <= 5.3))
    assert np.array_equal(labels, (pts[:, 0] * pts[:, 1] >= 0).astype(float))
    pts, labels = draw("xor", 0.5)
    assert 0 < np.mean(labels != (pts[:, 0] * pts[:, 1] >= 0)) < 0.5


@pytest.mark.parametrize("noise, variance", [(0.0, 0.5), (0.5, 4.0), (0.25, 2.25)])
def test_gaussians_centres_and_variance(noise, variance):
    pts, labels = draw("gauss", noise, n=20000)
    for label, centre in ((1.0, 2.0), (0.0, -2.0)):
        group = pts[labels == label]
        assert np.allclose(group.mean(axis=0), centre, atol=0.1)
        assert np.allclose(group.var(axis=0), variance, rtol=0.06)


def test_spiral_follows_r_and_t():
    for noise in (0.0, 0.3):
        pts, labels = draw("spiral", noise)
        i = np.arange(250)
        r, t = i / 250 * 5, 1.75 * i / 250 * 2 * math.pi
        for arm, shift, label in ((slice(0, 250), 0.0, 1.0), (slice(250, 500), math.pi, 0.0)):
            ideal = np.column_stack([r * np.sin(t + shift), r * np.cos(t + shift)])
            assert np.all(np.abs(pts[arm] - ideal) <= noise + 1e-12)
            assert np.all(labels[arm] == label)
    assert np.abs(draw("spiral", 0.3)[0] - draw("spiral")[0]).max() > 0.2


def test_three_arm_spiral():
    pts, labels = draw("spiral3")
    i = np.arange(166)
    r, t = i / 166 * 5, 1.75 * i / 166 * 2 * math.pi
    for k in range(3):
        arm = pts[labels == k]
        shift = 2 * math.pi * k / 3
        assert np.allclose(arm, np.column_stack([r * np.sin(t + shift), r * np.cos(t + shift)]))


def test_moons():
    pts, labels = draw("moons")
    upper = pts[labels == 0] / 3 + [0.5, 0.25]
    lower = pts[labels == 1] / 3 + [0.5, 0.25]
    assert np.allclose(np.hypot(*upper.T), 1) and np.all(upper[:, 1] >= -1e-12)
    assert np.allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1)
    assert np.all(np.abs(pts) <= 6)


def test_plane_targets():
    pts, y = draw("plane")
    assert np.all(np.abs(pts) <= 6)
    assert np.allclose(y, (pts[:, 0] + pts[:, 1]) / 10) and np.abs(y).max() <= 1.2
    pts, y = draw("plane", 0.5)
    assert np.abs(y - (pts[:, 0] + pts[:, 1]) / 10).max() > 0.1


def test_bumps_targets():
    pts, y = draw("bumps")
    best = np.zeros(len(y))
    for cx, cy, sign in planar.BUMPS:  # Playground's loop: the first value largest in size wins
        value = sign * np.clip(1 - np.hypot(pts[:, 0] - cx, pts[:, 1] - cy) / 2, 0, 1)
        best = np.where(np.abs(value) > np.abs(best), value, best)
    assert np.array_equal(y, best) and np.abs(y).max() <= 1 and (y == 0).any()
    assert np.array_equal(planar.bump_target(planar.BUMPS[:, :2]), planar.BUMPS[:, 2])


@pytest.mark.parametrize("pct", [10, 50, 90, 100])
def test_split_is_playgrounds_cut(pct):
    train, test = split(500, pct, 4)
    assert len(train) == math.floor(500 * pct / 100)
    assert sorted(np.concatenate([train, test])) == list(range(500))


def test_a_seed_draws_the_same_points_and_another_seed_others():
    a, b, c = generate("spiral", 20, 50, 1), generate("spiral", 20, 50, 1), generate("spiral", 20, 50, 2)
    assert np.array_equal(a.points, b.points) and np.array_equal(a.train, b.train)
    assert not np.array_equal(a.points, c.points)
    assert a.noise == 20 and a.generated and len(a.train) == 250


def test_fixed_points_are_framed_and_split_again():
    data = fixed("csv:mine", "mine", [[0, 0], [1, 1], [2, 0], [10, 5]], [0, 1, 1, 0], 2, 50, 0)
    lo1, hi1, lo2, hi2 = data.domain
    assert lo1 < 0 and hi1 > 10 and lo2 < 0 and hi2 > 5 and not data.generated
    again = data.resplit(100, 0)
    assert len(again.train) == 4 and len(again.test) == 0


def test_your_own_csv_of_points(tmp_path):
    from core.data.csvdata import CSVError
    from core.data.planar_csv import read_points

    path = tmp_path / "pts.csv"
    path.write_text("a,b,label\n0,0,-1\n1,1,1\n2,0,1\n0,3,-1\n")
    data = read_points(path, 50, 1)
    assert data.n_classes == 2 and list(data.labels) == [0, 1, 1, 0] and data.name == "csv:pts.csv"
    path.write_text("a,b,label\n0,0,0\n1,1,2\n2,0,1\n")
    assert read_points(path).n_classes == 3
    path.write_text("a,b,t\n0,0,0.5\n1,1,2.5\n")
    assert read_points(path).n_classes == 0
    for text, why in [("a,label\n1,0\n", "1 input column;"), ("a,b,c,label\n1,2,3,0\n", "3 input"),
                      ("a,b,l\n" + "1,2,0\n" * 5001, "more than 5000 points"),
                      ("a,b,l\n1,x,0\n", "line 2, column 2 (b): 'x' is not a number")]:
        path.write_text(text)
        with pytest.raises(CSVError) as refused:
            read_points(path)
        assert why in str(refused.value)

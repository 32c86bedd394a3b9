"""Chapter 5's landscapes, measured: the bowl's learning-rate limit, the two valleys' local
minima and the shelf's slow crossing. Every number chapter 5's prose states is read from the
prose and recomputed here, so a change to the core or the lab cannot leave the text wrong."""

import numpy as np
import pytest

from core.neuron.activations import SIGMOID
from core.neuron.losses import MSE
from core.neuron.minima import gradient, hessian, local_minima
from core.neuron.train import PARAM_LIMIT, TrainState, step
from tests.tui.conftest import screen_text
from tests.tui.prose_claims import N, number, said
from tui.app import NeuronApp
from tui.chapters.ch05_descent.landscapes import LANDSCAPES, minima, valley_of
from tui.widgets.lines import LinesView

BOWL, TWO, SHELF = LANDSCAPES


def descend(landscape, start, lr, steps):
    """Every state of ``steps`` descent steps from ``start`` (stopping if it diverges)."""
    s = TrainState(neuron=landscape.neuron(*start), data=landscape.data, loss=MSE, lr=lr)
    path = [s]
    for _ in range(steps):
        if s.diverged:
            break
        s = step(s)
        path.append(s)
    return path


def at(state) -> tuple[float, float]:
    return float(state.neuron.w[0]), state.neuron.b


# ------------------------------------------------------------------ finding minima

def test_newton_finds_the_bowls_least_squares_bottom():
    (m,) = minima(BOWL)
    X = np.column_stack([BOWL.data.X[:, 0], np.ones(BOWL.data.n_examples)])
    exact = np.linalg.lstsq(X, BOWL.data.y, rcond=None)[0]
    assert np.allclose(m.at, exact, atol=1e-9)


def test_the_hessian_matches_finite_differences_of_the_cost():
    neuron, p = TWO.neuron(0.0, 0.0), np.array([1.3, -0.4])
    H = hessian(neuron, TWO.data, MSE, 0, 1, p)
    cost = lambda q: gradient(neuron, TWO.data, MSE, 0, 1, q)[0]
    h = 1e-4
    for i, j in [(0, 0), (0, 1), (1, 1)]:
        ei, ej = np.eye(2)[i] * h, np.eye(2)[j] * h
        fd = (cost(p + ei + ej) - cost(p + ei - ej) - cost(p - ei + ej) + cost(p - ei - ej)) / (4 * h * h)
        assert H[i, j] == pytest.approx(fd, rel=1e-4, abs=1e-8)


def test_a_shelf_is_not_a_minimum():
    """Far out on the shelf the cost is flat to many digits, but the gradient is not zero."""
    cost, g = gradient(SHELF.neuron(0.0, 0.0), SHELF.data, MSE, 0, 1, np.array(SHELF.start))
    assert np.hypot(*g) > 1e-4 and len(minima(SHELF)) == 1


# ------------------------------------------------------------------ the bowl

def test_the_bowl_diverges_past_eta_1_because_b_curves_with_2():
    (w_star, b_star), = [m.at for m in minima(BOWL)]
    eigen = np.linalg.eigvalsh(hessian(BOWL.neuron(0, 0), BOWL.data, MSE, 0, 1, np.array([w_star, b_star])))
    limit, = said(5, rf"Below η = (\d+) that factor")
    assert 2 / eigen.max() == pytest.approx(number(limit), rel=1e-9)
    said(5, rf"Above η = 1 it is below −1")
    said(5, rf"by 1 − 2η")
    for lr in (0.3, 0.8, 1.1):  # along b, one step multiplies the distance by 1 − 2η exactly
        after = descend(BOWL, (w_star, b_star + 0.5), lr, 1)[-1]
        assert (after.neuron.b - b_star) / 0.5 == pytest.approx(1 - 2 * lr, abs=1e-9)
        assert abs(after.neuron.w[0] - w_star) < 1e-9


def test_at_eta_1_the_bowl_bounces_between_two_values_of_b_forever():
    said(5, rf"At exactly\s+η = 1 it is −1, and the point bounces between the same two values of b")
    path = descend(BOWL, BOWL.start, 1.0, 2000)
    b = np.array([s.neuron.b for s in path])
    assert np.allclose(b[2::2], b[0], atol=1e-9) and np.allclose(b[3::2], b[1], atol=1e-9)
    assert abs(b[0] - b[1]) > 0.5 and not path[-1].diverged


def test_the_widening_bounce_leaves_the_map_and_the_lab_stops_it():
    lr, off, stop = said(5, rf"set η to {N}: each bounce is wider, the point\s+leaves the map after "
                         rf"(\d+) steps, and the lab stops it at step (\d+), when b passes 10⁶")
    path = descend(BOWL, BOWL.start, number(lr), 500)
    first_off = next(k for k, s in enumerate(path) if not BOWL.inside(*at(s)))
    assert first_off == int(off)
    assert PARAM_LIMIT == 1e6 and path[-1].diverged and len(path) - 1 == int(stop)
    assert abs(path[-1].neuron.b) > PARAM_LIMIT >= abs(path[-2].neuron.b)
    jumps = np.abs([s.neuron.b - minima(BOWL)[0].at[1] for s in path[:first_off]])
    assert np.all(np.diff(jumps) > 0)  # every bounce wider than the last
    default, = said(5, rf"On the bowl, run at η = {N} down to the bottom")
    assert number(default) == BOWL.lr
    down = descend(BOWL, BOWL.start, BOWL.lr, 200)
    assert all(BOWL.inside(*at(s)) for s in down) and valley_of(BOWL, *at(down[-1])) is minima(BOWL)[0]


# ------------------------------------------------------------------ two valleys

def test_the_two_valleys_data_is_the_data_the_prose_describes():
    points = said(5, rf"three points: {N} at x = {N}, {N} at x = {N} and {N}\s+at x = {N}")
    ys, xs = [number(v) for v in points[::2]], [number(v) for v in points[1::2]]
    assert TWO.data.X[:, 0].tolist() == xs and TWO.data.y.tolist() == ys


def test_two_valleys_has_exactly_two_local_minima_of_different_cost():
    """Checked on a grid three times finer than the lab's, then by Newton's method."""
    fine = local_minima(TWO.neuron(0, 0), TWO.data, MSE, 0, 1, np.linspace(*TWO.w_range, 181),
                        np.linspace(*TWO.b_range, 121))
    deep, shallow = minima(TWO)
    assert np.allclose([m.at for m in fine], [deep.at, shallow.at], atol=1e-6)
    high, low = said(5, rf"misses the third by 0\.9, and the cost there is {N}.*?the\s+cost there is {N}")
    assert f"{shallow.cost:.3f}" == high and f"{deep.cost:.3f}" == low
    a_shallow = TWO.neuron(*shallow.at).forward(TWO.data.X).a
    assert np.abs(a_shallow[:2] - TWO.data.y[:2]).max() < 5e-4  # through the first two
    assert abs(a_shallow[2] - TWO.data.y[2]) == pytest.approx(0.9, abs=1e-3)
    a_deep = TWO.neuron(*deep.at).forward(TWO.data.X).a
    worst, = said(5, rf"a gentle slope that meets no point but misses none by more than {N}")
    assert np.abs(a_deep - TWO.data.y).min() > 0.1  # meets no point
    assert round(np.abs(a_deep - TWO.data.y).max(), 2) == number(worst) < 0.9
    assert abs(deep.at[0]) < 0.5 < 4 < shallow.at[0]  # gentle beside steep
    assert deep.at[0] < 0 < shallow.at[0] and min(shallow.curvature) > 0


@pytest.mark.parametrize("which", ["start", "w = −2"])
def test_two_starts_end_in_different_valleys_and_stay(which):
    deep, shallow = minima(TWO)
    w, = said(5, rf"set w to {N} and run again: this time it ends at C = {N}")[:1]
    start = TWO.start if which == "start" else (number(w), TWO.start[1])
    target = shallow if which == "start" else deep
    path = descend(TWO, start, TWO.lr, 3000)
    assert valley_of(TWO, *at(path[-1])) is target
    assert all(TWO.inside(*at(s)) for s in path)  # the map holds the whole path
    later = descend(TWO, at(path[-1]), TWO.lr, 3000)
    assert np.hypot(*np.subtract(at(later[-1]), target.at)) < 1e-3
    assert all(valley_of(TWO, *at(s)) is target for s in later)
    ends = said(5, rf"settles at C = {N} and stays.*?ends at C = {N}")
    assert f"{path[-1].cost:.3f}" == ends[0 if which == "start" else 1]


# ------------------------------------------------------------------ the shelf

def test_the_shelf_is_slow_not_stuck():
    w0, b0, lr, above, stay, below, by = said(5, 
        rf"from w = {N} and b = {N}: there.*?at η = {N}, the cost stays above {N} for (\d+) "
        rf"steps, then falls below\s+{N} by step (\d+)")
    assert SHELF.start == (number(w0), number(b0)) and SHELF.lr == number(lr)
    points = said(5, rf"It fits {N} at x = {N} and {N} and {N} at x = {N} and {N}, from w")
    low, x1, x2, high, x3, x4 = map(number, points)
    assert SHELF.data.X[:, 0].tolist() == [x1, x2, x3, x4]
    assert SHELF.data.y.tolist() == [low, low, high, high]
    out = SHELF.neuron(*SHELF.start).forward(SHELF.data.X)
    assert np.all((out.a > 0.5) != (SHELF.data.y > 0.5))  # on the wrong side for every point
    assert np.all(SIGMOID.df(out.z) < 0.01 * SIGMOID.df(np.zeros(1)))  # in its flat tails
    path = descend(SHELF, SHELF.start, SHELF.lr, 400)
    cost = np.array([s.cost for s in path])
    assert int(np.argmax(cost <= number(above))) == int(stay)
    assert int(np.argmax(cost < number(below))) == int(by)
    near, = said(5, rf"the cost sits near {N} while the point creeps")
    assert f"{cost[0]:.2f}" == near
    assert all(SHELF.inside(*at(s)) for s in path)  # the map holds the whole path


# ------------------------------------------------------------------ the lab on screen


def test_each_shade_covers_a_tenth_of_the_map():
    said(5, r"each of its ten shades covers a tenth of the map, from the\s+lowest costs \(blank\) to "
         r"the highest \(@\)")
    from tui.chapters.ch05_descent.lab import RAMP, shade_rows
    surface = np.random.default_rng(3).lognormal(size=(20, 30))  # 600 costs: 60 to a shade
    text = "".join(shade_rows(surface))
    assert len(RAMP) == 10 and [text.count(c) for c in RAMP] == [60] * 10
    rows = shade_rows(surface)[::-1]  # back to the lowest b first
    assert rows[np.unravel_index(surface.argmin(), surface.shape)[0]][surface.argmin() % 30] == " "
    assert rows[np.unravel_index(surface.argmax(), surface.shape)[0]][surface.argmax() % 30] == "@"


def lab_lines(lab) -> list[str]:
    return lab.query_one("#map", LinesView).plain.split("\n")


async def test_a_run_that_stops_itself_stops_saying_it_runs():
    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        near = lab.current.edited("test", lr=1.1, neuron=BOWL.neuron(2.0, 9e5))
        lab.push(near)  # one step from diverging
        await pilot.press("r")
        for _ in range(40):
            await pilot.pause(0.05)
            if not lab.running:
                break
        await pilot.pause()
        assert not lab.running and lab.current.diverged
        assert "running" not in screen_text(app) and "diverged" in screen_text(app)


async def test_the_status_line_says_what_happens_and_blames_eta_only_for_a_rise():
    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        width = lab.query_one("#map", LinesView).size.width
        lab.push(lab.current.edited("test", neuron=BOWL.neuron(6.0, 1.5)))  # off the map, η 0.3
        assert "off the map" in lab_lines(lab)[-1] and "η" not in lab_lines(lab)[-1]
        await pilot.press("s")
        assert lab.current.cost < lab.history[-2].cost and "η" not in lab_lines(lab)[-1]
        lab.push(lab.start().edited("test", lr=1.1))
        for _ in range(10):
            await pilot.press("s")
            rose = lab.current.cost > lab.history[-2].cost
            assert rose == ("C rose" in lab_lines(lab)[-1])
        assert rose
        await pilot.press("c")  # two valleys: run to the shallow one
        for _ in range(300):
            lab.action_step()
        await pilot.pause()
        assert "local minimum" in lab_lines(lab)[-1] and "0.270" in lab_lines(lab)[-1]
        await pilot.press("c")  # the shelf, at its start
        assert lab_lines(lab)[-1].startswith("flat")
        for line in lab_lines(lab):
            assert len(line) <= width, line


async def test_the_path_starts_where_the_point_was_last_placed():
    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("s", "s", "s")
        assert len(lab.path()) == 4 and "•" in "".join(lab_lines(lab))
        await pilot.press("R")
        assert lab.path() == [lab.current] and "•" not in "".join(lab_lines(lab))

"""The playground, driven by its keys: what the maps, the network and the numbers show."""

import re

import numpy as np
import pytest
from rich.text import Text

from core.files.playground_session import read_session, state_string
from core.playground.heads import HEADS
from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.screens.app_commands import help_sections
from tui.playground.colours import levels
from tui.playground.grids import Grid
from tui.playground.rows import Pixels, Run
from tui.playground.screen import PlaygroundScreen
from tui.values.numbers import fmt


def playground(**kw) -> NeuronApp:
    return NeuronApp(start="playground", **kw)


def numbers(app) -> str:
    return app.screen.query_one("#pg-numbers").plain


def focus_text(app) -> str:
    return app.screen.query_one("#pg-focus").plain


def map_cells(app):
    """The big map as (row, column) → piece character or level pair."""
    cells = {}
    for r, row in enumerate(app.screen.query_one("#pg-map").rows[:-1]):
        x = 0
        for piece in row:
            if isinstance(piece, Pixels):
                top, bottom = np.frombuffer(piece.top, np.uint8), np.frombuffer(piece.bottom, np.uint8)
                for i in range(piece.width):
                    cells[(r, x + i)] = (int(top[i]), int(bottom[i]))
            else:
                for i, ch in enumerate(piece.text):
                    cells[(r, x + i)] = ch
            x += piece.width
    return cells


async def test_a_step_trains_one_epoch_and_the_numbers_are_the_cores():
    app = playground()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlaygroundScreen)
        before = screen.state
        await pilot.press("s")
        state = screen.state
        assert state.epoch == 1 and screen.history.states[-2] is before
        text = numbers(app)
        assert f"epoch 1 · loss: train {fmt(state.train_loss)} · test {fmt(state.test_loss)}" in text
        assert f"train {100 * state.accuracy('train'):.1f}%" in text
        await pilot.press("v")  # the curves: accuracy, from 0 to 1
        pane = screen.query_one("#pg-curve-pane")
        assert "Accuracy: test · train" in Text.from_markup(pane.border_title).plain
        plot = screen.query_one("#pg-curve")
        assert plot._spec.ylim == (0.0, 1.0)
        assert plot._spec.overlay[-1].y[-1] == state.accuracy("test")
        await pilot.press("u")
        assert screen.state is before and "epoch 0 " in numbers(app)


async def test_the_map_is_the_networks_output_with_the_points_on_it():
    app = playground()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "s")
        await pilot.pause()
        view = app.screen.view
        state, grid = view.state, view.big
        out = state.outputs(grid.points)[-1]
        expected = levels(HEADS["tanh"].shade(out)).reshape(2 * grid.rows, grid.cols)
        cells = map_cells(app)
        offset = min(c for (r, c), v in cells.items() if isinstance(v, tuple))
        pixels = [(r, c - offset, v) for (r, c), v in cells.items() if isinstance(v, tuple)]
        assert len(pixels) > grid.rows * grid.cols // 3
        for r, c, (top, bottom) in pixels:
            assert (top, bottom) == (expected[2 * r, c], expected[2 * r + 1, c])
        glyphs = {(r, c - offset): v for (r, c), v in cells.items()
                  if isinstance(v, str) and v in "+−" and 0 <= c - offset < grid.cols}
        train_cells = {(grid.pixel(*p)[1] // 2, grid.pixel(*p)[0]): "+−"[int(y == 0)]
                       for p, y in zip(*state.data.part("train"))}
        assert glyphs.items() <= train_cells.items() and len(glyphs) >= len(train_cells) - 1
        await pilot.press("t")  # training and test points
        both = [v for v in map_cells(app).values() if isinstance(v, str) and v in "+−"]
        assert len(both) > len(glyphs)


def check_sum(line: str) -> None:
    """z = w·x + b = a·b + c·d + … + b0 = z holds with the digits shown (to their rounding)."""
    numbers = line.split(" · ")[0].replace("−", "-").replace("(", "").replace(")", "")
    rhs = numbers.split(" = ", 2)[2]
    terms, z = rhs.rsplit(" = ", 1)
    total, slack = 0.0, 0.0005
    for term in terms.split(" + "):
        if "·" in term:
            w, h = (float(v) for v in term.split("·"))
            total += w * h
            slack += 0.0005 * (abs(w) + abs(h)) + 1e-6
        else:
            total += float(term)
            slack += 0.0005
    assert abs(total - float(z.split(" ")[0])) <= slack, line


async def test_focus_a_hidden_neuron_and_read_its_own_arithmetic_at_the_cursor():
    app = playground()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "left", "left", "down")
        screen = app.screen
        assert (screen.view.focus.layer, screen.view.focus.unit) == (1, 1)
        assert "Layer 1 · neuron 2 of 4" in screen_text(app)
        await pilot.press("shift+tab", "right", "right", "right", "up")
        x, y = screen.view.cursor
        assert x > 0 and y > 0
        line = focus_text(app).splitlines()[0]
        assert line.startswith("z = w·x + b = ")
        check_sum(line)
        state = screen.state
        w = state.net.W[0][:, 1]
        assert f"{fmt(w[0]).replace('−', '(−') if w[0] < 0 else fmt(w[0])}" in line
        assert f"{fmt(x)}" in line  # x₁ at the cursor is the first input
        z = x * w[0] + y * w[1] + state.net.b[0][1]
        assert f"= {fmt(z)}" in line and f"a = tanh(z) = {fmt(np.tanh(z))}" in focus_text(app)
        assert f"({fmt(x, 2)}, {fmt(y, 2)})" in screen_text(app)
        # the big map now shows that neuron
        cells = map_cells(app)
        assert any(isinstance(v, tuple) for v in cells.values())


async def test_every_setting_changes_mid_run_without_a_reset():
    app = playground()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause(0.3)
        await pilot.press("a", "l", "e", "o")
        await pilot.pause(0.2)
        await pilot.press("r")
        screen = app.screen
        s = screen.state.settings
        assert (s.activation, s.loss, s.reg, s.output) == ("relu", "cross_entropy", "l1", "sigmoid")
        epochs = [st.epoch for st in screen.history.states]
        assert epochs == sorted(epochs) and epochs[-1] > 2 and 0 not in epochs[1:]
        await pilot.press("left", "plus", "greater_than_sign", "d")
        assert screen.state.net.sizes == (2, 4, 3, 2, 1)
        assert screen.state.settings.dataset == "xor" and screen.state.epoch == epochs[-1]
        await pilot.press(*["u"] * 4)
        assert screen.state.net.sizes == (2, 4, 2, 1) and screen.state.settings.dataset == "circle"


async def test_a_field_takes_a_new_learning_rate_and_divergence_stops_the_run():
    app = playground()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "D", "D", "D")  # back round to the plane (regression)
        screen = app.screen
        assert screen.state.settings.dataset == "plane"
        await pilot.press("tab", *"1000", "enter")  # η is the first field
        assert screen.state.settings.lr == 1000
        good = screen.state
        await pilot.press("r")
        await pilot.pause(0.5)
        assert screen._timer is None and screen.state is good
        text = screen_text(app)
        assert "diverged" in numbers(app) and not re.search(r"\bnan\b|\binf\b", text)
        await pilot.press("u")
        assert screen.state.settings.lr == 0.03


async def test_sessions_state_strings_and_your_own_points(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pts.csv").write_text("a,b,label\n0,0,1\n1,1,-1\n2,0,1\n0,3,-1\n1,2,1\n")
    app = playground()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("s", "s", "W", "enter")
        await pilot.pause(0.2)
        saved = read_session((tmp_path / "neuron-tui-playground.json").read_text())
        screen = app.screen
        assert [s.epoch for s in saved] == [0, 1, 2]
        await pilot.press("c", *["backspace"] * 20, *"pts.csv", "enter")
        await pilot.pause(0.2)
        assert screen.state.data.name == "csv:pts.csv" and screen.state.epoch == 2
        assert "pts.csv" in screen_text(app)
        await pilot.press("O", "enter")
        await pilot.pause(0.2)
        assert len(screen.history) == 3 and screen.state.settings.dataset == "circle"
        await pilot.press("y")
        await pilot.pause()
        text = app.clipboard
        assert text == state_string(screen.state)
        assert f"--state {text}" in "".join(n.message for n in app._notifications)


def test_a_state_string_on_the_command_line_opens_the_playground():
    from core.playground.state import start
    from tui.cli import parse_args

    args = parse_args(["--state", state_string(start())])
    assert args.playground and args.playground_start[0].settings.hidden == (4, 2)
    assert parse_args(["--playground"]).playground
    with pytest.raises(SystemExit):
        parse_args(["--playground", "--dataset", "xor"])
    with pytest.raises(SystemExit):
        parse_args(["--state", "pg1.junk"])


async def test_chapter_9s_G_the_contents_and_the_palette_open_the_playground():
    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s", "s", "s")
        chapter_net = app.screen.lab.current.net
        await pilot.press("G")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, PlaygroundScreen)
        state = screen.state
        assert state.epoch == 3 and state.data.name == "xor4" and state.net.sizes == (2, 2, 1)
        assert np.array_equal(state.net.params, chapter_net.net.params)
        assert "XOR, chapter 9" in screen_text(app) and "no test points" in numbers(app)
        await pilot.press("B")
        await pilot.pause(0.3)
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Open the playground" in titles
        await pilot.press("t")
        await pilot.pause()
        assert "G  The playground" in screen_text(app)
        await pilot.press("G")
        await pilot.pause(0.3)
        assert app.screen is screen and screen.state is state  # kept while you read


async def test_every_key_is_in_help_and_the_palette_and_the_main_ones_in_the_key_bar():
    app = playground()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        for key in ("s Epoch", "r Run/pause", "u Undo", "d Data", "a Activation", "? Help"):
            assert key in bar, key
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for binding in PlaygroundScreen.BINDINGS:
            assert binding.description in titles, binding.description
        assert {"Data: spiral, 3 classes", "Hidden activation: relu"} <= titles
        keys = [b.description for _, bindings in help_sections(app.screen, list(NeuronApp.BINDINGS)) for b in bindings]
        assert all(b.description in keys for b in PlaygroundScreen.BINDINGS)
        await pilot.press("ctrl+p", *"two moons", "enter")
        await pilot.pause(0.3)
        assert app.screen.state.settings.dataset == "moons"


def cut(app) -> list[str]:
    """Lines or titles that do not fit where they are drawn."""
    from tui.playground.rows import BandedRows
    from tui.widgets.lines import LinesView
    from tui.widgets.number_field import NumberField

    screen, problems = app.screen, []
    for view in screen.query(BandedRows):
        for row in view.rows:
            if sum(p.width for p in row) > view.size.width:
                problems.append(f"{view.id}: {''.join(p.text if isinstance(p, Run) else '#' * p.width for p in row)}")
    for view in screen.query(LinesView):
        if view.display and view.size.width:
            problems += [f"{view.id}: {line.plain}" for line in view.lines
                         if len(line.plain) > view.size.width]
    focus = screen.query_one("#pg-focus").plain
    if not re.search(r"\ba = |\bp\d = |it feeds|turns it on", focus):
        problems.append(f"the focused neuron's working ends early: {focus}")
    for field in screen.query(NumberField):
        if len(f"{field.label} ".ljust(3) + field._text()) > field.size.width:
            problems.append(f"field {field.label}")
    for pane in screen.query("#pg-top > *, #pg-side > *, #pg-bottom > *, #pg-focus-pane"):
        title = pane.border_title
        plain = Text.from_markup(title).plain if title else ""
        if len(plain) > pane.size.width - 2:
            problems.append(f"title {plain}")
    return problems


WIDE = (["greater_than_sign"] * 4 + ["left"] * 7 + ["down", "down", "space"] +
        ["down", "space"] * 4 + ["right"] + ["plus"] * 4 + ["s"])
"""Six hidden layers, every input on, a first layer of eight."""


@pytest.mark.parametrize("keys", [
    [],
    ["s", "left", "left", "left"],  # an input focused
    WIDE,
    ["D", "s"],  # regression
    ["D", "D", "D", "s", "right"],  # three classes, an output of three
], ids=["start", "input", "wide", "regression", "three-classes"])
async def test_nothing_is_cut_at_80x24(keys):
    app = playground()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.2)
        assert cut(app) == []
        assert "▸" in screen_text(app)


async def test_without_colour_the_map_is_drawn_in_glyphs(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = playground()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        lines = screen_text(app).splitlines()[1:10]
        assert any(ch in "".join(lines) for ch in "░▒▓█")
        assert app.screen.query_one("#pg-map").rows[0][1].scale.mono


def test_the_grid_samples_pixel_centres():
    grid = Grid((-6, 6, -6, 6), 4, 2)
    assert grid.points[0].tolist() == [-4.5, 4.5] and grid.points[-1].tolist() == [4.5, -4.5]
    assert grid.pixel(-4.5, 4.5) == (0, 0) and grid.pixel(100, -100) == (3, 3)


def test_the_map_levels_show_the_side_of_zero_and_how_far():
    from tui.playground.colours import MONO_RAMP, MapScale, rgb, softmax_levels

    v = np.array([-1, -0.5, -0.49, -1e-9, 0, 1e-9, 0.49, 0.5, 1, np.nan, np.inf])
    assert levels(v).tolist() == [0, 0, 1, 1, 2, 3, 3, 4, 4, 2, 4]
    assert rgb(0) == (245, 147, 34) and rgb(2) == (232, 234, 235) and rgb(4) == (8, 119, 189)
    probs = np.array([[0.9, 0.05, 0.05], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    assert [(lv - 5) // 3 for lv in softmax_levels(probs)] == [0, 1, 2]
    assert MapScale(True).cell(4, 4)[0] == MONO_RAMP[4] == "█"


def test_curves_are_thinned_by_a_stride_that_keeps_the_same_points():
    from tui.playground.texts import thin

    points = list(range(1000))
    kept = thin(points, 100)
    assert kept[0] == 0 and kept[-1] == 999 and len(kept) <= 101
    assert set(thin(points + [1000], 100)) - {1000} <= set(kept) | {999}


def test_sixteen_colours_get_a_scale_of_their_own():
    from rich.color import Color, ColorSystem

    from tui.playground.colours import ANSI_LEVELS, colour

    for level, ansi in enumerate(ANSI_LEVELS):
        assert colour(level, True).downgrade(ColorSystem.STANDARD).number == ansi
    light = [colour(level, False).downgrade(ColorSystem.STANDARD).number for level in (1, 3)]
    assert light[0] == light[1]  # Playground's light orange and light blue: one colour there
    assert isinstance(colour(0, False), Color)


async def test_help_says_what_the_maps_points_and_weight_glyphs_mean():
    from textual.widgets import Markdown

    from tui.playground.colours import MONO_CLASSES, MONO_RAMP
    from tui.playground.network_rows import weight_glyph

    # the thresholds the help states are the ones the network draws with
    sizes = {0.099: "·", 0.1: "•", 0.499: "•", 0.5: "●", 1.99: "●", 2.0: "■"}
    hollow = dict(zip("·•●■", "·∘○□"))
    for w, glyph in sizes.items():
        assert weight_glyph(w) == glyph and weight_glyph(-w) == hollow[glyph]
    app = playground()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        text = " ".join(app.screen.query_one(Markdown).source.split())
        assert "What the playground shows" in text
        assert "`·` below 0.1 in size, `•`/`∘` below 0.5, `●`/`○` below 2, `■`/`□` from 2" in text
        assert "blank `·` `░` `▒` `█`, from −1 to +1, and `·`, `▒`, `█` for the likeliest" in text
        assert MONO_RAMP == " ·░▒█" and MONO_CLASSES == "·▒█"
        await pilot.press("escape", "B")  # the book's help says nothing of the playground
        await pilot.pause(0.3)
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        assert "What the playground shows" not in app.screen.query_one(Markdown).source


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_random_keys_break_nothing_in_the_playground(size):
    import random

    from tests.tui.monkey import mash, still_responds

    app = playground()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert await mash(app, pilot, random.Random(size[0]), 200) == 200
        assert await still_responds(app, pilot)
        state = app.screen.state if isinstance(app.screen, PlaygroundScreen) else None
        assert state is None or np.all(np.isfinite(state.net.params))
        assert not re.search(r"\bnan\b|\binf\b", screen_text(app))

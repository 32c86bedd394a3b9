"""Small terminals: one pane at a time from 40×15 up to 80×24, and below that a clear message
that q dismisses by quitting; growing restores everything."""

import numpy as np
import pytest

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.lab.screen import LabScreen
from tui.screens.too_small import TooSmallScreen


async def test_too_small_shows_a_message_and_growing_restores_the_screen():
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "s")
        before = screen_text(app)
        state = app.screen.view.state
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = screen_text(app)
        assert "40×15" in text and "40×12" in text and "Make the window larger" in text
        await pilot.press("s", "u", "R", "L", "question_mark", "ctrl+p")
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, LabScreen) and app.screen.view.state is state
        assert screen_text(app) == before


async def test_starting_in_a_small_terminal_says_so():
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=(39, 20)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, TooSmallScreen) and "39×20" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.number == 3 and "3 · Logits and softmax" in screen_text(app)


async def test_resizing_while_training_runs_loses_nothing():
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.resize_terminal(50, 15)
        await pilot.pause(0.2)
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.2)
        await pilot.press("r")
        lab = app.screen
        steps = lab.view.state.steps
        assert steps > 2 and len(lab.history) == steps + 1
        params = lab.view.state.neuron.params
        await pilot.press("u")
        assert lab.view.state.steps == steps - 1
        assert not np.array_equal(lab.view.state.neuron.params, params)
        assert "z = w·x + b" in screen_text(app)


async def test_q_quits_from_the_too_small_screen(tmp_path):
    app = NeuronApp(start="book", chapter=2, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("opens", [("t",), ("ctrl+p", "c", "h")], ids=["contents", "palette"])
async def test_a_list_open_over_the_book_survives_a_window_of_a_few_cells(opens):
    # Textual's OptionList measured its options' text in lines of zero cells and raised
    # ValueError from inside the layout, ending the app (a 12,000-key random run found it).
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*opens)
        await pilot.pause(0.3)
        for cols, rows in ((4, 3), (6, 2), (1, 1)):
            await pilot.resize_terminal(cols, rows)
            await pilot.pause()
            assert app.is_running
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.is_running and app.screen.number == 4

"""Thousands of random keys on every screen and size: no exception, and the app still answers."""

import random
import zlib

import pytest

from tests.tui.monkey import SIZES, STARTS, mash, still_responds
from tui.app import NeuronApp

KEYS_PER_SESSION = 120  # 13 screens × 3 sizes × 120 = 4,680 keys in all


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("start,chapter", STARTS, ids=[f"{s}{c or ''}" for s, c in STARTS])
async def test_random_keys_break_nothing(start, chapter, size):
    seed = zlib.crc32(repr((start, chapter, size)).encode())  # stable across runs
    app = NeuronApp(start=start, chapter=chapter)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        sent = await mash(app, pilot, random.Random(seed), KEYS_PER_SESSION)
        assert sent == KEYS_PER_SESSION
        assert await still_responds(app, pilot)


async def test_contents_closed_by_two_keys_in_one_burst():
    from tests.tui.monkey import key_event
    from tui.screens.book import BookScreen

    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        for key in ("enter", "3", "escape", "2"):
            app._driver.send_message(key_event(key))
        await pilot.pause(0.3)
        assert isinstance(app.screen, BookScreen) and app.screen.number in (3, 5)
        async with app.screen._switching:  # a switch still under way ends before the app does
            pass


async def test_dataset_switches_faster_than_the_editor_reshapes():
    from tests.tui.monkey import key_event

    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in "dddddDDdddDdDDdd" * 3:
            app._driver.send_message(key_event(key))
        await pilot.pause(0.5)
        state = app.screen.view.state
        fields = app.screen.query(".w-field")
        assert len(fields) == state.data.n_inputs
        assert [f.value for f in fields] == list(state.neuron.w)


async def test_overlays_close_once_even_when_asked_twice_at_once(tmp_path):
    """Two closing keys in one burst reach a screen that is still closing: only one counts.

    The actions are called directly, back to back, which is what a burst amounts to; the test
    then sleeps rather than pausing the pilot, whose pause would wait on the closing screen.
    """
    import asyncio

    from tui.screens.book import BookScreen
    from tui.lab.screen import LabScreen

    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        contents = app.screen
        contents.action_pick(3)
        contents.action_close()
        await asyncio.sleep(0.5)
        assert isinstance(app.screen, BookScreen) and app.screen.number == 3
        await pilot.press("question_mark")
        helper = app.screen
        helper.action_close()
        helper.action_close()
        await asyncio.sleep(0.3)
        assert isinstance(app.screen, BookScreen)
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("W")
        prompt = app.screen
        prompt.action_cancel()
        prompt.action_cancel()
        await asyncio.sleep(0.3)
        assert isinstance(app.screen, LabScreen)

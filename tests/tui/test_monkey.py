"""Thousands of random keys on every screen, with the palette and resizes mixed in: no
exception, and the app still answers."""

import random
import zlib

import pytest

from tests.tui.monkey import SIZES, STARTS, MonkeyApp, mash, still_responds
from tui.app import NeuronApp

KEYS_PER_SESSION = 360  # 14 screens × 360 = 5,040 keys in all


@pytest.mark.parametrize("start,chapter", STARTS, ids=[f"{s}{c or ''}" for s, c in STARTS])
async def test_random_keys_break_nothing(start, chapter):
    seed = zlib.crc32(repr((start, chapter)).encode())  # stable across runs
    app = MonkeyApp(start=start, chapter=chapter)
    async with app.run_test(size=SIZES[seed % len(SIZES)]) as pilot:
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


async def _settled(pilot, done, seconds: float = 5.0) -> None:
    """Pause until ``done()`` (a loaded machine may take seconds over a burst), then a little
    more, so that any key still on its way has arrived."""
    for _ in range(int(seconds / 0.05)):
        if done():
            break
        await pilot.pause(0.05)
    await pilot.pause(0.2)


async def test_keys_typed_in_the_same_read_as_the_key_that_opens_a_screen_reach_it(tmp_path):
    """W, a name and enter in one read save under that name (the letters went to the lab's
    field, and the enter opened its editor under the dialog); in the dialog, ctrl+u before a
    name no longer clears it afterwards, nor does escape act after a key behind it; t and a
    digit open the chapter."""
    from tests.tui.monkey import send
    from tui.lab.screen import LabScreen
    from tui.screens.book import BookScreen
    from tui.screens.path_prompt import PathPrompt

    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send(app, ["W", *str(tmp_path / "mine.json"), "enter"])
        await _settled(pilot, lambda: (tmp_path / "mine.json").exists())
        assert isinstance(app.screen, LabScreen) and (tmp_path / "mine.json").exists()
        assert app.screen.focused.id == "w-0" and not app.screen.query("NumberField Input")
        send(app, ["O", "escape", "W", "ctrl+u", *str(tmp_path / "two.json"), "enter"])
        await _settled(pilot, lambda: (tmp_path / "two.json").exists())
        assert isinstance(app.screen, LabScreen) and (tmp_path / "two.json").exists()
        send(app, ["W", "ctrl+u", "x", "backspace", "y", "home", "z", "end"])
        await pilot.pause(0.5)
        assert isinstance(app.screen, PathPrompt) and app.screen.query_one("Input").value == "zy"
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send(app, ["t", "5"])
        for _ in range(100):  # a loaded machine may take a while to open and close them
            await pilot.pause(0.05)
            if isinstance(app.screen, BookScreen):
                break
        assert isinstance(app.screen, BookScreen)
        async with app.screen._switching:
            assert app.screen.number == 5


async def test_keys_typed_in_the_same_read_as_G_reach_the_playground():
    """G in chapter 9's lab opened the playground only after the keys behind it in the same
    read had gone to the chapter's lab: s s stepped the chapter, not the playground."""
    from tests.tui.monkey import send
    from tui.playground.screen import PlaygroundScreen

    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send(app, ["G", "s", "s"])
        await _settled(pilot, lambda: isinstance(app.screen, PlaygroundScreen)
                       and app.screen.history.current.epoch == 2)
        assert isinstance(app.screen, PlaygroundScreen)
        assert app.screen.history.current.epoch == 2

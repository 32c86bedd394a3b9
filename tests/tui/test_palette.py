"""The command palette: its commands act on the book or lab whatever is open over it, and it
takes keys as fast as ssh delivers them (several in one read)."""

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from tests.tui.monkey import key_event
from tui.app import NeuronApp
from tui.lab.screen import LabScreen
from tui.screens.book import BookScreen
from tui.screens.contents import ContentsScreen
from tui.screens.help import HelpScreen
from tui.screens.path_prompt import PathPrompt

SIZE = (100, 30)


def burst(app: NeuronApp, *keys: str) -> None:
    """Keys that arrive in one read, as ssh delivers quick typing."""
    for key in keys:
        app._driver.send_message(key_event(key))


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Pause until ``condition()`` holds (a loaded machine is slow), for at most ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


def palette_open(app: NeuronApp) -> bool:
    return CommandPalette.is_open(app)


def matches(app: NeuronApp) -> int:
    """How many commands the palette on top lists (0 until it has composed its list: under
    load a just-pushed palette may not have its widgets yet)."""
    return sum(options.option_count for options in app.screen.query(CommandList))


async def settled(pilot) -> None:
    """Wait for the palette to close and any chapter switch under way to end."""
    await until(pilot, lambda: not palette_open(pilot.app))
    await pilot.pause()
    if isinstance(pilot.app.screen, BookScreen):
        async with pilot.app.screen._switching:
            pass
    await pilot.pause()


async def run_from_palette(pilot, command: str, *then: str) -> None:
    """ctrl+p, type ``command``, wait for the matches, then send enter (and ``then``) at once."""
    await pilot.press("ctrl+p", *command)
    await until(pilot, lambda: matches(pilot.app) > 0)
    burst(pilot.app, "enter", *then)
    await settled(pilot)


async def test_book_commands_picked_over_help_or_contents_act_on_the_book():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=SIZE) as pilot:
        for overlay, command, chapter in (("question_mark", "chapter 1", 1),
                                          ("t", "chapter 3", 3),
                                          ("question_mark", "open the book", 3)):
            await pilot.press(overlay)
            assert isinstance(app.screen, (HelpScreen, ContentsScreen))
            await run_from_palette(pilot, command)
            assert isinstance(app.screen, BookScreen) and app.screen.number == chapter
            assert (app.progress.chapter, app.progress.place) == (chapter, "book")
        await pilot.press("question_mark", "L")  # help stays open in the book beneath the lab
        await pilot.pause()
        await pilot.press("question_mark")
        await run_from_palette(pilot, "open the book")  # over help in the lab, and in the book
        assert isinstance(app.screen, BookScreen) and app.screen.number == 3
        await pilot.press("L")
        await pilot.pause()
        await run_from_palette(pilot, "chapter 4")
        assert isinstance(app.screen, BookScreen) and app.screen.number == 4


async def test_a_lab_command_picked_over_a_dialog_closes_it_and_acts_on_the_lab():
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        assert isinstance(app.screen, PathPrompt)
        await run_from_palette(pilot, "Dataset: XOR")
        assert isinstance(app.screen, LabScreen)
        assert app.screen.history.current.data.name == "xor"


async def test_two_enters_in_one_read_close_the_palette_once():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "chapter 5", "enter")  # from the book
        assert isinstance(app.screen, BookScreen) and app.screen.number == 5
        await pilot.press("L")
        await pilot.pause()
        await run_from_palette(pilot, "chapter 6", "enter")  # from the lab
        assert isinstance(app.screen, BookScreen) and app.screen.number == 6


async def test_a_command_picked_with_two_enters_runs_once():
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "Step", "enter", "enter")
        assert isinstance(app.screen, LabScreen) and app.screen.history.current.steps == 1


@pytest.mark.parametrize("key", ["pageup", "pagedown"])
async def test_a_page_key_straight_after_ctrl_p_is_harmless(key):
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "ctrl+p", key, key)
        await until(pilot, lambda: palette_open(app))
        await pilot.pause(0.3)
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, LabScreen)


async def test_the_theme_palette_closes_once_too():
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"theme")
        await until(pilot, lambda: matches(app) > 0)
        burst(app, "enter")
        await until(pilot, lambda: palette_open(app) and any(
            i.placeholder.startswith("Search for them") for i in app.screen.query(CommandInput)))
        await pilot.press(*"dracula")
        await until(pilot, lambda: matches(app) > 0)
        burst(app, "enter", "enter")
        await settled(pilot)
        assert isinstance(app.screen, LabScreen) and app.theme == "dracula"

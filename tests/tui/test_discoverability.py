"""Every key can be found: footer, help screen, command palette, --help."""

import subprocess
import sys

import pytest

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.cli import parse_args
from tui.book.chapter import CHAPTERS
from tui.screens.help import HelpScreen
from tui.lab.screen import LabScreen


async def test_help_screen_lists_every_lab_key_and_closes(app):
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one("Markdown")
        source = markdown.source
        for binding in LabScreen.BINDINGS:
            assert binding.description in source, binding.description
        await pilot.press("escape")
        assert isinstance(app.screen, LabScreen)


async def test_help_in_the_middle_of_a_chapter_switch_lists_the_new_chapters_lab_keys():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.screen.number = 5
        await app.screen.query_one("#lab-holder").remove_children()  # as a switch does first
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one("Markdown").source
        assert "In this chapter's lab (Gradient descent)" in source
        for binding in CHAPTERS[4].lab_class.BINDINGS:
            assert binding.description in source, binding.description


async def test_footer_shows_the_main_keys_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("s Step", "r Run", "u Undo", "space Phase", "a Activation", "? Help"):
            assert key in footer, key


async def test_palette_offers_every_lab_action_and_runs_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        for binding in LabScreen.BINDINGS:
            if not binding.action.startswith("app."):
                assert binding.description in titles, binding.description
        assert "Activation: ReLU" in titles and "Dataset: XOR" in titles
        for extra in ("Screenshot (SVG)", "Dataset: open a CSV file…", "Save session",
                      "Open session", "Copy state string", "Export history CSV"):
            assert extra in titles, extra
        for command in ("Dataset: XOR", "Step"):
            await pilot.press("ctrl+p", *command, "enter")
            await pilot.pause(0.3)
        state = app.screen.view.state
        assert state.data.name == "xor" and state.steps == 1


@pytest.mark.parametrize("chapter", [c.number for c in CHAPTERS])
async def test_palette_offers_the_chapter_labs_actions(chapter):
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for binding in CHAPTERS[chapter - 1].lab_class.BINDINGS:
            assert f"Lab: {binding.description}" in titles, binding.description
        assert all(f"Chapter {c.number}: {c.title}" in titles for c in CHAPTERS)


async def test_palette_runs_a_chapter_lab_action():
    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Lab: Step", "enter")
        await pilot.pause(0.3)
        assert app.screen.lab.current.net.steps == 1


async def test_undo_is_greyed_out_when_there_is_nothing_to_undo(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("undo", ()) is None
        await pilot.press("s")
        assert app.screen.check_action("undo", ()) is True


def test_version_and_help_on_the_command_line():
    run = [sys.executable, "-m", "tui"]
    out = subprocess.run(run + ["--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("neuron-tui ")
    out = subprocess.run(run + ["--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--seed" in out.stdout and "s step" in out.stdout
    out = subprocess.run(run + ["--bogus"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr


def test_seed_argument():
    assert parse_args(["--seed", "7"]).seed == 7
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--seed", "x"])
    assert exit_info.value.code == 2


async def test_seed_from_the_command_line_is_used():
    app = NeuronApp(seed=9, start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.view.state.seed == 9 and "seed 9" in screen_text(app)

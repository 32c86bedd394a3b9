"""On a phone (40–79 columns or 15–23 rows) the book, the lab and the playground show one pane at a time."""

from __future__ import annotations

import pytest

from tests.tui.conftest import screen_text
from tests.tui.readable import find_cuts, screen_rows
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.book.exercise_panel import ExercisePanel
from tui.screens.book import BookScreen
from tui.widgets.key_bar import KeyBar
from tui.widgets.number_field import NumberField


def shown(app) -> list[str]:
    """The ids of the screen's panes on show."""
    screen = app.screen
    return [s for s in screen.PANES if screen.query_one(s).display]


def key_bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render_line(0).text)


async def test_the_book_shows_prose_lab_and_exercises_in_turn_with_p(tmp_path):
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        assert shown(app) == ["#prose"] and "P Next pane" in key_bar(app)
        assert "An artificial neuron" in screen_text(app)
        await pilot.press("pagedown")  # the prose has the focus: it pages
        assert app.screen.query_one("#prose").scroll_y > 0
        await pilot.press("P")
        assert shown(app) == ["#lab-holder"] and "Lab · The neuron" in screen_text(app)
        book: BookScreen = app.screen
        assert isinstance(app.focused, NumberField)  # the lab works by keyboard
        before = book.lab.a
        await pilot.press("tab", "plus", "plus", "plus")  # w₁ + 0.3
        assert book.lab.neuron.w[0] == pytest.approx(0.8) and book.lab.a != before
        await pilot.press("a")
        assert book.lab.neuron.activation.name == "tanh"
        await pilot.press("P")
        assert shown(app) == ["#exercise"] and "Exercise 1 of" in screen_text(app)
        panel = app.screen.query_one(ExercisePanel)
        assert panel in app.focused.ancestors_with_self  # chapter 1's first asks for a number
        await pilot.press("1", "enter")
        assert "Right" in screen_text(app) or "Not quite" in screen_text(app)
        await pilot.press("P")
        assert shown(app) == ["#prose"]
        await pilot.press("e")  # e shows the exercises, ready to answer
        assert shown(app) == ["#exercise"] and panel in app.focused.ancestors_with_self
        await pilot.press("right_square_bracket")  # the next chapter keeps the pane on show
        await pilot.pause()
        assert book.number == 2 and shown(app) == ["#exercise"]


async def test_growing_to_80x24_puts_the_panes_side_by_side_again(tmp_path):
    app = NeuronApp(start="book", chapter=4, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        assert shown(app) == ["#lab-holder"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown(app) == list(app.screen.PANES) and "P Next pane" not in key_bar(app)
        await pilot.press("P")  # no pane to switch to: nothing happens
        assert shown(app) == list(app.screen.PANES)
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert shown(app) == ["#lab-holder"]  # the pane it showed before


async def test_the_free_lab_shows_its_panes_in_turn_and_trains_from_any(tmp_path):
    app = NeuronApp(start="lab", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(50, 18)) as pilot:
        await pilot.pause()
        lab = app.screen
        assert shown(app) == ["#editor"] and app.focused.id == "w-0"
        await pilot.press("1", ".", "5", "enter")  # typed into w₁
        assert lab.view.state.neuron.w[0] == 1.5
        seen = []
        for _ in lab.PANES:
            await pilot.press("P")
            seen += shown(app)
            await pilot.press("s")
        assert seen == list(lab.PANES[1:]) + ["#editor"]
        assert lab.view.state.steps == len(lab.PANES)
        assert "P Next pane" in key_bar(app)


async def test_no_text_is_lost_on_a_phone(tmp_path):
    """Every pane of every chapter, and of the free lab, at two phone sizes: nothing is cut
    (a line too wide for the pane is broken over rows; a pane too tall scrolls with pgdn)."""
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    cuts = set()
    async with app.run_test(size=(40, 15)) as pilot:
        for size in ((40, 15), (60, 20)):
            await pilot.resize_terminal(*size)
            for chapter in CHAPTERS:
                await app.screen.show_chapter(chapter.number)
                for _ in app.screen.PANES:
                    await pilot.press("P")
                    await pilot.pause()
                    cuts |= {f"{size} chapter {chapter.number}: {cut}"
                             for cut in find_cuts(app.screen, wrapped=True)}
        await pilot.press("L")
        for size in ((40, 15), (60, 20)):
            await pilot.resize_terminal(*size)
            for _ in app.screen.PANES:
                await pilot.press("P")
                await pilot.pause()
                cuts |= {f"{size} lab: {cut}" for cut in find_cuts(app.screen, wrapped=True)}
    assert not cuts, "\n".join(sorted(cuts))


async def test_pgdn_pages_a_lab_taller_than_the_phone(tmp_path):
    app = NeuronApp(start="book", chapter=6, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        lab = app.screen.lab
        assert lab.max_scroll_y > 0 and lab.scroll_y == 0  # its rows do not all fit
        await pilot.press("pagedown")
        await pilot.pause()
        assert lab.scroll_y == lab.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert lab.scroll_y == 0


async def test_help_contents_and_notation_read_whole_on_a_phone(tmp_path):
    """The pages over the book fit a phone too: the contents' heading wraps and its list
    scrolls (at 40×15 the heading ran 52 columns into 34 and the list a row past the frame)."""
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    cuts = set()
    async with app.run_test(size=(40, 15)) as pilot:
        for size in ((40, 15), (60, 20), (79, 23)):
            await pilot.resize_terminal(*size)
            for keys in (("question_mark",), ("t",), ("t", "end"), ("N",), ("N", "end")):
                await pilot.press(*keys)
                await pilot.pause()
                cuts |= {f"{size} {' '.join(keys)}: {cut}"
                         for cut in find_cuts(app.screen, wrapped=True)}
                await pilot.press("escape")
    assert not cuts, "\n".join(sorted(cuts))


def drawn_as_given(app, selector: str) -> list[str]:
    """Rows where the screen shows other text than the rows ``selector`` (a BandedRows) was
    given: a band drawn at a column it no longer holds leaves old text beside the new."""
    view = app.screen.query_one(selector)
    region = view.content_region
    rows = screen_rows(app.screen)
    wrong = []
    for y, line in enumerate(view.plain.splitlines()[:region.height]):
        on_screen = rows[region.y + y][region.x:region.right]
        if any(c != " " and c != s for c, s in zip(line, on_screen)) or \
                any(s not in " ▀▄█" and c == " " for c, s in zip(line.ljust(len(on_screen)), on_screen)):
            wrong.append(f"{selector} row {y}: {on_screen.rstrip()!r} for {line.rstrip()!r}")
    return wrong


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 20), (70, 24)])
async def test_the_playground_shows_its_panes_in_turn_whole_on_a_phone(size):
    """Below 80×24 the playground shows one pane at a time, as the book and the lab do: at
    80×20 its network's layer names ran into each other, at 40×20 its fields did."""
    app = NeuronApp(start="playground")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "P Next pane" in key_bar(app)
        seen, problems = [], []
        for _ in screen.PANES:
            seen += shown(app)
            problems += find_cuts(screen, wrapped=True)
            problems += [p for s in ("#pg-map", "#pg-net") if screen.query_one(s).size.height
                         for p in drawn_as_given(app, s)]
            await pilot.press("s", "P")  # training goes on from any pane
            await pilot.pause()
        assert seen == list(screen.PANES) and shown(app) == [screen.PANES[0]]
        assert screen.state.epoch == len(screen.PANES)
        assert not problems, "\n".join(problems)

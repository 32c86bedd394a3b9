"""The book: chapters open and respond, navigation, contents, and the reader's place."""

import json
from contextlib import asynccontextmanager

import numpy as np
import pytest

from tests.tui.conftest import screen_text
from tests.tui.readable import screen_rows
from tui.app import N_CHAPTERS, NeuronApp
from tui.cli import parse_args
from tui.book.chapter import CHAPTERS
from tui.book.exercise_panel import ExercisePanel
from tui.screens.book import BookScreen
from tui.lab.screen import LabScreen
from tui.widgets.number_field import NumberField


def book(app) -> BookScreen:
    assert isinstance(app.screen, BookScreen)
    return app.screen


def test_chapter_count_matches_the_book():
    assert N_CHAPTERS == len(CHAPTERS) and [c.number for c in CHAPTERS] == list(range(1, N_CHAPTERS + 1))


async def test_first_start_opens_chapter_one():
    app = NeuronApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert book(app).number == 1 and "1 · The neuron" in text and "z = w₁x₁ + w₂x₂ + b" in text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: str(c.number))
async def test_every_chapter_renders_at_80x24(chapter):
    app = NeuronApp(start="book", chapter=chapter.number)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        text = screen_text(app)
        assert f"{chapter.number} · {chapter.title}" in text
        assert f"Exercise 1 of {len(chapter.exercises)}" in text
        assert "nan" not in text and "inf" not in text.replace("infinity", "")
        first_line = chapter.prose().splitlines()[0]
        assert first_line.split()[0] in text


async def test_chapter_keys_and_contents_navigate():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket")
        assert book(app).number == 2 and "2 · Activation functions" in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert book(app).number == 1
        await pilot.press("t")
        assert "Contents" in screen_text(app) and "Gradient descent" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        assert book(app).number == 4
        await pilot.press("t", "0")
        await pilot.pause()
        assert isinstance(app.screen, LabScreen)
        await pilot.press("B")
        await pilot.pause()
        assert book(app).number == 4


async def test_lab_is_one_key_away_and_keeps_its_state():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("s", "s")
        steps = app.screen.view.state.steps
        await pilot.press("B", "L")
        await pilot.pause()
        assert isinstance(app.screen, LabScreen) and app.screen.view.state.steps == steps == 2


async def test_place_is_remembered_across_starts(private_config_dir):
    app = NeuronApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
    saved = json.loads((private_config_dir / "progress.json").read_text())
    assert saved["chapter"] == 3 and saved["place"] == "book" and 1 in saved["visited"]
    again = NeuronApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert book(again).number == 3


async def test_a_corrupt_progress_file_is_ignored_with_a_notice(private_config_dir):
    private_config_dir.mkdir(parents=True)
    (private_config_dir / "progress.json").write_bytes(b"\x00\x01 not json")
    app = NeuronApp()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause(0.3)
        assert book(app).number == 1
        assert "Ignored" in screen_text(app)


def test_chapter_option():
    assert parse_args(["--chapter", "3"]).chapter == 3
    for bad in (["--chapter", "0"], ["--chapter", str(N_CHAPTERS + 1)], ["--chapter", "2", "--lab"]):
        with pytest.raises(SystemExit) as exit_info:
            parse_args(bad)
        assert exit_info.value.code == 2


async def test_chapter_1_lab_responds():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = book(app).lab
        assert app.focused.id == "x-0"
        await pilot.press("minus", "minus")
        assert lab.x[0] == pytest.approx(0.8)
        assert f"= {0.5 * 0.8 - 1.2 * 0.3 + 0.1:.3f}".replace("-", "−") in screen_text(app)
        await pilot.press("a")
        assert lab.neuron.activation.name == "tanh" and "a = tanh(z)" in screen_text(app)


async def test_chapter_2_lab_responds():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = book(app).lab
        await pilot.press("right", "right")
        assert lab.z == 2.0
        sig = 1 / (1 + np.exp(-2.0))
        assert f"{sig:.3f}" in screen_text(app) and f"{sig * (1 - sig):.3f}" in screen_text(app)
        await pilot.press("a", "a")
        assert lab.activation.name == "relu" and "ReLU(z) = max(0, z)" in screen_text(app)


async def test_chapter_3_lab_responds():
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = book(app).lab
        p_before = lab.probs[0]
        await pilot.press("plus")
        assert lab.logits[0] == 2.5 and lab.probs[0] > p_before
        await pilot.press(*"10000", "enter")
        assert lab.logits[0] == 10000 and "overflows" in screen_text(app)
        assert lab.probs.sum() == pytest.approx(1.0) and "nan" not in screen_text(app)


async def test_chapter_4_lab_responds():
    app = NeuronApp(start="book", chapter=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = book(app).lab
        await pilot.press("s", "s", "s")
        mse, ce = lab.current
        assert mse.steps == ce.steps == 3 and ce.cost < mse.cost
        assert "step 3" in screen_text(app)
        await pilot.press("u")
        assert lab.current[0].steps == 2


async def test_chapter_5_lab_responds_and_shows_divergence():
    app = NeuronApp(start="book", chapter=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = book(app).lab
        c0 = lab.current.cost
        await pilot.press("s", "s")
        assert lab.current.steps == 2 and lab.current.cost < c0
        app.screen.query_one("#lr", NumberField).focus()
        await pilot.press(*"1.5", "enter")
        for _ in range(40):  # stepping stops mattering once it has diverged
            await pilot.press("s")
            text = screen_text(app)
            if "diverged" in text or "off the map" in text:
                break
        assert "diverged" in text or "off the map" in text
        assert "nan" not in text
        await pilot.press("c")
        assert lab.landscape.name == "two valleys" and lab.current.steps == 0


async def test_exercise_question_follows_the_lab():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", *"-2", "enter")
        panel = app.screen.query_one(ExercisePanel)
        assert "doubled, to −4.000?" in str(panel.query_one("#ex-question").render())


async def test_leaving_the_lab_pauses_a_run():
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        lab = app.screen
        steps = lab.view.state.steps
        await pilot.pause(0.3)
        assert lab.view.state.steps == steps and "running" not in screen_text(app)


async def test_a_verdict_leaves_the_lab_its_whole_height(tmp_path):
    # Under the lab, a verdict took chapter 9's map down to 5 rows and cut the lab's last
    # lines; under the prose it shortens the prose, which scrolls.
    app = NeuronApp(start="book", chapter=9, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.query_one("#lab-holder")
        rows, text = lab.size.height, screen_text(app)
        prose_rows = app.screen.query_one("#prose").size.height
        await pilot.press("e", "1", "enter")  # its first exercise asks for a number
        await pilot.pause()
        assert lab.size.height == rows and app.screen.lab.virtual_size.height <= rows
        assert app.screen.query_one("#prose").size.height < prose_rows
        assert "net 50%" in text and "net 50%" in screen_text(app)  # the lab's last line


async def test_no_exercise_option_is_broken_across_rows(tmp_path):
    # At 80×24 the options wrapped where the words fell: "3 stays" / "the same" and
    # "3 only" / "the largest changes" read as other answers.
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    broken = []
    async with app.run_test(size=(80, 24)) as pilot:
        for chapter in CHAPTERS:
            await book(app).show_chapter(chapter.number)
            await pilot.press("e")
            panel = app.screen.query_one(ExercisePanel)
            for exercise in chapter.exercises:
                await pilot.pause()
                region = panel.content_region
                rows = [row[region.x:region.right] for row in screen_rows(app.screen)
                        [region.y:region.bottom]]
                broken += [f"chapter {chapter.number} {exercise.id}: {i + 1} {option}"
                           for i, option in enumerate(getattr(exercise, "options", ()))
                           if not any(f"{i + 1} {option}" in row for row in rows)]
                await pilot.press("n")
    assert not broken, "\n".join(broken)


@asynccontextmanager
async def answered_at_80x24(chapter: int, answer: str):
    """Chapter ``chapter`` at 80×24, its first exercise answered with ``answer``: the app, its
    pilot and the exercise panel."""
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *answer, "enter")
        await pilot.pause()
        yield app, pilot, app.screen.query_one(ExercisePanel)


async def test_a_solved_exercises_mark_stays_on_its_heading_row():
    # At 80×24 "Exercise 1 of 5 · type the number ✓" is a cell too wide for the panel, and
    # the ✓ took a row of its own.
    async with answered_at_80x24(1, "0.74") as (app, pilot, _):
        n = len(CHAPTERS[0].exercises)
        assert f"Exercise 1/{n} · type the number ✓" in screen_text(app)
        await pilot.resize_terminal(120, 40)  # room for the heading in full
        await pilot.pause()
        assert f"Exercise 1 of {n} · type the number ✓" in screen_text(app)


async def test_a_working_too_wide_for_the_panel_hangs_under_its_equals_sign(tmp_path):
    # The verdict's working was wrapped back to the panel's edge, so at 80×24 chapter 1's
    # "… + (−1.200)·0.300 + 0.100" ended with "0.100" alone at the start of a line.
    async with answered_at_80x24(1, "0.74") as (app, pilot, panel):
        rows = panel.result.plain.splitlines()
        width = panel.scrollable_content_region.width
        assert rows[0].startswith("✓ Right") and all(len(row) <= width for row in rows[1:])
        steps = [row for row in rows[1:] if row and not row.startswith(" ")]
        assert all("=" in row for row in steps), steps  # every unindented row starts a step
        assert any(row.lstrip().startswith("+ 0.100") for row in rows), rows
        await pilot.resize_terminal(120, 40)  # wider: each step of the working on one row
        await pilot.pause()
        working = panel.current.solve(panel.lab).working
        assert panel.result.plain.splitlines()[1:] == "\n".join(working).splitlines()


async def test_a_working_line_of_formula_and_words_is_filled_as_a_sentence(tmp_path):
    # "σ(−z) = 1 − σ(z): the sigmoid is symmetric …" was broken as a formula, its words hung
    # nine cells in, under the "=", as if they were a second formula.
    async with answered_at_80x24(2, "0.27") as (app, pilot, panel):
        rows = panel.result.plain.splitlines()
        width = panel.scrollable_content_region.width
        line = next(s for s in "\n".join(panel.current.solve(panel.lab).working).splitlines()
                    if ": " in s)
        at = next(i for i, row in enumerate(rows) if line.startswith(row) and row)
        ends = at + 1 + next((k for k, row in enumerate(rows[at + 1:]) if not
                              row.startswith("  ") or row.startswith("   ")), len(rows))
        assert len(line) > width and ends - at > 1  # it needed more than one row
        assert all(row.startswith("  ") and not row.startswith("   ")
                   for row in rows[at + 1:ends])
        assert " ".join(row.strip() for row in rows[at:ends]) == line
        assert all(len(row) <= width for row in rows)

"""Chapters 10–12's exercises in the running app: a wrong answer, junk, then the right one,
each verdict with its working on screen; a challenge scored live."""

import pytest

from core.networks.bigram import bigram_step
from tests.tui.conftest import screen_text
from tests.tui.test_exercise_panel import whole_panel_words
from tui.app import NeuronApp
from tui.book.exercise_panel import ExercisePanel

CASES = [  # chapter, a number exercise, what its working shows
    (10, "always-no", "test images show a 3"),
    (11, "epoch-steps", "1297 / 32 = 40.531"),
    (12, "smoothed", "(N + 1) / (row sum + 27)"),
]


@pytest.mark.parametrize("chapter,key,working", CASES)
async def test_typed_answers(chapter, key, working):
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(ExercisePanel)
        panel.index = next(i for i, item in enumerate(panel.items) if item.id == key)
        panel._show_item()
        item = panel.items[panel.index]
        right = item.tolerance.rounded(item.solve(app.screen.lab).value).replace("−", "-")
        await pilot.press("e", *"12345", "enter")
        assert "✗ Not quite" in screen_text(app)
        await pilot.press(*"1x", "enter")
        assert "not a number: 1x" in screen_text(app)
        await pilot.press("escape", *right, "enter")
        words = await whole_panel_words(app, pilot)  # the panel, paged to its end
        assert "✓ Right" in words and working in words
        assert key in app.progress.solved.get(chapter, set())


async def test_the_bigram_challenge_is_met_live_and_recorded():
    app = NeuronApp(start="book", chapter=12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(ExercisePanel)
        panel.index = next(i for i, item in enumerate(panel.items) if item.id == "close")
        panel._show_item()
        assert "Now:" in screen_text(app) and "close" not in app.progress.challenges.get(12, set())
        lab = app.screen.lab
        s = lab.current
        for _ in range(160):
            s = bigram_step(s, grouped=True)
        lab.history.append(s)
        await pilot.press("s", "s")  # two presses: 180 steps, within 0.01
        await pilot.pause()
        assert "close" in app.progress.challenges.get(12, set())

"""Chapter 10's lab at 80×24: its keys move the numbers, and the screen shows them."""

import numpy as np
import pytest

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.chapters.ch10_pixels.sum_line import sum_parts

SIZE = (80, 24)


async def open_lab(pilot, app):
    await pilot.pause()
    return app.screen.lab


async def test_steps_train_on_100_and_test_on_1697():
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        text = screen_text(app)
        assert "is it a 3?" in text and "• test    0.693" in text and "of 1,697" in text
        await pilot.press("s")
        s = lab.current
        assert s.steps == 10 and s.train_cost < 0.693
        assert f"━ train   {s.train_cost:.3f}" in screen_text(app)
        assert "step 10 " in screen_text(app)
        await pilot.press("u")
        assert lab.current.steps == 0


async def test_the_sum_holds_with_the_digits_it_prints():
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        await pilot.press("s", "s", "n", "n")
        s = lab.current
        top, rest, b, z = sum_parts(s.w * lab.x, s.b, lab.z)
        assert round(sum(top) + rest + b, 3) == z and abs(z - lab.z) < 5e-4
        assert abs(rest - (s.w @ lab.x - sum(sorted(s.w * lab.x, key=abs)[-3:]))) < 0.01
        text = screen_text(app)
        assert f"= {z:.3f}".replace("-", "−") in text.replace("= −", "= −")
        assert "(61 more)" in text


async def test_digit_lambda_example_and_mistake_keys():
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        await pilot.press("d")
        assert lab.digit == 4 and "is it a 4?" in screen_text(app) and lab.current.steps == 0
        await pilot.press("l")
        assert lab.current.lam == 0.001 and "λ  0.0010" in screen_text(app)
        await pilot.press("s", "m")
        s = lab.current
        wrong = ((s.task.X_test[lab.example] @ s.w + s.b) > 0) != (s.task.y_test[lab.example] > 0.5)
        assert wrong and "✗" in screen_text(app)
        before = lab.example
        await pilot.press("n")
        assert lab.example == before + 1 and f"test image {before + 2}/1697" in screen_text(app)


async def test_lambda_typed_into_its_field_and_junk_refused():
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        await pilot.press("tab", "enter", *"0.02", "enter")
        assert lab.current.lam == 0.02
        await pilot.press("enter", *"abc", "enter")
        await pilot.pause()
        field = lab.query_one("#lam")
        assert lab.current.lam == 0.02 and "not a number" in field.error
        assert "abc; kept" in screen_text(app)  # said where it was typed


async def test_lambdas_plus_leaves_zero_and_minus_comes_back_to_it():
    """λ starts at 0, and + multiplied it by ten: it stayed 0, and the learner saw nothing
    happen. + from 0 gives 0.001 (l's smallest), − below it gives 0 again."""
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        await pilot.press("tab")
        field = lab.query_one("#lam")
        assert app.focused is field and lab.current.lam == 0.0
        await pilot.press("plus")
        assert lab.current.lam == 0.001 and "λ  0.0010" in screen_text(app)
        await pilot.press("plus")
        assert lab.current.lam == 0.01
        await pilot.press("minus", "minus")
        assert lab.current.lam == 0.0 and "λ  0.0000" in screen_text(app)


@pytest.mark.parametrize("no_color", [False, True])
async def test_weights_image_is_readable_without_colour(monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=SIZE) as pilot:
        lab = await open_lab(pilot, app)
        await pilot.press("s", "s")
        text = screen_text(app)
        if no_color:
            assert any(g in text for g in "░▒▓") and any(g in text for g in "·─━")
            assert "▀" not in text
        else:
            images = lab.query_one("#px-x").lines + lab.query_one("#px-w").lines
            assert len(images) == 8 and all(line.cell_len == 8 for line in images)
            assert "▀" in text  # half blocks where a cell's two pixels differ
        assert np.abs(lab.current.w).max() > 0
        assert "is it a 3?" in text  # the question, whole at 80 columns in either mode


def test_the_first_screen_does_without_numpy_random():
    """About 6 ms and 3 MB to load, for the split of the digits that the chapter opens with."""
    from tests.tui.conftest import modules_after_keys

    assert modules_after_keys((), ("numpy.random",), start="book", chapter=10) == (10, [False])

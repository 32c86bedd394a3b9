"""Chapter 11's lab at 80×24: steps, the example's softmax written out, views, drawing."""

import numpy as np

from core.neuron.softmax import softmax
from tests.tui.conftest import screen_text
from tui.app import NeuronApp

SIZE = (80, 24)


async def test_steps_views_and_the_example_written_out():
    app = NeuronApp(start="book", chapter=11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        assert "0.10" in screen_text(app) and lab.current.steps == 0
        await pilot.press(*"s" * 41)
        s = lab.current
        assert s.steps == 41 and s.epoch == 1 and s.position == 0
        text = screen_text(app)
        assert f"test {s.test_cost:.3f} · {s.test_accuracy:.1%} right" in text
        p = softmax(lab.x @ s.W + s.b)
        y = int(s.data.y_test[0])
        best = int(np.argmax(p))
        row = next(line for line in text.splitlines() if f" {best}  " in line and f"{p[best]:.2f}" in line)
        assert f"{p[best] - (best == y):.2f}".replace("-", "−") in row  # ∂C/∂z = p − y
        assert f"label {y}" in text and f"says {best}" in text
        await pilot.press("v")
        text = screen_text(app)
        assert "W's columns" in text and "▀" in text
        assert f"±{np.abs(s.W).max():.2f}" in text  # the colour scale, not cut at 80 columns
        await pilot.press("v")
        m = s.test_confusion
        assert "true↓ read→" in screen_text(app) and m.sum() == 500
        lines = screen_text(app).splitlines()
        head = next(i for i, line in enumerate(lines) if "true↓ read→" in line)
        assert lines[head + 1].rstrip().endswith("".join(f"{v:>3}" for v in m[0]))
        await pilot.press("u")
        assert lab.current.steps == 40


async def test_drawing_moves_the_probabilities():
    app = NeuronApp(start="book", chapter=11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press(*"s" * 30, "c", "x")
        assert lab.canvas is not None and lab.canvas.pixels.sum() == 0
        blank = lab.probs.copy()
        assert np.allclose(blank, softmax(lab.current.b))  # nothing drawn: z = b
        await pilot.press("i", "down", "i", "down", "i", "down", "i")
        assert lab.canvas.pixels.reshape(8, 8)[3:7, 3].tolist() == [16, 16, 16, 16]
        assert not np.allclose(lab.probs, blank)
        assert f"{lab.probs[int(np.argmax(lab.probs))]:.3f}" in screen_text(app)
        await pilot.press("i")  # full → half
        assert lab.canvas.pixels[6 * 8 + 3] == 8
        await pilot.press("c")
        assert lab.canvas is None and "label" in screen_text(app)
        focused = app.focused
        await pilot.press("down")  # not drawing: the arrow moves the focus again
        assert app.focused is not focused


async def test_the_cursor_comes_back_on_the_other_side_as_the_prose_says():
    """The prose says the cursor, moved past an edge, comes back on the other side."""
    from tui.book.chapter import CHAPTERS

    assert "past an edge it comes back on the other side" in " ".join(
        CHAPTERS[10].prose().split())
    app = NeuronApp(start="book", chapter=11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("c", "x", *["left"] * 4, "i", *["up"] * 4, "i")
        pixels = lab.canvas.pixels.reshape(8, 8)
        assert (lab.canvas.row, lab.canvas.col) == (7, 7)
        assert pixels[3, 7] == 16 and pixels[7, 7] == 16 and pixels.sum() == 32


async def test_batch_field_refuses_junk_and_sets_the_batch():
    app = NeuronApp(start="book", chapter=11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("tab", "enter", *"1297", "enter", "s")
        assert lab.current.batch == 1297 and lab.current.epoch == 1
        await pilot.press("enter", *"0", "enter")
        await pilot.pause()
        assert lab.current.batch == 1297 and "out of range" in lab.query_one("#batch").error

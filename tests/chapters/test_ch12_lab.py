"""Chapter 12's lab at 80×24: the loss falls towards the counts', letters, sampled names."""

import math

import numpy as np

from core.networks.bigram import ALPHABET, sample
from tests.tui.conftest import screen_text
from tui.app import NeuronApp

SIZE = (80, 24)


async def test_loss_falls_towards_the_counts_and_a_typed_letter_shows_its_row():
    app = NeuronApp(start="book", chapter=12)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        counts = lab.counts.count_loss
        assert f"network {math.log(27):.4f} · ━ counts {counts:.4f}" in screen_text(app)
        await pilot.press("s", "s")
        s = lab.current
        assert s.steps == 20 and counts < s.loss < math.log(27)
        assert f"network {s.loss:.4f}" in screen_text(app)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert ALPHABET[lab.letter] == "q" and "q→" in screen_text(app)
        top = ALPHABET[int(np.argmax(s.probs[lab.letter]))]
        row = next(line for line in screen_text(app).splitlines() if f"{s.probs[lab.letter].max():6.3f}" in line)
        assert f"q→ {top} " in row
        await pilot.press("right")
        assert ALPHABET[lab.letter] == "r"
        await pilot.press("slash", "7", "escape")  # not a letter: the bell, then cancelled
        await pilot.pause()
        assert ALPHABET[lab.letter] == "r"


async def test_sampling_names_from_both_models_with_a_visible_seed():
    app = NeuronApp(start="book", chapter=12)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("s", "g")
        seed, net, cnt = lab.samples
        assert seed == 0 and lab.seed == 1
        assert cnt == sample(lab.counts.count_model, 0) and net == sample(lab.current.probs, 0)
        same = sum(a == b for a, b in zip(net, cnt))
        text = screen_text(app)
        assert f"seed 0: {same} of 10 names the same" in text and cnt[0][:16] in text
        await pilot.press("v")
        assert "a→" in screen_text(app)


async def test_the_letter_view_names_as_many_next_symbols_as_the_prose_says():
    """'five at 80×24, more in a taller window, all 27 in a tall one', counted on screen."""
    from tests.chapters.test_ch12_prose import PROSE
    from tui.widgets.lines import LinesView

    words = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    told = next(w for w in words if f"({w} at 80×24, more in a taller window" in PROSE)
    named = {}
    for size in (SIZE, (120, 60)):
        app = NeuronApp(start="book", chapter=12)
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash", "e")
            await pilot.pause()
            rows = app.screen.lab.query_one("#bg-view", LinesView).plain.split("\n")
            named[size] = len(rows) - 3  # the header above, the strip and the alphabet below
            assert "e→" in rows[1] and all(row in screen_text(app) for row in rows)
    assert named[SIZE] == words.index(told) + 1
    assert named[SIZE] < named[(120, 60)] == len(ALPHABET)


async def test_the_loss_curve_is_built_once_for_the_first_screen(monkeypatch):
    """The curve's height follows the letter view's, which follows the lab's: laid out before
    the lab knew its height, the curve was built by plotext at one size, then at another."""
    import tui.widgets.plot as plot

    builds = []
    render_layer = plot.render_layer
    monkeypatch.setattr(plot, "render_layer",
                        lambda spec, w, h: builds.append((w, h)) or render_layer(spec, w, h))
    for size in (SIZE, (120, 40)):
        builds.clear()
        app = NeuronApp(start="book", chapter=12)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            curve = app.screen.lab.query_one("#bg-curve", plot.PlotView)
            assert builds == [tuple(curve.size)] and curve.size.height >= 4

"""Chapters 6–9 at 80×24: each lab answers its keys, and the screen shows the new numbers.

Chapter 9's prose numbers (127 steps, the stuck seeds) are checked in test_ch09_xor."""

import re

import numpy as np
import pytest

from core.data.datasets import get_dataset
from core.networks.net_train import net_step, xor_network
from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.screens.book import BookScreen

SIZE = (80, 24)


def lab_of(app):
    assert isinstance(app.screen, BookScreen)
    return app.screen.lab


def lab_text(app) -> str:
    return "\n".join(v.plain for v in app.screen.lab.query("LinesView"))


async def test_chapter_6_walks_the_graph_forward_then_backward():
    app = NeuronApp(start="book", chapter=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        t = lab.trace
        n_fwd, n_back = len(t.forward), len(t.backward)
        await pilot.press(*"s" * n_fwd)
        c = next(n for n in t.forward if n.name == "C")
        assert f"forward {n_fwd}/{n_fwd}: C" in screen_text(app)
        assert re.search(rf"C\s+{c.value:.3f}\s+·", lab_text(app))  # value shown, no gradient yet
        await pilot.press(*"s" * 3)
        z = next(n for n in t.backward if n.name == "z")
        assert f"backward 3/{n_back}: ∂C/∂z = ∂C/∂a · ∂a/∂z" in screen_text(app)
        assert f"{z.grad:.3f}".replace("-", "−") in lab_text(app)
        await pilot.press(*"s" * (n_back - 3))
        text = screen_text(app)
        assert "finite Δ" in text and "relative gap to finite Δ:" in text
        gap = float(re.search(r"finite Δ: (\S+)", lab_text(app)).group(1).replace("−", "-"))
        assert gap < 1e-6
        await pilot.press("s")  # past the end: refused, nothing moves
        assert lab.position == n_fwd + n_back
        await pilot.press("u")
        assert lab.position == n_fwd + n_back - 1 and "finite Δ" not in lab_text(app)
        await pilot.press("R")
        assert lab.position == 0 and "s: compute the first node" in screen_text(app)


async def test_chapter_6_names_its_activation_and_cost_at_every_step():
    """The exercises ask for ∂C/∂w₁ in states next to the lab's, which needs f and the cost; the
    screen named them only on the walk's forward steps 5 and 6, and a press of a or c changed
    them with nothing on screen to say to what."""
    app = NeuronApp(start="book", chapter=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        width = lab.query_one("#graph").size.width

        def named() -> None:
            f, loss, lines = lab.neuron.activation, lab.loss, lab_text(app).split("\n")
            assert f.title in lines[0] and f"{f.symbol}(z)" in lines[0] and loss.title in lines[0], lines[0]
            assert all(len(line) <= width for line in lines)

        await pilot.press(*"s" * lab.walk_length)  # the walk's end, where exercises are tried
        named()
        await pilot.press("R")
        for _ in range(2):
            for _ in range(5):
                named()
                await pilot.press("a")
            await pilot.press("c")


async def test_chapter_6_zero_input_teaches_its_weight_nothing():
    app = NeuronApp(start="book", chapter=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        await pilot.press("tab", "0", "enter")  # x₂ := 0
        assert lab.x[1] == 0.0 and lab.trace.grad_w[1] == 0.0
        await pilot.press("c")
        assert lab.loss.name == "bce" and lab.trace.grad_w[1] == 0.0
        await pilot.press(*"s" * 16)
        assert re.search(r"w₂\s+\S+\s+0\.000\s+0\.000", lab_text(app))


async def test_chapter_7_schemes_show_health_saturation_and_death():
    app = NeuronApp(start="book", chapter=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        assert lab.setup.scheme.name == "xavier" and "healthy" in screen_text(app)
        await pilot.press("i", "i", "i")
        assert lab.setup.scheme.name == "normal"
        share = lab.probes[-1].saturated
        assert share > 0.5 and f"saturated: {share:.0%} of L5" in screen_text(app)
        await pilot.press("i", "a")
        assert lab.setup.activation.name == "relu" and "dead" in lab_text(app)
        await pilot.press("tab", "enter", *"-2", "enter")  # b₀ := −2
        assert lab.setup.bias == -2.0
        assert f"dying: {lab.probes[-1].dead:.0%} of L5's units never fire" in screen_text(app)
        await pilot.press("v")
        assert "showing ∂C/∂z" in screen_text(app)
        before = lab.probes[0].z.copy()
        await pilot.press("n")
        assert lab.setup.seed == 1 and not np.array_equal(before, lab.probes[0].z)


async def test_chapter_7_gain_field_rescales_the_stack():
    app = NeuronApp(start="book", chapter=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        sigma = lab.probes[0].spread("z").std
        await pilot.press(*"4", "enter")
        assert lab.setup.gain == 4.0
        assert lab.probes[0].spread("z").std == pytest.approx(4 * sigma, rel=1e-9)
        await pilot.press(*"99", "enter")  # out of range: refused where typed
        assert lab.setup.gain == 4.0 and "20" in screen_text(app)


async def test_chapter_8_batch_norm_rescues_tanh_and_keeps_running_stats():
    app = NeuronApp(start="book", chapter=8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        assert "batch norm (train)" in screen_text(app)
        with_norm = float(re.search(r"after tanh: (\d+)%", lab_text(app)).group(1))
        await pilot.press("b")
        assert lab.norm is None and "no norm" in screen_text(app)
        without = float(re.search(r"after tanh: (\d+)%", lab_text(app)).group(1))
        assert without > 50 > with_norm
        await pilot.press("b", "s", "s")  # a fresh normalisation has now seen two batches
        assert lab.norm.batches == 2 and "running, 2 batches" in screen_text(app)
        mean = lab.norm.running_mean[0]
        await pilot.press("m")  # evaluation: running statistics, which stay put
        assert not lab.training and "batch norm (eval)" in screen_text(app)
        await pilot.press("s")
        assert lab.norm.running_mean[0] == mean and lab.norm.batches == 2


async def test_chapter_8_linear_stack_folds_and_tanh_breaks_it():
    app = NeuronApp(start="book", chapter=8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        await pilot.press("v")
        assert "the stack is one linear layer" in screen_text(app)
        assert lab.collapse_result().folded_gap < 1e-12
        await pilot.press("a")
        assert lab.between.name == "tanh" and "no single layer matches" in screen_text(app)
        await pilot.press("d")
        assert "stack 4→5→3" in screen_text(app)


async def test_chapter_9_network_solves_xor_on_screen_and_the_neuron_does_not():
    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        await pilot.press("s", "s", "s")
        assert lab.current.net.steps == 3 and "step 3 · map: network" in screen_text(app)
        reference = xor_network(get_dataset("xor"), 0, 1.0)
        for _ in range(3):
            reference = net_step(reference)
        assert np.array_equal(reference.net.params, lab.current.net.net.params)
        for _ in range(200):
            lab.action_step()
        await pilot.pause()
        snap = lab.current
        assert snap.net.accuracy == 1.0 and snap.single_accuracy < 1.0
        assert "net 100% C" in screen_text(app) and "neuron 100%" not in screen_text(app)
        await pilot.press("m")
        assert "map: h₁" in screen_text(app)
        await pilot.press("u")
        assert lab.current.net.steps == 202


async def test_chapter_9_seed_restarts_both_learners():
    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = lab_of(app)
        await pilot.press("s", "tab", "1", "enter")
        assert lab.seed == 1 and lab.current.net.steps == 0
        assert np.array_equal(lab.current.net.net.params,
                              xor_network(get_dataset("xor"), 1, 1.0).net.params)

"""The lab driven by keys: each test presses keys and checks the state and the screen."""

import asyncio

import numpy as np
import pytest
from textual import events
from textual.widgets import Input

from tests.tui.conftest import screen_text
from tests.tui.monkey import key_event
from tui.values.numbers import fmt
from tui.lab.screen import LabScreen
from tui.widgets.number_field import NumberField


def lab(app) -> LabScreen:
    assert isinstance(app.screen, LabScreen)
    return app.screen


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_renders_every_pane_at(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for visible in ("Neuron · OR", "σ(z) = 1 / (1 + e⁻ᶻ)", "z = w·x + b =", "∇C = (",
                        "w₁ ←", "Cost over steps", "Step", "Undo"):
            assert visible in text, visible
        assert "nan" not in text and "inf" not in text
        for pane in ("#editor", "#act-plot", "#arith", "#train-text", "#cost-plot"):
            region = app.screen.query_one(pane).region
            assert region.width > 0 and region.height > 0, pane


async def test_step_on_or_lowers_cost_and_moves_each_weight_by_minus_lr_times_gradient(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = lab(app).view
        old, grad, lr = before.state.neuron.params, before.plan.grad, before.state.lr
        await pilot.press("s")
        after = lab(app).view.state
        assert after.steps == 1 and after.cost < before.state.cost
        assert np.allclose(after.neuron.params, old - lr * grad, rtol=0, atol=1e-15)
        text = screen_text(app)
        assert f"w₁ {fmt(after.neuron.w[0])}" in text
        assert f"over all 4 examples: {fmt(after.cost)}" in text
        assert "step 1" in text


async def test_undo_restores_the_exact_previous_state(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "s")
        before = lab(app).history.current
        shown = screen_text(app)
        await pilot.press("s", "u")
        assert lab(app).history.current is before
        assert lab(app).view.state is before
        assert screen_text(app) == shown


async def test_a_bad_entry_is_refused_beside_the_field_and_the_old_value_stays(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w0 = lab(app).view.state.neuron.w[0]
        await pilot.press("enter", "ctrl+a", *"abc", "enter")
        field = app.screen.query_one("#w-0", NumberField)
        assert "not a number" in field.error and "not a number" in screen_text(app)
        assert lab(app).view.state.neuron.w[0] == w0
        await pilot.press("escape")
        await pilot.pause()
        assert not field.editing and lab(app).view.state.neuron.w[0] == w0
        await pilot.press(*"2e9", "enter")
        assert "out of range" in screen_text(app)
        assert lab(app).view.state.neuron.w[0] == w0


async def test_an_enter_that_lands_after_escape_does_not_set_the_value(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w0 = lab(app).view.state.neuron.w[0]
        await pilot.press(*"2")
        field = app.screen.query_one("#w-0", NumberField)
        editor = field.query_one(Input)
        await pilot.press("escape")
        # What an enter typed right behind the escape sends, from the editor on its way out:
        field.post_message(Input.Submitted(editor, "2"))
        await pilot.pause()
        assert lab(app).view.state.neuron.w[0] == w0 and not field.error
        assert not field.editing and "w₁ 2.000" not in screen_text(app)


async def test_a_refusal_while_the_editor_leaves_is_drawn_under_the_field(app):
    """The editor's widgets leave one at a time, the error line first: a message arriving in
    between must not look for that line (it crashed the app) and must still be shown."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "ctrl+a", *"abc")
        field = app.screen.query_one("#w-0", NumberField)
        app._driver.send_message(key_event("escape"))
        for _ in range(1000):
            await asyncio.sleep(0)
            if field.query(Input) and not field.query(".nf-error"):
                break
        else:
            pytest.fail("never saw the editor half gone")
        field.show_error("a late refusal")
        await pilot.pause()
        assert app.is_running and not field.editing
        assert "a late refusal" in screen_text(app)


async def test_typing_a_number_on_a_field_sets_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"1.5")
        assert "w₁ 1.5 " in screen_text(app)  # what is being typed is visible in the field
        await pilot.press("enter")
        await pilot.pause()
        assert lab(app).view.state.neuron.w[0] == 1.5
        assert "w₁ 1.500" in screen_text(app)
        assert "z = w·x + b = 1.500·" in screen_text(app)


@pytest.mark.parametrize("keys, value", [
    ("1.75⏎", 1.75),  # the first digit opens the editor; the rest arrive before it has the focus
    ("⏎-2⏎", -2.0),  # enter opens it with the old value selected: '-' is typed, not a nudge
    ("⏎5⏎", 5.0),
])
async def test_a_number_typed_in_one_burst_is_set_whole(app, keys, value):
    """Over SSH a quickly typed number arrives in one read, so every key lands on the field
    before its editor has opened: none may be lost, none taken as a field key."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in keys:
            app._driver.send_message(key_event("enter" if key == "⏎" else key))
        await pilot.pause()
        await pilot.pause()
        field = app.screen.query_one("#w-0", NumberField)
        assert not field.editing and not field.error
        assert lab(app).view.state.neuron.w[0] == value
        assert f"w₁ {fmt(value)}" in screen_text(app)


async def test_keys_typed_behind_the_enter_of_a_burst_act_on_the_lab(app):
    """'1.5⏎a' in one read: the enter sets 1.5 there and then, and 'a' is the lab's key, not a
    letter typed into the editor (which would then have refused '1.5a')."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("1", ".", "5", "enter", "a"):
            app._driver.send_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        state = lab(app).view.state
        assert state.neuron.w[0] == 1.5 and state.neuron.activation.name == "tanh"
        assert not app.screen.query_one("#w-0", NumberField).error


async def test_nudges_typed_in_one_burst_each_count(app):
    """'+++' in one read moves the field three nudges: each nudge starts from the last one's
    value, not from the value the lab last drew (which gave one nudge for three)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#w-0", NumberField)
        start = lab(app).view.state.neuron.w[0]
        for key in ("plus", "plus", "plus", "minus"):
            app._driver.send_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        want = field.nudge(field.nudge(field.nudge(start, 1), 1), 1)
        assert lab(app).view.state.neuron.w[0] == pytest.approx(field.nudge(want, -1))
        assert field.value == lab(app).view.state.neuron.w[0] != start


async def test_a_number_pasted_on_a_field_opens_its_editor_holding_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#w-0", NumberField)
        field.post_message(events.Paste("  -1.25\nsecond line"))
        await pilot.pause()
        assert field.editing and field.query_one(Input).value == "-1.25"
        assert lab(app).view.state.neuron.w[0] != -1.25  # nothing is set until enter
        await pilot.press("enter")
        await pilot.pause()
        assert lab(app).view.state.neuron.w[0] == -1.25 and "w₁ −1.250" in screen_text(app)


async def test_training_keys_go_to_an_open_editor_and_act_once_it_closes(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = lab(app).view.state
        await pilot.press("enter", "s", "u", "space", "r")  # the old value is selected
        field = app.screen.query_one("#w-0", NumberField)
        assert field.query_one(Input).value == "su r"  # typed, not stepped, undone or run
        assert lab(app).view.state is before and lab(app)._timer is None
        assert "Step" not in screen_text(app).splitlines()[-1]  # the footer stops offering it
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        assert lab(app).view.state.steps == before.steps + 1


async def test_nudges_move_by_the_visible_step_and_undo_takes_them_back(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w0 = lab(app).view.state.neuron.w[0]
        await pilot.press("plus", "plus")
        assert lab(app).view.state.neuron.w[0] == pytest.approx(w0 + 0.2)
        await pilot.press("u")
        assert lab(app).view.state.neuron.w[0] == pytest.approx(w0 + 0.1)


async def test_activation_key_re_renders_at_once(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert lab(app).view.state.neuron.activation.name == "tanh"
        text = screen_text(app)
        assert "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)" in text and "a = tanh(" in text
        await pilot.press("a", "a", "a", "a")
        assert lab(app).view.state.neuron.activation.name == "sigmoid"


async def test_dataset_key_switches_data_and_reshapes_the_neuron(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        assert lab(app).view.state.data.name == "nand"
        await pilot.press("d", "d")
        state = lab(app).view.state
        assert state.data.name == "line" and state.neuron.n_inputs == 1 and state.loss.name == "mse"
        await pilot.pause()
        assert not app.screen.query("#w-1") and "w₂" not in screen_text(app)
        assert app.focused is app.screen.query_one("#w-0")
        w0 = lab(app).view.state.neuron.w[0]
        await pilot.press("plus")
        assert lab(app).view.state.neuron.w[0] == pytest.approx(w0 + 0.1)
        assert "cost over all 20 examples" in screen_text(app)
        assert "Training · squared error" in screen_text(app)


async def test_example_keys_change_the_example_on_show(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        assert lab(app).view.state.example == 2
        assert "example 3 of 4:  x = (1.000, 0.000)" in screen_text(app)
        await pilot.press("p", "p", "p")
        assert lab(app).view.state.example == 3


async def test_phase_mode_reveals_one_part_of_the_step_per_key(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        text = screen_text(app)
        assert "phase 1/4 · forward" in text and "∇C = …" in text and "w₁ ← …" in text
        await pilot.press("space", "space")
        text = screen_text(app)
        assert "phase 3/4 · backward" in text and "▶ ∇C = (" in text and "w₁ ← …" in text
        assert lab(app).view.state.steps == 0
        await pilot.press("space")
        assert lab(app).view.state.steps == 1
        assert "phase 4/4 · update" in screen_text(app) and "last step" in screen_text(app)


async def test_phase_update_equals_a_plain_step(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        plain = lab(app).view.state.neuron.params
        await pilot.press("u", "space", "space", "space", "space")
        assert np.array_equal(lab(app).view.state.neuron.params, plain)


async def test_run_steps_continuously_and_pauses(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause(0.4)
        assert "▶ running" in screen_text(app)
        await pilot.press("r")
        steps = lab(app).view.state.steps
        assert steps > 1
        await pilot.pause(0.2)
        assert lab(app).view.state.steps == steps and "running" not in screen_text(app)


async def test_reset_restarts_from_the_seed_and_can_be_undone(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        start = lab(app).view.state.neuron.params
        await pilot.press("s", "s", "s")
        trained = lab(app).view.state
        await pilot.press("R")
        assert lab(app).view.state.steps == 0
        assert np.array_equal(lab(app).view.state.neuron.params, start)
        await pilot.press("u")
        assert lab(app).view.state is trained


async def test_seed_field_reinitialises_the_weights(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w_seed0 = lab(app).view.state.neuron.w
        app.screen.query_one("#seed").focus()
        await pilot.press(*"42", "enter")
        state = lab(app).view.state
        assert state.seed == 42 and "seed 42" in screen_text(app)
        assert not np.array_equal(state.neuron.w, w_seed0)
        assert f"w₁ {fmt(state.neuron.w[0])}" in screen_text(app)


async def test_huge_learning_rate_diverges_visibly_and_stops(app):
    async with app.run_test(size=(100, 30)) as pilot:
        lab(app).set_dataset("line")
        await pilot.press("a", "a", "a", "a")  # linear
        app.screen.query_one("#lr").focus()
        await pilot.press(*"1000", "enter")
        await pilot.press(*"s" * 12)
        text = screen_text(app)
        assert lab(app).view.state.diverged and "diverged" in text
        assert "nan" not in text and "inf" not in text
        steps = lab(app).view.state.steps
        await pilot.press("s", "r")
        await pilot.pause(0.2)
        assert lab(app).view.state.steps == steps
        await pilot.press("u")
        assert not lab(app).view.state.diverged


async def test_stochastic_mode_learns_from_the_example_on_show(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "n")
        view = lab(app).view
        assert view.state.mode == "stochastic" and view.plan.indices.tolist() == [1]
        assert "on example 2 alone" in screen_text(app)
        await pilot.press("s")
        assert lab(app).view.state.example == 2


async def test_single_example_inputs_and_target_are_editable(app):
    async with app.run_test(size=(100, 30)) as pilot:
        lab(app).set_dataset("single")
        await pilot.pause()
        field = app.screen.query_one("#x-0", NumberField)
        assert field.editable
        field.focus()
        await pilot.press(*"3", "enter")
        assert lab(app).view.state.data.X[0, 0] == 3.0
        assert "x = (3.000, 0.300)" in screen_text(app)


async def test_inputs_of_a_fixed_dataset_cannot_be_edited(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#x-0", NumberField)
        assert not field.can_focus
        await pilot.press("tab", "tab", "tab")
        assert app.focused is not None and not app.focused.id.startswith("x-")


async def test_derivative_curve_toggles(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "and σ′(z)" in screen_text(app)
        await pilot.press("f")
        assert "and σ′(z)" not in screen_text(app) and not lab(app).view.show_derivative


async def test_loss_key_switches_cost(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        assert lab(app).view.state.loss.name == "mse"
        assert "C = (a − y)² =" in screen_text(app)


async def test_training_lines_fit_the_pane_so_no_number_is_cut(app):
    # At 80 columns "step 100 · cost over all 20 examples: 0.123" is one cell too wide, and
    # the pane's edge used to cut the cost to 0.12.
    from rich.cells import cell_len

    from tui.widgets.training import TrainingText

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "d", "d")  # the noisy line: 20 examples
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.press(*["s"] * 100)
        await pilot.pause()
        text = app.screen.query_one(TrainingText)

        def fits() -> bool:
            return all(cell_len(line.plain) <= text.size.width for line in text.lines)

        state = lab(app).view.state
        assert state.steps == 100 and fits()
        assert text.lines[0].plain.endswith(fmt(state.cost))
        await pilot.press("space", "space")  # phase 2: the cost line, marked ▶
        await pilot.pause()
        assert fits() and text.lines[1].plain.endswith(fmt(lab(app).view.record.cost))
        await pilot.resize_terminal(120, 40)  # room again: the full wording comes back
        await pilot.pause()
        assert "on all 20 examples" in text.lines[1].plain

"""The exercise panel in the running app: typed answers, verdicts with their working, hints,
challenges, focus, and a panel that fits at every size."""

import json
import re

import pytest

from tests.tui.conftest import screen_text
from tests.tui.monkey import key_event
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.book.exercise import Challenge, ChoiceExercise, ConceptCheck, NumberExercise
from tui.book.exercise_panel import ExercisePanel, option_lines
from tui.book.lab_base import ChapterLab
from tui.values.numbers import fmt
from tui.widgets.answer_field import AnswerField


SPREAD_AS_SIGMA = re.compile(r"σ(?:²| = )")
"""σ² or "σ = …": σ is only the sigmoid (σ(z), σ′, σ·(1 − σ)); a spread is sd, a variance v."""
REWRITTEN = list(range(2, 10))
"""Chapters 2–9 (chapter 1 has its own tests below; chapters 10–12 theirs in tests/chapters)."""


def panel(app) -> ExercisePanel:
    return app.screen.query_one(ExercisePanel)


def panel_words(app) -> str:
    """The panel's part of the screen, row by row, as one line of words: a working line that
    wraps at the panel's edge reads whole here, as it does to the learner."""
    region = panel(app).region
    rows = screen_text(app).splitlines()[region.y:region.bottom]
    return " ".join(" ".join(_row(row, region) for row in rows).split())


def _row(row: str, region) -> str:
    """The panel's part of a screen row, without the scrollbar drawn at its right edge."""
    return row[region.x:region.right].rstrip(" ▁▂▃▄▅▆▇█")


async def whole_panel_words(app, pilot) -> str:
    """The panel's words from its top to its end, paged with pgdn as a learner reads a verdict
    longer than the room under the prose; each row taken once, in order."""
    p = panel(app)
    p.scroll_home(animate=False)
    await pilot.pause()
    rows: dict[int, str] = {}
    while True:
        region, top = p.region, round(p.scroll_y)
        screen = screen_text(app).splitlines()[region.y:region.bottom]
        for i, row in enumerate(screen):
            rows.setdefault(top + i, _row(row, region))
        if top >= p.max_scroll_y:
            break
        await pilot.press("pagedown")
        await pilot.pause()
    return " ".join(" ".join(rows[k] for k in sorted(rows)).split())


def on_panel(app, line: str) -> bool:
    """Whether ``line`` is on screen in the panel, whole (however it wraps)."""
    return " ".join(line.split()) in panel_words(app)


def show(app, key: str) -> None:
    """Bring the chapter's exercise ``key`` on show."""
    p = panel(app)
    p.index = next(i for i, item in enumerate(p.items) if item.id == key)
    p._show_item()


async def test_a_typed_answer_wrong_junk_then_right(private_config_dir):
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("e", *"0.7", "enter")
        text = screen_text(app)
        assert "✗ Not quite" in text and "0.74, not 0.7" in text
        assert on_panel(app, "= 0.500·2.000 + (−1.200)·0.300 + 0.100") and "= 0.740" in text
        assert not app.progress.solved.get(1)
        await pilot.press(*"1x", "enter")
        field = panel(app).answer_field
        assert "not a number: 1x" in screen_text(app) and field.typed == "0.7"
        await pilot.press("escape", *"1,5", "enter")
        assert "use a point for decimals: 1.5" in screen_text(app)
        await pilot.press("escape", *"0.74", "enter")
        text = screen_text(app)
        assert on_panel(app, "✓ Right: 0.74 to 2 decimal places.") and "= 0.740" in text
        assert "not a number" not in text
        assert lab.x[0] == 1.0  # nothing typed reached the lab
    saved = json.loads((private_config_dir / "progress.json").read_text())
    assert saved["version"] == 2 and saved["solved"] == {"1": ["double-x1"]}


async def test_a_negative_answer_and_a_burst_of_keys_land_whole():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "zero-bias")
        for key in ("e", *"-0.14", "enter"):  # one read over ssh: all before the focus moves
            app._driver.send_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        assert panel(app).answer_field.typed == "-0.14"
        assert on_panel(app, "✓ Right: −0.14 to 2 decimal places.")
        assert app.screen.lab.neuron.b == 0.1


async def test_the_hint_is_the_first_step_without_the_answer():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "without-x2")
        await pilot.press("e", "h")
        text = screen_text(app)
        assert "Hint: z′ = w₁x₁ + w₂·0 + b" in text and "= 0.500·1.000 + 0.100" in text
        assert "0.646" not in text and "0.600" not in text


async def test_a_verdict_goes_when_the_lab_changes_its_numbers():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *"0.74", "enter")
        assert "✓ Right" in screen_text(app)
        assert "= 0.740" in screen_text(app)
        await pilot.press("tab", "a")  # another activation: z, this question's answer, stays
        text = screen_text(app)  # in the lab, the verdict's first line only: the lab has room
        assert on_panel(app, "✓ Right: 0.74 to 2 decimal places. e: the working")
        assert "= 0.740" not in text
        await pilot.press("e")
        assert "= 0.740" in screen_text(app) and not on_panel(app, "e: the working")
        await pilot.press("tab")
        await pilot.press("plus")  # x₁ + 0.1: the question and its answer move
        text = screen_text(app)
        assert "✓ Right" not in text and "doubled, to 2.200?" in text
        assert panel(app).answer_field.typed == ""


async def test_tab_from_the_exercises_lands_where_the_lab_keys_work():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        for start in ("double-x1", "raise-w1", "two-points"):
            show(app, start)
            await pilot.press("e")
            assert panel(app).has_focus_within
            await pilot.press("tab", "a")  # one press, then the lab's own key
            assert lab in app.focused.ancestors_with_self
            assert lab.neuron.activation.name != "sigmoid"
            await pilot.press("a", "a", "a", "a")
            assert lab.neuron.activation.name == "sigmoid"


async def test_a_choice_is_answered_with_a_digit_and_shows_its_working():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "raise-w1")
        await pilot.press("e", "2")
        text = screen_text(app)
        assert on_panel(app, "✗ Not quite: the answer is 1, “goes up”.")
        assert on_panel(app, "Δz = 0.5·1.000 = 0.500")
        await pilot.press("1")
        assert on_panel(app, "✓ Right: 1, “goes up”.")
        assert "raise-w1" in app.progress.solved[1]


async def test_a_challenge_is_scored_live_and_recorded_when_met(private_config_dir):
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "two-points")
        await pilot.pause()
        assert "Not yet" in screen_text(app) and "a(1,0) = σ(0.600) = 0.646   ✗" in screen_text(app)
        # The lab's fields in tab order: x₁, w₁, x₂, w₂, b; the focus starts on x₁.
        await pilot.press("tab", *"6", "enter")  # w₁
        assert "a(1,0) = σ(6.100) = 0.998   ✓" in screen_text(app) and "Not yet" in screen_text(app)
        assert "two-points" not in app.progress.challenges.get(1, set())
        await pilot.press("tab", "tab", "enter", *"-6", "enter")  # w₂
        text = screen_text(app)
        assert "✓ Goal met: challenge solved." in text and "a(0,1) = σ(−5.900)" in text
        assert app.progress.challenges[1] == {"two-points"}
        await pilot.press("t")
        await pilot.pause()
        assert "0/4 exercises, 1/1 challenge" in screen_text(app)
    saved = json.loads((private_config_dir / "progress.json").read_text())
    assert saved["challenges"] == {"1": ["two-points"]}


async def answer_every_item(app, pilot, size) -> None:
    """Show each exercise of the chapter open, answer it (wrongly, for a number), and check that
    the panel holds its question, verdict and working whole: no scrolling, no line cut; and
    that no σ there stands for a spread or variance (the book writes sd and v)."""
    p = panel(app)
    for item in list(p.items):
        show(app, item.id)
        await pilot.press("e")
        if isinstance(item, NumberExercise):
            await pilot.press(*"9", "enter")
            lines = item.solve(p.lab).working
        elif isinstance(item, Challenge):
            lines = item.score(p.lab).lines
        else:
            await pilot.press("1")
            lines = item.check(p.lab).working
        await pilot.pause()
        where = f"chapter {app.screen.number}, {item.id}, at {size}"
        words = await whole_panel_words(app, pilot)
        for line in "\n".join(lines).splitlines():
            assert " ".join(line.split()) in words, f"{where}: {line!r} is not there whole"
        assert not SPREAD_AS_SIGMA.findall(words), f"{where}: σ for a spread"
        await pilot.press("tab")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=str)
async def test_nothing_in_chapter_1s_panel_is_cut(size):
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await answer_every_item(app, pilot, size)


async def test_nothing_in_any_chapters_panel_is_cut_at_80x24():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(80, 24)) as pilot:
        for chapter in range(2, len(CHAPTERS) + 1):
            await app.screen.show_chapter(chapter)
            await pilot.pause()
            await answer_every_item(app, pilot, (80, 24))


def test_options_are_never_split_inside_an_option():
    width = 42  # the exercise panel's text at 80×24
    for ch in CHAPTERS:
        for item in ch.exercises:
            if isinstance(item, (ChoiceExercise, ConceptCheck)):
                lines = option_lines(item.options, width)
                for k, option in enumerate(item.options, 1):
                    assert any(f"{k} {option}" in line for line in lines), (ch.number, option)
                assert all(len(line) <= width for line in lines), lines
    assert option_lines(("goes up", "goes down", "stays the same"), 20) == [
        "1 goes up", "2 goes down", "3 stays the same"]


async def test_answer_field_refuses_junk_like_the_lab_fields():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        field = app.focused
        assert isinstance(field, AnswerField)
        for junk, why in (("nan", None), ("1e999", "too large"), ("..", "not a number")):
            await pilot.press("enter")
            field._editor.value = junk
            await pilot.press("enter")
            assert field.error and (why is None or why in field.error), junk
            await pilot.press("escape")
        assert field.typed == "" and "Not quite" not in screen_text(app)
        assert isinstance(app.screen.lab, ChapterLab)


async def test_the_palette_offers_the_exercise_keys():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Exercise: Hint", "Exercise: Next exercise", "Exercise: To the lab",
                      "Exercise: Previous exercise", "Exercise: Answer 1"):
            assert title in titles, title
        await pilot.press("ctrl+p", *"Exercise: Hint", "enter")
        await pilot.pause(0.3)
        assert "Hint: z′ = w₁·2x₁ + w₂x₂ + b" in screen_text(app)


async def burst(app, pilot, *keys: str) -> None:
    """Keys in one read, as ssh delivers quick typing: all queued before any is handled."""
    for key in keys:
        app._driver.send_message(key_event(key))
    await pilot.pause()
    await pilot.pause()


async def test_keys_typed_right_behind_tab_reach_the_lab():
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        await pilot.press("e")
        await burst(app, pilot, "tab", *"5", "enter", "a")
        assert lab.x[0] == 5.0 and lab.neuron.activation.name == "tanh"
        assert panel(app).answer_field.typed == ""


async def test_keys_typed_right_behind_next_reach_the_next_exercise():
    """n, n, a stray enter and a digit in one read: the digit answers the choice two on, and
    nothing opens the answer field of the exercises passed over."""
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "raise-z2")
        await pilot.press("e", "9", "enter")
        await burst(app, pilot, "n", "n", "enter", "2")
        assert panel(app).current.id == "halve-t" and app.focused is panel(app)
        assert "✓ Right: 2, “goes down”." in screen_text(app)


async def test_an_e_inside_a_number_typed_on_a_lab_field_stays_in_the_number():
    app = NeuronApp(start="book", chapter=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lab = app.screen.lab
        app.screen.query_one("#lr").focus()
        await pilot.pause()
        await burst(app, pilot, *"1e-3", "enter")
        assert lab.lr == 0.001 and not panel(app).has_focus_within


@pytest.mark.parametrize("chapter", REWRITTEN)
async def test_right_wrong_and_junk_typed_into_a_chapters_exercise(chapter):
    """As a learner: junk is refused at the field, a wrong number gets ✗ and the working, the
    right one (rounded as the question asks) gets ✓ and the working."""
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        p = panel(app)
        item = next(i for i in p.items if isinstance(i, NumberExercise))
        show(app, item.id)
        solution = item.solve(p.lab)
        await pilot.press("e", *"1x", "enter")
        assert "not a number: 1x" in screen_text(app)
        wrong = solution.value + 20 * item.tolerance.margin(solution.value) + 1
        await pilot.press("escape", *f"{wrong:.6g}", "enter")
        text = screen_text(app)
        assert "✗ Not quite" in text and "not a number" not in text
        last = solution.working[-1].splitlines()[-1]
        assert " ".join(last.split()) in await whole_panel_words(app, pilot), last
        await pilot.press(*item.tolerance.rounded(solution.value).replace("−", "-"), "enter")
        assert "✓ Right" in screen_text(app)
        assert " ".join(last.split()) in await whole_panel_words(app, pilot)
        assert item.id in app.progress.solved[chapter]


async def test_a_sentence_in_a_working_is_wrapped_as_a_sentence():
    """A step of working that is a sentence ("train the network 20 more steps at η = 1.000
    and count…") was broken as a formula, before its "=", so a line read "= 1.000 and count
    the points it": it is filled as words, its later lines set in."""
    app = NeuronApp(start="book", chapter=9)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        show(app, "net-solves")
        await pilot.press("e", "1")
        await pilot.pause()
        region = panel(app).region
        rows = [_row(row, region).strip()
                for row in screen_text(app).splitlines()[region.y:region.bottom]]
        eta = fmt(panel(app).lab.current.net.lr)
        assert on_panel(app, f"more steps at η = {eta} and count the points it puts on the right")
        assert not any(row.startswith(f"= {eta} and") for row in rows)

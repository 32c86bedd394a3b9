"""Held updates lose nothing and leave nothing stale: after bursts of keys, resizes, screens
opened and closed, a chapter switch, the playground running and a training run in the lab, the
terminal shows exactly what one whole, unheld render of the screen shows.

The app runs in-process with its output fed to a terminal emulator (pyte): Textual's headless
driver, told it is not headless, hands every write to the emulator, so the holds and the sending
of only changed pieces (tui/drawing) are what is under test.
"""

from __future__ import annotations

import asyncio
import time

import pyte
import pytest
from textual.drivers.headless_driver import HeadlessDriver

from tui.app import NeuronApp
from tui.drawing.held_updates import MAX_HOLD

SIZE = (100, 30)


@pytest.fixture
def terminal(monkeypatch):
    """A terminal emulator that receives everything the app writes (kept per test)."""
    term = {"screen": pyte.Screen(*SIZE)}
    term["stream"] = pyte.Stream(term["screen"])
    monkeypatch.setattr(HeadlessDriver, "is_headless", property(lambda self: False))
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: term["stream"].feed(data))
    return term


def cells(screen: pyte.Screen) -> list[list[tuple]]:
    """Every cell's character and colours."""
    return [[(c.data, c.fg, c.bg, c.bold, c.reverse, c.italics, c.underscore)
             for c in (screen.buffer[y][x] for x in range(screen.columns))]
            for y in range(screen.lines)]


def unheld_render(app: NeuronApp) -> pyte.Screen:
    """What one whole paint of the current screen shows, on a blank terminal."""
    screen = pyte.Screen(app.size.width, app.size.height)
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    pyte.Stream(screen).feed(update.render_segments(app.console))
    return screen


async def settle(pilot, app: NeuronApp) -> None:
    """Wait until no hold is left and nothing waits to be sent (at most 5 s)."""
    end = time.monotonic() + 5
    await pilot.pause()
    while (app._holding or app._held_back) and time.monotonic() < end:
        await asyncio.sleep(0.02)
    await pilot.pause()
    assert not app._holding and not app._held_back, "a hold never ended"


async def same_as_unheld(pilot, app: NeuronApp, term: dict) -> None:
    await settle(pilot, app)
    screen = term["screen"]
    assert (screen.columns, screen.lines) == tuple(app.size)
    seen, whole = cells(screen), cells(unheld_render(app))
    stale = [y for y, (a, b) in enumerate(zip(seen, whole)) if a != b]
    assert not stale, f"rows {stale} differ from an unheld render:\n" + "\n".join(
        f"{y}: {''.join(c[0] for c in seen[y])!r}\n{y}: {''.join(c[0] for c in whole[y])!r}"
        for y in stale[:3])


async def resize(pilot, term: dict, cols: int, rows: int) -> None:
    term["screen"].resize(rows, cols)
    await pilot.resize_terminal(cols, rows)


async def test_the_book_ends_as_an_unheld_render(terminal):
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=SIZE) as pilot:
        await same_as_unheld(pilot, app, terminal)  # the first screen
        await pilot.press("pagedown", "pagedown", "pageup", "e", "1", "e")  # a burst
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("t")  # the contents, pushed
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("escape", "right_square_bracket", "pagedown")  # popped, a switch
        await same_as_unheld(pilot, app, terminal)
        await resize(pilot, terminal, 80, 24)
        await pilot.press("pagedown", "question_mark")
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("escape")
        await resize(pilot, terminal, 120, 40)
        await same_as_unheld(pilot, app, terminal)


async def test_a_training_run_in_the_lab_ends_as_an_unheld_render(terminal):
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "s", "s", "a", "s")
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("r")  # a run: steps keep coming without keys
        await pilot.pause(0.4)
        await pilot.press("s", "d", "question_mark")  # keys during the run, a screen pushed
        await pilot.pause(0.2)
        await pilot.press("escape")
        await resize(pilot, terminal, 90, 28)
        await pilot.pause(0.3)
        await pilot.press("r")
        await same_as_unheld(pilot, app, terminal)


async def test_the_playground_running_ends_as_an_unheld_render(terminal):
    app = NeuronApp(start="playground")
    async with app.run_test(size=SIZE) as pilot:
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("r")
        await pilot.pause(0.5)
        await pilot.press("plus", "right", "right", "greater_than_sign", "a")
        await resize(pilot, terminal, 120, 40)
        await pilot.pause(0.3)
        await pilot.press("r")
        await same_as_unheld(pilot, app, terminal)
        await pilot.press("s", "s", "less_than_sign")
        await same_as_unheld(pilot, app, terminal)


async def test_a_hold_never_outlasts_its_limit(terminal):
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.begin_hold()  # and never end it, as a bug might
        await pilot.press("s")
        # the step waits: drawn and not sent, or (DrawsWhenSettled) not yet drawn
        assert app._holding == 1 and (app._held_back or app.screen.drawing_deferred)
        app._hold_started = time.monotonic() - MAX_HOLD - 1
        await pilot.press("s")
        await same_as_unheld(pilot, app, terminal)


def test_a_piece_that_later_pieces_hide_between_them_is_not_sent():
    from tui.drawing.sent_screen import _shown

    line = [(0, 10, "old"), (5, 8, "keep"), (0, 4, "a"), (4, 12, "b"), (20, 30, "c")]
    # "old" (0-10) lies under "a" and "b" together; "keep" (5-8) too, so it goes as well
    assert _shown(line) == [(0, 4, "a"), (4, 12, "b"), (20, 30, "c")]
    assert _shown([(0, 10, "x"), (0, 4, "a"), (6, 12, "b")]) == [
        (0, 10, "x"), (0, 4, "a"), (6, 12, "b")]  # cells 4-5 of x still show


async def test_a_print_inside_the_app_is_flushed_without_an_error(private_config_dir):
    """Textual flushes captured print() output through the app's own _flush(stderr=…): the
    held-updates mixin once named its sender _flush too, so a print or a log line in the app
    (a long random-key run met one) raised TypeError."""
    import sys

    app = NeuronApp(start="lab")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print("a line printed inside the app")
        sys.stdout.flush()
        print("and one to stderr", file=sys.stderr)
        sys.stderr.flush()
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("start", ["book", "lab"])
async def test_the_first_screen_is_drawn_once(terminal, monkeypatch, start):
    """Textual drew the first screen whole inside its start-up batch, then again whole once
    the panes had laid themselves out and drawn their plots: two renders for one paint."""
    from textual._compositor import Compositor

    draws = []
    render_update = Compositor.render_update
    monkeypatch.setattr(Compositor, "render_update",
                        lambda self, *a, **k: draws.append(1) or render_update(self, *a, **k))
    app = NeuronApp(start=start, chapter=12 if start == "book" else None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert len(draws) == 1
        await same_as_unheld(pilot, app, terminal)


async def test_a_held_change_is_laid_out_without_waiting_for_textuals_timer(monkeypatch):
    """Textual lays a screen out again on the next tick of a 60 Hz timer, and the first screen
    waited for ticks doing nothing. Here the timer ticks every 30 s, and a hold may wait as
    long for the screen to settle: the first screen still settles, laid out, within seconds."""
    import textual.screen

    from tui.drawing import held_updates

    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 30.0)
    monkeypatch.setattr(held_updates, "SETTLE_LIMIT", 30.0)
    monkeypatch.setattr(held_updates, "MAX_HOLD", 60.0)
    app = NeuronApp(start="book", chapter=10)
    async with app.run_test(size=(120, 40)) as pilot:
        end = time.monotonic() + 5  # no pilot.pause(): it lays the screen out itself
        await asyncio.sleep(0.05)
        while app._holding and time.monotonic() < end:
            await asyncio.sleep(0.02)
        assert not app._holding and not app.screen._layout_required


async def test_a_hold_looks_again_sooner_around_a_layout(monkeypatch):
    """Widgets answer a layout in a moment: a hold waited up to POLL (5 ms) for the look that
    found them done (or done enough for the layout due), where AFTER_UPDATE (1 ms) finds them."""
    from tui.drawing import held_updates

    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        loop = asyncio.get_running_loop()
        updates = iter([True])  # the first look lays the screen out; the rest find it busy
        monkeypatch.setattr(app, "_update_if_only_that_is_due", lambda: next(updates, False))
        monkeypatch.setattr(app, "_settled", lambda: False)
        app.begin_hold()
        app.end_hold_when_settled()
        for _ in range(3):
            app._release_handle.cancel()
            app._release()
            assert app._release_handle.when() - loop.time() <= held_updates.AFTER_UPDATE
        monkeypatch.setattr(app, "_settled", lambda: True)
        app._release()
        assert not app._holding and not app._updated
        # a layout due while a widget is busy: looked for again as soon, not after POLL
        monkeypatch.setattr(app, "_update_due", lambda: True)
        monkeypatch.setattr(app, "_settled", lambda: False)
        app.begin_hold()
        app.end_hold_when_settled()
        app._release_handle.cancel()
        app._release()
        assert app._release_handle.when() - loop.time() <= held_updates.AFTER_UPDATE
        monkeypatch.setattr(app, "_settled", lambda: True)
        app._release()
        assert not app._holding


@pytest.fixture
def draws(monkeypatch) -> list[int]:
    """One entry for every time a screen is drawn (the compositor's render_update)."""
    from textual._compositor import Compositor

    drawn: list[int] = []
    render_update = Compositor.render_update
    monkeypatch.setattr(Compositor, "render_update",
                        lambda self, *a, **k: drawn.append(1) or render_update(self, *a, **k))
    return drawn


async def test_a_chapter_switch_and_an_answer_are_each_drawn_once(terminal, draws):
    """Held output made one paint of a change, but Textual drew the screen each time a part of
    it changed: a switch four times (two of them whole), an answer seven."""
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        draws.clear()
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert app.screen.number == 3 and len(draws) == 1
        await pilot.press("e")
        await settle(pilot, app)
        draws.clear()
        await pilot.press("1", "enter")  # the pilot sends them one at a time
        await settle(pilot, app)
        assert len(draws) <= 2  # the digit typed, then the verdict
        await same_as_unheld(pilot, app, terminal)


async def test_a_stalled_event_loop_does_not_end_a_hold_before_the_screen_settles(
        terminal, draws, monkeypatch):
    """A hold gives the screen SETTLE_LIMIT to settle, but time in which the event loop could
    not run (a loaded server, a long handler, a collection) gave it none: after such a stall the
    hold used to end at its first look, before the layout the answer asked for, and Textual's
    own timer then drew the answer twice more (seen at load 8 on two cores)."""
    from tui.book.exercise_panel import ExercisePanel
    from tui.drawing import held_updates

    monkeypatch.setattr(held_updates, "SETTLE_LIMIT", 0.2)
    stall = 0.5
    verdict = ExercisePanel._verdict

    def stalled_verdict(self, *args):
        time.sleep(stall)  # the event loop runs nothing else meanwhile
        verdict(self, *args)

    monkeypatch.setattr(ExercisePanel, "_verdict", stalled_verdict)
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await settle(pilot, app)
        await pilot.press("1")
        await settle(pilot, app)
        draws.clear()
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.query_one("#ex-result").render().plain[0] in "✓✗"
        assert len(draws) == 1
        await same_as_unheld(pilot, app, terminal)

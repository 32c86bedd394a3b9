"""Every key in the book reaches the terminal as one paint, with only what it changed.

Measured on the real app in a pseudo-terminal that supports synchronized output, so each
screen update Textual writes can be counted (tests/tui/pty_run.py).
"""

import pytest

from tests.tui.pty_run import PtyApp, paints

SIZE = (120, 40)


@pytest.fixture
def book(tmp_path):
    """Chapter 1 at 120×40, its first screen read (one paint), and how many bytes it took."""
    app = PtyApp(["--chapter", "1"], SIZE, {"NEURON_TUI_CONFIG_DIR": str(tmp_path)}, sync=True)
    try:
        first = app.read_until_quiet(until=b"Lab", quiet=1.0)
        assert paints(first) == 1, "the first screen came in more than one paint"
        yield app, len(first)
    finally:
        app.stop()


def press(app: PtyApp, key: str) -> bytes:
    app.type(key)
    return app.read_until_quiet(quiet=1.0, first_within=5.0)


def test_the_first_key_after_start_sends_only_what_it_changed(book):
    # Textual compares the first scroll after a layout with an empty map, so the first key
    # (in every chapter) used to repaint the whole screen: 16 KB for a page of prose.
    app, first = book
    sent = press(app, "\x1b[6~")  # pgdn: the prose scrolls, the lab stays as it is
    assert paints(sent) == 1
    assert 0 < len(sent) < first / 2, (len(sent), first)  # at most the prose pane


def test_going_to_the_exercise_and_answering_it_paint_once_each(book):
    app, first = book
    going = press(app, "e")
    assert paints(going) == 1, paints(going)
    answer = press(app, "0.74\r")  # chapter 1's first exercise asks for a number, typed whole
    assert b"Right" in answer
    assert paints(answer) == 1, paints(answer)
    assert len(answer) <= 3000, len(answer)  # the panel's rows, not the lab beside it (15 KB)


def test_the_contents_open_and_close_in_one_paint_each(book):
    # The contents came in four paints (the screen, its list, the highlight, the focus, 41 KB)
    # and closing them in two identical ones.
    app, first = book
    opening = press(app, "t")
    assert b"Contents" in opening
    assert paints(opening) == 1 and len(opening) < 1.3 * first, (paints(opening), len(opening))
    closing = press(app, "\x1b")
    assert paints(closing) == 1 and len(closing) < 1.3 * first, (paints(closing), len(closing))


def test_a_chapter_switch_is_one_paint(book):
    app, first = book
    sent = press(app, "]")
    assert b"Activation functions" in sent
    assert paints(sent) == 1, paints(sent)

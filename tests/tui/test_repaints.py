"""Over ssh every byte counts: a resize or a chapter switch repaints the screen once, not in a
storm of partial repaints. Measured on the real app in a pseudo-terminal."""

from tests.tui.pty_run import PtyApp


def first_screen_bytes(args, size, env):
    app = PtyApp(args, size, env)
    try:
        return len(app.read_until_quiet(until=b"Cost over steps" if "--lab" in args else b"Lab"))
    finally:
        app.stop()


def test_growing_the_terminal_repaints_once(tmp_path):
    env = {"NEURON_TUI_CONFIG_DIR": str(tmp_path)}
    full = first_screen_bytes(["--lab"], (120, 40), env)
    app = PtyApp(["--lab"], (100, 30), env)
    try:
        app.read_until_quiet(until=b"Cost over steps")
        app.resize(120, 40)
        sent = len(app.read_until_quiet())
    finally:
        app.stop()
    assert 0 < sent < 1.4 * full, (sent, full)  # three partial repaints used to send 1.9×


def test_a_chapter_switch_repaints_once(tmp_path):
    env = {"NEURON_TUI_CONFIG_DIR": str(tmp_path)}
    full = first_screen_bytes(["--chapter", "5"], (120, 40), env)
    app = PtyApp(["--chapter", "4"], (120, 40), env)
    try:
        app.read_until_quiet(until=b"Lab")
        app.type("]")
        sent = app.read_until_quiet()
    finally:
        app.stop()
    assert b"Gradient descent" in sent
    assert len(sent) < 1.2 * full, (len(sent), full)  # it used to send 2.5 screens


def test_going_from_the_lab_to_the_book_repaints_once(tmp_path):
    env = {"NEURON_TUI_CONFIG_DIR": str(tmp_path)}
    full = first_screen_bytes(["--chapter", "1"], (120, 40), env)
    app = PtyApp(["--lab"], (120, 40), env)
    try:
        app.read_until_quiet(until=b"Cost over steps")
        app.type("B")
        sent = app.read_until_quiet(until=b"Lab", quiet=1.0)
    finally:
        app.stop()
    # The footer used to lay itself out after the hold ended, and the book came twice.
    one_paint = 120 * 40 * 6  # about six bytes a cell at 256 colours
    assert len(sent) < one_paint and full < one_paint, (len(sent), full)


def test_the_first_screen_reaches_the_terminal_as_one_paint(tmp_path):
    # Textual's first full paint falls inside its mounting batch and is dropped; the partial
    # update that followed it used to reach the empty terminal first, then the full paint.
    app = PtyApp(["--lab"], (120, 40), {"NEURON_TUI_CONFIG_DIR": str(tmp_path)})
    try:
        out = app.read_until_quiet(until=b"Cost over steps")
    finally:
        app.stop()
    assert out.count("x₁".encode()) == 1, "the editor's first field was drawn more than once"


def test_the_next_pane_on_a_small_terminal_arrives_as_one_paint(tmp_path):
    app = PtyApp(["--lab"], (50, 18), {"NEURON_TUI_CONFIG_DIR": str(tmp_path)})
    try:
        app.read_until_quiet(until="Neuron".encode())
        app.type("P")  # the activation curve: laid out, then drawn for its size
        sent = app.read_until_quiet(until="σ′(z)".encode(), quiet=1.0)
    finally:
        app.stop()
    # without a hold it came in three paints (the title three times, 8 KB instead of 3.6 KB)
    assert sent.count("σ′(z)".encode()) == 1, "the pane reached the terminal more than once"

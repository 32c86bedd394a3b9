"""What a remote user's terminal shows after a session of partial updates is what a full repaint
shows: no number, marker or key is left stale by the ways a step is drawn cheaply (kept lines,
rows repainted alone, widgets handing their changes to the screen directly)."""

import pyte

from tests.tui.pty_run import PtyApp

COLS, ROWS = 100, 30


class Terminal:
    """The app in a pseudo-terminal, its output fed to a terminal emulator."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.app = PtyApp(args, (COLS, ROWS), env)
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)

    def read(self, **kwargs) -> None:
        """Feed the emulator everything the app writes until it goes quiet."""
        self.stream.feed(self.app.read_until_quiet(**kwargs))

    def press(self, keys: str) -> None:
        """Type ``keys`` and take in the answer."""
        self.app.type(keys)
        self.read(quiet=0.4)

    def cells(self) -> list[list[tuple]]:
        """Every cell's character and colours, as the user sees them."""
        return [[(c.data, c.fg, c.bg, c.bold, c.reverse) for c in
                 (self.screen.buffer[y][x] for x in range(COLS))] for y in range(ROWS)]

    def repaint_all(self) -> None:
        """Make the app paint every cell again: a resize away and back."""
        for cols in (COLS + 1, COLS):
            self.screen.resize(ROWS, cols)
            self.app.resize(cols, ROWS)
            self.read(quiet=0.6)


def test_a_session_of_steps_leaves_the_terminal_as_a_full_repaint_would(tmp_path):
    term = Terminal(["--lab"], {"NEURON_TUI_CONFIG_DIR": str(tmp_path)})
    try:
        term.read(until=b"Cost over steps")
        first = term.cells()
        for keys in ("s", "sss", " ", " ", "+", "u", "s"):
            term.press(keys)
        seen = term.cells()
        term.repaint_all()
        assert seen != first  # the steps did change what is on screen
        stale = [y for y, (a, b) in enumerate(zip(seen, term.cells())) if a != b]
        assert not stale, f"rows {stale} differ from a full repaint"
    finally:
        term.app.stop()

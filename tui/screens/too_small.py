"""Shown instead of a broken layout when the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.panes import MIN_HEIGHT, MIN_WIDTH

COMPACT_BELOW = 32
"""Below this many rows, panes trade their boxes for a one-line title (the book, the lab and
the playground alike)."""


def too_small(width: int, height: int) -> bool:
    """Whether a terminal of this size is below the minimum."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """Covers everything until the terminal is large enough; nothing underneath changes.

    The app's own keys do not reach a modal screen, so quitting is bound here.
    """

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: 100%; height: auto; content-align: center middle;
        text-align: center; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        """The message, sized to what is there."""
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        """Say what size is needed."""
        self.describe(self.app.size.width, self.app.size.height)

    def describe(self, width: int, height: int) -> None:
        """Update the message for the terminal's current size."""
        self.query_one(Static).update(
            f"neuron-tui needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; "
            f"this one is {width}×{height}.\nMake the window larger: everything is kept as it "
            "was. (q quits.)")

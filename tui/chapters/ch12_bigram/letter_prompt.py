"""A one-key prompt: the next letter (or ``.``) typed chooses what the letter view shows."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Label

from core.networks.bigram import ALPHABET


class LetterPrompt(ModalScreen[str | None]):
    """Waits for a–z or ``.``; escape gives up; any other key rings the bell."""

    BINDINGS = [Binding("escape", "close", "Cancel")]

    DEFAULT_CSS = """
    LetterPrompt { align: center middle; }
    LetterPrompt > Label { border: round $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._done = False

    def compose(self) -> ComposeResult:
        """One line of help."""
        yield Label("Type a letter a–z, or . for the start of a name (escape: cancel)")

    def on_key(self, event: events.Key) -> None:
        """A letter or ``.`` closes the prompt with it."""
        char = (event.character or "").lower()
        if event.key != "escape" and char and char in ALPHABET:
            event.stop()
            self._close(char)
        elif event.key != "escape":
            event.stop()
            self.app.bell()

    def action_close(self) -> None:
        """Escape: nothing chosen."""
        self._close(None)

    def _close(self, choice: str | None) -> None:
        # Keys of one burst can arrive before the screen has gone: only the first counts.
        if self.is_current and not self._done:
            self._done = True
            self.dismiss(choice)

"""What every chapter lab shares: it announces changes so the exercises can re-read it."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from tui.widgets.kept_lines import KeptVertical


class ChapterLab(KeptVertical):
    """A chapter's lab. Its keys work while the focus is anywhere inside it."""

    DEFAULT_CSS = """
    ChapterLab { height: 1fr; }
    """

    class Changed(Message):
        """The lab's numbers changed; questions that quote them must be re-read."""

    def changed(self) -> None:
        """Tell the book that the lab's state moved."""
        self.post_message(self.Changed())

    def focus_first(self, at_once: bool = False) -> None:
        """Put the focus on the lab's first field, or on the lab itself.

        ``at_once`` moves it now rather than after the messages already waiting (as
        ``focus()`` does), for a key that sends the learner here: the keys typed right behind
        it are the lab's. (A chapter being opened waits: focusing at once while the screen is
        still being set up left the key bar showing a terminal-too-small set of keys.)
        """
        for widget in self.query("*"):
            if isinstance(widget, Widget) and widget.focusable:
                if at_once:
                    self.screen.set_focus(widget)
                else:
                    widget.focus()
                return
        self.focus()

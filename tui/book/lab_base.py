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

    def focus_first(self) -> None:
        """Put the focus on the lab's first field, or on the lab itself."""
        for widget in self.query("*"):
            if isinstance(widget, Widget) and widget.focusable:
                widget.focus()
                return
        self.focus()

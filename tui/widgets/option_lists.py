"""Textual's option lists, laid out even where the terminal leaves them no room at all."""

from __future__ import annotations

from textual.command import CommandList
from textual.geometry import Size
from textual.widgets import OptionList


class NarrowSafe(OptionList):
    """An OptionList that measures one row per option when it has no width to wrap them in.

    Textual's own measure divides each option's text into lines as wide as the list less its
    padding; in a window shrunk to a few cells that is zero, and rich raised ValueError
    (``range() arg 3 must not be zero``) from inside the layout, ending the app. The too-small
    screen covers the list then, so what it measures only has to be harmless.
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The options' rows at ``width``; one per option if that leaves no room for text."""
        padding = self.get_component_styles("option-list--option").padding.width
        if width - padding < 1:
            return self.option_count
        return super().get_content_height(container, viewport, width)


class SteadyCommandList(CommandList, NarrowSafe):
    """The command palette's result list, :class:`NarrowSafe`."""

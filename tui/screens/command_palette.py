"""Textual's command palette, made to take keys as fast as a terminal delivers them.

ssh hands the app several quick keys in one read, and Textual's palette was not written for
that. Two enters in one read: the first picks a command and closes the palette, the second
finds the palette still handling its input and closes it again, popping the screen beneath
(``ScreenStackError``), and would run the command twice. A page key straight after ctrl+p
reaches a result list that has not been laid out yet, whose OptionList then looks up a line
it has not measured (``KeyError`` in ``OptionList._move_page``).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, LoadingIndicator, OptionList

from tui.widgets.option_lists import SteadyCommandList


class SteadyPalette(CommandPalette):
    """The command palette, closed once, whatever keys are still on their way."""

    _dismissed = False

    def compose(self) -> ComposeResult:
        """Textual's palette, with a result list that survives a window of a few cells."""
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield SteadyCommandList()
                yield LoadingIndicator()

    def dismiss(self, result: object = None) -> AwaitComplete:
        """Close the palette, once: a second request (a key already on its way) does nothing."""
        if self._dismissed:
            return AwaitComplete()
        self._dismissed = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _drop_once_dismissed(self, event: Message) -> None:
        # A pick arriving after the palette has closed is dropped before Textual's own
        # handlers (in the base class) see it: prevent_default stops the walk up the classes.
        if self._dismissed:
            event.stop()
            event.prevent_default()

    def _action_command_list(self, action: str) -> None:
        """Pass a list action on, except a page move in a list not laid out yet (no page)."""
        if action in ("page_up", "page_down") and not _laid_out(self.query_one(CommandList)):
            return
        super()._action_command_list(action)


def _laid_out(options: OptionList) -> bool:
    """Whether ``options`` has measured the line of its highlighted option, which a page move
    starts from (an OptionList with no size yet measures nothing)."""
    return (options.highlighted or 0) in options._index_to_line
